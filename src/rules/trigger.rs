//! Triggers: the kinds of event a rule counts from, and the date a
//! computation counts from — including "the first date set" for an event
//! that was later continued (Fed. R. Bankr. P. 4004(a), 4007(c)).

use chrono::NaiveDate;
use serde::Serialize;

use super::rule::long_date;

/// A kind of event a rule counts from ("entry of the judgment", "the first
/// date set for the meeting of creditors"), declared by a pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Trigger {
    /// The kind's id (`entry-of-judgment`).
    pub id: String,
    /// What it is, in words.
    pub description: String,
    /// The trigger is the service of a paper on the party who must act
    /// ("within 14 days after being served"): the service days of FRCP
    /// 6(d), FRBP 9006(f) and FRAP 26(c) may be added. False for the entry
    /// of a judgment, the filing of a petition, service of the summons
    /// under Rule 4, a hearing.
    pub served: bool,
    /// The rule counts from the **first** date set for the event: when the
    /// event is continued (the meeting of creditors adjourned), the
    /// deadline does not move.
    pub first_date_set: bool,
}

/// The date a computation counts from: when the trigger happened (or is
/// set), and for an event that was continued, the first date that was set
/// for it.
///
/// ```
/// use chrono::NaiveDate;
/// use docket::rules::TriggerDate;
///
/// let d = |s: &str| s.parse::<NaiveDate>().unwrap();
/// // The meeting of creditors, first set for Feb. 20, was held Mar. 5.
/// let meeting = TriggerDate::on(d("2024-03-05")).first_set(Some(d("2024-02-20")));
/// assert_eq!(meeting.first_set_or_date(), d("2024-02-20"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TriggerDate {
    /// The date the event happened or is now set for.
    pub date: NaiveDate,
    /// The first date that was set for it, when it was continued.
    pub first_set: Option<NaiveDate>,
}

impl TriggerDate {
    /// A trigger on `date` that was never continued.
    pub fn on(date: NaiveDate) -> TriggerDate {
        TriggerDate {
            date,
            first_set: None,
        }
    }

    /// Records the first date set for the event.
    pub fn first_set(mut self, first: Option<NaiveDate>) -> TriggerDate {
        self.first_set = first;
        self
    }

    /// The first date set, or the date when the event was never moved.
    pub fn first_set_or_date(&self) -> NaiveDate {
        self.first_set.unwrap_or(self.date)
    }

    /// The date a rule with `kind` counts from, and a sentence saying why
    /// when the trigger kind counts from the first date set.
    pub fn for_kind(&self, kind: &Trigger) -> (NaiveDate, Option<String>) {
        if !kind.first_date_set {
            return (self.date, None);
        }
        let first = self.first_set_or_date();
        let why = match self.first_set {
            Some(f) if f != self.date => format!(
                "counted from {}, the first date set for {} (it was moved to {}; the rule counts from the first date set, so the deadline does not move)",
                long_date(f),
                kind.description,
                long_date(self.date)
            ),
            _ => format!(
                "counted from {}, the first date set for {}",
                long_date(first),
                kind.description
            ),
        };
        (first, Some(why))
    }
}
