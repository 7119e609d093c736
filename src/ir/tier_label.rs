//! The one rule that turns an event's severity label into a tier, for
//! every reader: slac's own files, mapped files and tools' exports.
//!
//! 1. The label is trimmed of surrounding whitespace.
//! 2. A tier whose id, name or one of whose `labels` equals it exactly is
//!    the tier (the checker makes sure no two tiers share a label exactly).
//! 3. Otherwise the same comparison ignoring case: a tier it finds is the
//!    tier only when it is the only one. Two tiers that both match ignoring
//!    case (`p1` with labels `P1` and `p1`... on different tiers) leave the
//!    label ambiguous, which is an error rather than a guess.

use super::tier::Tier;

/// What a severity label names among the tiers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LabelMatch {
    /// The index of the tier.
    Tier(usize),
    /// No tier has the label, exactly or ignoring case.
    Unknown,
    /// No tier has it exactly, and several ignoring case: their indices.
    Ambiguous(Vec<usize>),
}

/// Matches `label` to one of `tiers` (see the module's rule).
pub fn match_label(tiers: &[Tier], label: &str) -> LabelMatch {
    let label = label.trim();
    if let Some(i) = tiers.iter().position(|t| names(t).any(|n| n == label)) {
        return LabelMatch::Tier(i);
    }
    let folded = label.to_lowercase();
    let loose: Vec<usize> = tiers
        .iter()
        .enumerate()
        .filter(|(_, t)| names(t).any(|n| n.to_lowercase() == folded))
        .map(|(i, _)| i)
        .collect();
    match loose.as_slice() {
        [] => LabelMatch::Unknown,
        [one] => LabelMatch::Tier(*one),
        _ => LabelMatch::Ambiguous(loose),
    }
}

/// Why a label that names no single tier is not read, as said after the
/// label: "is no tier of the contract", or for an ambiguous label which
/// tiers it could be.
pub fn why_no_tier(tiers: &[Tier], found: &LabelMatch) -> String {
    match found {
        LabelMatch::Ambiguous(list) => {
            let ids: Vec<&str> = list.iter().filter_map(|&i| tiers.get(i)).map(|t| t.id.as_str()).collect();
            format!(
                "names no tier exactly, and ignoring case it names {}; write the label as the contract does",
                ids.join(" and ")
            )
        }
        _ => "is no tier of the contract".to_string(),
    }
}

/// The names a tier answers to: its id, its name and its labels.
pub fn names(t: &Tier) -> impl Iterator<Item = &str> {
    std::iter::once(t.id.as_str()).chain(t.name.as_deref()).chain(t.labels.iter().map(|l| l.trim()))
}

/// The tiers and their labels, for messages: `S1/"critical"/"P1", S2/...`.
pub fn describe_tiers(tiers: &[Tier]) -> String {
    tiers
        .iter()
        .map(|t| {
            let mut names = vec![t.id.clone()];
            names.extend(t.labels.iter().map(|l| format!("\"{l}\"")));
            names.join("/")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tier(id: &str, name: Option<&str>, labels: &[&str]) -> Tier {
        Tier {
            name: name.map(str::to_string),
            labels: labels.iter().map(|l| l.to_string()).collect(),
            ..Tier::new(id, Default::default())
        }
    }

    fn tiers() -> Vec<Tier> {
        vec![
            tier("S1", Some("Critical"), &["P1", "high"]),
            tier("S2", Some("Major"), &["P2", "Medium"]),
            tier("S3", None, &["p2x", "P2X"]),
        ]
    }

    #[test]
    fn exact_names_first() {
        let t = tiers();
        for (label, want) in [("S1", 0), ("Critical", 0), ("P1", 0), (" high\t", 0), ("Medium", 1), ("p2x", 2)] {
            assert_eq!(match_label(&t, label), LabelMatch::Tier(want), "{label:?}");
        }
    }

    #[test]
    fn then_ignoring_case_when_only_one_tier_matches() {
        let t = tiers();
        for (label, want) in [("p1", 0), ("s1", 0), ("CRITICAL", 0), (" HIGH ", 0), ("medium", 1), ("major", 1)] {
            assert_eq!(match_label(&t, label), LabelMatch::Tier(want), "{label:?}");
        }
        // Both spellings on one tier: still that tier.
        assert_eq!(match_label(&t, "P2x"), LabelMatch::Tier(2));
    }

    #[test]
    fn several_tiers_ignoring_case_is_no_guess() {
        let t = vec![tier("A", None, &["Sev1"]), tier("B", None, &["SEV1"])];
        assert_eq!(match_label(&t, "Sev1"), LabelMatch::Tier(0));
        assert_eq!(match_label(&t, "SEV1"), LabelMatch::Tier(1));
        assert_eq!(match_label(&t, "sev1"), LabelMatch::Ambiguous(vec![0, 1]));
        assert_eq!(
            why_no_tier(&t, &match_label(&t, "sev1")),
            "names no tier exactly, and ignoring case it names A and B; write the label as the contract does"
        );
    }

    #[test]
    fn unknown_and_blank_labels() {
        let t = tiers();
        for label in ["P9", "", "  ", "S 1", "P1.", "Ｐ1"] {
            assert_eq!(match_label(&t, label), LabelMatch::Unknown, "{label:?}");
        }
    }
}
