//! `slac diff OLD NEW` and `slac diff --git REV PATH...`: two versions of a
//! contract compared by meaning (the library's `diff`), printed for people,
//! as JSON or as Markdown for a pull-request comment.

use super::exit;
use super::output::{self, ColorChoice};
use crate::diag::render::{self as diag_render, HumanStyle};
use crate::diff::render::{self, Compared};
use crate::diff::{self, Verdict};
use crate::inputs::{self, Disk, Files, InputError, Opened};
use crate::ir::Contract;
use clap::{Args, ValueEnum};
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Args, Debug)]
pub struct DiffArgs {
    /// The old version and the new one; with `--git`, the working files
    /// (or directories of `.sla` files) to compare with the revision.
    #[arg(required = true, value_name = "OLD NEW | PATH")]
    paths: Vec<PathBuf>,
    /// Compare each working file with its version at this git revision
    /// (read with `git show`).
    #[arg(long, value_name = "REV")]
    git: Option<String>,
    /// How to print the changes.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Exit 1 when any change is of this verdict.
    #[arg(long, value_enum, value_name = "VERDICT")]
    fail_on: Option<FailOn>,
    /// Colour in human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Markdown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Any change that weakens the contract for the customer.
    Weaker,
}

pub fn run(args: &DiffArgs) -> u8 {
    let pairs = match pairs(args) {
        Ok(p) => p,
        Err(message) => {
            eprintln!("error: {message}");
            return exit::USAGE;
        }
    };
    let mut compared = Vec::new();
    let mut failed = false;
    for pair in &pairs {
        if pair.old_missing {
            // A contract added since the revision: nothing to compare it
            // with, and no reason to fail the job that reviews it.
            if load(&pair.new, &Disk, args.color).is_none() {
                failed = true;
                continue;
            }
            let why = "a new file: not at the revision, so there is nothing to compare it with";
            let change = diff::Change {
                clause: "contract".into(),
                field: "file".into(),
                old: None,
                new: Some(pair.new.display().to_string()),
                old_citation: None,
                new_citation: None,
                verdict: Verdict::Neutral,
                why: why.into(),
            };
            compared.push(Compared {
                old: pair.old_name.clone(),
                new: pair.new.display().to_string(),
                changes: vec![change],
            });
            continue;
        }
        let old = load(&pair.old, &*pair.old_files, args.color);
        let new = load(&pair.new, &Disk, args.color);
        match (old, new) {
            (Some(old), Some(new)) => compared.push(Compared {
                old: pair.old_name.clone(),
                new: pair.new.display().to_string(),
                changes: diff::diff(&old, &new),
            }),
            _ => failed = true,
        }
    }
    if failed {
        return exit::USAGE;
    }
    let text = match args.format {
        Format::Json => render::json(&compared),
        Format::Human => {
            let color = args.color.enabled();
            compared.iter().map(|c| render::human(&c.old, &c.new, &c.changes, color)).collect::<Vec<_>>().join("\n")
        }
        Format::Markdown => {
            compared.iter().map(|c| render::markdown(&c.old, &c.new, &c.changes)).collect::<Vec<_>>().join("\n")
        }
    };
    if let Err(e) = output::emit(&text, None) {
        eprintln!("error: cannot write output: {e}");
        return exit::USAGE;
    }
    let weaker = compared.iter().any(|c| c.changes.iter().any(|c| c.verdict == Verdict::Weaker));
    if args.fail_on == Some(FailOn::Weaker) && weaker { exit::FINDINGS } else { exit::OK }
}

/// One pair of versions to compare: the old one read through its own
/// files (the disk, or a git revision), the new one from the disk.
struct Pair {
    old: PathBuf,
    old_name: String,
    old_files: Box<dyn Files>,
    new: PathBuf,
    /// Under `--git`, a file the revision does not have.
    old_missing: bool,
}

fn pairs(args: &DiffArgs) -> Result<Vec<Pair>, String> {
    let Some(rev) = &args.git else {
        let [old, new] = args.paths.as_slice() else {
            return Err("`slac diff` takes two files, OLD and NEW (or `--git REV PATH...`)".into());
        };
        return Ok(vec![Pair {
            old: old.clone(),
            old_name: old.display().to_string(),
            old_files: Box::new(Disk),
            new: new.clone(),
            old_missing: false,
        }]);
    };
    if !git(&["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")]) {
        return Err(format!("`{rev}` is not a git revision here (run slac diff --git inside the repository)"));
    }
    let mut files = Vec::new();
    for path in &args.paths {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "sla"))
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files
        .into_iter()
        .map(|file| Pair {
            old: file.clone(),
            old_name: format!("{rev}:{}", file.display()),
            old_files: Box::new(GitRevision { rev: rev.clone() }),
            old_missing: !git(&["cat-file", "-e", &format!("{rev}:./{}", file.display())]),
            new: file,
        })
        .collect())
}

/// Whether a git command succeeds (its output is not wanted).
fn git(args: &[&str]) -> bool {
    Command::new("git").args(args).output().is_ok_and(|o| o.status.success())
}

/// A contract compiled and checked as `slac check` would; `None` after
/// printing its diagnostics (or why it could not be read).
fn load(path: &Path, files: &dyn Files, color: ColorChoice) -> Option<Contract> {
    match inputs::checked_contract(path, files) {
        Ok(checked) => Some(checked.contract().clone()),
        Err(e) => {
            if let InputError::Contract { compilation: Some(c), .. } = &e {
                let style = HumanStyle { color: color.enabled(), width: output::width() };
                for d in &c.diags {
                    eprint!("{}", diag_render::human(d, &c.sources, style));
                }
            }
            eprintln!("error: {}", super::flags::message(&e));
            None
        }
    }
}

/// The files of a git revision, read with `git show REV:./path` (paths
/// relative to the current directory), so the old version's imports and
/// holiday files come from the same revision.
struct GitRevision {
    rev: String,
}

impl Files for GitRevision {
    fn open(&self, path: &Path) -> io::Result<Opened<'_>> {
        let spec = format!("{}:./{}", self.rev, path.display());
        let out = Command::new("git").args(["show", "--no-textconv", &spec]).output()?;
        if !out.status.success() {
            let why = String::from_utf8_lossy(&out.stderr).trim().to_owned();
            return Err(io::Error::new(io::ErrorKind::NotFound, format!("not at revision {}: {why}", self.rev)));
        }
        let size = out.stdout.len() as u64;
        Ok(Opened { reader: Box::new(io::Cursor::new(out.stdout)), size })
    }
}
