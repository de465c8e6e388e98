//! JSON docket text: parsing (with its duplicate-key check) never panics,
//! and what parses writes back to JSON that reads as the same docket.
#![no_main]

use docket::docket::Docket;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(docket) = Docket::from_json_str(text) else {
        return;
    };
    let written = docket
        .to_json_string()
        .expect("a parsed docket writes as JSON");
    let again = Docket::from_json_str(&written).expect("written JSON reads back");
    assert_eq!(again, docket, "JSON round trip changed the docket");
});
