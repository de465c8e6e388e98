//! Holiday rules as data, each with its legal source and the years it is in
//! force.

use std::borrow::Cow;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The question a disputed day raises when its data names none.
pub const GENERIC_QUESTION: &str = "disputed-day";

/// When in a year a holiday falls (before any observed-day shift).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", deny_unknown_fields)]
#[non_exhaustive]
pub enum When {
    /// The same month and day every year (July 4).
    Fixed {
        /// Month, 1-12.
        month: u32,
        /// Day of the month.
        day: u32,
    },
    /// The n-th given weekday of a month (third Monday of January), n in 1..=5.
    Nth {
        /// Month, 1-12.
        month: u32,
        /// The weekday.
        weekday: Weekday,
        /// Which one, counting from 1.
        n: u32,
    },
    /// The last given weekday of a month (last Monday of May).
    Last {
        /// Month, 1-12.
        month: u32,
        /// The weekday.
        weekday: Weekday,
    },
    /// A number of days from the n-th weekday of a month (the day after
    /// Thanksgiving is 1 day after the fourth Thursday of November).
    NthOffset {
        /// Month, 1-12.
        month: u32,
        /// The weekday.
        weekday: Weekday,
        /// Which one, counting from 1.
        n: u32,
        /// Days to add (may be negative).
        offset: i32,
    },
    /// A number of days from Western (Gregorian) Easter Sunday (Good Friday
    /// is -2, Mardi Gras is -47).
    Easter {
        /// Days to add (may be negative).
        offset: i32,
    },
    /// The Tuesday after the first Monday of November (general election day).
    ElectionDay,
    /// One date only (a day declared by executive order).
    Date {
        /// The date.
        date: NaiveDate,
    },
}

/// How a holiday that falls on a weekend is observed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Observance {
    /// No shift: a holiday on a weekend is simply a weekend day.
    #[default]
    None,
    /// 5 U.S.C. 6103(b) style: Saturday -> the Friday before, Sunday -> the
    /// Monday after (New Year's Day on a Saturday is observed on December 31
    /// of the year before).
    FridayOrMonday,
    /// Sunday -> the Monday after; a Saturday holiday does not move.
    SundayToMonday,
    /// Only the Friday before a holiday that falls on a Saturday (a court's
    /// observance of a Saturday holiday); no day in other years.
    FridayIfSaturday,
    /// Saturday or Sunday -> the Monday after (R.I. Gen. Laws s.25-1-1).
    SaturdayOrSundayToMonday,
}

/// Where a holiday's force comes from, which decides when it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Scope {
    /// A day named in the rule's own list or set aside by federal statute
    /// (FRCP 6(a)(6)(A)): counts in every direction.
    Federal,
    /// A day declared a holiday by the President or Congress (FRCP
    /// 6(a)(6)(B)): counts in every direction.
    Declared,
    /// A day declared a holiday by the state where the court sits (FRCP
    /// 6(a)(6)(C)): counts only for periods measured after an event (under
    /// the rules since December 1, 2009).
    State,
    /// A day the court itself closes by its own rule or order, counted like a
    /// declared day (a custom calendar's extra holidays).
    Court,
}

/// Whether a holiday's legal effect is settled.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "status", content = "reason")]
#[non_exhaustive]
pub enum Status {
    /// Courts treat the day as a legal holiday.
    #[default]
    Settled,
    /// Whether the day counts is not settled (a half-day closure, a state day
    /// a court may not honor). Computations report both readings.
    Disputed(Cow<'static, str>),
}

impl Status {
    /// True for [`Status::Disputed`].
    pub fn is_disputed(&self) -> bool {
        matches!(self, Status::Disputed(_))
    }
}

/// One holiday: when it falls, how it is observed, its source and the years
/// it is in force.
///
/// # Example
/// ```
/// use chrono::{NaiveDate, Weekday};
/// use docket::calendar::{HolidayRule, Observance, Scope, When};
///
/// let mlk = HolidayRule::new(
///     "Birthday of Martin Luther King, Jr.",
///     When::Nth { month: 1, weekday: Weekday::Mon, n: 3 },
///     Scope::Federal,
///     "5 U.S.C. 6103(a)",
/// )
/// .in_force_from(NaiveDate::from_ymd_opt(1986, 1, 1).unwrap());
/// assert_eq!(mlk.observed_in(2025), NaiveDate::from_ymd_opt(2025, 1, 20));
/// assert_eq!(mlk.observed_in(1985), None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct HolidayRule {
    /// The holiday's name ("Lincoln's Birthday").
    pub name: Cow<'static, str>,
    /// When it falls.
    pub when: When,
    /// How a weekend occurrence is observed.
    #[serde(default)]
    pub observed: Observance,
    /// Federal, declared, state or court.
    pub scope: Scope,
    /// The legal source (statute, executive order).
    pub source: Cow<'static, str>,
    /// First day the rule is in force (inclusive), compared with the observed
    /// date.
    #[serde(default)]
    pub from: Option<NaiveDate>,
    /// Last day the rule is in force (inclusive).
    #[serde(default)]
    pub until: Option<NaiveDate>,
    /// Only in years `y` with `y % every == remainder` (Inauguration Day:
    /// every 4 years, remainder 1). `every = 1` means every year.
    #[serde(default = "one")]
    pub every: u32,
    /// See [`HolidayRule::every`].
    #[serde(default)]
    pub remainder: u32,
    /// Settled or disputed.
    #[serde(default)]
    pub status: Status,
    /// For a disputed rule, the id of the unsettled question it raises (see
    /// [`crate::calendar::questions`]); `disputed-day` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<Cow<'static, str>>,
}

fn one() -> u32 {
    1
}

impl HolidayRule {
    /// A settled, unshifted rule in force in every year.
    pub fn new(
        name: impl Into<Cow<'static, str>>,
        when: When,
        scope: Scope,
        source: impl Into<Cow<'static, str>>,
    ) -> HolidayRule {
        HolidayRule {
            name: name.into(),
            when,
            observed: Observance::None,
            scope,
            source: source.into(),
            from: None,
            until: None,
            every: 1,
            remainder: 0,
            status: Status::Settled,
            question: None,
        }
    }

    /// Sets the observed-day shift.
    pub fn observed(mut self, observed: Observance) -> HolidayRule {
        self.observed = observed;
        self
    }

    /// Sets the first day in force.
    pub fn in_force_from(mut self, from: NaiveDate) -> HolidayRule {
        self.from = Some(from);
        self
    }

    /// Sets the last day in force.
    pub fn in_force_until(mut self, until: NaiveDate) -> HolidayRule {
        self.until = Some(until);
        self
    }

    /// Restricts the rule to years `y` with `y % every == remainder`
    /// (`every = 0` is taken as 1; a `remainder` not below `every` matches
    /// no year and is refused by [`HolidayRule::check`]).
    pub fn every_years(mut self, every: u32, remainder: u32) -> HolidayRule {
        self.every = every.max(1);
        self.remainder = remainder;
        self
    }

    /// Marks the rule disputed, with the reason (under the generic question
    /// `disputed-day`).
    pub fn disputed(mut self, reason: impl Into<Cow<'static, str>>) -> HolidayRule {
        self.status = Status::Disputed(reason.into());
        self
    }

    /// Marks the rule disputed as an instance of the catalog's `question`,
    /// with the reason.
    pub fn unsettled(
        mut self,
        question: impl Into<Cow<'static, str>>,
        reason: impl Into<Cow<'static, str>>,
    ) -> HolidayRule {
        self.status = Status::Disputed(reason.into());
        self.question = Some(question.into());
        self
    }

    /// The question a disputed rule raises.
    pub fn question_id(&self) -> &str {
        self.question.as_deref().unwrap_or(GENERIC_QUESTION)
    }

    /// Checks that the rule can fall on a day: a month and day that exist,
    /// an n-th weekday from 1 to 5, offsets within a year (Easter: 200
    /// days), `every` at least 1 with a `remainder` below it, and `from` not
    /// after `until`. [`CalendarBuilder::build`](super::CalendarBuilder::build)
    /// refuses a rule that fails it.
    ///
    /// # Errors
    /// What is wrong, naming the holiday.
    ///
    /// # Example
    /// ```
    /// use chrono::Weekday;
    /// use docket::calendar::{HolidayRule, Scope, When};
    /// let sixth = When::Nth { month: 1, weekday: Weekday::Mon, n: 6 };
    /// let e = HolidayRule::new("x", sixth, Scope::Court, "s").check().unwrap_err();
    /// assert!(e.to_string().contains("from 1 to 5"));
    /// ```
    pub fn check(&self) -> Result<()> {
        let months = 1..=12;
        let problem = match self.when {
            When::Fixed { month, day } => NaiveDate::from_ymd_opt(2000, month, day)
                .is_none()
                .then(|| format!("{month}/{day} is not a day of the year")),
            When::Nth { month, n, .. } | When::NthOffset { month, n, .. }
                if !months.contains(&month) || !(1..=5).contains(&n) =>
            {
                Some(format!(
                    "the weekday number {n} of month {month} (months 1 to 12, weekday numbers from 1 to 5)"
                ))
            }
            When::NthOffset { offset, .. } if offset.unsigned_abs() > 366 => Some(format!(
                "an offset of {offset} days is more than a year"
            )),
            When::Last { month, .. } if !months.contains(&month) => {
                Some(format!("month {month} does not exist"))
            }
            When::Easter { offset } if offset.unsigned_abs() > 200 => Some(format!(
                "an offset of {offset} days from Easter is more than 200"
            )),
            _ => None,
        }
        .or_else(|| {
            (self.every == 0 || self.remainder >= self.every).then(|| {
                format!(
                    "every {} years with remainder {} matches no year (every from 1, remainder below it)",
                    self.every, self.remainder
                )
            })
        })
        .or_else(|| match (self.from, self.until) {
            (Some(f), Some(u)) if f > u => Some(format!("in force from {f} until {u}, before it starts")),
            _ => None,
        });
        match problem {
            Some(p) => Err(Error::invalid(format!("holiday \"{}\": {p}", self.name))),
            None => Ok(()),
        }
    }

    /// The date the holiday falls on in `year` before any shift, if the year
    /// is one the rule applies to (ignoring the in-force dates). Any rule and
    /// any year give an answer: a rule [`HolidayRule::check`] refuses, or a
    /// year chrono cannot represent, gives `None`.
    pub fn actual_in(&self, year: i32) -> Option<NaiveDate> {
        if self.every > 1
            && i64::from(year).rem_euclid(i64::from(self.every)) != i64::from(self.remainder)
        {
            return None;
        }
        let nth = |n: u32| u8::try_from(n).ok().filter(|n| (1..=5).contains(n));
        match self.when {
            When::Fixed { month, day } => NaiveDate::from_ymd_opt(year, month, day),
            When::Nth { month, weekday, n } => {
                NaiveDate::from_weekday_of_month_opt(year, month, weekday, nth(n)?)
            }
            When::Last { month, weekday } => last_weekday(year, month, weekday),
            When::NthOffset {
                month,
                weekday,
                n,
                offset,
            } => NaiveDate::from_weekday_of_month_opt(year, month, weekday, nth(n)?)
                .and_then(|d| add_days(d, offset)),
            When::Easter { offset } => easter(year).and_then(|d| add_days(d, offset)),
            When::ElectionDay => NaiveDate::from_weekday_of_month_opt(year, 11, Weekday::Mon, 1)
                .and_then(|d| d.checked_add_days(Days::new(1))),
            When::Date { date } => (date.year() == year).then_some(date),
        }
    }

    /// The day observed for the holiday of `year` (after the weekend shift),
    /// if the rule is in force then. The observed day may fall in another
    /// year (New Year's Day 2022, a Saturday, was observed on 2021-12-31).
    pub fn observed_in(&self, year: i32) -> Option<NaiveDate> {
        let actual = self.actual_in(year)?;
        if self.observed == Observance::FridayIfSaturday && actual.weekday() != Weekday::Sat {
            return None;
        }
        let day = match (self.observed, actual.weekday()) {
            (Observance::FridayIfSaturday, _) => actual.pred_opt()?,
            (Observance::FridayOrMonday, Weekday::Sat) => actual.pred_opt()?,
            (
                Observance::FridayOrMonday
                | Observance::SundayToMonday
                | Observance::SaturdayOrSundayToMonday,
                Weekday::Sun,
            ) => actual.succ_opt()?,
            (Observance::SaturdayOrSundayToMonday, Weekday::Sat) => {
                actual.checked_add_days(Days::new(2))?
            }
            _ => actual,
        };
        let in_force = self.from.is_none_or(|f| day >= f) && self.until.is_none_or(|u| day <= u);
        in_force.then_some(day)
    }
}

fn add_days(d: NaiveDate, offset: i32) -> Option<NaiveDate> {
    if offset >= 0 {
        d.checked_add_days(Days::new(offset as u64))
    } else {
        d.checked_sub_days(Days::new(offset.unsigned_abs() as u64))
    }
}

fn last_weekday(year: i32, month: u32, weekday: Weekday) -> Option<NaiveDate> {
    let first_next = match month {
        12 => NaiveDate::from_ymd_opt(year.checked_add(1)?, 1, 1)?,
        1..=11 => NaiveDate::from_ymd_opt(year, month + 1, 1)?,
        _ => return None,
    };
    let last = first_next.pred_opt()?;
    let back = (7 + last.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
    last.checked_sub_days(Days::new(back as u64))
}

/// Western Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher).
pub fn easter(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn easter_known_years() {
        // Published Easter dates.
        assert_eq!(easter(2000), Some(d(2000, 4, 23)));
        assert_eq!(easter(2019), Some(d(2019, 4, 21)));
        assert_eq!(easter(2024), Some(d(2024, 3, 31)));
        assert_eq!(easter(2025), Some(d(2025, 4, 20)));
        assert_eq!(easter(2038), Some(d(2038, 4, 25)));
    }

    #[test]
    fn new_years_on_saturday_is_observed_the_friday_before() {
        let r = HolidayRule::new(
            "New Year's Day",
            When::Fixed { month: 1, day: 1 },
            Scope::Federal,
            "5 U.S.C. 6103(a)",
        )
        .observed(Observance::FridayOrMonday);
        assert_eq!(r.observed_in(2022), Some(d(2021, 12, 31)));
        assert_eq!(r.observed_in(2011), Some(d(2010, 12, 31)));
        assert_eq!(r.observed_in(2023), Some(d(2023, 1, 2)));
        let monday = r.clone().observed(Observance::SaturdayOrSundayToMonday);
        assert_eq!(monday.observed_in(2022), Some(d(2022, 1, 3)));
        assert_eq!(monday.observed_in(2023), Some(d(2023, 1, 2)));
        assert_eq!(monday.observed_in(2025), Some(d(2025, 1, 1)));
    }

    #[test]
    fn last_and_offsets() {
        let memorial = HolidayRule::new(
            "Memorial Day",
            When::Last {
                month: 5,
                weekday: Weekday::Mon,
            },
            Scope::Federal,
            "s",
        );
        assert_eq!(memorial.observed_in(2024), Some(d(2024, 5, 27)));
        let after_tg = HolidayRule::new(
            "Day after Thanksgiving",
            When::NthOffset {
                month: 11,
                weekday: Weekday::Thu,
                n: 4,
                offset: 1,
            },
            Scope::State,
            "s",
        );
        assert_eq!(after_tg.observed_in(2025), Some(d(2025, 11, 28)));
        let election = HolidayRule::new("Election Day", When::ElectionDay, Scope::State, "s");
        assert_eq!(election.observed_in(2024), Some(d(2024, 11, 5)));
        assert_eq!(election.observed_in(2022), Some(d(2022, 11, 8)));
        assert_eq!(election.observed_in(2015), Some(d(2015, 11, 3)));
    }

    #[test]
    fn every_four_years_and_in_force_window() {
        let inauguration = HolidayRule::new(
            "Inauguration Day",
            When::Fixed { month: 1, day: 20 },
            Scope::State,
            "s",
        )
        .observed(Observance::SundayToMonday)
        .every_years(4, 1);
        assert_eq!(inauguration.observed_in(2025), Some(d(2025, 1, 20)));
        assert_eq!(inauguration.observed_in(2024), None);
        // 2013-01-20 was a Sunday.
        assert_eq!(inauguration.observed_in(2013), Some(d(2013, 1, 21)));
        let juneteenth = HolidayRule::new(
            "Juneteenth",
            When::Fixed { month: 6, day: 19 },
            Scope::Federal,
            "s",
        )
        .observed(Observance::FridayOrMonday)
        .in_force_from(d(2021, 6, 17));
        assert_eq!(juneteenth.observed_in(2020), None);
        assert_eq!(juneteenth.observed_in(2021), Some(d(2021, 6, 18)));
    }
}
