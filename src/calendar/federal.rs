//! The federal legal holidays (5 U.S.C. 6103(a); FRCP 6(a)(6)(A)) with their
//! history, and the days the President closed the executive departments by
//! executive order (FRCP 6(a)(6)(B)).

use chrono::{NaiveDate, Weekday};

use std::sync::OnceLock;

use serde::Deserialize;

use super::holiday::{HolidayRule, Observance, Scope, When};
use crate::error::{Error, Result};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    // Only called with literal dates below, each checked by the tests.
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

const S6103: &str = "5 U.S.C. 6103(a)";

/// A closure of the executive departments by executive order or
/// proclamation (`data/federal_closures.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExecutiveClosure {
    /// The day.
    pub date: NaiveDate,
    /// What it is ("Christmas Eve closure").
    pub name: String,
    /// The order or proclamation.
    pub source: String,
    /// Closed for part of the day only.
    #[serde(default)]
    pub half: bool,
    /// The order's text was read at its source.
    #[serde(default)]
    pub verified: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Closures {
    closure: Vec<ExecutiveClosure>,
}

static CLOSURES: OnceLock<std::result::Result<Vec<ExecutiveClosure>, String>> = OnceLock::new();

/// The days the President closed the executive departments, 1971 onward,
/// with their sources. Whether each is a legal holiday is the unsettled
/// question `eo-closure` (`eo-half-day-closure` for half days).
///
/// # Errors
/// None with the shipped data (the tests read it); the signature does not
/// hide broken data behind an empty list.
pub fn executive_closures() -> Result<&'static [ExecutiveClosure]> {
    CLOSURES
        .get_or_init(|| {
            toml::from_str::<Closures>(include_str!("../../data/federal_closures.toml"))
                .map(|c| c.closure)
                .map_err(|e| format!("data/federal_closures.toml: {e}"))
        })
        .as_deref()
        .map_err(|e| Error::parse(e.clone()))
}

/// The federal holiday rules, 1971 onward, and the executive-order closures
/// of [`executive_closures`] (as disputed days; [`crate::calendar::Calendar::federal`]
/// and the courts' calendars report broken closure data as an error).
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// let rules = docket::calendar::federal_rules();
/// let observed = |y| -> Vec<_> { rules.iter().filter_map(|r| r.observed_in(y)).collect() };
/// // New Year's Day 2022 fell on a Saturday: observed Friday 2021-12-31.
/// assert!(observed(2022).contains(&NaiveDate::from_ymd_opt(2021, 12, 31).unwrap()));
/// // Juneteenth 2021 (a Saturday): observed Friday 2021-06-18.
/// assert!(observed(2021).contains(&NaiveDate::from_ymd_opt(2021, 6, 18).unwrap()));
/// ```
pub fn federal_rules() -> Vec<HolidayRule> {
    use Observance::FridayOrMonday as Shift;
    let mut v = vec![
        HolidayRule::new(
            "New Year's Day",
            When::Fixed { month: 1, day: 1 },
            Scope::Federal,
            S6103,
        )
        .observed(Shift),
        HolidayRule::new(
            "Birthday of Martin Luther King, Jr.",
            When::Nth {
                month: 1,
                weekday: Weekday::Mon,
                n: 3,
            },
            Scope::Federal,
            "5 U.S.C. 6103(a); Pub. L. 98-144 (first observed 1986)",
        )
        .in_force_from(date(1986, 1, 1)),
        HolidayRule::new(
            "Washington's Birthday",
            When::Nth {
                month: 2,
                weekday: Weekday::Mon,
                n: 3,
            },
            Scope::Federal,
            "5 U.S.C. 6103(a); Pub. L. 90-363 (Monday since 1971)",
        ),
        HolidayRule::new(
            "Memorial Day",
            When::Last {
                month: 5,
                weekday: Weekday::Mon,
            },
            Scope::Federal,
            "5 U.S.C. 6103(a); Pub. L. 90-363 (Monday since 1971)",
        ),
        HolidayRule::new(
            "Juneteenth National Independence Day",
            When::Fixed { month: 6, day: 19 },
            Scope::Federal,
            "5 U.S.C. 6103(a); Pub. L. 117-17 (signed 2021-06-17)",
        )
        .observed(Shift)
        .in_force_from(date(2021, 6, 17)),
        HolidayRule::new(
            "Independence Day",
            When::Fixed { month: 7, day: 4 },
            Scope::Federal,
            S6103,
        )
        .observed(Shift),
        HolidayRule::new(
            "Labor Day",
            When::Nth {
                month: 9,
                weekday: Weekday::Mon,
                n: 1,
            },
            Scope::Federal,
            S6103,
        ),
        HolidayRule::new(
            "Columbus Day",
            When::Nth {
                month: 10,
                weekday: Weekday::Mon,
                n: 2,
            },
            Scope::Federal,
            "5 U.S.C. 6103(a); Pub. L. 90-363 (Monday since 1971)",
        ),
        HolidayRule::new(
            "Veterans Day",
            When::Nth {
                month: 10,
                weekday: Weekday::Mon,
                n: 4,
            },
            Scope::Federal,
            "Pub. L. 90-363 (fourth Monday in October, 1971-1977)",
        )
        .in_force_until(date(1977, 12, 31)),
        HolidayRule::new(
            "Veterans Day",
            When::Fixed { month: 11, day: 11 },
            Scope::Federal,
            "5 U.S.C. 6103(a); Pub. L. 94-97 (November 11 since 1978)",
        )
        .observed(Shift)
        .in_force_from(date(1978, 1, 1)),
        HolidayRule::new(
            "Thanksgiving Day",
            When::Nth {
                month: 11,
                weekday: Weekday::Thu,
                n: 4,
            },
            Scope::Federal,
            S6103,
        ),
        HolidayRule::new(
            "Christmas Day",
            When::Fixed { month: 12, day: 25 },
            Scope::Federal,
            S6103,
        )
        .observed(Shift),
    ];
    for c in executive_closures().unwrap_or_default() {
        let rule = HolidayRule::new(
            c.name.clone(),
            When::Date { date: c.date },
            Scope::Declared,
            c.source.clone(),
        );
        v.push(if c.half {
            rule.unsettled(
                "eo-half-day-closure",
                "the executive order closed federal offices for part of the day only",
            )
        } else {
            rule.unsettled(
                "eo-closure",
                "an order closing the executive departments; whether it declares a holiday is \
                 not settled (Latham v. Dominick's Finer Foods, 149 F.3d 673 (7th Cir. 1998))",
            )
        });
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closure_data_reads_and_is_in_order() {
        let c = executive_closures().unwrap();
        assert!(c.len() >= 25);
        assert!(c.windows(2).all(|w| w[0].date < w[1].date));
        assert!(c.iter().any(|x| x.date == date(1994, 4, 27)));
    }

    #[test]
    fn veterans_day_history() {
        let rules = federal_rules();
        let days = |y| -> Vec<NaiveDate> {
            rules
                .iter()
                .filter(|r| r.name == "Veterans Day")
                .filter_map(|r| r.observed_in(y))
                .collect()
        };
        assert_eq!(days(1975), vec![date(1975, 10, 27)]);
        assert_eq!(days(1978), vec![date(1978, 11, 10)]); // Saturday -> Friday
        assert_eq!(days(2018), vec![date(2018, 11, 12)]); // Sunday -> Monday
    }
}
