//! Helpers for unit tests of the stages below the driver: the linter's
//! tests start from source text, and only a module above both the front end
//! and the linter may compile it.

use crate::diag::Diagnostic;
pub(crate) use crate::driver::Compilation;
use crate::lint::{LintConfig, lint};

/// Compile a contract's source text and lint it with `config`. Returns the
/// compilation (for rendering) and the findings; the findings are empty when
/// the front end reported errors, as in `slac check`.
pub(crate) fn lint_source(name: &str, text: &str, config: &LintConfig) -> (Compilation, Vec<Diagnostic>) {
    let mut compilation = crate::driver::compile_source(name, text);
    let mut findings = Vec::new();
    compilation.lint_with(|checked| {
        findings = lint(checked, config);
        Vec::new()
    });
    (compilation, findings)
}
