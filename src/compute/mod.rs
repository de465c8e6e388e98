//! The time computation: from a trigger, a period and a court calendar to
//! the last day to act, exactly as FRCP 6, FRBP 9006 and FRAP 26 compute it,
//! with every step explained.
//!
//! # Units
//! - **days**: calendar days. The day of the trigger is excluded; every day is
//!   counted; if the last day is a Saturday, Sunday or legal holiday the
//!   period runs on to the next day that is not one ((a)(1)). Under the rules
//!   before December 1, 2009, short periods (FRCP < 11 days, FRBP < 8, FRAP
//!   < 7 until 2002 and < 11 after) leave out intermediate Saturdays, Sundays
//!   and legal holidays.
//! - **court days**: days that are not Saturdays, Sundays, legal holidays or
//!   closures of the clerk's office, counted one by one (a local-rule unit).
//! - **weeks**: 7 calendar days each, then as days.
//! - **months** and **years**: the same day of the month N months later
//!   (earlier); when that month is shorter, the last day of the month
//!   ([`MonthEnd::Clamp`]: January 31 + 1 month is February 28 or 29). Then
//!   the last-day rule as for days.
//! - **hours**: counted from the trigger instant, every hour (in real
//!   elapsed time across daylight-saving changes); if the period ends on a
//!   Saturday, Sunday or legal holiday it runs to the same time on the next
//!   day that is not one ((a)(2)).
//!
//! # Direction
//! Periods measured after an event roll forward; periods measured before an
//! event roll backward ((a)(5)), and state holidays do not count for them
//! ((a)(6)(C)). A closure of the clerk's office on the last day always
//! extends the time forward to the next accessible day ((a)(3)).

mod edition;
mod engine;
mod fast;
mod readings;
mod reason;

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

pub use edition::Edition;
pub use reason::Reason;
pub(crate) use reason::WriteLater;

use crate::calendar::{Calendar, RuleFamily};
use crate::error::{Error, Result};

/// The unit of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Unit {
    /// Calendar days.
    Days,
    /// Days the court is open.
    CourtDays,
    /// Weeks of 7 days.
    Weeks,
    /// Calendar months (month-end clamped).
    Months,
    /// Calendar years (February 29 clamps to February 28).
    Years,
    /// Hours.
    Hours,
}

impl Unit {
    /// The largest amount accepted for the unit (about a century).
    pub fn max_amount(self) -> u32 {
        match self {
            Unit::Days => 36_600,
            Unit::CourtDays => 25_000,
            Unit::Weeks => 5_200,
            Unit::Months => 1_200,
            Unit::Years => 100,
            Unit::Hours => 876_000,
        }
    }

    /// The unit's name in files (`days`, `court_days`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Days => "days",
            Unit::CourtDays => "court_days",
            Unit::Weeks => "weeks",
            Unit::Months => "months",
            Unit::Years => "years",
            Unit::Hours => "hours",
        }
    }
}

/// How month arithmetic treats a day that does not exist in the target
/// month. Only one policy exists today; it is named so the choice is visible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum MonthEnd {
    /// Use the last day of the shorter month (Jan 31 + 1 month = Feb 28/29).
    #[default]
    Clamp,
}

/// A length of time: an amount and a unit.
///
/// # Example
/// ```
/// use docket::Period;
///
/// let p: Period = "3 court days".parse()?;
/// assert_eq!(p, Period::court_days(3));
/// assert_eq!(Period::weeks(2).to_string(), "2 weeks");
/// assert!("3 fortnights".parse::<Period>().is_err());
/// # Ok::<(), docket::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Period {
    /// How many units.
    pub amount: u32,
    /// The unit.
    pub unit: Unit,
}

impl Period {
    /// A period of `n` calendar days.
    pub fn days(n: u32) -> Period {
        Period {
            amount: n,
            unit: Unit::Days,
        }
    }
    /// A period of `n` court days.
    pub fn court_days(n: u32) -> Period {
        Period {
            amount: n,
            unit: Unit::CourtDays,
        }
    }
    /// A period of `n` weeks.
    pub fn weeks(n: u32) -> Period {
        Period {
            amount: n,
            unit: Unit::Weeks,
        }
    }
    /// A period of `n` months.
    pub fn months(n: u32) -> Period {
        Period {
            amount: n,
            unit: Unit::Months,
        }
    }
    /// A period of `n` years.
    pub fn years(n: u32) -> Period {
        Period {
            amount: n,
            unit: Unit::Years,
        }
    }
    /// A period of `n` hours.
    pub fn hours(n: u32) -> Period {
        Period {
            amount: n,
            unit: Unit::Hours,
        }
    }

    /// Checks the amount is within [`Unit::max_amount`].
    ///
    /// # Errors
    /// An amount larger than the unit allows.
    pub fn check(self) -> Result<Period> {
        if self.amount > self.unit.max_amount() {
            return Err(Error::range(format!(
                "period of {self} is too long (at most {} {})",
                self.unit.max_amount(),
                self.unit.as_str().replace('_', " ")
            )));
        }
        Ok(self)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match (self.unit, self.amount == 1) {
            (Unit::Days, true) => "day",
            (Unit::Days, false) => "days",
            (Unit::CourtDays, true) => "court day",
            (Unit::CourtDays, false) => "court days",
            (Unit::Weeks, true) => "week",
            (Unit::Weeks, false) => "weeks",
            (Unit::Months, true) => "month",
            (Unit::Months, false) => "months",
            (Unit::Years, true) => "year",
            (Unit::Years, false) => "years",
            (Unit::Hours, true) => "hour",
            (Unit::Hours, false) => "hours",
        };
        write!(f, "{} {name}", self.amount)
    }
}

impl FromStr for Period {
    type Err = Error;
    /// Parses "14 days", "2 weeks", "1 month", "3 court days", "24 hours".
    fn from_str(s: &str) -> Result<Period> {
        let bad = || {
            Error::parse(format!(
                "\"{s}\" is not a period (expected e.g. \"14 days\", \"2 weeks\", \"1 month\")"
            ))
        };
        let mut parts = s.split_whitespace();
        let n: u32 = parts.next().ok_or_else(bad)?.parse().map_err(|_| bad())?;
        let rest: Vec<&str> = parts.collect();
        let unit = match rest.join(" ").to_ascii_lowercase().as_str() {
            "day" | "days" | "calendar day" | "calendar days" => Unit::Days,
            "court day" | "court days" | "court_days" | "business day" | "business days" => {
                Unit::CourtDays
            }
            "week" | "weeks" => Unit::Weeks,
            "month" | "months" => Unit::Months,
            "year" | "years" => Unit::Years,
            "hour" | "hours" => Unit::Hours,
            _ => return Err(bad()),
        };
        Period { amount: n, unit }.check()
    }
}

/// Which of two instants a local time that occurs twice (clocks fall back)
/// means. Never picked silently: an ambiguous time without a fold is an
/// error.
///
/// # Example
/// ```
/// use docket::compute::Fold;
///
/// // 01:30 on 2025-11-02 happens twice in New York: which one is meant.
/// let fold: Fold = "later".parse()?;
/// assert_eq!(fold, Fold::Later);
/// assert!("second".parse::<Fold>().is_err());
/// # Ok::<(), docket::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fold {
    /// The first occurrence (daylight time, before the clocks fall back).
    Earlier,
    /// The second occurrence (standard time, after the clocks fall back).
    Later,
}

impl FromStr for Fold {
    type Err = Error;
    fn from_str(s: &str) -> Result<Fold> {
        match s {
            "earlier" => Ok(Fold::Earlier),
            "later" => Ok(Fold::Later),
            _ => Err(Error::invalid(format!(
                "unknown fold \"{s}\" (expected earlier or later)"
            ))),
        }
    }
}

/// Whether a period is counted after or before its trigger.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use docket::{Calendar, Direction, Period, Request, RuleFamily};
///
/// let hearing = NaiveDate::from_ymd_opt(2025, 3, 10).unwrap();
/// // `Request::before` counts back from the trigger (`Direction::Before`).
/// let due = Request::before(hearing, Period::days(7)).compute(&Calendar::federal()?, RuleFamily::Civil)?;
/// assert_eq!(due.due().to_string(), "2025-03-03");
/// assert_ne!(Direction::Before, Direction::After);
/// # Ok::<(), docket::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// "within 14 days after": counted forward, rolls forward.
    After,
    /// "7 days before the hearing": counted backward, rolls backward.
    Before,
}

/// How the paper that starts the period was served.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use docket::{Calendar, Period, Request, RuleFamily, Service};
///
/// let served = NaiveDate::from_ymd_opt(2025, 1, 29).unwrap();
/// let mail: Service = "mail".parse()?;
/// assert_eq!(mail, Service::Mail);
/// // Mail adds 3 days (FRCP 6(d)).
/// let due = Request::after(served, Period::days(14)).service(Some(mail)).compute(&Calendar::federal()?, RuleFamily::Civil)?;
/// assert_eq!(due.due().to_string(), "2025-02-18");
/// # Ok::<(), docket::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Service {
    /// By mail (FRCP 5(b)(2)(C)).
    Mail,
    /// By electronic means (FRCP 5(b)(2)(E)).
    Electronic,
    /// By hand (delivered on the date of service).
    Hand,
    /// By leaving it with the clerk (FRCP 5(b)(2)(D)).
    LeavingWithClerk,
    /// By other means consented to (FRCP 5(b)(2)(F)).
    Other,
}

impl Service {
    /// The method's name in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Service::Mail => "mail",
            Service::Electronic => "electronic",
            Service::Hand => "hand",
            Service::LeavingWithClerk => "leaving_with_clerk",
            Service::Other => "other",
        }
    }
}

impl Service {
    /// How the method reads in an explanation ("by mail", "by leaving it
    /// with the clerk").
    pub fn describe(self) -> &'static str {
        match self {
            Service::Mail => "by mail",
            Service::Electronic => "by electronic means",
            Service::Hand => "by hand",
            Service::LeavingWithClerk => "by leaving it with the clerk",
            Service::Other => "by other means consented to",
        }
    }
}

impl FromStr for Service {
    type Err = Error;
    fn from_str(s: &str) -> Result<Service> {
        match s {
            "mail" => Ok(Service::Mail),
            "electronic" => Ok(Service::Electronic),
            "hand" => Ok(Service::Hand),
            "leaving_with_clerk" | "clerk" => Ok(Service::LeavingWithClerk),
            "other" => Ok(Service::Other),
            _ => Err(Error::invalid(format!(
                "unknown service method \"{s}\" (expected mail, electronic, hand, leaving_with_clerk or other)"
            ))),
        }
    }
}

/// How the last day moves when it is not a court day.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use docket::compute::Roll;
/// use docket::{Calendar, Period, Request, RuleFamily};
///
/// // 14 days after 2025-02-01 is Saturday 2025-02-15; the rule rolls forward
/// // past the weekend and Presidents' Day to Tuesday the 18th.
/// let from = NaiveDate::from_ymd_opt(2025, 2, 1).unwrap();
/// let cal = Calendar::federal()?;
/// let rolled = Request::after(from, Period::days(14)).compute(&cal, RuleFamily::Civil)?;
/// assert_eq!(rolled.due().to_string(), "2025-02-18");
/// let kept = Request::after(from, Period::days(14)).roll("none".parse::<Roll>()?).compute(&cal, RuleFamily::Civil)?;
/// assert_eq!(kept.due().to_string(), "2025-02-15");
/// # Ok::<(), docket::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Roll {
    /// As the rule says: forward after an event, backward before one.
    #[default]
    Rule,
    /// Always to the next court day.
    Forward,
    /// Always to the previous court day.
    Backward,
    /// Never (the date stands even on a weekend or holiday).
    None,
}

impl FromStr for Roll {
    type Err = Error;
    fn from_str(s: &str) -> Result<Roll> {
        match s {
            "rule" => Ok(Roll::Rule),
            "forward" => Ok(Roll::Forward),
            "backward" => Ok(Roll::Backward),
            "none" => Ok(Roll::None),
            _ => Err(Error::invalid(format!(
                "unknown roll \"{s}\" (expected forward, backward or none)"
            ))),
        }
    }
}

/// One step of a computation's explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// What was done and under which rule.
    pub text: String,
    /// The date reached.
    pub date: NaiveDate,
    /// The time reached, for periods in hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<NaiveTime>,
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} -> {}", self.text, self.date)?;
        if let Some(t) = self.time {
            write!(f, "T{}", t.format("%H:%M"))?;
        }
        Ok(())
    }
}

/// A later date that another reasonable reading of the rules gives: the
/// answer to one of the unsettled questions of the catalog
/// ([`crate::calendar::questions`]) that the computation met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LaterReading {
    /// The id of the question this reading answers (`eo-closure`,
    /// `service-days-pre-2005`, ...).
    pub question: Cow<'static, str>,
    /// The later date.
    pub date: NaiveDate,
    /// The later date-time, for periods in hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<NaiveDateTime>,
    /// Why another reading exists (written when first read).
    pub reason: Reason,
    /// The authorities for the reading.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cites: Vec<Cow<'static, str>>,
    /// The steps of that reading (when an explanation was asked for).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<Step>,
}

/// The result of a computation: the last day to act, the steps that found
/// it, and a later reading when the rules are not settled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    due: NaiveDate,
    at: Option<NaiveDateTime>,
    edition: Edition,
    /// Its steps and later readings, when it has any: most have neither,
    /// and a batch keeps a small `Due` per request.
    more: Option<Box<More>>,
}

/// What a [`Due`] holds beyond its dates.
#[derive(Debug, Clone, PartialEq, Eq)]
struct More {
    steps: Vec<Step>,
    readings: Vec<LaterReading>,
}

impl Due {
    /// A due date, with its steps and later readings (kept apart only when
    /// there are any).
    pub(crate) fn new(
        due: NaiveDate,
        at: Option<NaiveDateTime>,
        edition: Edition,
        steps: Vec<Step>,
        readings: Vec<LaterReading>,
    ) -> Due {
        let more =
            (!steps.is_empty() || !readings.is_empty()).then(|| Box::new(More { steps, readings }));
        Due {
            due,
            at,
            edition,
            more,
        }
    }

    /// The last day to act: the earliest date any reading gives.
    pub fn due(&self) -> NaiveDate {
        self.due
    }

    /// The last moment to act, for periods in hours (local time at the
    /// court).
    pub fn at(&self) -> Option<NaiveDateTime> {
        self.at
    }

    /// The explanation (empty unless [`Request::explain`] was set).
    pub fn steps(&self) -> &[Step] {
        self.more.as_ref().map_or(&[], |m| &m.steps)
    }

    /// The latest date another reading gives, with its reason (the last of
    /// [`Due::readings`]).
    pub fn later(&self) -> Option<&LaterReading> {
        self.readings().last()
    }

    /// Every later reading the computation met, in date order (one per
    /// unsettled question whose other answer gives a later date). The due
    /// date is never after any of them.
    pub fn readings(&self) -> &[LaterReading] {
        self.more.as_ref().map_or(&[], |m| &m.readings)
    }

    /// The rule edition applied.
    pub fn edition(&self) -> Edition {
        self.edition
    }

    /// The instant the time to act ends, at the court (FRCP 6(a)(4)): the
    /// end of a period in hours; else the court's cutoff on the due date
    /// when it has one; else midnight ending the due date (electronic
    /// filing). Dates stay civil until this is asked for.
    ///
    /// # Errors
    /// The instant does not exist in the court's zone (a cutoff inside a
    /// daylight-saving gap).
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use docket::calendar::Calendar;
    /// use docket::compute::{Period, Request};
    ///
    /// let sdny = Calendar::for_court("nysd")?;
    /// let from = NaiveDate::from_ymd_opt(2025, 1, 29).unwrap();
    /// let due = Request::after(from, Period::days(14)).compute(&sdny, docket::calendar::RuleFamily::Civil)?;
    /// // Midnight ending Thursday 2025-02-13 in New York is 05:00 UTC on the 14th.
    /// assert_eq!(due.ends_at(&sdny)?.naive_utc().to_string(), "2025-02-14 05:00:00");
    /// # Ok::<(), docket::Error>(())
    /// ```
    pub fn ends_at(&self, calendar: &Calendar) -> Result<chrono::DateTime<chrono_tz::Tz>> {
        use chrono::TimeZone;
        let tz = calendar.time_zone();
        let local = match (self.at, calendar.cutoff()) {
            (Some(at), _) => at,
            (None, Some(cutoff)) => self.due.and_time(cutoff),
            (None, None) => self
                .due
                .succ_opt()
                .ok_or_else(|| Error::range(format!("{} has no next day", self.due)))?
                .and_time(NaiveTime::MIN),
        };
        tz.from_local_datetime(&local).earliest().ok_or_else(|| {
            Error::invalid(format!(
                "{} does not exist in {} (a daylight-saving gap)",
                local.format("%Y-%m-%dT%H:%M"),
                tz.name()
            ))
        })
    }
}

/// A computation to run: trigger, period, direction and options.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use docket::calendar::Calendar;
/// use docket::compute::{Period, Request};
///
/// let sdny = Calendar::for_court("nysd")?;
/// let served = NaiveDate::from_ymd_opt(2025, 1, 29).unwrap();
/// let due = Request::after(served, Period::days(14))
///     .explain(true)
///     .compute(&sdny, docket::calendar::RuleFamily::Civil)?;
/// // Day 14 is Lincoln's Birthday, a New York holiday.
/// assert_eq!(due.due(), NaiveDate::from_ymd_opt(2025, 2, 13).unwrap());
/// assert!(due.steps()[1].text.contains("Lincoln's Birthday"));
/// # Ok::<(), docket::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Request {
    trigger: NaiveDate,
    time: Option<NaiveTime>,
    period: Period,
    direction: Direction,
    service: Option<Service>,
    roll: Roll,
    rules_as_of: Option<NaiveDate>,
    explain: bool,
    fold: Option<Fold>,
}

impl Request {
    /// A period counted after `trigger`.
    pub fn after(trigger: NaiveDate, period: Period) -> Request {
        Request::new(trigger, period, Direction::After)
    }

    /// A period counted before `trigger` (an event).
    pub fn before(trigger: NaiveDate, period: Period) -> Request {
        Request::new(trigger, period, Direction::Before)
    }

    /// A period counted in `direction` from `trigger`.
    pub fn new(trigger: NaiveDate, period: Period, direction: Direction) -> Request {
        Request {
            trigger,
            time: None,
            period,
            direction,
            service: None,
            roll: Roll::Rule,
            rules_as_of: None,
            explain: false,
            fold: None,
        }
    }

    /// Chooses which instant a trigger time that occurs twice at the court
    /// means (periods in hours).
    pub fn fold(mut self, fold: Option<Fold>) -> Request {
        self.fold = fold;
        self
    }

    /// Sets the trigger's local time at the court (needed for hours).
    pub fn at(mut self, time: NaiveTime) -> Request {
        self.time = Some(time);
        self
    }

    /// Sets the service method whose days are added.
    pub fn service(mut self, service: Option<Service>) -> Request {
        self.service = service;
        self
    }

    /// Overrides the rule's roll.
    pub fn roll(mut self, roll: Roll) -> Request {
        self.roll = roll;
        self
    }

    /// Applies the rules in force on `date` instead of those in force on the
    /// trigger date.
    pub fn rules_as_of(mut self, date: Option<NaiveDate>) -> Request {
        self.rules_as_of = date;
        self
    }

    /// Builds the step-by-step explanation (off by default: computing without
    /// it allocates nothing).
    pub fn explain(mut self, yes: bool) -> Request {
        self.explain = yes;
        self
    }

    /// The trigger date.
    pub fn trigger(&self) -> NaiveDate {
        self.trigger
    }

    /// The period.
    pub fn period(&self) -> Period {
        self.period
    }

    /// The direction.
    pub fn direction(&self) -> Direction {
        self.direction
    }

    /// The edition of `family` this request applies.
    pub fn edition(&self, family: RuleFamily) -> Edition {
        Edition::in_force(family, self.rules_as_of.unwrap_or(self.trigger))
    }

    /// Computes the last day to act on `calendar` under `family`'s rules.
    ///
    /// # Errors
    /// A period too long for its unit, a date outside the calendar's years,
    /// an hours period without a trigger time (or with a local time that does
    /// not exist at the court), service days on a period counted before an
    /// event or in hours.
    pub fn compute(&self, calendar: &Calendar, family: RuleFamily) -> Result<Due> {
        engine::compute(self, calendar, family)
    }

    /// Computes many requests on one calendar, each as
    /// [`Request::compute`] would, into `out` (cleared first; one result per
    /// request, in order). The calendar's day tables are built once, up
    /// front, and `out` can be used again for the next batch without
    /// allocating.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use docket::{Period, Request};
    /// let nysd = docket::court("nysd")?;
    /// let cal = nysd.calendar()?;
    /// let day = |d| NaiveDate::from_ymd_opt(2025, 5, d).unwrap();
    /// let batch: Vec<Request> = (1..=20).map(|d| Request::after(day(d), Period::days(14))).collect();
    /// let mut out = Vec::new();
    /// Request::compute_batch(&batch, &cal, nysd.family, &mut out);
    /// assert_eq!(out.len(), 20);
    /// // May 12 + 14 days is Memorial Day, May 26: the next day is due.
    /// assert_eq!(out[11].as_ref().map(|d| d.due().to_string()).ok(), Some("2025-05-27".into()));
    /// # Ok::<(), docket::Error>(())
    /// ```
    pub fn compute_batch(
        requests: &[Request],
        calendar: &Calendar,
        family: RuleFamily,
        out: &mut Vec<Result<Due>>,
    ) {
        out.clear();
        out.reserve(requests.len());
        calendar.tables();
        out.extend(
            requests
                .iter()
                .map(|r| engine::compute(r, calendar, family)),
        );
    }
}
