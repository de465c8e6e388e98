//! The state data: codes, every file loads, and hand-checked days.

#![allow(clippy::unwrap_used, clippy::expect_used)]
use super::*;
use crate::calendar::Scope;
use chrono::{Datelike, NaiveDate};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn codes_round_trip() {
    for s in State::ALL {
        assert_eq!(s.code().parse::<State>().unwrap(), s);
        assert!(!s.name().is_empty());
    }
    assert_eq!(State::ALL.len(), 56);
    let mut codes: Vec<_> = State::ALL.iter().map(|s| s.code()).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), State::ALL.len());
    assert_eq!("pr".parse::<State>().unwrap(), State::PR);
    // The data slots are indexed by discriminant.
    for (i, s) in State::ALL.into_iter().enumerate() {
        assert_eq!(s as usize, i, "{s}");
    }
    assert!("ZZ".parse::<State>().is_err());
}

#[test]
fn new_york_saturdays_do_not_move() {
    // Lincoln's Birthday 2022 fell on a Saturday: not moved.
    let ny = state_rules(State::NY);
    let lincoln = ny.iter().find(|r| r.name == "Lincoln's Birthday").unwrap();
    assert_eq!(lincoln.observed_in(2022), Some(date(2022, 2, 12)));
    // 2023-02-12 was a Sunday: observed Monday 2023-02-13.
    assert_eq!(lincoln.observed_in(2023), Some(date(2023, 2, 13)));
    assert!(!ny.iter().any(|r| r.name.contains("Anthony")));
}

fn find(state: State, name: &str) -> HolidayRule {
    state_rules(state)
        .into_iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("{state}: no rule named {name}"))
}

/// Every date a state's rules give in `year`, with whether it is disputed.
fn days(state: State, year: i32) -> Vec<(NaiveDate, bool)> {
    state_rules(state)
        .iter()
        .filter_map(|r| r.observed_in(year).map(|d| (d, r.status.is_disputed())))
        .collect()
}

fn settled_on(state: State, d: NaiveDate) -> bool {
    (d.year() - 1..=d.year() + 1)
        .flat_map(|y| days(state, y))
        .any(|(x, disputed)| x == d && !disputed)
}

fn disputed_on(state: State, d: NaiveDate) -> bool {
    (d.year() - 1..=d.year() + 1)
        .flat_map(|y| days(state, y))
        .any(|(x, disputed)| x == d && disputed)
}

#[test]
fn every_state_has_cited_rules_in_force_1971_to_2100() {
    for s in State::ALL {
        let rules = state_rules(s);
        assert!(!rules.is_empty(), "{s} has no rules");
        for r in &rules {
            assert_eq!(r.scope, Scope::State, "{s}: {}", r.name);
            assert!(!r.source.is_empty(), "{s}: {} has no source", r.name);
            if let crate::calendar::Status::Disputed(reason) = &r.status {
                assert!(!reason.is_empty(), "{s}: {} has no reason", r.name);
            }
            assert!(
                (1971..=2100).any(|y| r.observed_in(y).is_some()),
                "{s}: {} never in force 1971-2100",
                r.name
            );
        }
        // Every year has at least a handful of settled days.
        for y in 1971..=2100 {
            let n = days(s, y).iter().filter(|(_, d)| !d).count();
            assert!(n >= 8, "{s} {y}: only {n} settled days");
        }
    }
}

#[test]
fn delaware() {
    // 2021-12-25 was a Saturday: observed Friday 2021-12-24.
    let xmas = find(State::DE, "Christmas Day");
    assert_eq!(xmas.observed_in(2021), Some(date(2021, 12, 24)));
    assert!(settled_on(State::DE, date(2025, 4, 18))); // Good Friday
    assert!(settled_on(State::DE, date(2024, 11, 5))); // Election Day
    assert!(!settled_on(State::DE, date(2025, 11, 4))); // odd year
    assert!(disputed_on(State::DE, date(2024, 11, 7))); // Return Day
    assert!(settled_on(State::DE, date(2025, 11, 28))); // day after Thanksgiving
}

#[test]
fn new_jersey() {
    // Juneteenth is the third Friday in June.
    let j = find(State::NJ, "Juneteenth Day");
    assert_eq!(j.observed_in(2022), Some(date(2022, 6, 17)));
    assert_eq!(j.observed_in(2025), Some(date(2025, 6, 20)));
    assert_eq!(j.observed_in(2020), None);
    assert!(settled_on(State::NJ, date(2025, 11, 4))); // general election
    assert!(settled_on(State::NJ, date(2025, 4, 18))); // Good Friday
    assert!(disputed_on(State::NJ, date(2025, 2, 12))); // Lincoln, offices open
    assert!(!settled_on(State::NJ, date(2025, 2, 12)));
    assert!(settled_on(State::NJ, date(2005, 2, 11))); // 2005-02-12 was a Saturday
}

#[test]
fn texas() {
    // Skeleton-crew days are disputed and weekends do not move.
    assert!(disputed_on(State::TX, date(2025, 3, 2)));
    assert!(disputed_on(State::TX, date(2025, 4, 21)));
    assert!(!settled_on(State::TX, date(2025, 4, 21)));
    assert_eq!(
        find(State::TX, "Confederate Heroes Day").observed_in(2025),
        Some(date(2025, 1, 19))
    );
    assert!(settled_on(State::TX, date(2025, 11, 28))); // Friday after Thanksgiving
    assert!(settled_on(State::TX, date(2025, 12, 24)));
    assert!(settled_on(State::TX, date(2025, 12, 26)));
    assert!(disputed_on(State::TX, date(2025, 4, 18))); // Good Friday, optional
                                                        // 2021-12-25 was a Saturday: not moved by Texas law.
    assert_eq!(
        find(State::TX, "Christmas Day").observed_in(2021),
        Some(date(2021, 12, 25))
    );
}

#[test]
fn california() {
    let chavez = find(State::CA, "Cesar Chavez Day");
    assert_eq!(chavez.observed_in(2025), Some(date(2025, 3, 31)));
    // 2024-03-31 was a Sunday: observed Monday.
    assert_eq!(chavez.observed_in(2024), Some(date(2024, 4, 1)));
    assert_eq!(chavez.observed_in(2000), None);
    // Lincoln Day on Saturday 2022 does not move; on Sunday 2023 it does.
    let lincoln = find(State::CA, "Lincoln Day");
    assert_eq!(lincoln.observed_in(2022), Some(date(2022, 2, 12)));
    assert_eq!(lincoln.observed_in(2023), Some(date(2023, 2, 13)));
    // Veterans Day on Saturday 2023 moves to Friday.
    assert!(settled_on(State::CA, date(2023, 11, 10)));
    assert!(settled_on(State::CA, date(2025, 11, 28))); // day after Thanksgiving
    assert!(disputed_on(State::CA, date(2025, 9, 9))); // Admission Day
                                                       // Native American Day: a judicial holiday; the courts close.
    assert!(settled_on(State::CA, date(2025, 9, 26)));
    // Independence Day 2026 is a Saturday: the courts observe Friday
    // July 3 (Cal. R. Ct. 1.11), a disputed day for Rule 6(a)(6)(C).
    assert!(disputed_on(State::CA, date(2026, 7, 3)));
    assert!(!disputed_on(State::CA, date(2025, 7, 3)));
}

#[test]
fn illinois() {
    assert!(settled_on(State::IL, date(2025, 2, 12))); // Lincoln's Birthday
    assert!(disputed_on(State::IL, date(2025, 3, 3))); // Pulaski
    assert!(!settled_on(State::IL, date(2025, 3, 3)));
    // Juneteenth 2022 fell on a Sunday and is expressly not moved.
    let j = find(State::IL, "Juneteenth National Freedom Day");
    assert_eq!(j.observed_in(2022), Some(date(2022, 6, 19)));
    assert!(!settled_on(State::IL, date(2022, 6, 20)));
    assert!(settled_on(State::IL, date(2020, 11, 3)));
    assert!(settled_on(State::IL, date(2022, 11, 8)));
    assert!(disputed_on(State::IL, date(2018, 11, 6)));
    assert!(!settled_on(State::IL, date(2018, 11, 6)));
}

#[test]
fn florida() {
    assert!(settled_on(State::FL, date(2025, 11, 28))); // Friday after Thanksgiving
                                                        // 2021-12-25 was a Saturday: s.110.117 moves it to Friday.
    assert!(settled_on(State::FL, date(2021, 12, 24)));
    assert!(disputed_on(State::FL, date(2025, 4, 2))); // Pascua Florida Day
    assert!(!settled_on(State::FL, date(2025, 4, 2)));
    assert!(disputed_on(State::FL, date(2025, 1, 20))); // Lee's birthday 2025-01-19 (Sunday)
    assert!(!settled_on(State::FL, date(2025, 4, 18))); // Good Friday
    let tuskegee = find(State::FL, "Tuskegee Airmen Commemoration Day");
    assert_eq!(tuskegee.observed_in(2024), None); // in force from July 2024
    assert_eq!(tuskegee.observed_in(2025), Some(date(2025, 3, 27)));
}

#[test]
fn district_of_columbia() {
    let e = find(State::DC, "District of Columbia Emancipation Day");
    assert_eq!(e.observed_in(2021), Some(date(2021, 4, 16))); // a Friday
    assert_eq!(e.observed_in(2022), Some(date(2022, 4, 15))); // Saturday -> Friday
    assert_eq!(e.observed_in(2023), Some(date(2023, 4, 17))); // Sunday -> Monday
    assert_eq!(e.observed_in(2007), Some(date(2007, 4, 16)));
    assert_eq!(e.observed_in(2006), None);
    let i = find(State::DC, "Inauguration Day");
    assert_eq!(i.observed_in(2021), Some(date(2021, 1, 20)));
    assert_eq!(i.observed_in(2025), Some(date(2025, 1, 20)));
    assert_eq!(i.observed_in(2013), Some(date(2013, 1, 21))); // Sunday -> Monday
    assert_eq!(i.observed_in(2024), None);
    // 2029-01-20 is a Saturday: not moved.
    assert_eq!(i.observed_in(2029), Some(date(2029, 1, 20)));
}

#[test]
fn pennsylvania() {
    assert!(settled_on(State::PA, date(2025, 11, 4))); // Election Day, odd year too
    assert!(settled_on(State::PA, date(2025, 4, 18))); // Good Friday
    assert!(disputed_on(State::PA, date(2025, 6, 14))); // Flag Day
    assert!(!settled_on(State::PA, date(2025, 6, 13)));
    assert!(disputed_on(State::PA, date(2025, 11, 28))); // day after Thanksgiving
}

#[test]
fn louisiana() {
    let mardi_gras = find(State::LA, "Mardi Gras");
    assert_eq!(mardi_gras.observed_in(2025), Some(date(2025, 3, 4)));
    assert_eq!(mardi_gras.observed_in(2024), Some(date(2024, 2, 13)));
    assert!(settled_on(State::LA, date(2025, 4, 18))); // Good Friday
                                                       // 2021-12-25 was a Saturday: observed Friday 2021-12-24.
    assert!(settled_on(State::LA, date(2021, 12, 24)));
    assert!(disputed_on(State::LA, date(2025, 8, 30))); // Huey P. Long Day
    assert!(disputed_on(State::LA, date(2021, 1, 19))); // Lee Day, before 2022
    assert!(!disputed_on(State::LA, date(2023, 1, 19)));
    assert!(settled_on(State::LA, date(2024, 11, 5))); // even-year election
    assert!(!settled_on(State::LA, date(2023, 11, 7)));
    let inauguration = find(State::LA, "Inauguration Day (Baton Rouge)");
    assert_eq!(inauguration.observed_in(2024), Some(date(2024, 1, 8)));
    assert_eq!(inauguration.observed_in(2025), None);
}

#[test]
fn georgia() {
    let j = find(State::GA, "Juneteenth National Independence Day");
    assert_eq!(j.observed_in(2021), None);
    assert_eq!(j.observed_in(2023), Some(date(2023, 6, 19)));
    assert!(settled_on(State::GA, date(2025, 10, 13))); // Columbus Day
    assert!(disputed_on(State::GA, date(2025, 11, 28))); // Governor's day
    assert!(!settled_on(State::GA, date(2025, 11, 28)));
}

#[test]
fn new_states_spot_checks() {
    // Rhode Island: a Saturday July 4 (2020) is celebrated on Monday July 6.
    assert!(settled_on(State::RI, date(2020, 7, 6)));
    assert!(!settled_on(State::RI, date(2020, 7, 3)));
    // Utah: Juneteenth on the third Monday of June (2025: June 16).
    assert!(settled_on(State::UT, date(2025, 6, 16)));
    // Pioneer Day 2027 is a Saturday: observed Friday July 23.
    assert!(settled_on(State::UT, date(2027, 7, 23)));
    // Virginia: Lee-Jackson Day until 2020, Election Day from 2020.
    assert!(settled_on(State::VA, date(2020, 1, 17)));
    assert!(!settled_on(State::VA, date(2021, 1, 15)));
    assert!(settled_on(State::VA, date(2021, 11, 2)));
    assert!(!settled_on(State::VA, date(2019, 11, 5)));
    // Massachusetts: Patriots' Day; Suffolk County days disputed.
    assert!(settled_on(State::MA, date(2025, 4, 21)));
    assert!(disputed_on(State::MA, date(2025, 3, 17)));
    // Hawaii: Statehood Day, the third Friday in August.
    assert!(settled_on(State::HI, date(2025, 8, 15)));
    // Puerto Rico: Three Kings Day; December 24 is a half day.
    assert!(settled_on(State::PR, date(2025, 1, 6)));
    assert!(disputed_on(State::PR, date(2025, 12, 24)));
    // The Virgin Islands: Holy Thursday and Easter Monday 2025.
    assert!(settled_on(State::VI, date(2025, 4, 17)));
    assert!(settled_on(State::VI, date(2025, 4, 21)));
    // Alaska: Alaska Day on a Sunday (2026) makes Monday a holiday too.
    assert!(settled_on(State::AK, date(2026, 10, 19)));
    // Washington: Native American Heritage Day from June 12, 2014.
    assert!(settled_on(State::WA, date(2014, 11, 28)));
    assert!(!settled_on(State::WA, date(2013, 11, 29)));
    assert!(disputed_on(State::WA, date(2013, 11, 29)));
}
