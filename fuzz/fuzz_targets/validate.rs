//! Validation of any docket that parses: see `checks::validate`.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "checks.rs"]
#[allow(dead_code)] // each target calls one of the checks
mod checks;

fuzz_target!(|data: &[u8]| checks::validate(data));
