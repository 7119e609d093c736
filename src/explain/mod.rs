//! The pages `slac explain` prints, for lint rules and compiler codes, and
//! `docs/lints.md`. Rendering a page compiles its example, so this sits
//! above the front end and the linter; it is in the library rather than
//! in `cli` because the editor server shows the same pages on hover.

pub mod code_docs;
pub mod lint_docs;
