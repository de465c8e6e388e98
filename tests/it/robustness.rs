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

fn one_duty(repeat: &str) -> Docket {
    Docket::from_toml_str(&format!(
        "[case]\nid = \"t\"\ncourt = \"nysd\"\n[obligations.o]\ntitle = \"O\"\n\
         first_due = \"2025-03-04\"\nrepeat = {repeat}\n"
    ))
    .unwrap()
}

fn listed(d: &Docket, horizon: &str) -> (usize, Option<u32>) {
    let h = horizon.parse().ok();
    let s = d
        .schedule(&ScheduleOptions::new().explain(false).horizon(h))
        .unwrap();
    (
        s.deadlines.len(),
        s.truncated.first().map(|t| t.occurrences),
    )
}

#[test]
fn an_rrule_past_the_cap_or_the_horizon_reports_truncation_like_every() {
    let cap = docket::docket::MAX_OCCURRENCES as usize;
    // A daily rule lists as many occurrences as `every = "1 day"` (weekend
    // days merged), and both say they were cut.
    let every = listed(&one_duty("{ every = \"1 day\" }"), "2099-01-01");
    let rule = listed(&one_duty("{ rrule = \"FREQ=DAILY\" }"), "2099-01-01");
    assert_eq!(every, (cap, Some(cap as u32)));
    assert_eq!(rule, every);
    // A rule with its own COUNT past the horizon is cut by the horizon.
    let (n, cut) = listed(
        &one_duty("{ rrule = \"FREQ=DAILY;COUNT=500\" }"),
        "2025-04-01",
    );
    assert_eq!(cut, Some(n as u32));
    assert!(n > 10 && n < 30, "{n}");
    // A rule with more occurrences than the cap is cut by the cap.
    let cut = listed(
        &one_duty("{ rrule = \"FREQ=WEEKLY;COUNT=3000\" }"),
        "2099-01-01",
    );
    assert_eq!(cut, (cap, Some(cap as u32)));
    // A rule that ends before the horizon is not truncated.
    assert_eq!(
        listed(
            &one_duty("{ rrule = \"FREQ=WEEKLY;COUNT=5\" }"),
            "2099-01-01"
        ),
        (5, None)
    );
    assert_eq!(
        listed(
            &one_duty("{ rrule = \"FREQ=WEEKLY;UNTIL=20250401T000000Z\" }"),
            "2025-12-31"
        ),
        (5, None)
    );
}

#[test]
fn a_docket_listing_more_occurrences_than_its_budget_is_refused() {
    use docket::docket::MAX_DOCKET_OCCURRENCES;
    let cap = u64::from(docket::docket::MAX_OCCURRENCES);
    // Enough weekly duties (1 000 occurrences each through 2099) to pass the
    // budget by one duty.
    let duties = MAX_DOCKET_OCCURRENCES / cap + 1;
    let mut text = String::from("[case]\nid = \"big\"\ncourt = \"nysd\"\n");
    for i in 0..duties {
        text.push_str(&format!(
            "[obligations.o{i}]\ntitle = \"O\"\nfirst_due = \"2025-03-04\"\nrepeat = {{ every = \"1 week\" }}\n"
        ));
    }
    let d = Docket::from_toml_str(&text).unwrap();
    let opts = ScheduleOptions::new().explain(false);
    let far = opts.horizon("2099-01-01".parse().ok());
    let e = d.schedule(&far).unwrap_err();
    assert!(e.is_range());
    assert!(
        e.to_string()
            .contains(&format!("more than {MAX_DOCKET_OCCURRENCES} occurrences")),
        "{e}"
    );
    // The same docket through a near horizon is within the budget, and so
    // is the live schedule, which checks the same budget.
    let near = opts.horizon("2025-06-30".parse().ok());
    assert!(d.schedule(&near).is_ok());
    let checked = d.check().unwrap();
    assert!(docket::docket::LiveSchedule::new(checked.clone(), far).is_err());
    assert!(docket::docket::LiveSchedule::new(checked, near).is_ok());
}
