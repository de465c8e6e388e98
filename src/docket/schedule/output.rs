//! What a schedule is made of: deadlines, events, truncations.

use std::borrow::Cow;
use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;

use super::explanation::Explanation;
use super::list::List;
use super::text::{DeadlineId, Text};
use crate::compute::Reason;
use crate::docket::model::{EventStatus, Fold};

/// A deadline's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineStatus {
    /// Not yet filed.
    Open,
    /// Filed on or before the due date.
    Filed,
    /// Filed after the due date.
    Late,
    /// Vacated (by the court, or because its event was cancelled).
    Vacated,
}

impl DeadlineStatus {
    /// The status's name (`open`, `filed`, `late`, `vacated`).
    pub fn as_str(self) -> &'static str {
        match self {
            DeadlineStatus::Open => "open",
            DeadlineStatus::Filed => "filed",
            DeadlineStatus::Late => "late",
            DeadlineStatus::Vacated => "vacated",
        }
    }
}

/// A change named in a schedule item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangeRef {
    /// Position in the changes log, from 1.
    pub index: usize,
    /// The change's date.
    pub on: NaiveDate,
    /// Its authority.
    pub by: String,
}

/// One deadline: an obligation, or one occurrence of a recurring duty.
///
/// What every occurrence of an obligation shares (its id, title, parties,
/// citation, basis) is shared, not copied ([`Text`], [`List`]): a deadline
/// costs no allocation of its own unless it has readings, changes or an
/// explanation. Its id is written out only when read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deadline {
    /// Stable id: `case/obligation/n` (displayed, compared and serialized as
    /// that text).
    pub id: DeadlineId,
    /// The obligation's id.
    pub obligation: Text,
    /// The occurrence, from 1 (1 for a one-off obligation).
    pub occurrence: u32,
    /// What is due.
    pub title: Text,
    /// The last day to act (the earliest safe reading).
    pub due: NaiveDate,
    /// The last moment, for periods in hours (local time at the court).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::docket::model::local_datetime_opt::serialize"
    )]
    pub at: Option<NaiveDateTime>,
    /// The latest date another reading of the rules gives (the last of
    /// `readings`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latest: Option<NaiveDate>,
    /// Why the latest reading exists (written when read).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latest_reason: Option<Reason>,
    /// Every later reading, in date order: each unsettled question met on
    /// the way whose other answer gives a later date. `due` is never after
    /// any of them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub readings: Vec<Reading>,
    /// Who must act.
    pub parties: List<String>,
    /// Open, filed, late or vacated.
    pub status: DeadlineStatus,
    /// When it was filed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filed: Option<NaiveDate>,
    /// The rule or order that imposes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cite: Option<Text>,
    /// The rule its date was counted by (an id of `docket rules`), when one
    /// was: the rule that prevailed and applied, which `cite` names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<Text>,
    /// How the date was found, step by step, with citations (written when
    /// first read).
    pub explain: Explanation,
    /// Changes that bear on this deadline (directly or through what it
    /// counts from), in log order.
    #[serde(skip_serializing_if = "is_empty")]
    pub changes: List<ChangeRef>,
    /// Ids of the events and obligations this deadline counts from.
    #[serde(skip_serializing_if = "is_empty")]
    pub depends_on: List<String>,
    /// When it counts from one occurrence of a recurring duty: that
    /// occurrence (`case/<depends_on>/<n>`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_occurrence: Option<u32>,
    /// How the date is set, in brief ("7 days before confirmation-hearing",
    /// "fixed by order", "every 2 weeks from the previous filing").
    pub basis: Text,
}

fn no_lines(e: &Explanation) -> bool {
    e.is_empty()
}

fn is_empty<T>(items: &List<T>) -> bool {
    items.is_empty()
}

/// A later date another reading of the rules gives: the other answer to
/// one unsettled question (see [`crate::compute::LaterReading`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reading {
    /// The later date.
    pub date: NaiveDate,
    /// The later local date-time, for periods in hours.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::docket::model::local_datetime_opt::serialize"
    )]
    pub at: Option<NaiveDateTime>,
    /// The question's id (`fixed-date-roll`, `eo-closure`, ...).
    pub question: Cow<'static, str>,
    /// Why this reading exists (written when read).
    pub reason: Reason,
    /// The authorities the question turns on.
    pub cites: Vec<Cow<'static, str>>,
}

impl Reading {
    /// The docket's form of a reading the computation met.
    pub(crate) fn from_later(l: &crate::compute::LaterReading) -> Reading {
        Reading {
            date: l.date,
            at: l.at,
            question: l.question.clone(),
            reason: l.reason.clone(),
            cites: l.cites.clone(),
        }
    }

    /// The explanation line that names it.
    pub(crate) fn line(&self) -> String {
        let reason = self.reason.as_str();
        let mut s = String::with_capacity(64 + self.question.len() + reason.len());
        s.push_str("a later reading (question ");
        s.push_str(&self.question);
        s.push_str(") gives ");
        match self.at {
            Some(t) => {
                crate::docket::date_text::push_date(&mut s, t.date());
                s.push('T');
                crate::docket::date_text::push_hour_minute(&mut s, t.time());
            }
            None => crate::docket::date_text::push_date(&mut s, self.date),
        }
        s.push_str(": ");
        s.push_str(reason);
        s
    }
}

/// An event in a schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventEntry {
    /// The event's id.
    pub id: String,
    /// What happens.
    pub title: String,
    /// The day.
    pub date: NaiveDate,
    /// The local date-time, for timed events.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::docket::model::local_datetime_opt::serialize"
    )]
    pub at: Option<NaiveDateTime>,
    /// When it ends.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ends: Option<NaiveTime>,
    /// Where.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Who takes part.
    pub parties: Vec<String>,
    /// Scheduled, held or cancelled.
    pub status: EventStatus,
    /// Which of two moments `at` means, when its local time occurs twice at
    /// the court (clocks fall back).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fold: Option<Fold>,
    /// How the date was found (written when first read).
    #[serde(skip_serializing_if = "no_lines")]
    pub explain: Explanation,
    /// Changes that moved it, in log order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<ChangeRef>,
}

/// A recurring duty whose expansion stopped at the horizon or the cap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Truncation {
    /// The obligation.
    pub obligation: String,
    /// Occurrences listed.
    pub occurrences: u32,
    /// The horizon used.
    pub horizon: NaiveDate,
}

/// A docket's computed schedule (the output contract of `docket schedule
/// --json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Schedule {
    /// The case id.
    pub case: String,
    /// Deadlines in due-date order (then by id).
    pub deadlines: Vec<Deadline>,
    /// Events in date order.
    pub events: Vec<EventEntry>,
    /// Recurring duties cut at the horizon (more occurrences would follow).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub truncated: Vec<Truncation>,
    /// The docket's parties (id, name), shared, for finding a party by
    /// either ([`Schedule::for_party`]); not part of the output contract.
    #[serde(skip)]
    pub(crate) parties: Arc<[(String, String)]>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reading_line_names_the_question_the_date_and_the_reason() {
        let date = NaiveDate::from_ymd_opt(2009, 4, 22).expect("a date");
        let mut r = Reading {
            date,
            at: None,
            question: Cow::Borrowed("eo-closure"),
            reason: Reason::from("the court was closed"),
            cites: Vec::new(),
        };
        // As chrono writes the date and the date-time.
        let line = |when: String| {
            format!("a later reading (question eo-closure) gives {when}: the court was closed")
        };
        assert_eq!(r.line(), line(date.to_string()));
        let at = date.and_hms_opt(17, 5, 0).expect("a time");
        r.at = Some(at);
        assert_eq!(r.line(), line(at.format("%Y-%m-%dT%H:%M").to_string()));
    }
}
