//! What moved between two schedules, by how much, and why.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::schedule::{Deadline, DeadlineStatus, EventEntry, Schedule};

/// Whether a diff entry is a deadline or an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// A deadline (`case/obligation/n`).
    Deadline,
    /// An event (its id).
    Event,
}

/// A deadline or event whose date changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Moved {
    /// The deadline id or event id.
    pub id: String,
    /// Deadline or event.
    pub kind: ItemKind,
    /// Its title.
    pub title: String,
    /// The old date.
    pub from: NaiveDate,
    /// The new date.
    pub to: NaiveDate,
    /// The old time, for timed items.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "super::model::local_datetime_opt::serialize"
    )]
    pub from_at: Option<NaiveDateTime>,
    /// The new time, for timed items.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "super::model::local_datetime_opt::serialize"
    )]
    pub to_at: Option<NaiveDateTime>,
    /// Calendar days moved (negative: earlier).
    pub days: i64,
    /// What moved it, from the first moved source to this item.
    pub chain: Vec<String>,
    /// The new date is before the change's date: already past.
    pub past: bool,
}

/// A deadline or event added, removed or vacated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    /// The deadline id or event id.
    pub id: String,
    /// Deadline or event.
    pub kind: ItemKind,
    /// Its title.
    pub title: String,
    /// Its date.
    pub date: NaiveDate,
    /// The date is before the change's date.
    pub past: bool,
}

/// A deadline whose status changed without moving (filed, reinstated).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusChange {
    /// The deadline id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The old status.
    pub from: DeadlineStatus,
    /// The new status.
    pub to: DeadlineStatus,
}

/// The difference between two schedules, keyed by the stable deadline and
/// event ids.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Diff {
    /// Items whose date moved.
    pub moved: Vec<Moved>,
    /// Items only in the new schedule.
    pub added: Vec<Item>,
    /// Items only in the old schedule.
    pub removed: Vec<Item>,
    /// Deadlines newly vacated.
    pub vacated: Vec<Item>,
    /// Deadlines whose status changed otherwise (filed, reinstated).
    pub status_changed: Vec<StatusChange>,
    /// Ids of items that did not change (for a [`LiveSchedule`] diff, only
    /// among the items the change made it recompute).
    ///
    /// [`LiveSchedule`]: super::LiveSchedule
    pub unchanged: Vec<String>,
    /// Loud warnings (a deadline moved into the past).
    pub warnings: Vec<String>,
}

/// One comparable entry.
#[derive(Clone, Copy)]
enum Entry<'a> {
    D(&'a Deadline),
    E(&'a EventEntry),
}

impl Entry<'_> {
    fn id(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Entry::D(d) => d.id.to_string().into(),
            Entry::E(e) => e.id.as_str().into(),
        }
    }
    fn kind(&self) -> ItemKind {
        match self {
            Entry::D(_) => ItemKind::Deadline,
            Entry::E(_) => ItemKind::Event,
        }
    }
    fn title(&self) -> &str {
        match self {
            Entry::D(d) => &d.title,
            Entry::E(e) => &e.title,
        }
    }
    fn date(&self) -> NaiveDate {
        match self {
            Entry::D(d) => d.due,
            Entry::E(e) => e.date,
        }
    }
    fn at(&self) -> Option<NaiveDateTime> {
        match self {
            Entry::D(d) => d.at,
            Entry::E(e) => e.at,
        }
    }
    fn item(&self) -> Item {
        Item {
            id: self.id().to_string(),
            kind: self.kind(),
            title: self.title().to_string(),
            date: self.date(),
            past: false,
        }
    }
    /// How those that count from this item find it: an event by its id,
    /// an obligation's occurrence by `obligation#n`.
    fn source_key(&self) -> String {
        match self {
            Entry::E(e) => e.id.clone(),
            Entry::D(d) => occurrence_key(&d.obligation, d.occurrence),
        }
    }
}

fn occurrence_key(obligation: &str, n: u32) -> String {
    format!("{obligation}#{n}")
}

fn entries<'a>(deadlines: &'a [Deadline], events: &'a [EventEntry]) -> Vec<Entry<'a>> {
    events
        .iter()
        .map(Entry::E)
        .chain(deadlines.iter().map(Entry::D))
        .collect()
}

impl Diff {
    /// Compares two schedules (before and after a change, or two versions
    /// of a docket).
    ///
    /// # Example
    /// ```
    /// use docket::docket::{Change, Diff, Docket, EventTime, ScheduleOptions};
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
    /// "#)?;
    /// let on = chrono::NaiveDate::from_ymd_opt(2025, 5, 1).unwrap();
    /// let to = EventTime::Date(chrono::NaiveDate::from_ymd_opt(2025, 6, 16).unwrap());
    /// let after = d.with_change(docket::docket::Change::move_event(on, "Order", "hearing", to))?;
    /// let opts = ScheduleOptions::new();
    /// let diff = Diff::between(&d.schedule(&opts)?, &after.schedule(&opts)?);
    /// assert_eq!(diff.moved.len(), 2); // the hearing and the objections
    /// assert_eq!(diff.moved[0].id, "demo/objections/1");
    /// assert_eq!(diff.moved[0].to.to_string(), "2025-06-09");
    /// assert_eq!(diff.moved[0].chain[0], "Hearing moved to 2025-06-16");
    /// # Ok::<(), docket::Error>(())
    /// ```
    pub fn between(before: &Schedule, after: &Schedule) -> Diff {
        Diff::between_parts(
            (&before.deadlines, &before.events),
            (&after.deadlines, &after.events),
        )
    }

    pub(crate) fn between_parts(
        before: (&[Deadline], &[EventEntry]),
        after: (&[Deadline], &[EventEntry]),
    ) -> Diff {
        let old = entries(before.0, before.1);
        let new = entries(after.0, after.1);
        let old_by: HashMap<std::borrow::Cow<'_, str>, Entry<'_>> =
            old.iter().map(|e| (e.id(), *e)).collect();
        let new_by: HashMap<std::borrow::Cow<'_, str>, Entry<'_>> =
            new.iter().map(|e| (e.id(), *e)).collect();
        let mut diff = Diff::default();
        // Moved sources, for the chains: source key -> (entry, from).
        let mut moved_sources: HashMap<String, (Entry<'_>, NaiveDate)> = HashMap::new();
        let mut moved_entries = Vec::new();
        for n in &new {
            let Some(o) = old_by.get(n.id().as_ref()) else {
                diff.added.push(n.item());
                continue;
            };
            if let (Entry::D(od), Entry::D(nd)) = (o, n) {
                if nd.status == DeadlineStatus::Vacated && od.status != DeadlineStatus::Vacated {
                    diff.vacated.push(n.item());
                    continue;
                }
                if nd.status != od.status && nd.due == od.due {
                    // A filing moves what counts from the obligation: it is
                    // a source for the chains.
                    moved_sources.insert(n.source_key(), (*n, o.date()));
                    diff.status_changed.push(StatusChange {
                        id: nd.id.to_string(),
                        title: nd.title.to_string(),
                        from: od.status,
                        to: nd.status,
                    });
                    continue;
                }
            }
            if o.date() != n.date() || o.at() != n.at() {
                moved_sources.insert(n.source_key(), (*n, o.date()));
                moved_entries.push((*o, *n));
            } else {
                diff.unchanged.push(n.id().to_string());
            }
        }
        for o in &old {
            if !new_by.contains_key(o.id().as_ref()) {
                diff.removed.push(o.item());
            }
        }
        for (o, n) in moved_entries {
            diff.moved.push(Moved {
                id: n.id().to_string(),
                kind: n.kind(),
                title: n.title().to_string(),
                from: o.date(),
                to: n.date(),
                from_at: o.at(),
                to_at: n.at(),
                days: (n.date() - o.date()).num_days(),
                chain: chain(n, &moved_sources),
                past: false,
            });
        }
        diff.moved.sort_by(|a, b| (a.to, &a.id).cmp(&(b.to, &b.id)));
        // Ids in natural order: "x/2" before "x/10".
        diff.unchanged.sort_by(|a, b| natural(a).cmp(&natural(b)));
        diff
    }

    /// Marks items that now fall before `on` (the change's date) and adds a
    /// warning for each.
    pub fn flag_past(&mut self, on: NaiveDate) {
        for m in &mut self.moved {
            if m.to < on && m.kind == ItemKind::Deadline {
                m.past = true;
                self.warnings.push(format!(
                    "{} ({}) now falls on {}, before the change's date {on}: already past",
                    m.id, m.title, m.to
                ));
            }
        }
        for a in &mut self.added {
            if a.date < on && a.kind == ItemKind::Deadline {
                a.past = true;
                self.warnings.push(format!(
                    "{} ({}) is added with date {}, before the change's date {on}: already past",
                    a.id, a.title, a.date
                ));
            }
        }
    }

    /// True when nothing moved, appeared, disappeared or changed status.
    pub fn is_empty(&self) -> bool {
        self.moved.is_empty()
            && self.added.is_empty()
            && self.removed.is_empty()
            && self.vacated.is_empty()
            && self.status_changed.is_empty()
    }

    /// A readable report.
    pub fn report(&self) -> String {
        let mut out = String::new();
        for w in &self.warnings {
            let _ = writeln!(out, "WARNING: {w}");
        }
        if self.is_empty() {
            let _ = writeln!(out, "No date moves.");
        }
        if !self.moved.is_empty() {
            let _ = writeln!(out, "Moved ({}):", self.moved.len());
            for m in &self.moved {
                let when = |d: NaiveDate, t: Option<NaiveDateTime>| {
                    t.map_or(d.to_string(), |t| t.format("%Y-%m-%d %H:%M").to_string())
                };
                let _ = writeln!(
                    out,
                    "  {} -> {}  ({:+} day{})  {}  {}{}",
                    when(m.from, m.from_at),
                    when(m.to, m.to_at),
                    m.days,
                    if m.days.abs() == 1 { "" } else { "s" },
                    m.id,
                    m.title,
                    if m.past { "  [PAST]" } else { "" }
                );
                if m.chain.len() > 1 {
                    let _ = writeln!(out, "      because: {}", m.chain.join(" -> "));
                }
            }
        }
        for (name, list) in [
            ("Added", &self.added),
            ("Removed", &self.removed),
            ("Vacated", &self.vacated),
        ] {
            if !list.is_empty() {
                let _ = writeln!(out, "{name} ({}):", list.len());
                for i in list {
                    let _ = writeln!(
                        out,
                        "  {}  {}  {}{}",
                        i.date,
                        i.id,
                        i.title,
                        if i.past { "  [PAST]" } else { "" }
                    );
                }
            }
        }
        if !self.status_changed.is_empty() {
            let _ = writeln!(out, "Status changed ({}):", self.status_changed.len());
            for s in &self.status_changed {
                let _ = writeln!(
                    out,
                    "  {}  {} -> {}  {}",
                    s.id,
                    s.from.as_str(),
                    s.to.as_str(),
                    s.title
                );
            }
        }
        if !self.unchanged.is_empty() {
            let _ = writeln!(out, "Unchanged: {}", self.unchanged.len());
        }
        out
    }
}

/// A sort key that orders a trailing occurrence number numerically.
fn natural(id: &str) -> (&str, u64) {
    match id.rsplit_once('/').map(|(head, n)| (head, n.parse())) {
        Some((head, Ok(n))) => (head, n),
        _ => (id, 0),
    }
}

/// The chain of moved sources that moved `n`, first source first.
fn chain(n: Entry<'_>, moved: &HashMap<String, (Entry<'_>, NaiveDate)>) -> Vec<String> {
    let mut path = vec![n];
    let mut seen: BTreeMap<String, ()> = BTreeMap::new();
    let mut cur = n;
    while let Entry::D(d) = cur {
        // An event by its id; an obligation's occurrence: the one counted
        // from (the first, for one that does not recur).
        let next = d.depends_on.iter().find_map(|dep| {
            moved
                .get(dep.as_str())
                .or_else(|| moved.get(&occurrence_key(dep, d.from_occurrence.unwrap_or(1))))
                .map(|(e, _)| *e)
        });
        match next {
            Some(e) if seen.insert(e.id().to_string(), ()).is_none() && path.len() < 64 => {
                path.push(e);
                cur = e;
            }
            _ => break,
        }
    }
    path.reverse();
    path.iter()
        .enumerate()
        .map(|(i, e)| match (i, e) {
            (0, Entry::E(ev)) => format!(
                "{} moved to {}",
                ev.title,
                ev.at.map_or(ev.date.to_string(), |t| t
                    .format("%Y-%m-%d %H:%M")
                    .to_string())
            ),
            (_, Entry::E(ev)) => format!("{} ({}) on {}", ev.title, ev.id, ev.date),
            (_, Entry::D(d)) => match d.filed {
                Some(f) => format!("{} ({}): due {}, filed {f}", d.title, d.basis, d.due),
                None => format!("{} ({}): due {}", d.title, d.basis, d.due),
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order_of_ids() {
        let mut ids = vec!["c/a/10", "c/a/2", "c/a/1", "c/b/1", "event"];
        ids.sort_by(|a, b| natural(a).cmp(&natural(b)));
        assert_eq!(ids, ["c/a/1", "c/a/2", "c/a/10", "c/b/1", "event"]);
    }
}
