//! The VEVENTs of one case, one per deadline occurrence and per event, in
//! the feed's order. Each starts alike (UID, DTSTAMP, LAST-MODIFIED,
//! SEQUENCE, ORGANIZER); a deadline is an all-day item whose DESCRIPTION
//! says by what time it is due, with a VALARM per reminder while it is
//! open; an event is all-day or timed, with its LOCATION.
//!
//! This is the feed's hot path. The text the case's items share is written
//! once for the case ([`Shared`]); each item's text is written into buffers
//! used again for every item ([`Buffers`]); the functions that write an
//! item take both by reference. The body of a deadline's VEVENT is written
//! by [`super::deadline`], that of an event's by [`super::event`].
//! The small helpers that those modules share are `#[inline]`, so that
//! they inline into each item's code across modules.

use chrono::NaiveDate;

use super::case::CaseFeed;
use super::dates::{stamp, ymd_in};
use super::deadline::write_deadline;
use super::items::{Item, Key};
use super::write::Writer;
use super::Feed;
use crate::docket::{decimal, Docket};

/// What the VEVENTs of a case share, written once for the case.
pub(super) struct Shared<'c> {
    /// The case.
    pub(super) c: &'c CaseFeed,
    /// Its docket.
    pub(super) d: &'c Docket,
    /// The first line of every DESCRIPTION: `caption, No. number`.
    pub(super) header: String,
    /// DTSTAMP.
    dtstamp: String,
    /// DTSTAMP, LAST-MODIFIED and SEQUENCE of an item no change touched
    /// (short lines: nothing to fold).
    untouched: String,
    /// In a feed of several cases, the case each SUMMARY names.
    pub(super) case_label: Option<String>,
    /// Each alarm's TRIGGER and the end of its DESCRIPTION.
    pub(super) alarms: Vec<(String, String)>,
    /// The ORGANIZER of every VEVENT.
    organizer: Option<&'c str>,
}

/// Buffers used again for every item.
#[derive(Default)]
pub(super) struct Buffers<'c> {
    /// The item's parties, by name.
    pub(super) names: Vec<&'c str>,
    /// A deadline's id, to find its history.
    history_key: String,
    /// LAST-MODIFIED, when a change touched the item before DTSTAMP.
    modified: String,
    pub(super) summary: String,
    pub(super) desc: String,
    /// A date, `YYYYMMDD`.
    pub(super) date: String,
}

impl Feed<'_> {
    /// Writes the VEVENTs of a case, when the feed shows it.
    pub(super) fn write_case(&self, w: &mut Writer<'_>, c: &CaseFeed, organizer: Option<&str>) {
        if !self.case_shown(c) {
            return;
        }
        let items = self.items(c);
        let shared = self.shared(c, organizer);
        let mut buffers = Buffers::default();
        for (_, key, item) in &items {
            self.write_item(w, &shared, &mut buffers, key, *item);
        }
    }

    /// What the VEVENTs of the case share.
    fn shared<'c>(&self, c: &'c CaseFeed, organizer: Option<&'c str>) -> Shared<'c> {
        let d = c.docket();
        let case = &d.case;
        let caption = case.caption.as_deref().unwrap_or(&case.id);
        let header = match case.number.as_deref() {
            Some(n) => format!("{caption}, No. {n}"),
            None => caption.to_string(),
        };
        let dtstamp = stamp(c.stamp);
        let untouched = format!("DTSTAMP:{dtstamp}\r\nLAST-MODIFIED:{dtstamp}\r\nSEQUENCE:0\r\n");
        let case_label =
            (self.cases.len() > 1).then(|| case.number.clone().unwrap_or_else(|| case.id.clone()));
        let alarms = self
            .opts
            .alarms
            .iter()
            .map(|days| (format!("-P{days}D"), format!(" in {days} day(s)")))
            .collect();
        Shared {
            c,
            d,
            header,
            dtstamp,
            untouched,
            case_label,
            alarms,
            organizer,
        }
    }

    /// Writes the VEVENT of one item.
    fn write_item<'c>(
        &self,
        w: &mut Writer<'_>,
        s: &Shared<'c>,
        b: &mut Buffers<'c>,
        key: &Key<'_>,
        item: Item<'c>,
    ) {
        // The UID's text before the `@`: `case/obligation/n` or
        // `case/event`, in parts.
        let mut digits = [0u8; 10];
        let (stem, occurrence) = match key {
            Key::Deadline(id) => (id.stem(), Some(decimal(id.occurrence(), &mut digits))),
            Key::Event(s) => (s.as_str(), None),
        };
        w.begin("VEVENT");
        self.write_head(w, s, b, item, stem, occurrence);
        b.names.clear();
        match item {
            Item::Deadline(dl) => write_deadline(w, s, b, dl, stem, occurrence),
            Item::Event(e) => self.write_event(w, s, b, e),
        }
        w.end("VEVENT");
    }

    /// The properties every VEVENT starts with: UID, DTSTAMP,
    /// LAST-MODIFIED, SEQUENCE and ORGANIZER.
    fn write_head(
        &self,
        w: &mut Writer<'_>,
        s: &Shared<'_>,
        b: &mut Buffers<'_>,
        item: Item<'_>,
        stem: &str,
        occurrence: Option<&str>,
    ) {
        let history = history(s.c, &mut b.history_key, item, stem, occurrence);
        // LAST-MODIFIED: the latest change that touched the item (never
        // going back when a change is recorded with an earlier date),
        // never after DTSTAMP.
        b.modified.clear();
        let seq = match history {
            Some((n, on)) => {
                if on.and_hms_opt(0, 0, 0).is_some_and(|t| t < s.c.stamp) {
                    b.modified.push_str(ymd_in(*on, &mut [0u8; 8]));
                    b.modified.push_str("T000000Z");
                }
                *n
            }
            None => 0,
        };
        w.start("UID", &[]);
        w.text_part(stem);
        if let Some(n) = occurrence {
            w.text_part("/");
            w.text_part(n);
        }
        w.text_part("@");
        w.text_part(&self.opts.domain);
        w.end_value();
        if history.is_none() {
            w.raw_block(&s.untouched);
        } else {
            w.plain("DTSTAMP", &s.dtstamp);
            w.plain(
                "LAST-MODIFIED",
                if b.modified.is_empty() {
                    &s.dtstamp
                } else {
                    &b.modified
                },
            );
            w.plain("SEQUENCE", decimal(seq, &mut [0u8; 10]));
        }
        if let Some(o) = s.organizer {
            w.plain("ORGANIZER", o);
        }
    }
}

/// The SEQUENCE of an item (how many changes moved it) and the latest date
/// of a change that touched it, when a change did.
#[inline]
fn history<'h>(
    c: &'h CaseFeed,
    key: &mut String,
    item: Item<'_>,
    stem: &str,
    occurrence: Option<&str>,
) -> Option<&'h (u32, NaiveDate)> {
    if c.history.is_empty() {
        return None;
    }
    match item {
        Item::Deadline(_) => {
            key.clear();
            key.push_str(stem);
            key.push('/');
            key.push_str(occurrence.unwrap_or_default());
            c.history.get(key.as_str())
        }
        Item::Event(e) => c.history.get(e.id.as_str()),
    }
}

/// Clears `summary` and, in a feed of several cases, starts it with the
/// case (`[label] `).
#[inline]
pub(super) fn begin_summary(summary: &mut String, case_label: Option<&str>) {
    summary.clear();
    if let Some(label) = case_label {
        summary.push('[');
        summary.push_str(label);
        summary.push_str("] ");
    }
}

/// The parties of an item in its DESCRIPTION (`Who: a; b`), if any.
#[inline]
pub(super) fn push_who(desc: &mut String, names: &[&str]) {
    if !names.is_empty() {
        desc.push_str("\nWho: ");
        push_joined(desc, names, "; ");
    }
}

/// The parties of an item as CATEGORIES, if any.
#[inline]
pub(super) fn write_categories(w: &mut Writer<'_>, names: &[&str]) {
    if !names.is_empty() {
        w.text_list("CATEGORIES", names);
    }
}

/// Appends `parts` with `sep` between them.
#[inline]
pub(super) fn push_joined(out: &mut String, parts: &[&str], sep: &str) {
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(p);
    }
}

/// A party's name, or its id when the docket has no such party.
#[inline]
pub(super) fn party_name<'a>(d: &'a Docket, id: &'a str) -> &'a str {
    d.parties.get(id).map_or(id, |p| p.name.as_str())
}
