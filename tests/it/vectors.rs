//! Data-driven time-computation vectors from `tests/data/vectors.toml`, each
//! with its published source.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use docket::calendar::{Calendar, Closure, RuleFamily, Settlement};
use docket::compute::{Direction, Period, Request, Roll, Service};
use serde::Deserialize;

#[derive(Deserialize)]
struct File {
    vector: Vec<Vector>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Vector {
    name: String,
    source: String,
    court: Option<String>,
    calendar: Option<String>,
    family: Option<String>,
    from: NaiveDate,
    at: Option<NaiveTime>,
    period: String,
    direction: Option<Direction>,
    service: Option<String>,
    roll: Option<String>,
    rules_as_of: Option<NaiveDate>,
    #[serde(default)]
    closures: Vec<NaiveDate>,
    due: NaiveDate,
    due_at: Option<String>,
    latest: Option<NaiveDate>,
    /// Every later reading, as `{ question, date }` (checked exactly when
    /// given).
    readings: Option<Vec<WantReading>>,
    /// Questions settled for the calendar.
    #[serde(default)]
    settle: Vec<Settlement>,
    #[serde(default)]
    explain: Vec<String>,
}

#[derive(Deserialize, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
struct WantReading {
    question: String,
    date: NaiveDate,
}

fn calendar_of(v: &Vector) -> (Calendar, RuleFamily) {
    let (cal, family) = match (&v.court, &v.calendar) {
        (Some(id), None) => {
            let c = docket::calendar::court(id).unwrap();
            (c.calendar().unwrap(), c.family)
        }
        (None, Some(name)) => {
            assert_eq!(name, "federal", "{}", v.name);
            let fam = v.family.as_deref().expect("family").parse().unwrap();
            (Calendar::federal().unwrap(), fam)
        }
        _ => panic!("{}: exactly one of court and calendar", v.name),
    };
    if v.closures.is_empty() && v.settle.is_empty() {
        return (cal, family);
    }
    let mut b = cal.to_builder();
    for s in &v.settle {
        b = b.settle(s.clone());
    }
    for d in &v.closures {
        b = b.closure(Closure::on(*d, "Clerk's office inaccessible (test vector)"));
    }
    (b.build().unwrap(), family)
}

#[test]
fn every_vector_computes_its_published_date() {
    let file: File = toml::from_str(include_str!("../data/vectors.toml")).unwrap();
    assert!(file.vector.len() >= 25);
    let mut failures = Vec::new();
    for v in &file.vector {
        assert!(!v.source.is_empty());
        let (cal, family) = calendar_of(v);
        let period: Period = v.period.parse().unwrap();
        let mut req = Request::new(v.from, period, v.direction.unwrap_or(Direction::After))
            .service(v.service.as_deref().map(|s| s.parse::<Service>().unwrap()))
            .roll(v.roll.as_deref().map_or(Roll::Rule, |r| r.parse().unwrap()))
            .rules_as_of(v.rules_as_of)
            .explain(true);
        if let Some(t) = v.at {
            req = req.at(t);
        }
        let due = match req.compute(&cal, family) {
            Ok(d) => d,
            Err(e) => {
                failures.push(format!("{}: error {e}", v.name));
                continue;
            }
        };
        let steps: Vec<String> = due.steps().iter().map(|s| s.to_string()).collect();
        if due.due() != v.due {
            failures.push(format!(
                "{}: due {} expected {}\n    {}",
                v.name,
                due.due(),
                v.due,
                steps.join("\n    ")
            ));
        }
        let want_at = v
            .due_at
            .as_deref()
            .map(|s| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap());
        if due.at() != want_at {
            failures.push(format!(
                "{}: at {:?} expected {want_at:?}",
                v.name,
                due.at()
            ));
        }
        let latest = due.later().map(|l| l.date);
        if latest != v.latest && (v.latest.is_some() || v.readings.is_none()) {
            failures.push(format!(
                "{}: latest {latest:?} expected {:?}",
                v.name, v.latest
            ));
        }
        if let Some(want) = &v.readings {
            let mut got: Vec<WantReading> = due
                .readings()
                .iter()
                .map(|r| WantReading {
                    question: r.question.to_string(),
                    date: r.date,
                })
                .collect();
            got.sort();
            let mut want: Vec<&WantReading> = want.iter().collect();
            want.sort();
            if got.iter().collect::<Vec<_>>() != want {
                failures.push(format!("{}: readings {got:?} expected {want:?}", v.name));
            }
        }
        for r in due.readings() {
            // Every later reading is later, names its question, and the
            // question is in the catalog with its citations.
            assert!(r.date > due.due() || r.at > due.at(), "{}", v.name);
            for id in r.question.split('+') {
                docket::calendar::question(id).unwrap();
            }
            assert!(r.reason.contains(r.question.split('+').next().unwrap()));
        }
        // The fast path (no explanation) gives the same answer.
        let fast = req.explain(false).compute(&cal, family).unwrap();
        assert_eq!((fast.due(), fast.at()), (due.due(), due.at()), "{}", v.name);
        assert!(fast.steps().is_empty());
        let all = steps.join("\n");
        for want in &v.explain {
            if !all.contains(want.as_str()) {
                failures.push(format!(
                    "{}: explanation lacks {want:?}:\n    {}",
                    v.name,
                    steps.join("\n    ")
                ));
            }
        }
        // Every explanation ends on the due date.
        if let Some(last) = due.steps().last() {
            assert_eq!(last.date, due.due(), "{}", v.name);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_last_moment_follows_the_cutoff_and_the_zone() {
    use chrono::NaiveTime;
    let from = NaiveDate::from_ymd_opt(2025, 1, 29).unwrap();
    let req = Request::after(from, Period::days(14));
    // Midnight ending Thursday 2025-02-13 in Los Angeles: 08:00 UTC on the 14th.
    let cacd = Calendar::for_court("cacd").unwrap();
    let due = req.compute(&cacd, RuleFamily::Civil).unwrap();
    assert_eq!(
        due.ends_at(&cacd).unwrap().to_rfc3339(),
        "2025-02-14T00:00:00-08:00"
    );
    // A 5 p.m. cutoff (FRCP 6(a)(4): "unless a different time is set").
    let five = cacd
        .to_builder()
        .cutoff(NaiveTime::from_hms_opt(17, 0, 0))
        .build()
        .unwrap();
    let due = req.compute(&five, RuleFamily::Civil).unwrap();
    assert_eq!(
        due.ends_at(&five).unwrap().to_rfc3339(),
        "2025-02-13T17:00:00-08:00"
    );
    // Hours: the period's own end.
    let nysd = Calendar::for_court("nysd").unwrap();
    let t = NaiveTime::from_hms_opt(10, 0, 0).unwrap();
    let due = Request::after(
        NaiveDate::from_ymd_opt(2025, 1, 17).unwrap(),
        Period::hours(24),
    )
    .at(t)
    .compute(&nysd, RuleFamily::Civil)
    .unwrap();
    assert_eq!(
        due.ends_at(&nysd).unwrap().to_rfc3339(),
        "2025-01-21T10:00:00-05:00"
    );
}

#[test]
fn a_cutoff_inside_the_dst_gap_is_an_error_not_a_guess() {
    use chrono::NaiveTime;
    // 02:30 does not exist in New York on Sunday 2025-03-09; a roll=none
    // period landing that day with a 02:30 cutoff has no last moment.
    let cal = Calendar::for_court("nysd")
        .unwrap()
        .to_builder()
        .cutoff(NaiveTime::from_hms_opt(2, 30, 0))
        .build()
        .unwrap();
    let due = Request::after(
        NaiveDate::from_ymd_opt(2025, 3, 2).unwrap(),
        Period::days(7),
    )
    .roll(Roll::None)
    .compute(&cal, RuleFamily::Civil)
    .unwrap();
    assert_eq!(due.due(), NaiveDate::from_ymd_opt(2025, 3, 9).unwrap());
    let e = due.ends_at(&cal).unwrap_err().to_string();
    assert!(
        e.contains("2025-03-09T02:30 does not exist in America/New_York"),
        "{e}"
    );
}
