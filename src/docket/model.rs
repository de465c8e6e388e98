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
#[derive(Debug, Clone, Eq, Serialize, Deserialize)]
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
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum When {
    /// A date set by order or agreement ("on or before April 22, 2009"): not
    /// computed and never rolled.
    Date(NaiveDate),
    /// Computed under the court's time-computation rule.
    Relative(Relative),
}

/// `{ days = 7, before = "hearing", service = "mail" }`.
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

/// One entry of the `[[changes]]` log: what changed, on what date, on whose
/// authority. Exactly one of the action fields is set (see
/// [`Change::action`]).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// The date of the order, letter or agreement (for `file`, the filing
    /// date).
    #[serde(deserialize_with = "dates::date")]
    pub on: NaiveDate,
    /// The authority ("Stipulated order", "Joint status letter").
    pub by: String,
    /// Move this event (to `to`, a date or a local date-time).
    #[serde(default, rename = "move", skip_serializing_if = "Option::is_none")]
    pub move_event: Option<String>,
    /// Set this obligation's due date to `to` (extend or shorten).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extend: Option<String>,
    /// For `extend` or `vacate` of a recurring duty: which occurrence (from
    /// 1). `vacate` without it ends the duty from `on`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occurrence: Option<u32>,
    /// Vacate this obligation (from the change's date on).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vacate: Option<String>,
    /// Reinstate this vacated obligation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reinstate: Option<String>,
    /// Record a filing of this obligation on the change's date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Cancel this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancel: Option<String>,
    /// Add an event with this id (described by `event`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_event: Option<String>,
    /// The event to add.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<Event>,
    /// Add an obligation with this id (described by `obligation`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_obligation: Option<String>,
    /// The obligation to add.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub obligation: Option<Obligation>,
    /// The new date for `move` / `extend`: `"YYYY-MM-DD"` or, for a move,
    /// `"YYYY-MM-DDTHH:MM"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// For `move`: which moment the new time means when it occurs twice at
    /// the court (clocks fall back).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fold: Option<Fold>,
}

/// Where an event moves to.
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

/// What a change does.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Action {
    /// Move an event to a new date or date-time.
    Move {
        /// The event.
        event: String,
        /// Where to.
        to: EventTime,
    },
    /// Set an obligation's (or one occurrence's) due date.
    Extend {
        /// The obligation.
        obligation: String,
        /// The occurrence, for a recurring duty.
        occurrence: Option<u32>,
        /// The new due date.
        to: NaiveDate,
    },
    /// Vacate an obligation (or one occurrence) from the change's date.
    Vacate {
        /// The obligation.
        obligation: String,
        /// The occurrence, for one occurrence only.
        occurrence: Option<u32>,
    },
    /// Reinstate a vacated obligation.
    Reinstate {
        /// The obligation.
        obligation: String,
    },
    /// Record a filing on the change's date.
    File {
        /// The obligation.
        obligation: String,
    },
    /// Cancel an event.
    Cancel {
        /// The event.
        event: String,
    },
    /// Add an event.
    AddEvent {
        /// Its id.
        id: String,
        /// The event.
        event: Box<Event>,
    },
    /// Add an obligation.
    AddObligation {
        /// Its id.
        id: String,
        /// The obligation.
        obligation: Box<Obligation>,
    },
}

impl Change {
    fn base(on: NaiveDate, by: impl Into<String>) -> Change {
        Change {
            on,
            by: by.into(),
            ..Change::default()
        }
    }

    /// Moves an event.
    pub fn move_event(on: NaiveDate, by: impl Into<String>, event: &str, to: EventTime) -> Change {
        Change {
            move_event: Some(event.into()),
            to: Some(to.to_string()),
            ..Change::base(on, by)
        }
    }

    /// The same change with `fold` set (for a move to a local time that
    /// occurs twice).
    pub fn with_fold(mut self, fold: Option<Fold>) -> Change {
        self.fold = fold;
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
        Change {
            extend: Some(obligation.into()),
            occurrence,
            to: Some(to.to_string()),
            ..Change::base(on, by)
        }
    }

    /// Vacates an obligation from `on`.
    pub fn vacate(on: NaiveDate, by: impl Into<String>, obligation: &str) -> Change {
        Change {
            vacate: Some(obligation.into()),
            ..Change::base(on, by)
        }
    }

    /// Reinstates an obligation.
    pub fn reinstate(on: NaiveDate, by: impl Into<String>, obligation: &str) -> Change {
        Change {
            reinstate: Some(obligation.into()),
            ..Change::base(on, by)
        }
    }

    /// Records a filing made on `on`.
    pub fn file(on: NaiveDate, by: impl Into<String>, obligation: &str) -> Change {
        Change {
            file: Some(obligation.into()),
            ..Change::base(on, by)
        }
    }

    /// Cancels an event.
    pub fn cancel(on: NaiveDate, by: impl Into<String>, event: &str) -> Change {
        Change {
            cancel: Some(event.into()),
            ..Change::base(on, by)
        }
    }

    /// Adds an event.
    pub fn add_event(on: NaiveDate, by: impl Into<String>, id: &str, event: Event) -> Change {
        Change {
            add_event: Some(id.into()),
            event: Some(event),
            ..Change::base(on, by)
        }
    }

    /// Adds an obligation.
    pub fn add_obligation(
        on: NaiveDate,
        by: impl Into<String>,
        id: &str,
        obligation: Obligation,
    ) -> Change {
        Change {
            add_obligation: Some(id.into()),
            obligation: Some(obligation),
            ..Change::base(on, by)
        }
    }

    /// What the change does.
    ///
    /// # Errors
    /// Not exactly one action, a missing or malformed `to`, or fields that do
    /// not belong with the action. The message names the field.
    pub fn action(&self) -> Result<Action> {
        let set: Vec<&str> = [
            ("move", self.move_event.is_some()),
            ("extend", self.extend.is_some()),
            ("vacate", self.vacate.is_some()),
            ("reinstate", self.reinstate.is_some()),
            ("file", self.file.is_some()),
            ("cancel", self.cancel.is_some()),
            ("add_event", self.add_event.is_some()),
            ("add_obligation", self.add_obligation.is_some()),
        ]
        .into_iter()
        .filter_map(|(n, on)| on.then_some(n))
        .collect();
        if set.len() != 1 {
            return Err(Error::invalid(format!(
                "needs exactly one of move, extend, vacate, reinstate, file, cancel, add_event, \
                 add_obligation (found {})",
                if set.is_empty() {
                    "none".to_string()
                } else {
                    set.join(", ")
                }
            )));
        }
        let to = || -> Result<&str> {
            self.to
                .as_deref()
                .ok_or_else(|| Error::invalid(format!("{} needs `to`", set[0])))
        };
        let no = |field: &str, present: bool| -> Result<()> {
            if present {
                Err(Error::invalid(format!(
                    "`{field}` does not go with {}",
                    set[0]
                )))
            } else {
                Ok(())
            }
        };
        let action =
            match set[0] {
                "move" => Action::Move {
                    event: self.move_event.clone().unwrap_or_default(),
                    to: to()?
                        .parse()
                        .map_err(|e: Error| Error::invalid(format!("to: {e}")))?,
                },
                "extend" => Action::Extend {
                    obligation: self.extend.clone().unwrap_or_default(),
                    occurrence: self.occurrence,
                    to: dates::parse_date(to()?).map_err(|_| {
                        Error::invalid(format!(
                            "to: \"{}\" is not a date (YYYY-MM-DD)",
                            self.to.as_deref().unwrap_or("")
                        ))
                    })?,
                },
                "vacate" => Action::Vacate {
                    obligation: self.vacate.clone().unwrap_or_default(),
                    occurrence: self.occurrence,
                },
                "reinstate" => Action::Reinstate {
                    obligation: self.reinstate.clone().unwrap_or_default(),
                },
                "file" => Action::File {
                    obligation: self.file.clone().unwrap_or_default(),
                },
                "cancel" => Action::Cancel {
                    event: self.cancel.clone().unwrap_or_default(),
                },
                "add_event" => Action::AddEvent {
                    id: self.add_event.clone().unwrap_or_default(),
                    event: Box::new(
                        self.event
                            .clone()
                            .ok_or_else(|| Error::invalid("add_event needs an `event` table"))?,
                    ),
                },
                _ => Action::AddObligation {
                    id: self.add_obligation.clone().unwrap_or_default(),
                    obligation: Box::new(self.obligation.clone().ok_or_else(|| {
                        Error::invalid("add_obligation needs an `obligation` table")
                    })?),
                },
            };
        let takes_to = matches!(action, Action::Move { .. } | Action::Extend { .. });
        no("to", !takes_to && self.to.is_some())?;
        let takes_occ = matches!(action, Action::Extend { .. } | Action::Vacate { .. });
        no("occurrence", !takes_occ && self.occurrence.is_some())?;
        no(
            "fold",
            !matches!(action, Action::Move { .. }) && self.fold.is_some(),
        )?;
        no(
            "event",
            !matches!(action, Action::AddEvent { .. }) && self.event.is_some(),
        )?;
        no(
            "obligation",
            !matches!(action, Action::AddObligation { .. }) && self.obligation.is_some(),
        )?;
        Ok(action)
    }

    /// The id of the event or obligation the change is about.
    pub fn target(&self) -> Option<&str> {
        [
            &self.move_event,
            &self.extend,
            &self.vacate,
            &self.reinstate,
            &self.file,
            &self.cancel,
            &self.add_event,
            &self.add_obligation,
        ]
        .into_iter()
        .find_map(|o| o.as_deref())
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
