//! Loading the holiday tables a contract needs: the built-in `cn`, sets the
//! contract declares from files (relative to the contract), and files from
//! `--holidays`.

use crate::calendar::HolidayTable;
use crate::ir::Contract;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub fn load(
    c: &Contract,
    contract_path: &Path,
    extra: &[String],
) -> Result<HashMap<String, Arc<HolidayTable>>, String> {
    let base = contract_path.parent().unwrap_or(Path::new("")).to_path_buf();
    let mut tables: HashMap<String, HolidayTable> = HashMap::new();
    tables.insert("cn".into(), HolidayTable::builtin("cn").map_err(|e| e.to_string())?);
    // Declared sets, in order, so `extends` can name earlier ones.
    for decl in &c.holiday_sets {
        let mut parts: Vec<HolidayTable> = decl.extends.iter().filter_map(|b| tables.get(b).cloned()).collect();
        if let Some(file) = &decl.file {
            parts.push(read_table(&decl.name, &base.join(file))?);
        } else if let Ok(t) = HolidayTable::builtin(&decl.name) {
            parts.push(t);
        }
        tables.insert(decl.name.clone(), HolidayTable::merge(decl.name.clone(), parts.iter()));
    }
    for arg in extra {
        let (set, file) = match arg.split_once('=') {
            Some((set, file)) => (Some(set.to_owned()), PathBuf::from(file)),
            None => (None, PathBuf::from(arg)),
        };
        let names: Vec<String> = match &set {
            Some(s) => vec![s.clone()],
            None => tables.keys().cloned().collect(),
        };
        for name in names {
            let added = read_table(&name, &file)?;
            let merged = match tables.get(&name) {
                Some(old) => HolidayTable::merge(name.clone(), [old, &added]),
                None => added,
            };
            tables.insert(name, merged);
        }
    }
    Ok(tables.into_iter().map(|(k, v)| (k, Arc::new(v))).collect())
}

/// A CSV (`date,kind,name`) or iCalendar (`.ics`) holiday file.
fn read_table(name: &str, path: &Path) -> Result<HolidayTable, String> {
    let text =
        super::output::read_file(path).map_err(|e| format!("cannot read holiday file {}: {e}", path.display()))?;
    let ics = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("ics"));
    let table = if ics { HolidayTable::from_ical(name, &text) } else { HolidayTable::from_csv(name, &text) };
    table.map_err(|e| format!("{}: {e}", path.display()))
}
