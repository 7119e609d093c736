//! One check of an open buffer, as `slac check` makes it (compiled with its
//! imports, linted with its `slac.toml`), and what the editor features read
//! from it: the syntax trees of every file it read and the names they
//! declare and use.

use super::documents::{Documents, Overlay, normalise};
use crate::driver::Compilation;
use crate::inputs::files::Files;
use crate::inputs::{self, Configs, LintOptions};
use crate::source::{FileId, SourceFile, Span};
use crate::syntax::{self, Statement, SyntaxFile, ValueKind};
use std::path::{Path, PathBuf};

/// A buffer checked: the compilation, its files' syntax trees, the names.
pub struct Analysis {
    pub compilation: Compilation,
    /// A configuration that could not be used (a bad `slac.toml`): the
    /// buffer is compiled but not linted, and this says why.
    pub config_error: Option<String>,
    /// Syntax trees of the files read, by file id (`None`: did not parse).
    pub trees: Vec<Option<SyntaxFile>>,
    pub names: Names,
}

impl Analysis {
    pub fn main_file(&self) -> FileId {
        self.compilation.file
    }

    pub fn source(&self, file: FileId) -> Option<&SourceFile> {
        self.compilation.sources.get(file)
    }

    pub fn tree(&self, file: FileId) -> Option<&SyntaxFile> {
        self.trees.get(file as usize).and_then(Option::as_ref)
    }

    /// The file whose `import` names `target`, and the span of its path.
    pub fn importer_of(&self, target: &Path) -> Option<(FileId, Span)> {
        let target = normalise(target);
        self.names.imports.iter().find_map(|(span, rel)| {
            let from = self.source(span.file)?.path.clone()?;
            let named = normalise(&from.parent().unwrap_or(Path::new("")).join(rel));
            (named == target).then_some((span.file, *span))
        })
    }

    /// The file an `import` path names, from the file it is written in.
    pub fn imported_path(&self, span: Span, rel: &Path) -> Option<PathBuf> {
        let from = self.source(span.file)?.path.clone()?;
        Some(normalise(&from.parent().unwrap_or(Path::new("")).join(rel)))
    }

    /// Every file the check read, normalised.
    pub fn reads(&self) -> impl Iterator<Item = PathBuf> + '_ {
        self.compilation.sources.files().iter().filter_map(|f| f.path.as_deref().map(normalise))
    }
}

/// Check one open buffer as `slac check` would.
pub fn analyse(path: &Path, documents: &Documents) -> Analysis {
    let files = Overlay { documents };
    let mut configs = Configs::default();
    let (compilation, config_error) = match inputs::check_file(path, &LintOptions::default(), &mut configs, &files) {
        Ok(c) => (c, None),
        Err(e) => {
            let message = e.render(|f| f.words().to_owned());
            let no_lint = LintOptions { no_lint: true, ..LintOptions::default() };
            let c = inputs::check_file(path, &no_lint, &mut configs, &files)
                .unwrap_or_else(|_| crate::driver::compile_with(path, &|p: &Path| files.read_text(p)));
            (c, Some(message))
        }
    };
    let trees: Vec<Option<SyntaxFile>> = compilation.sources.files().iter().map(|f| syntax::parse(f).0).collect();
    let names = Names::collect(&trees);
    Analysis { compilation, config_error, trees, names }
}

/// What a declared name names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Service,
    Calendar,
    Tier,
    Channel,
    HolidaySet,
    Window,
    Exclusion,
    Component,
}

impl Kind {
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Service => "service",
            Kind::Calendar => "calendar",
            Kind::Tier => "tier",
            Kind::Channel => "channel",
            Kind::HolidaySet => "holiday set",
            Kind::Window => "maintenance window",
            Kind::Exclusion => "exclusion category",
            Kind::Component => "component",
        }
    }
}

/// A declaration: the name, and where it is written.
#[derive(Clone, Debug)]
pub struct Decl {
    pub kind: Kind,
    pub name: String,
    /// The name itself.
    pub span: Span,
}

/// The names declared in a contract and its imports, and every use.
#[derive(Default)]
pub struct Names {
    pub decls: Vec<Decl>,
    /// Every word after a statement's keyword that is a declared name.
    pub uses: Vec<(String, Span)>,
    /// `import "path"`: the path's span and the file it names.
    pub imports: Vec<(Span, PathBuf)>,
    /// The fee bases: each service's `fee` line (what `monthly_fee`
    /// names), by service.
    pub fees: Vec<(String, Span)>,
    /// The header's `value` line (what `contract_value` names).
    pub contract_value: Option<Span>,
}

impl Names {
    fn collect(trees: &[Option<SyntaxFile>]) -> Names {
        let mut names = Names::default();
        let mut words = Vec::new();
        for tree in trees.iter().flatten() {
            for stmt in &tree.statements {
                names.top(stmt, &mut words);
            }
        }
        let declared: std::collections::HashSet<(&str, Span)> =
            names.decls.iter().map(|d| (d.name.as_str(), d.span)).collect();
        let known: std::collections::HashSet<&str> = names.decls.iter().map(|d| d.name.as_str()).collect();
        let uses = words
            .into_iter()
            .filter(|(w, s): &(String, Span)| known.contains(w.as_str()) && !declared.contains(&(w.as_str(), *s)));
        names.uses = uses.collect();
        names
    }

    /// A statement at the top of a file or of the contract block.
    fn top(&mut self, stmt: &Statement, words: &mut Vec<(String, Span)>) {
        match stmt.keyword() {
            Some("contract") => {
                words_of(stmt, words);
                for s in stmt.block.iter().flat_map(|b| &b.statements) {
                    self.top(s, words);
                }
                return;
            }
            Some("import") => {
                if let Some(v) = stmt.values.get(1)
                    && let ValueKind::Str(rel) = &v.kind
                {
                    self.imports.push((v.span, PathBuf::from(rel)));
                }
            }
            Some(k) => {
                let kind = match k {
                    "service" => Some(Kind::Service),
                    "calendar" => Some(Kind::Calendar),
                    "tier" => Some(Kind::Tier),
                    "channel" => Some(Kind::Channel),
                    "holidays" => Some(Kind::HolidaySet),
                    _ => None,
                };
                if let Some(kind) = kind {
                    self.declare(kind, stmt);
                }
                if k == "value" {
                    self.contract_value = Some(stmt.span);
                }
                if k == "service"
                    && let Some(ValueKind::Word(service)) = stmt.values.get(1).map(|v| &v.kind)
                {
                    let fees = stmt.block.iter().flat_map(|b| &b.statements).filter(|s| s.keyword() == Some("fee"));
                    self.fees.extend(fees.map(|s| (service.clone(), s.span)));
                }
                let inner = match k {
                    "maintenance" => Some(("window", Kind::Window)),
                    "exclusions" => Some(("custom", Kind::Exclusion)),
                    "service" => Some(("component", Kind::Component)),
                    _ => None,
                };
                if let Some((keyword, kind)) = inner {
                    for s in stmt.block.iter().flat_map(|b| &b.statements) {
                        if s.keyword() == Some(keyword) {
                            self.declare(kind, s);
                        }
                    }
                }
            }
            None => {}
        }
        words_of(stmt, words);
    }

    fn declare(&mut self, kind: Kind, stmt: &Statement) {
        if let Some(v) = stmt.values.get(1)
            && let ValueKind::Word(name) = &v.kind
        {
            self.decls.push(Decl { kind, name: name.clone(), span: v.span });
        }
    }

    /// The declaration a name refers to (the first, when declared twice).
    pub fn decl(&self, name: &str) -> Option<&Decl> {
        self.decls.iter().find(|d| d.name == name)
    }

    /// The declaration whose name, or a use of it, is at `offset` of `file`.
    pub fn at(&self, file: FileId, offset: usize) -> Option<&Decl> {
        let inside = |s: &Span| s.file == file && s.start as usize <= offset && offset <= s.end as usize;
        if let Some(d) = self.decls.iter().find(|d| inside(&d.span)) {
            return Some(d);
        }
        let (name, _) = self.uses.iter().find(|(_, s)| inside(s))?;
        self.decl(name)
    }

    /// The `fee` line `monthly_fee` names in a clause about `service`:
    /// that service's, else the only one there is.
    pub fn fee_of(&self, service: Option<&str>) -> Option<Span> {
        let own = self.fees.iter().find(|(s, _)| Some(s.as_str()) == service);
        let only = if self.fees.len() == 1 { self.fees.first() } else { None };
        own.or(only).map(|(_, span)| *span)
    }

    /// Every use of a name.
    pub fn uses_of<'a>(&'a self, name: &'a str) -> impl Iterator<Item = Span> + 'a {
        self.uses.iter().filter(move |(n, _)| n == name).map(|(_, s)| *s)
    }
}

/// Every word after the keyword of a statement and of the statements in
/// its block: the places a name can be used.
fn words_of(stmt: &Statement, out: &mut Vec<(String, Span)>) {
    for v in stmt.values.iter().skip(1) {
        if let ValueKind::Word(w) = &v.kind {
            out.push((w.clone(), v.span));
        }
    }
    // A line inside a block that starts with a name (`"EMEA" = emea_hours`
    // starts with a string, but `office` alone is a name too).
    for s in stmt.block.iter().flat_map(|b| &b.statements) {
        if let Some(first) = s.values.first()
            && let ValueKind::Word(w) = &first.kind
            && crate::check::clauses::find(w).is_none()
        {
            out.push((w.clone(), first.span));
        }
        words_of(s, out);
    }
}
