//! The pest parser generated from `grammar/sla.pest`.

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/sla.pest"]
pub struct SlaParser;
