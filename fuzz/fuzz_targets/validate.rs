//! Validation and preparation of any docket that parses: every problem is
//! an error with a message, never a panic; a valid docket prepares.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some(docket) = common::docket_of(data) else {
        return;
    };
    match docket.validate() {
        Ok(()) => {
            docket
                .check()
                .expect("a valid docket prepares for scheduling");
        }
        Err(e) => {
            assert!(!e.problems().is_empty());
            assert!(e.problems().iter().all(|p| !p.trim().is_empty()));
        }
    }
});
