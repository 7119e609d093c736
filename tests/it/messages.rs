//! What an "expected ..." message names: a KIND of value ("a duration such
//! as `15min`", "a whole number such as `2`"), never a whole clause. The
//! clause's example belongs in the help line.
//!
//! The rule checked, robust to wording, on the part of the message before
//! its ", found": no figure outside quotes (a clause such as `closes 2
//! months after period` has one, a kind has none), no quoted snippet of more
//! than one value (`2 months` and `CNY 12000.00` are values, `currency CNY`
//! is a clause) and no more than twelve words.
//!
//! The messages are driven out of the checker by breaking the shipped
//! contracts one value at a time: every statement line, in the blocks that
//! hold it, with each of its values replaced by a value of another kind or
//! cut off there.

use slac::driver::compile_source;
use std::collections::BTreeSet;

/// Values of every kind, put where another kind belongs.
const WRONG: &[&str] = &["60d", "7", "0.5", "\"x\"", "zz", "99%", "CNY 5", "2025-01-01", "2x", "5th", "09:00-18:00"];

/// Is a quoted snippet of an "expected" message a clause rather than a value?
fn quotes_a_clause(snippet: &str) -> bool {
    let words: Vec<&str> = snippet.split_whitespace().collect();
    match words.as_slice() {
        [] | [_] => false,
        [first, _] => first.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
        _ => true,
    }
}

/// The part of an "expected" message that says what is wanted: up to its
/// ", found".
fn wanted(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("expected ")?;
    Some(rest.split(", found").next().unwrap_or(rest))
}

/// Does what an "expected" message wants read as a clause rather than a
/// kind of value? A clause shows itself by a quoted snippet of several
/// words, by a figure outside quotes (`claim opens 5th ...`) or by length.
fn names_a_clause(message: &str) -> bool {
    let Some(wanted) = wanted(message) else { return false };
    let mut parts = wanted.split('`');
    let mut prose = Vec::new();
    let mut quoted = Vec::new();
    while let Some(outside) = parts.next() {
        prose.push(outside);
        quoted.extend(parts.next());
    }
    let prose = prose.join(" ");
    quoted.iter().any(|s| quotes_a_clause(s))
        || prose.chars().any(|c| c.is_ascii_digit())
        || prose.split_whitespace().count() > 12
}

#[test]
fn the_rule_tells_a_clause_from_a_kind() {
    // The message of issue 18, and its neighbours.
    assert!(names_a_clause(
        "expected the months, claim opens 5th business day of next period, closes 2 months after period, found a duration"
    ));
    assert!(names_a_clause("expected the months, `closes 2 months after period`"));
    assert!(names_a_clause("expected the N of `1 in N`, found a percentage"));
    assert!(!names_a_clause("expected the number of months, a whole number such as `2`, found a duration"));
    assert!(!names_a_clause("expected the basis, an amount such as `CNY 12000.00`"));
    assert!(!names_a_clause("expected `in`, found `on office`"));
    assert!(!names_a_clause("the claim window says neither when it opens nor when it closes"));
    for value in ["2 months", "CNY 12000.00", "15min", "2025-11-01..2025-11-12", "=>", "24x7", "15 minutes"] {
        assert!(!quotes_a_clause(value), "{value}");
    }
}

/// The words and quoted texts of a line, each with its byte range.
fn tokens(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        if bytes[i] == b'"' {
            i += 1;
            while i < bytes.len() && bytes[i] != b'"' {
                i += 1;
            }
            i = (i + 1).min(bytes.len());
        } else {
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b',' {
                i += 1;
            }
        }
        out.push((start, i));
        // A comma is a separator, not part of the value before it.
        while i < bytes.len() && bytes[i] == b',' {
            i += 1;
        }
    }
    out
}

/// Each statement line of a contract with the block openers around it.
fn lines_in_context(text: &str) -> BTreeSet<(Vec<String>, String)> {
    let mut out = BTreeSet::new();
    let mut openers: Vec<String> = Vec::new();
    let mut in_long_text = false;
    for raw in text.lines() {
        // Prose in `"""` spans lines: its lines are no statements.
        if raw.matches("\"\"\"").count() % 2 == 1 {
            in_long_text = !in_long_text;
            continue;
        }
        // Comments and citations (`§ "2.8"`) are not values of the line.
        let line = raw.split("//").next().unwrap_or_default();
        let line = line.split('§').next().unwrap_or_default().trim();
        if in_long_text || line.is_empty() || line.starts_with('#') || line.contains("\"\"\"") {
            continue;
        }
        if line.starts_with('}') {
            openers.pop();
            continue;
        }
        if line.starts_with("contract ") || line.starts_with("import ") {
            if line.ends_with('{') {
                openers.push(String::new());
            }
            continue;
        }
        if line.ends_with('{') {
            out.insert((openers.iter().skip(1).cloned().collect(), line.trim_end_matches('{').trim().to_owned()));
            openers.push(line.to_owned());
        } else if !openers.is_empty() {
            out.insert((openers.iter().skip(1).cloned().collect(), line.to_owned()));
        }
    }
    out
}

#[test]
fn no_expected_message_names_a_clause() {
    let mut contexts = BTreeSet::new();
    for path in crate::sla_files("contracts") {
        let text = std::fs::read_to_string(crate::repo().join(&path)).expect("a shipped contract can be read");
        contexts.extend(lines_in_context(&text));
    }
    assert!(contexts.len() > 100, "only {} lines to break", contexts.len());
    let mut bad = BTreeSet::new();
    let mut expected_messages = 0;
    for (openers, line) in &contexts {
        let toks = tokens(line);
        for (i, &(start, end)) in toks.iter().enumerate().skip(1) {
            let cut = line[..start].trim_end().to_owned();
            let variants = WRONG
                .iter()
                .map(|w| format!("{}{w}{}", &line[..start], &line[end..]))
                .chain(std::iter::once(cut))
                .chain((i + 1 == toks.len()).then(|| format!("{line} zz")));
            for broken in variants {
                let mut text = String::from("contract \"t\" {\n  timezone \"Asia/Shanghai\"\n  currency CNY\n");
                for o in openers {
                    text.push_str(&format!("{o}\n"));
                }
                text.push_str(&format!("{broken}\n"));
                for _ in openers {
                    text.push_str("}\n");
                }
                text.push_str("}\n");
                for d in compile_source("t.sla", &text).diags {
                    if !d.message.starts_with("expected ") {
                        continue;
                    }
                    expected_messages += 1;
                    if names_a_clause(&d.message) {
                        bad.insert(format!("{}: {}\n    from `{broken}`", d.code, d.message));
                    }
                }
            }
        }
    }
    assert!(expected_messages > 100, "only {expected_messages} expected messages were produced");
    assert!(
        bad.is_empty(),
        "expected messages that quote a clause:\n{}",
        bad.into_iter().collect::<Vec<_>>().join("\n")
    );
}
