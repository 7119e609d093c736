//! The tables the SQL reads and the names of their columns: the canonical
//! event schema (`docs/inputs.md`) by default, renamed by a small TOML file
//! (`--tables FILE.toml`, `docs/scale.md`).

use crate::events::records::{RecordBuilder, UsageBuilder};
use serde::Deserialize;
use std::collections::BTreeMap;

/// Each input the SQL reads: its table and the columns it uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tables {
    pub result: String,
    inputs: BTreeMap<&'static str, Input>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Input {
    table: String,
    columns: BTreeMap<&'static str, String>,
}

/// The canonical inputs and the columns the SQL reads of each.
const CANONICAL: &[(&str, &[&str])] = &[
    (
        "incidents",
        &["id", "service", "instance", "severity", "opened_at", "responded_at", "resolved_at", "impact", "cause"],
    ),
    ("maintenance", &["id", "service", "instance", "kind", "start", "end", "announced_at", "impact"]),
    // `region` is read only for a promise `per region`.
    ("probes", &["ts", "service", "instance", "ok", "total", "up", "region"]),
    // Every usage column the readers know: the SQL reads them all.
    ("usage", <UsageBuilder as RecordBuilder>::FIELDS),
    ("metrics", &["period", "objective", "value", "unit"]),
];

impl Default for Tables {
    fn default() -> Self {
        let inputs = CANONICAL
            .iter()
            .map(|(name, cols)| {
                let columns = cols.iter().map(|c| (*c, (*c).to_owned())).collect();
                (*name, Input { table: (*name).to_owned(), columns })
            })
            .collect();
        Tables { result: "slac_result".into(), inputs }
    }
}

/// The TOML file: `result = "..."`, and a table per input whose keys are
/// `table` and the canonical column names.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    result: Option<String>,
    #[serde(default)]
    incidents: BTreeMap<String, String>,
    #[serde(default)]
    maintenance: BTreeMap<String, String>,
    #[serde(default)]
    probes: BTreeMap<String, String>,
    #[serde(default)]
    usage: BTreeMap<String, String>,
    #[serde(default)]
    metrics: BTreeMap<String, String>,
}

impl Tables {
    /// Read the TOML text; an unknown input, column or a name that is no
    /// plain SQL identifier is an error saying which.
    pub fn from_toml(text: &str) -> Result<Tables, String> {
        let file: File = toml::from_str(text).map_err(|e| e.message().to_owned())?;
        let mut t = Tables::default();
        if let Some(r) = file.result {
            t.result = identifier(&r, "result")?;
        }
        for (input, names) in [
            ("incidents", file.incidents),
            ("maintenance", file.maintenance),
            ("probes", file.probes),
            ("usage", file.usage),
            ("metrics", file.metrics),
        ] {
            let Some(entry) = t.inputs.get_mut(input) else { continue };
            for (key, value) in names {
                let at = format!("{input}.{key}");
                if key == "table" {
                    entry.table = identifier(&value, &at)?;
                    continue;
                }
                let Some(slot) = entry.columns.iter_mut().find(|(c, _)| **c == key).map(|(_, v)| v) else {
                    let known: Vec<&str> = entry.columns.keys().copied().collect();
                    return Err(format!(
                        "{at}: `{key}` is no column the SQL reads; it reads `table`, {}",
                        known.join(", ")
                    ));
                };
                *slot = identifier(&value, &at)?;
            }
        }
        Ok(t)
    }

    /// The table an input is read from.
    pub fn table<'a>(&'a self, input: &'a str) -> &'a str {
        self.inputs.get(input).map_or(input, |i| i.table.as_str())
    }

    /// The name of a column of an input.
    pub fn col<'a>(&'a self, input: &str, column: &'a str) -> &'a str {
        self.inputs.get(input).and_then(|i| i.columns.get(column)).map_or(column, |c| c.as_str())
    }

    /// `incidents(id, service, ...)`: what the SQL reads of these inputs,
    /// for its header.
    pub fn describe(&self, inputs: &[&str], unread: &[(&str, &str)]) -> Vec<String> {
        self.inputs
            .iter()
            .filter(|(name, _)| inputs.contains(name))
            .map(|(name, i)| {
                let cols: Vec<String> =
                    i.columns.iter().filter(|(c, _)| !unread.contains(&(*name, **c))).map(|(_, v)| v.clone()).collect();
                format!("{}({})", i.table, cols.join(", "))
            })
            .collect()
    }
}

/// A plain identifier, optionally qualified (`warehouse.events.incidents`):
/// letters, digits and underscores, so no name can change the SQL.
fn identifier(name: &str, at: &str) -> Result<String, String> {
    let ok = !name.is_empty()
        && name.split('.').all(|part| {
            part.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        });
    if ok {
        Ok(name.to_owned())
    } else {
        Err(format!("{at}: `{name}` is not a plain SQL name (letters, digits and `_`, parts joined by `.`)"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_renamed_and_checked() {
        let t =
            Tables::from_toml("result = \"out.ledger\"\n[incidents]\ntable = \"wh.inc\"\nopened_at = \"created\"\n")
                .expect("reads");
        assert_eq!(t.result, "out.ledger");
        assert_eq!(t.table("incidents"), "wh.inc");
        assert_eq!(t.col("incidents", "opened_at"), "created");
        assert_eq!(t.col("incidents", "cause"), "cause");
        let bad = Tables::from_toml("[incidents]\nopened = \"x\"\n").expect_err("unknown column");
        assert!(bad.contains("`opened` is no column"), "{bad}");
        let bad = Tables::from_toml("[probes]\ntable = \"x; drop table y\"\n").expect_err("not a name");
        assert!(bad.contains("not a plain SQL name"), "{bad}");
        assert!(Tables::from_toml("[tickets]\ntable = \"x\"\n").is_err());
    }
}
