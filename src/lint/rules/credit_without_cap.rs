//! L104: a credit with no cap.

use crate::lint::registry::{Category, Level, Rule};
use crate::lint::{Context, Finding};

pub static RULE: Rule = Rule {
    code: "L104",
    name: "credit-without-cap",
    category: Category::Completeness,
    default_level: Level::Warning,
    summary: "a service credit with no cap",
    what: "Finds a `credit` table with no `cap`.",
    why: "Agreements limit what credits can add up to in a period (\"不超过当月月度服务费用的25%\"). \
Without a cap the evaluator pays every band in full, which is rarely what the agreement says; if \
the agreement really has no cap, saying so keeps the next reader from looking for it.",
    example: r#"contract "example" {
  timezone "Asia/Shanghai"
  service baas "区块链即服务"
  availability baas { target 99.80% }
  credit baas {
    basis monthly_fee
    band [99.00%, 99.80%) => 10%
    band [0%, 99.00%)     => 25%
    claim opens 5th business day of next period, closes 2 months after period
  }
}
"#,
    fix: "Add the cap the agreement sets, such as `cap 25% of monthly_fee` or `cap CNY 5000.00`.",
    fixed: r#"contract "example" {
  timezone "Asia/Shanghai"
  service baas "区块链即服务"
  availability baas { target 99.80% }
  credit baas {
    basis monthly_fee
    band [99.00%, 99.80%) => 10%
    band [0%, 99.00%)     => 25%
    cap   25% of monthly_fee
    claim opens 5th business day of next period, closes 2 months after period
  }
}
"#,
    peer_example: None,
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for cr in cx.contract.credits.iter().filter(|c| c.cap.is_none()) {
        out.push(
            Finding::new(cr.span, format!("the credits for `{}` have no cap", cr.service))
                .label("no `cap` in this credit")
                .help("add the cap the agreement sets, such as `cap 25% of monthly_fee`")
                .cite(cr.citation.as_ref()),
        );
    }
}
