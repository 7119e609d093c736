//! Go to definition and find references: the names declared once
//! (services, calendars, tiers, channels, holiday sets, windows, custom
//! exclusion categories, components), the files an `import` names, and the
//! fee bases (`monthly_fee`: the service's `fee` line; `contract_value`: the
//! header's `value`).

use super::analysis::Analysis;
use super::documents::normalise;
use super::locate::{self, Hit};
use crate::source::Span;
use crate::syntax::ValueKind;
use std::path::PathBuf;

/// Where the thing at `offset` is declared.
pub enum Target {
    Span(Span),
    File(PathBuf),
}

/// The file named by the `import` path at `offset` of the main file.
fn import_at(a: &Analysis, offset: usize) -> Option<PathBuf> {
    let main = a.main_file();
    let on = |s: &Span| s.file == main && s.start as usize <= offset && offset <= s.end as usize;
    let (span, rel) = a.names.imports.iter().find(|(s, _)| on(s))?;
    a.imported_path(*span, rel)
}

pub fn definition(a: &Analysis, offset: usize) -> Option<Target> {
    let main = a.main_file();
    if let Some(path) = import_at(a, offset) {
        return Some(Target::File(path));
    }
    if let Some(d) = a.names.at(main, offset) {
        return Some(Target::Span(d.span));
    }
    fee_basis(a, offset).and_then(|(span, _)| span).map(Target::Span)
}

/// `monthly_fee` or `contract_value` at `offset`: the line that sets the
/// amount (none when the amount comes with the events), and the basis's name.
pub fn fee_basis(a: &Analysis, offset: usize) -> Option<(Option<Span>, &'static str)> {
    let Hit::Value { value, parents, stmt, .. } = locate::at(a.tree(a.main_file())?, offset)? else { return None };
    let ValueKind::Word(word) = &value.kind else { return None };
    match word.as_str() {
        "monthly_fee" => {
            // The service of the clause the basis is written in.
            let service = parents.iter().chain([&stmt]).rev().find_map(|s| match s.values.get(1).map(|v| &v.kind) {
                Some(ValueKind::Word(w)) if matches!(s.keyword(), Some("credit" | "entitlement" | "penalty")) => {
                    Some(w.as_str())
                }
                _ => None,
            });
            Some((a.names.fee_of(service), "monthly_fee"))
        }
        "contract_value" => Some((a.names.contract_value, "contract_value")),
        _ => None,
    }
}

/// Every use of the name at `offset`, and its declaration when asked for.
/// On an `import` path: every `import` of that file (and its start).
pub fn references(a: &Analysis, offset: usize, with_declaration: bool) -> Vec<Span> {
    if let Some(target) = import_at(a, offset) {
        let mut out: Vec<Span> = a
            .names
            .imports
            .iter()
            .filter(|(span, rel)| a.imported_path(*span, rel).as_ref() == Some(&target))
            .map(|(span, _)| *span)
            .collect();
        let file =
            a.compilation.sources.files().iter().find(|f| f.path.as_deref().map(normalise) == Some(target.clone()));
        if let (true, Some(f)) = (with_declaration, file) {
            out.insert(0, Span::new(f.id, 0, 0));
        }
        return out;
    }
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
