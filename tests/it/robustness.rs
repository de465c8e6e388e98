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

mod public_api {
    //! Odd arguments to the public calendar and computation API give a
    //! value or an error, never a panic.

    use chrono::{NaiveDate, NaiveTime, Weekday};
    use docket::calendar::{
        courts, easter, Calendar, Closure, HolidayRule, Observance, Scope, Status, When,
    };
    use docket::compute::{Direction, Period, Request, Roll, Service, Unit};
    use proptest::prelude::*;

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        prop_oneof![
            (1960i32..2110, 1u32..=366)
                .prop_filter_map("day", |(y, o)| { NaiveDate::from_yo_opt(y, o) }),
            Just(NaiveDate::MIN),
            Just(NaiveDate::MAX),
            (-300_000i32..300_000, 1u32..=365)
                .prop_filter_map("day", |(y, o)| NaiveDate::from_yo_opt(y, o)),
        ]
    }

    fn any_year() -> impl Strategy<Value = i32> {
        prop_oneof![1960i32..2110, Just(i32::MIN), Just(i32::MAX), any::<i32>()]
    }

    fn any_weekday() -> impl Strategy<Value = Weekday> {
        (0u8..7).prop_map(|d| Weekday::try_from(d).unwrap_or(Weekday::Mon))
    }

    fn any_u32() -> impl Strategy<Value = u32> {
        prop_oneof![0u32..40, Just(u32::MAX), any::<u32>()]
    }

    fn any_i32() -> impl Strategy<Value = i32> {
        prop_oneof![-400i32..400, Just(i32::MIN), Just(i32::MAX), any::<i32>()]
    }

    fn any_when() -> impl Strategy<Value = When> {
        prop_oneof![
            (any_u32(), any_u32()).prop_map(|(month, day)| When::Fixed { month, day }),
            (any_u32(), any_weekday(), any_u32()).prop_map(|(month, weekday, n)| When::Nth {
                month,
                weekday,
                n
            }),
            (any_u32(), any_weekday()).prop_map(|(month, weekday)| When::Last { month, weekday }),
            (any_u32(), any_weekday(), any_u32(), any_i32()).prop_map(
                |(month, weekday, n, offset)| When::NthOffset {
                    month,
                    weekday,
                    n,
                    offset
                }
            ),
            any_i32().prop_map(|offset| When::Easter { offset }),
            Just(When::ElectionDay),
            any_date().prop_map(|date| When::Date { date }),
        ]
    }

    fn any_rule() -> impl Strategy<Value = HolidayRule> {
        (
            any_when(),
            0u8..4,
            prop::option::of(any_date()),
            prop::option::of(any_date()),
            any_u32(),
            any_u32(),
        )
            .prop_map(|(when, obs, from, until, every, remainder)| {
                let observed = match obs {
                    0 => Observance::None,
                    1 => Observance::FridayOrMonday,
                    2 => Observance::SundayToMonday,
                    _ => Observance::FridayIfSaturday,
                };
                let mut r = HolidayRule::new("h", when, Scope::Court, "s")
                    .observed(observed)
                    .every_years(every, remainder);
                r.from = from;
                r.until = until;
                // The fields are public: a rule may be built without the
                // setters.
                r.every = every;
                r
            })
    }

    /// The inputs that panicked before `HolidayRule::check` and a fallible
    /// `Calendar::days_off`.
    #[test]
    fn the_panics_found_stay_fixed() {
        let rule = |when| HolidayRule::new("h", when, Scope::Court, "s");
        let last_dec = rule(When::Last {
            month: 12,
            weekday: Weekday::Fri,
        });
        assert_eq!(last_dec.actual_in(i32::MAX), None);
        let no_month = rule(When::Last {
            month: u32::MAX,
            weekday: Weekday::Fri,
        });
        assert_eq!(no_month.actual_in(2025), None);
        // n = 257 was read as 1 (the first Monday).
        let nth = rule(When::Nth {
            month: 1,
            weekday: Weekday::Mon,
            n: 257,
        });
        assert_eq!(nth.actual_in(2025), None);
        let mut every = rule(When::Fixed { month: 1, day: 20 });
        every.every = u32::MAX;
        assert_eq!(every.actual_in(i32::MIN), None);
        // Refused when building, with the holiday named.
        let easter = rule(When::Easter { offset: i32::MIN });
        let e = Calendar::builder("c").rule(easter).build().unwrap_err();
        assert!(
            e.to_string().starts_with("calendar \"c\": holiday \"h\": "),
            "{e}"
        );
        for bad in [
            rule(When::Fixed { month: 1, day: 20 }).every_years(4, 4),
            rule(When::NthOffset {
                month: 11,
                weekday: Weekday::Thu,
                n: 4,
                offset: i32::MAX,
            }),
            rule(When::Fixed { month: 2, day: 30 }),
            rule(When::Fixed { month: 1, day: 1 })
                .in_force_from(NaiveDate::from_ymd_opt(2020, 1, 1).unwrap())
                .in_force_until(NaiveDate::from_ymd_opt(2019, 1, 1).unwrap()),
        ] {
            assert!(bad.check().is_err(), "{bad:?}");
            assert!(Calendar::builder("c").rule(bad).build().is_err());
        }
        let cal = Calendar::federal().unwrap();
        let (a, b) = (NaiveDate::MAX, NaiveDate::MIN);
        let Err(e) = cal.days_off(a, b) else {
            panic!("a backward range is refused")
        };
        assert!(e.to_string().contains("ends before it starts"), "{e}");
        assert!(cal.days_off(b, a).unwrap().count() > 1_000);
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        #[test]
        fn holiday_rules_answer_any_year(rule in any_rule(), year in any_year()) {
            let _ = rule.actual_in(year);
            let _ = rule.observed_in(year);
            let _ = easter(year);
        }

        #[test]
        fn calendars_build_or_refuse_any_rule(
            rule in any_rule(),
            closure in (any_date(), prop::option::of(any_date())),
            from in any_date(),
            to in any_date(),
        ) {
            let built = Calendar::builder("t")
                .rule(rule)
                .closure(Closure {
                    date: closure.0,
                    through: closure.1,
                    reason: "x".into(),
                    status: Status::Settled,
                    question: None,
                })
                .build();
            if let Ok(cal) = built {
                match cal.days_off(from, to) {
                    Ok(days) => prop_assert!(from <= to && days.count() <= 200_000),
                    Err(e) => prop_assert!(from > to, "{e}"),
                }
                let _ = cal.notes_on(from);
                let _ = cal.covers(to);
            }
        }

        #[test]
        fn computations_answer_any_request(
            trigger in any_date(),
            amount in any_u32(),
            unit in 0u8..6,
            before in any::<bool>(),
            service in 0u8..5,
            roll in 0u8..4,
            as_of in prop::option::of(any_date()),
            at in prop::option::of((0u32..24, 0u32..60)),
            court in 0usize..64,
        ) {
            let unit = [Unit::Days, Unit::CourtDays, Unit::Weeks, Unit::Months, Unit::Years, Unit::Hours][unit as usize];
            let period = Period { amount, unit };
            let _ = period.check();
            let _ = period.to_string().parse::<Period>();
            let dir = if before { Direction::Before } else { Direction::After };
            let service = [None, Some(Service::Mail), Some(Service::Electronic), Some(Service::Hand), Some(Service::Other)][service as usize];
            let roll = [Roll::Rule, Roll::Forward, Roll::Backward, Roll::None][roll as usize];
            let mut req = Request::new(trigger, period, dir).service(service).roll(roll).rules_as_of(as_of);
            if let Some((h, m)) = at {
                req = req.at(NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default());
            }
            let all = courts().unwrap();
            let c = &all[court % all.len()];
            let cal = c.calendar().unwrap();
            if let Ok(due) = req.compute(&cal, c.family) {
                let _ = due.ends_at(&cal);
                prop_assert!(cal.covers(due.due()));
            }
        }

        #[test]
        fn periods_parse_any_text(text in "\\PC{0,24}") {
            let _ = text.parse::<Period>();
            let _ = docket::calendar::court(&text);
            let _ = docket::docket::parse_date(&text);
            let _ = docket::docket::parse_local_datetime(&text);
        }
    }
}

mod options {
    //! Extreme options on a valid docket: a result or an error, never a
    //! panic, and bounded output.

    use chrono::{NaiveDate, NaiveDateTime};
    use docket::docket::{next_deadlines, Docket, ScheduleOptions};
    use docket::ical::{Feed, FeedOptions};
    use proptest::prelude::*;

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        prop_oneof![
            (1960i32..2110, 1u32..=366)
                .prop_filter_map("day", |(y, o)| { NaiveDate::from_yo_opt(y, o) }),
            Just(NaiveDate::MIN),
            Just(NaiveDate::MAX),
        ]
    }

    fn docket() -> Docket {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/lexington.toml");
        Docket::load(path).unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn schedules_and_feeds_take_any_options(
            from in prop::option::of(any_date()),
            to in prop::option::of(any_date()),
            horizon in prop::option::of(any_date()),
            cap in prop_oneof![Just(0u32), Just(u32::MAX), 0u32..50],
            alarms in prop::collection::vec(prop_oneof![Just(u32::MAX), 0u32..100], 0..4),
            refresh in prop_oneof![Just(0u32), Just(u32::MAX), 1u32..10_000],
            stamp in prop::option::of(any_date()),
            method in prop::option::of("[A-Za-z-]{0,12}"),
            name in "\\PC{0,40}",
            as_of in any_date(),
            n in prop_oneof![Just(usize::MAX), 0usize..10],
        ) {
            let d = docket();
            let checked = d.check().unwrap();
            let opts = ScheduleOptions::new()
                .window(from, to)
                .horizon(horizon)
                .max_occurrences(cap);
            if let Ok(s) = checked.schedule(&opts) {
                let listed = s.deadlines.len();
                prop_assert!(listed <= 2 * docket::docket::MAX_OCCURRENCES as usize + 2);
                let _ = s.due_between(as_of, as_of).count();
                let _ = s.overdue(as_of).count();
                let _ = next_deadlines(std::slice::from_ref(&s), as_of, n);
            }
            let stamp: Option<NaiveDateTime> = stamp.and_then(|d| d.and_hms_opt(12, 0, 0));
            let fo = FeedOptions::new("x.example")
                .window(from, to)
                .horizon(horizon)
                .alarms(&alarms)
                .refresh_minutes(refresh)
                .stamp(stamp)
                .method(method)
                .name(name);
            if let Ok(feed) = Feed::new(&fo).case(&checked) {
                let text = feed.to_ics();
                prop_assert!(text.ends_with("END:VCALENDAR\r\n"));
            }
        }
    }
}
