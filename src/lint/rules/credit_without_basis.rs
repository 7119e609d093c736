//! L106: a credit with no basis.

use crate::lint::registry::{Category, Level, Rule};
use crate::lint::{Context, Finding};

pub static RULE: Rule = Rule {
    code: "L106",
    name: "credit-without-basis",
    category: Category::Completeness,
    default_level: Level::Warning,
    summary: "a service credit with no basis",
    what: "Finds a `credit` table with no `basis` line saying what its percentages are a \
percentage of.",
    why: "\"10%\" means nothing until it is 10% of something: the monthly fee of the service (or \
of one instance), the contract's value, a fixed sum. The evaluator falls back on the monthly \
fee; the agreement may mean something else.",
    example: r#"contract "example" {
  timezone "Asia/Shanghai"
  service baas "区块链即服务"
  availability baas { target 99.80% }
  credit baas {
    band [0%, 99.80%) => 10%
    cap   25% of monthly_fee
    claim closes 2 months after period
  }
}
"#,
    fix: "Add the basis: `basis monthly_fee`, `basis contract_value` or `basis CNY 1000.00`.",
    fixed: r#"contract "example" {
  timezone "Asia/Shanghai"
  service baas "区块链即服务"
  availability baas { target 99.80% }
  credit baas {
    basis monthly_fee
    band [0%, 99.80%) => 10%
    cap   25% of monthly_fee
    claim closes 2 months after period
  }
}
"#,
    peer_example: None,
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for cr in cx.contract.credits.iter().filter(|c| c.basis.is_none()) {
        out.push(
            Finding::new(cr.span, format!("the credits for `{}` do not say what they are a percentage of", cr.service))
                .label("no `basis` in this credit")
                .help("add `basis monthly_fee` (the service's fee for the period), `basis contract_value` or a fixed amount")
                .cite(cr.citation.as_ref()),
        );
    }
}
