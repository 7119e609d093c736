//! The invariants `docs/ARCHITECTURE.md` names, where a reading of the
//! source is the test: what may sit below `cli`, and where a float may be.

use crate::repo;
use std::path::{Path, PathBuf};

/// Every `.rs` file under `src/`, as paths relative to the repository.
fn sources() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&repo().join("src"), &mut out);
    out.sort();
    out.into_iter().map(|p| p.strip_prefix(repo()).map(Path::to_path_buf).unwrap_or(p)).collect()
}

fn below_cli(p: &Path) -> bool {
    !p.starts_with("src/cli") && p != Path::new("src/main.rs")
}

/// The lines of a file before its `#[cfg(test)]` module.
fn code_of(p: &Path) -> Vec<(usize, String)> {
    let text = std::fs::read_to_string(repo().join(p)).unwrap_or_default();
    text.lines()
        .take_while(|l| !l.trim_start().starts_with("#[cfg(test)]"))
        .enumerate()
        .map(|(n, l)| (n + 1, l.to_owned()))
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
        .collect()
}

/// The library never climbs back into the command line.
#[test]
fn nothing_below_cli_uses_cli() {
    let mut found = Vec::new();
    for p in sources().into_iter().filter(|p| below_cli(p)) {
        for (n, line) in code_of(&p) {
            if line.contains("crate::cli") || line.contains("slac::cli") {
                found.push(format!("{}:{n}: {}", p.display(), line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "below cli, uses of cli:\n{}", found.join("\n"));
}

/// No float decides anything: the only floats are JSON numbers as the
/// event readers meet them, checked to be whole or handed on as text.
#[test]
fn no_float_outside_the_json_readers() {
    let allowed = ["src/events/json_row.rs", "src/events/row.rs", "src/events/fields.rs"];
    let mut found = Vec::new();
    for p in sources().into_iter().filter(|p| !allowed.iter().any(|a| p == Path::new(a))) {
        for (n, line) in code_of(&p) {
            let words = line.split(|c: char| !c.is_ascii_alphanumeric() && c != '_');
            if words.into_iter().any(|w| w == "f64" || w == "f32") {
                found.push(format!("{}:{n}: {}", p.display(), line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "floats outside the JSON readers:\n{}", found.join("\n"));
}

/// No stage below `cli` names a command-line flag: the library's messages
/// say what is missing in their own words, and the CLI names its flags
/// (`cli/flags.rs`), so another front end never prints flags it lacks.
#[test]
fn no_flag_names_below_cli() {
    let stages =
        ["src/eval", "src/inputs", "src/events", "src/calendar", "src/report", "src/ir", "src/sql", "src/driver.rs"];
    let mut found = Vec::new();
    for p in sources().into_iter().filter(|p| stages.iter().any(|s| p.starts_with(s))) {
        for (n, line) in code_of(&p) {
            // A flag inside a string literal: `"... --usage ..."`.
            let in_string =
                line.split('"').skip(1).step_by(2).any(|s| {
                    s.match_indices("--").any(|(i, _)| s[i + 2..].starts_with(|c: char| c.is_ascii_lowercase()))
                });
            if in_string {
                found.push(format!("{}:{n}: {}", p.display(), line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "flag names below cli:\n{}", found.join("\n"));
}

/// A contract with errors never reaches lint or evaluation: both take a
/// `CheckedContract`, and only the driver makes one, after it has seen no
/// error.
#[test]
fn only_the_driver_vouches_for_a_contract() {
    let mut found = Vec::new();
    for p in sources() {
        if p == Path::new("src/driver.rs") || p == Path::new("src/ir/checked.rs") {
            continue;
        }
        for (n, line) in code_of(&p) {
            if line.contains("accepted_by_front_end") {
                found.push(format!("{}:{n}: {}", p.display(), line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "CheckedContract made outside the driver:\n{}", found.join("\n"));
}
