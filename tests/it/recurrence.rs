//! Properties of recurring duties that must hold for every court, first due
//! date, period, bound and sequence of filings.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
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
    // (b) Occurrences after the first fall on court days unless roll = none.
    if !c.roll_none {
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
