//! L107: a promise that leaves the evaluator to fall back on a default.

use crate::lint::registry::{Category, Level, Rule};
use crate::lint::{Context, Finding};

pub static RULE: Rule = Rule {
    code: "L107",
    name: "silent-default",
    category: Category::Completeness,
    default_level: Level::Warning,
    summary: "a promise that leaves evaluation to a default (period, partial periods, minute rule, minimum outage, clock)",
    what: "Finds an availability promise that does not state its `period`, its `partial` period \
policy, its `minute` rule or its `minimum outage`; a durability promise with no period; and a \
tier with no `clock`. For each, evaluation falls back on a default: a calendar month, partial periods skipped, a minute down below 90% success, a 1-minute minimum \
outage, a 24x7 clock.",
    why: "The defaults follow the most common wording, but agreements differ on exactly these \
points (seed 002 counts a partial month as whole and a minute as down only when every attempt \
failed; seeds 000 and 001 ignore outages shorter than 5 minutes). A contract that is silent \
cannot be told apart from one whose author forgot the clause.",
    example: r#"contract "example" {
  timezone "Asia/Shanghai"
  service esign "电子签约平台"
  availability esign {
    target 99.95%
  }
  tier L1 "一级故障" {
    respond within 15min
    resolve within 2h
  }
}
"#,
    fix: "Write each choice, even when it is the default, citing the clause that makes it.",
    fixed: r#"contract "example" {
  timezone "Asia/Shanghai"
  service esign "电子签约平台"
  availability esign {
    target  99.95%
    period  month                            § "3.8(1)"
    partial skipped                          § "3.8(1)"
    minute  down when success below 90%      § "3.8"
    minimum outage 5min                      § "3.8(2)"
  }
  tier L1 "一级故障" {
    respond within 15min
    resolve within 2h
    clock   24x7
  }
}
"#,
    peer_example: None,
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let c = cx.contract;
    for a in &c.availability {
        let mut missing = Vec::new();
        if a.period.is_none() {
            missing.push(("the period", "period month"));
        }
        if a.partial.is_none() {
            missing.push(("what a partial period counts as", "partial skipped"));
        }
        if a.minute_rule.is_none() {
            missing.push(("when a minute is down", "minute down when success below 90%"));
        }
        if a.minimum_outage.is_none() {
            missing.push(("the shortest outage that counts", "minimum outage 1min"));
        }
        if missing.is_empty() {
            continue;
        }
        let what: Vec<&str> = missing.iter().map(|m| m.0).collect();
        let lines: Vec<String> = missing.iter().map(|m| format!("`{}`", m.1)).collect();
        out.push(
            Finding::new(a.span, format!("the availability of `{}` does not say {}", a.service, join(&what)))
                .label("evaluation falls back on defaults here")
                .help(format!(
                    "write what the agreement says; the defaults are {}",
                    join(&lines.iter().map(String::as_str).collect::<Vec<_>>())
                ))
                .cite(a.citation.as_ref()),
        );
    }
    for d in c.durability.iter().filter(|d| d.period.is_none()) {
        out.push(
            Finding::new(d.span, format!("the durability of `{}` does not say its period", d.service))
                .label("a calendar month by default")
                .help("write the period with the target: `target 99.99999999% per month`")
                .cite(d.citation.as_ref()),
        );
    }
    for t in c.tiers.iter().filter(|t| t.clock.is_none() && t.clock_by.is_none()) {
        out.push(
            Finding::new(t.span, format!("tier `{}` does not say which clock its limits run on", t.id))
                .label("runs on 24x7 by default")
                .help("add `clock 24x7`, or `clock NAME` with a calendar such as `calendar office = mon-fri 09:00-18:00 except holidays cn`")
                .cite(t.citation.as_ref()),
        );
    }
}

/// `a`, `a and b`, `a, b and c`.
pub(crate) fn join(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
