//! Properties of recurring duties that must hold for every court, first due
//! date, period, bound and sequence of filings.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}
use docket::calendar::Calendar;
use docket::compute::{Period, Roll, Unit};
use docket::docket::{
    Case, Change, CheckedDocket, Deadline, DeadlineStatus, Docket, Obligation, ObligationStatus,
    Repeat, RepeatFrom, ScheduleOptions, Until, When, MAX_OCCURRENCES,
};
use proptest::prelude::*;

const COURTS: [&str; 6] = ["nysd", "nysb", "deb", "txsb", "cacd", "ca2"];

/// Days a forward roll can add past a nominal date (a weekend next to a
/// holiday or two).
const ROLL_SLACK: u64 = 4;

/// One random recurring duty and the filings to record, in order.
#[derive(Debug, Clone)]
struct Case_ {
    court: &'static str,
    first_due: NaiveDate,
    every: Period,
    from: RepeatFrom,
    count: Option<u32>,
    /// Days after `first_due`.
    until: Option<u64>,
    roll_none: bool,
    /// Days after `first_due`, or the default horizon.
    horizon: Option<u64>,
    /// Each filing's offset from the occurrence's due date at the time it is
    /// recorded (clamped to be less than a period early and no earlier than
    /// the previous filing).
    filings: Vec<i64>,
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn plus(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap()
}

fn shift(d: NaiveDate, n: i64) -> NaiveDate {
    if n >= 0 {
        plus(d, n.unsigned_abs())
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs())).unwrap()
    }
}

fn every() -> impl Strategy<Value = Period> {
    prop_oneof![
        1 => (1u32..=6).prop_map(Period::days),
        3 => (7u32..=60).prop_map(Period::days),
        3 => (1u32..=8).prop_map(Period::weeks),
        3 => (1u32..=6).prop_map(Period::months),
    ]
}

fn case() -> impl Strategy<Value = Case_> {
    let first = 0u64..(65 * 365);
    (
        0usize..COURTS.len(),
        first,
        every(),
        any::<bool>(),
        prop::option::of(1u32..=40),
        prop::option::of(0u64..900),
        prop::bool::weighted(0.2),
        prop::option::of(0u64..1100),
        prop::collection::vec(-3i64..=10, 0..6),
    )
        .prop_map(
            |(c, first, every, prev, count, until, roll_none, horizon, filings)| Case_ {
                court: COURTS[c],
                first_due: plus(date("1995-01-01"), first),
                every,
                from: if prev {
                    RepeatFrom::PreviousFiling
                } else {
                    RepeatFrom::Schedule
                },
                count,
                until,
                roll_none,
                horizon,
                filings,
            },
        )
}

fn docket(c: &Case_, changes: Vec<Change>) -> Docket {
    let obligation = Obligation {
        title: "Status report".into(),
        parties: Vec::new(),
        cite: None,
        due: None,
        first_due: Some(When::Date(c.first_due)),
        repeat: Some(Repeat {
            every: Some(c.every),
            rrule: None,
            from: c.from,
            until: c.until.map(|u| Until::Date(plus(c.first_due, u))),
            count: c.count,
            roll: c.roll_none.then_some(Roll::None),
        }),
        filed: Vec::new(),
        status: ObligationStatus::Active,
    };
    Docket {
        case: Case {
            id: "r".into(),
            number: None,
            caption: None,
            court: Some(c.court.into()),
            judge: None,
        },
        calendar: None,
        parties: BTreeMap::new(),
        events: BTreeMap::new(),
        obligations: BTreeMap::from([("x".to_string(), obligation)]),
        changes,
        rules: None,
        base_dir: None,
    }
}

/// The duty's occurrences, by occurrence number.
fn occurrences(checked: &CheckedDocket, c: &Case_) -> Vec<Deadline> {
    let opts = ScheduleOptions::new()
        .explain(false)
        .horizon(c.horizon.map(|h| plus(c.first_due, h)));
    let mut v = checked.schedule(&opts).unwrap().deadlines;
    v.sort_by_key(|d| d.occurrence);
    v
}

/// The fewest days `p` can span.
fn min_days(p: Period) -> i64 {
    let n = i64::from(p.amount);
    match p.unit {
        Unit::Weeks => 7 * n,
        Unit::Months => 28 * n,
        Unit::Years => 365 * n,
        _ => n,
    }
}

/// Occurrence `k`'s due date, however far out, if the duty has one.
fn due_of(checked: &CheckedDocket, k: usize) -> Option<NaiveDate> {
    let opts = ScheduleOptions::new()
        .explain(false)
        .horizon(Some(date("2100-12-31")))
        .max_occurrences(u32::try_from(k).unwrap());
    let s = checked.schedule(&opts).unwrap();
    s.deadlines
        .iter()
        .find(|d| d.occurrence as usize == k)
        .map(|d| d.due)
}

/// Occurrence `k`'s date on the grid from `first_due` (months clamp from
/// the first due date each time).
fn grid_date(c: &Case_, k: u32) -> NaiveDate {
    let n = c.every.amount * (k - 1);
    match c.every.unit {
        Unit::Days => plus(c.first_due, u64::from(n)),
        Unit::Weeks => plus(c.first_due, 7 * u64::from(n)),
        Unit::Months => c
            .first_due
            .checked_add_months(chrono::Months::new(n))
            .unwrap(),
        _ => unreachable!("no such period in these cases"),
    }
}

/// A settled reason the court is closed on `d` for a forward period.
fn closed_forward(cal: &Calendar, d: NaiveDate) -> bool {
    cal.is_weekend(d) || cal.notes_on(d).iter().any(|n| !n.status.is_disputed())
}

fn brief(v: &[Deadline]) -> Vec<(u32, NaiveDate, DeadlineStatus, Option<NaiveDate>)> {
    v.iter()
        .map(|d| (d.occurrence, d.due, d.status, d.filed))
        .collect()
}

/// Properties (a), (b), (d) and (e) of one schedule.
fn check_schedule(
    checked: &CheckedDocket,
    c: &Case_,
    v: &[Deadline],
) -> std::result::Result<(), TestCaseError> {
    let cal = checked.calendar();
    let ctx = || format!("{c:?}\n{:?}", brief(v));
    for (i, d) in v.iter().enumerate() {
        prop_assert_eq!(d.occurrence as usize, i + 1, "numbering: {}", ctx());
    }
    // (a) No two occurrences share a due date.
    for (i, a) in v.iter().enumerate() {
        for b in &v[i + 1..] {
            prop_assert!(
                a.due != b.due,
                "(a) occurrences {} and {} are both due {}: {}",
                a.occurrence,
                b.occurrence,
                a.due,
                ctx()
            );
        }
    }
    // (b) A grid from a date set by order never drifts: each occurrence is
    // due on its grid date as it stands, and the day it would roll to is a
    // later reading (none with roll = none). Occurrences counted from the
    // previous filing fall on court days unless roll = none.
    for d in v {
        for r in &d.readings {
            prop_assert!(
                d.due < r.date,
                "(b) reading {r:?} not after {}: {}",
                d.due,
                ctx()
            );
        }
        prop_assert_eq!(d.latest, d.readings.last().map(|r| r.date), "{}", ctx());
    }
    if c.from == RepeatFrom::Schedule {
        for d in v {
            let grid = grid_date(c, d.occurrence);
            prop_assert_eq!(
                d.due,
                grid,
                "(b) occurrence {} drifted: {}",
                d.occurrence,
                ctx()
            );
            if c.roll_none {
                prop_assert!(d.readings.is_empty(), "(b) roll = none: {}", ctx());
            } else if closed_forward(cal, grid) {
                let r = d.readings.iter().find(|r| r.question == "fixed-date-roll");
                prop_assert!(
                    r.is_some_and(|r| !closed_forward(cal, r.date)),
                    "(b) occurrence {} on closed {grid} lacks its rolled reading: {}",
                    d.occurrence,
                    ctx()
                );
            }
        }
    } else if !c.roll_none {
        for d in v.iter().skip(1) {
            prop_assert!(
                !closed_forward(cal, d.due),
                "(b) occurrence {} is due {}, not a court day of {}: {}",
                d.occurrence,
                d.due,
                cal.name(),
                ctx()
            );
        }
    }
    // (d) Due dates increase with the occurrence number.
    for w in v.windows(2) {
        prop_assert!(
            w[0].due <= w[1].due,
            "(d) occurrence {} due {} comes after occurrence {} due {}: {}",
            w[0].occurrence,
            w[0].due,
            w[1].occurrence,
            w[1].due,
            ctx()
        );
    }
    // (e) Bounded by count, the cap and until.
    prop_assert!(v.len() <= MAX_OCCURRENCES as usize, "(e) cap: {}", ctx());
    if let Some(n) = c.count {
        prop_assert!(v.len() <= n as usize, "(e) count {n}: {}", ctx());
    }
    if let Some(u) = c.until {
        let until = plus(c.first_due, u);
        for d in v.iter().skip(1) {
            prop_assert!(
                d.due <= plus(until, ROLL_SLACK),
                "(e) occurrence {} due {} is past until {until}: {}",
                d.occurrence,
                d.due,
                ctx()
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Records the filings one at a time, checking every schedule on the way
    /// and that a filing of occurrence k (c) leaves occurrences 1..k-1 as
    /// they were.
    #[test]
    fn recurring_duties(c in case()) {
        let mut changes: Vec<Change> = Vec::new();
        let mut checked = docket(&c, changes.clone()).check().unwrap();
        let mut before = occurrences(&checked, &c);
        check_schedule(&checked, &c, &before)?;
        let mut last_filed: Option<NaiveDate> = None;
        for (i, &off) in c.filings.iter().enumerate() {
            let k = i + 1;
            // File occurrence k near its due date as it stands (past the
            // horizon too), or after the last one when there is no k-th.
            let near = match due_of(&checked, k) {
                Some(d) => d,
                None => plus(before.last().map_or(c.first_due, |d| d.due), 1),
            };
            // Never a whole period early: counted from such a filing, the
            // next occurrence would legitimately fall on or before this one
            // under `previous-filing`.
            let on = shift(near, off)
                .max(shift(near, 1 - min_days(c.every)))
                .max(last_filed.unwrap_or(NaiveDate::MIN));
            last_filed = Some(on);
            changes.push(Change::file(on, "Notice of filing", "x"));
            checked = docket(&c, changes.clone()).check().unwrap();
            let after = occurrences(&checked, &c);
            check_schedule(&checked, &c, &after)?;
            // (c) Occurrences before k are untouched.
            let n = (k - 1).min(before.len());
            prop_assert!(after.len() >= n, "(c) filing {k} on {on} dropped occurrences: {c:?}\nbefore {:?}\nafter {:?}", brief(&before), brief(&after));
            for j in 0..n {
                prop_assert_eq!(
                    (before[j].due, before[j].status),
                    (after[j].due, after[j].status),
                    "(c) filing {} on {} changed occurrence {}: {:?}\nbefore {:?}\nafter {:?}",
                    k, on, j + 1, c, brief(&before), brief(&after)
                );
            }
            before = after;
        }
    }
}

// Worked examples: every date justified.

fn toml(text: &str) -> Docket {
    Docket::from_toml_str(text).unwrap()
}

fn dues(s: &docket::docket::Schedule, obligation: &str) -> Vec<String> {
    let mut v: Vec<&Deadline> = s
        .deadlines
        .iter()
        .filter(|d| d.obligation == obligation)
        .collect();
    v.sort_by_key(|d| d.occurrence);
    v.iter().map(|d| d.due.to_string()).collect()
}

fn deadline<'a>(s: &'a docket::docket::Schedule, id: &str) -> &'a Deadline {
    s.deadlines
        .iter()
        .find(|d| d.id == id)
        .unwrap_or_else(|| panic!("no deadline {id}"))
}

const SDFLA: &str = r#"
[case]
id = "fl"
court = "flsd"

[events.order]
title = "Order setting status reports"
date = "2025-12-19"

[obligations.grid]
title = "Status report every 30 days"
first_due = { days = 30, after = "order" }
repeat = { every = "30 days", count = 3 }

[obligations.chain]
title = "Status report 30 days after the last"
first_due = { days = 30, after = "order" }
repeat = { every = "30 days", from = "previous-filing", count = 3 }
"#;

#[test]
fn a_rolled_occurrence_does_not_shift_a_counted_grid() {
    let s = toml(SDFLA).schedule(&ScheduleOptions::new()).unwrap();
    // 30 days after Friday 2025-12-19 is Sunday 2026-01-18; Monday 01-19 is
    // Martin Luther King Jr. Day (5 U.S.C. 6103(a)): due Tuesday 01-20 (Fed.
    // R. Civ. P. 6(a)(1)(C)). The next counts from 01-18, the date before the
    // roll: 30 days later is Tuesday 02-17 (not 02-19, 30 days after 01-20).
    // Then 30 days after 02-17: Thursday 03-19.
    for o in ["grid", "chain"] {
        assert_eq!(
            dues(&s, o),
            ["2026-01-20", "2026-02-17", "2026-03-19"],
            "{o}"
        );
    }
    let second = deadline(&s, "fl/chain/2");
    assert!(
        second
            .explain
            .iter()
            .any(|l| l.contains("2026-01-18 before any roll")),
        "{:?}",
        second.explain
    );
    let second = deadline(&s, "fl/grid/2");
    assert!(
        second.explain.iter().any(|l| l.contains("from 2026-01-18")),
        "{:?}",
        second.explain
    );
    // Filed on its due date 01-20, the chain counts from the filing: 30 days
    // after 01-20 is Thursday 02-19. The grid does not move.
    let filed = toml(&SDFLA.replace(
        "from = \"previous-filing\", count = 3 }",
        "from = \"previous-filing\", count = 3 }\nfiled = [\"2026-01-20\"]",
    ))
    .schedule(&ScheduleOptions::new())
    .unwrap();
    assert_eq!(dues(&filed, "chain")[1], "2026-02-19");
    assert_eq!(dues(&filed, "grid")[1], "2026-02-17");
}

const MONTHLY: &str = r#"
[case]
id = "mor"
court = "nysb"

[obligations.operating-report]
title = "Monthly operating report"
cite = "Order, no later than the 21st day of each month"
first_due = "2026-01-21"
repeat = { rrule = "FREQ=MONTHLY;BYMONTHDAY=21", count = 6 ROLL }
"#;

#[test]
fn a_grid_set_by_order_is_due_as_set_with_the_roll_as_a_later_reading() {
    let s = toml(&MONTHLY.replace(" ROLL", ""))
        .schedule(&ScheduleOptions::new())
        .unwrap();
    // The 21st of each month, set by order: each is due as set (a fixed time
    // to act is not computed: 2009 Committee Note to Fed. R. Bankr. P.
    // 9006(a); Violette v. P.A. Days, 427 F.3d 1015). 2026-01-21 is a
    // Wednesday, 02-21 and 03-21 Saturdays, 04-21 a Tuesday, 05-21 a
    // Thursday, 06-21 a Sunday.
    assert_eq!(
        dues(&s, "operating-report"),
        [
            "2026-01-21",
            "2026-02-21",
            "2026-03-21",
            "2026-04-21",
            "2026-05-21",
            "2026-06-21"
        ]
    );
    // The weekend ones have the next court day as a later reading:
    // Monday 02-23, Monday 03-23, Monday 06-22 (Juneteenth is Friday 06-19).
    let later: Vec<(u32, Option<String>)> = {
        let mut v: Vec<&Deadline> = s.deadlines.iter().collect();
        v.sort_by_key(|d| d.occurrence);
        v.iter()
            .map(|d| (d.occurrence, d.latest.map(|l| l.to_string())))
            .collect()
    };
    assert_eq!(
        later,
        [
            (1, None),
            (2, Some("2026-02-23".into())),
            (3, Some("2026-03-23".into())),
            (4, None),
            (5, None),
            (6, Some("2026-06-22".into())),
        ]
    );
    let feb = deadline(&s, "mor/operating-report/2");
    assert_eq!(feb.readings.len(), 1);
    let r = &feb.readings[0];
    assert_eq!(r.question, "fixed-date-roll");
    assert_eq!(feb.latest_reason.as_deref(), Some(r.reason.as_str()));
    // Cited for the bankruptcy rule, not the civil one.
    assert_eq!(
        r.cites,
        [
            "Fed. R. Bankr. P. 9006(a), 2009 Committee Note",
            "Violette v. P.A. Days, Inc., 427 F.3d 1015 (6th Cir. 2005)"
        ]
    );
    assert!(feb.explain.iter().all(|l| !l.contains("Civ. P.")));
    assert!(
        feb.explain
            .iter()
            .any(|l| l.starts_with("a later reading (question fixed-date-roll) gives 2026-02-23")),
        "{:?}",
        feb.explain
    );
    // In the JSON: `readings` next to `latest`.
    let json = serde_json::to_value(feb).unwrap();
    assert_eq!(json["latest"], "2026-02-23");
    assert_eq!(json["readings"][0]["date"], "2026-02-23");
    assert_eq!(json["readings"][0]["question"], "fixed-date-roll");
    assert!(json["readings"][0]["cites"].is_array());

    // roll = "forward" in `repeat`: the docket settled it. Each date rolls to
    // the next court day and no reading is left.
    let s = toml(&MONTHLY.replace(" ROLL", ", roll = \"forward\""))
        .schedule(&ScheduleOptions::new())
        .unwrap();
    assert_eq!(
        dues(&s, "operating-report"),
        [
            "2026-01-21",
            "2026-02-23",
            "2026-03-23",
            "2026-04-21",
            "2026-05-21",
            "2026-06-22"
        ]
    );
    assert!(s.deadlines.iter().all(|d| d.readings.is_empty()));
    let feb = deadline(&s, "mor/operating-report/2");
    assert!(
        feb.explain.iter().any(|l| l.contains("the docket chose")),
        "{:?}",
        feb.explain
    );
    // roll = "none": the dates stand and nothing else is read.
    let s = toml(&MONTHLY.replace(" ROLL", ", roll = \"none\""))
        .schedule(&ScheduleOptions::new())
        .unwrap();
    assert_eq!(dues(&s, "operating-report")[1], "2026-02-21");
    assert!(s.deadlines.iter().all(|d| d.readings.is_empty()));
}

#[test]
fn one_off_fixed_dates_on_closed_days_cite_the_family() {
    let one = |court: &str, due: &str| {
        let s = toml(&format!(
            "[case]\nid = \"f\"\ncourt = \"{court}\"\n[obligations.brief]\ntitle = \"Brief\"\ndue = \"{due}\"\n"
        ))
        .schedule(&ScheduleOptions::new())
        .unwrap();
        s.deadlines[0].clone()
    };
    // Civil (S.D.N.Y.): Monday 2026-01-19 is Martin Luther King Jr. Day: due
    // as set; Tuesday 01-20 is the later reading.
    let civil = one("nysd", "2026-01-19");
    assert_eq!(civil.due, d("2026-01-19"));
    assert_eq!(civil.latest, Some(d("2026-01-20")));
    assert_eq!(
        civil.readings[0].cites[0],
        "Fed. R. Civ. P. 6(a), 2009 Committee Note"
    );
    // Appellate (2d Cir.): Saturday 2026-07-04, Independence Day (observed
    // Friday 07-03): due as set; the next court day is Monday 07-06.
    let appeal = one("ca2", "2026-07-04");
    assert_eq!(appeal.due, d("2026-07-04"));
    assert_eq!(appeal.latest, Some(d("2026-07-06")));
    assert_eq!(
        appeal.readings[0].cites[0],
        "Fed. R. App. P. 26(a), 2009 Committee Note"
    );
    assert!(appeal.explain[0].contains("Fed. R. App. P. 26(a), 2009 Committee Note"));
    // Bankruptcy (D. Del.): Sunday 2026-03-01 -> Monday 03-02.
    let bk = one("deb", "2026-03-01");
    assert_eq!(
        (bk.due, bk.latest),
        (d("2026-03-01"), Some(d("2026-03-02")))
    );
    assert!(bk.explain.iter().all(|l| !l.contains("Civ. P.")));
    // A court day: nothing to read.
    let plain = one("nysd", "2026-01-21");
    assert!(plain.readings.is_empty() && plain.latest.is_none());
    // An extension to a Saturday is a date set by order too: Saturday
    // 2026-02-21 stands; Monday 02-23 is the later reading.
    let mut ext = toml(
        "[case]\nid = \"f\"\ncourt = \"nysd\"\n[obligations.brief]\ntitle = \"Brief\"\ndue = \"2026-02-13\"\n",
    );
    ext.changes.push(Change::extend(
        d("2026-02-10"),
        "Order",
        "brief",
        None,
        d("2026-02-21"),
    ));
    let s = ext.schedule(&ScheduleOptions::new()).unwrap();
    assert_eq!(
        (s.deadlines[0].due, s.deadlines[0].latest),
        (d("2026-02-21"), Some(d("2026-02-23")))
    );
}

const DEPENDENTS: &str = r#"
[case]
id = "ch11"
court = "deb"

[obligations.status-report]
title = "Status report"
first_due = "2026-01-21"
repeat = { every = "1 month", count = 4 }
filed = ["2026-01-20"]

[obligations.trustee-response]
title = "Trustee response"
due = { days = 7, after = "status-report" }

[obligations.reply]
title = "Reply"
due = { days = 3, after = "trustee-response" }

[obligations.objection]
title = "Objection to the February report"
due = { days = 14, after = "status-report", occurrence = 2 }

[[changes]]
on = "2026-03-01"
by = "Order excusing the March report"
vacate = "status-report"
occurrence = 3
"#;

#[test]
fn dependents_of_a_recurring_duty_recur_with_it() {
    let s = toml(DEPENDENTS).schedule(&ScheduleOptions::new()).unwrap();
    // Reports on the 21st (set by order): 01-21 (filed 01-20), Saturday
    // 02-21, Saturday 03-21 (excused), Tuesday 04-21.
    assert_eq!(
        dues(&s, "status-report"),
        ["2026-01-21", "2026-02-21", "2026-03-21", "2026-04-21"]
    );
    // The response is 7 days after each report: its filing when filed, else
    // its due date. #1: 7 days after the 01-20 filing, Tuesday 01-27. #2: 7
    // days after 02-21 is Saturday 02-28 -> Monday 03-02. #3: 7 days after
    // 03-21 is Saturday 03-28 -> Monday 03-30. #4: Tuesday 04-28.
    assert_eq!(
        dues(&s, "trustee-response"),
        ["2026-01-27", "2026-03-02", "2026-03-30", "2026-04-28"]
    );
    // And the reply 3 days after each response: Friday 01-30, Thursday 03-05,
    // Thursday 04-02, Friday 05-01.
    assert_eq!(
        dues(&s, "reply"),
        ["2026-01-30", "2026-03-05", "2026-04-02", "2026-05-01"]
    );
    for n in 1..=4 {
        let r = deadline(&s, &format!("ch11/trustee-response/{n}"));
        assert_eq!(r.occurrence, n);
        assert_eq!(
            r.basis,
            format!("7 days after status-report (occurrence {n})")
        );
    }
    // The excused report vacates what counts from it, down the chain.
    for id in [
        "ch11/status-report/3",
        "ch11/trustee-response/3",
        "ch11/reply/3",
    ] {
        assert_eq!(deadline(&s, id).status, DeadlineStatus::Vacated, "{id}");
    }
    assert_eq!(deadline(&s, "ch11/reply/4").status, DeadlineStatus::Open);
    // occurrence = 2 pins one: 14 days after Saturday 02-21 is Saturday
    // 03-07 -> Monday 03-09. One deadline only.
    assert_eq!(dues(&s, "objection"), ["2026-03-09"]);
    assert_eq!(
        deadline(&s, "ch11/objection/1").basis,
        "14 days after status-report (occurrence 2)"
    );
    assert_eq!(deadline(&s, "ch11/objection/1").from_occurrence, Some(2));
    // Filing the February report on Thursday 02-19 moves what counts from
    // that occurrence only: response #2 to Thursday 02-26 (7 days later),
    // its reply to Sunday 03-01 -> Monday 03-02, and the objection to
    // Thursday 03-05; the chains name occurrence 2.
    let filed = toml(DEPENDENTS)
        .with_change(Change::file(
            d("2026-02-19"),
            "Report filed",
            "status-report",
        ))
        .unwrap()
        .schedule(&ScheduleOptions::new())
        .unwrap();
    let diff = docket::docket::Diff::between(&s, &filed);
    let moved: Vec<(&str, String)> = diff
        .moved
        .iter()
        .map(|m| (m.id.as_str(), m.to.to_string()))
        .collect();
    assert_eq!(
        moved,
        [
            ("ch11/trustee-response/2", "2026-02-26".to_string()),
            ("ch11/reply/2", "2026-03-02".to_string()),
            ("ch11/objection/1", "2026-03-05".to_string()),
        ]
    );
    let chain = &diff.moved[1].chain;
    assert_eq!(
        chain[0],
        "Status report (every 1 month from the first due date): due 2026-02-21, filed 2026-02-19"
    );
    assert!(chain[1].contains("(occurrence 2)"), "{chain:?}");
}

#[test]
fn a_deadline_counted_from_an_occurrence_and_extended_says_so() {
    // The trustee's response to the February report, extended by order to
    // 2026-03-06: its basis is the order, not "(occurrence 2)"; the others
    // still name the occurrence they count from.
    let s = toml(DEPENDENTS)
        .with_change(Change::extend(
            d("2026-02-25"),
            "Order extending the response",
            "trustee-response",
            Some(2),
            d("2026-03-06"),
        ))
        .unwrap()
        .schedule(&ScheduleOptions::new())
        .unwrap();
    let r = deadline(&s, "ch11/trustee-response/2");
    assert_eq!(r.due, d("2026-03-06"));
    assert_eq!(r.basis, "set to 2026-03-06 by change 2");
    for n in [1, 4] {
        assert_eq!(
            deadline(&s, &format!("ch11/trustee-response/{n}")).basis,
            format!("7 days after status-report (occurrence {n})")
        );
    }
}

#[test]
fn occurrence_pins_are_checked() {
    let with = |due: &str| {
        Docket::from_toml_str(&DEPENDENTS.replace(
            "due = { days = 14, after = \"status-report\", occurrence = 2 }",
            due,
        ))
        .and_then(|d| d.schedule(&ScheduleOptions::new()))
    };
    let msg = |r: docket::Result<docket::docket::Schedule>| r.unwrap_err().to_string();
    assert!(msg(with(
        "due = { days = 14, after = \"status-report\", occurrence = 0 }"
    ))
    .contains("obligation \"objection\": due.occurrence: occurrences count from 1"));
    assert!(msg(with(
        "due = { days = 14, after = \"status-report\", occurrence = 5 }"
    ))
    .contains("occurrence 5 of \"status-report\" does not exist (repeat.count is 4)"));
    let e = msg(with("due = \"2026-02-01\"\n[obligations.other]\ntitle = \"O\"\ndue = { days = 1, after = \"objection\", occurrence = 2 }"));
    assert!(
        e.contains("\"objection\" does not recur, so it has no occurrence 2"),
        "{e}"
    );
    // An open-ended duty is expanded as far as the occurrence named, past
    // the horizon.
    let open = DEPENDENTS
        .replace("count = 4", "until = \"2030-12-21\"")
        .replace("occurrence = 2 }", "occurrence = 40 }");
    let s = toml(&open)
        .schedule(&ScheduleOptions::new().horizon(Some(d("2026-06-30"))))
        .unwrap();
    // Occurrence 40 is 39 months after 2026-01-21: Saturday 2029-04-21; 14
    // days later is Saturday 2029-05-05 -> Monday 05-07.
    assert_eq!(dues(&s, "objection"), ["2029-05-07"]);
}

/// A recurring duty counted from an event, and one counted from each of its
/// occurrences.
#[derive(Debug, Clone)]
struct Counted {
    court: &'static str,
    /// Days after 2010-01-01 (under the rules since Dec. 1, 2009).
    event: u64,
    first: u32,
    every: Period,
    chain: bool,
    count: u32,
    fixed_first: bool,
    dependent: u32,
    before: bool,
    filed: Vec<u64>,
}

fn counted() -> impl Strategy<Value = Counted> {
    (
        0usize..COURTS.len(),
        0u64..(40 * 365),
        1u32..90,
        prop_oneof![
            (7u32..=60).prop_map(Period::days),
            (1u32..=8).prop_map(Period::weeks)
        ],
        any::<bool>(),
        2u32..10,
        any::<bool>(),
        0u32..30,
        any::<bool>(),
        prop::collection::vec(0u64..3, 0..4),
    )
        .prop_map(
            |(c, event, first, every, chain, count, fixed_first, dependent, before, filed)| {
                Counted {
                    court: COURTS[c],
                    event,
                    first,
                    every,
                    chain,
                    count,
                    fixed_first,
                    dependent,
                    before,
                    filed,
                }
            },
        )
}

impl Counted {
    fn event_date(&self) -> NaiveDate {
        plus(date("2010-01-01"), self.event)
    }

    fn toml(&self, filed: &[NaiveDate]) -> String {
        let first = if self.fixed_first {
            format!("\"{}\"", plus(self.event_date(), u64::from(self.first)))
        } else {
            format!("{{ days = {}, after = \"order\" }}", self.first)
        };
        let every = match self.every.unit {
            Unit::Weeks => format!("{} weeks", self.every.amount),
            _ => format!("{} days", self.every.amount),
        };
        let from = if self.chain {
            "previous-filing"
        } else {
            "schedule"
        };
        let filed: Vec<String> = filed.iter().map(|f| format!("\"{f}\"")).collect();
        format!(
            "[case]\nid = \"c\"\ncourt = \"{}\"\n[events.order]\ntitle = \"Order\"\ndate = \"{}\"\n\
             [obligations.duty]\ntitle = \"Duty\"\nfirst_due = {first}\n\
             repeat = {{ every = \"{every}\", from = \"{from}\", count = {} }}\nfiled = [{}]\n\
             [obligations.dep]\ntitle = \"Dependent\"\ndue = {{ days = {}, {} = \"duty\" }}\n",
            self.court,
            self.event_date(),
            self.count,
            filed.join(", "),
            self.dependent,
            if self.before { "before" } else { "after" },
        )
    }
}

fn after(
    cal: &Calendar,
    family: docket::calendar::RuleFamily,
    from: NaiveDate,
    p: Period,
    roll: Roll,
) -> NaiveDate {
    docket::compute::Request::after(from, p)
        .roll(roll)
        .compute(cal, family)
        .unwrap()
        .due()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// A grid that counts periods is anchored on the dates before any roll:
    /// occurrence 1's date before its roll, then each next nominal date
    /// `every` after the previous nominal date (or after the previous
    /// filing, for a chain); each occurrence is its nominal date rolled, and
    /// one that rolls onto the previous occurrence's day is merged with it.
    /// And an obligation counted from the duty has exactly one deadline per
    /// occurrence, each counted from that occurrence's filing or due date.
    #[test]
    fn counted_grids_never_drift_and_dependents_follow(c in counted()) {
        // File the first few occurrences a day or two after their due date
        // as it first stands.
        let mut filed: Vec<NaiveDate> = Vec::new();
        let plain = Docket::from_toml_str(&c.toml(&[])).unwrap().check().unwrap();
        let far = ScheduleOptions::new().explain(false).horizon(Some(date("2099-12-31")));
        let s0 = plain.schedule(&far).unwrap();
        let mut base: Vec<&Deadline> = s0.deadlines.iter().filter(|d| d.obligation == "duty").collect();
        base.sort_by_key(|d| d.occurrence);
        for (i, off) in c.filed.iter().enumerate() {
            if let Some(dl) = base.get(i) {
                let f = plus(dl.due, *off);
                if filed.last().is_none_or(|l| f >= *l) {
                    filed.push(f);
                }
            }
        }
        // A chain's later occurrences move with the filings: keep only
        // filings of the first occurrence there.
        if c.chain {
            filed.truncate(1);
        }
        let checked = Docket::from_toml_str(&c.toml(&filed)).unwrap().check().unwrap();
        let (cal, family) = (checked.calendar(), checked.family());
        let s = checked.schedule(&far).unwrap();
        let mut duty: Vec<&Deadline> = s.deadlines.iter().filter(|d| d.obligation == "duty").collect();
        duty.sort_by_key(|d| d.occurrence);
        prop_assert_eq!(duty.len() as u32, c.count, "{:?}", c);
        let mut nominal = if c.fixed_first {
            plus(c.event_date(), u64::from(c.first))
        } else {
            after(cal, family, c.event_date(), Period::days(c.first), Roll::None)
        };
        let mut prev_filed: Option<NaiveDate> = None;
        let mut prev_due: Option<NaiveDate> = None;
        for dl in &duty {
            if dl.occurrence > 1 {
                // An occurrence that rolls onto the previous one's day (a
                // long closure) is merged with it, and the grid steps on.
                let mut steps = 0;
                let expect = loop {
                    steps += 1;
                    prop_assert!(steps < 100, "no next occurrence: {:?}", c);
                    let due = if c.chain {
                        let from = prev_filed.unwrap_or(nominal);
                        nominal = after(cal, family, from, c.every, Roll::None);
                        after(cal, family, from, c.every, Roll::Rule)
                    } else {
                        nominal = match c.every.unit {
                            Unit::Weeks => plus(nominal, 7 * u64::from(c.every.amount)),
                            _ => plus(nominal, u64::from(c.every.amount)),
                        };
                        if c.fixed_first {
                            nominal
                        } else {
                            after(cal, family, nominal, Period::days(0), Roll::Rule)
                        }
                    };
                    match prev_due {
                        Some(p) if due == p || (due < p && !c.chain) => prev_filed = None,
                        _ => break due,
                    }
                };
                prop_assert_eq!(dl.due, expect, "occurrence {}: {:?}", dl.occurrence, c);
            }
            prev_due = Some(dl.due);
            for r in &dl.readings {
                prop_assert!(dl.due < r.date, "{:?}", c);
            }
            prev_filed = dl.filed;
        }
        // The dependent: one deadline per occurrence, same numbers.
        let mut dep: Vec<&Deadline> = s.deadlines.iter().filter(|d| d.obligation == "dep").collect();
        dep.sort_by_key(|d| d.occurrence);
        let want: Vec<u32> = duty.iter().map(|d| d.occurrence).collect();
        let got: Vec<u32> = dep.iter().map(|d| d.occurrence).collect();
        prop_assert_eq!(&got, &want, "{:?}", c);
        for (x, src) in dep.iter().zip(&duty) {
            prop_assert_eq!(&x.id, &format!("c/dep/{}", src.occurrence));
            let from = src.filed.unwrap_or(src.due);
            let req = if c.before {
                docket::compute::Request::before(from, Period::days(c.dependent))
            } else {
                docket::compute::Request::after(from, Period::days(c.dependent))
            };
            prop_assert_eq!(x.due, req.compute(cal, family).unwrap().due(), "{:?}", c);
        }
    }
}

#[test]
fn an_rrule_continues_after_a_first_due_off_its_grid() {
    // Occurrence 1 is first_due (Thursday 2026-01-15); the others are the
    // rule's dates after it: Wednesday 01-21, then Saturdays 02-21 and 03-21
    // (due as set by order).
    let s = toml(
        "[case]\nid = \"rr\"\ncourt = \"nysd\"\n[obligations.mor]\ntitle = \"MOR\"\n\
         first_due = \"2026-01-15\"\nrepeat = { rrule = \"FREQ=MONTHLY;BYMONTHDAY=21\", count = 4 }\n",
    )
    .schedule(&ScheduleOptions::new())
    .unwrap();
    assert_eq!(
        dues(&s, "mor"),
        ["2026-01-15", "2026-01-21", "2026-02-21", "2026-03-21"]
    );
}

#[test]
fn a_settled_fixed_date_roll_applies_to_dates_set_by_order() {
    let with = |reading: &str| {
        toml(&format!(
            "[case]\nid = \"s\"\ncourt = \"nysd\"\n[calendar]\nsettle = [ {{ question = \"fixed-date-roll\", \
             reading = \"{reading}\", authority = \"Standing order 25-1\" }} ]\n\
             [obligations.brief]\ntitle = \"Brief\"\ndue = \"2026-02-21\"\n"
        ))
        .schedule(&ScheduleOptions::new())
        .unwrap()
        .deadlines
        .remove(0)
    };
    // Settled as "roll": Saturday 2026-02-21 rolls to Monday 02-23, and no
    // reading is left; the explanation names who settled it.
    let rolled = with("roll");
    assert_eq!((rolled.due, rolled.latest), (d("2026-02-23"), None));
    assert!(rolled.readings.is_empty());
    assert!(
        rolled
            .explain
            .iter()
            .any(|l| l.contains("settled for this calendar by Standing order 25-1")),
        "{:?}",
        rolled.explain
    );
    // Settled as "no-roll": the date stands, with no later reading.
    let stands = with("no-roll");
    assert_eq!((stands.due, stands.latest), (d("2026-02-21"), None));
    assert!(stands.readings.is_empty());
}
