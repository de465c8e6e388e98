//! Schedules of any docket that parses: a result or an error, within the
//! caps, and deadlines in due-date order.
#![no_main]

use docket::docket::{ScheduleOptions, MAX_DOCKET_OCCURRENCES};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some(docket) = common::docket_of(data) else {
        return;
    };
    let Ok(checked) = docket.check() else {
        return;
    };
    // A small cap per duty keeps each run short; the docket's own budget
    // still applies.
    let opts = ScheduleOptions::new().max_occurrences(40);
    let Ok(s) = checked.schedule(&opts) else {
        return;
    };
    assert!(s.deadlines.len() as u64 <= MAX_DOCKET_OCCURRENCES);
    assert!(s.deadlines.windows(2).all(|w| w[0].due <= w[1].due));
    for d in &s.deadlines {
        assert!(
            checked.calendar().covers(d.due),
            "{} outside the calendar",
            d.due
        );
    }
    // The live schedule agrees with the full one.
    if let Ok(live) = docket::docket::LiveSchedule::new(checked.clone(), opts) {
        assert_eq!(live.schedule(), s);
    }
});
