//! The default horizon: a year past the latest date a docket names (an
//! event's date, a date set by order, a recurrence's end, a filing, a
//! change's date, an extension). A live schedule keeps these dates counted
//! ([`Dates`]) so that a change moves the horizon without a scan of the
//! whole docket.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};

use super::{of_item, CheckedDocket, DEFAULT_HORIZON_DAYS};
use crate::docket::model::{Event, Obligation, Until, When};

/// The dates an event names.
fn event_dates(e: &Event, mut f: impl FnMut(NaiveDate)) {
    match (&e.date, e.at) {
        (_, Some(t)) => f(t.date()),
        (Some(When::Date(x)), _) => f(*x),
        _ => {}
    }
}

/// The dates an obligation names.
fn obligation_dates(o: &Obligation, mut f: impl FnMut(NaiveDate)) {
    for w in [&o.due, &o.first_due].into_iter().flatten() {
        if let When::Date(x) = w {
            f(*x);
        }
    }
    if let Some(Until::Date(x)) = o.repeat.as_ref().and_then(|r| r.until.as_ref()) {
        f(*x);
    }
    o.filed.iter().for_each(|x| f(*x));
}

/// A year past `latest`, within the calendars' years; the calendars' last
/// day when the docket names no date.
fn after(latest: Option<NaiveDate>) -> NaiveDate {
    let Some(latest) = latest else {
        return crate::calendar::last_day();
    };
    latest
        .checked_add_days(Days::new(DEFAULT_HORIZON_DAYS))
        .unwrap_or(latest)
        .min(crate::calendar::last_day())
}

impl CheckedDocket {
    /// Every date the docket names (see the module's documentation).
    fn each_date(&self, mut f: impl FnMut(NaiveDate)) {
        let d = &self.0.applied.docket;
        d.events.values().for_each(|e| event_dates(e, &mut f));
        d.obligations
            .values()
            .for_each(|o| obligation_dates(o, &mut f));
        self.0.docket.changes.iter().for_each(|c| f(c.on));
        self.0.applied.ext.values().for_each(|(x, _)| f(*x));
    }

    /// A year past the latest date the docket names.
    pub(crate) fn scan_horizon(&self) -> NaiveDate {
        let mut latest = None;
        self.each_date(|x| latest = latest.max(Some(x)));
        after(latest)
    }

    /// The dates item `id` names: its own, and its extensions'.
    pub(crate) fn item_dates(&self, id: &str) -> Vec<NaiveDate> {
        let a = &self.0.applied;
        let mut out = Vec::new();
        if let Some(e) = a.docket.events.get(id) {
            event_dates(e, |x| out.push(x));
        }
        if let Some(o) = a.docket.obligations.get(id) {
            obligation_dates(o, |x| out.push(x));
        }
        out.extend(of_item(&a.ext, id).map(|(_, (x, _))| *x));
        out
    }
}

/// The dates a docket names, counted (a date named twice is counted
/// twice): the default horizon follows the latest of them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Dates(BTreeMap<NaiveDate, u32>);

impl Dates {
    /// The dates `checked` names.
    pub(crate) fn of(checked: &CheckedDocket) -> Dates {
        let mut dates = Dates::default();
        checked.each_date(|x| dates.add(x));
        dates
    }

    fn add(&mut self, x: NaiveDate) {
        *self.0.entry(x).or_default() += 1;
    }

    fn remove(&mut self, x: NaiveDate) {
        if let Some(n) = self.0.get_mut(&x) {
            *n -= 1;
            if *n == 0 {
                self.0.remove(&x);
            }
        }
    }

    /// Stops counting `removed` and counts `added` (the dates of an item
    /// before and after a change, with the change's own date).
    pub(crate) fn update(&mut self, removed: &[NaiveDate], added: &[NaiveDate]) {
        removed.iter().for_each(|&x| self.remove(x));
        added.iter().for_each(|&x| self.add(x));
    }

    /// The default horizon: a year past the latest date counted.
    pub(crate) fn horizon(&self) -> NaiveDate {
        after(self.0.keys().next_back().copied())
    }
}
