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
//! on purpose. Every such difference is in [`ALLOWED`], with its reason; any
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

use chrono::{Datelike, NaiveDate, Weekday};
use docket::calendar::{federal_rules, state_rules, Scope, State};

const FIRST: i32 = 1990;
const LAST: i32 = 2060;
const FEDERAL_CSV: &str = include_str!("../data/federal_holidays.csv");

/// The committed fixture of a state.
fn csv_of(state: State) -> Option<&'static str> {
    Some(match state {
        State::NY => include_str!("../data/state_holidays/NY.csv"),
        State::DE => include_str!("../data/state_holidays/DE.csv"),
        State::NJ => include_str!("../data/state_holidays/NJ.csv"),
        State::TX => include_str!("../data/state_holidays/TX.csv"),
        State::CA => include_str!("../data/state_holidays/CA.csv"),
        State::IL => include_str!("../data/state_holidays/IL.csv"),
        State::FL => include_str!("../data/state_holidays/FL.csv"),
        State::DC => include_str!("../data/state_holidays/DC.csv"),
        State::PA => include_str!("../data/state_holidays/PA.csv"),
        State::LA => include_str!("../data/state_holidays/LA.csv"),
        State::GA => include_str!("../data/state_holidays/GA.csv"),
        _ => return None,
    })
}

/// The states with a fixture (the other states' data lands in data/states/
/// with its fixture).
fn fixtured() -> impl Iterator<Item = State> {
    State::ALL.into_iter().filter(|s| csv_of(*s).is_some())
}

/// Which side of the comparison an allowed difference is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    /// The package lists the weekday; the crate has no settled rule on it.
    PackageOnly,
    /// The crate has a settled state rule on the weekday; the package does
    /// not list it.
    CrateOnly,
}

/// How the days of an allowed difference are recognized.
#[derive(Clone, Copy)]
enum Pattern {
    /// (PackageOnly) a fixture row with exactly this name.
    Package(&'static str),
    /// (PackageOnly) a fixture row with exactly this name, on a day the
    /// predicate (described by the third field) accepts.
    PackageOn(&'static str, fn(NaiveDate) -> bool, &'static str),
    /// (PackageOnly) a fixture row with this name on a day the crate knows
    /// too, as the *disputed* rule named `rule`: the crate reports the day as
    /// the later reading instead of treating it as settled.
    Disputed {
        package: &'static str,
        rule: &'static str,
    },
    /// (CrateOnly) a settled state rule with exactly this name.
    Rule(&'static str),
}

impl std::fmt::Debug for Pattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Pattern::Package(n) => write!(f, "package {n:?}"),
            Pattern::PackageOn(n, _, what) => write!(f, "package {n:?} on {what}"),
            Pattern::Disputed { package, rule } => {
                write!(f, "package {package:?} = disputed rule {rule:?}")
            }
            Pattern::Rule(n) => write!(f, "crate rule {n:?}"),
        }
    }
}

/// One deliberate difference between the crate and the package.
struct Allowed {
    state: State,
    side: Side,
    pattern: Pattern,
    reason: &'static str,
}

fn friday(d: NaiveDate) -> bool {
    d.weekday() == Weekday::Fri
}

fn before_2001(d: NaiveDate) -> bool {
    d.year() < 2001
}

fn before_2007(d: NaiveDate) -> bool {
    d.year() < 2007
}

fn in_december(d: NaiveDate) -> bool {
    d.month() == 12
}

/// March or April (the Governor's spring day is Good Friday in some years).
fn in_spring(d: NaiveDate) -> bool {
    matches!(d.month(), 3 | 4)
}

use Pattern::{Disputed, Package, PackageOn, Rule};
use Side::{CrateOnly, PackageOnly};

/// Every deliberate difference, per state, with its reason. Built by running
/// the comparison and checking each mismatch against `src/calendar/states.rs`
/// and the statute it cites. DE and LA have none.
const ALLOWED: &[Allowed] = &[
    // ---- New York (N.Y. Gen. Constr. Law s.24) ----
    Allowed {
        state: State::NY,
        side: PackageOnly,
        pattern: Package("Susan B. Anthony Day"),
        reason: "not a holiday under N.Y. Gen. Constr. Law s.24 (a commemoration); the package adds it from 2004 (rules brief)",
    },
    Allowed {
        state: State::NY,
        side: PackageOnly,
        pattern: PackageOn("Lincoln's Birthday (observed)", friday, "a Friday"),
        reason: "Gen. Constr. Law s.24 moves a Sunday holiday to Monday but does not move a Saturday one; the package shifts Saturdays to Friday (rules brief)",
    },
    Allowed {
        state: State::NY,
        side: CrateOnly,
        pattern: Rule("General Election Day"),
        reason: "s.24 makes \"each general election day\" a holiday, and New York holds a general election every November (N.Y. Elec. Law s.8-100); the package lists it only in even years from 2008 and every year from 2015 (state-office closures)",
    },
    // ---- California: Native American Day ----
    Allowed {
        state: State::CA,
        side: CrateOnly,
        pattern: Rule("Native American Day"),
        reason: "a s.6700 holiday and a judicial holiday under Cal. Civ. Proc. Code s.135: the Superior Courts' holiday schedules (2024-2026) list the courts closed on the fourth Friday in September; the package does not list it",
    },
    // ---- New Jersey (N.J.S.A. 36:1-1, 36:1-1.2) ----
    Allowed {
        state: State::NJ,
        side: PackageOnly,
        pattern: Disputed {
            package: "Lincoln's Birthday",
            rule: "Lincoln's Birthday",
        },
        reason: "from 2009 still a legal holiday under N.J.S.A. 36:1-1(a), but 36:1-1(d) (P.L.2008, c.89) keeps state offices open: disputed in the crate",
    },
    Allowed {
        state: State::NJ,
        side: PackageOnly,
        pattern: Disputed {
            package: "Lincoln's Birthday (observed)",
            rule: "Lincoln's Birthday",
        },
        reason: "the weekend-shifted day of the same disputed Lincoln's Birthday (36:1-1.2 shifts it; 36:1-1(d) keeps offices open)",
    },
    Allowed {
        state: State::NJ,
        side: CrateOnly,
        pattern: Rule("General Election Day"),
        reason: "N.J.S.A. 36:1-1 makes general election day a legal holiday and New Jersey holds a general election every November; the package lists it only in even years from 2008",
    },
    Allowed {
        state: State::NJ,
        side: CrateOnly,
        pattern: Rule("Juneteenth Day"),
        reason: "New Jersey keeps Juneteenth on the third Friday in June (N.J.S.A. 36:1-1 as amended by P.L.2020; 11A:6-24.1); the package has only the federal June 19",
    },
    // ---- Texas (Tex. Gov't Code s.662.003) ----
    Allowed {
        state: State::TX,
        side: PackageOnly,
        pattern: Disputed {
            package: "Confederate Memorial Day",
            rule: "Confederate Heroes Day",
        },
        reason: "skeleton-crew state holiday (s.662.003(b), s.662.004): agencies stay open, so the crate marks it disputed",
    },
    Allowed {
        state: State::TX,
        side: PackageOnly,
        pattern: Disputed {
            package: "Texas Independence Day",
            rule: "Texas Independence Day",
        },
        reason: "skeleton-crew state holiday (s.662.003(b), s.662.004): disputed in the crate",
    },
    Allowed {
        state: State::TX,
        side: PackageOnly,
        pattern: Disputed {
            package: "San Jacinto Day",
            rule: "San Jacinto Day",
        },
        reason: "skeleton-crew state holiday (s.662.003(b), s.662.004): disputed in the crate",
    },
    Allowed {
        state: State::TX,
        side: PackageOnly,
        pattern: Disputed {
            package: "Emancipation Day In Texas",
            rule: "Emancipation Day in Texas",
        },
        reason: "skeleton-crew state holiday (s.662.003(b), s.662.004): disputed in the crate",
    },
    Allowed {
        state: State::TX,
        side: PackageOnly,
        pattern: Disputed {
            package: "Lyndon Baines Johnson Day",
            rule: "Lyndon Baines Johnson Day",
        },
        reason: "skeleton-crew state holiday (s.662.003(b), s.662.004): disputed in the crate",
    },
    Allowed {
        state: State::TX,
        side: PackageOnly,
        pattern: Disputed {
            package: "Good Friday",
            rule: "Good Friday",
        },
        reason: "an optional holiday (s.662.003(c), s.662.006): state offices stay open; disputed in the crate",
    },
    Allowed {
        state: State::TX,
        side: PackageOnly,
        pattern: Disputed {
            package: "Cesar Chavez Day",
            rule: "Cesar Chavez Day",
        },
        reason: "an optional holiday (s.662.013): state offices stay open; disputed in the crate",
    },
    Allowed {
        state: State::TX,
        side: PackageOnly,
        pattern: Package("Christmas Eve (observed)"),
        reason: "s.662.003(b) has no weekend rule (s.662.004(b) speaks of state holidays that fall on a Saturday or Sunday); the package moves December 24 on a Friday to Thursday and on a weekend to Friday, the state-office schedule",
    },
    // ---- California (Cal. Gov't Code s.6700, s.6701; Cal. Civ. Proc. Code s.135) ----
    Allowed {
        state: State::CA,
        side: PackageOnly,
        pattern: Package("Susan B. Anthony Day"),
        reason: "not in Cal. Gov't Code s.6700's list of holidays (a commemorative day), so not a judicial holiday under Cal. Civ. Proc. Code s.135; the package adds it from 2014",
    },
    Allowed {
        state: State::CA,
        side: PackageOnly,
        pattern: Package("Diwali"),
        reason: "in s.6700 from 2026 (AB 268, Stats. 2025, ch. 358) but expressly excluded from judicial holidays by Cal. Civ. Proc. Code s.135 as amended by the same act; it follows the Hindu lunar calendar, which the crate's `When` cannot express (left out like Lunar New Year)",
    },
    Allowed {
        state: State::CA,
        side: PackageOnly,
        pattern: PackageOn("Cesar Chavez Day", before_2001, "a day before 2001"),
        reason: "the holiday was added to s.6700 by Stats. 2000 (SB 984) and first observed in 2001; the package starts it in 1995",
    },
    Allowed {
        state: State::CA,
        side: PackageOnly,
        pattern: PackageOn(
            "Cesar Chavez Day (observed)",
            before_2001,
            "a day before 2001",
        ),
        reason: "the Monday after a Sunday March 31 in a year before the holiday existed (first observed 2001, Stats. 2000, SB 984)",
    },
    Allowed {
        state: State::CA,
        side: PackageOnly,
        pattern: PackageOn("Lincoln's Birthday (observed)", friday, "a Friday"),
        reason: "s.6701 moves February 12 from Sunday to Monday only (only November 11 also moves from Saturday to Friday); the package shifts Saturdays to Friday",
    },
    Allowed {
        state: State::CA,
        side: CrateOnly,
        pattern: Rule("Lincoln Day"),
        reason: "still a holiday in s.6700 and so a judicial holiday (Cal. Civ. Proc. Code s.135); the package drops it after 2009, when it stopped being a paid day for state employees",
    },
    // ---- Illinois (205 ILCS 630/17; 5 ILCS 490) ----
    Allowed {
        state: State::IL,
        side: PackageOnly,
        pattern: Disputed {
            package: "Casimir Pulaski Day",
            rule: "Casimir Pulaski's Birthday",
        },
        reason: "a legal holiday under 205 ILCS 630/17 but state offices stay open (Chicago and Cook County offices close): disputed in the crate",
    },
    Allowed {
        state: State::IL,
        side: PackageOnly,
        pattern: Disputed {
            package: "Election Day",
            rule: "General Election Day",
        },
        reason: "205 ILCS 630/17 lists general election days as bank holidays; state offices closed only when a special act said so (settled in the crate for 2020 and 2022 only), so disputed",
    },
    Allowed {
        state: State::IL,
        side: PackageOnly,
        pattern: Package("Lincoln's Birthday (observed)"),
        reason: "205 ILCS 630/17 has no weekend rule, so a Saturday or Sunday February 12 is not moved; the package applies the state offices' Friday/Monday practice",
    },
    // ---- Florida (Fla. Stat. s.110.117, s.683.01) ----
    Allowed {
        state: State::FL,
        side: PackageOnly,
        pattern: Disputed {
            package: "Susan B. Anthony Day",
            rule: "Susan B. Anthony's Birthday",
        },
        reason: "a s.683.01 legal holiday but not a paid holiday under s.110.117: state offices and courts stay open, so disputed in the crate",
    },
    // ---- District of Columbia (D.C. Code s.1-612.02, s.28-2701) ----
    Allowed {
        state: State::DC,
        side: PackageOnly,
        pattern: PackageOn(
            "Emancipation Day (observed)",
            before_2007,
            "a day before 2007",
        ),
        reason: "a legal public holiday under D.C. Code s.1-612.02 only beginning in 2007 (before, a legal private holiday, s.1-612.02a); the package starts it in 2005",
    },
    // ---- Pennsylvania (44 P.S. s.11; 1 Pa. C.S. s.1908) ----
    Allowed {
        state: State::PA,
        side: PackageOnly,
        pattern: Disputed {
            package: "Day After Thanksgiving",
            rule: "Day after Thanksgiving",
        },
        reason: "a holiday for courts and state employees by Supreme Court order and contract, not by statute: disputed in the crate",
    },
    Allowed {
        state: State::PA,
        side: CrateOnly,
        pattern: Rule("Good Friday"),
        reason: "a legal holiday under 44 P.S. s.11 (and the state courts close); the package leaves it out because Commonwealth offices stay open",
    },
    Allowed {
        state: State::PA,
        side: CrateOnly,
        pattern: Rule("Election Day"),
        reason: "44 P.S. s.11 makes election day (the Tuesday after the first Monday of November, every year) a legal holiday; the package leaves it out because Commonwealth offices stay open",
    },
    // ---- Georgia (O.C.G.A. s.1-4-1) ----
    Allowed {
        state: State::GA,
        side: PackageOnly,
        pattern: PackageOn("Confederate Memorial Day", in_spring, "a March or April day"),
        reason: "since 1984 O.C.G.A. s.1-4-1 names no state holidays; the Governor designates the spring day each year under s.1-4-1(a)(2), (b), so the crate leaves it out (the package uses the fourth Monday in April)",
    },
    Allowed {
        state: State::GA,
        side: PackageOnly,
        pattern: PackageOn("State Holiday", in_spring, "a March or April day"),
        reason: "the same Governor-designated spring day (renamed 2016; Good Friday from 2020 in the package), not fixed by statute: left out by the crate",
    },
    Allowed {
        state: State::GA,
        side: PackageOnly,
        pattern: PackageOn("Washington's Birthday", in_december, "a December day"),
        reason: "Georgia's Governor designates a day near Christmas \"in lieu of\" Washington's Birthday each year (s.1-4-1(b)); not fixed by statute, so left out by the crate",
    },
    Allowed {
        state: State::GA,
        side: PackageOnly,
        pattern: Disputed {
            package: "Robert E. Lee's Birthday",
            rule: "State Holiday (day after Thanksgiving)",
        },
        reason: "the Governor's day after Thanksgiving (s.1-4-1(a)(2), (b)), named for Lee's birthday until 2015: disputed in the crate",
    },
    Allowed {
        state: State::GA,
        side: PackageOnly,
        pattern: Disputed {
            package: "State Holiday",
            rule: "State Holiday (day after Thanksgiving)",
        },
        reason: "the Governor's day after Thanksgiving (s.1-4-1(a)(2), (b)) from 2016: disputed in the crate",
    },
];

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
    ALLOWED.iter().position(|a| {
        a.state == state
            && a.side == side
            && match a.pattern {
                Package(n) => theirs.iter().any(|t| t == n),
                PackageOn(n, pred, _) => pred(day) && theirs.iter().any(|t| t == n),
                Disputed { package, rule } => {
                    theirs.iter().any(|t| t == package)
                        && mine.iter().any(|m| m.disputed && m.name == rule)
                }
                Rule(n) => mine
                    .iter()
                    .any(|m| !m.disputed && m.scope == Scope::State && m.name == n),
            }
    })
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
            (Side::PackageOnly, theirs.difference(&mine)),
            (Side::CrateOnly, mine.difference(&theirs)),
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
    for (i, a) in ALLOWED.iter().enumerate() {
        let expected = match a.pattern {
            Package(_) | PackageOn(..) | Disputed { .. } => Side::PackageOnly,
            Rule(_) => Side::CrateOnly,
        };
        assert_eq!(a.side, expected, "entry {i} ({} {:?})", a.state, a.pattern);
        assert!(
            a.reason.len() > 20,
            "entry {i} ({}) needs a reason",
            a.state
        );
        // A Disputed entry names a rule the crate has, and it is disputed.
        if let Disputed { rule, .. } = a.pattern {
            let rules = state_rules(a.state);
            assert!(
                rules
                    .iter()
                    .any(|r| r.name == rule && r.status.is_disputed()),
                "entry {i}: {} has no disputed rule {rule:?}",
                a.state
            );
        }
        if let Rule(rule) = a.pattern {
            assert!(
                state_rules(a.state)
                    .iter()
                    .any(|r| r.name == rule && !r.status.is_disputed()),
                "entry {i}: {} has no settled rule {rule:?}",
                a.state
            );
        }
    }
}

/// The comparison, year by year: exact but for [`ALLOWED`] (and the
/// [`FIXED`] days, checked by `fixed_data_errors_stay_fixed`). Every allow-list
/// entry must still be needed.
#[test]
fn state_rules_match_fixtures_year_by_year() {
    let mut failures = Vec::new();
    let mut used = vec![0usize; ALLOWED.len()];
    for state in fixtured() {
        for d in differences(state) {
            match d.allowed {
                Some(i) => used[i] += 1,
                None if suspect(state, d.day).is_some() => {}
                None => failures.push(format!(
                    "{state} {} {}: {:?}; package {:?}; crate {:?}",
                    d.day,
                    d.day.weekday(),
                    d.side,
                    d.theirs,
                    d.mine
                )),
            }
        }
    }
    for (a, n) in ALLOWED.iter().zip(&used) {
        println!("{} {:?} {:?}: {n} days", a.state, a.side, a.pattern);
    }
    let stale: Vec<_> = ALLOWED
        .iter()
        .zip(&used)
        .filter(|(_, n)| **n == 0)
        .map(|(a, _)| format!("{} {:?} {:?}", a.state, a.side, a.pattern))
        .collect();
    assert!(
        failures.is_empty(),
        "state holidays differ from tests/data/state_holidays/ (add to ALLOWED only with a reason):\n{}",
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
