//! L304: an escalation that speaks of resolving (or of responding) but
//! follows both clocks.

use crate::ir::EscalationThreshold;
use crate::lint::registry::{Category, Level, Rule};
use crate::lint::{Context, Finding};

pub static RULE: Rule = Rule {
    code: "L304",
    name: "escalation-clock-unstated",
    category: Category::Suspicious,
    default_level: Level::Warning,
    summary: "an escalation whose actions speak of one clock but that follows both",
    what: "Finds an `escalation` clause without `on` (so it watches the response and the \
resolution clock alike) whose actions speak only of resolving (解决, 恢复, resolve, restore, \
fix) or only of responding (响应, 回复, respond, reply).",
    why: "An escalation is reported on the clock that crosses its threshold. \"若乙方未在SLA时间内\
解决，甲方有权要求乙方技术总监介入\" (seed 004) is a right that arises when a resolution is \
late; left on both clocks, an incident that is merely late in its first response shows the \
customer a right the agreement does not give, while its resolution clock is at 18.75%.",
    example: r#"contract "example" {
  timezone "Asia/Shanghai"
  escalation {
    at 100% "未在SLA时间内解决:甲方有权要求乙方技术总监介入"
  }
}
"#,
    fix: "Name the clock the agreement means: `escalation on resolution` or `escalation on \
response`; write `escalation on both` where both clocks are meant.",
    fixed: r#"contract "example" {
  timezone "Asia/Shanghai"
  escalation on resolution {
    at 100% "未在SLA时间内解决:甲方有权要求乙方技术总监介入"
  }
}
"#,
    peer_example: None,
    check,
};

const RESOLVING: &[&str] = &["解决", "恢复", "修复", "resolv", "restor", "fix"];
const RESPONDING: &[&str] = &["响应", "回复", "答复", "respond", "response", "repl", "acknowledg"];

/// Does the threshold's action use one of the words?
fn speaks_of(t: &EscalationThreshold, words: &[&str]) -> bool {
    let Some(action) = t.action.as_deref() else { return false };
    let action = action.to_lowercase();
    words.iter().any(|w| action.contains(w))
}

/// The clock a threshold's action speaks of, when it is exactly one.
fn one_clock(t: &EscalationThreshold) -> Option<&'static str> {
    match (speaks_of(t, RESOLVING), speaks_of(t, RESPONDING)) {
        (true, false) => Some("resolution"),
        (false, true) => Some("response"),
        _ => None,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let c = cx.contract;
    let all = c.escalation.iter().chain(c.tiers.iter().flat_map(|t| &t.escalation));
    for t in all.filter(|t| !t.clock_written) {
        let Some(clock) = one_clock(t) else { continue };
        let doing = if clock == "resolution" { "resolving" } else { "responding" };
        out.push(
            Finding::new(t.span, format!("this escalation speaks of {doing} but follows both clocks"))
                .label("watches the response and the resolution clock")
                .help(format!(
                    "write `escalation on {clock}` so only that clock reaches it; `escalation on both` if both are meant"
                ))
                .cite(t.citation.as_ref()),
        );
    }
}
