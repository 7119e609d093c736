//! Compiling a contract file: read it and what it imports, parse, check.
//!
//! The file system is reached only through the `read` function the caller
//! passes, so tests and the CLI decide where text comes from.

use crate::check::{self, Checked};
use crate::diag::{Code, Diagnostic};
use crate::ir::Contract;
use crate::source::{FileId, SourceMap, Span};
use crate::syntax::{self, SyntaxFile, ValueKind};
use std::io;
use std::path::{Path, PathBuf};

/// Everything one compilation produced.
#[derive(Debug)]
pub struct Compilation {
    pub sources: SourceMap,
    /// The file asked for.
    pub file: FileId,
    /// `None` when the file could not be read or parsed, or holds no contract.
    pub contract: Option<Contract>,
    /// `true` when the file holds no `contract` block (a library of shared
    /// clauses).
    pub is_library: bool,
    pub diags: Vec<Diagnostic>,
}

impl Compilation {
    pub fn has_errors(&self) -> bool {
        self.diags.iter().any(Diagnostic::is_error)
    }

    /// The contract, when the compilation holds one and no error (lint's
    /// findings included once lint has run); the compilation back
    /// otherwise, for its diagnostics.
    pub fn checked(self) -> Result<CheckedContract, Box<Compilation>> {
        match self.contract {
            Some(contract) if !self.diags.iter().any(Diagnostic::is_error) => {
                Ok(CheckedContract::accepted_by_front_end(contract, self.sources))
            }
            contract => Err(Box::new(Compilation { contract, ..self })),
        }
    }

    /// Lint: when the compilation holds a contract and no error, run `lint`
    /// on it as a [`CheckedContract`] and add what it finds, in order of
    /// position. A compilation with errors is left as it is.
    pub fn lint_with(&mut self, lint: impl FnOnce(&CheckedContract) -> Vec<Diagnostic>) {
        if self.has_errors() {
            return;
        }
        let Some(contract) = self.contract.take() else { return };
        let checked = CheckedContract::accepted_by_front_end(contract, std::mem::take(&mut self.sources));
        let findings = lint(&checked);
        let (contract, sources) = checked.into_parts();
        self.contract = Some(contract);
        self.sources = sources;
        self.diags.extend(findings);
        crate::diag::sort(&mut self.diags);
    }
}

pub use crate::ir::CheckedContract;

/// Compile one file from text already in hand (no imports are followed
/// unless `read` can supply them).
pub fn compile_source(name: &str, text: &str) -> Compilation {
    compile_with(Path::new(name), &|p: &Path| {
        if p == Path::new(name) {
            Ok(text.to_owned())
        } else {
            Err(io::Error::new(io::ErrorKind::NotFound, "imports are not available here"))
        }
    })
}

/// Compile the file at `path`, reading it and its imports with `read`.
pub fn compile_with(path: &Path, read: &dyn Fn(&Path) -> io::Result<String>) -> Compilation {
    let mut sources = SourceMap::new();
    let name = path.display().to_string();
    let text = match read(path) {
        Ok(t) => t,
        Err(e) => {
            let file = sources.add(name.clone(), Some(path), "");
            let help = match e.kind() {
                io::ErrorKind::InvalidData => {
                    "slac reads UTF-8 text of at most 16 MiB; split a larger contract into files that `import` each other"
                }
                _ => "check the path and that the file is readable",
            };
            let diag = Diagnostic::error(Code::ReadFailed, Span::new(file, 0, 0), format!("cannot read {name}: {e}"))
                .help(help);
            return Compilation { sources, file, contract: None, is_library: false, diags: vec![diag] };
        }
    };
    let file = sources.add(name, Some(path), text);
    let mut loader = Loader { sources, read, diags: Vec::new(), stack: Vec::new(), done: Vec::new() };
    let main = loader.load(file);
    let imports = std::mem::take(&mut loader.done);
    let mut diags = loader.diags;
    let mut contract = None;
    let mut is_library = false;
    if let Some(main) = main {
        if main.statements.is_empty() {
            diags.push(empty_file(&loader.sources, file));
        }
        is_library = !main.statements.iter().any(|s| s.keyword() == Some("contract"));
        let libs: Vec<&SyntaxFile> = imports.iter().collect();
        let Checked { contract: c, diags: more } = check::check(&main, &libs);
        diags.extend(more);
        // An example's events are read as `slac eval` reads files; a row
        // the readers refuse is an error in the contract.
        if let Some(c) = &c {
            diags.extend(crate::examples::text::check(c, &loader.sources));
        }
        contract = c;
    }
    crate::diag::sort(&mut diags);
    Compilation { sources: loader.sources, file, contract, is_library, diags }
}

/// A file with no declaration at all (empty, a byte order mark, only
/// blanks and comments) is an error: in a pre-merge hook, a contract emptied
/// by a bad merge must not pass.
fn empty_file(sources: &SourceMap, file: FileId) -> Diagnostic {
    let name = sources.get(file).map(|f| f.name.as_str()).unwrap_or("the file");
    Diagnostic::error(Code::EmptyFile, Span::new(file, 0, 0), format!("{name} declares nothing"))
        .label("no contract and no shared clauses")
        .help("write a `contract \"name\" { ... }` block (or shared clauses to import); if the file was emptied by mistake, restore it from version control")
}

struct Loader<'a> {
    sources: SourceMap,
    read: &'a dyn Fn(&Path) -> io::Result<String>,
    diags: Vec<Diagnostic>,
    /// Files being loaded, for cycle detection.
    stack: Vec<PathBuf>,
    /// Imported files, parsed, in the order their clauses apply.
    done: Vec<SyntaxFile>,
}

impl Loader<'_> {
    /// Parse a file already in the source map and load what it imports.
    fn load(&mut self, file: FileId) -> Option<SyntaxFile> {
        let source = self.sources.get(file)?.clone();
        let (tree, diags) = syntax::parse(&source);
        self.diags.extend(diags);
        let tree = tree?;
        let here = source.path.clone().unwrap_or_default();
        self.stack.push(normalise(&here));
        for stmt in tree.statements.iter().filter(|s| s.keyword() == Some("import")) {
            let Some(target) = stmt.values.get(1) else {
                self.diags.push(
                    Diagnostic::error(
                        Code::ExpectedString,
                        stmt.span.after(),
                        "`import` needs the path of the file to import",
                    )
                    .label("path missing")
                    .help("write `import \"shared/calendars.sla\"`, relative to this file"),
                );
                continue;
            };
            let ValueKind::Str(rel) = &target.kind else {
                self.diags.push(
                    Diagnostic::error(Code::ExpectedString, target.span, "the imported path must be in quotes")
                        .label("not a quoted path")
                        .help("write `import \"shared/calendars.sla\"`"),
                );
                continue;
            };
            self.import(&here, rel, target.span);
        }
        self.stack.pop();
        Some(tree)
    }

    fn import(&mut self, from: &Path, rel: &str, span: Span) {
        let path = from.parent().unwrap_or(Path::new("")).join(rel);
        let key = normalise(&path);
        if self.stack.contains(&key) {
            self.diags.push(
                Diagnostic::error(Code::ImportCycle, span, format!("importing {rel} closes a cycle of imports"))
                    .label("cycle")
                    .help("files may not import each other in a loop; move the shared clauses to a third file"),
            );
            return;
        }
        if self.sources.find_path(&path).is_some() {
            // Imported already through another file: its clauses are in.
            return;
        }
        match (self.read)(&path) {
            Ok(text) => {
                let id = self.sources.add(path.display().to_string(), Some(&path), text);
                if let Some(tree) = self.load(id) {
                    if tree.statements.iter().any(|s| s.keyword() == Some("contract")) {
                        self.diags.push(
                            Diagnostic::error(
                                Code::MultipleContracts,
                                span,
                                format!("{rel} holds a contract; only shared clauses can be imported"),
                            )
                            .label("imports a contract")
                            .help(
                                "move the shared clauses (calendars, exclusions, ...) into a file without `contract`",
                            ),
                        );
                        return;
                    }
                    self.done.push(tree);
                }
            }
            Err(e) => {
                let (message, label) = match e.kind() {
                    io::ErrorKind::NotFound => (format!("there is no file {}", path.display()), "not found"),
                    _ => (format!("cannot read {}: {e}", path.display()), "cannot be read"),
                };
                self.diags.push(
                    Diagnostic::error(Code::ImportNotFound, span, message).label(label).help(format!(
                        "paths are relative to the importing file, so this one names {}",
                        path.display()
                    )),
                );
            }
        }
    }
}

/// A path with `.` and `..` folded, for comparing files.
fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}
