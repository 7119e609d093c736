//! The lint rules' documentation, generated from the registry:
//! `docs/lints.md` and `slac explain`.
//!
//! It lives in `explain`, beside the codes' pages, rather than in `lint` because rendering a rule's
//! example compiles it: the whole front end sits below this page, and the
//! linter itself needs none of it.
//!
//! Each rule's example is linted while the page is generated, and the page
//! shows what `slac check` prints for it, so the docs show real messages.
//! A test compares `docs/lints.md` with [`markdown`]; regenerate the file with
//! `cargo run -- explain --markdown > docs/lints.md` (or run the tests with
//! `SLAC_BLESS=1`).

use crate::diag::render::{self, HumanStyle};
use crate::driver::compile_source;
use crate::lint::lint;
use crate::lint::measurable::METRICS;
use crate::lint::registry::{self, Category, Level, RULES, Rule};
use crate::lint::rules::unmeasurable_objective;
use crate::lint::seeds::SEED_FINDINGS;
use std::fmt::Write;

const HEADER: &str = "# Lint rules

<!-- Generated from src/lint by `cargo run -- explain --markdown > docs/lints.md`.
     Do not edit by hand: a test fails when this file is stale. -->

`slac check` parses and type-checks each contract and then, when the front end
found no error, lints it: a contract that checks can still be a bad contract.
Every rule below has a code, a name that reads as \"allow *name*\", a category
and a default level. `slac explain CODE-or-name` prints a rule's page.

## Levels and where to set them

A finding is reported at its rule's level: **error** (`slac check` exits 1),
**warning** (shown; the exit code stays 0) or **off**. From the weakest to the
strongest say:

1. the rule's default level (the table below);
2. `slac.toml`, found by walking up from the checked file's directory, for a
   whole repository:

   ```toml
   [lints]
   missing-citation = \"warn\"    # a rule, by name or code (L405)
   completeness = \"deny\"        # every rule of a category
   warnings = \"deny\"            # every warning becomes an error
   ```

3. the command line: `--deny RULE`, `--warn RULE`, `--allow RULE` (a rule,
   code or category), and `--deny warnings`;
4. attributes in the `.sla` file: `#![allow(rule, reason = \"...\")]` at the
   top of the file (or of the contract block) for the whole file, and
   `#[allow(rule, reason = \"...\")]` (or `warn`, `deny`) on a clause for the
   findings inside that clause. The innermost attribute wins.

`--deny warnings` (or `warnings = \"deny\"`) then turns every warning left into
an error. An `allow` attribute that suppresses nothing is itself reported
(`unused-allowance`), and so is an allowance with no reason. (An `allow` in
`slac.toml` or on the command line is a decision for many files, so it is not
reported when one file gives it nothing to suppress.)

A finding at level **error** stops `slac compile` and `slac eval` too: they lint
the contract as `slac check` does (with its `slac.toml` and attributes) and
refuse it with the same diagnostics (`docs/diagnostics.md`).

Lints run only on a file the front end found no error in. They read only the
contract, with one exception: `slac check` reads the holiday files a contract
declares (`holidays NAME from \"file.csv\"`) to know which years they cover.

";

/// The whole of `docs/lints.md`.
pub fn markdown() -> String {
    let mut out = String::from(HEADER);
    out.push_str("## The rules\n\n");
    for cat in Category::ALL {
        let _ = writeln!(out, "- **{}**: {}.", cat.name(), cat.description());
    }
    out.push_str("\n| Code | Name | Category | Default | Finds |\n| --- | --- | --- | --- | --- |\n");
    for r in RULES {
        let _ = writeln!(
            out,
            "| {} | [`{}`](#{}-{}) | {} | {} | {} |",
            r.code,
            r.name,
            r.code.to_lowercase(),
            r.name,
            r.category.name(),
            r.default_level.name(),
            r.summary.replace('|', "\\|")
        );
    }
    out.push('\n');
    for r in RULES {
        out.push_str(&rule_page(r, 2));
    }
    out.push_str(&seed_section());
    out.push_str(&metrics_section());
    out
}

/// One rule's page; `depth` is the heading level of its title.
pub fn rule_page(rule: &Rule, depth: usize) -> String {
    let h = "#".repeat(depth);
    let hh = "#".repeat(depth + 1);
    let mut out = String::new();
    let _ = writeln!(out, "{h} {} `{}`\n", rule.code, rule.name);
    let default = match rule.default_level {
        Level::Off => "off (turn it on with `--warn` or `slac.toml`)",
        Level::Warning => "warning",
        Level::Error => "error",
    };
    let _ = writeln!(out, "Category: {} · Default level: {default}\n", rule.category.name());
    let _ = writeln!(out, "{hh} What it finds\n\n{}\n", rule.what);
    let _ = writeln!(out, "{hh} Why it matters\n\n{}\n", rule.why);
    let _ = writeln!(out, "{hh} Example\n\n```sla\n{}```\n", rule.example);
    if let Some(peer) = rule.peer_example {
        let _ = writeln!(out, "checked together with the contract it underpins:\n\n```sla\n{peer}```\n");
    }
    let rendered = example_output(rule);
    if !rendered.is_empty() {
        let _ = writeln!(out, "`slac check` reports:\n\n```text\n{}```\n", rendered);
    }
    let _ = writeln!(out, "{hh} How to fix it\n\n{}\n\n```sla\n{}```\n", rule.fix, rule.fixed);
    let seen: Vec<_> = SEED_FINDINGS.iter().filter(|s| s.code == rule.code).collect();
    if !seen.is_empty() {
        let _ = writeln!(out, "{hh} In the seed agreements\n");
        for s in seen {
            let _ = writeln!(out, "- seed {} ({}): {}", s.seed, s.agreement, s.note);
        }
        out.push('\n');
    }
    if rule.code == unmeasurable_objective::RULE.code && depth > 1 {
        let _ =
            writeln!(out, "The measurable names are listed under [Measurable objectives](#measurable-objectives).\n");
    }
    out
}

/// What `slac check` prints for a rule's example: that rule's findings only.
pub fn example_output(rule: &Rule) -> String {
    let mut compilation = compile_source("example.sla", rule.example);
    compilation.lint_with(|checked| lint(checked, &crate::inputs::example_config(rule)));
    let mut out = String::new();
    for d in compilation.diags.iter().filter(|d| d.code == rule.code) {
        out.push_str(&render::human(d, &compilation.sources, HumanStyle::plain()));
    }
    out
}

fn seed_section() -> String {
    let mut out = String::from(
        "## Findings on the seed agreements\n\nThe five agreements the language was designed from, checked with the default levels. \
These are true findings: the agreements say them, and the encoded contracts keep them visible.\n\n\
| Seed | Agreement | Rule | Finding |\n| --- | --- | --- | --- |\n",
    );
    for s in SEED_FINDINGS {
        let name = registry::find(s.code).map(|r| r.name).unwrap_or("");
        let _ = writeln!(out, "| {} | {} | {} `{}` | {} |", s.seed, s.agreement, s.code, name, s.note);
    }
    out.push('\n');
    out
}

fn metrics_section() -> String {
    let mut out = String::from(
        "## Measurable objectives\n\nAn `objective` (or a line of `recovery`) is measurable when its name is one of these: \
the names that a metrics file given to `slac eval --metrics` carries figures for. The objective's value must be of \
the same kind (a duration is compared with a duration). Anything else is reported by `unmeasurable-objective`.\n\n\
| Name | Kind | The figure |\n| --- | --- | --- |\n",
    );
    for m in METRICS {
        let _ = writeln!(out, "| `{}` | {} | {} |", m.name, m.kind.name(), m.meaning);
    }
    out
}

/// A short list of every rule, for `slac explain --list`.
pub fn list() -> String {
    let mut out = String::new();
    for r in RULES {
        let _ = writeln!(
            out,
            "{}  {:<28} {:<13} {:<8} {}",
            r.code,
            r.name,
            r.category.name(),
            r.default_level.name(),
            r.summary
        );
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn docs_lints_md_is_up_to_date() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/lints.md");
        let fresh = super::markdown();
        if std::env::var_os("SLAC_BLESS").is_some() {
            std::fs::write(&path, &fresh).unwrap();
            return;
        }
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            current == fresh,
            "docs/lints.md is stale: run `cargo run -- explain --markdown > docs/lints.md` (or the tests with SLAC_BLESS=1)"
        );
    }
}
