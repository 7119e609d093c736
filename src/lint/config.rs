//! Lint levels for a whole repository: the `[lints]` table of `slac.toml`
//! and the command line's `--deny`, `--warn` and `--allow`.
//!
//! ```toml
//! [lints]
//! missing-citation = "warn"     # a rule by name ...
//! L206 = "deny"                 # ... or by code
//! completeness = "warn"         # every rule of a category
//! warnings = "deny"             # like `slac check --deny warnings`
//! ```
//!
//! A rule's own entry beats its category's. `slac.toml` is found by walking
//! up from the checked file's directory; the first one found applies.
//! Reading files is left to the caller, which passes a `read` function.

use super::registry::{self, Category, Level, Rule};
use crate::ir::Contract;
use crate::source::{SourceMap, Span};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The file name looked for.
pub const FILE_NAME: &str = "slac.toml";

/// Levels and facts the linter takes from outside the contract.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LintConfig {
    /// Levels set for single rules, by code.
    pub rules: BTreeMap<&'static str, Level>,
    /// Levels set for whole categories.
    pub categories: BTreeMap<Category, Level>,
    /// Every warning becomes an error.
    pub deny_warnings: bool,
    /// The years each declared holiday set covers, by set name, `extends`
    /// included: built by `calendar::resolve_sets`, as evaluation builds them.
    pub holiday_years: BTreeMap<String, BTreeSet<i32>>,
    /// The other contracts checked in the same run, by the name their
    /// `contract "..."` line gives: an internal agreement is compared with
    /// the one it `underpins` when that one is here.
    pub peers: BTreeMap<String, Peer>,
}

/// A contract checked in the same run as the one being linted, with the
/// sources its spans point into (a finding names its clauses by file, line
/// and column: they cannot be shown as a related place of another file map).
#[derive(Clone)]
pub struct Peer {
    pub contract: Arc<Contract>,
    pub sources: Arc<SourceMap>,
}

impl Peer {
    /// `file:line:column` of a place in this contract's sources.
    pub fn locate(&self, span: Span) -> String {
        match self.sources.get(span.file) {
            Some(file) => {
                let at = file.line_col(span.start as usize);
                format!("{}:{}:{}", file.name, at.line, at.column)
            }
            None => self.contract.id.clone(),
        }
    }
}

impl fmt::Debug for Peer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Peer({:?})", self.contract.id)
    }
}

/// Two peers are the same when they hold the same contract.
impl PartialEq for Peer {
    fn eq(&self, other: &Peer) -> bool {
        self.contract == other.contract
    }
}

impl Eq for Peer {}

impl LintConfig {
    /// The level a rule runs at before attributes in the file are applied.
    pub fn level_of(&self, rule: &Rule) -> Level {
        if let Some(level) = self.rules.get(rule.code) {
            return *level;
        }
        self.categories.get(&rule.category).copied().unwrap_or(rule.default_level)
    }

    /// Set a level by rule name, rule code, category name, or `warnings`
    /// (only with `deny`). The error says what was wrong, with a suggestion.
    pub fn set(&mut self, key: &str, level: Level) -> Result<(), String> {
        if key == "warnings" {
            return match level {
                Level::Error => {
                    self.deny_warnings = true;
                    Ok(())
                }
                Level::Warning | Level::Off => {
                    self.deny_warnings = false;
                    Ok(())
                }
            };
        }
        if let Some(rule) = registry::find(key) {
            self.rules.insert(rule.code, level);
            return Ok(());
        }
        if let Some(cat) = Category::ALL.iter().find(|c| c.name() == key) {
            self.categories.insert(*cat, level);
            return Ok(());
        }
        let hint = registry::suggest(key).map(|s| format!("; did you mean `{s}`?")).unwrap_or_else(|| {
            "; `slac explain --list` lists the rules, and the categories are completeness, correctness, suspicious and style".into()
        });
        Err(format!("`{key}` is not a lint rule, code or category{hint}"))
    }

    /// Read the `[lints]` table of a `slac.toml`. Other tables are left to
    /// the commands they belong to.
    pub fn from_toml(text: &str) -> Result<LintConfig, String> {
        let table: toml::Table = toml::from_str(text).map_err(|e| e.message().to_owned())?;
        let mut config = LintConfig::default();
        let Some(lints) = table.get("lints") else {
            return Ok(config);
        };
        let Some(lints) = lints.as_table() else {
            return Err("`lints` must be a table: `[lints]` followed by `rule-name = \"warn\"` lines".into());
        };
        for (key, value) in lints {
            let Some(word) = value.as_str() else {
                return Err(format!("`{key}` must be set to \"allow\", \"warn\" or \"deny\", found {value}"));
            };
            let level = Level::parse(word)
                .ok_or_else(|| format!("`{key} = \"{word}\"`: the levels are \"allow\", \"warn\" and \"deny\""))?;
            config.set(key, level)?;
        }
        Ok(config)
    }

    /// Find the `slac.toml` that applies to a file in `dir`: the first one
    /// met walking up. `Ok(None)` when there is none.
    pub fn discover(
        dir: &Path,
        read: &dyn Fn(&Path) -> io::Result<String>,
    ) -> Result<Option<(PathBuf, LintConfig)>, String> {
        for at in dir.ancestors() {
            let path = at.join(FILE_NAME);
            match read(&path) {
                Ok(text) => {
                    let config = LintConfig::from_toml(&text).map_err(|e| format!("{}: {e}", path.display()))?;
                    return Ok(Some((path, config)));
                }
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
            }
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rules_codes_categories_and_warnings() {
        let text = "[lints]\nmissing-exclusions = \"allow\"\nL206 = \"deny\"\nstyle = \"deny\"\nwarnings = \"deny\"\n[other]\nx = 1\n";
        let c = LintConfig::from_toml(text).unwrap();
        assert_eq!(c.level_of(registry::find("missing-exclusions").unwrap()), Level::Off);
        assert_eq!(c.level_of(registry::find("budget-claim-mismatch").unwrap()), Level::Error);
        assert_eq!(c.level_of(registry::find("unused-definition").unwrap()), Level::Error);
        assert_eq!(c.level_of(registry::find("tiers-not-monotone").unwrap()), Level::Warning);
        assert!(c.deny_warnings);
    }

    #[test]
    fn unknown_names_and_levels_are_errors_with_a_suggestion() {
        let e = LintConfig::from_toml("[lints]\nmissing-exclusion = \"allow\"\n").unwrap_err();
        assert!(e.contains("did you mean `missing-exclusions`?"), "{e}");
        let e = LintConfig::from_toml("[lints]\nmissing-exclusions = \"quiet\"\n").unwrap_err();
        assert!(e.contains("the levels are"), "{e}");
        assert!(LintConfig::from_toml("[lints\n").is_err());
    }

    #[test]
    fn discovery_walks_up_and_stops_at_the_first_file() {
        let read = |p: &Path| {
            if p == Path::new("/repo/slac.toml") {
                Ok("[lints]\nmissing-citation = \"warn\"\n".to_owned())
            } else {
                Err(io::Error::new(io::ErrorKind::NotFound, "no"))
            }
        };
        let (path, config) = LintConfig::discover(Path::new("/repo/contracts/cn"), &read).unwrap().unwrap();
        assert_eq!(path, Path::new("/repo/slac.toml"));
        assert_eq!(config.rules.len(), 1);
        assert!(LintConfig::discover(Path::new("/elsewhere"), &read).unwrap().is_none());
    }
}
