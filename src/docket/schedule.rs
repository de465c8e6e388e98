//! From a docket to its schedule: every deadline in dependency order, each
//! recurring duty expanded to a horizon, each date explained.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::fnv::FnvMap;
use std::sync::Arc;

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;

use super::model::{
    Action, Change, Docket, EventStatus, ObligationStatus, Relative, RepeatFrom, Until, When,
};
use crate::calendar::{shared_calendar, Calendar, CalendarBuilder, HolidayRule, RuleFamily, Scope};
use crate::compute::{Direction, Period, Request, Roll, Unit};
use crate::error::{Error, Result};

/// Occurrences of one recurring duty expanded at most, whatever the horizon.
pub const MAX_OCCURRENCES: u32 = 1_000;
/// Days past the docket's last known date that recurring duties are expanded
/// to when no horizon or window end is given.
pub const DEFAULT_HORIZON_DAYS: u64 = 365;

/// Options for computing a schedule.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use docket::docket::ScheduleOptions;
/// let opts = ScheduleOptions::new()
///     .window(NaiveDate::from_ymd_opt(2009, 4, 1), NaiveDate::from_ymd_opt(2009, 6, 30))
///     .explain(false);
/// assert!(!opts.explains());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScheduleOptions {
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    horizon: Option<NaiveDate>,
    explain: bool,
    max_occurrences: u32,
}

impl Default for ScheduleOptions {
    fn default() -> Self {
        ScheduleOptions {
            from: None,
            to: None,
            horizon: None,
            explain: true,
            max_occurrences: MAX_OCCURRENCES,
        }
    }
}

impl ScheduleOptions {
    /// Explanations on, no window, the default horizon.
    pub fn new() -> ScheduleOptions {
        ScheduleOptions::default()
    }

    /// Keeps only deadlines and events from `from` through `to` (either
    /// open). Recurring duties are expanded through `to`.
    pub fn window(mut self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> ScheduleOptions {
        self.from = from;
        self.to = to;
        self
    }

    /// Expands recurring duties through this date (default: the window's
    /// end, or [`DEFAULT_HORIZON_DAYS`] after the latest date the docket
    /// names).
    pub fn horizon(mut self, horizon: Option<NaiveDate>) -> ScheduleOptions {
        self.horizon = horizon;
        self
    }

    /// Builds explanations (on by default; off is much faster).
    pub fn explain(mut self, yes: bool) -> ScheduleOptions {
        self.explain = yes;
        self
    }

    /// True when explanations are built.
    pub fn explains(&self) -> bool {
        self.explain
    }

    /// The horizon the options set (the horizon, else the window's end).
    pub(crate) fn explicit_horizon(&self) -> Option<NaiveDate> {
        self.horizon.or(self.to)
    }

    /// Caps occurrences per recurring duty (at most [`MAX_OCCURRENCES`]).
    pub fn max_occurrences(mut self, n: u32) -> ScheduleOptions {
        self.max_occurrences = n.clamp(1, MAX_OCCURRENCES);
        self
    }
}

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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deadline {
    /// Stable id: `case/obligation/n`.
    pub id: String,
    /// The obligation's id.
    pub obligation: String,
    /// The occurrence, from 1 (1 for a one-off obligation).
    pub occurrence: u32,
    /// What is due.
    pub title: String,
    /// The last day to act (the earliest safe reading).
    pub due: NaiveDate,
    /// The last moment, for periods in hours (local time at the court).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "super::model::local_datetime_opt::serialize"
    )]
    pub at: Option<NaiveDateTime>,
    /// A later date another reading of the rules gives.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latest: Option<NaiveDate>,
    /// Why the later reading exists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latest_reason: Option<String>,
    /// Who must act.
    pub parties: Vec<String>,
    /// Open, filed, late or vacated.
    pub status: DeadlineStatus,
    /// When it was filed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filed: Option<NaiveDate>,
    /// The rule or order that imposes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cite: Option<String>,
    /// How the date was found, step by step, with citations.
    pub explain: Vec<String>,
    /// Changes that bear on this deadline (directly or through what it
    /// counts from), in log order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<ChangeRef>,
    /// Ids of the events and obligations this deadline counts from.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<String>,
    /// How the date is set, in brief ("7 days before confirmation-hearing",
    /// "fixed by order", "every 2 weeks from the previous filing").
    pub basis: Cow<'static, str>,
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
        serialize_with = "super::model::local_datetime_opt::serialize"
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
    /// How the date was found.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub explain: Vec<String>,
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
}

/// The docket with its changes applied, plus what the model cannot say.
#[derive(Debug, Clone)]
pub(crate) struct Applied {
    /// Events and obligations as changed.
    pub docket: Docket,
    /// (obligation, occurrence) -> (new due date, change index).
    pub ext: BTreeMap<(String, u32), (NaiveDate, usize)>,
    /// obligation -> (vacated from, change index or None for the file's
    /// `status`).
    pub vac_from: BTreeMap<String, (Option<NaiveDate>, Option<usize>)>,
    /// (obligation, occurrence) -> change index.
    pub vac_occ: BTreeMap<(String, u32), usize>,
    /// id -> changes that touched it.
    pub touched: BTreeMap<String, Vec<usize>>,
}

/// Applies the whole changes log.
pub(crate) fn apply_all(d: &Docket) -> Result<Applied> {
    let mut a = Applied {
        docket: Docket {
            changes: Vec::new(),
            ..d.clone()
        },
        ext: BTreeMap::new(),
        vac_from: BTreeMap::new(),
        vac_occ: BTreeMap::new(),
        touched: BTreeMap::new(),
    };
    for (id, o) in &d.obligations {
        if o.status == ObligationStatus::Vacated {
            a.vac_from.insert(id.clone(), (None, None));
        }
    }
    for (i, ch) in d.changes.iter().enumerate() {
        apply_one(&mut a, i, ch)
            .map_err(|e| e.context(format!("change {} (on {})", i + 1, ch.on)))?;
    }
    Ok(a)
}

pub(crate) fn apply_one(a: &mut Applied, i: usize, ch: &Change) -> Result<()> {
    let unknown = |what: &str, id: &str| Error::invalid(format!("unknown {what} \"{id}\""));
    let action = ch.action()?;
    let target = ch.target().unwrap_or_default().to_string();
    match action {
        Action::Move { event, to } => {
            let e = a
                .docket
                .events
                .get_mut(&event)
                .ok_or_else(|| unknown("event", &event))?;
            match to {
                super::model::EventTime::Date(d) => {
                    e.date = Some(When::Date(d));
                    e.at = None;
                    e.ends = None;
                }
                super::model::EventTime::At(t) => {
                    if let Some(end) = e.ends {
                        if end <= t.time() {
                            e.ends = None;
                        }
                    }
                    e.date = None;
                    e.at = Some(t);
                }
            }
        }
        Action::Cancel { event } => {
            let e = a
                .docket
                .events
                .get_mut(&event)
                .ok_or_else(|| unknown("event", &event))?;
            e.status = EventStatus::Cancelled;
        }
        Action::Extend {
            obligation,
            occurrence,
            to,
        } => {
            if !a.docket.obligations.contains_key(&obligation) {
                return Err(unknown("obligation", &obligation));
            }
            a.ext.insert((obligation, occurrence.unwrap_or(1)), (to, i));
        }
        Action::Vacate {
            obligation,
            occurrence,
        } => {
            if !a.docket.obligations.contains_key(&obligation) {
                return Err(unknown("obligation", &obligation));
            }
            match occurrence {
                Some(n) => {
                    a.vac_occ.insert((obligation, n), i);
                }
                None => {
                    a.vac_from.insert(obligation, (Some(ch.on), Some(i)));
                }
            }
        }
        Action::Reinstate { obligation } => {
            let o = a
                .docket
                .obligations
                .get_mut(&obligation)
                .ok_or_else(|| unknown("obligation", &obligation))?;
            o.status = ObligationStatus::Active;
            a.vac_from.remove(&obligation);
            a.vac_occ.retain(|(ob, _), _| *ob != obligation);
        }
        Action::File { obligation } => {
            let o = a
                .docket
                .obligations
                .get_mut(&obligation)
                .ok_or_else(|| unknown("obligation", &obligation))?;
            let pos = o.filed.partition_point(|d| *d <= ch.on);
            o.filed.insert(pos, ch.on);
        }
        Action::AddEvent { id, event } => {
            if a.docket.events.contains_key(&id) || a.docket.obligations.contains_key(&id) {
                return Err(Error::invalid(format!("id \"{id}\" is already used")));
            }
            a.docket.events.insert(id, *event);
        }
        Action::AddObligation { id, obligation } => {
            if a.docket.events.contains_key(&id) || a.docket.obligations.contains_key(&id) {
                return Err(Error::invalid(format!("id \"{id}\" is already used")));
            }
            a.docket.obligations.insert(id, *obligation);
        }
    }
    a.touched.entry(target).or_default().push(i);
    Ok(())
}

/// What an item counts from.
pub(crate) fn dependencies(d: &Docket, id: &str) -> Vec<String> {
    let mut out = Vec::new();
    let rel = |w: &Option<When>, out: &mut Vec<String>| {
        if let Some(When::Relative(r)) = w {
            if let Some((t, _)) = r.reference() {
                out.push(t.to_string());
            }
        }
    };
    if let Some(e) = d.events.get(id) {
        rel(&e.date, &mut out);
    }
    if let Some(o) = d.obligations.get(id) {
        rel(&o.due, &mut out);
        rel(&o.first_due, &mut out);
        if let Some(Until::Event(e)) = o.repeat.as_ref().and_then(|r| r.until.as_ref()) {
            out.push(e.clone());
        }
    }
    out
}

/// Items in dependency order (what an item counts from comes first), or the
/// cycle that prevents it.
pub(crate) fn topo_order(d: &Docket) -> std::result::Result<Vec<String>, Vec<String>> {
    let ids: Vec<&String> = d.events.keys().chain(d.obligations.keys()).collect();
    let mut state: BTreeMap<&str, u8> = BTreeMap::new(); // 1 visiting, 2 done
    let mut order = Vec::with_capacity(ids.len());
    for root in ids {
        if state.get(root.as_str()) == Some(&2) {
            continue;
        }
        // Iterative DFS: (id, deps, next dep index).
        let mut stack: Vec<(String, Vec<String>, usize)> =
            vec![(root.clone(), dependencies(d, root), 0)];
        state.insert(root_key(d, root), 1);
        while let Some((id, deps, i)) = stack.last_mut() {
            if *i < deps.len() {
                let dep = deps[*i].clone();
                *i += 1;
                let Some(key) = known_key(d, &dep) else {
                    continue;
                };
                match state.get(key) {
                    Some(2) => {}
                    Some(_) => {
                        let start = stack.iter().position(|(s, ..)| *s == dep).unwrap_or(0);
                        let mut cycle: Vec<String> =
                            stack[start..].iter().map(|(s, ..)| s.clone()).collect();
                        cycle.push(dep);
                        return Err(cycle);
                    }
                    None => {
                        state.insert(key, 1);
                        let deps = dependencies(d, key);
                        stack.push((key.to_string(), deps, 0));
                    }
                }
            } else {
                let done = id.clone();
                stack.pop();
                if let Some(k) = known_key(d, &done) {
                    state.insert(k, 2);
                }
                order.push(done);
            }
        }
    }
    Ok(order)
}

fn root_key<'a>(d: &'a Docket, id: &str) -> &'a str {
    known_key(d, id).unwrap_or("")
}

fn known_key<'a>(d: &'a Docket, id: &str) -> Option<&'a str> {
    d.events
        .get_key_value(id)
        .map(|(k, _)| k.as_str())
        .or_else(|| d.obligations.get_key_value(id).map(|(k, _)| k.as_str()))
}

/// A dependency cycle, if any, as a path of ids.
pub(crate) fn find_cycle(d: &Docket) -> Option<Vec<String>> {
    topo_order(d).err()
}

/// Parses an RFC 5545 RRULE value the way schedules use it.
pub(crate) fn check_rrule(rule: &str) -> Result<()> {
    rrule_set(
        rule,
        NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default(),
    )
    .map(|_| ())
}

fn rrule_set(rule: &str, start: NaiveDate) -> Result<rrule::RRuleSet> {
    let rule = rule.trim();
    let rule = rule.strip_prefix("RRULE:").unwrap_or(rule);
    if rule.contains(['\n', '\r']) || rule.to_ascii_uppercase().contains("DTSTART") {
        return Err(Error::invalid(
            "give only the RRULE value (e.g. FREQ=WEEKLY;INTERVAL=2); its DTSTART is first_due",
        ));
    }
    let text = format!("DTSTART:{}T000000Z\nRRULE:{rule}", start.format("%Y%m%d"));
    text.parse::<rrule::RRuleSet>()
        .map_err(|e| Error::invalid(format!("\"{rule}\": {e}")))
}

/// A docket that passed validation, with its calendar and dependency order
/// ready: scheduling it cannot fail on its structure.
#[derive(Debug, Clone)]
pub struct CheckedDocket {
    pub(crate) docket: Docket,
    pub(crate) applied: Applied,
    pub(crate) calendar: Arc<Calendar>,
    pub(crate) family: RuleFamily,
    pub(crate) order: Vec<String>,
    /// What each item counts from.
    pub(crate) deps: FnvMap<String, Vec<String>>,
    /// Each item's position in `order`.
    pub(crate) index: FnvMap<String, usize>,
    /// The horizon when the options give none (see `scan_horizon`).
    pub(crate) default_horizon: NaiveDate,
}

impl Docket {
    /// Validates the docket and prepares it for scheduling.
    ///
    /// # Errors
    /// Every validation problem (see [`Docket::validate`]); a custom calendar
    /// that cannot be built.
    pub fn check(&self) -> Result<CheckedDocket> {
        self.validate()?;
        let applied = apply_all(self)?;
        let (calendar, family) = docket_calendar(self)?;
        let order = topo_order(&applied.docket)
            .map_err(|c| Error::invalid(format!("dependency cycle: {}", c.join(" -> "))))?;
        let deps = order
            .iter()
            .map(|id| (id.clone(), dependencies(&applied.docket, id)))
            .collect();
        let index = order
            .iter()
            .enumerate()
            .map(|(i, id)| (id.clone(), i))
            .collect();
        let mut checked = CheckedDocket {
            docket: self.clone(),
            applied,
            calendar,
            family,
            order,
            deps,
            index,
            default_horizon: NaiveDate::MIN,
        };
        checked.default_horizon = checked.scan_horizon();
        Ok(checked)
    }

    /// Validates and computes the schedule.
    ///
    /// # Errors
    /// Validation problems; a computation that leaves the calendar's years.
    ///
    /// # Example
    /// ```
    /// use docket::docket::{Docket, ScheduleOptions};
    /// let d = Docket::from_toml_str(r#"
    ///     [case]
    ///     id = "demo"
    ///     court = "nysd"
    ///     [events.hearing]
    ///     title = "Hearing"
    ///     date = "2025-06-02"
    ///     [obligations.objections]
    ///     title = "Objections"
    ///     due = { days = 7, before = "hearing" }
    /// "#)?;
    /// let s = d.schedule(&ScheduleOptions::new())?;
    /// // 7 days before Monday 2025-06-02 is Memorial Day -> Friday 2025-05-23.
    /// assert_eq!(s.deadlines[0].due.to_string(), "2025-05-23");
    /// # Ok::<(), docket::Error>(())
    /// ```
    pub fn schedule(&self, opts: &ScheduleOptions) -> Result<Schedule> {
        self.check()?.schedule(opts)
    }
}

/// The calendar and rule family a docket uses.
pub(crate) fn docket_calendar(d: &Docket) -> Result<(Arc<Calendar>, RuleFamily)> {
    let court = d.case.court.as_deref();
    let Some(spec) = &d.calendar else {
        let id =
            court.ok_or_else(|| Error::invalid("case: needs `court` or a [calendar] table"))?;
        let c = crate::calendar::court(id)?;
        return Ok((shared_calendar(id)?, c.family));
    };
    let base = spec.base.as_deref().or(court);
    let (mut b, family): (CalendarBuilder, RuleFamily) = match base {
        None | Some("federal") => (
            CalendarBuilder::new(format!("{} calendar", d.case.id))
                .rules(crate::calendar::federal_rules()),
            RuleFamily::Plain,
        ),
        Some(id) => {
            let c = crate::calendar::court(id)?;
            (c.calendar()?.to_builder(), c.family)
        }
    };
    if let Some(tz) = &spec.time_zone {
        let tz: chrono_tz::Tz = tz.parse().map_err(|_| {
            Error::invalid(format!(
                "calendar: time_zone: \"{tz}\" is not an IANA time zone"
            ))
        })?;
        b = b.time_zone(tz);
    }
    if let Some(state) = spec.state {
        b = b.state(state);
    }
    if spec.cutoff.is_some() {
        b = b.cutoff(spec.cutoff);
    }
    for c in &spec.closures {
        b = b.closure(c.clone());
    }
    for h in &spec.extra_holidays {
        b = b.rule(HolidayRule::new(
            h.name.clone(),
            crate::calendar::When::Date { date: h.date },
            Scope::Court,
            h.source
                .clone()
                .unwrap_or_else(|| "court order (docket calendar)".into()),
        ));
    }
    let cal = b.build().map_err(|e| e.context("calendar"))?;
    Ok((Arc::new(cal), spec.rules.unwrap_or(family)))
}

/// What one item computed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ItemOut {
    Event(EventEntry),
    Obligation {
        deadlines: Vec<Deadline>,
        truncated: Option<Truncation>,
    },
}

/// What one item computed to, for those that count from it and for the
/// schedule.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Slot {
    pub value: Option<Value>,
    pub ancestry: BTreeSet<usize>,
    pub out: Option<ItemOut>,
}

/// Computed items, by position in the dependency order (see
/// `CheckedDocket::index`).
#[derive(Debug, Clone, Default)]
pub(crate) struct State {
    pub slots: Vec<Option<Slot>>,
}

/// A computed date of an item, for those that count from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Value {
    date: NaiveDate,
    time: Option<NaiveTime>,
    cancelled: bool,
}

const VIOLETTE: &str = "a date set by order is not computed and does not roll (Fed. R. Civ. P. 6(a), \
                        2009 Committee Note: the rules \"do not apply when a fixed time to act is set\"; \
                        Violette v. P.A. Days, Inc., 427 F.3d 1015 (6th Cir. 2005))";

impl CheckedDocket {
    /// An item's computed slot.
    pub(crate) fn slot<'s>(&self, st: &'s State, id: &str) -> Option<&'s Slot> {
        let i = *self.index.get(id)?;
        st.slots.get(i)?.as_ref()
    }

    fn value_of(&self, st: &State, id: &str) -> Option<Value> {
        self.slot(st, id).and_then(|s| s.value)
    }

    /// Records (or, with `None`, clears) an item's slot.
    pub(crate) fn put_slot(&self, st: &mut State, id: &str, slot: Option<Slot>) {
        if let Some(&i) = self.index.get(id) {
            if st.slots.len() <= i {
                st.slots.resize(i + 1, None);
            }
            st.slots[i] = slot;
        }
    }

    fn put(&self, st: &mut State, id: &str, slot: Slot) {
        self.put_slot(st, id, Some(slot));
    }

    /// The horizon recurring duties are expanded to under `opts`.
    pub fn horizon_for(&self, opts: &ScheduleOptions) -> NaiveDate {
        self.horizon(opts)
    }

    /// The docket as written.
    pub fn docket(&self) -> &Docket {
        &self.docket
    }

    /// The docket's calendar.
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// The rule family applied.
    pub fn family(&self) -> RuleFamily {
        self.family
    }

    /// The events and obligations as changed by the changes log.
    pub fn effective(&self) -> &Docket {
        &self.applied.docket
    }

    fn change_ref(&self, i: usize) -> ChangeRef {
        let c = &self.docket.changes[i];
        ChangeRef {
            index: i + 1,
            on: c.on,
            by: c.by.clone(),
        }
    }

    fn describe_change(&self, i: usize) -> String {
        let c = &self.docket.changes[i];
        format!("change {} of {} ({})", i + 1, c.on, c.by)
    }

    /// Computes the schedule.
    ///
    /// # Errors
    /// A computation that leaves the calendar's years.
    pub fn schedule(&self, opts: &ScheduleOptions) -> Result<Schedule> {
        let mut st = State {
            slots: vec![None; self.order.len()],
        };
        let horizon = self.horizon(opts);
        for id in &self.order {
            self.compute_item(id, &mut st, horizon, opts)?;
        }
        Ok(self.assemble_owned(st, opts))
    }

    /// Builds the sorted, windowed schedule from computed items.
    pub(crate) fn assemble(&self, st: &State, opts: &ScheduleOptions) -> Schedule {
        let mut events = Vec::new();
        let mut deadlines = Vec::new();
        let mut truncated = Vec::new();
        for slot in &st.slots {
            match slot.as_ref().and_then(|s| s.out.as_ref()) {
                Some(ItemOut::Event(e)) => events.push(e.clone()),
                Some(ItemOut::Obligation {
                    deadlines: d,
                    truncated: t,
                }) => {
                    deadlines.extend(d.iter().cloned());
                    truncated.extend(t.iter().cloned());
                }
                None => {}
            }
        }
        self.finish_schedule(deadlines, events, truncated, opts)
    }

    /// The schedule from computed items, taking them (no copies).
    fn assemble_owned(&self, mut st: State, opts: &ScheduleOptions) -> Schedule {
        let mut events = Vec::new();
        let mut deadlines = Vec::new();
        let mut truncated = Vec::new();
        for slot in st.slots.iter_mut() {
            match slot.take().and_then(|s| s.out) {
                Some(ItemOut::Event(e)) => events.push(e),
                Some(ItemOut::Obligation {
                    deadlines: d,
                    truncated: t,
                }) => {
                    deadlines.extend(d);
                    truncated.extend(t);
                }
                None => {}
            }
        }
        self.finish_schedule(deadlines, events, truncated, opts)
    }

    fn finish_schedule(
        &self,
        mut deadlines: Vec<Deadline>,
        mut events: Vec<EventEntry>,
        truncated: Vec<Truncation>,
        opts: &ScheduleOptions,
    ) -> Schedule {
        deadlines.sort_by(|a, b| (a.due, a.at, &a.id).cmp(&(b.due, b.at, &b.id)));
        events.sort_by(|a, b| (a.date, a.at, &a.id).cmp(&(b.date, b.at, &b.id)));
        if opts.from.is_some() || opts.to.is_some() {
            let keep =
                |d: NaiveDate| opts.from.is_none_or(|f| d >= f) && opts.to.is_none_or(|t| d <= t);
            deadlines.retain(|dl| keep(dl.due));
            events.retain(|e| keep(e.date));
        }
        Schedule {
            case: self.applied.docket.case.id.clone(),
            deadlines,
            events,
            truncated,
        }
    }

    /// Computes one item from the values of what it counts from, and records
    /// its output.
    pub(crate) fn compute_item(
        &self,
        id: &str,
        st: &mut State,
        horizon: NaiveDate,
        opts: &ScheduleOptions,
    ) -> Result<()> {
        self.compute_item_inner(id, st, horizon, opts).map_err(|e| {
            let d = &self.applied.docket;
            let what = if d.obligations.contains_key(id) {
                "obligation"
            } else {
                "event"
            };
            e.context(format!("{what} \"{id}\""))
        })
    }

    fn compute_item_inner(
        &self,
        id: &str,
        st: &mut State,
        horizon: NaiveDate,
        opts: &ScheduleOptions,
    ) -> Result<()> {
        let d = &self.applied.docket;
        // Changes bearing on this item: its own and its sources'.
        let mut touched: BTreeSet<usize> = if self.applied.touched.is_empty() {
            BTreeSet::new()
        } else {
            self.applied
                .touched
                .get(id)
                .map(|v| v.iter().copied().collect())
                .unwrap_or_default()
        };
        let deps: &[String] = self.deps.get(id).map(Vec::as_slice).unwrap_or(&[]);
        for dep in deps {
            if let Some(slot) = self.slot(st, dep) {
                touched.extend(slot.ancestry.iter().copied());
            }
        }
        if let Some(o) = d.obligations.get(id) {
            let mut deadlines = Vec::new();
            let mut truncated = None;
            if o.repeat.is_some() {
                truncated = self.recurring(id, o, st, horizon, opts, &mut deadlines)?;
            } else {
                self.one_off(id, o, st, opts, &mut deadlines)?;
            }
            // Others count from its (first) occurrence: its filing, else its
            // due date.
            let value = deadlines.first().map(|dl| Value {
                date: dl.filed.unwrap_or(dl.due),
                time: None,
                cancelled: dl.status == DeadlineStatus::Vacated,
            });
            if !touched.is_empty() || !deps.is_empty() {
                let refs: Vec<ChangeRef> = touched.iter().map(|&i| self.change_ref(i)).collect();
                for dl in &mut deadlines {
                    dl.changes.clone_from(&refs);
                    dl.depends_on = deps.to_vec();
                }
            }
            self.put(
                st,
                id,
                Slot {
                    value,
                    ancestry: touched,
                    out: Some(ItemOut::Obligation {
                        deadlines,
                        truncated,
                    }),
                },
            );
        } else if let Some(e) = d.events.get(id) {
            let mut explain = Vec::new();
            let (date, time) = match (&e.date, e.at) {
                (_, Some(at)) => {
                    if opts.explain {
                        explain.push(format!("set for {}", at.format("%Y-%m-%dT%H:%M")));
                    }
                    (at.date(), Some(at.time()))
                }
                (Some(When::Date(date)), None) => {
                    if opts.explain {
                        explain.push(format!("set for {date}"));
                    }
                    (*date, None)
                }
                (Some(When::Relative(r)), None) => {
                    let c = self.relative(r, st, opts.explain)?;
                    explain.extend(c.explain);
                    (c.due, c.at.map(|t| t.time()))
                }
                (None, None) => return Err(Error::invalid(format!("event \"{id}\": no date"))),
            };
            if opts.explain {
                for &i in self.applied.touched.get(id).into_iter().flatten() {
                    explain.push(format!("changed by {}", self.describe_change(i)));
                }
            }
            let cancelled = e.status == EventStatus::Cancelled
                || deps
                    .iter()
                    .any(|dep| self.value_of(st, dep).is_some_and(|v| v.cancelled));
            let value = Value {
                date,
                time,
                cancelled,
            };
            let changes = touched.iter().map(|&i| self.change_ref(i)).collect();
            self.put(
                st,
                id,
                Slot {
                    value: Some(value),
                    ancestry: touched,
                    out: Some(ItemOut::Event(EventEntry {
                        id: id.to_string(),
                        title: e.title.clone(),
                        date,
                        at: time.map(|t| date.and_time(t)),
                        ends: e.ends,
                        location: e.location.clone(),
                        parties: e.parties.clone(),
                        status: e.status,
                        explain,
                        changes,
                    })),
                },
            );
        }
        Ok(())
    }

    /// Expansion horizon: the caller's, else the window's end, else a year
    /// past the latest date the docket names.
    pub(crate) fn horizon(&self, opts: &ScheduleOptions) -> NaiveDate {
        opts.horizon.or(opts.to).unwrap_or(self.default_horizon)
    }

    /// A year past the latest date the docket names.
    pub(crate) fn scan_horizon(&self) -> NaiveDate {
        let d = &self.applied.docket;
        let mut latest = NaiveDate::MIN;
        let mut see = |x: NaiveDate| latest = latest.max(x);
        for e in d.events.values() {
            match (&e.date, e.at) {
                (_, Some(t)) => see(t.date()),
                (Some(When::Date(x)), _) => see(*x),
                _ => {}
            }
        }
        for o in d.obligations.values() {
            for w in [&o.due, &o.first_due].into_iter().flatten() {
                if let When::Date(x) = w {
                    see(*x);
                }
            }
            if let Some(Until::Date(x)) = o.repeat.as_ref().and_then(|r| r.until.as_ref()) {
                see(*x);
            }
            o.filed.iter().for_each(|x| see(*x));
        }
        self.docket.changes.iter().for_each(|c| see(c.on));
        for (x, _) in self.applied.ext.values() {
            see(*x);
        }
        if latest == NaiveDate::MIN {
            return crate::calendar::last_day();
        }
        latest
            .checked_add_days(Days::new(DEFAULT_HORIZON_DAYS))
            .unwrap_or(latest)
            .min(crate::calendar::last_day())
    }

    /// Computes a relative date.
    fn relative(&self, r: &Relative, values: &State, explain: bool) -> Result<Computed> {
        let (target, dir) = r
            .reference()
            .ok_or_else(|| Error::invalid("relative date without after/before"))?;
        let v = self
            .value_of(values, target)
            .ok_or_else(|| Error::invalid(format!("\"{target}\" has no date yet")))?;
        let period = r
            .period()
            .ok_or_else(|| Error::invalid("relative date without one period"))?;
        let mut req = Request::new(v.date, period, dir)
            .service(r.service)
            .roll(r.roll.unwrap_or(Roll::Rule))
            .explain(explain);
        if period.unit == Unit::Hours {
            let t = v.time.ok_or_else(|| {
                Error::invalid(format!("\"{target}\" has no time for an hours period"))
            })?;
            req = req.at(t);
        }
        let due = req.compute(&self.calendar, self.family)?;
        let mut lines = Vec::new();
        if explain {
            let what = self.title_of(target);
            let when = match v.time {
                Some(t) if period.unit == Unit::Hours => {
                    format!("{}T{}", v.date, t.format("%H:%M"))
                }
                _ => v.date.to_string(),
            };
            let basis = if self.applied.docket.obligations.contains_key(target) {
                let filed = self
                    .applied
                    .docket
                    .obligations
                    .get(target)
                    .and_then(|o| o.filed.first())
                    .is_some();
                if filed {
                    "filed"
                } else {
                    "due"
                }
            } else {
                "on"
            };
            lines.push(format!(
                "{period} {} {what} (\"{target}\", {basis} {when}), under {}",
                if dir == Direction::After {
                    "after"
                } else {
                    "before"
                },
                due.edition()
            ));
            if let Some(s) = &r.service {
                lines.push(format!("served by {}", s.as_str()));
            }
            lines.extend(due.steps().iter().map(|s| s.to_string()));
            if let Some(l) = due.later() {
                lines.push(format!("a later reading gives {}: {}", l.date, l.reason));
            }
        }
        Ok(Computed {
            due: due.due(),
            at: due.at(),
            latest: due.later().map(|l| (l.date, l.reason.clone())),
            explain: lines,
            cancelled: v.cancelled,
            cancelled_source: v.cancelled.then(|| target.to_string()),
        })
    }

    fn title_of(&self, id: &str) -> String {
        let d = &self.applied.docket;
        d.events
            .get(id)
            .map(|e| e.title.clone())
            .or_else(|| d.obligations.get(id).map(|o| o.title.clone()))
            .unwrap_or_else(|| id.to_string())
    }

    fn when(&self, w: &When, values: &State, explain: bool) -> Result<Computed> {
        match w {
            When::Date(date) => {
                let mut lines = Vec::new();
                if explain {
                    lines.push(format!("due on {date}: {VIOLETTE}"));
                    let cal = &self.calendar;
                    if cal.is_weekend(*date)
                        || cal.notes_on(*date).iter().any(|n| !n.status.is_disputed())
                    {
                        lines.push(format!(
                            "note: {date} is not a court day ({}); the date stands, so act before it",
                            if cal.is_weekend(*date) {
                                date.format("%A").to_string()
                            } else {
                                {
                                    let mut names: Vec<&str> =
                                        cal.notes_on(*date).iter().map(|n| n.name.as_str()).collect();
                                    names.dedup();
                                    names.join(", ")
                                }
                            }
                        ));
                    }
                }
                Ok(Computed {
                    due: *date,
                    at: None,
                    latest: None,
                    explain: lines,
                    cancelled: false,
                    cancelled_source: None,
                })
            }
            When::Relative(r) => self.relative(r, values, explain),
        }
    }

    fn one_off(
        &self,
        id: &str,
        o: &super::model::Obligation,
        values: &State,
        opts: &ScheduleOptions,
        out: &mut Vec<Deadline>,
    ) -> Result<()> {
        let w = o
            .due
            .as_ref()
            .ok_or_else(|| Error::invalid(format!("obligation \"{id}\": no due date")))?;
        let c = self.when(w, values, opts.explain)?;
        out.push(self.deadline(id, o, 1, c, opts));
        Ok(())
    }

    fn deadline(
        &self,
        id: &str,
        o: &super::model::Obligation,
        n: u32,
        mut c: Computed,
        opts: &ScheduleOptions,
    ) -> Deadline {
        // Most dockets have no extensions or vacaturs: skip the lookups.
        let a = &self.applied;
        let key = if a.ext.is_empty() && a.vac_occ.is_empty() {
            None
        } else {
            Some((id.to_string(), n))
        };
        let ext = key.as_ref().and_then(|k| a.ext.get(k)).copied();
        if let Some((to, i)) = ext {
            if opts.explain {
                c.explain.push(format!(
                    "due date set to {to} by {} (computed date was {}); {VIOLETTE}",
                    self.describe_change(i),
                    c.due
                ));
            }
            c.due = to;
            c.at = None;
            c.latest = None;
        }
        let basis = match ext {
            Some((to, i)) => format!("set to {to} by change {}", i + 1).into(),
            None => basis_of(o, n),
        };
        let filed = o.filed.get(n as usize - 1).copied();
        let vacated_occ = key.as_ref().and_then(|k| a.vac_occ.get(k)).copied();
        let vacated_from = if a.vac_from.is_empty() {
            None
        } else {
            a.vac_from.get(id).copied()
        };
        let vacated = filed.is_none()
            && (vacated_occ.is_some()
                || c.cancelled
                || vacated_from.is_some_and(|(from, _)| from.is_none_or(|f| c.due >= f)));
        let status = match (filed, vacated) {
            (_, true) => DeadlineStatus::Vacated,
            (Some(f), _) if f <= c.due => DeadlineStatus::Filed,
            (Some(_), _) => DeadlineStatus::Late,
            (None, false) => DeadlineStatus::Open,
        };
        if opts.explain {
            if let Some(cite) = &o.cite {
                c.explain.insert(0, format!("imposed by {cite}"));
            }
            match (status, filed) {
                (DeadlineStatus::Filed, Some(f)) => c.explain.push(format!("filed {f}, on time")),
                (DeadlineStatus::Late, Some(f)) => {
                    let days = (f - c.due).num_days();
                    let mut s = format!(
                        "filed {f}, {days} day{} after the due date",
                        if days == 1 { "" } else { "s" }
                    );
                    if let Some((l, _)) = &c.latest {
                        if f <= *l {
                            s.push_str(&format!(" (timely under the later reading, {l})"));
                        }
                    }
                    c.explain.push(s);
                }
                _ => {}
            }
            if status == DeadlineStatus::Vacated {
                if let Some(i) = vacated_occ {
                    c.explain
                        .push(format!("vacated by {}", self.describe_change(i)));
                } else if let Some(src) = &c.cancelled_source {
                    c.explain.push(format!(
                        "vacated: \"{src}\", which it counts from, was cancelled or vacated"
                    ));
                } else if let Some((_, Some(i))) = vacated_from {
                    c.explain
                        .push(format!("vacated by {}", self.describe_change(i)));
                } else {
                    c.explain.push("vacated (status = \"vacated\")".into());
                }
            }
        }
        let (latest, latest_reason) = match c.latest {
            Some((d, r)) => (Some(d), Some(r)),
            None => (None, None),
        };
        Deadline {
            id: deadline_id(&self.applied.docket.case.id, id, n),
            obligation: id.to_string(),
            occurrence: n,
            title: o.title.clone(),
            due: c.due,
            at: c.at,
            latest,
            latest_reason,
            parties: o.parties.clone(),
            status,
            filed,
            cite: o.cite.clone(),
            explain: c.explain,
            changes: Vec::new(),
            depends_on: Vec::new(),
            basis,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn recurring(
        &self,
        id: &str,
        o: &super::model::Obligation,
        values: &State,
        horizon: NaiveDate,
        opts: &ScheduleOptions,
        out: &mut Vec<Deadline>,
    ) -> Result<Option<Truncation>> {
        let repeat = o
            .repeat
            .as_ref()
            .ok_or_else(|| Error::invalid("no repeat"))?;
        let first_w = o
            .first_due
            .as_ref()
            .ok_or_else(|| Error::invalid(format!("obligation \"{id}\": no first_due")))?;
        let first = self.when(first_w, values, opts.explain)?;
        let until = match &repeat.until {
            Some(Until::Date(d)) => Some(*d),
            Some(Until::Event(e)) => self.value_of(values, e).map(|v| v.date),
            None => None,
        };
        let count = repeat.count.unwrap_or(u32::MAX);
        let cap = opts.max_occurrences;
        // Filed occurrences are always listed, even past the horizon.
        let horizon = horizon.max(o.filed.last().copied().unwrap_or(NaiveDate::MIN));
        let grid: Option<Vec<NaiveDate>> = match &repeat.rrule {
            Some(rule) => {
                let set = rrule_set(rule, first.due)?;
                let end = horizon
                    .and_hms_opt(23, 59, 59)
                    .unwrap_or_default()
                    .and_utc()
                    .with_timezone(&rrule::Tz::UTC);
                let limit = u16::try_from(cap.min(count).saturating_add(1)).unwrap_or(u16::MAX);
                Some(
                    set.before(end)
                        .all(limit)
                        .dates
                        .iter()
                        .map(|t| t.date_naive())
                        .collect(),
                )
            }
            None => None,
        };
        let anchor = first.due;
        let mut prev: Option<(NaiveDate, Option<NaiveDate>)> = None; // (due, filed)
                                                                     // n: occurrences listed so far; k: steps of the recurrence (an
                                                                     // occurrence that rolls onto the previous one's day is merged).
        let mut n: u32 = 0;
        let mut k: u32 = 0;
        let mut computed = Some(first);
        let vac_from = self.applied.vac_from.get(id).copied();
        loop {
            k += 1;
            let next = n + 1;
            if next > count {
                return Ok(None);
            }
            if next > cap || k > cap.saturating_mul(8).saturating_add(16) {
                return Ok(Some(Truncation {
                    obligation: id.to_string(),
                    occurrences: n,
                    horizon,
                }));
            }
            let (c, nominal) = if k == 1 {
                let c = computed
                    .take()
                    .ok_or_else(|| Error::invalid("internal: first occurrence"))?;
                let nominal = c.due;
                (c, nominal)
            } else {
                match (&grid, repeat.every, repeat.from) {
                    (Some(g), _, _) => {
                        let Some(&nominal) = g.get(k as usize - 1) else {
                            // The rule ended (its own COUNT/UNTIL) or the horizon.
                            let more =
                                g.len() as u32 >= cap.min(count) || set_continues(rule_of(repeat));
                            return Ok(more.then(|| Truncation {
                                obligation: id.to_string(),
                                occurrences: n,
                                horizon,
                            }));
                        };
                        let roll = match repeat.roll {
                            None | Some(Roll::Rule) => Roll::Forward,
                            Some(r) => r,
                        };
                        let req = Request::after(nominal, Period::days(0))
                            .roll(roll)
                            .explain(opts.explain);
                        let due = req.compute(&self.calendar, self.family)?;
                        let mut lines = Vec::new();
                        if opts.explain {
                            lines.push(format!(
                                "occurrence {next} of RRULE {}: {nominal}, rolled on its own",
                                rule_of(repeat)
                            ));
                            // Skip the zero-day count that only places the
                            // grid date.
                            lines.extend(due.steps().iter().skip(1).map(|s| s.to_string()));
                        }
                        (Computed::from_due(&due, lines), nominal)
                    }
                    (None, Some(every), RepeatFrom::Schedule) => {
                        // A grid set by order: calendar dates from the first
                        // due date, each rolled on its own (not a period
                        // under Rule 6(a), so no short-period counting).
                        let period = scaled(every, k - 1)?;
                        let nominal = add_period(anchor, period)?;
                        let roll = match repeat.roll {
                            None | Some(Roll::Rule) => Roll::Forward,
                            Some(r) => r,
                        };
                        let due = Request::after(nominal, Period::days(0))
                            .roll(roll)
                            .explain(opts.explain)
                            .compute(&self.calendar, self.family)?;
                        let mut lines = Vec::new();
                        if opts.explain {
                            lines.push(format!(
                                "occurrence {next}, every {} from the first due date {anchor}: {period} after it is {nominal}, rolled on its own, under {}",
                                every,
                                due.edition()
                            ));
                            lines.extend(due.steps().iter().skip(1).map(|s| s.to_string()));
                            if let Some(l) = due.later() {
                                lines.push(format!(
                                    "a later reading gives {}: {}",
                                    l.date, l.reason
                                ));
                            }
                        }
                        (Computed::from_due(&due, lines), nominal)
                    }
                    (None, Some(every), RepeatFrom::PreviousFiling) => {
                        let (pdue, pfiled) =
                            prev.ok_or_else(|| Error::invalid("internal: previous occurrence"))?;
                        let base = pfiled.unwrap_or(pdue);
                        let nominal = self.counted(base, every, until.is_some())?;
                        let due = Request::after(base, every)
                            .roll(repeat.roll.unwrap_or(Roll::Rule))
                            .explain(opts.explain)
                            .compute(&self.calendar, self.family)?;
                        let mut lines = Vec::new();
                        if opts.explain {
                            lines.push(match pfiled {
                                Some(f) => format!(
                                    "occurrence {next}: {} after occurrence {n} was filed on {f}, under {}",
                                    every,
                                    due.edition()
                                ),
                                None => format!(
                                    "occurrence {next}: {} after occurrence {n}'s due date {pdue} (not yet filed; it will move when that occurrence is filed), under {}",
                                    every,
                                    due.edition()
                                ),
                            });
                            lines.extend(due.steps().iter().map(|s| s.to_string()));
                            if let Some(l) = due.later() {
                                lines.push(format!(
                                    "a later reading gives {}: {}",
                                    l.date, l.reason
                                ));
                            }
                        }
                        (Computed::from_due(&due, lines), nominal)
                    }
                    (None, None, _) => {
                        return Err(Error::invalid(format!(
                            "obligation \"{id}\": repeat needs every or rrule"
                        )))
                    }
                }
            };
            if until.is_some_and(|u| nominal > u) && k > 1 {
                return Ok(None);
            }
            if prev.is_some_and(|(pdue, _)| c.due <= pdue) && repeat.from == RepeatFrom::Schedule {
                // Rolled onto the previous occurrence's day: one filing
                // answers both (never two occurrences on one day).
                continue;
            }
            if prev.is_some_and(|(pdue, _)| c.due == pdue) {
                // Counted from an early filing onto the previous due day:
                // merged; the next counts from that day.
                prev = Some((c.due, None));
                continue;
            }
            let filed = o.filed.get(next as usize - 1).copied();
            if next > 1 && c.due > horizon && filed.is_none() {
                return Ok(Some(Truncation {
                    obligation: id.to_string(),
                    occurrences: n,
                    horizon,
                }));
            }
            let source_cancelled = c.cancelled;
            let dl = self.deadline(id, o, next, c, opts);
            // A vacated duty, or one whose source was cancelled, stops at its
            // first vacated occurrence.
            let stop = dl.status == DeadlineStatus::Vacated
                && (source_cancelled || vac_from.is_some())
                && !self.applied.vac_occ.contains_key(&(id.to_string(), next));
            n = next;
            prev = Some((dl.due, dl.filed));
            out.push(dl);
            if stop {
                return Ok(None);
            }
            if until.is_some_and(|u| nominal >= u) {
                return Ok(None);
            }
        }
    }
}

/// `case/obligation/n`, built without the formatting machinery (this runs
/// once per deadline).
fn deadline_id(case: &str, obligation: &str, n: u32) -> String {
    let mut digits = [0u8; 10];
    let mut i = digits.len();
    let mut v = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    let mut s = String::with_capacity(case.len() + obligation.len() + 2 + digits.len() - i);
    s.push_str(case);
    s.push('/');
    s.push_str(obligation);
    s.push('/');
    s.extend(digits[i..].iter().map(|&b| b as char));
    s
}

/// How an occurrence's date is set, in brief.
fn basis_of(o: &super::model::Obligation, n: u32) -> Cow<'static, str> {
    let when = |w: &Option<When>| -> Cow<'static, str> {
        let Some(When::Relative(r)) = w else {
            return Cow::Borrowed("fixed by order");
        };
        let (Some(p), Some((t, dir))) = (r.period(), r.reference()) else {
            return Cow::Borrowed("relative");
        };
        let side = if dir == Direction::After {
            "after"
        } else {
            "before"
        };
        let mut s = String::with_capacity(48);
        let _ = write!(s, "{p} {side} {t}");
        if let Some(sv) = r.service {
            s.push_str(", served by ");
            s.push_str(sv.as_str());
        }
        Cow::Owned(s)
    };
    match (&o.repeat, n) {
        (None, _) => when(&o.due),
        (Some(_), 1) => when(&o.first_due),
        (Some(r), _) => match (&r.rrule, r.every, r.from) {
            (Some(rule), ..) => format!("RRULE {rule}").into(),
            (None, Some(p), RepeatFrom::PreviousFiling) => {
                format!("every {p} after the previous filing").into()
            }
            (None, Some(p), RepeatFrom::Schedule) => {
                format!("every {p} from the first due date").into()
            }
            (None, None, _) => Cow::Borrowed("recurring"),
        },
    }
}

impl CheckedDocket {
    /// The date a recurrence period reaches by counting, before any roll
    /// (what `until` is compared with). Only computed when needed.
    fn counted(&self, from: NaiveDate, period: Period, needed: bool) -> Result<NaiveDate> {
        if !needed {
            return add_period(from, period);
        }
        Ok(Request::after(from, period)
            .roll(Roll::None)
            .compute(&self.calendar, self.family)?
            .due())
    }
}

fn rule_of(r: &super::model::Repeat) -> &str {
    r.rrule.as_deref().unwrap_or("")
}

/// Whether an RRULE has no COUNT or UNTIL of its own (so it ran into the
/// horizon rather than ending).
fn set_continues(rule: &str) -> bool {
    let up = rule.to_ascii_uppercase();
    !up.contains("COUNT=") && !up.contains("UNTIL=")
}

fn scaled(every: Period, k: u32) -> Result<Period> {
    let amount = every
        .amount
        .checked_mul(k)
        .ok_or_else(|| Error::range(format!("recurrence of every {every} runs too long")))?;
    Period {
        amount,
        unit: every.unit,
    }
    .check()
}

fn add_period(d: NaiveDate, p: Period) -> Result<NaiveDate> {
    let r = match p.unit {
        Unit::Days => d.checked_add_days(Days::new(p.amount.into())),
        Unit::Weeks => d.checked_add_days(Days::new(u64::from(p.amount) * 7)),
        Unit::Months => d.checked_add_months(chrono::Months::new(p.amount)),
        Unit::Years => d.checked_add_months(chrono::Months::new(p.amount.saturating_mul(12))),
        _ => None,
    };
    r.ok_or_else(|| Error::range(format!("{d} + {p} is out of range")))
}

/// One computed date with its explanation.
#[derive(Debug, Clone)]
struct Computed {
    due: NaiveDate,
    at: Option<NaiveDateTime>,
    latest: Option<(NaiveDate, String)>,
    explain: Vec<String>,
    cancelled: bool,
    cancelled_source: Option<String>,
}

impl Computed {
    fn from_due(due: &crate::compute::Due, explain: Vec<String>) -> Computed {
        Computed {
            due: due.due(),
            at: due.at(),
            latest: due.later().map(|l| (l.date, l.reason.clone())),
            explain,
            cancelled: false,
            cancelled_source: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadline_ids() {
        assert_eq!(
            deadline_id("lexington", "status-report", 3),
            "lexington/status-report/3"
        );
        assert_eq!(deadline_id("a", "b", 10), "a/b/10");
        assert_eq!(deadline_id("a", "b", 1000), "a/b/1000");
        assert_eq!(deadline_id("a", "b", u32::MAX), "a/b/4294967295");
    }
}
