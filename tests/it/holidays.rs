//! Holiday data checked year by year against independent computations.
//!
//! `tests/data/federal_holidays.csv` is generated once by
//! `scripts/gen_federal_holidays.py` from Python's `holidays` package (see
//! `tests/data/README.md`); this test only reads it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use docket::calendar::{federal_rules, Calendar, DayKind, Scope};

const FEDERAL_CSV: &str = include_str!("../data/federal_holidays.csv");
const FIRST: i32 = 1990;
const LAST: i32 = 2060;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The fixture: observed date -> name (one statutory holiday per day).
fn fixture() -> BTreeMap<NaiveDate, String> {
    let mut lines = FEDERAL_CSV.lines();
    assert_eq!(lines.next(), Some("date,name"), "fixture header");
    let mut out = BTreeMap::new();
    for (i, line) in lines.enumerate() {
        let (date, name) = line
            .split_once(',')
            .unwrap_or_else(|| panic!("fixture line {}: {line:?}", i + 2));
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .unwrap_or_else(|e| panic!("fixture line {}: {e}: {line:?}", i + 2));
        let name = name.trim_matches('"').to_string();
        assert!(
            out.insert(date, name).is_none(),
            "fixture line {}: {date} listed twice",
            i + 2
        );
    }
    out
}

/// Observed days of the Federal-scope rules that fall in `year` (the rules'
/// instances of the years either side included, for days that cross the
/// boundary, like New Year's Day 2022 observed 2021-12-31).
fn federal_observed_in(year: i32) -> BTreeSet<NaiveDate> {
    federal_rules()
        .iter()
        .filter(|r| r.scope == Scope::Federal)
        .flat_map(|r| (year - 1..=year + 1).filter_map(|y| r.observed_in(y)))
        .filter(|day| day.year() == year)
        .collect()
}

#[test]
fn fixture_is_sane() {
    let f = fixture();
    // 10 holidays a year (11 from 2021), plus the odd year with New Year's
    // Day observed twice (once on Jan 1 or 2, once on the Dec 31 before).
    assert!(f.len() > 700 && f.len() < 800, "{} rows", f.len());
    assert_eq!(f.keys().next(), Some(&d(FIRST, 1, 1)));
    assert_eq!(f.keys().next_back(), Some(&d(LAST, 12, 31)));
    for day in f.keys() {
        assert!(
            day.weekday().num_days_from_monday() < 5,
            "{day} is a weekend day"
        );
    }
}

#[test]
fn federal_rules_match_fixture_year_by_year() {
    let f = fixture();
    let mut failures = Vec::new();
    for year in FIRST..=LAST {
        let ours = federal_observed_in(year);
        let theirs: BTreeSet<NaiveDate> = f.keys().filter(|d| d.year() == year).copied().collect();
        if ours != theirs {
            let only_ours: Vec<_> = ours.difference(&theirs).map(|d| d.to_string()).collect();
            let only_theirs: Vec<_> = theirs
                .difference(&ours)
                .map(|d| format!("{d} ({})", f[d]))
                .collect();
            failures.push(format!(
                "{year}: only in crate {only_ours:?}; only in fixture {only_theirs:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "federal holidays differ from tests/data/federal_holidays.csv:\n{}",
        failures.join("\n")
    );
}

#[test]
fn calendar_notes_every_fixture_date() {
    let cal = Calendar::federal().unwrap();
    let mut missing = Vec::new();
    for (day, name) in fixture() {
        let notes = cal.notes_on(day);
        if !notes
            .iter()
            .any(|n| n.kind == DayKind::Holiday(Scope::Federal))
        {
            missing.push(format!("{day} {name}: {notes:?}"));
        }
    }
    assert!(
        missing.is_empty(),
        "fixture dates without a federal note:\n{}",
        missing.join("\n")
    );
}

#[test]
fn calendar_has_no_extra_federal_days() {
    let cal = Calendar::federal().unwrap();
    let f = fixture();
    let extra: Vec<String> = cal
        .days_off(d(FIRST, 1, 1), d(LAST, 12, 31))
        .unwrap()
        .filter(|(_, n)| n.kind == DayKind::Holiday(Scope::Federal))
        .filter(|(day, _)| !f.contains_key(day))
        .map(|(day, n)| format!("{day} {}", n.name))
        .collect();
    assert!(
        extra.is_empty(),
        "federal holidays not in the fixture:\n{}",
        extra.join("\n")
    );
}

/// Executive-order closures, from the rules brief and data/federal_closures.toml;
/// not in the fixture, which covers 5 U.S.C. 6103 only. Whether each is a
/// legal holiday (FRCP 6(a)(6)(B)) is the unsettled question eo-closure
/// (eo-half-day-closure for half days).
#[test]
fn declared_closures_present() {
    let whole = [
        d(1972, 12, 28), // Truman
        d(1973, 1, 25),  // Johnson
        d(1973, 12, 24),
        d(1973, 12, 31),
        d(1994, 4, 27),  // Nixon
        d(1997, 12, 26), // Latham
        d(2001, 12, 24),
        d(2003, 12, 26),
        d(2004, 6, 11), // Reagan mourning
        d(2007, 1, 2),  // Ford
        d(2007, 12, 24),
        d(2008, 12, 26),
        d(2012, 12, 24),
        d(2014, 12, 26),
        d(2018, 12, 5), // G.H.W. Bush
        d(2018, 12, 24),
        d(2019, 12, 24), // EO 13900
        d(2020, 12, 24),
        d(2024, 12, 24),
        d(2025, 1, 9), // Carter
        d(2025, 12, 24),
        d(2025, 12, 26),
    ];
    let half = [
        d(1987, 12, 24),
        d(1990, 12, 24),
        d(1998, 12, 24),
        d(2002, 12, 24),
        d(2009, 12, 24),
        d(2015, 12, 24),
    ];
    let rules = federal_rules();
    let declared: Vec<_> = rules
        .iter()
        .filter(|r| r.scope == Scope::Declared)
        .collect();
    let cal = Calendar::federal().unwrap();
    for day in whole {
        let r: Vec<_> = declared
            .iter()
            .filter(|r| r.observed_in(day.year()) == Some(day))
            .collect();
        assert_eq!(r.len(), 1, "{day}: declared rules {r:?}");
        assert!(r[0].status.is_disputed(), "{day} should be disputed");
        assert_eq!(r[0].question_id(), "eo-closure");
        assert!(
            cal.notes_on(day)
                .iter()
                .any(|n| n.kind == DayKind::Holiday(Scope::Declared)
                    && n.question.as_deref() == Some("eo-closure")),
            "{day}: {:?}",
            cal.notes_on(day)
        );
    }
    for day in half {
        let r: Vec<_> = declared
            .iter()
            .filter(|r| r.observed_in(day.year()) == Some(day))
            .collect();
        assert_eq!(r.len(), 1, "{day}: declared rules {r:?}");
        assert!(
            r[0].status.is_disputed(),
            "{day} half day should be disputed"
        );
        assert_eq!(r[0].question_id(), "eo-half-day-closure");
        assert!(
            cal.notes_on(day)
                .iter()
                .any(|n| n.kind == DayKind::Holiday(Scope::Declared) && n.status.is_disputed()),
            "{day}: {:?}",
            cal.notes_on(day)
        );
    }
    // Every Declared rule is one of the brief's days (nothing unlisted).
    let listed: BTreeSet<_> = whole.iter().chain(half.iter()).copied().collect();
    for r in &declared {
        let days: Vec<_> = (1971..=2100).filter_map(|y| r.observed_in(y)).collect();
        assert!(
            days.len() == 1 && listed.contains(&days[0]),
            "unlisted declared rule {} {days:?}",
            r.name
        );
    }
}

/// Hand-checked dates (weekdays from a perpetual calendar).
#[test]
fn spot_checks() {
    let cal = Calendar::federal().unwrap();
    let federal = |day: NaiveDate| {
        cal.notes_on(day)
            .iter()
            .filter(|n| n.kind == DayKind::Holiday(Scope::Federal))
            .map(|n| n.name.clone())
            .collect::<Vec<_>>()
    };
    // Juneteenth 2021 fell on Saturday, two days after the law was signed
    // (2021-06-17): observed Friday 2021-06-18.
    assert_eq!(
        federal(d(2021, 6, 18)).len(),
        1,
        "{:?}",
        federal(d(2021, 6, 18))
    );
    assert!(federal(d(2021, 6, 18))[0].starts_with("Juneteenth"));
    // Before the law: 2020-06-19 (a Friday) was an ordinary day.
    assert!(cal.notes_on(d(2020, 6, 19)).is_empty());
    // Christmas 2022 fell on Sunday: observed Monday 2022-12-26.
    assert!(federal(d(2022, 12, 26))[0].starts_with("Christmas Day"));
    // New Year's Day 2022 (Saturday): observed Friday 2021-12-31; also
    // 2010-12-31 (for 2011) and 2027-12-31 (for 2028).
    for day in [d(2021, 12, 31), d(2010, 12, 31), d(2027, 12, 31)] {
        assert!(
            federal(day).iter().any(|n| n.starts_with("New Year's Day")),
            "{day}: {:?}",
            federal(day)
        );
    }
    // Independence Day 2020 (Saturday): Friday 2020-07-03; 2021 (Sunday):
    // Monday 2021-07-05.
    assert!(!federal(d(2020, 7, 3)).is_empty());
    assert!(!federal(d(2021, 7, 5)).is_empty());
    // Veterans Day 2023 (Saturday): observed Friday 2023-11-10.
    assert!(!federal(d(2023, 11, 10)).is_empty());
    // MLK Day was first observed in 1986 (third Monday, 1986-01-20). In 1985
    // the third Monday of January, 1985-01-21, was an ordinary day, though
    // the calendar covers it (its data starts in 1971).
    assert!(cal.covers(d(1985, 1, 21)));
    assert!(cal.notes_on(d(1985, 1, 21)).is_empty());
    assert!(!federal(d(1986, 1, 20)).is_empty());
    // Thanksgiving 2060: fourth Thursday of November, 2060-11-25.
    assert!(!federal(d(2060, 11, 25)).is_empty());
}
