//! From a docket to its schedule: every deadline in dependency order, each
//! recurring duty expanded to a horizon, each date explained.

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::{NaiveDate, NaiveTime};

use super::fnv::FnvMap;
use super::model::{Docket, EventStatus, Fold, When};
use crate::calendar::{shared_calendar, Calendar, CalendarBuilder, HolidayRule, RuleFamily, Scope};
use crate::error::{Error, Result};

mod changes;
mod deadline;
mod explanation;
mod fixed;
mod horizon;
mod items;
mod list;
mod options;
mod order;
mod output;
mod reason;
mod recurrence;
mod relative;
mod rrule_grid;
mod rules;
mod shared;
mod sorted;
mod text;
mod times;

pub use crate::compute::Reason;
pub(crate) use changes::{apply_all, apply_one, of_item, Applied};
pub use explanation::Explanation;
pub(crate) use horizon::Dates;
pub(crate) use items::{Item, Positions};
pub use list::List;
pub use options::ScheduleOptions;
pub(crate) use order::{
    dependencies, obligation_recurs, occurrence_problems, pins, recurs, topo_order,
};
pub use output::{ChangeRef, Deadline, DeadlineStatus, EventEntry, Reading, Schedule, Truncation};
pub(crate) use rrule_grid::check_rrule;
pub(crate) use shared::Shared;
pub(crate) use text::decimal;
pub use text::{DeadlineId, Text};
pub use times::resolve_local;
pub(crate) use times::{event_time_problems, move_problem};

/// Occurrences of one recurring duty expanded at most, whatever the horizon.
pub const MAX_OCCURRENCES: u32 = 1_000;
/// Days past the docket's last known date that recurring duties are expanded
/// to when no horizon or window end is given.
pub const DEFAULT_HORIZON_DAYS: u64 = 365;

/// A docket that passed validation, with its calendar and dependency order
/// ready: scheduling it cannot fail on its structure.
///
/// It is a shared handle: cloning it copies a pointer, and a schedule whose
/// explanations are written when read keeps one (see [`Explanation`]).
#[derive(Debug, Clone)]
pub struct CheckedDocket(pub(crate) Arc<Checked>);

/// What a [`CheckedDocket`] holds.
#[derive(Debug, Clone)]
pub(crate) struct Checked {
    /// The docket as written (with its rule sets added); shared with
    /// `applied` while its changes log is empty.
    pub(crate) docket: Shared<Docket>,
    pub(crate) applied: Applied,
    pub(crate) calendar: Arc<Calendar>,
    pub(crate) family: RuleFamily,
    pub(crate) order: Vec<String>,
    /// What each item counts from.
    pub(crate) deps: FnvMap<String, Vec<String>>,
    /// Each item's position in `order`.
    pub(crate) index: FnvMap<String, usize>,
    /// Occurrences named with `occurrence = N`, by recurring item (see
    /// [`pins`]).
    pub(crate) pins: FnvMap<String, u32>,
    /// The horizon when the options give none (see `scan_horizon`).
    pub(crate) default_horizon: NaiveDate,
    /// The rules its rule-counted dates use (see `Docket::rule_set`).
    pub(crate) rules: Arc<crate::rules::RuleSet>,
    /// The date whose rules every computation applies, when replaying
    /// (see [`CheckedDocket::rules_as_of`]).
    pub(crate) rules_as_of: Option<NaiveDate>,
    /// What the deadlines of each obligation share, by position in `order`.
    pub(crate) texts: deadline::ItemTexts,
    /// The docket's parties (id, name), for its schedules.
    pub(crate) parties: Arc<[(String, String)]>,
    /// Where each item of the docket as changed stands in `order`, in the
    /// order of its maps (see [`Positions`]); `None` once the items may
    /// have changed.
    pub(crate) positions: Option<Positions>,
}

impl CheckedDocket {
    /// What it holds, to change (a live schedule does): copied first if a
    /// schedule still shares it. Its items may change, so they are found by
    /// id from then on.
    pub(crate) fn held_mut(&mut self) -> &mut Checked {
        let c = Arc::make_mut(&mut self.0);
        c.positions = None;
        c
    }

    /// What it holds, to change something other than its items (the rules'
    /// date, the default horizon): their positions stay.
    pub(crate) fn settings_mut(&mut self) -> &mut Checked {
        Arc::make_mut(&mut self.0)
    }
}

impl Docket {
    /// Validates the docket and prepares it for scheduling.
    ///
    /// # Errors
    /// Every validation problem (see [`Docket::validate`]); a custom calendar
    /// that cannot be built.
    pub fn check(&self) -> Result<CheckedDocket> {
        // Validated with its rule sets added, its changes applied.
        let crate::docket::validate::Validated {
            rules,
            docket: expanded,
            applied,
            order,
        } = self.validated()?;
        let rule_problems = rules::rule_problems(&expanded, &rules);
        if !rule_problems.is_empty() {
            return Err(Error::many(crate::error::ErrorKind::Invalid, rule_problems));
        }
        let (calendar, family) = docket_calendar(self)?;
        let times = self.time_problems(calendar.time_zone());
        if !times.is_empty() {
            return Err(Error::many(crate::error::ErrorKind::Invalid, times));
        }
        let deps = order
            .iter()
            .map(|id| (id.clone(), dependencies(&applied.docket, id)))
            .collect();
        let index = order
            .iter()
            .enumerate()
            .map(|(i, id)| (id.clone(), i))
            .collect();
        let applied_docket_pins = pins(&applied.docket);
        let positions = Positions::of(&applied.docket, &index);
        let mut checked = Checked {
            docket: expanded,
            applied,
            calendar,
            family,
            order,
            deps,
            index,
            pins: applied_docket_pins,
            default_horizon: NaiveDate::MIN,
            rules,
            rules_as_of: None,
            texts: Vec::new(),
            parties: self
                .parties
                .iter()
                .map(|(id, p)| (id.clone(), p.name.clone()))
                .collect(),
            positions,
        };
        checked
            .texts
            .resize_with(checked.order.len(), Default::default);
        let mut checked = CheckedDocket(Arc::new(checked));
        checked.settings_mut().default_horizon = checked.scan_horizon();
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
    for s in &spec.settle {
        b = b.settle(s.clone());
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
    /// Its date (a recurring item's first occurrence).
    pub value: Option<Value>,
    /// Every occurrence, when the item recurs (a recurring duty, or a due
    /// date counted from one); empty otherwise.
    pub each: Vec<Value>,
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
    /// The day counted from: an event's date; an obligation's filing,
    /// else its due date.
    date: NaiveDate,
    /// An event's local time.
    time: Option<NaiveTime>,
    /// Cancelled (an event) or vacated (an obligation's occurrence).
    cancelled: bool,
    /// Filed (an obligation's occurrence).
    filed: bool,
    /// The occurrence (1 for items that do not recur).
    n: u32,
    /// Which moment an event's local time means, when it occurs twice.
    fold: Option<Fold>,
}

impl Value {
    /// What those counting from a deadline count from.
    fn of_deadline(dl: &Deadline) -> Value {
        Value {
            date: dl.filed.unwrap_or(dl.due),
            time: None,
            cancelled: dl.status == DeadlineStatus::Vacated,
            filed: dl.filed.is_some(),
            n: dl.occurrence,
            fold: None,
        }
    }
}

impl CheckedDocket {
    /// An item's computed slot.
    pub(crate) fn slot<'s>(&self, st: &'s State, id: &str) -> Option<&'s Slot> {
        let i = *self.0.index.get(id)?;
        st.slots.get(i)?.as_ref()
    }

    fn value_of(&self, st: &State, id: &str) -> Option<Value> {
        self.slot(st, id).and_then(|s| s.value)
    }

    /// Where a recurring item was cut at the horizon, if it was.
    fn truncation_of<'s>(&self, st: &'s State, id: &str) -> Option<&'s Truncation> {
        match self.slot(st, id).and_then(|s| s.out.as_ref()) {
            Some(ItemOut::Obligation { truncated, .. }) => truncated.as_ref(),
            _ => None,
        }
    }

    /// Records (or, with `None`, clears) an item's slot.
    pub(crate) fn put_slot(&self, st: &mut State, id: &str, slot: Option<Slot>) {
        if let Some(&i) = self.0.index.get(id) {
            if st.slots.len() <= i {
                st.slots.resize(i + 1, None);
            }
            st.slots[i] = slot;
        }
    }

    /// Records the slot of the item at `pos` in the dependency order.
    fn put_at(&self, st: &mut State, pos: usize, slot: Slot) {
        if st.slots.len() <= pos {
            st.slots.resize(pos + 1, None);
        }
        st.slots[pos] = Some(slot);
    }

    /// The horizon recurring duties are expanded to under `opts`.
    pub fn horizon_for(&self, opts: &ScheduleOptions) -> NaiveDate {
        self.horizon(opts)
    }

    /// The docket as written.
    pub fn docket(&self) -> &Docket {
        &self.0.docket
    }

    /// The docket's calendar.
    pub fn calendar(&self) -> &Calendar {
        &self.0.calendar
    }

    /// The rule family applied.
    pub fn family(&self) -> RuleFamily {
        self.0.family
    }

    /// The events and obligations as changed by the changes log.
    pub fn effective(&self) -> &Docket {
        &self.0.applied.docket
    }

    fn change_ref(&self, i: usize) -> ChangeRef {
        let c = &self.0.docket.changes[i];
        ChangeRef {
            index: i + 1,
            on: c.on,
            by: c.by.clone(),
        }
    }

    fn describe_change(&self, i: usize) -> String {
        let c = &self.0.docket.changes[i];
        format!("change {} of {} ({})", i + 1, c.on, c.by)
    }

    /// Computes the schedule.
    ///
    /// # Errors
    /// A computation that leaves the calendar's years; a schedule listing
    /// more than [`MAX_DOCKET_OCCURRENCES`](crate::docket::MAX_DOCKET_OCCURRENCES)
    /// occurrences.
    pub fn schedule(&self, opts: &ScheduleOptions) -> Result<Schedule> {
        if !opts.explain || opts.eagerly {
            return self.schedule_now(opts);
        }
        // Dates now; their explanations when first read.
        let mut s = self.schedule_now(&opts.explain(false))?;
        let later = explanation::Later::new(self.clone(), *opts);
        for (i, d) in (0u32..).zip(s.deadlines.iter_mut()) {
            d.explain = Explanation::later(&later, explanation::Item::Deadline(i));
        }
        for (i, e) in (0u32..).zip(s.events.iter_mut()) {
            e.explain = Explanation::later(&later, explanation::Item::Event(i));
        }
        Ok(s)
    }

    /// Computes the schedule, explanations written as it goes when `opts`
    /// explain.
    fn schedule_now(&self, opts: &ScheduleOptions) -> Result<Schedule> {
        let mut st = State {
            slots: std::iter::repeat_with(|| None)
                .take(self.0.order.len())
                .collect(),
        };
        let horizon = self.horizon(opts);
        self.compute_all(&mut st, horizon, opts)?;
        Ok(self.assemble_owned(st, opts))
    }

    /// Computes every item in dependency order, within the docket's budget
    /// of occurrences ([`MAX_DOCKET_OCCURRENCES`](crate::docket::MAX_DOCKET_OCCURRENCES)).
    pub(crate) fn compute_all(
        &self,
        st: &mut State,
        horizon: NaiveDate,
        opts: &ScheduleOptions,
    ) -> Result<()> {
        let mut listed: u64 = 0;
        let items = self.items();
        for (pos, (id, item)) in self.0.order.iter().zip(items).enumerate() {
            self.compute_item_at(pos, id, item, st, horizon, opts)
                .map_err(|e| self.item_error(id, e))?;
            if let Some(ItemOut::Obligation { deadlines, .. }) = st
                .slots
                .get(pos)
                .and_then(Option::as_ref)
                .and_then(|s| s.out.as_ref())
            {
                listed += deadlines.len() as u64;
                if listed > crate::docket::MAX_DOCKET_OCCURRENCES {
                    return Err(crate::docket::limits::docket_over_budget());
                }
            }
        }
        Ok(())
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
        sorted::sort(&mut deadlines);
        self.finish_schedule(deadlines, events, truncated, opts)
    }

    /// The schedule from computed items, taking them (no copies): each
    /// obligation's deadlines are merged into their places.
    fn assemble_owned(&self, mut st: State, opts: &ScheduleOptions) -> Schedule {
        let items = st.slots.len();
        let mut events = Vec::with_capacity(self.0.applied.docket.events.len().min(items));
        let mut runs = Vec::with_capacity(self.0.applied.docket.obligations.len().min(items));
        let mut truncated = Vec::new();
        for slot in st.slots.iter_mut() {
            match slot.take().and_then(|s| s.out) {
                Some(ItemOut::Event(e)) => events.push(e),
                Some(ItemOut::Obligation {
                    deadlines: d,
                    truncated: t,
                }) => {
                    runs.push(d);
                    truncated.extend(t);
                }
                None => {}
            }
        }
        self.finish_schedule(sorted::merge(runs), events, truncated, opts)
    }

    /// The schedule of deadlines in order (see [`sorted`]) and events.
    fn finish_schedule(
        &self,
        mut deadlines: Vec<Deadline>,
        mut events: Vec<EventEntry>,
        truncated: Vec<Truncation>,
        opts: &ScheduleOptions,
    ) -> Schedule {
        events.sort_by(|a, b| (a.date, a.at, &a.id).cmp(&(b.date, b.at, &b.id)));
        if opts.from.is_some() || opts.to.is_some() {
            let keep =
                |d: NaiveDate| opts.from.is_none_or(|f| d >= f) && opts.to.is_none_or(|t| d <= t);
            deadlines.retain(|dl| keep(dl.due));
            events.retain(|e| keep(e.date));
        }
        Schedule {
            parties: self.0.parties.clone(),
            case: self.0.applied.docket.case.id.clone(),
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
        let pos = *self
            .0
            .index
            .get(id)
            .ok_or_else(|| Error::invalid(format!("\"{id}\" is not an item of the docket")))?;
        self.compute_item_at(pos, id, self.item(id), st, horizon, opts)
            .map_err(|e| self.item_error(id, e))
    }

    /// An item's error, named: `obligation "x": ...` or `event "x": ...`.
    fn item_error(&self, id: &str, e: Error) -> Error {
        let what = if self.0.applied.docket.obligations.contains_key(id) {
            "obligation"
        } else {
            "event"
        };
        e.context(format!("{what} \"{id}\""))
    }

    /// [`CheckedDocket::compute_item`] of the item at `pos` in the
    /// dependency order (its errors not yet named).
    fn compute_item_at(
        &self,
        pos: usize,
        id: &str,
        item: Option<Item<'_>>,
        st: &mut State,
        horizon: NaiveDate,
        opts: &ScheduleOptions,
    ) -> Result<()> {
        // Changes bearing on this item: its own and its sources'.
        let mut touched: BTreeSet<usize> = if self.0.applied.touched.is_empty() {
            BTreeSet::new()
        } else {
            self.0
                .applied
                .touched
                .get(id)
                .map(|v| v.iter().copied().collect())
                .unwrap_or_default()
        };
        // (Without changes no item has any: the sources are not looked up.)
        if !self.0.applied.touched.is_empty() {
            let deps: &[String] = self.0.deps.get(id).map(Vec::as_slice).unwrap_or(&[]);
            for dep in deps {
                if let Some(slot) = self.slot(st, dep) {
                    touched.extend(slot.ancestry.iter().copied());
                }
            }
        }
        if let Some(Item::Obligation(o)) = item {
            // (A recurring duty's run is sized when its horizon is known.)
            let mut deadlines = Vec::with_capacity(usize::from(o.repeat.is_none()));
            let (recurs, truncated) = if o.repeat.is_some() {
                (
                    true,
                    self.recurring(pos, id, o, st, horizon, opts, &mut deadlines)?,
                )
            } else {
                self.one_off(pos, id, o, st, opts, &mut deadlines)?
            };
            // Others count from an occurrence: its filing, else its due date.
            let value = deadlines.first().map(Value::of_deadline);
            let each = if recurs {
                deadlines.iter().map(Value::of_deadline).collect()
            } else {
                Vec::new()
            };
            // (Each deadline names what it counts from already.)
            if !touched.is_empty() {
                let refs: List<ChangeRef> = touched
                    .iter()
                    .map(|&i| self.change_ref(i))
                    .collect::<Vec<_>>()
                    .into();
                for dl in &mut deadlines {
                    dl.changes = refs.clone();
                }
            }
            self.put_at(
                st,
                pos,
                Slot {
                    value,
                    each,
                    ancestry: touched,
                    out: Some(ItemOut::Obligation {
                        deadlines,
                        truncated,
                    }),
                },
            );
        } else if let Some(Item::Event(e)) = item {
            let mut explain = Vec::new();
            let mut source_cancelled = false;
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
                    let c = self.relative(r, st, "date", opts.explain)?;
                    explain.extend(c.explain);
                    source_cancelled = c.cancelled;
                    (c.due, c.at.map(|t| t.time()))
                }
                (None, None) => return Err(Error::invalid("no date")),
            };
            if opts.explain {
                for &i in self.0.applied.touched.get(id).into_iter().flatten() {
                    explain.push(format!("changed by {}", self.describe_change(i)));
                }
            }
            let cancelled = e.status == EventStatus::Cancelled || source_cancelled;
            let value = Value {
                date,
                time,
                cancelled,
                filed: false,
                n: 1,
                fold: e.fold,
            };
            let changes = touched.iter().map(|&i| self.change_ref(i)).collect();
            self.put_at(
                st,
                pos,
                Slot {
                    value: Some(value),
                    each: Vec::new(),
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
                        // Kept when the start or the end occurs twice.
                        fold: e.fold.filter(|_| {
                            time.is_some_and(|t| {
                                self.occurs_twice(date.and_time(t))
                                    || e.ends.is_some_and(|x| self.occurs_twice(date.and_time(x)))
                            })
                        }),
                        explain: explain.into(),
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
        opts.horizon.or(opts.to).unwrap_or(self.0.default_horizon)
    }
}

#[cfg(test)]
mod tests;
