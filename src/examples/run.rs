//! Running an example: its events handed to `inputs::evaluate_files` as
//! in-memory files (everything else, the contract and the files it names,
//! read as usual), so they are read and evaluated exactly as `slac eval`
//! reads and evaluates files; then each expectation compared with the
//! report.

use super::expect::{self, Mismatch};
use super::{events, text};
use crate::driver::CheckedContract;
use crate::inputs::files::{Files, Opened};
use crate::inputs::{self, Request};
use crate::ir::Example;
use serde::Serialize;
use std::io;
use std::path::{Path, PathBuf};

/// The files one example sees: its own events from memory, every other
/// path from `base`.
pub struct ExampleFiles<'a> {
    base: &'a dyn Files,
    events: Vec<(PathBuf, &'a str)>,
}

impl Files for ExampleFiles<'_> {
    fn open(&self, path: &Path) -> io::Result<Opened<'_>> {
        match self.events.iter().find(|(p, _)| p == path) {
            Some((_, text)) => Ok(Opened { reader: Box::new(text.as_bytes()), size: text.len() as u64 }),
            None => self.base.open(path),
        }
    }

    fn directory_of(&self, file: &Path) -> PathBuf {
        self.base.directory_of(file)
    }
}

/// How one example went.
#[derive(Clone, Debug, Serialize)]
pub struct ExampleOutcome {
    pub name: String,
    /// The line of the `example` in its file.
    pub line: usize,
    pub passed: bool,
    /// Each expectation that did not hold, in the order written.
    pub failures: Vec<Failure>,
}

/// One expectation that did not hold.
#[derive(Clone, Debug, Serialize)]
pub struct Failure {
    /// The line of the `expect` in its file.
    pub line: usize,
    /// The line as written, without `expect`.
    pub expect: String,
    #[serde(flatten)]
    pub mismatch: Mismatch,
}

/// Runs every example of a contract (whose name contains `filter`, when
/// one is given), in the order written.
pub fn run_all(checked: &CheckedContract, path: &Path, base: &dyn Files, filter: Option<&str>) -> Vec<ExampleOutcome> {
    checked
        .contract()
        .examples
        .iter()
        .filter(|ex| filter.is_none_or(|f| ex.name.contains(f)))
        .map(|ex| run(checked, path, ex, base))
        .collect()
}

/// Runs one example.
pub fn run(checked: &CheckedContract, path: &Path, ex: &Example, base: &dyn Files) -> ExampleOutcome {
    let mut req = Request {
        contract: path.to_path_buf(),
        as_of: ex.as_of.map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string()),
        from: ex.from.clone(),
        to: ex.to.clone(),
        contract_value: ex.contract_value.as_ref().map(|m| format!("{} {}", m.currency, m.amount)),
        ..Request::default()
    };
    let mut files = ExampleFiles { base, events: Vec::new() };
    for ev in &ex.events {
        let Some(input) = events::find(&ev.input) else { continue };
        let name = PathBuf::from(text::file_name(ev));
        (input.give)(&mut req, name.clone());
        files.events.push((name, ev.text.as_str()));
    }
    let result = inputs::evaluate_files(&req, &files);
    let sources = checked.sources();
    let line_of =
        |span: crate::source::Span| sources.get(span.file).map_or(0, |f| f.line_col(span.start as usize).line);
    let mut failures = Vec::new();
    // With no report, the first expectation that needs one says why; the
    // rest would only repeat it.
    let mut no_report_told = false;
    for e in &ex.expectations {
        let needs_report = !matches!(e.expect, crate::ir::Expect::Error { .. });
        if result.is_err() && needs_report && std::mem::replace(&mut no_report_told, true) {
            continue;
        }
        for mismatch in expect::compare(&e.expect, &result, checked.contract()) {
            let written = sources.get(e.span.file).map(|f| f.slice(e.span).to_owned()).unwrap_or_default();
            let expect =
                written.strip_prefix("expect").unwrap_or(&written).split_whitespace().collect::<Vec<_>>().join(" ");
            failures.push(Failure { line: line_of(e.span), expect, mismatch });
        }
    }
    ExampleOutcome { name: ex.name.clone(), line: line_of(ex.span), passed: failures.is_empty(), failures }
}
