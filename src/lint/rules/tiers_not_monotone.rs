//! L201: a more severe tier with a longer limit than a less severe one.

use crate::ir::{ClockRef, Limit, ResolutionKind, Tier};
use crate::lint::registry::{Category, Level, Rule};
use crate::lint::{Context, Finding};
use std::collections::HashMap;

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
    peer_example: None,
    check,
};

/// Reads one of a tier's limits.
type LimitOf = fn(&Tier) -> Option<Limit>;

/// For every tier, the fastest comparable limit among the tiers declared
/// after it, found in one sweep from the least severe tier up (a contract
/// of many tiers must not cost a comparison of every pair). Ties go to the
/// tier declared first, as a scan from the top would find it.
fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let tiers = &cx.contract.tiers;
    let kinds: [(&str, &str, LimitOf); 2] = [
        // Rules (business days, cut-offs) are not amounts of open time to
        // compare.
        ("answered", "respond within", |t| t.response.filter(|l| l.rule.is_open_time())),
        ("resolved", "resolve within", |t| t.resolution.filter(|l| l.rule.is_open_time())),
    ];
    for (verb, keyword, get) in kinds {
        // The fastest limit seen so far by clock (and, for resolution, by
        // kind: an advice limit is not compared with a resolution limit).
        let mut fastest: HashMap<(ClockRef, Option<ResolutionKind>), (Limit, usize)> = HashMap::new();
        let mut slower_than: Vec<Option<(usize, Limit)>> = vec![None; tiers.len()];
        for (i, severe) in tiers.iter().enumerate().rev() {
            let Some(limit) = get(severe) else { continue };
            let kind = (verb == "resolved").then_some(severe.resolution_kind);
            let own = (severe.clock_or_default(), kind);
            // `comparable`: a lesser tier on the same clock, or on 24x7.
            slower_than[i] = [own.clone(), (ClockRef::Always, kind)]
                .iter()
                .filter_map(|key| fastest.get(key))
                .filter(|(l, _)| l.seconds < limit.seconds)
                .min_by_key(|(l, j)| (l.seconds, *j))
                .map(|(l, j)| (*j, *l));
            match fastest.get(&own) {
                Some((l, _)) if l.seconds < limit.seconds => {}
                _ => {
                    fastest.insert(own, (limit, i));
                }
            }
        }
        for (severe, found) in tiers.iter().zip(slower_than) {
            let (Some((j, lesser_limit)), Some(limit)) = (found, get(severe)) else { continue };
            let Some(lesser) = tiers.get(j) else { continue };
            out.push(finding(severe, limit, lesser, lesser_limit, verb, keyword));
        }
    }
}

fn finding(severe: &Tier, limit: Limit, lesser: &Tier, lesser_limit: Limit, verb: &str, keyword: &str) -> Finding {
    let verb = if verb == "resolved" && severe.resolution_kind == ResolutionKind::Advise { "advised" } else { verb };
    let keyword = if verb == "advised" { "advise within" } else { keyword };
    Finding::new(
        limit.span,
        format!(
            "tier `{}` is {verb} within {}, more slowly than the less severe tier `{}` ({})",
            severe.id, limit.seconds, lesser.id, lesser_limit.seconds
        ),
    )
    .label(format!("longer than the {} `{}` allows", lesser_limit.seconds, lesser.id))
    .related(lesser_limit.span, format!("`{}` is declared after `{}`, so it is less severe", lesser.id, severe.id))
    .help(format!(
        "tiers are declared most severe first: give `{}` `{keyword} {}` or less, or move the tiers so the \
most severe comes first",
        severe.id, lesser_limit.seconds
    ))
    .cite(severe.citation.as_ref())
}

#[cfg(test)]
mod tests {
    use crate::lint::LintConfig;
    use crate::testing::lint_source;
    use proptest::prelude::*;

    /// One generated tier: its clock (0 = 24x7, 1 = office, 2 = hotline),
    /// whether it advises rather than resolves, and its limits in minutes.
    type Spec = (u8, bool, Option<u16>, Option<u16>);

    fn contract(tiers: &[Spec]) -> String {
        let mut text = String::from(
            "contract \"p\" {\n  timezone \"Asia/Shanghai\"\n  calendar office = mon-fri 09:00-18:00\n  calendar hotline = daily 08:00-21:00\n",
        );
        for (i, (clock, advise, respond, resolve)) in tiers.iter().enumerate() {
            text.push_str(&format!("  tier T{i} {{\n"));
            if let Some(m) = respond {
                text.push_str(&format!("    respond within {m}min\n"));
            }
            if let Some(m) = resolve {
                text.push_str(&format!("    {} within {m}min\n", if *advise { "advise" } else { "resolve" }));
            }
            text.push_str(&format!("    clock {}\n  }}\n", ["24x7", "office", "hotline"][usize::from(*clock)]));
        }
        text + "}\n"
    }

    /// The rule as it reads, pair by pair: for each tier and limit, the
    /// fastest faster limit of a later comparable tier, the first one on ties.
    fn pairwise(tiers: &[Spec]) -> Vec<String> {
        let mut out = Vec::new();
        for (i, severe) in tiers.iter().enumerate() {
            for resolution in [false, true] {
                let get = |t: &Spec| if resolution { t.3 } else { t.2 };
                let Some(limit) = get(severe) else { continue };
                let found = tiers[i + 1..]
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| t.0 == severe.0 || t.0 == 0)
                    .filter(|(_, t)| !resolution || t.1 == severe.1)
                    .filter_map(|(j, t)| get(t).map(|l| (i + 1 + j, l)))
                    .filter(|(_, l)| *l < limit)
                    .min_by_key(|(_, l)| *l);
                if let Some((j, _)) = found {
                    out.push(format!("T{i} than T{j}"));
                }
            }
        }
        out.sort();
        out
    }

    proptest! {
        #[test]
        fn the_sweep_finds_what_comparing_every_pair_finds(
            tiers in prop::collection::vec(
                (0u8..3, any::<bool>(), prop::option::of(1u16..6), prop::option::of(1u16..6))
                    .prop_filter("a tier has a limit", |t| t.2.is_some() || t.3.is_some()),
                1..9,
            )
        ) {
            let (c, findings) = lint_source("p.sla", &contract(&tiers), &LintConfig::default());
            prop_assert!(!c.has_errors(), "{:?}", c.diags);
            let mut got: Vec<String> = findings
                .iter()
                .filter(|d| d.code == "L201")
                .map(|d| {
                    let ids: Vec<&str> = d.message.split('`').skip(1).step_by(2).collect();
                    format!("{} than {}", ids[0], ids[1])
                })
                .collect();
            got.sort();
            prop_assert_eq!(got, pairwise(&tiers));
        }
    }
}
