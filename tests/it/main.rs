//! The one integration test binary (style.md: one binary keeps link time
//! down). Each module is one area.

mod eval;
mod inputs;
