//! What moved between two schedules, by how much, and why.

use crate::docket::date_text::{push_date, push_minute};
use std::collections::HashMap;
use std::fmt::Write;
use std::hash::{BuildHasherDefault, Hash, Hasher};

use chrono::{Datelike, NaiveDate, NaiveDateTime};
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
pub(crate) enum Entry<'a> {
    /// A deadline.
    D(&'a Deadline),
    /// An event.
    E(&'a EventEntry),
}

/// An id (or a source key) as a key that is equal exactly when the text
/// it stands for is, without writing the text out: `head<sep>n`, where `n`
/// is an occurrence written in decimal without leading zeros, is
/// `(head, Some(n))`; any other text is `(text, None)`.
#[derive(Debug, Clone, Copy, Eq)]
struct Key<'a>(&'a str, Option<u32>);

impl Hash for Key<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write(self.0.as_bytes());
        state.write_u64(self.1.map_or(u64::MAX, u64::from));
    }
}

impl PartialEq for Key<'_> {
    fn eq(&self, other: &Self) -> bool {
        // Cheapest first: the occurrences, the same text, the lengths and
        // last bytes (ids of the same length mostly differ at the end).
        let (a, b) = (self.0.as_bytes(), other.0.as_bytes());
        self.1 == other.1
            && (std::ptr::eq(a, b) || (a.len() == b.len() && a.last() == b.last() && a == b))
    }
}

impl<'a> Key<'a> {
    /// The key of the text `s` (an ASCII `sep` splits it).
    fn of(s: &'a str, sep: u8) -> Key<'a> {
        // The digits at the end, and the separator before them.
        let b = s.as_bytes();
        let digits = b.iter().rev().take_while(|c| c.is_ascii_digit()).count();
        let at = b.len() - digits;
        if digits > 0 && at > 0 && b[at - 1] == sep {
            if let (Some(head), Some(n)) = (s.get(..at - 1), s.get(at..).and_then(plain_u32)) {
                return Key(head, Some(n));
            }
        }
        Key(s, None)
    }
}

/// `s` as a `u32` when it is written as `decimal` writes one (digits, no
/// leading zero but for `0` itself).
fn plain_u32(s: &str) -> Option<u32> {
    let b = s.as_bytes();
    let digits = !b.is_empty() && b.len() <= 10 && b.iter().all(u8::is_ascii_digit);
    if !digits || (b.len() > 1 && b[0] == b'0') {
        return None;
    }
    s.parse().ok()
}

impl<'a> Entry<'a> {
    fn id(&self) -> String {
        match self {
            Entry::D(d) => {
                let mut digits = [0u8; 10];
                let n = super::decimal(d.id.occurrence(), &mut digits);
                let stem = d.id.stem();
                let mut s = String::with_capacity(stem.len() + 1 + n.len());
                s.push_str(stem);
                s.push('/');
                s.push_str(n);
                s
            }
            Entry::E(e) => e.id.clone(),
        }
    }
    /// Its id as a key (`case/obligation/n` for a deadline).
    fn id_key(&self) -> Key<'a> {
        match *self {
            Entry::D(d) => Key(d.id.stem(), Some(d.id.occurrence())),
            Entry::E(e) => Key::of(&e.id, b'/'),
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
            id: self.id(),
            kind: self.kind(),
            title: self.title().to_string(),
            date: self.date(),
            past: false,
        }
    }
    /// How those that count from this item find it: an event by its id,
    /// an obligation's occurrence by `obligation#n`.
    fn source_key(&self) -> Key<'a> {
        match *self {
            Entry::E(e) => Key::of(&e.id, b'#'),
            Entry::D(d) => Key(&d.obligation, Some(d.occurrence)),
        }
    }
}

/// The entries of a schedule's parts: events first, then deadlines.
fn entries<'a>(deadlines: &'a [Deadline], events: &'a [EventEntry]) -> Vec<Entry<'a>> {
    events
        .iter()
        .map(Entry::E)
        .chain(deadlines.iter().map(Entry::D))
        .collect()
}

/// Whole days from `from` to `to` (as `(to - from).num_days()`).
fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    i64::from(to.num_days_from_ce()) - i64::from(from.num_days_from_ce())
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
        Diff::between_entries(&entries(before.0, before.1), &entries(after.0, after.1))
    }

    /// Compares two lists of entries (each: events, then deadlines).
    pub(crate) fn between_entries(old: &[Entry<'_>], new: &[Entry<'_>]) -> Diff {
        Diff::compare(old, new, false)
    }

    /// Compares two lists of entries whose ids are known to be distinct
    /// on each side (the items of one docket before and after a change).
    pub(crate) fn between_distinct(old: &[Entry<'_>], new: &[Entry<'_>]) -> Diff {
        Diff::compare(old, new, true)
    }

    fn compare(old: &[Entry<'_>], new: &[Entry<'_>], distinct: bool) -> Diff {
        // Distinct ids in the same places on both sides: each entry's
        // counterpart is the one in its place, and none is removed.
        let aligned = distinct
            && old.len() == new.len()
            && old.iter().zip(new).all(|(o, n)| o.id_key() == n.id_key());
        // Otherwise, positions by id (the last entry of an id, as a map
        // keeps it).
        let mut old_by = Lookup::with_room(if aligned { 0 } else { old.len() });
        let mut new_keys = Lookup::with_room(if aligned { 0 } else { new.len() });
        if !aligned {
            for (i, e) in old.iter().enumerate() {
                old_by.insert(e.id_key(), i);
            }
            for (i, e) in new.iter().enumerate() {
                new_keys.insert(e.id_key(), i);
            }
        }
        let mut diff = Diff::default();
        // Moved sources, for the chains: source key -> position in `new`.
        let mut moved_sources = Lookup::with_room(new.len());
        let mut moved_entries = Vec::with_capacity(new.len().min(32));
        for (i, n) in new.iter().enumerate() {
            let found = if aligned {
                old.get(i)
            } else {
                old_by.get(&n.id_key()).map(|&j| &old[j])
            };
            let Some(o) = found else {
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
                    moved_sources.insert(n.source_key(), i);
                    diff.status_changed.push(StatusChange {
                        id: n.id(),
                        title: nd.title.to_string(),
                        from: od.status,
                        to: nd.status,
                    });
                    continue;
                }
            }
            if o.date() != n.date() || o.at() != n.at() {
                moved_sources.insert(n.source_key(), i);
                moved_entries.push((*o, i));
            } else {
                diff.unchanged.push(n.id());
            }
        }
        for o in old.iter().filter(|_| !aligned) {
            if new_keys.get(&o.id_key()).is_none() {
                diff.removed.push(o.item());
            }
        }
        let mut lines = Lookup::with_room(moved_entries.len());
        diff.moved.reserve_exact(moved_entries.len());
        for (o, i) in moved_entries {
            let n = new[i];
            diff.moved.push(Moved {
                id: n.id(),
                kind: n.kind(),
                title: n.title().to_string(),
                from: o.date(),
                to: n.date(),
                from_at: o.at(),
                to_at: n.at(),
                days: days_between(o.date(), n.date()),
                chain: chain(i, new, &moved_sources, &mut lines),
                past: false,
            });
        }
        diff.in_order();
        diff
    }

    /// Puts every list in its order, whichever way the diff was found:
    /// moves by their new date, then id; items added, removed and vacated
    /// by date, then id; the rest by id (ids in natural order: "x/2" before
    /// "x/10").
    fn in_order(&mut self) {
        self.moved.sort_by(|a, b| (a.to, &a.id).cmp(&(b.to, &b.id)));
        for items in [&mut self.added, &mut self.removed, &mut self.vacated] {
            items.sort_by(|a, b| (a.date, natural(&a.id)).cmp(&(b.date, natural(&b.id))));
        }
        self.status_changed
            .sort_by(|a, b| natural(&a.id).cmp(&natural(&b.id)));
        self.unchanged.sort_by(|a, b| natural(a).cmp(&natural(b)));
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

/// Values by key, hashed a word at a time (ids are short, and come from
/// docket files, not from an adversary: see `fnv.rs`).
struct Lookup<K, V>(HashMap<K, V, BuildHasherDefault<Words>>);

impl<K: Eq + Hash, V> Lookup<K, V> {
    /// Room for `n` keys.
    fn with_room(n: usize) -> Lookup<K, V> {
        Lookup(HashMap::with_capacity_and_hasher(n, Default::default()))
    }

    /// Records `value` for `key` (a key recorded again keeps the last).
    fn insert(&mut self, key: K, value: V) {
        self.0.insert(key, value);
    }

    fn get(&self, key: &K) -> Option<&V> {
        self.0.get(key)
    }

    /// The value for `key`, recorded first with `make` if there is none.
    fn get_or_insert_with(&mut self, key: K, make: impl FnOnce() -> V) -> &V {
        self.0.entry(key).or_insert_with(make)
    }
}

/// A hasher that takes its input eight bytes at a time (a multiply and a
/// rotate per word).
#[derive(Debug, Clone, Copy, Default)]
struct Words(u64);

impl Words {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for Words {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let mut b = [0u8; 8];
            b.copy_from_slice(w);
            self.add(u64::from_le_bytes(b));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

/// The lines of chains already written, by position in the new entries
/// and whether the line heads its chain.
type Lines = Lookup<(usize, bool), String>;

/// The chain of moved sources that moved `new[n]`, first source first.
fn chain(
    n: usize,
    new: &[Entry<'_>],
    moved: &Lookup<Key<'_>, usize>,
    lines: &mut Lines,
) -> Vec<String> {
    // At most 64 long.
    let mut path = [n; 64];
    let mut len = 1;
    let mut cur = new[n];
    while let Entry::D(d) = cur {
        // An event by its id; an obligation's occurrence: the one counted
        // from (the first, for one that does not recur).
        let next = d.depends_on.iter().find_map(|dep| {
            moved
                .get(&Key::of(dep, b'#'))
                .or_else(|| moved.get(&Key(dep, Some(d.from_occurrence.unwrap_or(1)))))
                .copied()
        });
        match next {
            // Each source once, by id (the moved entry itself may come back
            // once).
            Some(e)
                if len < 64
                    && !path[1..len]
                        .iter()
                        .any(|&p| new[p].id_key() == new[e].id_key()) =>
            {
                path[len] = e;
                len += 1;
                cur = new[e];
            }
            _ => break,
        }
    }
    let path = &mut path[..len];
    path.reverse();
    let last = len - 1;
    path.iter()
        .enumerate()
        .map(|(i, &e)| {
            // Only an event's line depends on whether it heads the chain.
            let head = i == 0 && matches!(new[e], Entry::E(_));
            if i == last {
                // The moved entry's own line (its chain is written once).
                return line(new[e], head);
            }
            lines
                .get_or_insert_with((e, head), || line(new[e], head))
                .clone()
        })
        .collect()
}

/// One line of a chain: the moved event that heads it, an event on the
/// way, or a deadline.
fn line(e: Entry<'_>, head: bool) -> String {
    // Room for the line as written below (dates of ten characters).
    let room = match e {
        Entry::E(ev) if head => ev.title.len() + 26,
        Entry::E(ev) => ev.title.len() + ev.id.len() + 17,
        Entry::D(d) => d.title.len() + d.basis.len() + 37,
    };
    let mut s = String::with_capacity(room);
    match e {
        Entry::E(ev) if head => {
            s.push_str(&ev.title);
            s.push_str(" moved to ");
            match ev.at {
                Some(t) => push_minute(&mut s, t),
                None => push_date(&mut s, ev.date),
            }
        }
        Entry::E(ev) => {
            s.push_str(&ev.title);
            s.push_str(" (");
            s.push_str(&ev.id);
            s.push_str(") on ");
            push_date(&mut s, ev.date);
        }
        Entry::D(d) => {
            s.push_str(&d.title);
            s.push_str(" (");
            s.push_str(&d.basis);
            s.push_str("): due ");
            push_date(&mut s, d.due);
            if let Some(f) = d.filed {
                s.push_str(", filed ");
                push_date(&mut s, f);
            }
        }
    }
    s
}

#[cfg(test)]
mod tests;
