//! `slac eval`: hand-worked cases under `tests/eval/<case>/`, the seed
//! contracts over a fixture month, properties, and exit codes.

mod harness;

mod amendments;
mod business_clock;
mod business_days;
mod cases;
mod compensation;
mod docs;
mod exit_codes;
mod html;
mod inputs;
mod pauses;
mod properties;
mod range;
mod seeds;
mod spool;
mod updates;
mod worked;
