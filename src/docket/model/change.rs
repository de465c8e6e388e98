//! The changes log: a change (what changed, on what date, on whose
//! authority) as a value, read and written as the flat table of
//! `docs/format.md` §6, and where an event moves to.

use std::fmt;
use std::str::FromStr;

use chrono::{NaiveDate, NaiveDateTime};
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};

use super::{dates, Event, Fold, Obligation};
use crate::error::{Error, Result};

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
pub(super) fn changes_log<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Vec<Change>, D::Error> {
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
