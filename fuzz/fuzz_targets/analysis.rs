//! Fuzz target `analysis`: see `checks::analysis` for the properties it checks.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::analysis(data));
