//! `slac check PATH...`: parse, type-check and lint contracts.

use super::exit;
use super::output::{self, ColorChoice};
use crate::diag::render::{self, HumanStyle};
use crate::diag::sarif::{self, RuleInfo};
use crate::diag::{Code, Diagnostic, Severity, github};
use crate::driver::Compilation;
use crate::inputs::{self, Configs, Disk, LintOptions, files::STDIN_NAME};
use crate::lint::{self, Level};
use crate::source::Span;
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Files or directories (searched recursively for `*.sla`); `-` reads
    /// a contract from standard input, named `<stdin>` in diagnostics.
    /// Files over 16 MiB are not read.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// How to print diagnostics: for people, JSON, SARIF 2.1.0 for
    /// code-scanning tools, or GitHub Actions annotations.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Colour in human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Report a lint rule (name, code or category) as an error;
    /// `--deny warnings` makes every warning an error.
    #[arg(long, short = 'D', value_name = "RULE")]
    deny: Vec<String>,
    /// Report a lint rule (name, code or category) as a warning.
    #[arg(long, short = 'W', value_name = "RULE")]
    warn: Vec<String>,
    /// Do not report a lint rule (name, code or category).
    #[arg(long, short = 'A', value_name = "RULE")]
    allow: Vec<String>,
    /// Use this `slac.toml` instead of the one found above each file.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Parse and type-check only.
    #[arg(long)]
    no_lint: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
}

pub fn run(args: &CheckArgs) -> u8 {
    let files = match collect_files(&args.paths) {
        Ok(files) => files,
        Err(message) => {
            eprintln!("error: {message}");
            return exit::USAGE;
        }
    };
    let mut configs = Configs::default();
    let options = args.lint_options();
    let compilations = match inputs::check_files(&files, &options, &mut configs, &Disk) {
        Ok(compilations) => compilations,
        Err(e) => {
            eprintln!("error: {}", e.render(|f| super::flags::flag(f).to_owned()));
            return exit::USAGE;
        }
    };
    let io_failed = compilations.iter().any(|c| c.diags.iter().any(|d| d.code == Code::ReadFailed.as_str()));
    let text = match args.format {
        Format::Human => human(&compilations, args.color),
        Format::Json => json(&compilations),
        Format::Sarif => sarif_log(&compilations),
        Format::Github => {
            compilations.iter().flat_map(|c| c.diags.iter().map(|d| github::annotation(d, &c.sources))).collect()
        }
    };
    if output::emit(&text, None).is_err() {
        return exit::USAGE;
    }
    if io_failed {
        exit::USAGE
    } else if compilations.iter().any(Compilation::has_errors) {
        exit::FINDINGS
    } else {
        exit::OK
    }
}

impl CheckArgs {
    fn lint_options(&self) -> LintOptions {
        LintOptions {
            config: self.config.clone(),
            allow: self.allow.clone(),
            warn: self.warn.clone(),
            deny: self.deny.clone(),
            no_lint: self.no_lint,
        }
    }
}

/// Compile and lint one file as the library does, on the file system.
/// `Err` is a usage error (a bad `slac.toml` or rule name), worded with
/// the flags.
pub fn check_file(file: &Path, options: &LintOptions, configs: &mut Configs) -> Result<Compilation, String> {
    inputs::check_file(file, options, configs, &Disk).map_err(|e| e.render(|f| super::flags::flag(f).to_owned()))
}

fn human(compilations: &[Compilation], color: ColorChoice) -> String {
    let style = HumanStyle { color: color.enabled(), width: output::width() };
    let mut out = String::new();
    let (mut errors, mut warnings) = (0, 0);
    for c in compilations {
        for d in &c.diags {
            out.push_str(&render::human(d, &c.sources, style));
            out.push('\n');
            match d.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
                Severity::Note => {}
            }
        }
    }
    let files = compilations.len();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    out.push_str(&format!(
        "checked {}: {}, {}\n",
        plural(files, "file"),
        plural(errors, "error"),
        plural(warnings, "warning")
    ));
    out
}

fn json(compilations: &[Compilation]) -> String {
    let list: Vec<_> = compilations
        .iter()
        .flat_map(|c| c.diags.iter().map(move |d: &Diagnostic| render::json(d, &c.sources)))
        .collect();
    let mut text = serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".into());
    text.push('\n');
    text
}

/// Every lint rule, and the compiler codes, as SARIF rules.
pub fn sarif_rules() -> Vec<RuleInfo> {
    let lints = lint::RULES.iter().map(|r| RuleInfo {
        id: r.code.to_owned(),
        name: Some(r.name.to_owned()),
        summary: r.summary.to_owned(),
        full: Some(format!("{}\n\n{}\n\nFix: {}", r.what, r.why, r.fix)),
        default_level: match r.default_level {
            Level::Off => "none",
            Level::Warning => "warning",
            Level::Error => "error",
        },
        category: Some(r.category.name().to_owned()),
    });
    let codes = Code::ALL.iter().map(|c| RuleInfo {
        id: c.as_str().to_owned(),
        name: None,
        summary: c.summary().to_owned(),
        full: None,
        default_level: "error",
        category: None,
    });
    lints.chain(codes).collect()
}

fn sarif_log(compilations: &[Compilation]) -> String {
    let items: Vec<(&Diagnostic, &crate::source::SourceMap)> =
        compilations.iter().flat_map(|c| c.diags.iter().map(move |d| (d, &c.sources))).collect();
    let log = sarif::log(&items, &sarif_rules(), env!("CARGO_PKG_VERSION"));
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_else(|_| "{}".into());
    text.push('\n');
    text
}

/// A file compiled and linted as `slac check` does, for a command that
/// needs a whole contract (`compile`, `render`): a contract `check` rejects
/// is refused too, with `check`'s diagnostics (warnings among them) on the
/// error stream; `Err` is the exit code to stop with. `verb` says what the
/// command does with it, for the message about a file with no contract.
pub fn contract_for(file: &Path, verb: &str) -> Result<Compilation, u8> {
    let mut c = check_file(file, &LintOptions::default(), &mut Configs::default()).map_err(|message| {
        eprintln!("error: {message}");
        exit::USAGE
    })?;
    if c.is_library && c.diags.is_empty() {
        c.diags.push(
            Diagnostic::error(Code::MissingContract, Span::new(c.file, 0, 0), format!("{} holds no contract to {verb}", file.display()))
                .help(format!("`slac {verb}` needs a file with a `contract \"name\" {{ ... }}` block; shared files are reached through the contracts that import them")),
        );
    }
    if c.has_errors() {
        let style = HumanStyle { color: ColorChoice::Auto.enabled(), width: output::width() };
        for d in &c.diags {
            eprint!("{}", render::human(d, &c.sources, style));
        }
        let unreadable = c.diags.iter().any(|d| d.code == Code::ReadFailed.as_str());
        return Err(if unreadable { exit::USAGE } else { exit::FINDINGS });
    }
    Ok(c)
}

/// Expand directories into the `*.sla` files below them, sorted.
pub fn collect_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(PathBuf::from(STDIN_NAME));
        } else if p.is_dir() {
            walk(p, &mut out).map_err(|e| format!("cannot read directory {}: {e}", p.display()))?;
        } else if p.exists() {
            out.push(p.clone());
        } else {
            return Err(format!("{} does not exist", p.display()));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        let hidden = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.') || n == "target");
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "sla") {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        check: CheckArgs,
    }

    /// Compile and lint one fixture as `slac check ARGS FILE` would.
    fn checked(args: &[&str], file: &str) -> Compilation {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(file);
        let mut argv = vec!["slac"];
        argv.extend(args);
        let path_text = path.display().to_string();
        argv.push(&path_text);
        let cli = Cli::try_parse_from(argv).unwrap();
        check_file(&path, &cli.check.lint_options(), &mut Configs::default()).unwrap()
    }

    #[test]
    fn warnings_pass_and_errors_fail_unless_levels_change() {
        let budget = "tests/lint/budget-claim-mismatch/fail.sla";
        let c = checked(&[], budget);
        assert!(c.diags.iter().any(|d| d.code == "L206") && !c.has_errors());
        assert!(checked(&["--deny", "warnings"], budget).has_errors());
        assert!(checked(&["-D", "budget-claim-mismatch"], budget).has_errors());
        assert!(!checked(&["-A", "L206"], budget).diags.iter().any(|d| d.code == "L206"));
        let overlap = "tests/lint/credit-band-overlap/fail.sla";
        assert!(checked(&[], overlap).has_errors());
        assert!(!checked(&["--warn", "correctness"], overlap).has_errors());
        assert!(checked(&["--no-lint"], overlap).diags.is_empty());
    }

    #[test]
    fn unknown_rules_on_the_command_line_are_usage_errors() {
        let cli = Cli::try_parse_from(["slac", "-D", "no-such-rule", "x.sla"]).unwrap();
        let err = Configs::default().for_file(Path::new("x.sla"), &cli.check.lint_options(), &Disk).unwrap_err();
        let err = err.render(|f| crate::cli::flags::flag(f).to_owned());
        assert!(err.starts_with("--deny no-such-rule: ") && err.contains("not a lint rule"), "{err}");
    }

    #[test]
    fn sarif_describes_every_rule_once() {
        let rules = sarif_rules();
        let mut ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), rules.len());
        assert!(rules.iter().any(|r| r.id == "L101" && r.name.as_deref() == Some("missing-exclusions")));
    }
}
