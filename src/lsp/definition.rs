//! Go to definition and find references: the names declared once
//! (services, calendars, tiers, channels, holiday sets, windows, custom
//! exclusion categories, components) and the files an `import` names.

use super::analysis::Analysis;
use crate::source::Span;
use std::path::PathBuf;

/// Where the thing at `offset` is declared.
pub enum Target {
    Span(Span),
    File(PathBuf),
}

pub fn definition(a: &Analysis, offset: usize) -> Option<Target> {
    let main = a.main_file();
    let on = |s: &Span| s.file == main && s.start as usize <= offset && offset <= s.end as usize;
    if let Some((span, rel)) = a.names.imports.iter().find(|(s, _)| on(s)) {
        return a.imported_path(*span, rel).map(Target::File);
    }
    a.names.at(main, offset).map(|d| Target::Span(d.span))
}

/// Every use of the name at `offset`, and its declaration when asked for.
pub fn references(a: &Analysis, offset: usize, with_declaration: bool) -> Vec<Span> {
    let Some(decl) = a.names.at(a.main_file(), offset) else { return Vec::new() };
    let mut out: Vec<Span> = Vec::new();
    if with_declaration {
        out.extend(a.names.decls.iter().filter(|d| d.name == decl.name).map(|d| d.span));
    }
    out.extend(a.names.uses_of(&decl.name));
    out.sort_by_key(|s| (s.file, s.start));
    out.dedup();
    out
}
