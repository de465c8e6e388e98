//! Court calendars: weekends, legal holidays with their provenance, closures
//! of the clerk's office, the court's time zone and its filing cutoff.
//!
//! A [`Calendar`] is built once from data ([`HolidayRule`]s and
//! [`Closure`]s) into a flat table of one byte per day, so a lookup during a
//! computation is a single load. The rules stay attached so every closed day
//! can say why it is closed.

mod by_day;
mod courts;
mod federal;
mod holiday;
mod question;
mod states;
pub(crate) mod tables;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

pub(crate) use courts::edit_distance;
pub use courts::{
    court, court_closures, courts, find_courts, shared_calendar, Court, CourtClosure, RuleFamily,
};
pub use federal::{executive_closures, federal_rules, ExecutiveClosure};
pub use holiday::{easter, HolidayRule, Observance, Scope, Status, When, GENERIC_QUESTION};
pub use question::{
    announcements, question, questions, Announcement, Answer, Decision, Question, QuestionKind,
    Settlement,
};
pub use states::{state_holidays, state_rules, State};

use crate::error::{Error, Result};

/// First year a calendar covers.
pub const FIRST_YEAR: i32 = 1971;
/// Last year a calendar covers.
pub const LAST_YEAR: i32 = 2100;

// Per-day flags.
pub(crate) const WEEKEND: u8 = 1;
pub(crate) const HOLIDAY: u8 = 2;
pub(crate) const STATE: u8 = 4;
pub(crate) const DISPUTED: u8 = 8;
pub(crate) const DISPUTED_STATE: u8 = 16;
pub(crate) const CLOSURE: u8 = 32;
pub(crate) const DISPUTED_CLOSURE: u8 = 64;
/// Flag set when the day is outside the table (never set inside).
pub(crate) const OUTSIDE: u8 = 128;

/// A period of days when the clerk's office was inaccessible (FRCP 6(a)(3)).
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use docket::calendar::{Calendar, Closure};
/// use docket::{Period, Request, RuleFamily};
///
/// let day = |s: &str| s.parse::<NaiveDate>().unwrap();
/// // A deadline on a day the clerk's office is inaccessible moves to the next
/// // accessible day (FRCP 6(a)(3)).
/// let closed = Closure::on(day("2025-03-03"), "Clerk's office inaccessible (snow)");
/// assert_eq!(closed.last_day(), day("2025-03-03"));
/// let cal = Calendar::federal()?.to_builder().closure(closed).build()?;
/// let due = Request::after(day("2025-02-17"), Period::days(14)).compute(&cal, RuleFamily::Civil)?;
/// assert_eq!(due.due(), day("2025-03-04"));
/// # Ok::<(), docket::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Closure {
    /// First day closed.
    pub date: NaiveDate,
    /// Last day closed (inclusive); the first day when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub through: Option<NaiveDate>,
    /// Why ("Clerk's office inaccessible (Hurricane Sandy)").
    pub reason: String,
    /// Whether the closure's effect is settled (a half-day closure is not).
    #[serde(default, skip_serializing_if = "is_settled")]
    pub status: Status,
    /// For a disputed closure, the id of the question it raises
    /// (`disputed-day` when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
}

fn is_settled(s: &Status) -> bool {
    *s == Status::Settled
}

impl Closure {
    /// A settled one-day closure.
    pub fn on(date: NaiveDate, reason: impl Into<String>) -> Closure {
        Closure {
            date,
            through: None,
            reason: reason.into(),
            status: Status::Settled,
            question: None,
        }
    }

    /// The last day closed.
    pub fn last_day(&self) -> NaiveDate {
        self.through.unwrap_or(self.date)
    }
}

/// Why a day is not an ordinary court day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayNote {
    /// What the day is ("Lincoln's Birthday", "Clerk's office inaccessible").
    pub name: String,
    /// The legal source, when there is one.
    pub source: String,
    /// What kind of day it is.
    pub kind: DayKind,
    /// Settled or disputed.
    pub status: Status,
    /// The unsettled question the day raises (disputed days, and days whose
    /// question was settled).
    pub question: Option<String>,
    /// Who settled the day's question for this calendar, when someone did.
    pub settled_by: Option<String>,
    /// False when the day's question was settled as "open": the note
    /// explains the day but it counts as an ordinary day.
    pub counts: bool,
}

/// The kinds of non-court day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DayKind {
    /// A holiday of the given scope.
    Holiday(Scope),
    /// The clerk's office was inaccessible.
    Closure,
}

impl DayNote {
    /// The day-table flag this note sets.
    pub(crate) fn bit(&self) -> u8 {
        if !self.counts {
            return 0;
        }
        let disputed = self.status.is_disputed();
        match (self.kind, disputed) {
            (DayKind::Closure, false) => CLOSURE,
            (DayKind::Closure, true) => DISPUTED_CLOSURE,
            (DayKind::Holiday(Scope::State), false) => STATE,
            (DayKind::Holiday(Scope::State), true) => DISPUTED_STATE,
            (DayKind::Holiday(_), false) => HOLIDAY,
            (DayKind::Holiday(_), true) => DISPUTED,
        }
    }
}

impl fmt::Display for DayNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)?;
        if !self.source.is_empty() {
            write!(f, " ({})", self.source)?;
        }
        Ok(())
    }
}

/// A court's calendar: which days are weekends, legal holidays (and of which
/// kind) or closures, plus the court's time zone and filing cutoff.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use docket::calendar::Calendar;
///
/// let nysb = Calendar::for_court("nysb")?;
/// let lincoln = NaiveDate::from_ymd_opt(2025, 2, 12).unwrap();
/// assert!(nysb.notes_on(lincoln).iter().any(|n| n.name == "Lincoln's Birthday"));
/// # Ok::<(), docket::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Calendar {
    name: String,
    time_zone: Tz,
    cutoff: Option<NaiveTime>,
    weekend: [bool; 7],
    states: Vec<State>,
    rules: Vec<HolidayRule>,
    closures: Vec<Closure>,
    flags: Box<[u8]>,
    notes: BTreeMap<NaiveDate, Vec<DayNote>>,
    /// One bit per day of the table: whether `notes` has the day (most days
    /// have none, and this answers them without a lookup).
    noted: Box<[u64]>,
    /// Constant-time day arithmetic, built when first used.
    tables: std::sync::OnceLock<tables::Tables>,
    /// Day numbers (from the common era) of disputed days, sorted.
    disputed: Vec<i32>,
    /// For each disputed day, what it is and why it is disputed.
    disputed_text: Vec<Arc<str>>,
    /// For each disputed day, its questions (bits indexing `day_questions`).
    disputed_q: Vec<u32>,
    /// The day questions the calendar's disputed days raise.
    day_questions: Vec<Cow<'static, str>>,
    /// Questions settled for this calendar (announcements and the user's).
    settlements: Vec<Settlement>,
}

/// Builds a [`Calendar`].
///
/// # Example
/// ```
/// use chrono::{NaiveDate, Weekday};
/// use docket::calendar::{Calendar, Closure, Settlement};
///
/// let day = |s: &str| s.parse::<NaiveDate>().unwrap();
/// let cal = Calendar::builder("Bankr. S.D.N.Y., as this case reads it")
///     .time_zone(chrono_tz::America::New_York)
///     .weekend(&[Weekday::Sat, Weekday::Sun])
///     .rules(docket::calendar::federal_rules())
///     .closure(Closure::on(day("2025-03-04"), "Clerk's office closed (water main break)"))
///     .settle(Settlement {
///         question: "eo-closure".into(),
///         reading: "closed".into(),
///         date: None,
///         authority: "Order of Jan. 2, 2025 (Dkt. 9)".into(),
///     })
///     .build()?;
/// assert!(cal.notes_on(day("2025-03-04")).iter().any(|n| n.name.contains("water main")));
/// assert!(cal.settled("eo-closure").is_some());
/// # Ok::<(), docket::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct CalendarBuilder {
    name: String,
    time_zone: Tz,
    cutoff: Option<NaiveTime>,
    weekend: [bool; 7],
    states: Vec<State>,
    rules: Vec<HolidayRule>,
    closures: Vec<Closure>,
    settlements: Vec<Settlement>,
}

fn base_ce() -> i32 {
    // 1971-01-01; a constant computed once.
    NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1)
        .map(|d| d.num_days_from_ce())
        .unwrap_or(0)
}

fn table_len() -> usize {
    let end = NaiveDate::from_ymd_opt(LAST_YEAR, 12, 31)
        .map(|d| d.num_days_from_ce())
        .unwrap_or(0);
    (end - base_ce() + 1) as usize
}

/// The first day a calendar covers.
pub fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// The last day a calendar covers.
pub fn last_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(LAST_YEAR, 12, 31).unwrap_or(NaiveDate::MAX)
}

impl CalendarBuilder {
    /// A calendar with Saturday and Sunday as the weekend, no holidays, in
    /// UTC, with a midnight cutoff.
    pub fn new(name: impl Into<String>) -> CalendarBuilder {
        let mut weekend = [false; 7];
        weekend[Weekday::Sat.num_days_from_monday() as usize] = true;
        weekend[Weekday::Sun.num_days_from_monday() as usize] = true;
        CalendarBuilder {
            name: name.into(),
            time_zone: Tz::UTC,
            cutoff: None,
            weekend,
            states: Vec::new(),
            rules: Vec::new(),
            closures: Vec::new(),
            settlements: Vec::new(),
        }
    }

    /// Sets the calendar's name.
    pub fn name(mut self, name: impl Into<String>) -> CalendarBuilder {
        self.name = name.into();
        self
    }

    /// Sets the court's time zone (FRCP 6(a)(4)(A): electronic filing ends at
    /// midnight in the court's time zone).
    pub fn time_zone(mut self, tz: Tz) -> CalendarBuilder {
        self.time_zone = tz;
        self
    }

    /// Sets an earlier filing cutoff than midnight (FRCP 6(a)(4): a local
    /// rule or order may set one).
    pub fn cutoff(mut self, cutoff: Option<NaiveTime>) -> CalendarBuilder {
        self.cutoff = cutoff;
        self
    }

    /// Sets which weekdays are the weekend.
    pub fn weekend(mut self, days: &[Weekday]) -> CalendarBuilder {
        self.weekend = [false; 7];
        for d in days {
            self.weekend[d.num_days_from_monday() as usize] = true;
        }
        self
    }

    /// Adds the state's holidays (FRCP 6(a)(6)(C)) and records the state.
    /// A court of appeals may need two: FRAP 26(a)(6)(C) counts the days of
    /// the state of the district court whose judgment is challenged as well
    /// as those of the circuit clerk's state.
    pub fn state(mut self, state: State) -> CalendarBuilder {
        if !self.states.contains(&state) {
            self.states.push(state);
            self.rules.extend(state_rules(state));
        }
        self
    }

    /// Adds one holiday rule.
    pub fn rule(mut self, rule: HolidayRule) -> CalendarBuilder {
        self.rules.push(rule);
        self
    }

    /// Adds holiday rules.
    pub fn rules(mut self, rules: impl IntoIterator<Item = HolidayRule>) -> CalendarBuilder {
        self.rules.extend(rules);
        self
    }

    /// Adds a closure of the clerk's office.
    pub fn closure(mut self, closure: Closure) -> CalendarBuilder {
        self.closures.push(closure);
        self
    }

    /// Settles an unsettled question for this calendar (a court's
    /// announcement, or the user's choice with the authority relied on). A
    /// later settlement of the same question and day replaces an earlier one.
    pub fn settle(mut self, settlement: Settlement) -> CalendarBuilder {
        self.settlements
            .retain(|s| !(s.question == settlement.question && s.date == settlement.date));
        self.settlements.push(settlement);
        self
    }

    /// Builds the day table.
    ///
    /// # Errors
    /// A closure that ends before it starts, a rule with a month or day
    /// that does not exist, a state whose holiday data does not load, or a
    /// settlement of an unknown question or
    /// reading.
    pub fn build(self) -> Result<Calendar> {
        for s in &self.states {
            state_holidays(*s).map_err(|e| e.context(format!("calendar \"{}\"", self.name)))?;
        }
        for s in &self.settlements {
            s.check()
                .map_err(|e| e.context(format!("calendar \"{}\": settle", self.name)))?;
        }
        for c in &self.closures {
            if c.last_day() < c.date {
                return Err(Error::invalid(format!(
                    "calendar \"{}\": closure from {} through {} ends before it starts",
                    self.name,
                    c.date,
                    c.last_day()
                )));
            }
            if c.last_day().signed_duration_since(c.date).num_days() > 366 {
                return Err(Error::range(format!(
                    "calendar \"{}\": closure from {} lasts more than a year",
                    self.name, c.date
                )));
            }
        }
        for r in &self.rules {
            r.check()
                .map_err(|e| e.context(format!("calendar \"{}\"", self.name)))?;
        }
        let base = base_ce();
        let mut flags = vec![0u8; table_len()].into_boxed_slice();
        let mut notes: BTreeMap<NaiveDate, Vec<DayNote>> = BTreeMap::new();
        let mut day = first_day();
        for f in flags.iter_mut() {
            if self.weekend[day.weekday().num_days_from_monday() as usize] {
                *f |= WEEKEND;
            }
            day = day.succ_opt().unwrap_or(day);
        }
        let mut mark = |d: NaiveDate, bit: u8, note: DayNote| {
            let i = d.num_days_from_ce() - base;
            if i >= 0 && (i as usize) < flags.len() {
                flags[i as usize] |= bit;
                let list = notes.entry(d).or_default();
                if !list.contains(&note) {
                    list.push(note);
                }
            }
        };
        for r in &self.rules {
            // One year either side so observed days that cross a year
            // boundary are caught.
            for y in FIRST_YEAR - 1..=LAST_YEAR + 1 {
                let Some(d) = r.observed_in(y) else { continue };
                let mut name = r.name.to_string();
                if Some(d) != r.actual_in(y) {
                    name.push_str(" (observed)");
                }
                let note = settled_note(
                    &self.settlements,
                    DayNote {
                        name,
                        source: r.source.to_string(),
                        kind: DayKind::Holiday(r.scope),
                        status: r.status.clone(),
                        question: r.status.is_disputed().then(|| r.question_id().to_string()),
                        settled_by: None,
                        counts: true,
                    },
                    d,
                );
                mark(d, note.bit(), note);
            }
        }
        for c in &self.closures {
            let mut d = c.date;
            while d <= c.last_day() {
                let note = settled_note(
                    &self.settlements,
                    DayNote {
                        name: c.reason.clone(),
                        source: String::new(),
                        kind: DayKind::Closure,
                        status: c.status.clone(),
                        question: c.status.is_disputed().then(|| {
                            c.question
                                .clone()
                                .unwrap_or_else(|| GENERIC_QUESTION.to_string())
                        }),
                        settled_by: None,
                        counts: true,
                    },
                    d,
                );
                mark(d, note.bit(), note);
                let Some(next) = d.succ_opt() else { break };
                d = next;
            }
        }
        let mut disputed = Vec::new();
        let mut disputed_text = Vec::new();
        let mut disputed_q = Vec::new();
        let mut day_questions: Vec<Cow<'static, str>> = Vec::new();
        for (d, list) in &notes {
            let mut why = Vec::new();
            let mut qs = 0u32;
            for n in list {
                let (Status::Disputed(r), Some(q)) = (&n.status, &n.question) else {
                    continue;
                };
                if !n.counts {
                    continue;
                }
                let i = match day_questions.iter().position(|x| x == q) {
                    Some(i) => i,
                    None => {
                        // The catalog's own id when it has one (readings
                        // name their question without a copy).
                        day_questions.push(question::question(q).map_or_else(
                            |_| Cow::Owned(q.clone()),
                            |x| Cow::Borrowed(x.id.as_str()),
                        ));
                        day_questions.len() - 1
                    }
                };
                if i >= 32 {
                    return Err(Error::invalid(format!(
                        "calendar \"{}\": more than 32 unsettled questions about days",
                        self.name
                    )));
                }
                qs |= 1 << i;
                why.push(format!("{d} ({n}): {r}"));
            }
            if !why.is_empty() {
                disputed.push(d.num_days_from_ce());
                disputed_text.push(Arc::from(why.join("; ")));
                disputed_q.push(qs);
            }
        }
        Ok(Calendar {
            disputed,
            disputed_text,
            disputed_q,
            day_questions,
            settlements: self.settlements,
            name: self.name,
            time_zone: self.time_zone,
            cutoff: self.cutoff,
            weekend: self.weekend,
            states: self.states.clone(),
            rules: self.rules,
            closures: self.closures,
            noted: noted_days(&notes, flags.len()),
            tables: std::sync::OnceLock::new(),
            flags,
            notes,
        })
    }
}

impl Calendar {
    /// Starts a custom calendar.
    pub fn builder(name: impl Into<String>) -> CalendarBuilder {
        CalendarBuilder::new(name)
    }

    /// The federal calendar: weekends, the federal legal holidays and the
    /// days closed by executive order, with no state days, in UTC.
    ///
    /// # Errors
    /// None with the built-in data (the tests build it); the signature does
    /// not hide a failure behind an empty calendar.
    pub fn federal() -> Result<Calendar> {
        federal::executive_closures()?;
        CalendarBuilder::new("federal")
            .rules(federal_rules())
            .build()
    }

    /// The calendar of a built-in court (see [`courts`]).
    ///
    /// # Errors
    /// An unknown court id.
    pub fn for_court(id: &str) -> Result<Calendar> {
        court(id)?.calendar()
    }

    /// A builder that starts from this calendar, to add holidays or closures.
    pub fn to_builder(&self) -> CalendarBuilder {
        CalendarBuilder {
            name: self.name.clone(),
            time_zone: self.time_zone,
            cutoff: self.cutoff,
            weekend: self.weekend,
            states: self.states.clone(),
            rules: self.rules.clone(),
            closures: self.closures.clone(),
            settlements: self.settlements.clone(),
        }
    }

    /// The calendar's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The court's time zone.
    pub fn time_zone(&self) -> Tz {
        self.time_zone
    }

    /// The filing cutoff, when earlier than midnight.
    pub fn cutoff(&self) -> Option<NaiveTime> {
        self.cutoff
    }

    /// The (first) state whose holidays count under FRCP 6(a)(6)(C), if any.
    pub fn state(&self) -> Option<State> {
        self.states.first().copied()
    }

    /// Every state whose holidays count under FRCP 6(a)(6)(C).
    pub fn states(&self) -> &[State] {
        &self.states
    }

    /// The holiday rules in the calendar.
    pub fn rules(&self) -> &[HolidayRule] {
        &self.rules
    }

    /// The closures in the calendar.
    pub fn closures(&self) -> &[Closure] {
        &self.closures
    }

    /// True if the day is a weekend day.
    pub fn is_weekend(&self, date: NaiveDate) -> bool {
        self.weekend[date.weekday().num_days_from_monday() as usize]
    }

    /// Why a day is not an ordinary court day (holidays and closures; empty
    /// for ordinary days and plain weekends).
    pub fn notes_on(&self, date: NaiveDate) -> &[DayNote] {
        if let Some(i) = self.index(date) {
            if self
                .noted
                .get(i / 64)
                .is_some_and(|w| w & (1 << (i % 64)) == 0)
            {
                return &[];
            }
        }
        self.notes.get(&date).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Every holiday or closure from `from` through `to`, in date order.
    ///
    /// # Errors
    /// `from` is after `to` (a range that runs backward is a mistake, not an
    /// empty answer).
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use docket::calendar::Calendar;
    /// let cal = Calendar::federal()?;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
    /// assert_eq!(cal.days_off(d(7, 1), d(7, 31))?.count(), 1); // July 4
    /// assert!(cal.days_off(d(7, 31), d(7, 1)).is_err());
    /// # Ok::<(), docket::Error>(())
    /// ```
    pub fn days_off(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<impl Iterator<Item = (NaiveDate, &DayNote)> + '_> {
        if from > to {
            return Err(Error::invalid(format!(
                "days off from {from} to {to}: the range ends before it starts"
            )));
        }
        Ok(self
            .notes
            .range(from..=to)
            .flat_map(|(d, list)| list.iter().map(move |n| (*d, n))))
    }

    /// True if `date` is within the years the calendar covers.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.index(date).is_some()
    }

    #[inline]
    fn index(&self, date: NaiveDate) -> Option<usize> {
        let i = date.num_days_from_ce() - base_ce_cached();
        (i >= 0 && (i as usize) < self.flags.len()).then_some(i as usize)
    }

    /// The day's flags; [`OUTSIDE`] outside the table.
    #[inline]
    pub(crate) fn flags(&self, date: NaiveDate) -> u8 {
        match self.index(date) {
            Some(i) => self.flags[i],
            None => OUTSIDE,
        }
    }

    /// The questions settled for this calendar.
    pub fn settlements(&self) -> &[Settlement] {
        &self.settlements
    }

    /// How a rule question is settled for this calendar, if it is.
    pub fn settled(&self, question: &str) -> Option<&Settlement> {
        self.settlements
            .iter()
            .find(|s| s.question == question && s.date.is_none())
    }
}

/// One bit per day of a table of `len` days: set where `notes` has the day.
fn noted_days(notes: &BTreeMap<NaiveDate, Vec<DayNote>>, len: usize) -> Box<[u64]> {
    let mut bits = vec![0u64; len.div_ceil(64)].into_boxed_slice();
    let base = base_ce();
    for d in notes.keys() {
        let i = d.num_days_from_ce() - base;
        if i >= 0 && (i as usize) < len {
            bits[i as usize / 64] |= 1 << (i as usize % 64);
        }
    }
    bits
}

/// Applies the settlement of the note's question on `d`, if any: a day
/// settled "closed" counts as a settled holiday or closure, one settled
/// "open" as an ordinary day; either way the note says who settled it.
fn settled_note(settlements: &[Settlement], mut note: DayNote, d: NaiveDate) -> DayNote {
    let Some(q) = note.question.clone() else {
        return note;
    };
    let dated = settlements
        .iter()
        .find(|s| s.question == q && s.date == Some(d));
    let Some(s) = dated.or_else(|| settlements.iter().find(|s| s.covers(&q, None))) else {
        return note;
    };
    note.status = Status::Settled;
    note.counts = s.reading != "open";
    note.settled_by = Some(s.authority.clone());
    note
}

/// Day number of 1971-01-01 from the common era (719_528).
#[inline]
fn base_ce_cached() -> i32 {
    const BASE: i32 = 719_528;
    BASE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_constant_matches_chrono() {
        assert_eq!(base_ce(), base_ce_cached());
    }

    #[test]
    fn flags_outside_range() {
        let c = Calendar::federal().unwrap();
        let early = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
        assert_eq!(c.flags(early), OUTSIDE);
        assert!(!c.covers(early));
        assert!(c.covers(NaiveDate::from_ymd_opt(2060, 1, 1).unwrap()));
    }

    #[test]
    fn closure_range_is_marked_and_explained() {
        let d = |m, day| NaiveDate::from_ymd_opt(2012, m, day).unwrap();
        let c = Calendar::builder("t")
            .closure(Closure {
                date: d(10, 29),
                through: Some(d(10, 30)),
                reason: "Hurricane Sandy".into(),
                status: Status::Settled,
                question: None,
            })
            .build()
            .unwrap();
        assert_eq!(c.flags(d(10, 29)) & CLOSURE, CLOSURE);
        assert_eq!(c.flags(d(10, 30)) & CLOSURE, CLOSURE);
        assert_eq!(c.flags(d(10, 31)) & CLOSURE, 0);
        assert_eq!(c.notes_on(d(10, 30))[0].name, "Hurricane Sandy");
        let bad = Calendar::builder("t")
            .closure(Closure {
                date: d(10, 30),
                through: Some(d(10, 29)),
                reason: "x".into(),
                status: Status::Settled,
                question: None,
            })
            .build();
        assert!(bad
            .unwrap_err()
            .to_string()
            .contains("ends before it starts"));
    }
}
