//! L105: a credit with no claim window.

use crate::lint::registry::{Category, Level, Rule};
use crate::lint::{Context, Finding};

pub static RULE: Rule = Rule {
    code: "L105",
    name: "credit-without-claim-window",
    category: Category::Completeness,
    default_level: Level::Warning,
    summary: "a service credit with no claim window",
    what: "Finds a `credit` table with no `claim` line saying when a credit may be claimed.",
    why: "Credits are usually owed only when claimed, within a window (\"每个自然月第五个工作日后 ... \
最迟不应晚于 ... 两个月内\"). Without it the report cannot say until when a credit can be claimed, \
and a customer reading it cannot tell a lapsed claim from an open one.",
    example: r#"contract "example" {
  timezone "Asia/Shanghai"
  service baas "区块链即服务"
  availability baas { target 99.80% }
  credit baas {
    basis monthly_fee
    band [0%, 99.80%) => 10%
    cap   25% of monthly_fee
  }
}
"#,
    fix: "Add the window: `claim opens 5th business day of next period, closes 2 months after period`.",
    fixed: r#"contract "example" {
  timezone "Asia/Shanghai"
  service baas "区块链即服务"
  availability baas { target 99.80% }
  credit baas {
    basis monthly_fee
    band [0%, 99.80%) => 10%
    cap   25% of monthly_fee
    claim opens 5th business day of next period, closes 2 months after period
  }
}
"#,
    peer_example: None,
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for cr in cx.contract.credits.iter().filter(|c| c.claim.is_none()) {
        out.push(
            Finding::new(cr.span, format!("the credits for `{}` have no claim window", cr.service))
                .label("no `claim` in this credit")
                .help("add when credits may be claimed: `claim opens 5th business day of next period, closes 2 months after period`")
                .cite(cr.citation.as_ref()),
        );
    }
}
