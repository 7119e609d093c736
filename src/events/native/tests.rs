//! Tests of the native readers: see tests/it/inputs.rs for end-to-end ones.
