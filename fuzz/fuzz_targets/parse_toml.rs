//! TOML docket text: parsing never panics, and what parses writes back to
//! TOML that reads as the same docket.
#![no_main]

use docket::docket::Docket;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(docket) = Docket::from_toml_str(text) else {
        return;
    };
    let written = docket
        .to_toml_string()
        .expect("a parsed docket writes as TOML");
    let again = Docket::from_toml_str(&written).expect("written TOML reads back");
    assert_eq!(again, docket, "TOML round trip changed the docket");
});
