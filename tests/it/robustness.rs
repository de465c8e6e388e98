//! No input makes the library panic or run without bound: random and
//! half-valid docket files give a result or a clear error.

use docket::docket::{Docket, ScheduleOptions};
use docket::ical::{case_feed, FeedOptions};
use proptest::prelude::*;

/// Docket-shaped TOML assembled from plausible and hostile fragments.
fn dockety() -> impl Strategy<Value = String> {
    let value = prop_oneof![
        Just("\"2009-04-22\"".to_string()),
        Just("\"2009-02-30\"".to_string()),
        Just("\"1900-01-01\"".to_string()),
        Just("\"9999-12-31\"".to_string()),
        Just("2009-04-22".to_string()),
        Just("{ days = 14, after = \"e\" }".to_string()),
        Just("{ days = 4294967295, after = \"e\" }".to_string()),
        Just("{ hours = 3, before = \"e\", service = \"mail\" }".to_string()),
        Just("{ court_days = 0, after = \"o\" }".to_string()),
        Just("{ months = 1200, before = \"e\" }".to_string()),
        Just("{ weeks = 2, after = \"x\" }".to_string()),
        Just("-1".to_string()),
        Just("[]".to_string()),
        Just("\"\"".to_string()),
        "\"[a-z0-9 ;,\\\\\\n]{0,12}\"",
    ];
    let repeat = prop_oneof![
        Just("{ every = \"1 day\" }".to_string()),
        Just("{ every = \"0 days\" }".to_string()),
        Just("{ every = \"1 month\", from = \"previous-filing\", until = \"e\" }".to_string()),
        Just("{ rrule = \"FREQ=DAILY;INTERVAL=1\" }".to_string()),
        Just("{ rrule = \"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\" }".to_string()),
        Just("{ rrule = \"FREQ=SECONDLY\" }".to_string()),
        Just("{ rrule = \"garbage\" }".to_string()),
        Just("{ every = \"2 weeks\", count = 100000 }".to_string()),
    ];
    let court = prop_oneof![
        Just("nysb"),
        Just("txsb"),
        Just("ca2"),
        Just("zz"),
        Just("flsd")
    ];
    (
        court,
        value.clone(),
        value.clone(),
        prop::option::of(repeat),
        prop::option::of(value),
        any::<bool>(),
    )
        .prop_map(|(court, ev, ob, rep, changed, timed)| {
            let mut t =
                format!("[case]\nid = \"r\"\ncourt = \"{court}\"\n[events.e]\ntitle = \"E\"\n");
            if timed {
                t.push_str("at = \"2025-03-09T02:30\"\n");
            } else {
                t.push_str(&format!("date = {ev}\n"));
            }
            t.push_str("[obligations.o]\ntitle = \"O\"\n");
            match rep {
                Some(r) => t.push_str(&format!("first_due = {ob}\nrepeat = {r}\n")),
                None => t.push_str(&format!("due = {ob}\n")),
            }
            if let Some(c) = changed {
                t.push_str(&format!(
                    "[[changes]]\non = \"2025-01-01\"\nby = \"x\"\nmove = \"e\"\nto = {c}\n"
                ));
            }
            t
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn random_dockets_never_panic(text in dockety()) {
        let Ok(d) = Docket::from_toml_str(&text) else { return Ok(()); };
        if let Ok(s) = d.schedule(&ScheduleOptions::new()) {
            prop_assert!(s.deadlines.len() <= docket::docket::MAX_OCCURRENCES as usize + 1);
            let _ = case_feed(&d, &FeedOptions::new("x"));
        }
    }

    #[test]
    fn random_text_never_panics(text in "\\PC{0,200}") {
        let _ = Docket::from_toml_str(&text);
        let _ = Docket::from_json_str(&text);
    }
}
