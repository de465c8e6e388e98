//! TOML docket text: see `checks::parse_toml`.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "checks.rs"]
#[allow(dead_code)] // each target calls one of the checks
mod checks;

fuzz_target!(|data: &[u8]| checks::parse_toml(data));
