//! "Did you mean ...?" for misspelt keywords and names, and where a
//! keyword written in the wrong place belongs.

/// The closest candidate within a small edit distance, if any.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word_lc = word.to_lowercase();
    let len = word.chars().count();
    let limit = (len / 3).max(1) + 1;
    candidates
        .into_iter()
        // Lengths further apart than the limit cannot be within it; this
        // also keeps a very long word from costing a full comparison.
        .filter(|c| c.chars().count().abs_diff(len) <= limit)
        .map(|c| (distance(&word_lc, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Optimal string alignment distance: insertions, deletions, substitutions
/// and swaps of neighbours each cost one.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1).min(rows[i][j - 1] + 1).min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

/// `, did you mean `x`?` or nothing.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    closest(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

/// Where a keyword belongs, when it is a real keyword written in the wrong
/// place: a field at the top of the contract, or a clause inside a block.
pub fn misplaced(keyword: &str, context: &str) -> Option<String> {
    const HOMES: &[(&[&str], &str, &str)] = &[
        (
            &["target", "period", "partial"],
            "an `availability` or `durability` block",
            "availability esign { target 99.95% }",
        ),
        (
            &["minute", "missing", "minimum", "formula", "budget"],
            "an `availability` block",
            "availability esign { minimum outage 5min }",
        ),
        (&["unit"], "a `durability` block", "durability oss { unit objects }"),
        (
            &["respond", "resolve", "advise", "clock", "responders", "notify", "exempt", "override", "labels"],
            "a `tier` block",
            "tier L1 \"一级故障\" { respond within 15min }",
        ),
        (&["band", "basis", "form", "claim"], "a `credit` block", "credit esign { band [99.00%, 99.95%) => 10% }"),
        (&["cap"], "a `credit`, `penalty` or `liability` block", "liability direct_loss { cap 2x contract_value }"),
        (
            &["deduct", "applies"],
            "a `penalty` block",
            "penalty late { deduct 0.5% of contract_value per started hour over resolution }",
        ),
        (&["option"], "an `entitlement` block", "entitlement esign { option extend_service 1 month }"),
        (&["window", "planned", "emergency"], "the `maintenance` block", "maintenance { planned notice 72h }"),
        (&["hours", "booking", "note"], "a `channel` block", "channel hotline \"热线\" { hours 24x7 }"),
        (
            &["component", "components", "measured", "fee"],
            "a `service` block",
            "service esign \"电子签约\" { measured per service }",
        ),
        (&["at"], "an `escalation` block", "escalation { at 80% \"预警\" }"),
        (&["rto", "rpo"], "the `recovery` block", "recovery { rto < 15min }"),
    ];
    if context == "a contract" {
        let (_, home, example) = HOMES.iter().find(|(words, _, _)| words.contains(&keyword))?;
        return Some(format!("`{keyword}` belongs in {home}, such as `{example}`"));
    }
    super::ITEM_KEYWORDS.contains(&keyword).then(|| {
        format!("`{keyword}` is a clause of the contract: write it outside this block, at the contract's top level")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos() {
        assert_eq!(closest("respnd", ["respond", "resolve"]), Some("respond"));
        assert_eq!(closest("taregt", ["target", "period"]), Some("target"));
        assert_eq!(closest("zzz", ["target", "period"]), None);
        assert_eq!(distance("ab", "ba"), 1);
    }
}
