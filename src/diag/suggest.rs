//! "Did you mean ...?" for misspelt keywords, names, codes and rules: shared
//! by the checker, the linter and the CLI. Where a keyword written in the
//! wrong place belongs is the language's business (`check::clauses`).

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
/// and swaps of neighbours each cost one, counted in characters.
pub fn distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

/// `, did you mean `x`?` or nothing.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    closest(word, candidates).map(|c| format!("did you mean `{c}`?"))
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
        // Counted in characters, not bytes: one substitution of a CJK
        // character, one swap of two.
        assert_eq!(distance("一级故障", "二级故障"), 1);
        assert_eq!(distance("一级故障", "级一故障"), 1);
        // OSA, not Damerau: a swapped pair is not edited again.
        assert_eq!(distance("ca", "abc"), 3);
    }
}
