//! Integration tests, one binary: each module is one area.

mod inputs;
