//! The federal legal holidays (5 U.S.C. 6103(a); FRCP 6(a)(6)(A)) with their
//! history, and the days the President closed the executive departments by
//! executive order (FRCP 6(a)(6)(B)).

use chrono::{NaiveDate, Weekday};

use super::holiday::{HolidayRule, Observance, Scope, When};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    // Only called with literal dates below, each checked by the tests.
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

const S6103: &str = "5 U.S.C. 6103(a)";

/// Whole-day closures of the executive departments by executive order.
/// Courts treat these as days "declared a holiday by the President" (FRCP
/// 6(a)(6)(B)).
const DECLARED: &[(i32, u32, u32, &str, &str)] = &[
    (2001, 12, 24, "Christmas Eve closure", "Executive order of December 2001 closing executive departments"),
    (2003, 12, 26, "Day after Christmas closure", "Executive order of December 2003 closing executive departments (OPM CPM 2003-18)"),
    (
        2004,
        6,
        11,
        "National Day of Mourning for President Reagan",
        "Executive order of June 6, 2004 (OPM CPM 2004-11)",
    ),
    (
        2007,
        1,
        2,
        "National Day of Mourning for President Ford",
        "Executive order of December 29, 2006",
    ),
    (2007, 12, 24, "Christmas Eve closure", "Exec. Order No. 13453"),
    (2008, 12, 26, "Day after Christmas closure", "Executive order of December 12, 2008"),
    (2012, 12, 24, "Christmas Eve closure", "Exec. Order No. 13633, 77 Fed. Reg. 76339"),
    (2014, 12, 26, "Day after Christmas closure", "Exec. Order No. 13682, 79 Fed. Reg. 73459"),
    (
        2018,
        12,
        5,
        "National Day of Mourning for President George H.W. Bush",
        "Exec. Order No. 13852, 83 Fed. Reg. 62687; several circuits announced it a legal holiday for filing deadlines",
    ),
    (2018, 12, 24, "Christmas Eve closure", "Exec. Order No. 13854, 83 Fed. Reg. 65481"),
    (2019, 12, 24, "Christmas Eve closure", "Exec. Order No. 13900, 84 Fed. Reg. 69983"),
    (2020, 12, 24, "Christmas Eve closure", "Executive order of December 11, 2020"),
    (
        2024,
        12,
        24,
        "Christmas Eve closure",
        "Executive order of December 2024 closing executive departments",
    ),
    (
        2025,
        1,
        9,
        "National Day of Mourning for President Carter",
        "Exec. Order No. 14133, 90 Fed. Reg. 187",
    ),
    (
        2025,
        12,
        24,
        "Christmas Eve closure",
        "Executive order of December 18, 2025",
    ),
    (
        2025,
        12,
        26,
        "Day after Christmas closure",
        "Executive order of December 18, 2025",
    ),
];

/// Half-day closures: whether they are legal holidays is not settled.
const HALF_DAYS: &[(i32, u32, u32, &str)] = &[
    (2002, 12, 24, "Exec. Order No. 13281 (half day)"),
    (2009, 12, 24, "Executive order of December 2009 (half day)"),
    (2015, 12, 24, "Executive order of December 2015 (half day)"),
];

/// The federal holiday rules, 1971 onward, and the executive-order closures.
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
    for &(y, m, d, name, source) in DECLARED {
        v.push(HolidayRule::new(
            name,
            When::Date {
                date: date(y, m, d),
            },
            Scope::Declared,
            source,
        ));
    }
    for &(y, m, d, source) in HALF_DAYS {
        v.push(
            HolidayRule::new(
                "Christmas Eve half-day closure",
                When::Date { date: date(y, m, d) },
                Scope::Declared,
                source,
            )
            .disputed(
                "the executive order closed federal offices for half a day only; \
                 whether a half-day closure is a legal holiday under Rule 6(a)(6)(B) is not settled",
            ),
        );
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_literal_date_exists() {
        for &(y, m, d, ..) in DECLARED {
            assert!(NaiveDate::from_ymd_opt(y, m, d).is_some());
        }
        for &(y, m, d, _) in HALF_DAYS {
            assert!(NaiveDate::from_ymd_opt(y, m, d).is_some());
        }
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
