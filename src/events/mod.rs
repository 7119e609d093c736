//! Event inputs: the canonical records and the readers that produce them.

pub mod model;

pub use model::*;
