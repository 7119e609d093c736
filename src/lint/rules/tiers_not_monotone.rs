//! L201: a more severe tier with a longer limit than a less severe one.

use crate::ir::{ClockRef, Limit, ResolutionKind, Tier};
use crate::lint::registry::{Category, Level, Rule};
use crate::lint::{Context, Finding};

pub static RULE: Rule = Rule {
    code: "L201",
    name: "tiers-not-monotone",
    category: Category::Correctness,
    default_level: Level::Warning,
    summary: "a more severe tier answered or resolved more slowly than a less severe one",
    what: "Tiers are declared most severe first. This rule finds a tier whose response or \
resolution limit is longer than that of a tier declared after it (less severe). Limits are \
compared where the comparison is sure: both tiers on the same clock, or the less severe one on \
`24x7` (a business clock never runs faster than `24x7`). Advice limits are compared only with \
advice limits.",
    why: "A severity 1 incident answered more slowly than a severity 2 is almost always a \
transcription slip: tiers swapped, a row misread from the agreement's table (seed 000 lists its \
tiers from least to most severe), or hours written as minutes.",
    example: r#"contract "example" {
  timezone "Asia/Shanghai"
  tier P0 "紧急" {
    respond within 15min
    resolve within 8h
    clock 24x7
  }
  tier P1 "高" {
    respond within 30min
    resolve within 4h
    clock 24x7
  }
}
"#,
    fix: "Make each tier's limits no longer than those of the tiers after it, or reorder the \
tiers so that the most severe comes first.",
    fixed: r#"contract "example" {
  timezone "Asia/Shanghai"
  tier P0 "紧急" {
    respond within 15min
    resolve within 2h
    clock 24x7
  }
  tier P1 "高" {
    respond within 30min
    resolve within 4h
    clock 24x7
  }
}
"#,
    check,
};

/// Reads one of a tier's limits.
type LimitOf = fn(&Tier) -> Option<Limit>;

/// Is a limit on `severe`'s clock surely slower than the same limit on
/// `lesser`'s clock would be? Equal clocks, or a lesser tier on 24x7.
fn comparable(severe: &Tier, lesser: &Tier) -> bool {
    let (a, b) = (severe.clock_or_default(), lesser.clock_or_default());
    a == b || b == ClockRef::Always
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let tiers = &cx.contract.tiers;
    for (i, severe) in tiers.iter().enumerate() {
        let later = &tiers[i + 1..];
        let kinds: [(&str, &str, LimitOf); 2] =
            [("answered", "respond within", |t| t.response), ("resolved", "resolve within", |t| t.resolution)];
        for (verb, keyword, get) in kinds {
            let Some(limit) = get(severe) else { continue };
            let faster = later
                .iter()
                .filter(|t| comparable(severe, t))
                .filter(|t| verb == "answered" || t.resolution_kind == severe.resolution_kind)
                .filter_map(|t| get(t).map(|l| (t, l)))
                .filter(|(_, l)| l.seconds < limit.seconds)
                .min_by_key(|(_, l)| l.seconds);
            let Some((lesser, lesser_limit)) = faster else { continue };
            let verb =
                if verb == "resolved" && severe.resolution_kind == ResolutionKind::Advise { "advised" } else { verb };
            let keyword = if verb == "advised" { "advise within" } else { keyword };
            out.push(
                Finding::new(
                    limit.span,
                    format!(
                        "tier `{}` is {verb} within {}, more slowly than the less severe tier `{}` ({})",
                        severe.id, limit.seconds, lesser.id, lesser_limit.seconds
                    ),
                )
                .label(format!("longer than the {} `{}` allows", lesser_limit.seconds, lesser.id))
                .related(
                    lesser_limit.span,
                    format!("`{}` is declared after `{}`, so it is less severe", lesser.id, severe.id),
                )
                .help(format!(
                    "tiers are declared most severe first: give `{}` `{keyword} {}` or less, or move the tiers so the \
most severe comes first",
                    severe.id, lesser_limit.seconds
                ))
                .cite(severe.citation.as_ref()),
            );
        }
    }
}
