//! The front end never panics: not on arbitrary bytes, not on strings made
//! of the grammar's own characters, not on a valid contract with a few
//! characters, tokens or lines changed. Every diagnostic it reports lies
//! within the file, on character boundaries, and renders.
//!
//! Failures are not persisted to a file: a failing case is turned into a
//! named regression test at the bottom of this file instead.

use proptest::prelude::*;
use proptest::sample::{Index, select};
use slac::diag::render::{self, HumanStyle};
use slac::driver::compile_source;
use slac::source::SourceFile;

/// A valid contract of about a hundred lines to mutate.
const SEED: &str = include_str!("../fixtures/contracts/objstore.sla");

/// Contracts whose clauses between them take every kind of number: targets,
/// budgets, durability claims, credit bands and caps, penalties, liability,
/// amounts, durations and dates.
const NUMBER_SEEDS: &[&str] = &[
    SEED,
    include_str!("../../contracts/jdcloud-baas.sla"),
    include_str!("../../contracts/ecommerce-cs-ops-2025.sla"),
    include_str!("../eval/penalties/contract.sla"),
    include_str!("../lint/budget-claim-mismatch/fail.sla"),
    include_str!("../lint/durability-claim-mismatch/fail.sla"),
];

/// Numbers that do not fit, or only just: written in place of a number of a
/// seed (with its unit, if any, kept after it).
const HUGE_NUMBERS: &[&str] = &[
    "9999999999999999999999999999",
    "99999999999999999999999999999",
    "79228162514264337593543950335",
    "7922816251426433759354395033.5",
    "0.0000000000000000000000000001",
    "99999999999999999999",
    "999999999999999.99",
    "1000000000000000",
    "18446744073709551616",
    "9223372036854775807",
    "4294967296",
    "1e999",
    "-0",
    "-1",
    "0",
    "10^99",
    "1000000",
    "9999-12-31",
    "0000-01-01",
];

/// The characters the grammar gives meaning to, and some it does not.
const ALPHABET: &[char] = &[
    '{', '}', '[', ']', '(', ')', '"', '§', '#', '!', '%', ':', ';', ',', '.', '-', '=', '>', '<', '/', '*', '^', '\\',
    '_', ' ', ' ', ' ', '\n', '\n', '\t', '\r', '0', '1', '2', '4', '5', '9', 'a', 'e', 'h', 'm', 'n', 'x', 's', 'C',
    'N', 'Y', '中', '级', '，', '（', '“', '×', '\u{3000}',
];

/// Tokens worth inserting: pieces of the syntax, right and wrong.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "\"",
    "\"\"\"",
    "§",
    "§ \"4.8\"",
    "#[allow(x)]",
    "#![deny(y)]",
    "15min",
    "0min",
    "99.95%",
    "100.5%",
    "CNY 1.00",
    "USD 2",
    "2025-02-30",
    "2025-01-01..",
    "2025-06",
    "09:00-18:00",
    "25:61",
    "24x7",
    "[99%, 1%)",
    "=>",
    "tier",
    "respond",
    "within",
    "calendar",
    "service",
    "contract \"x\" {",
    "import \"x.sla\"",
    "mon-fri",
    "fri-mon",
    "，",
    "中文",
    "99999999999999999999999999999",
    "10^99",
    "1_000",
    "5th",
    "2x",
    "-",
    "..",
    "/*",
    "*/",
    "//",
    "\\u{D800}",
    "\\",
    ";",
    ",",
];

#[derive(Debug, Clone)]
enum Mutation {
    DeleteChar(Index),
    InsertChar(Index, char),
    ReplaceChar(Index, char),
    DeleteToken(Index),
    InsertToken(Index, &'static str),
    ReplaceToken(Index, &'static str),
    SwapLines(Index, Index),
    DuplicateLine(Index),
    /// Pad a line at a character with tens of thousands of spaces (past
    /// 65,535 columns, where miette's padding used to panic).
    LongLine(Index, usize),
    /// Write one of [`HUGE_NUMBERS`] in place of a run of digits.
    HugeNumber(Index, &'static str),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let ch = || select(ALPHABET);
    let token = || select(TOKENS);
    prop_oneof![
        any::<Index>().prop_map(Mutation::DeleteChar),
        (any::<Index>(), ch()).prop_map(|(i, c)| Mutation::InsertChar(i, c)),
        (any::<Index>(), ch()).prop_map(|(i, c)| Mutation::ReplaceChar(i, c)),
        any::<Index>().prop_map(Mutation::DeleteToken),
        (any::<Index>(), token()).prop_map(|(i, t)| Mutation::InsertToken(i, t)),
        (any::<Index>(), token()).prop_map(|(i, t)| Mutation::ReplaceToken(i, t)),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        any::<Index>().prop_map(Mutation::DuplicateLine),
    ]
}

/// Byte ranges of the runs of non-blank characters.
fn tokens(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    out
}

fn apply(text: &mut String, m: &Mutation) {
    let char_at = |text: &str, i: &Index| {
        let offsets: Vec<usize> = text.char_indices().map(|(o, _)| o).chain(std::iter::once(text.len())).collect();
        offsets[i.index(offsets.len())]
    };
    let token_at = |text: &str, i: &Index| {
        let all = tokens(text);
        (!all.is_empty()).then(|| all[i.index(all.len())])
    };
    match m {
        Mutation::DeleteChar(i) => {
            let at = char_at(text, i);
            if at < text.len() {
                text.remove(at);
            }
        }
        Mutation::InsertChar(i, c) => {
            let at = char_at(text, i);
            text.insert(at, *c);
        }
        Mutation::ReplaceChar(i, c) => {
            let at = char_at(text, i);
            if at < text.len() {
                text.remove(at);
            }
            text.insert(at, *c);
        }
        Mutation::DeleteToken(i) => {
            if let Some((s, e)) = token_at(text, i) {
                text.replace_range(s..e, "");
            }
        }
        Mutation::InsertToken(i, t) => {
            let at = char_at(text, i);
            text.insert_str(at, t);
        }
        Mutation::ReplaceToken(i, t) => {
            if let Some((s, e)) = token_at(text, i) {
                text.replace_range(s..e, t);
            }
        }
        Mutation::SwapLines(a, b) => {
            let mut lines: Vec<&str> = text.split('\n').collect();
            let (a, b) = (a.index(lines.len()), b.index(lines.len()));
            lines.swap(a, b);
            *text = lines.join("\n");
        }
        Mutation::DuplicateLine(i) => {
            let mut lines: Vec<&str> = text.split('\n').collect();
            let at = i.index(lines.len());
            lines.insert(at, lines[at]);
            *text = lines.join("\n");
        }
        Mutation::LongLine(i, width) => {
            let at = char_at(text, i);
            text.insert_str(at, &" ".repeat(*width));
        }
        Mutation::HugeNumber(i, n) => {
            let runs = digit_runs(text);
            if !runs.is_empty() {
                let (s, e) = runs[i.index(runs.len())];
                text.replace_range(s..e, n);
            }
        }
    }
}

/// Byte ranges of the runs of digits (with `.` and `_`).
fn digit_runs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        let digit = c.is_ascii_digit() || (start.is_some() && (c == '.' || c == '_'));
        match (digit, start) {
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            (true, None) => start = Some(i),
            _ => {}
        }
    }
    out
}

/// A mutation that makes numbers huge or lines long.
fn hostile_mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<Index>(), select(HUGE_NUMBERS)).prop_map(|(i, n)| Mutation::HugeNumber(i, n)),
        1 => (any::<Index>(), select(&[65_536usize, 70_000, 100_000][..])).prop_map(|(i, w)| Mutation::LongLine(i, w)),
        1 => mutation(),
    ]
}

/// Parse and compile `text`; every diagnostic must lie within it, on
/// character boundaries, and render without panicking.
fn front_end_holds(text: &str) {
    let file = SourceFile::new(0, "prop.sla", None, text);
    let (_, syntax_diags) = slac::syntax::parse(&file);
    let c = compile_source("prop.sla", text);
    for d in syntax_diags.iter().chain(&c.diags) {
        let (start, end) = (d.span.start as usize, d.span.end as usize);
        assert!(start <= end && end <= text.len(), "{} at {start}..{end} of {} bytes", d.code, text.len());
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "{} splits a character", d.code);
        for rel in &d.related {
            let (start, end) = (rel.span.start as usize, rel.span.end as usize);
            assert!(start <= end && end <= text.len(), "{} points elsewhere at {start}..{end}", d.code);
        }
    }
    // Lint rules compute with the contract's numbers too.
    let mut c = c;
    c.lint_with(|checked| slac::lint::lint(checked, &slac::lint::LintConfig::default()));
    for d in &c.diags {
        assert!(!render::human(d, &c.sources, HumanStyle::plain()).is_empty());
        let json = render::json(d, &c.sources);
        assert!(json.line >= 1 && json.column >= 1);
    }
    // A contract that checks is rendered, whatever its numbers, in both
    // languages and formats, with its findings as notes.
    if let (false, Some(contract)) = (c.has_errors(), &c.contract) {
        use slac::render::{Format, Lang, render_with_notes};
        for lang in [Lang::En, Lang::Zh] {
            for format in [Format::Html, Format::Markdown] {
                assert!(!render_with_notes(contract, lang, format, &c.diags).is_empty());
            }
        }
    }
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        front_end_holds(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn strings_of_the_grammars_alphabet(chars in prop::collection::vec(select(ALPHABET), 0..300)) {
        front_end_holds(&chars.into_iter().collect::<String>());
    }

    #[test]
    fn statements_of_the_grammars_tokens(parts in prop::collection::vec((select(TOKENS), select(&[" ", "\n", " "][..])), 0..60)) {
        let text: String = parts.into_iter().flat_map(|(t, sep)| [t, sep]).collect();
        front_end_holds(&format!("contract \"p\" {{\n{text}\n}}\n"));
    }
}

proptest! {
    #![proptest_config(config(200))]

    #[test]
    fn mutations_of_a_valid_contract(mutations in prop::collection::vec(mutation(), 1..5)) {
        let mut text = SEED.to_owned();
        for m in &mutations {
            apply(&mut text, m);
        }
        front_end_holds(&text);
    }
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn huge_numbers_and_long_lines_in_every_clause(
        seed in select(NUMBER_SEEDS),
        mutations in prop::collection::vec(hostile_mutation(), 1..4),
    ) {
        let mut text = seed.to_owned();
        for m in &mutations {
            apply(&mut text, m);
        }
        front_end_holds(&text);
    }
}

#[test]
fn the_seed_is_clean_and_tokens_are_found() {
    assert!(compile_source("seed.sla", SEED).diags.is_empty());
    assert_eq!(tokens("ab 中c\nd"), [(0, 2), (3, 7), (8, 9)]);
}

// Regression: a thousand nested intervals overflowed the stack of a test
// thread while pest recursed into them. Nesting is now limited before
// parsing.
#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let n = 5000;
    let cases = [
        format!("{}{}", "a {".repeat(n), "}".repeat(n)),
        format!("a {}1{}", "[".repeat(n), ",1]".repeat(n)),
        format!("a {}", "(".repeat(n)),
        "a {\n".repeat(n),
    ];
    for text in &cases {
        front_end_holds(text);
        let c = compile_source("deep.sla", text);
        let codes: Vec<&str> = c.diags.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["slac::syntax::invalid"], "{}", &text[..20]);
        assert!(c.diags[0].message.contains("nest more than 64 levels"));
    }
    // Brackets in strings and comments do not count.
    let quoted = format!("contract \"{}\" {{ timezone \"Asia/Shanghai\" }} // {}\n", "[".repeat(n), "{".repeat(n));
    assert!(compile_source("quoted.sla", &quoted).diags.is_empty());
}

// Regression: a duration of more than 10^28 seconds overflowed the
// multiplication into seconds.
#[test]
fn a_huge_duration_is_an_error_not_a_crash() {
    let text = "contract \"x\" {\n  timezone \"Asia/Shanghai\"\n  tier L1 { respond within 9999999999999999999999999999w }\n}\n";
    front_end_holds(text);
    let codes: Vec<&str> = compile_source("huge.sla", text).diags.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["slac::syntax::number_too_large"]);
}

// Regression: a budget of more than 10^28 minutes overflowed the
// multiplication into seconds in `rust_decimal` (exit 101 in check and
// compile).
#[test]
fn a_huge_budget_is_an_error_not_a_crash() {
    for unit in ["s", "min", "h", "d", "w"] {
        for n in ["9999999999999999999999999999", "99999999999999999999", "0.5", "1.5"] {
            let text = format!(
                "contract \"x\" {{\n  timezone \"Asia/Shanghai\"\n  service api \"API\"\n  availability api {{\n    target 99.9%\n    budget at most {n}{unit} per month\n  }}\n}}\n"
            );
            front_end_holds(&text);
        }
    }
    let text = "contract \"x\" {\n  timezone \"Asia/Shanghai\"\n  service api \"API\"\n  availability api {\n    target 99.9%\n    budget at most 9999999999999999999999999999min per month\n  }\n}\n";
    let codes: Vec<&str> = compile_source("huge.sla", text).diags.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["slac::syntax::number_too_large"]);
}

// Regression: a durability claim of 1 in 10^28 against a low target
// overflowed the lint's product of the claim and the loss.
#[test]
fn a_huge_durability_claim_is_linted_not_a_crash() {
    let text = "contract \"x\" {\n  timezone \"Asia/Shanghai\"\n  service s \"S\"\n  durability s {\n    target 50% per month\n    claim at most 1 in 9999999999999999999999999999 per month\n  }\n}\n";
    assert!(!compile_source("claim.sla", text).has_errors());
    front_end_holds(text);
}
