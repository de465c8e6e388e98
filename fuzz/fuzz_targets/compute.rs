//! The calendar and computation API with arbitrary arguments: see
//! `checks::compute`.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "checks.rs"]
#[allow(dead_code)] // each target calls one of the checks
mod checks;

fuzz_target!(|i: checks::ApiInput| checks::compute(&i));
