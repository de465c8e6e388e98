//! The docket file's model: plain values, read and written with serde in the
//! same structure from TOML and JSON (see `docs/format.md`).

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use super::dates;
use crate::calendar::{Closure, RuleFamily, State, Status};
pub use crate::compute::Fold;
use crate::compute::{Direction, Period, Roll, Service, Unit};
use crate::error::{Error, Result};

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

/// One entry of the `[[changes]]` log: what changed ([`ChangeAction`]), on
/// what date, on whose authority.
///
/// In files a change is a flat table (`on`, `by`, one action field such as
/// `move = "hearing"` and the fields that go with it: `to`, `fold`,
/// `occurrence`, `event`, `obligation`; see `docs/format.md` §6); it reads
/// and writes that form exactly, and a table with no action, two actions or
/// a field that does not go with its action is refused when read, naming
/// the change and the field.
///
/// # Example
/// ```
/// use docket::docket::{Change, ChangeAction, EventTime};
///
/// let on = "2009-04-20".parse().unwrap();
/// let to: EventTime = "2009-05-06T10:00".parse()?;
/// let c = Change::move_event(on, "Order (Dkt. 5)", "hearing", to);
/// assert!(matches!(&c.action, ChangeAction::Move { event, .. } if event == "hearing"));
/// assert_eq!(c.target(), "hearing");
///
/// // The file's form, and back.
/// let text = toml::to_string(&c).unwrap();
/// assert_eq!(text, "on = \"2009-04-20\"\nby = \"Order (Dkt. 5)\"\nmove = \"hearing\"\nto = \"2009-05-06T10:00\"\n");
/// assert_eq!(toml::from_str::<Change>(&text).unwrap(), c);
///
/// // Exactly one action.
/// let both = "on = \"2009-04-20\"\nby = \"x\"\nmove = \"hearing\"\ncancel = \"hearing\"\n";
/// let e = toml::from_str::<Change>(both).unwrap_err();
/// assert!(e.to_string().contains("needs exactly one of move, extend"), "{e}");
/// # Ok::<(), docket::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawChange", into = "RawChange")]
pub struct Change {
    /// The date of the order, letter or agreement (for a filing, the filing
    /// date).
    pub on: NaiveDate,
    /// The authority ("Stipulated order", "Joint status letter").
    pub by: String,
    /// What the change does.
    pub action: ChangeAction,
}

/// What a change does: one action of the `[[changes]]` log.
///
/// # Example
/// ```
/// use docket::docket::{Change, ChangeAction};
///
/// let on = "2009-04-20".parse().unwrap();
/// let extend = ChangeAction::Extend {
///     obligation: "status-report".into(),
///     occurrence: Some(2),
///     to: "2009-05-08".parse().unwrap(),
/// };
/// let c = Change::new(on, "Order (Dkt. 7)", extend);
/// assert_eq!(c.target(), "status-report");
/// assert_eq!(c.action.name(), "extend");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ChangeAction {
    /// Move an event to a new date or date-time (`move`, `to`, `fold`).
    Move {
        /// The event.
        event: String,
        /// Where to (a bare date keeps a timed event's time).
        to: EventTime,
        /// Which moment the new time means when it occurs twice at the court
        /// (clocks fall back).
        fold: Option<Fold>,
    },
    /// Set an obligation's (or one occurrence's) due date: extend or shorten
    /// (`extend`, `to`, `occurrence`).
    Extend {
        /// The obligation.
        obligation: String,
        /// The occurrence, for a recurring duty (from 1).
        occurrence: Option<u32>,
        /// The new due date.
        to: NaiveDate,
    },
    /// Vacate an obligation (or one occurrence) from the change's date
    /// (`vacate`, `occurrence`).
    Vacate {
        /// The obligation.
        obligation: String,
        /// One occurrence only; without it the duty ends from `on`.
        occurrence: Option<u32>,
    },
    /// Reinstate a vacated obligation (`reinstate`).
    Reinstate {
        /// The obligation.
        obligation: String,
    },
    /// Record a filing on the change's date (`file`).
    File {
        /// The obligation.
        obligation: String,
    },
    /// Cancel an event (`cancel`).
    Cancel {
        /// The event.
        event: String,
    },
    /// Add an event (`add_event`, `event`).
    AddEvent {
        /// Its id.
        id: String,
        /// The event.
        event: Box<Event>,
    },
    /// Add an obligation (`add_obligation`, `obligation`).
    AddObligation {
        /// Its id.
        id: String,
        /// The obligation.
        obligation: Box<Obligation>,
    },
}

impl ChangeAction {
    /// The action's field in files (`move`, `extend`, `add_event`, ...).
    pub fn name(&self) -> &'static str {
        match self {
            ChangeAction::Move { .. } => "move",
            ChangeAction::Extend { .. } => "extend",
            ChangeAction::Vacate { .. } => "vacate",
            ChangeAction::Reinstate { .. } => "reinstate",
            ChangeAction::File { .. } => "file",
            ChangeAction::Cancel { .. } => "cancel",
            ChangeAction::AddEvent { .. } => "add_event",
            ChangeAction::AddObligation { .. } => "add_obligation",
        }
    }

    /// The id of the event or obligation the action is about (or adds).
    pub fn target(&self) -> &str {
        match self {
            ChangeAction::Move { event, .. } | ChangeAction::Cancel { event } => event,
            ChangeAction::Extend { obligation, .. }
            | ChangeAction::Vacate { obligation, .. }
            | ChangeAction::Reinstate { obligation }
            | ChangeAction::File { obligation } => obligation,
            ChangeAction::AddEvent { id, .. } | ChangeAction::AddObligation { id, .. } => id,
        }
    }
}

impl Change {
    /// A change made on `on` by `by`.
    pub fn new(on: NaiveDate, by: impl Into<String>, action: ChangeAction) -> Change {
        Change {
            on,
            by: by.into(),
            action,
        }
    }

    /// Moves an event.
    pub fn move_event(on: NaiveDate, by: impl Into<String>, event: &str, to: EventTime) -> Change {
        let event = event.into();
        Change::new(
            on,
            by,
            ChangeAction::Move {
                event,
                to,
                fold: None,
            },
        )
    }

    /// The same change with `fold` set, for a move to a local time that
    /// occurs twice (other actions have no fold: they are returned as they
    /// are).
    pub fn with_fold(mut self, fold: Option<Fold>) -> Change {
        if let ChangeAction::Move { fold: f, .. } = &mut self.action {
            *f = fold;
        }
        self
    }

    /// Sets an obligation's due date (extend or shorten).
    pub fn extend(
        on: NaiveDate,
        by: impl Into<String>,
        obligation: &str,
        occurrence: Option<u32>,
        to: NaiveDate,
    ) -> Change {
        let obligation = obligation.into();
        let action = ChangeAction::Extend {
            obligation,
            occurrence,
            to,
        };
        Change::new(on, by, action)
    }

    /// Vacates an obligation from `on`.
    pub fn vacate(on: NaiveDate, by: impl Into<String>, obligation: &str) -> Change {
        let obligation = obligation.into();
        let action = ChangeAction::Vacate {
            obligation,
            occurrence: None,
        };
        Change::new(on, by, action)
    }

    /// Reinstates an obligation.
    pub fn reinstate(on: NaiveDate, by: impl Into<String>, obligation: &str) -> Change {
        let obligation = obligation.into();
        Change::new(on, by, ChangeAction::Reinstate { obligation })
    }

    /// Records a filing made on `on`.
    pub fn file(on: NaiveDate, by: impl Into<String>, obligation: &str) -> Change {
        let obligation = obligation.into();
        Change::new(on, by, ChangeAction::File { obligation })
    }

    /// Cancels an event.
    pub fn cancel(on: NaiveDate, by: impl Into<String>, event: &str) -> Change {
        let event = event.into();
        Change::new(on, by, ChangeAction::Cancel { event })
    }

    /// Adds an event.
    pub fn add_event(on: NaiveDate, by: impl Into<String>, id: &str, event: Event) -> Change {
        let (id, event) = (id.into(), Box::new(event));
        Change::new(on, by, ChangeAction::AddEvent { id, event })
    }

    /// Adds an obligation.
    pub fn add_obligation(
        on: NaiveDate,
        by: impl Into<String>,
        id: &str,
        obligation: Obligation,
    ) -> Change {
        let (id, obligation) = (id.into(), Box::new(obligation));
        Change::new(on, by, ChangeAction::AddObligation { id, obligation })
    }

    /// The id of the event or obligation the change is about (or adds).
    pub fn target(&self) -> &str {
        self.action.target()
    }
}

/// A change as written in files: the flat table of `docs/format.md` §6,
/// read with serde and checked into a [`Change`] (exactly one action, and
/// only the fields that go with it).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawChange {
    #[serde(deserialize_with = "dates::date")]
    on: NaiveDate,
    by: String,
    #[serde(default, rename = "move", skip_serializing_if = "Option::is_none")]
    move_event: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    extend: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    occurrence: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    vacate: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reinstate: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cancel: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    add_event: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    event: Option<Event>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    add_obligation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    obligation: Option<Obligation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    to: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    fold: Option<Fold>,
}

impl From<Change> for RawChange {
    fn from(c: Change) -> RawChange {
        let mut r = RawChange {
            on: c.on,
            by: c.by,
            ..RawChange::default()
        };
        match c.action {
            ChangeAction::Move { event, to, fold } => {
                r.move_event = Some(event);
                r.to = Some(to.to_string());
                r.fold = fold;
            }
            ChangeAction::Extend {
                obligation,
                occurrence,
                to,
            } => {
                r.extend = Some(obligation);
                r.occurrence = occurrence;
                r.to = Some(to.to_string());
            }
            ChangeAction::Vacate {
                obligation,
                occurrence,
            } => {
                r.vacate = Some(obligation);
                r.occurrence = occurrence;
            }
            ChangeAction::Reinstate { obligation } => r.reinstate = Some(obligation),
            ChangeAction::File { obligation } => r.file = Some(obligation),
            ChangeAction::Cancel { event } => r.cancel = Some(event),
            ChangeAction::AddEvent { id, event } => {
                r.add_event = Some(id);
                r.event = Some(*event);
            }
            ChangeAction::AddObligation { id, obligation } => {
                r.add_obligation = Some(id);
                r.obligation = Some(*obligation);
            }
        }
        r
    }
}

impl TryFrom<RawChange> for Change {
    type Error = Error;

    /// Exactly one action, its `to` well formed, and no field that does not
    /// go with it; the message names the field.
    fn try_from(r: RawChange) -> Result<Change> {
        let set: Vec<&str> = [
            ("move", r.move_event.is_some()),
            ("extend", r.extend.is_some()),
            ("vacate", r.vacate.is_some()),
            ("reinstate", r.reinstate.is_some()),
            ("file", r.file.is_some()),
            ("cancel", r.cancel.is_some()),
            ("add_event", r.add_event.is_some()),
            ("add_obligation", r.add_obligation.is_some()),
        ]
        .into_iter()
        .filter_map(|(n, on)| on.then_some(n))
        .collect();
        let [name] = set[..] else {
            return Err(Error::invalid(format!(
                "needs exactly one of move, extend, vacate, reinstate, file, cancel, add_event, \
                 add_obligation (found {})",
                if set.is_empty() {
                    "none".to_string()
                } else {
                    set.join(", ")
                }
            )));
        };
        let no = |field: &str, present: bool| -> Result<()> {
            if present {
                Err(Error::invalid(format!("`{field}` does not go with {name}")))
            } else {
                Ok(())
            }
        };
        no("to", !matches!(name, "move" | "extend") && r.to.is_some())?;
        no(
            "occurrence",
            !matches!(name, "extend" | "vacate") && r.occurrence.is_some(),
        )?;
        no("fold", name != "move" && r.fold.is_some())?;
        no("event", name != "add_event" && r.event.is_some())?;
        no(
            "obligation",
            name != "add_obligation" && r.obligation.is_some(),
        )?;
        let to =
            r.to.as_deref()
                .ok_or_else(|| Error::invalid(format!("{name} needs `to`")));
        let action = if let Some(event) = r.move_event {
            let to = to?
                .parse()
                .map_err(|e: Error| Error::invalid(format!("to: {e}")))?;
            ChangeAction::Move {
                event,
                to,
                fold: r.fold,
            }
        } else if let Some(obligation) = r.extend {
            let to = to?;
            let to = dates::parse_date(to)
                .map_err(|_| Error::invalid(format!("to: \"{to}\" is not a date (YYYY-MM-DD)")))?;
            ChangeAction::Extend {
                obligation,
                occurrence: r.occurrence,
                to,
            }
        } else if let Some(obligation) = r.vacate {
            ChangeAction::Vacate {
                obligation,
                occurrence: r.occurrence,
            }
        } else if let Some(obligation) = r.reinstate {
            ChangeAction::Reinstate { obligation }
        } else if let Some(obligation) = r.file {
            ChangeAction::File { obligation }
        } else if let Some(event) = r.cancel {
            ChangeAction::Cancel { event }
        } else if let Some(id) = r.add_event {
            let event = r
                .event
                .ok_or_else(|| Error::invalid("add_event needs an `event` table"))?;
            ChangeAction::AddEvent {
                id,
                event: Box::new(event),
            }
        } else {
            let obligation = r
                .obligation
                .ok_or_else(|| Error::invalid("add_obligation needs an `obligation` table"))?;
            ChangeAction::AddObligation {
                id: r.add_obligation.unwrap_or_default(),
                obligation: Box::new(obligation),
            }
        };
        Ok(Change::new(r.on, r.by, action))
    }
}

/// Prefix of the errors of a change read in a docket's log: `change 2 (on
/// 2025-01-02): ` (its place in the log, from 1).
pub(crate) fn change_context(index: usize, on: NaiveDate) -> String {
    format!("change {} (on {on})", index + 1)
}

/// The `changes` log of a docket: each change read as written and checked,
/// an error naming the change by its place in the log.
fn changes_log<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Vec<Change>, D::Error> {
    Vec::<RawChange>::deserialize(d)?
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let on = r.on;
            Change::try_from(r)
                .map_err(|e| de::Error::custom(format!("{}: {e}", change_context(i, on))))
        })
        .collect()
}

/// Where an event moves to.
///
/// # Example
/// ```
/// use docket::docket::EventTime;
///
/// let day: EventTime = "2025-03-10".parse()?;
/// let at: EventTime = "2025-03-10T14:30".parse()?;
/// assert_eq!(day.date(), at.date());
/// assert_eq!(at.to_string(), "2025-03-10T14:30");
/// assert!("2025-03-10 14:30".parse::<EventTime>().is_err());
/// # Ok::<(), docket::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventTime {
    /// A day.
    Date(NaiveDate),
    /// A local date-time at the court.
    At(NaiveDateTime),
}

impl EventTime {
    /// The day.
    pub fn date(self) -> NaiveDate {
        match self {
            EventTime::Date(d) => d,
            EventTime::At(t) => t.date(),
        }
    }
}

impl fmt::Display for EventTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EventTime::Date(d) => write!(f, "{d}"),
            EventTime::At(t) => write!(f, "{}", t.format("%Y-%m-%dT%H:%M")),
        }
    }
}

impl FromStr for EventTime {
    type Err = Error;
    fn from_str(s: &str) -> Result<EventTime> {
        if let Ok(d) = dates::parse_date(s) {
            return Ok(EventTime::Date(d));
        }
        dates::parse_local_datetime(s)
            .map(EventTime::At)
            .map_err(|_| {
                Error::parse(format!(
                    "\"{s}\" is not a date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM)"
                ))
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
