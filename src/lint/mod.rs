//! The linter: a contract that checks can still be a bad contract.
//!
//! [`lint`] runs every rule of the [`registry`] on a checked contract and
//! returns its findings as diagnostics, at the level each one ends up with:
//!
//! 1. the rule's default level;
//! 2. raised or lowered for the whole repository by `slac.toml` and the
//!    command line ([`LintConfig`]);
//! 3. raised or lowered inside the `.sla` file by attributes:
//!    `#![allow(rule)]` for the whole file, `#[allow(rule, reason = "...")]`
//!    on a clause for what lies inside it. The innermost attribute wins;
//! 4. `--deny warnings` turns every warning left into an error.
//!
//! An `allow` attribute that suppresses nothing is itself reported
//! (`unused-allowance`). The linter is pure: no file, no clock; what it needs
//! from outside (holiday files' years) comes in the [`LintConfig`].

pub mod config;
pub(crate) mod exact;
pub mod measurable;
pub mod registry;
pub mod rules;
pub mod seeds;

#[cfg(test)]
mod tests;

pub use config::{LintConfig, Peer};
pub use registry::{Category, Level, RULES, Rule};

use crate::diag::{Diagnostic, Related, Severity};
use crate::ir::{CheckedContract, Citation, Contract};
use crate::source::{FileId, Span};
use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};

/// What a rule looks at.
pub struct Context<'a> {
    pub contract: &'a Contract,
    /// Years each holiday set covers, for sets the linter cannot know by
    /// itself (those read from files). Built-in sets are looked up directly.
    pub holiday_years: &'a BTreeMap<String, BTreeSet<i32>>,
    /// The other contracts checked in the same run, by name.
    pub peers: &'a BTreeMap<String, Peer>,
}

/// One thing a rule found, before it gets its code and level.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub span: Span,
    pub message: String,
    pub label: String,
    pub help: Option<String>,
    pub related: Vec<Related>,
    pub citation: Option<String>,
}

impl Finding {
    pub fn new(span: Span, message: impl Into<String>) -> Finding {
        Finding { span, message: message.into(), label: String::new(), help: None, related: Vec::new(), citation: None }
    }

    pub fn label(mut self, label: impl Into<String>) -> Finding {
        self.label = label.into();
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Finding {
        self.help = Some(help.into());
        self
    }

    pub fn related(mut self, span: Span, message: impl Into<String>) -> Finding {
        self.related.push(Related { span, message: message.into() });
        self
    }

    /// Show the clause of the agreement the construct cites.
    pub fn cite(mut self, citation: Option<&Citation>) -> Finding {
        self.citation = citation.map(|c| c.section.clone());
        self
    }

    fn into_diagnostic(self, rule: &Rule, level: Level) -> Diagnostic {
        Diagnostic {
            code: rule.code,
            name: Some(rule.name),
            severity: if level == Level::Error { Severity::Error } else { Severity::Warning },
            message: self.message,
            span: self.span,
            label: self.label,
            help: self.help,
            related: self.related,
            citation: self.citation,
        }
    }
}

/// One rule named in one attribute.
struct Allowance {
    rule: &'static Rule,
    level: Level,
    /// `None`: the whole file.
    scope: Option<Span>,
    file: FileId,
    /// Where the rule's name is written, for `unused-allowance`.
    name_span: Span,
    name: String,
    used: Cell<bool>,
}

impl Allowance {
    fn applies_to(&self, span: Span) -> bool {
        match self.scope {
            None => self.file == span.file,
            Some(s) => s.file == span.file && s.start <= span.start && span.end <= s.end,
        }
    }

    /// Smaller is more specific; a whole-file attribute is the least.
    fn width(&self) -> u64 {
        self.scope.map_or(u64::MAX, |s| u64::from(s.end - s.start))
    }
}

/// The levels that apply to one contract.
struct Levels<'a> {
    config: &'a LintConfig,
    allowances: Vec<Allowance>,
}

impl Levels<'_> {
    fn new<'a>(contract: &Contract, config: &'a LintConfig) -> Levels<'a> {
        let mut allowances = Vec::new();
        for attr in &contract.lint_attributes {
            for (name, span) in &attr.rules {
                if let Some(rule) = registry::find(name) {
                    allowances.push(Allowance {
                        rule,
                        level: attr.level.into(),
                        scope: attr.scope,
                        file: attr.span.file,
                        name_span: *span,
                        name: name.clone(),
                        used: Cell::new(false),
                    });
                }
            }
        }
        Levels { config, allowances }
    }

    /// The level a finding of `rule` at `span` is reported at. The innermost
    /// attribute decides; among equals, the last written.
    fn level(&self, rule: &Rule, span: Span) -> Level {
        let decider = self
            .allowances
            .iter()
            .enumerate()
            .filter(|(_, a)| std::ptr::eq(a.rule, rule) && a.applies_to(span))
            .min_by_key(|(i, a)| (a.width(), usize::MAX - i))
            .map(|(_, a)| a);
        let level = match decider {
            Some(a) => {
                a.used.set(true);
                a.level
            }
            None => self.config.level_of(rule),
        };
        if level == Level::Warning && self.config.deny_warnings { Level::Error } else { level }
    }
}

/// Lint one checked contract. Pure: the same contract and configuration
/// give the same findings, sorted by position.
pub fn lint(checked: &CheckedContract, config: &LintConfig) -> Vec<Diagnostic> {
    let contract = checked.contract();
    let cx = Context { contract, holiday_years: &config.holiday_years, peers: &config.peers };
    let levels = Levels::new(contract, config);
    let mut out = Vec::new();
    let versions: Vec<Contract> = if contract.amendments.is_empty() {
        Vec::new()
    } else {
        contract.versions().into_iter().map(|v| v.contract).collect()
    };
    for rule in RULES.iter().copied() {
        let mut found = Vec::new();
        if versions.is_empty() {
            (rule.check)(&cx, &mut found);
        } else {
            found = in_every_version(rule, &versions, config);
        }
        report(&levels, rule, found, &mut out);
    }
    // Allowances that decided no finding: reported last, so every other
    // finding has had its chance to use them.
    let unused: Vec<Finding> = levels
        .allowances
        .iter()
        .filter(|a| a.level == Level::Off && !a.used.get() && !std::ptr::eq(a.rule, &rules::unused_allowance::RULE))
        .map(|a| rules::unused_allowance::finding(&a.name, a.rule, a.name_span))
        .collect();
    report(&levels, &rules::unused_allowance::RULE, unused, &mut out);
    crate::diag::sort(&mut out);
    out
}

/// A contract with amendments is linted version by version, so a rule that
/// compares clauses (a budget against its target, a credit band against
/// the target) sees the clauses in force together. What any version shows
/// is reported once; a definition is unused only when no version uses it.
fn in_every_version(rule: &'static Rule, versions: &[Contract], config: &LintConfig) -> Vec<Finding> {
    let mut per_version = versions.iter().map(|contract| {
        let cx = Context { contract, holiday_years: &config.holiday_years, peers: &config.peers };
        let mut found = Vec::new();
        (rule.check)(&cx, &mut found);
        found
    });
    let mut all = per_version.next().unwrap_or_default();
    let same = |a: &Finding, b: &Finding| a.span == b.span && a.message == b.message;
    for found in per_version {
        if std::ptr::eq(rule, &rules::unused_definition::RULE) {
            all.retain(|f| found.iter().any(|g| same(f, g)));
        } else {
            let new: Vec<Finding> = found.into_iter().filter(|g| !all.iter().any(|f| same(f, g))).collect();
            all.extend(new);
        }
    }
    all
}

fn report(levels: &Levels<'_>, rule: &'static Rule, found: Vec<Finding>, out: &mut Vec<Diagnostic>) {
    for f in found {
        let level = levels.level(rule, f.span);
        if level != Level::Off {
            out.push(f.into_diagnostic(rule, level));
        }
    }
}
