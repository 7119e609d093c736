//! `slac fmt`: the properties the formatter promises, over every `.sla`
//! file in the repository and over contracts made from them, and the
//! command's behaviour as a pre-commit hook and an editor use it.

use crate::run::Slac;
use proptest::prelude::*;
use serde_json::Value;
use slac::driver;
use slac::fmt::{FmtError, format_source, strip_spans};
use std::path::{Path, PathBuf};

/// Every `.sla` file in the repository (contracts, fixtures, examples).
fn every_sla_file() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for path in entries {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            if name.starts_with('.') || name == "target" || name == "editors" {
                continue;
            }
            if path.is_dir() {
                walk(&path, out);
            } else if name.ends_with(".sla") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    for dir in ["contracts", "tests", "examples", "docs", "benches"] {
        walk(&crate::repo().join(dir), &mut out);
    }
    out
}

/// The IR (or the diagnostics' codes when it does not compile) of a file
/// whose text is `text`, its imports read from disk; spans left out.
fn meaning(path: &Path, text: &str) -> Value {
    let read = |p: &Path| if p == path { Ok(text.to_owned()) } else { std::fs::read_to_string(p) };
    let c = driver::compile_with(path, &read);
    let codes: Vec<String> = c.diags.iter().map(|d| d.code.to_string()).collect();
    let mut ir = serde_json::to_value(&c.contract).unwrap_or(Value::Null);
    strip_spans(&mut ir);
    serde_json::json!({ "ir": ir, "codes": codes })
}

fn comments(text: &str) -> Vec<String> {
    let source = slac::source::SourceFile::new(0, "t.sla", None, text);
    let (tree, _) = slac::syntax::parse(&source);
    tree.map(|t| t.comments.iter().map(|c| c.text.trim_end().to_owned()).collect()).unwrap_or_default()
}

/// The `§` citations of a text, in order, as written after the sign.
fn citations(text: &str) -> Vec<String> {
    let source = slac::source::SourceFile::new(0, "t.sla", None, text);
    let (tree, _) = slac::syntax::parse(&source);
    let mut out = Vec::new();
    fn walk(statements: &[slac::syntax::Statement], out: &mut Vec<String>) {
        for s in statements {
            out.extend(s.citation.as_ref().map(|c| c.section.clone()));
            if let Some(b) = &s.block {
                walk(&b.statements, out);
            }
        }
    }
    if let Some(t) = tree {
        walk(&t.statements, &mut out);
    }
    out
}

/// The formatter's promises for one text: it formats (or refuses a text
/// that does not parse), formatting again changes nothing, the meaning is
/// the same, and every comment and citation is kept.
fn check_promises(path: &Path, text: &str) -> Result<bool, String> {
    let formatted = match format_source(text) {
        Ok(f) => f,
        Err(FmtError::Syntax(_)) => return Ok(false),
        Err(FmtError::Unsafe(why)) => return Err(format!("{}: refused as unsafe: {why}", path.display())),
    };
    let again = format_source(&formatted).map_err(|e| format!("{}: formatted text refused: {e:?}", path.display()))?;
    if again != formatted {
        return Err(format!("{}: not idempotent:\n--- once\n{formatted}\n--- twice\n{again}", path.display()));
    }
    if meaning(path, text) != meaning(path, &formatted) {
        return Err(format!("{}: the IR or the diagnostics changed", path.display()));
    }
    if comments(text) != comments(&formatted) {
        return Err(format!("{}: comments changed", path.display()));
    }
    if citations(text) != citations(&formatted) {
        return Err(format!("{}: citations changed", path.display()));
    }
    Ok(true)
}

#[test]
fn every_file_in_the_repository_keeps_its_meaning_and_formats_once() {
    let files = every_sla_file();
    assert!(files.len() > 150, "found only {} .sla files", files.len());
    let mut formatted = 0;
    let mut failures = Vec::new();
    for path in &files {
        let rel = path.strip_prefix(crate::repo()).unwrap_or(path).to_path_buf();
        let text = std::fs::read_to_string(path).expect("read");
        match check_promises(&rel, &text) {
            Ok(true) => formatted += 1,
            Ok(false) => {}
            Err(e) => failures.push(e),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    // Most fixtures parse; those that do not are syntax-error fixtures.
    assert!(formatted > 130, "only {formatted} files formatted");
}

#[test]
fn the_shipped_contracts_are_formatted() {
    let ran = Slac::new(["fmt", "--check", "contracts/"]).run();
    assert_eq!(ran.code, 0, "{}{}", ran.stdout, ran.stderr);
}

/// The shipped contracts, with their paths.
fn shipped() -> Vec<(PathBuf, String)> {
    let dir = crate::repo().join("contracts");
    let mut out: Vec<(PathBuf, String)> = std::fs::read_dir(&dir)
        .expect("contracts/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "sla"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("read");
            (PathBuf::from("contracts").join(p.file_name().unwrap_or_default()), text)
        })
        .collect();
    out.sort();
    out
}

/// Which lines of a text lie inside a `"""` text block (its closing line
/// included): their spaces are the text's own and must not be touched.
fn text_block_lines(text: &str) -> Vec<bool> {
    let mut inside = false;
    text.split('\n')
        .map(|line| {
            let was = inside;
            if line.matches("\"\"\"").count() % 2 == 1 {
                inside = !inside;
            }
            was
        })
        .collect()
}

/// The gaps of plain spaces between a statement's values and before its
/// citation, as byte ranges.
fn value_gaps(text: &str) -> Vec<std::ops::Range<usize>> {
    let source = slac::source::SourceFile::new(0, "t.sla", None, text);
    let (tree, _) = slac::syntax::parse(&source);
    let mut out = Vec::new();
    fn walk(text: &str, statements: &[slac::syntax::Statement], out: &mut Vec<std::ops::Range<usize>>) {
        for s in statements {
            let mut ends: Vec<(usize, usize)> =
                s.values.windows(2).map(|w| (w[0].span.end as usize, w[1].span.start as usize)).collect();
            if let (Some(last), Some(c)) = (s.values.last(), &s.citation) {
                if c.span.start > last.span.end {
                    ends.push((last.span.end as usize, c.span.start as usize));
                }
            }
            out.extend(
                ends.into_iter().filter(|(a, b)| a < b && text[*a..*b].chars().all(|c| c == ' ')).map(|(a, b)| a..b),
            );
            if let Some(b) = &s.block {
                walk(text, &b.statements, out);
            }
        }
    }
    if let Some(t) = tree {
        walk(text, &t.statements, &mut out);
    }
    out
}

/// Layout noise: other spaces between values (tabs, runs, the wide space),
/// other indentation, spaces at line ends, more blank lines where there
/// was one. None of it may change what `slac fmt` writes.
fn add_noise(text: &str, seed: &[u8]) -> String {
    let mut pick = seed.iter().cycle().copied();
    let mut next = move || pick.next().unwrap_or(0);
    let spaces = ["  ", "\t", "   ", "\u{3000}", " \t "];
    let mut out = text.to_owned();
    for gap in value_gaps(text).into_iter().rev() {
        let b = next();
        if b % 3 == 0 {
            out.replace_range(gap, spaces[usize::from(b) % spaces.len()]);
        }
    }
    let inside = text_block_lines(&out);
    let mut lines: Vec<String> = Vec::new();
    for (i, line) in out.split('\n').enumerate() {
        if inside.get(i).copied().unwrap_or(false) {
            lines.push(line.to_owned());
            continue;
        }
        let b = next();
        let indent = [" ", "", "\t", "      ", "  "][usize::from(b) % 5];
        // After an opening `"""` the spaces belong to the text.
        let trailing = if b % 7 == 0 && !line.contains("\"\"\"") { "  " } else { "" };
        let body = line.trim_start_matches([' ', '\t']);
        let blank_before = body.is_empty() && b % 2 == 0;
        lines.push(format!("{indent}{body}{trailing}"));
        if blank_before {
            lines.push(String::new());
        }
    }
    lines.join("\n")
}

/// Small edits that make other contracts: a line dropped or repeated, two
/// lines joined by `;`, comments added at line ends and between values.
fn mutate(text: &str, seed: &[u8]) -> String {
    let inside = text_block_lines(text);
    let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
    for pair in seed.chunks(2) {
        let (op, at) = (pair[0] % 5, usize::from(*pair.get(1).unwrap_or(&0)) * 7 % lines.len().max(1));
        let safe = !inside.get(at).copied().unwrap_or(true) && !lines[at].contains("\"\"\"");
        if !safe || at >= lines.len() {
            continue;
        }
        match op {
            0 => {
                lines.remove(at);
            }
            1 => {
                let copy = lines[at].clone();
                lines.insert(at, copy);
            }
            2 if at + 1 < lines.len() && !lines[at].contains("//") && !lines[at + 1].contains("\"\"\"") => {
                let joined = format!("{}; {}", lines[at], lines[at + 1].trim_start());
                lines[at] = joined;
                lines.remove(at + 1);
            }
            3 if !lines[at].contains("//") => lines[at].push_str(" // added"),
            _ => {
                if let Some(space) = lines[at].trim_start().find(' ') {
                    let indent = lines[at].len() - lines[at].trim_start().len();
                    lines[at].insert_str(indent + space, " /* here */");
                }
            }
        }
    }
    lines.join("\n")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn layout_noise_does_not_change_the_output(which in 0usize..5, seed in proptest::collection::vec(any::<u8>(), 16..64)) {
        let contracts = shipped();
        let (path, text) = &contracts[which % contracts.len()];
        let noisy = add_noise(text, &seed);
        let want = format_source(text).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        let got = format_source(&noisy).map_err(|e| TestCaseError::fail(format!("{}: {e:?}\n{noisy}", path.display())))?;
        prop_assert_eq!(got, want, "{}", path.display());
    }

    #[test]
    fn generated_contracts_keep_every_promise(which in 0usize..5, seed in proptest::collection::vec(any::<u8>(), 2..24)) {
        let contracts = shipped();
        let (path, text) = &contracts[which % contracts.len()];
        let edited = mutate(text, &seed);
        check_promises(path, &edited).map_err(TestCaseError::fail)?;
    }

    /// Any text: no panic, and never a refusal as unsafe (text that does
    /// not parse is refused with its diagnostic).
    #[test]
    fn any_edit_formats_or_is_refused_cleanly(
        which in 0usize..5,
        edits in proptest::collection::vec((any::<u16>(), 0usize..16), 1..12),
    ) {
        const PIECES: [&str; 16] =
            ["{", "}", "[", "]", "(", ")", ",", ";", "§", "\"", "\"\"\"", "//", "/*", "*/", "\n", "#["];
        let contracts = shipped();
        let (_, text) = &contracts[which % contracts.len()];
        let mut edited = text.clone();
        for (at, piece) in edits {
            let mut at = usize::from(at) * 31 % edited.len().max(1);
            while !edited.is_char_boundary(at) {
                at -= 1;
            }
            edited.insert_str(at, PIECES[piece]);
        }
        if let Err(FmtError::Unsafe(why)) = format_source(&edited) {
            return Err(TestCaseError::fail(format!("{why}\n{edited}")));
        }
    }
}

// ------------------------------------------------------------ the command

/// A fresh directory for one test, with the given files in it.
fn scratch(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fmt").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    for (file, text) in files {
        let path = dir.join(file);
        std::fs::create_dir_all(path.parent().unwrap_or(&dir)).expect("a scratch directory");
        std::fs::write(path, text).expect("a scratch file");
    }
    dir
}

const UNTIDY: &str = "contract \"c\" {\n    timezone   \"Asia/Shanghai\"\n}\n";
const TIDY: &str = "contract \"c\" {\n  timezone \"Asia/Shanghai\"\n}\n";
const BROKEN: &str = "contract \"c\" {\n  timezone \"Asia/Shanghai\n}\n";

#[test]
fn check_lists_the_files_that_would_change_and_changes_nothing() {
    let dir = scratch("check", &[("a.sla", UNTIDY), ("sub/b.sla", TIDY), ("sub/c.sla", UNTIDY)]);
    let ran = Slac::new(["fmt", "--check", "."]).dir(&dir).run();
    assert_eq!(ran.code, 1, "{ran:?}");
    assert_eq!(ran.stdout, "./a.sla\n./sub/c.sla\n");
    assert!(ran.stderr.contains("2 files would be reformatted"), "{}", ran.stderr);
    assert_eq!(std::fs::read_to_string(dir.join("a.sla")).ok().as_deref(), Some(UNTIDY));
}

#[test]
fn files_are_rewritten_in_place_and_then_pass_the_check() {
    let dir = scratch("in-place", &[("a.sla", UNTIDY), ("b.sla", TIDY)]);
    let ran = Slac::new(["fmt", "a.sla", "b.sla"]).dir(&dir).run();
    assert_eq!((ran.code, ran.stdout.as_str()), (0, ""), "{ran:?}");
    assert_eq!(std::fs::read_to_string(dir.join("a.sla")).ok().as_deref(), Some(TIDY));
    assert_eq!(Slac::new(["fmt", "--check", "."]).dir(&dir).run().code, 0);
}

#[test]
fn standard_input_is_formatted_to_standard_output() {
    let ran = Slac::new(["fmt", "-"]).stdin(UNTIDY.as_bytes()).run();
    assert_eq!((ran.code, ran.stdout.as_str()), (0, TIDY), "{ran:?}");
    let ran = Slac::new(["fmt", "--check", "-"]).stdin(UNTIDY.as_bytes()).run();
    assert_eq!((ran.code, ran.stdout.as_str()), (1, "<stdin>\n"), "{ran:?}");
    let ran = Slac::new(["fmt", "--check", "-"]).stdin(TIDY.as_bytes()).run();
    assert_eq!((ran.code, ran.stdout.as_str()), (0, ""), "{ran:?}");
}

#[test]
fn a_file_that_does_not_parse_is_left_untouched_with_its_diagnostic() {
    let dir = scratch("broken", &[("a.sla", UNTIDY), ("broken.sla", BROKEN)]);
    let ran = Slac::new(["fmt", "."]).dir(&dir).run();
    assert_eq!(ran.code, 2, "{ran:?}");
    assert!(ran.stderr.contains("broken.sla:2:12"), "{}", ran.stderr);
    assert!(ran.stderr.contains("was left as it is"), "{}", ran.stderr);
    assert_eq!(std::fs::read_to_string(dir.join("broken.sla")).ok().as_deref(), Some(BROKEN));
    // The other files are still formatted.
    assert_eq!(std::fs::read_to_string(dir.join("a.sla")).ok().as_deref(), Some(TIDY));
}

#[test]
fn a_missing_path_is_a_usage_error() {
    let ran = Slac::new(["fmt", "no-such.sla"]).run();
    assert_eq!(ran.code, 2);
    assert!(ran.stderr.contains("no-such.sla does not exist"), "{}", ran.stderr);
}
