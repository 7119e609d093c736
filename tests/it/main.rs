//! The integration tests: one binary (one link on a 2-core machine), one
//! module per area. Shared helpers live here; each module holds its tests.
//!
//! Paths handed to the compiler are relative to the repository, so file
//! names in snapshots are the same on every machine.

mod cli;
mod contracts;
mod diff;
mod docs;
mod errors;
mod eval;
mod examples;
mod fmt;
mod inputs;
mod invariants;
mod ledger;
mod limits;
mod lsp;
mod messages;
mod props;
mod render_docs;
mod run;
mod seed_contracts;
mod sql;
mod tier_labels;
mod ui;

use slac::diag::render::{self, HumanStyle};
use slac::driver::{self, Compilation};
use std::path::{Path, PathBuf};

/// The repository's root.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Compile a file given relative to the repository, reading it and its
/// imports from disk.
pub fn compile(path: &str) -> Compilation {
    driver::compile_with(Path::new(path), &|p: &Path| std::fs::read_to_string(repo().join(p)))
}

/// Every diagnostic of a compilation, rendered as `slac check` shows it
/// (without colour, at a fixed width).
pub fn render_all(c: &Compilation) -> String {
    c.diags.iter().map(|d| render::human(d, &c.sources, HumanStyle::plain())).collect::<Vec<_>>().join("\n")
}

/// Compile a file and render all its diagnostics.
pub fn render(path: &str) -> String {
    render_all(&compile(path))
}

/// The `*.sla` files directly in a directory of the repository, sorted, as
/// paths relative to the repository. A missing directory has none.
pub fn sla_files(dir: &str) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(repo().join(dir)) else {
        return Vec::new();
    };
    let mut files: Vec<String> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "sla"))
        .filter_map(|p| p.file_name().map(|n| format!("{dir}/{}", n.to_string_lossy())))
        .collect();
    files.sort();
    files
}

/// A file's name without its directory and extension.
pub fn stem(path: &str) -> String {
    PathBuf::from(path).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}
