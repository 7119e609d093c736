//! The contract as every command takes it: compiled, then linted with the
//! `slac.toml` found above it, so a contract `slac check` rejects is
//! rejected by `compile` and `eval` too, with the same diagnostics.

use super::error::{Field, InputError};
use super::files::Files;
use crate::driver::{self, CheckedContract, Compilation};
use crate::lint::{self, Level, LintConfig, Peer};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
    lint_compilation(&mut c, file, options, configs, files, &BTreeMap::new())?;
    Ok(c)
}

/// Compile and lint files checked together, in the order given: what
/// `slac check` reports for them. An internal agreement is compared with
/// the contract it `underpins` when that contract is among them.
pub fn check_files(
    paths: &[PathBuf],
    options: &LintOptions,
    configs: &mut Configs,
    files: &dyn Files,
) -> Result<Vec<Compilation>, InputError> {
    let mut compiled: Vec<Compilation> =
        paths.iter().map(|file| driver::compile_with(file, &|p: &Path| files.read_text(p))).collect();
    // Peers are copies of whole contracts: made only when a file names
    // one (most runs check no internal agreement).
    let underpinning = compiled.iter().any(|c| c.contract.as_ref().is_some_and(|k| k.header.underpins.is_some()));
    let peers = if underpinning { peers(&compiled) } else { BTreeMap::new() };
    for (c, file) in compiled.iter_mut().zip(paths) {
        lint_compilation(c, file, options, configs, files, &peers)?;
    }
    Ok(compiled)
}

/// The contracts among `compilations` that another may name in its
/// `underpins`: those that compiled without error, by their name.
pub fn peers(compilations: &[Compilation]) -> BTreeMap<String, Peer> {
    compilations
        .iter()
        .filter(|c| !c.has_errors())
        .filter_map(|c| {
            let contract = c.contract.as_ref()?;
            let peer = Peer { contract: Arc::new(contract.clone()), sources: Arc::new(c.sources.clone()) };
            Some((contract.id.clone(), peer))
        })
        .collect()
}

/// The configuration a lint rule's docs example is linted with: for a rule
/// that compares two contracts, the customer contract it underpins (its
/// `peer_example`) is a peer.
pub fn example_config(rule: &lint::Rule) -> LintConfig {
    let mut config = LintConfig::default();
    if let Some(text) = rule.peer_example {
        config.peers = peers(&[driver::compile_source("peer.sla", text)]);
    }
    config
}

fn lint_compilation(
    c: &mut Compilation,
    file: &Path,
    options: &LintOptions,
    configs: &mut Configs,
    files: &dyn Files,
    peers: &BTreeMap<String, Peer>,
) -> Result<(), InputError> {
    if options.no_lint || c.has_errors() || c.contract.is_none() {
        return Ok(());
    }
    let mut config = configs.for_file(file, options, files)?;
    // Only the peers a contract names are copied into its configuration.
    if let Some(underpins) = c.contract.as_ref().and_then(|k| k.header.underpins.as_ref()) {
        config.peers.extend(peers.get(&underpins.contract).map(|p| (underpins.contract.clone(), p.clone())));
    }
    c.lint_with(|checked| {
        config.holiday_years = super::holidays::years(checked.contract(), checked.sources(), files);
        lint::lint(checked, &config)
    });
    Ok(())
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
