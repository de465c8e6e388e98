//! Changes as values, and incremental recomputation: a change recomputes
//! only what depends on it, with the same result as a full recompute.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::diff::{Diff, Entry};
use super::fnv::FnvMap;
use super::model::{Change, ChangeAction, Docket};
use super::schedule::{
    apply_one, dependencies, of_item, pins, CheckedDocket, Dates, ItemOut, Schedule,
    ScheduleOptions, Slot, State,
};
use crate::error::{Error, Result};

impl Docket {
    /// A new docket with `change` appended to its changes log; `self` is
    /// untouched.
    ///
    /// # Errors
    /// The change is malformed, names an unknown item, or leaves the docket
    /// invalid; every problem is named.
    pub fn with_change(&self, change: Change) -> Result<Docket> {
        let mut next = self.clone();
        next.changes.push(change);
        next.validate()?;
        Ok(next)
    }

    /// A new docket without its last change (undo), or `None` when the log
    /// is empty.
    pub fn without_last_change(&self) -> Option<Docket> {
        let mut next = self.clone();
        next.changes.pop()?;
        Some(next)
    }
}

/// An item's computed state before a change, by position in the
/// dependency order.
type SavedItem = (usize, Option<Slot>);

/// What an applied change replaced, to undo it exactly.
#[derive(Debug, Clone)]
struct Undo {
    target: String,
    event: Option<super::model::Event>,
    obligation: Option<super::model::Obligation>,
    ext: Vec<((String, u32), (NaiveDate, usize))>,
    vac_from: Option<(Option<NaiveDate>, Option<usize>)>,
    vac_occ: Vec<((String, u32), usize)>,
    touched: Option<Vec<usize>>,
    added: bool,
    /// What an added item counts from (the lists of dependents it joined).
    counts_from: Vec<String>,
    horizon: NaiveDate,
    default_horizon: NaiveDate,
    /// The occurrences named with `occurrence = N`, when an add changed them.
    pins: Option<FnvMap<String, u32>>,
    /// Where its items' saved slots start in [`LiveSchedule`]'s `saved`.
    saved_from: usize,
}

/// A schedule kept up to date change by change: each change recomputes only
/// the items that depend on it, and returns the [`Diff`] it caused.
///
/// The work of [`LiveSchedule::apply`] is proportional to what depends on
/// the change. With the default horizon (a year past the latest date the
/// docket names), the live schedule keeps the docket's dates counted, so a
/// change moves the horizon without a scan of the docket.
///
/// # Example
/// ```
/// use docket::docket::{Change, Docket, EventTime, LiveSchedule, ScheduleOptions};
/// let d = Docket::from_toml_str(r#"
///     [case]
///     id = "demo"
///     court = "nysd"
///     [events.hearing]
///     title = "Hearing"
///     date = "2025-06-09"
///     [obligations.objections]
///     title = "Objections"
///     due = { days = 7, before = "hearing" }
///     [obligations.reply]
///     title = "Reply"
///     due = { days = 3, after = "objections" }
///     [obligations.letter]
///     title = "Letter"
///     due = "2025-05-30"
/// "#)?;
/// let mut live = LiveSchedule::new(d.check()?, ScheduleOptions::new())?;
/// let on = chrono::NaiveDate::from_ymd_opt(2025, 5, 1).unwrap();
/// let to = EventTime::Date(chrono::NaiveDate::from_ymd_opt(2025, 6, 16).unwrap());
/// let diff = live.apply(Change::move_event(on, "Order", "hearing", to))?;
/// // The hearing, the objections and the reply moved; the fixed letter did not.
/// assert_eq!(diff.moved.len(), 3);
/// assert_eq!(live.schedule(), live.docket().schedule(&ScheduleOptions::new())?);
/// live.undo().unwrap()?;
/// assert_eq!(live.schedule(), d.schedule(&ScheduleOptions::new())?);
/// # Ok::<(), docket::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct LiveSchedule {
    checked: CheckedDocket,
    opts: ScheduleOptions,
    horizon: NaiveDate,
    state: State,
    /// What counts from each item: positions in the dependency order.
    dependents: FnvMap<String, Vec<usize>>,
    history: Vec<Undo>,
    /// The slots each change in `history` replaced, change after change
    /// (one stack for all: no allocation per change).
    saved: Vec<SavedItem>,
    /// Without an explicit horizon: the dates the docket names, counted, so
    /// that a change moves the default horizon without a scan.
    dates: Option<Dates>,
}

impl LiveSchedule {
    /// Computes the whole schedule once.
    ///
    /// # Errors
    /// A computation that leaves the calendar's years.
    pub fn new(checked: CheckedDocket, opts: ScheduleOptions) -> Result<LiveSchedule> {
        let horizon = checked.horizon(&opts);
        let mut state = State {
            slots: vec![None; checked.0.order.len()],
        };
        checked.compute_all(&mut state, horizon, &opts)?;
        let mut dependents: FnvMap<String, Vec<usize>> = FnvMap::default();
        for (pos, id) in checked.0.order.iter().enumerate() {
            for dep in dependencies(&checked.0.applied.docket, id) {
                dependents.entry(dep).or_default().push(pos);
            }
        }
        Ok(LiveSchedule {
            opts,
            horizon,
            state,
            dependents,
            history: Vec::new(),
            saved: Vec::new(),
            dates: opts
                .explicit_horizon()
                .is_none()
                .then(|| Dates::of(&checked)),
            checked,
        })
    }

    /// The date the schedule is computed to: the options' horizon, else a
    /// year past the latest date the docket names (it moves with the
    /// changes).
    pub fn horizon(&self) -> NaiveDate {
        self.horizon
    }

    /// The docket with every change applied so far in its log.
    pub fn docket(&self) -> &Docket {
        &self.checked.0.docket
    }

    /// The current schedule (sorted and windowed as the options say).
    pub fn schedule(&self) -> Schedule {
        self.checked.assemble(&self.state, &self.opts)
    }

    /// Applies a change: validates it, records it in the log, recomputes
    /// what depends on it, and returns what moved. Items that land before
    /// the change's date are flagged in the diff's warnings.
    ///
    /// # Errors
    /// An invalid change (nothing is changed then), or a computation that
    /// leaves the calendar's years (the change is rolled back).
    pub fn apply(&mut self, change: Change) -> Result<Diff> {
        self.check_change(&change)?;
        let target = change.target().to_string();
        let default_horizon = self.checked.0.default_horizon;
        let index = self.checked.0.docket.changes.len();
        // The target's dates before the change (the default horizon follows).
        let dates_before = self
            .dates
            .as_ref()
            .map(|_| self.checked.item_dates(&target));
        let applied = &mut self.checked.held_mut().applied;
        let is_add = matches!(
            change.action,
            ChangeAction::AddEvent { .. } | ChangeAction::AddObligation { .. }
        );
        let mut undo = Undo {
            target: target.clone(),
            event: applied.docket.events.get(&target).cloned(),
            obligation: applied.docket.obligations.get(&target).cloned(),
            ext: of_item(&applied.ext, &target)
                .map(|(k, v)| (k.clone(), *v))
                .collect(),
            vac_from: applied.vac_from.get(&target).copied(),
            vac_occ: of_item(&applied.vac_occ, &target)
                .map(|(k, v)| (k.clone(), *v))
                .collect(),
            touched: applied.touched.get(&target).cloned(),
            added: is_add,
            counts_from: Vec::new(),
            horizon: self.horizon,
            default_horizon,
            pins: None,
            saved_from: self.saved.len(),
        };
        apply_one(applied, index, &change)?;
        let on = change.on;
        self.checked.held_mut().docket.changes.push(change);
        self.refresh_deps(&target);
        if let (Some(dates), Some(before)) = (&mut self.dates, dates_before) {
            let mut after = self.checked.item_dates(&target);
            after.push(on);
            dates.update(&before, &after);
            self.checked.held_mut().default_horizon = dates.horizon();
        }
        let mut roots = vec![target.clone()];
        if is_add {
            let pos = self.checked.0.order.len();
            self.checked.held_mut().order.push(target.clone());
            self.checked.held_mut().texts.push(Default::default());
            self.checked.held_mut().index.insert(target.clone(), pos);
            self.state.slots.push(None);
            let deps = dependencies(&self.checked.0.applied.docket, &target);
            for dep in &deps {
                self.dependents.entry(dep.clone()).or_default().push(pos);
            }
            undo.counts_from = deps;
            // An added item may name an occurrence of a recurring duty that
            // must then be listed whatever the horizon.
            let now = pins(&self.checked.0.applied.docket);
            if now != self.checked.0.pins {
                for (id, n) in &now {
                    if self.checked.0.pins.get(id) != Some(n) {
                        roots.push(id.clone());
                    }
                }
                undo.pins = Some(std::mem::replace(&mut self.checked.held_mut().pins, now));
            }
        }
        match self.recompute(&roots, &undo) {
            Ok(mut diff) => {
                if let Some(c) = self.checked.0.docket.changes.last() {
                    diff.flag_past(c.on);
                }
                self.history.push(undo);
                Ok(diff)
            }
            Err(e) => {
                self.restore(undo);
                Err(e)
            }
        }
    }

    /// Undoes the last change applied with [`LiveSchedule::apply`],
    /// restoring the identical schedule; returns what moved back, or `None`
    /// when there is nothing to undo.
    pub fn undo(&mut self) -> Option<Result<Diff>> {
        let undo = self.history.pop()?;
        // The slots the change computed: replaced by the saved ones.
        let positions: Vec<usize> = self.saved[undo.saved_from..]
            .iter()
            .map(|(pos, _)| *pos)
            .collect();
        let before: Vec<Option<Slot>> = positions
            .iter()
            .map(|&pos| self.state.slots.get_mut(pos).and_then(Option::take))
            .collect();
        self.restore(undo);
        let diff = diff_slots(
            before.iter().map(Option::as_ref),
            positions
                .iter()
                .map(|&pos| self.state.slots.get(pos).and_then(Option::as_ref)),
        );
        Some(Ok(diff))
    }

    fn refresh_deps(&mut self, target: &str) {
        // Its shared texts name what it counts from: built again when read.
        let c = self.checked.held_mut();
        if let Some(cell) = c.index.get(target).and_then(|&i| c.texts.get_mut(i)) {
            *cell = Default::default();
        }
        let deps = dependencies(&self.checked.0.applied.docket, target);
        if self.checked.0.applied.docket.events.contains_key(target)
            || self
                .checked
                .0
                .applied
                .docket
                .obligations
                .contains_key(target)
        {
            let all = &mut self.checked.held_mut().deps;
            match all.get_mut(target) {
                Some(d) => *d = deps,
                None => {
                    all.insert(target.to_string(), deps);
                }
            }
        } else {
            self.checked.held_mut().deps.remove(target);
        }
    }

    fn restore(&mut self, undo: Undo) {
        let t = undo.target.clone();
        // The target's dates and the change's, as applied: counted no more.
        let mut dates_after = Vec::new();
        if self.dates.is_some() {
            dates_after = self.checked.item_dates(&t);
            dates_after.extend(self.checked.0.docket.changes.last().map(|c| c.on));
        }
        let a = &mut self.checked.held_mut().applied;
        match undo.event {
            Some(e) => {
                a.docket.events.insert(t.clone(), e);
            }
            None => {
                a.docket.events.remove(&t);
            }
        }
        match undo.obligation {
            Some(o) => {
                a.docket.obligations.insert(t.clone(), o);
            }
            None => {
                a.docket.obligations.remove(&t);
            }
        }
        remove_item(&mut a.ext, &t);
        a.ext.extend(undo.ext);
        match undo.vac_from {
            Some(v) => {
                a.vac_from.insert(t.clone(), v);
            }
            None => {
                a.vac_from.remove(&t);
            }
        }
        remove_item(&mut a.vac_occ, &t);
        a.vac_occ.extend(undo.vac_occ);
        match undo.touched {
            Some(v) => {
                a.touched.insert(t.clone(), v);
            }
            None => {
                a.touched.remove(&t);
            }
        }
        self.checked.held_mut().docket.changes.pop();
        if undo.added {
            self.checked.held_mut().order.pop();
            self.checked.held_mut().texts.pop();
            self.checked.held_mut().index.remove(&t);
            self.state.slots.pop();
            // Only the lists it joined name its position.
            let pos = self.state.slots.len();
            for dep in &undo.counts_from {
                if let Some(list) = self.dependents.get_mut(dep) {
                    list.retain(|&x| x != pos);
                }
            }
        }
        self.horizon = undo.horizon;
        self.checked.held_mut().default_horizon = undo.default_horizon;
        if let Some(p) = undo.pins {
            self.checked.held_mut().pins = p;
        }
        self.refresh_deps(&t);
        if let Some(dates) = &mut self.dates {
            dates.update(&dates_after, &self.checked.item_dates(&t));
        }
        for (pos, slot) in self.saved.drain(undo.saved_from..) {
            // (An added item's position is gone.)
            if let Some(id) = self.checked.0.order.get(pos) {
                self.checked.put_slot(&mut self.state, id, slot);
            }
        }
    }

    /// Recomputes the roots and everything that depends on them.
    fn recompute(&mut self, roots: &[String], undo: &Undo) -> Result<Diff> {
        let index = &self.checked.0.index;
        let mut queue: Vec<usize> = roots
            .iter()
            .filter_map(|id| index.get(id))
            .copied()
            .collect();
        let horizon = self.checked.horizon(&self.opts);
        if horizon != self.horizon {
            // Recurring duties expand to the new horizon, and what counts
            // from each of their occurrences follows.
            self.horizon = horizon;
            for (id, o) in &self.checked.0.applied.docket.obligations {
                if o.repeat.is_some() {
                    queue.extend(index.get(id).copied());
                }
            }
        }
        let order = &self.checked.0.order;
        let mut affected: BTreeSet<usize> = BTreeSet::new();
        while let Some(pos) = queue.pop() {
            if affected.insert(pos) {
                if let Some(list) = order.get(pos).and_then(|id| self.dependents.get(id)) {
                    queue.extend(list.iter().copied());
                }
            }
        }
        let first = undo.saved_from;
        for &pos in &affected {
            let Some(id) = order.get(pos) else {
                continue;
            };
            // Its slot is computed again: the old one is kept, to undo and
            // to compare.
            let old = self.state.slots.get_mut(pos).and_then(Option::take);
            self.saved.push((pos, old));
            self.checked
                .compute_item(id, &mut self.state, self.horizon, &self.opts)?;
        }
        let saved = &self.saved[first..];
        Ok(diff_slots(
            saved.iter().map(|(_, slot)| slot.as_ref()),
            saved
                .iter()
                .map(|(pos, _)| self.state.slots.get(*pos).and_then(Option::as_ref)),
        ))
    }

    /// Cheap validation of one change against the current docket; adds are
    /// validated against the whole docket.
    fn check_change(&self, change: &Change) -> Result<()> {
        let action = &change.action;
        let d = &self.checked.0.applied.docket;
        // Messages name the change: written only for a refusal.
        let ctx = || format!("change (on {})", change.on);
        let err = |m: String| Err(Error::invalid(format!("{}: {m}", ctx())));
        if change.by.trim().is_empty() {
            return err("`by` is empty (name the order or agreement)".into());
        }
        let mut dates = Vec::new();
        super::validate::change_dates("", change, &mut dates);
        if !dates.is_empty() {
            // Found again, with the change named.
            dates.clear();
            super::validate::change_dates(&ctx(), change, &mut dates);
            return Err(Error::many(crate::error::ErrorKind::Invalid, dates));
        }
        match action {
            ChangeAction::Move { event, .. } | ChangeAction::Cancel { event } => {
                let Some(e) = d.events.get(event) else {
                    return err(if d.obligations.contains_key(event) {
                        format!("\"{event}\" is an obligation, not an event")
                    } else {
                        format!("unknown event \"{event}\"")
                    });
                };
                if let ChangeAction::Move { to, fold, .. } = action {
                    let tz = self.checked.calendar().time_zone();
                    if let Some(m) = super::schedule::move_problem(event, e, *to, *fold, tz) {
                        return err(m);
                    }
                }
            }
            ChangeAction::Extend {
                obligation,
                occurrence,
                ..
            }
            | ChangeAction::Vacate {
                obligation,
                occurrence,
            } => {
                let Some(o) = d.obligations.get(obligation) else {
                    return err(format!("unknown obligation \"{obligation}\""));
                };
                let extend = matches!(action, ChangeAction::Extend { .. });
                let count = o.repeat.as_ref().and_then(|r| r.count);
                if let Some(m) = super::validate::occurrence_problem(
                    obligation,
                    super::schedule::recurs(d, obligation),
                    count,
                    *occurrence,
                    extend,
                ) {
                    return err(m);
                }
            }
            ChangeAction::Reinstate { obligation } | ChangeAction::File { obligation } => {
                if !d.obligations.contains_key(obligation) {
                    return err(format!("unknown obligation \"{obligation}\""));
                }
            }
            ChangeAction::AddEvent { id, event } => {
                // Rare: validate the whole docket with the change.
                self.checked.0.docket.with_change(change.clone())?;
                let tz = self.checked.calendar().time_zone();
                let ctx = format!("{}: event \"{id}\"", ctx());
                let p = super::schedule::event_time_problems(&ctx, event, tz);
                if !p.is_empty() {
                    return Err(Error::many(crate::error::ErrorKind::Invalid, p));
                }
            }
            ChangeAction::AddObligation { .. } => {
                self.checked.0.docket.with_change(change.clone())?;
            }
        }
        Ok(())
    }
}

/// Removes one obligation's occurrences from a map keyed by (obligation,
/// occurrence).
fn remove_item<V>(map: &mut BTreeMap<(String, u32), V>, id: &str) {
    let keys: Vec<(String, u32)> = of_item(map, id).map(|(k, _)| k.clone()).collect();
    for k in keys {
        map.remove(&k);
    }
}

/// What moved between the slots of the same items before and after.
fn diff_slots<'a>(
    before: impl Iterator<Item = Option<&'a Slot>> + Clone,
    after: impl Iterator<Item = Option<&'a Slot>> + Clone,
) -> Diff {
    let (old, old_distinct) = entries(before);
    let (new, new_distinct) = entries(after);
    if old_distinct && new_distinct {
        Diff::between_distinct(&old, &new)
    } else {
        Diff::between_entries(&old, &new)
    }
}

/// The events, then the deadlines, of computed items; and whether their
/// ids are distinct. Items have distinct ids (an event's is a slug, an
/// obligation's deadlines are `case/obligation/n`), so they are when each
/// obligation's occurrences are.
fn entries<'a>(slots: impl Iterator<Item = Option<&'a Slot>> + Clone) -> (Vec<Entry<'a>>, bool) {
    let outs = slots.filter_map(|s| s?.out.as_ref());
    let count = outs
        .clone()
        .map(|out| match out {
            ItemOut::Event(_) => 1,
            ItemOut::Obligation { deadlines, .. } => deadlines.len(),
        })
        .sum();
    let mut entries = Vec::with_capacity(count);
    for out in outs.clone() {
        if let ItemOut::Event(e) = out {
            entries.push(Entry::E(e));
        }
    }
    let mut distinct = true;
    for out in outs {
        if let ItemOut::Obligation { deadlines, .. } = out {
            distinct &= deadlines
                .windows(2)
                .all(|w| w[0].id.occurrence() < w[1].id.occurrence());
            entries.extend(deadlines.iter().map(Entry::D));
        }
    }
    (entries, distinct)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_items_occurrences_are_found_and_removed_alone() {
        let mut map: BTreeMap<(String, u32), u32> = BTreeMap::new();
        for (id, n) in [
            ("o", 3),
            ("o1", 0),
            ("o1", 2),
            ("o1", u32::MAX),
            ("o10", 1),
            ("o0", 7),
        ] {
            map.insert((id.to_string(), n), n);
        }
        let found: Vec<u32> = of_item(&map, "o1").map(|(_, v)| *v).collect();
        assert_eq!(found, [0, 2, u32::MAX]);
        let before = map.clone();
        remove_item(&mut map, "o1");
        let rest: Vec<_> = before
            .into_iter()
            .filter(|((id, _), _)| id != "o1")
            .collect();
        assert_eq!(map.into_iter().collect::<Vec<_>>(), rest);
        assert_eq!(
            of_item(&BTreeMap::<(String, u32), u32>::new(), "o").count(),
            0
        );
    }
}
