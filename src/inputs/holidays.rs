//! Reading the holiday sets a contract declares: files named relative to
//! the `.sla` file that declares them, the built-in `cn`, and files from
//! the request's extra holiday files. Building the sets (`extends`) is
//! [`crate::calendar::resolve_sets`], for evaluation and lint alike.

use super::error::{Field, InputError};
use super::files::Files;
use crate::calendar::{HolidayTable, ResolvedSets, resolve_sets};
use crate::ir::Contract;
use crate::source::SourceMap;
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Every set the contract can name, for evaluation: a set that cannot be
/// built (a file that cannot be read, a base that failed) stops it.
/// `extra` holds extra holiday files: `FILE` adds to every set's own
/// dates, `SET=FILE` to one set's (and so to every set extending it).
pub fn load(
    c: &Contract,
    sources: &SourceMap,
    extra: &[String],
    files: &dyn Files,
) -> Result<HashMap<String, Arc<HolidayTable>>, InputError> {
    let extra = extra.iter().map(|arg| ExtraFile::parse(arg)).collect::<Vec<_>>();
    let known: BTreeSet<&str> =
        crate::calendar::BUILTIN_SETS.iter().copied().chain(c.holiday_sets.iter().map(|d| d.name.as_str())).collect();
    for e in &extra {
        if let Some(set) = e.set.as_deref().filter(|s| !known.contains(s)) {
            let names: Vec<String> = known.iter().map(|n| format!("`{n}`")).collect();
            return Err(InputError::option(
                Field::Holidays,
                format!(
                    "{set}={}: the contract has no holiday set `{set}`; its sets are {}",
                    e.file.display(),
                    names.join(", ")
                ),
            ));
        }
    }
    let tables = Tables::new(files);
    let sets = resolve(c, sources, &tables, |name, own| {
        let mut parts = vec![own?];
        for e in extra.iter().filter(|e| e.set.as_deref().is_none_or(|s| s == name)) {
            parts.push(tables.get(name, &e.file)?);
        }
        Ok(HolidayTable::merge(name.to_owned(), parts.iter()))
    });
    // Report the first failure in the order the contract declares its sets.
    let order = crate::calendar::BUILTIN_SETS.iter().copied().chain(c.holiday_sets.iter().map(|d| d.name.as_str()));
    for name in order {
        if let Some(Err(e)) = sets.get(name) {
            return Err(InputError::Holidays { set: name.to_owned(), message: e.clone() });
        }
    }
    Ok(sets.into_iter().filter_map(|(k, v)| v.ok().map(|t| (k, Arc::new(t)))).collect())
}

/// The years each set covers, for the linter. A set that cannot be built
/// is left out: the evaluator reports it where it is needed.
pub fn years(
    c: &Contract,
    sources: &SourceMap,
    files: &dyn Files,
) -> std::collections::BTreeMap<String, BTreeSet<i32>> {
    resolve(c, sources, &Tables::new(files), |_, own| own)
        .into_iter()
        .filter_map(|(name, table)| table.ok().map(|t| (name, t.years().collect())))
        .collect()
}

/// Builds the sets, reading each declared file relative to the file that
/// declares it; `adjust` may add to a set's own dates.
fn resolve(
    c: &Contract,
    sources: &SourceMap,
    tables: &Tables<'_>,
    mut adjust: impl FnMut(&str, Result<HolidayTable, String>) -> Result<HolidayTable, String>,
) -> ResolvedSets {
    resolve_sets(&c.holiday_sets, |name, file| {
        let own = match file {
            Some(rel) => {
                let decl = c.holiday_sets.iter().find(|d| d.name == name);
                let base =
                    decl.and_then(|d| sources.get(d.span.file)).and_then(|f| f.path.as_ref()).and_then(|p| p.parent());
                tables.get(name, &base.map(|b| b.join(rel)).unwrap_or_else(|| PathBuf::from(rel)))
            }
            None => HolidayTable::builtin(name).map_err(|e| e.to_string()),
        };
        adjust(name, own)
    })
}

/// One extra holiday file: `FILE` or `SET=FILE`.
struct ExtraFile {
    set: Option<String>,
    file: PathBuf,
}

impl ExtraFile {
    fn parse(arg: &str) -> ExtraFile {
        match arg.split_once('=') {
            Some((set, file)) => ExtraFile { set: Some(set.to_owned()), file: PathBuf::from(file) },
            None => ExtraFile { set: None, file: PathBuf::from(arg) },
        }
    }
}

/// Holiday files, each read and parsed once however many sets name it
/// (an extra file without a set is added to every set).
struct Tables<'f> {
    files: &'f dyn Files,
    read: RefCell<HashMap<PathBuf, Result<HolidayTable, String>>>,
}

impl<'f> Tables<'f> {
    fn new(files: &'f dyn Files) -> Self {
        Tables { files, read: RefCell::new(HashMap::new()) }
    }

    /// The file's table; `name` names it until a set's merge renames it.
    fn get(&self, name: &str, path: &Path) -> Result<HolidayTable, String> {
        if let Some(table) = self.read.borrow().get(path) {
            return table.clone();
        }
        let table = read_table(name, path, self.files);
        self.read.borrow_mut().insert(path.to_path_buf(), table.clone());
        table
    }
}

/// A CSV (`date,kind,name`) or iCalendar (`.ics`) holiday file.
fn read_table(name: &str, path: &Path, files: &dyn Files) -> Result<HolidayTable, String> {
    let text = files.read_text(path).map_err(|e| format!("cannot read holiday file {}: {e}", path.display()))?;
    let ics = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("ics"));
    let table = if ics { HolidayTable::from_ical(name, &text) } else { HolidayTable::from_csv(name, &text) };
    table.map_err(|e| format!("{}: {e}", path.display()))
}
