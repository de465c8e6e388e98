//! State legal holidays from statute (FRCP 6(a)(6)(C), FRBP 9006(a)(6)(C),
//! FRAP 26(a)(6)(C)), each with its citation and the years it is in force.
//!
//! Days the federal list already covers are repeated here when the state's
//! statute lists them, so a state calendar is complete on its own; a day that
//! is both federal and state counts as federal (in every direction).

use std::fmt;
use std::str::FromStr;

use chrono::{NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::holiday::{HolidayRule, Observance, Scope, When};
use crate::error::{Error, Result};

/// A state (or the District of Columbia, a "state" under FRCP 81(d)(2)) whose
/// holidays the library knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
#[non_exhaustive]
pub enum State {
    /// New York.
    NY,
    /// Delaware.
    DE,
    /// New Jersey.
    NJ,
    /// Texas.
    TX,
    /// California.
    CA,
    /// Illinois.
    IL,
    /// Florida.
    FL,
    /// The District of Columbia.
    DC,
    /// Pennsylvania (seat of the Third Circuit's clerk).
    PA,
    /// Louisiana (seat of the Fifth Circuit's clerk).
    LA,
    /// Georgia (seat of the Eleventh Circuit's clerk).
    GA,
}

impl State {
    /// Every state the library knows.
    pub const ALL: [State; 11] = [
        State::NY,
        State::DE,
        State::NJ,
        State::TX,
        State::CA,
        State::IL,
        State::FL,
        State::DC,
        State::PA,
        State::LA,
        State::GA,
    ];

    /// The two-letter postal code.
    pub fn code(self) -> &'static str {
        match self {
            State::NY => "NY",
            State::DE => "DE",
            State::NJ => "NJ",
            State::TX => "TX",
            State::CA => "CA",
            State::IL => "IL",
            State::FL => "FL",
            State::DC => "DC",
            State::PA => "PA",
            State::LA => "LA",
            State::GA => "GA",
        }
    }

    /// The state's name.
    pub fn name(self) -> &'static str {
        match self {
            State::NY => "New York",
            State::DE => "Delaware",
            State::NJ => "New Jersey",
            State::TX => "Texas",
            State::CA => "California",
            State::IL => "Illinois",
            State::FL => "Florida",
            State::DC => "the District of Columbia",
            State::PA => "Pennsylvania",
            State::LA => "Louisiana",
            State::GA => "Georgia",
        }
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for State {
    type Err = Error;
    fn from_str(s: &str) -> Result<State> {
        State::ALL
            .into_iter()
            .find(|st| st.code().eq_ignore_ascii_case(s))
            .ok_or_else(|| Error::invalid(format!("unknown state \"{s}\"")))
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn fixed(name: &'static str, month: u32, day: u32, source: &'static str) -> HolidayRule {
    HolidayRule::new(name, When::Fixed { month, day }, Scope::State, source)
}

fn nth(
    name: &'static str,
    month: u32,
    weekday: Weekday,
    n: u32,
    source: &'static str,
) -> HolidayRule {
    HolidayRule::new(name, When::Nth { month, weekday, n }, Scope::State, source)
}

fn last(name: &'static str, month: u32, weekday: Weekday, source: &'static str) -> HolidayRule {
    HolidayRule::new(name, When::Last { month, weekday }, Scope::State, source)
}

/// The holidays a state's statutes declare.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use docket::calendar::{state_rules, State};
///
/// let ny = state_rules(State::NY);
/// let lincoln = ny.iter().find(|r| r.name == "Lincoln's Birthday").unwrap();
/// assert_eq!(lincoln.observed_in(2025), NaiveDate::from_ymd_opt(2025, 2, 12));
/// assert!(lincoln.source.contains("Gen. Constr. Law"));
/// ```
pub fn state_rules(state: State) -> Vec<HolidayRule> {
    match state {
        State::NY => new_york(),
        _ => Vec::new(),
    }
}

/// N.Y. Gen. Constr. Law s.24: a holiday falling on Sunday (except Flag Day)
/// is observed the Monday after; one falling on Saturday does not move.
fn new_york() -> Vec<HolidayRule> {
    const S: &str = "N.Y. Gen. Constr. Law s.24";
    use Observance::SundayToMonday as Sun;
    use Weekday::{Mon, Sun as Sunday, Thu};
    vec![
        fixed("New Year's Day", 1, 1, S).observed(Sun),
        nth("Dr. Martin Luther King, Jr. Day", 1, Mon, 3, S),
        fixed("Lincoln's Birthday", 2, 12, S).observed(Sun),
        nth("Washington's Birthday", 2, Mon, 3, S),
        last("Memorial Day", 5, Mon, S),
        // Always a Sunday, and expressly not moved to Monday.
        nth("Flag Day", 6, Sunday, 2, S),
        fixed(
            "Juneteenth",
            6,
            19,
            "N.Y. Gen. Constr. Law s.24 (as amended 2020, from 2021)",
        )
        .observed(Sun)
        .in_force_from(date(2021, 1, 1)),
        fixed("Independence Day", 7, 4, S).observed(Sun),
        nth("Labor Day", 9, Mon, 1, S),
        nth("Columbus Day", 10, Mon, 2, S),
        fixed("Veterans' Day", 11, 11, S).observed(Sun),
        HolidayRule::new("General Election Day", When::ElectionDay, Scope::State, S),
        nth("Thanksgiving Day", 11, Thu, 4, S),
        fixed("Christmas Day", 12, 25, S).observed(Sun),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for s in State::ALL {
            assert_eq!(s.code().parse::<State>().unwrap(), s);
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
}
