//! What a feed shows of each case, and in what order: the cases, deadlines
//! and events a party feed keeps, and the order of the items (by date, then
//! by the text of their UID).

use chrono::NaiveDate;

use super::case::CaseFeed;
use super::Feed;
use crate::docket::{Deadline, DeadlineId, DeadlineStatus, Docket, EventEntry, EventStatus};

impl Feed<'_> {
    /// The deadlines and events the feed shows for a shown case, by date
    /// and then by the text of their UID.
    pub(super) fn items<'c>(&'c self, c: &'c CaseFeed) -> Vec<(NaiveDate, Key<'c>, Item<'c>)> {
        let d = c.docket();
        let case = &d.case;
        let mut items: Vec<(NaiveDate, Key<'c>, Item<'c>)> = Vec::new();
        for dl in &c.schedule.deadlines {
            if dl.status == DeadlineStatus::Vacated && !self.opts.keep_vacated {
                continue;
            }
            if !self.party_matches(d, &dl.parties) {
                continue;
            }
            items.push((dl.due, Key::Deadline(&dl.id), Item::Deadline(dl)));
        }
        for e in self.events_shown(c) {
            // Event and obligation ids never collide (validated), and
            // deadline UIDs have one more segment: case/obligation/n.
            items.push((
                e.date,
                Key::Event(format!("{}/{}", case.id, e.id)),
                Item::Event(e),
            ));
        }
        items.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp_text(&b.1)));
        items
    }

    /// True when the case is shown: every case, or in a party feed only
    /// the cases the party is in.
    pub(super) fn case_shown(&self, c: &CaseFeed) -> bool {
        let Some(p) = &self.party else { return true };
        c.docket()
            .parties
            .iter()
            .any(|(id, x)| id.eq_ignore_ascii_case(p) || x.name.eq_ignore_ascii_case(p))
    }

    /// The events the feed shows for a case (one selection for the events
    /// and for the time zones they need).
    pub(super) fn events_shown<'c>(
        &'c self,
        c: &'c CaseFeed,
    ) -> impl Iterator<Item = &'c EventEntry> + 'c {
        let shown = self.case_shown(c);
        c.schedule.events.iter().filter(move |e| {
            shown
                && (e.status != EventStatus::Cancelled || self.opts.keep_vacated)
                && (self.party.is_none()
                    || e.parties.is_empty()
                    || self.party_matches(c.docket(), &e.parties))
        })
    }

    /// True when one of `ids` is the feed's party (its id or its name, case
    /// insensitive), or when the feed is not a party feed.
    fn party_matches(&self, docket: &Docket, ids: &[String]) -> bool {
        let Some(p) = &self.party else { return true };
        ids.iter().any(|id| {
            id.eq_ignore_ascii_case(p)
                || docket
                    .parties
                    .get(id)
                    .is_some_and(|x| x.name.eq_ignore_ascii_case(p))
        })
    }
}

/// What a VEVENT shows: a deadline occurrence or an event.
#[derive(Debug, Clone, Copy)]
pub(super) enum Item<'a> {
    /// One occurrence of a deadline.
    Deadline(&'a Deadline),
    /// An event.
    Event(&'a EventEntry),
}

/// What feed items are sorted by after their date: the text of their UID
/// before the `@`, compared without writing it out for deadlines.
pub(super) enum Key<'a> {
    /// `case/obligation/n` ([`DeadlineId`] orders as that text).
    Deadline(&'a DeadlineId),
    /// `case/event`.
    Event(String),
}

impl Key<'_> {
    /// Compares the two keys as text.
    fn cmp_text(&self, other: &Key<'_>) -> std::cmp::Ordering {
        match (self, other) {
            (Key::Deadline(a), Key::Deadline(b)) => a.cmp(b),
            (Key::Event(a), Key::Event(b)) => a.cmp(b),
            (Key::Deadline(a), Key::Event(b)) => id_cmp_text(a, b),
            (Key::Event(a), Key::Deadline(b)) => id_cmp_text(b, a).reverse(),
        }
    }
}

/// Compares a deadline id, as its text `case/obligation/n`, with `text`.
fn id_cmp_text(id: &DeadlineId, text: &str) -> std::cmp::Ordering {
    let mut digits = [0u8; 10];
    let n = crate::docket::decimal(id.occurrence(), &mut digits);
    id.stem()
        .bytes()
        .chain(std::iter::once(b'/'))
        .chain(n.bytes())
        .cmp(text.bytes())
}
