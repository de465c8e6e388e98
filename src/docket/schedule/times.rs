//! Local times at the court: one that does not exist (clocks spring
//! forward) is an error; one that occurs twice (clocks fall back) needs the
//! docket to say which moment it means (`fold`). Never a silent pick.

use std::collections::BTreeMap;

use chrono::{DateTime, LocalResult, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

use super::CheckedDocket;
use crate::docket::model::{change_context, ChangeAction, Docket, Event, EventTime, Fold};
use crate::error::{Error, Result};

/// The moment a local time at the court means.
///
/// # Errors
/// The time does not exist in the zone (a spring-forward gap), or it occurs
/// twice (clocks fall back) and `fold` does not say which of the two.
///
/// # Example
/// ```
/// use docket::docket::{resolve_local, Fold};
/// let tz: chrono_tz::Tz = "America/New_York".parse().unwrap();
/// let t = "2025-11-02T01:30:00".parse().unwrap();
/// assert!(resolve_local(tz, t, None).is_err());
/// let later = resolve_local(tz, t, Some(Fold::Later))?;
/// assert_eq!(later.to_rfc3339(), "2025-11-02T01:30:00-05:00");
/// # Ok::<(), docket::Error>(())
/// ```
pub fn resolve_local(tz: Tz, at: NaiveDateTime, fold: Option<Fold>) -> Result<DateTime<Tz>> {
    match tz.from_local_datetime(&at) {
        LocalResult::Single(t) => Ok(t),
        LocalResult::Ambiguous(earlier, later) => match fold {
            Some(Fold::Earlier) => Ok(earlier),
            Some(Fold::Later) => Ok(later),
            None => Err(Error::invalid(format!(
                "{} occurs twice in {} (clocks fall back): give fold = \"earlier\" or \"later\"",
                at.format("%Y-%m-%dT%H:%M"),
                tz.name()
            ))),
        },
        LocalResult::None => Err(Error::invalid(format!(
            "{} does not exist in {} (clocks spring forward)",
            at.format("%Y-%m-%dT%H:%M"),
            tz.name()
        ))),
    }
}

impl CheckedDocket {
    /// True when the local time occurs twice at the court.
    pub(super) fn occurs_twice(&self, at: NaiveDateTime) -> bool {
        matches!(
            self.0.calendar.time_zone().from_local_datetime(&at),
            LocalResult::Ambiguous(..)
        )
    }
}

/// The problems of an event's start and end at the court.
pub(crate) fn event_time_problems(ctx: &str, e: &Event, tz: Tz) -> Vec<String> {
    let Some(at) = e.at else {
        return Vec::new();
    };
    let mut p = Vec::new();
    if let Err(err) = resolve_local(tz, at, e.fold) {
        p.push(format!("{ctx}: at: {err}"));
    }
    if let Some(end) = e.ends {
        if let Err(err) = resolve_local(tz, at.date().and_time(end), e.fold) {
            p.push(format!("{ctx}: ends: {err}"));
        }
    }
    p
}

/// What is wrong with moving the event `e` (as it stands) to `to`, if
/// anything: the new start or end does not exist at the court, or occurs
/// twice without `fold`. A move to a bare date keeps the event's time.
pub(crate) fn move_problem(
    event: &str,
    e: &Event,
    to: EventTime,
    fold: Option<Fold>,
    tz: Tz,
) -> Option<String> {
    let (at, kept) = match (to, e.at) {
        (EventTime::At(t), _) => (t, false),
        (EventTime::Date(d), Some(t)) => (d.and_time(t.time()), true),
        (EventTime::Date(_), None) => return None,
    };
    let ends = e.ends.filter(|end| *end > at.time());
    let check = |t: NaiveDateTime, what: &str| {
        resolve_local(tz, t, fold).err().map(|err| {
            if kept {
                format!(
                    "to: moving \"{event}\" to {} keeps its {what} {}; {err}",
                    at.date(),
                    t.format("%H:%M")
                )
            } else {
                format!("to: {err}")
            }
        })
    };
    check(at, "time").or_else(|| ends.and_then(|end| check(at.date().and_time(end), "end")))
}

impl Docket {
    /// Problems of the local times the docket and its changes give, in the
    /// court's zone: each names the item or change and the field.
    pub(crate) fn time_problems(&self, tz: Tz) -> Vec<String> {
        let mut p = Vec::new();
        for (id, e) in &self.events {
            p.extend(event_time_problems(&format!("event \"{id}\""), e, tz));
        }
        // Events as the changes log goes on (a move keeps the time).
        let mut now: BTreeMap<&str, Event> = self
            .events
            .iter()
            .map(|(k, e)| (k.as_str(), e.clone()))
            .collect();
        for (i, ch) in self.changes.iter().enumerate() {
            let ctx = change_context(i, ch.on);
            match &ch.action {
                ChangeAction::Move { event, to, fold } => {
                    if let Some(e) = now.get_mut(event.as_str()) {
                        if let Some(m) = move_problem(event, e, *to, *fold, tz) {
                            p.push(format!("{ctx}: {m}"));
                        }
                        moved(e, *to, *fold);
                    }
                }
                ChangeAction::AddEvent { id, event } => {
                    p.extend(event_time_problems(
                        &format!("{ctx}: event \"{id}\""),
                        event,
                        tz,
                    ));
                    now.insert(id, (**event).clone());
                }
                _ => {}
            }
        }
        p
    }
}

/// The event after a move: to a date-time, or to a bare date keeping its
/// time (and its end); `fold` is the change's.
pub(crate) fn moved(e: &mut Event, to: EventTime, fold: Option<Fold>) {
    match (to, e.at) {
        (EventTime::Date(d), Some(t)) => e.at = Some(d.and_time(t.time())),
        (EventTime::Date(d), None) => e.date = Some(crate::docket::model::When::Date(d)),
        (EventTime::At(t), _) => {
            if e.ends.is_some_and(|end| end <= t.time()) {
                e.ends = None;
            }
            e.date = None;
            e.at = Some(t);
        }
    }
    e.fold = fold;
}
