//! State holiday data checked year by year, 1990-2060, against an independent
//! computation.
//!
//! `tests/data/state_holidays/<XX>.csv` are generated once by
//! `scripts/gen_state_holidays.py` from Python's `holidays` package 0.109
//! (see `tests/data/README.md`); this test only reads them. Each lists the
//! weekdays the package gives for the state: its state list plus the federal
//! statutory days. The crate's side is the same union: the state's *settled*
//! rules (`state_rules`) plus the `Scope::Federal` rules (`federal_rules`).
//!
//! The package often encodes state-government office closures rather than
//! statutory legal holidays, and it shifts weekend days by one uniform rule
//! (Saturday -> Friday, Sunday -> Monday), so the two sides differ in places
//! on purpose. Every such difference is in
//! `tests/data/state_holidays/allowed.toml`, with its statute or reason; any
//! other difference fails `state_rules_match_fixtures_year_by_year`.
//! Differences that were errors in the crate's data, found by this
//! comparison and fixed, are listed in [`FIXED`] and checked by
//! `fixed_data_errors_stay_fixed`.
//!
//! Only weekdays are compared: a Saturday or Sunday is never a business day,
//! so whether it is also a holiday cannot change a deadline (the fixtures
//! carry no weekend dates).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, Weekday};
use docket::calendar::{federal_rules, state_rules, Scope, State};
use serde::Deserialize;

const FIRST: i32 = 1990;
const LAST: i32 = 2060;
const FEDERAL_CSV: &str = include_str!("../data/federal_holidays.csv");
const ALLOWED_TOML: &str = include_str!("../data/state_holidays/allowed.toml");

/// The committed fixture of a state.
fn csv_of(state: State) -> Option<&'static str> {
    macro_rules! fixtures {
        ($($code:ident),* $(,)?) => {
            match state {
                $(State::$code => Some(include_str!(concat!(
                    "../data/state_holidays/", stringify!($code), ".csv"
                ))),)*
                _ => None,
            }
        };
    }
    fixtures!(
        NY, DE, NJ, TX, CA, IL, FL, DC, PA, LA, GA, AK, AL, AR, AZ, CO, CT, HI, IA, ID, IN, KS, KY,
        MA, MD, ME, MI, MN, MO, MS, MT, NC, ND, NE, NH, NM, NV, OH, OK, OR, RI, SC, SD, TN, UT, VA,
        VT, WA, WI, WV, WY, PR, GU, VI, MP, AS,
    )
}

/// The states compared: every state, each with its fixture and its data.
fn fixtured() -> impl Iterator<Item = State> {
    State::ALL.into_iter().inspect(|s| {
        let rules = docket::calendar::state_holidays(*s).unwrap_or_else(|e| panic!("{e}"));
        assert!(!rules.is_empty(), "{s}: no holiday data");
        assert!(
            csv_of(*s).is_some(),
            "{s}: no fixture (scripts/gen_state_holidays.py)"
        );
    })
}

/// Which side of the comparison an allowed difference is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Side {
    /// The package lists the weekday; the crate has no settled rule on it.
    Package,
    /// The crate has a settled state rule on the weekday; the package does
    /// not list it.
    Crate,
}

/// One deliberate difference between the crate and the package
/// (`tests/data/state_holidays/allowed.toml`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Allowed {
    state: State,
    side: Side,
    /// (package side) the package's name for the day.
    package: Option<String>,
    /// (package side) the crate's *disputed* rule on the day; (crate side)
    /// the crate's settled rule.
    rule: Option<String>,
    /// Only days on this weekday.
    weekday: Option<Weekday>,
    /// Only days before this year.
    before: Option<i32>,
    /// Only days in these months.
    months: Option<Vec<u32>>,
    reason: String,
}

impl Allowed {
    fn describe(&self) -> String {
        format!(
            "{} {:?} package {:?} rule {:?}",
            self.state, self.side, self.package, self.rule
        )
    }

    /// Whether the entry explains a difference on `day`.
    fn matches(&self, side: Side, day: NaiveDate, theirs: &[String], mine: &[Ours]) -> bool {
        if self.side != side
            || self.weekday.is_some_and(|w| day.weekday() != w)
            || self.before.is_some_and(|y| day.year() >= y)
            || self
                .months
                .as_ref()
                .is_some_and(|m| !m.contains(&day.month()))
        {
            return false;
        }
        match (side, &self.package, &self.rule) {
            (Side::Package, Some(p), rule) => {
                theirs.iter().any(|t| t == p)
                    && rule
                        .as_ref()
                        .is_none_or(|r| mine.iter().any(|m| m.disputed && &m.name == r))
            }
            (Side::Crate, None, Some(r)) => mine
                .iter()
                .any(|m| !m.disputed && m.scope == Scope::State && &m.name == r),
            _ => false,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AllowList {
    allowed: Vec<Allowed>,
}

/// Every deliberate difference, with its reason.
fn allowed() -> &'static [Allowed] {
    static LIST: OnceLock<Vec<Allowed>> = OnceLock::new();
    LIST.get_or_init(|| {
        toml::from_str::<AllowList>(ALLOWED_TOML)
            .unwrap_or_else(|e| panic!("tests/data/state_holidays/allowed.toml: {e}"))
            .allowed
    })
}

/// Differences that were errors in the crate's data (found by this
/// comparison, then fixed in `src/calendar/states.rs`): never allowed, and
/// checked again by `fixed_data_errors_stay_fixed`.
struct Suspect {
    state: State,
    date: (i32, u32, u32),
    what: &'static str,
}

const FIXED: &[Suspect] = &[Suspect {
    state: State::TX,
    date: (2000, 3, 31),
    what: "Texas Cesar Chavez Day (Tex. Gov't Code s.662.013) was in force in the crate only from 2001-09-01 (\"year approximate\"). s.662.013 was added by SB 107, 76th Leg., R.S. (Truan), passed in 1999 (the sponsors say so; HB 505, 82nd Leg., 2011, proposed repealing it), whose Section 2 reads \"This Act takes effect September 1, 1999\": March 31, 2000 is then its first day, as the package has it. Fixed: in_force_from(1999-09-01). The rule is disputed either way, so only the later reading changed.",
}];

/// Fixture: weekday -> the package's names for it.
fn fixture(state: State) -> BTreeMap<NaiveDate, Vec<String>> {
    let mut lines = csv_of(state)
        .unwrap_or_else(|| {
            panic!("no fixture for {state}: add one with scripts/gen_state_holidays.py")
        })
        .lines();
    assert_eq!(lines.next(), Some("date,name"), "{state}: fixture header");
    let mut out: BTreeMap<NaiveDate, Vec<String>> = BTreeMap::new();
    let mut last: Option<(NaiveDate, String)> = None;
    for (i, line) in lines.enumerate() {
        let (date, name) = line
            .split_once(',')
            .unwrap_or_else(|| panic!("{state} fixture line {}: {line:?}", i + 2));
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .unwrap_or_else(|e| panic!("{state} fixture line {}: {e}: {line:?}", i + 2));
        let name = name.trim_matches('"').to_string();
        let row = (date, name.clone());
        assert!(
            last.as_ref().is_none_or(|l| *l < row),
            "{state} fixture line {}: not sorted or repeated: {line:?}",
            i + 2
        );
        last = Some(row);
        out.entry(date).or_default().push(name);
    }
    out
}

/// One crate rule's observed day.
struct Ours {
    name: String,
    scope: Scope,
    disputed: bool,
}

/// The crate's side: every weekday, 1990-2060, on which a state rule or a
/// Federal-scope rule is observed (a rule's instances of the years either
/// side included, for days that cross a year boundary).
fn ours(state: State) -> BTreeMap<NaiveDate, Vec<Ours>> {
    let federal: Vec<_> = federal_rules()
        .into_iter()
        .filter(|r| r.scope == Scope::Federal)
        .collect();
    let mut out: BTreeMap<NaiveDate, Vec<Ours>> = BTreeMap::new();
    for r in state_rules(state).iter().chain(federal.iter()) {
        for y in FIRST - 1..=LAST + 1 {
            let Some(day) = r.observed_in(y) else {
                continue;
            };
            if (FIRST..=LAST).contains(&day.year()) && is_weekday(day) {
                out.entry(day).or_default().push(Ours {
                    name: r.name.to_string(),
                    scope: r.scope,
                    disputed: r.status.is_disputed(),
                });
            }
        }
    }
    out
}

fn is_weekday(d: NaiveDate) -> bool {
    d.weekday().num_days_from_monday() < 5
}

fn settled(o: &[Ours]) -> bool {
    o.iter().any(|x| !x.disputed)
}

/// The allow-list entry (its index) that explains a difference on `day`.
fn allowed_for(
    state: State,
    side: Side,
    day: NaiveDate,
    theirs: &[String],
    mine: &[Ours],
) -> Option<usize> {
    allowed()
        .iter()
        .position(|a| a.state == state && a.matches(side, day, theirs, mine))
}

/// A difference on one day, explained or not.
struct Diff {
    day: NaiveDate,
    side: Side,
    theirs: Vec<String>,
    mine: Vec<String>,
    allowed: Option<usize>,
}

/// Every weekday on which the crate's settled days and the fixture differ.
fn differences(state: State) -> Vec<Diff> {
    let f = fixture(state);
    let o = ours(state);
    let mut out = Vec::new();
    for year in FIRST..=LAST {
        let mine: BTreeSet<NaiveDate> = o
            .iter()
            .filter(|(d, v)| d.year() == year && settled(v))
            .map(|(d, _)| *d)
            .collect();
        let theirs: BTreeSet<NaiveDate> = f.keys().filter(|d| d.year() == year).copied().collect();
        for (side, days) in [
            (Side::Package, theirs.difference(&mine)),
            (Side::Crate, mine.difference(&theirs)),
        ] {
            for &day in days {
                let t = f.get(&day).cloned().unwrap_or_default();
                let m = o.get(&day).map(Vec::as_slice).unwrap_or_default();
                out.push(Diff {
                    day,
                    side,
                    allowed: allowed_for(state, side, day, &t, m),
                    theirs: t,
                    mine: m
                        .iter()
                        .map(|x| {
                            format!("{}{}", x.name, if x.disputed { " (disputed)" } else { "" })
                        })
                        .collect(),
                });
            }
        }
    }
    out.sort_by_key(|d| d.day);
    out
}

fn suspect(state: State, day: NaiveDate) -> Option<&'static Suspect> {
    FIXED.iter().find(|s| {
        s.state == state && NaiveDate::from_ymd_opt(s.date.0, s.date.1, s.date.2) == Some(day)
    })
}

#[test]
fn fixtures_are_sane() {
    let federal: BTreeSet<NaiveDate> = FEDERAL_CSV
        .lines()
        .skip(1)
        .map(|l| NaiveDate::parse_from_str(l.split_once(',').unwrap().0, "%Y-%m-%d").unwrap())
        .collect();
    for state in fixtured() {
        let f = fixture(state);
        // 11-20 weekdays a year.
        assert!(f.len() > 700 && f.len() < 1500, "{state}: {} days", f.len());
        assert_eq!(f.keys().next().map(Datelike::year), Some(FIRST), "{state}");
        assert_eq!(
            f.keys().next_back().map(Datelike::year),
            Some(LAST),
            "{state}"
        );
        for day in f.keys() {
            assert!(is_weekday(*day), "{state}: {day} is a weekend day");
        }
        // The package's state view holds every federal fixture day.
        let missing: Vec<_> = federal.iter().filter(|d| !f.contains_key(d)).collect();
        assert!(
            missing.is_empty(),
            "{state}: federal days missing {missing:?}"
        );
    }
}

#[test]
fn allow_list_is_well_formed() {
    for (i, a) in allowed().iter().enumerate() {
        let what = format!("allowed.toml entry {} ({})", i + 1, a.describe());
        match a.side {
            Side::Package => assert!(a.package.is_some(), "{what}: needs package"),
            Side::Crate => assert!(
                a.rule.is_some() && a.package.is_none(),
                "{what}: needs rule only"
            ),
        }
        assert!(a.reason.len() > 20, "{what}: needs a reason");
        // The rule named is the crate's, disputed on the package side and
        // settled on the crate side.
        if let Some(rule) = &a.rule {
            let disputed = a.side == Side::Package;
            assert!(
                state_rules(a.state)
                    .iter()
                    .any(|r| &r.name == rule && r.status.is_disputed() == disputed),
                "{what}: no {} rule {rule:?}",
                if disputed { "disputed" } else { "settled" }
            );
        }
    }
}

/// The comparison, year by year: exact but for the allow-list (and the
/// [`FIXED`] days, checked by `fixed_data_errors_stay_fixed`). Every allow-list
/// entry must still be needed.
#[test]
fn state_rules_match_fixtures_year_by_year() {
    // Unexplained differences, grouped by state, side and names: days.
    let mut failures: BTreeMap<String, Vec<NaiveDate>> = BTreeMap::new();
    let mut used = vec![0usize; allowed().len()];
    for state in fixtured() {
        for d in differences(state) {
            match d.allowed {
                Some(i) => used[i] += 1,
                None if suspect(state, d.day).is_some() => {}
                None => failures
                    .entry(format!(
                        "{state} {:?}; package {:?}; crate {:?}",
                        d.side, d.theirs, d.mine
                    ))
                    .or_default()
                    .push(d.day),
            }
        }
    }
    let failures: Vec<String> = failures
        .into_iter()
        .map(|(k, days)| {
            let shown: Vec<String> = days
                .iter()
                .take(4)
                .map(|d| format!("{d} {}", d.weekday()))
                .collect();
            format!(
                "{k}: {} days: {}{}",
                days.len(),
                shown.join(", "),
                if days.len() > 4 { ", ..." } else { "" }
            )
        })
        .collect();
    for (a, n) in allowed().iter().zip(&used) {
        println!("{}: {n} days", a.describe());
    }
    let stale: Vec<_> = allowed()
        .iter()
        .zip(&used)
        .filter(|(_, n)| **n == 0)
        .map(|(a, _)| a.describe())
        .collect();
    assert!(
        failures.is_empty(),
        "state holidays differ from tests/data/state_holidays/ (add to tests/data/state_holidays/allowed.toml only with a reason):\n{}",
        failures.join("\n")
    );
    assert!(
        stale.is_empty(),
        "allow-list entries never used:\n{}",
        stale.join("\n")
    );
}

/// Errors once in the crate's state data (see [`FIXED`]) stay fixed.
#[test]
fn fixed_data_errors_stay_fixed() {
    let mut open = Vec::new();
    for s in FIXED {
        let day = NaiveDate::from_ymd_opt(s.date.0, s.date.1, s.date.2).unwrap();
        if let Some(d) = differences(s.state)
            .into_iter()
            .find(|d| d.day == day && d.allowed.is_none())
        {
            open.push(format!(
                "{} {day}: {:?}; package {:?}; crate {:?}\n    {}",
                s.state, d.side, d.theirs, d.mine, s.what
            ));
        }
    }
    assert!(
        open.is_empty(),
        "state-data errors back:\n{}",
        open.join("\n")
    );
}

/// Hand-checked days for the cases the allow-list covers.
#[test]
fn spot_checks() {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let settled_on =
        |state: State, day: NaiveDate| ours(state).get(&day).is_some_and(|v| settled(v));
    // NY: Lincoln's Birthday 2022 fell on a Saturday; the package has Friday
    // 2022-02-11, the crate does not move it.
    assert!(fixture(State::NY)[&d(2022, 2, 11)].contains(&"Lincoln's Birthday (observed)".into()));
    assert!(!settled_on(State::NY, d(2022, 2, 11)));
    // NY: Susan B. Anthony Day 2024 (a Thursday) is in the package only.
    assert!(fixture(State::NY).contains_key(&d(2024, 2, 15)));
    assert!(!settled_on(State::NY, d(2024, 2, 15)));
    // NY: general election day 2013 (odd year) is a holiday under s.24; the
    // package lists odd years only from 2015.
    assert!(settled_on(State::NY, d(2013, 11, 5)));
    assert!(!fixture(State::NY).contains_key(&d(2013, 11, 5)));
    // NJ: Juneteenth 2025 on the third Friday (June 20) and on June 19
    // (federal) both.
    assert!(settled_on(State::NJ, d(2025, 6, 20)));
    assert!(settled_on(State::NJ, d(2025, 6, 19)));
    // DE and LA: identical to the package, e.g. Mardi Gras 2025 (March 4).
    assert!(fixture(State::LA).contains_key(&d(2025, 3, 4)));
    assert!(settled_on(State::LA, d(2025, 3, 4)));
}
