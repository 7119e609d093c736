//! The contract as every command takes it: compiled, then linted with the
//! `slac.toml` found above it, so a contract `slac check` rejects is
//! rejected by `compile` and `eval` too, with the same diagnostics.

use super::error::{Field, InputError};
use super::files::Files;
use crate::driver::{self, CheckedContract, Compilation};
use crate::lint::{self, Level, LintConfig};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// How to lint. The default is what `compile` and `eval` use: the
/// `slac.toml` found above the file, and its levels.
#[derive(Clone, Debug, Default)]
pub struct LintOptions {
    /// This `slac.toml` instead of the one found above each file.
    pub config: Option<PathBuf>,
    /// Rules (names, codes or categories) turned off, to warnings, to
    /// errors; `warnings` among `deny` makes every warning an error.
    pub allow: Vec<String>,
    pub warn: Vec<String>,
    pub deny: Vec<String>,
    /// Parse and type-check only.
    pub no_lint: bool,
}

/// `slac.toml` files already read, by the directory they apply to.
#[derive(Default)]
pub struct Configs {
    by_dir: BTreeMap<PathBuf, LintConfig>,
}

impl Configs {
    /// The configuration for a file: its `slac.toml` (or the one given),
    /// then the options' levels.
    pub fn for_file(
        &mut self,
        file: &Path,
        options: &LintOptions,
        files: &dyn Files,
    ) -> Result<LintConfig, InputError> {
        let dir = files.directory_of(file);
        if let Some(c) = self.by_dir.get(&dir) {
            return Ok(c.clone());
        }
        let read = |p: &Path| files.read_text(p);
        let mut config = match &options.config {
            Some(path) => {
                let text =
                    read(path).map_err(|e| InputError::file(path, format!("cannot read {}: {e}", path.display())))?;
                LintConfig::from_toml(&text).map_err(|e| InputError::file(path, format!("{}: {e}", path.display())))?
            }
            None => LintConfig::discover(&dir, &read).map_err(InputError::Lint)?.map(|(_, c)| c).unwrap_or_default(),
        };
        for (keys, level) in
            [(&options.allow, Level::Off), (&options.warn, Level::Warning), (&options.deny, Level::Error)]
        {
            for key in keys {
                let field = match level {
                    Level::Off => Field::Allow,
                    Level::Warning => Field::Warn,
                    Level::Error => Field::Deny,
                };
                config.set(key, level).map_err(|e| InputError::option(field, format!("{key}: {e}")))?;
            }
        }
        self.by_dir.insert(dir, config.clone());
        Ok(config)
    }
}

/// Compile and lint one file: what `slac check` reports for it. `Err` is a
/// configuration that cannot be used (a bad `slac.toml` or rule name).
pub fn check_file(
    file: &Path,
    options: &LintOptions,
    configs: &mut Configs,
    files: &dyn Files,
) -> Result<Compilation, InputError> {
    let mut c = driver::compile_with(file, &|p: &Path| files.read_text(p));
    if options.no_lint || c.has_errors() {
        return Ok(c);
    }
    if c.contract.is_none() {
        return Ok(c);
    }
    let mut config = configs.for_file(file, options, files)?;
    c.lint_with(|checked| {
        config.holiday_years = super::holidays::years(checked.contract(), checked.sources(), files);
        lint::lint(checked, &config)
    });
    Ok(c)
}

/// The contract at `path`, checked and linted as `slac check` would with
/// the default options; an error carrying the diagnostics otherwise.
pub fn checked_contract(path: &Path, files: &dyn Files) -> Result<CheckedContract, InputError> {
    let c = check_file(path, &LintOptions::default(), &mut Configs::default(), files)?;
    c.checked().map_err(|c| {
        let message = match (&c.contract, c.has_errors()) {
            (Some(_), _) => {
                format!("{} has errors; run `slac check {}` and fix them first", path.display(), path.display())
            }
            (None, true) => format!("cannot compile {}", path.display()),
            (None, false) => format!("{} holds no contract", path.display()),
        };
        InputError::Contract { path: path.to_path_buf(), message, compilation: Some(c) }
    })
}
