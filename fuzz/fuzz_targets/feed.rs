//! Feeds of any docket that parses: RFC 5545 content lines (CRLF, at most
//! 75 octets), one VCALENDAR, balanced BEGIN/END, and the same bytes twice.
#![no_main]

use docket::ical::{case_feed, FeedOptions};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some(docket) = common::docket_of(data) else {
        return;
    };
    let opts = FeedOptions::new("fuzz.example").alarms(&[1]);
    let Ok(text) = case_feed(&docket, &opts) else {
        return;
    };
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    let mut depth = 0i32;
    for line in text.split_terminator("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
        if line.starts_with("BEGIN:") {
            depth += 1;
        } else if line.starts_with("END:") {
            depth -= 1;
            assert!(depth >= 0);
        }
    }
    assert_eq!(depth, 0);
    assert_eq!(
        case_feed(&docket, &opts).ok().as_deref(),
        Some(text.as_str())
    );
});
