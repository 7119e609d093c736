//! Examples that run: the `example` blocks of a contract, their events
//! checked when the contract is compiled (`text`), and run through the same
//! entry point as `slac eval` (`run`), their expectations compared with the
//! report (`expect`). `slac test` prints what [`run`] returns.

pub mod events;
pub mod expect;
pub mod run;
pub mod text;
