//! The docket file's model: plain values, read and written with serde in the
//! same structure from TOML and JSON (see `docs/format.md`).

use std::collections::BTreeMap;
use std::fmt;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use super::dates;
use crate::calendar::{Closure, RuleFamily, State, Status};
pub use crate::compute::Fold;

mod change;
use crate::compute::{Direction, Period, Roll, Service, Unit};
pub(crate) use change::change_context;
use change::changes_log;
pub use change::{Change, ChangeAction, EventTime};

/// One case: its court, parties, events, obligations and the changes made
/// to them since the original order. Two dockets are equal when their
/// contents are (the folder a docket was read from does not count).
///
/// # Example
/// ```
/// use docket::docket::{Case, Docket, Event, ScheduleOptions};
///
/// // From a file's text (or `Docket::load(path)`), or built in code.
/// let from_text = Docket::from_toml_str(r#"
///     [case]
///     id = "demo"
///     court = "nysd"
///     [events.trial]
///     title = "Trial"
///     date = "2025-06-02"
/// "#)?;
/// let built = Docket::new(Case::new("demo").court("nysd"))
///     .event("trial", Event::on("Trial", "2025-06-02".parse().unwrap()));
/// assert_eq!(from_text, built);
/// let schedule = built.schedule(&ScheduleOptions::new())?;
/// assert_eq!(schedule.events[0].date.to_string(), "2025-06-02");
/// # Ok::<(), docket::Error>(())
/// ```
#[derive(Debug, Clone, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Docket {
    /// The case.
    pub case: Case,
    /// A custom calendar, instead of or refining the case's court.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<CalendarSpec>,
    /// Parties by id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub parties: BTreeMap<String, Party>,
    /// Events by id (things that happen on a date).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub events: BTreeMap<String, Event>,
    /// Obligations by id (things someone must do by a date).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub obligations: BTreeMap<String, Obligation>,
    /// What happened after the original order, in order.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "changes_log"
    )]
    pub changes: Vec<Change>,
    /// The `[rules]` table: user rule packs, the case's facts, and orders
    /// that set a rule's period (see `docs/rules.md`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<RulesSpec>,
    /// The folder of the file the docket was read from: `[rules] packs`
    /// are found relative to it (not written to the file).
    #[serde(skip)]
    pub base_dir: Option<std::path::PathBuf>,
}

impl PartialEq for Docket {
    fn eq(&self, o: &Docket) -> bool {
        self.case == o.case
            && self.calendar == o.calendar
            && self.parties == o.parties
            && self.events == o.events
            && self.obligations == o.obligations
            && self.changes == o.changes
            && self.rules == o.rules
    }
}

/// The `[rules]` table of a docket.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesSpec {
    /// User rule packs (local rules, standing orders), relative to the
    /// docket file; the first prevails, and all prevail over the national
    /// rules they override.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub packs: Vec<String>,
    /// Conditions that hold in the case (`us_party`): every rule deadline
    /// is computed with them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<String>,
    /// Orders in the case that set the period of a rule: they prevail over
    /// every pack.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub orders: Vec<RuleOrder>,
}

/// An order in the case setting a rule's period (`{ rule = "frcp-56-b",
/// period = "60 days", by = "Scheduling order (Dkt. 12)" }`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleOrder {
    /// The rule whose period it sets.
    pub rule: String,
    /// The period it sets ("60 days").
    pub period: String,
    /// The order (its name, docket entry, date).
    pub by: String,
}

/// The `[case]` table.
///
/// # Example
/// ```
/// use docket::docket::Case;
///
/// let case = Case::new("lexington").court("nysb").number("08-11153-MG");
/// // Or with struct update syntax.
/// let same = Case {
///     id: "lexington".into(),
///     court: Some("nysb".into()),
///     number: Some("08-11153-MG".into()),
///     ..Case::default()
/// };
/// assert_eq!(case, same);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Stable slug; part of every deadline id and calendar UID.
    pub id: String,
    /// The case number ("08-11153-MG").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The caption ("In re Lexington Precision Corp., et al.").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// A built-in court id (`nysb`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub court: Option<String>,
    /// The judge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub judge: Option<String>,
}

/// The `[calendar]` table: a custom calendar, or refinements of the court's.
///
/// # Example
/// ```
/// use docket::docket::{CalendarSpec, Case, Docket};
///
/// // A court's calendar with a closure of this case's clerk's office.
/// let d = Docket::from_toml_str(r#"
///     [case]
///     id = "demo"
///     court = "nysd"
///     [calendar]
///     closures = [{ date = "2025-03-04", reason = "Clerk's office closed" }]
/// "#)?;
/// let spec: &CalendarSpec = d.calendar.as_ref().unwrap();
/// assert_eq!(spec.closures.len(), 1);
/// // Or in code.
/// let d2 = Docket {
///     calendar: Some(CalendarSpec { closures: spec.closures.clone(), ..CalendarSpec::default() }),
///     ..Docket::new(Case::new("demo").court("nysd"))
/// };
/// assert_eq!(d, d2);
/// # Ok::<(), docket::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarSpec {
    /// A built-in court id or `"federal"` to start from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    /// IANA time zone name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// The rule family (`civil`, `bankruptcy`, `appellate`, `plain`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<RuleFamily>,
    /// A state whose holidays count (two-letter code), for a calendar not
    /// based on a court.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<State>,
    /// A filing cutoff earlier than midnight ("17:00").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cutoff: Option<NaiveTime>,
    /// Days the clerk's office was inaccessible.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "closures"
    )]
    pub closures: Vec<Closure>,
    /// Additional holidays of this court.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra_holidays: Vec<ExtraHoliday>,
    /// Unsettled questions this docket settles, each with the authority
    /// relied on (see [`crate::calendar::questions`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub settle: Vec<crate::calendar::Settlement>,
}

/// A one-day holiday a court adds (`extra_holidays`).
///
/// # Example
/// ```
/// use docket::docket::{CalendarSpec, ExtraHoliday};
///
/// let mourning = ExtraHoliday {
///     date: "2025-01-09".parse().unwrap(),
///     name: "National Day of Mourning for President Carter".into(),
///     source: Some("Exec. Order 14138".into()),
/// };
/// let spec = CalendarSpec { extra_holidays: vec![mourning], ..CalendarSpec::default() };
/// assert_eq!(spec.extra_holidays[0].date.to_string(), "2025-01-09");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtraHoliday {
    /// The day.
    #[serde(deserialize_with = "dates::date")]
    pub date: NaiveDate,
    /// Its name ("National Day of Mourning").
    pub name: String,
    /// Its source (order, proclamation), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A `[parties.<id>]` table.
///
/// # Example
/// ```
/// use docket::docket::{Case, Docket, Party};
///
/// let d = Docket::new(Case::new("demo").court("nysb")).party("debtors", "The Debtors");
/// assert_eq!(d.parties["debtors"], Party::new("The Debtors"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// The party's name.
    pub name: String,
}

/// Whether an event is still to happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventStatus {
    /// To happen.
    #[default]
    Scheduled,
    /// Happened.
    Held,
    /// Called off: deadlines counted from it are vacated.
    Cancelled,
}

impl EventStatus {
    fn is_default(&self) -> bool {
        *self == EventStatus::Scheduled
    }
}

/// An `[events.<id>]` table.
///
/// # Example
/// ```
/// use docket::docket::{parse_local_datetime, Event, EventStatus};
///
/// let hearing = Event::at("Hearing", parse_local_datetime("2025-03-03T10:00")?)
///     .ends("12:00".parse().unwrap())
///     .location("Courtroom 501")
///     .party("debtors");
/// // Or with struct update syntax.
/// let held = Event {
///     status: EventStatus::Held,
///     ..hearing.clone()
/// };
/// assert_eq!(held.location.as_deref(), Some("Courtroom 501"));
/// # Ok::<(), docket::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// What happens.
    pub title: String,
    /// The day, fixed or counted from another event or obligation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<When>,
    /// The local date-time at the court (`"2009-04-29T10:00"`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "local_datetime_opt"
    )]
    pub at: Option<NaiveDateTime>,
    /// When it ends (`"12:00"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ends: Option<NaiveTime>,
    /// Where.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Who takes part.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<String>,
    /// Scheduled, held or cancelled.
    #[serde(default, skip_serializing_if = "EventStatus::is_default")]
    pub status: EventStatus,
    /// Which moment `at` (and `ends`) means when the local time occurs
    /// twice at the court (clocks fall back); required then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fold: Option<Fold>,
    /// A set of rules whose deadlines the event brings (`post-judgment`):
    /// one obligation per rule, `<event>.<rule id>`, counted from the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<String>,
    /// The first date set for the event, when it was continued before the
    /// docket was written (rules counting from the first date set use it;
    /// a `move` change keeps the date it moved from without it).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "dates::date_opt"
    )]
    pub first_set: Option<NaiveDate>,
}

/// Whether an obligation still binds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObligationStatus {
    /// In force.
    #[default]
    Active,
    /// Vacated by the court.
    Vacated,
}

impl ObligationStatus {
    fn is_default(&self) -> bool {
        *self == ObligationStatus::Active
    }
}

/// An `[obligations.<id>]` table.
///
/// # Example
/// ```
/// use docket::docket::{Obligation, Relative, Repeat, When};
/// use docket::{Period, Service};
///
/// let fixed = Obligation::due_on("Bullet summary", "2009-04-22".parse().unwrap()).party("debtors");
/// assert!(matches!(fixed.due, Some(When::Date(_))));
/// let counted = Obligation::relative("Opposition", Relative::after(Period::days(14), "motion").service(Service::Mail));
/// assert!(matches!(counted.due, Some(When::Relative(_))));
/// let recurring = Obligation::recurring(
///     "Status report",
///     "2025-01-15".parse::<chrono::NaiveDate>().unwrap(),
///     Repeat::every(Period::weeks(2)).count(6),
/// );
/// assert!(recurring.repeat.is_some());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Obligation {
    /// What must be done.
    pub title: String,
    /// Who must do it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<String>,
    /// The rule or order that imposes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cite: Option<String>,
    /// A one-off due date, fixed or computed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<When>,
    /// The first due date of a recurring duty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_due: Option<When>,
    /// How a recurring duty repeats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat: Option<Repeat>,
    /// Filing dates, one per occurrence, in order.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "one_or_many"
    )]
    pub filed: Vec<NaiveDate>,
    /// `vacated` ends the obligation.
    #[serde(default, skip_serializing_if = "ObligationStatus::is_default")]
    pub status: ObligationStatus,
}

/// A date: fixed, or a period after or before another item.
///
/// # Example
/// ```
/// use docket::docket::{Relative, When};
/// use docket::Period;
///
/// let fixed: When = "2025-03-03".parse::<chrono::NaiveDate>().unwrap().into();
/// assert!(matches!(fixed, When::Date(_)));
/// let counted: When = Relative::after(Period::days(14), "motion").into();
/// assert!(matches!(counted, When::Relative(_)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum When {
    /// A date set by order or agreement ("on or before April 22, 2009"): not
    /// computed and never rolled.
    Date(NaiveDate),
    /// Computed under the court's time-computation rule.
    Relative(Relative),
}

/// `{ days = 7, before = "hearing", service = "mail" }`.
///
/// # Example
/// ```
/// use docket::docket::Relative;
/// use docket::{Direction, Period, Service};
///
/// let r = Relative::before(Period::days(7), "hearing");
/// assert_eq!(r.reference(), Some(("hearing", Direction::Before)));
/// assert_eq!(r.period(), Some(Period::days(7)));
/// let served = Relative::after(Period::days(14), "motion").service(Service::Mail);
/// assert_eq!(served.service, Some(Service::Mail));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relative {
    /// Calendar days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
    /// Court days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub court_days: Option<u32>,
    /// Weeks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weeks: Option<u32>,
    /// Months.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub months: Option<u32>,
    /// Years.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<u32>,
    /// Hours (the reference must be timed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<u32>,
    /// Counted after this event or obligation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Counted before this event or obligation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// Service method whose days are added.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<Service>,
    /// Overrides the rule's roll.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roll: Option<Roll>,
    /// When the reference recurs: counts from this occurrence only (from
    /// 1). Without it, a `due` counted from a recurring duty recurs with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occurrence: Option<u32>,
    /// A rule instead of a period (`rule = "frcp-59-e"`): its period in
    /// force on the reference's date, counted under that date's rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// Conditions that hold for this deadline (with `rule`), besides the
    /// case's `[rules] facts`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<String>,
}

impl Relative {
    /// The period, when exactly one is given.
    pub fn period(&self) -> Option<Period> {
        let all = [
            (self.days, Unit::Days),
            (self.court_days, Unit::CourtDays),
            (self.weeks, Unit::Weeks),
            (self.months, Unit::Months),
            (self.years, Unit::Years),
            (self.hours, Unit::Hours),
        ];
        let mut it = all
            .into_iter()
            .filter_map(|(n, unit)| n.map(|amount| Period { amount, unit }));
        let first = it.next()?;
        it.next().is_none().then_some(first)
    }

    /// How many periods are given (1 when well formed).
    pub fn period_count(&self) -> usize {
        [
            self.days,
            self.court_days,
            self.weeks,
            self.months,
            self.years,
            self.hours,
        ]
        .iter()
        .filter(|p| p.is_some())
        .count()
    }

    /// The reference and direction, when exactly one of `after`/`before`.
    pub fn reference(&self) -> Option<(&str, Direction)> {
        match (&self.after, &self.before) {
            (Some(a), None) => Some((a, Direction::After)),
            (None, Some(b)) => Some((b, Direction::Before)),
            _ => None,
        }
    }

    /// A relative date `period` after or before `reference`.
    pub fn new(period: Period, direction: Direction, reference: impl Into<String>) -> Relative {
        let mut r = Relative::default();
        let n = Some(period.amount);
        match period.unit {
            Unit::Days => r.days = n,
            Unit::CourtDays => r.court_days = n,
            Unit::Weeks => r.weeks = n,
            Unit::Months => r.months = n,
            Unit::Years => r.years = n,
            Unit::Hours => r.hours = n,
        }
        match direction {
            Direction::After => r.after = Some(reference.into()),
            Direction::Before => r.before = Some(reference.into()),
        }
        r
    }
}

impl Serialize for When {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            When::Date(d) => d.serialize(s),
            When::Relative(r) => r.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for When {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<When, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = When;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a date \"YYYY-MM-DD\" or a table like { days = 14, after = \"hearing\" }",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<When, E> {
                dates::parse_date(v).map(When::Date).map_err(E::custom)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> std::result::Result<When, A::Error> {
                Relative::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(When::Relative)
            }
        }
        d.deserialize_any(V)
    }
}

/// The `repeat` table of a recurring duty.
///
/// # Example
/// ```
/// use docket::docket::{Repeat, RepeatFrom, Until};
/// use docket::Period;
///
/// let monthly = Repeat::every(Period::months(1)).until(Until::Event("confirmation-hearing".into()));
/// assert_eq!(monthly.from, RepeatFrom::Schedule);
/// let by_rule = Repeat::rrule("FREQ=MONTHLY;BYMONTHDAY=21").count(12);
/// assert_eq!(by_rule.count, Some(12));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Repeat {
    /// `"2 weeks"`, `"1 month"`, `"30 days"`.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "period_opt")]
    pub every: Option<Period>,
    /// An RFC 5545 recurrence rule (`"FREQ=WEEKLY;INTERVAL=2"`), its DTSTART
    /// being the first due date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rrule: Option<String>,
    /// What each occurrence counts from.
    #[serde(default)]
    pub from: RepeatFrom,
    /// The last day an occurrence may fall on, or an event whose day it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Until>,
    /// How many occurrences at most.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// How occurrences after the first roll off a closed day (default: to
    /// the next court day; `none` keeps the grid date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roll: Option<Roll>,
}

/// What a recurring duty's occurrences count from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RepeatFrom {
    /// A fixed grid from the first due date, each occurrence rolled on its
    /// own.
    #[default]
    Schedule,
    /// Each next due date counts from the day the previous occurrence was
    /// filed (or from its due date while unfiled).
    PreviousFiling,
}

/// The end of a recurrence: a date or an event.
///
/// # Example
/// ```
/// use docket::docket::{Repeat, Until};
/// use docket::Period;
///
/// let to_a_date = Repeat::every(Period::weeks(2)).until(Until::Date("2025-12-31".parse().unwrap()));
/// let to_an_event = Repeat::every(Period::weeks(2)).until(Until::Event("trial".into()));
/// assert_ne!(to_a_date, to_an_event);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Until {
    /// The last day an occurrence may fall on.
    Date(NaiveDate),
    /// An event id: occurrences up to the event's day.
    Event(String),
}

impl Serialize for Until {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Until::Date(d) => d.serialize(s),
            Until::Event(e) => e.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Until {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Until, D::Error> {
        let s = String::deserialize(d)?;
        Ok(match dates::parse_date(&s) {
            Ok(date) => Until::Date(date),
            Err(_) => Until::Event(s),
        })
    }
}

pub(crate) mod local_datetime_opt {
    use super::*;

    pub fn serialize<S: Serializer>(
        v: &Option<NaiveDateTime>,
        s: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        match v {
            Some(t) => s.serialize_str(&t.format("%Y-%m-%dT%H:%M").to_string()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> std::result::Result<Option<NaiveDateTime>, D::Error> {
        let s = String::deserialize(d)?;
        dates::parse_local_datetime(&s)
            .map(Some)
            .map_err(de::Error::custom)
    }
}

mod period_opt {
    use super::*;

    pub fn serialize<S: Serializer>(
        v: &Option<Period>,
        s: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        match v {
            Some(p) => s.serialize_str(&format!(
                "{} {}",
                p.amount,
                p.unit.as_str().replace('_', " ")
            )),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> std::result::Result<Option<Period>, D::Error> {
        let s = String::deserialize(d)?;
        s.parse::<Period>().map(Some).map_err(de::Error::custom)
    }
}

fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Vec<NaiveDate>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    let texts = match OneOrMany::deserialize(d) {
        Ok(OneOrMany::One(x)) => vec![x],
        Ok(OneOrMany::Many(v)) => v,
        Err(_) => {
            return Err(de::Error::custom(
                "expected a date \"YYYY-MM-DD\" or a list of dates",
            ))
        }
    };
    texts
        .iter()
        .map(|t| dates::parse_date(t).map_err(de::Error::custom))
        .collect()
}

/// The `closures` of a `[calendar]`, with dates read exactly and unknown
/// fields refused (the fields of [`Closure`], one for one).
fn closures<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Vec<Closure>, D::Error> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Written {
        #[serde(deserialize_with = "dates::date")]
        date: NaiveDate,
        #[serde(default, deserialize_with = "dates::date_opt")]
        through: Option<NaiveDate>,
        reason: String,
        #[serde(default)]
        status: Status,
        #[serde(default)]
        question: Option<String>,
    }
    Ok(Vec::<Written>::deserialize(d)?
        .into_iter()
        .map(|c| Closure {
            date: c.date,
            through: c.through,
            reason: c.reason,
            status: c.status,
            question: c.question,
        })
        .collect())
}
