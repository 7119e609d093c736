//! slac: a contract-as-code compiler for service-level agreements.
//!
//! The pipeline, one module per stage:
//!
//! ```text
//! source text --syntax--> syntax tree --check--> IR --lint--> findings
//!                                                 \--eval(events)--> report
//! ```
//!
//! The core is pure: nothing below `cli` reads the clock or the disk except
//! through what the CLI hands it.

pub mod calendar;
pub mod check;
pub mod cli;
pub mod diag;
pub mod diff;
pub mod driver;
pub mod eval;
pub mod events;
pub mod examples;
pub mod explain;
pub mod fmt;
pub mod hash;
pub mod inputs;
pub mod ir;
pub mod lint;
pub mod lsp;
pub mod render;
pub mod report;
pub mod source;
pub mod sql;
pub mod syntax;
#[cfg(test)]
mod testing;
