//! A case prepared for a feed ([`CaseFeed`]): its schedule, and each
//! item's SEQUENCE and LAST-MODIFIED found by replaying the changes log.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use chrono_tz::Tz;

use super::FeedOptions;
use crate::docket::{
    CheckedDocket, DeadlineStatus, Docket, LiveSchedule, Schedule, ScheduleOptions,
};
use crate::error::Result;

/// One case prepared for a feed: its schedule and each item's SEQUENCE and
/// LAST-MODIFIED, derived from the changes log.
#[derive(Debug, Clone)]
pub struct CaseFeed {
    /// The checked docket (a shared handle, not a copy).
    checked: CheckedDocket,
    pub(super) tz: Tz,
    pub(super) cutoff: Option<chrono::NaiveTime>,
    pub(super) schedule: Schedule,
    pub(super) history: HashMap<String, (u32, NaiveDate)>,
    pub(super) stamp: NaiveDateTime,
}

impl CaseFeed {
    /// Computes the schedule and replays the changes log to find, for each
    /// deadline and event, how many changes moved it (its SEQUENCE).
    ///
    /// # Errors
    /// Options that [`FeedOptions::check`] refuses; a computation that
    /// leaves the calendar's years.
    pub fn new(checked: &CheckedDocket, opts: &FeedOptions) -> Result<CaseFeed> {
        opts.check()?;
        let mut sopts = opts.schedule_options();
        let horizon = checked.horizon_for(&sopts);
        sopts = sopts.horizon(Some(horizon));
        let schedule = checked.schedule(&sopts)?;
        let docket = checked.docket();
        let history = replay(docket, sopts)?;
        let stamp = opts.stamp.unwrap_or_else(|| {
            let d = docket
                .changes
                .iter()
                .map(|c| c.on)
                .max()
                .or_else(|| {
                    schedule
                        .deadlines
                        .iter()
                        .map(|d| d.due)
                        .chain(schedule.events.iter().map(|e| e.date))
                        .min()
                })
                .unwrap_or(crate::calendar::first_day());
            d.and_hms_opt(0, 0, 0).unwrap_or_default()
        });
        Ok(CaseFeed {
            tz: checked.calendar().time_zone(),
            cutoff: checked.calendar().cutoff(),
            checked: checked.clone(),
            schedule,
            history,
            stamp,
        })
    }

    /// The schedule the feed shows.
    pub fn schedule(&self) -> &Schedule {
        &self.schedule
    }

    /// The case's docket.
    pub(super) fn docket(&self) -> &Docket {
        self.checked.docket()
    }
}

/// For each item id: (changes that moved it, latest date of a change that
/// touched it). Replays the log change by change on a [`LiveSchedule`]. The
/// date is the latest, not the last recorded: a change may be recorded with
/// an earlier date than one before it, and LAST-MODIFIED never goes back.
fn replay(docket: &Docket, opts: ScheduleOptions) -> Result<HashMap<String, (u32, NaiveDate)>> {
    let mut out: HashMap<String, (u32, NaiveDate)> = HashMap::new();
    if docket.changes.is_empty() {
        return Ok(out);
    }
    let base = Docket {
        changes: Vec::new(),
        ..docket.clone()
    };
    let Ok(checked) = base.check() else {
        // The original order alone does not stand (it counts from an item a
        // change adds): count the changes each item lists instead.
        let s = docket.check()?.schedule(&opts)?;
        for d in &s.deadlines {
            if let Some(latest) = d.changes.iter().map(|c| c.on).max() {
                out.insert(d.id.to_string(), (d.changes.len() as u32, latest));
            }
        }
        for e in &s.events {
            if let Some(latest) = e.changes.iter().map(|c| c.on).max() {
                out.insert(e.id.clone(), (e.changes.len() as u32, latest));
            }
        }
        return Ok(out);
    };
    let mut live = LiveSchedule::new(checked, opts)?;
    for c in &docket.changes {
        let on = c.on;
        let diff = live.apply(c.clone())?;
        let mut bump = |id: &str| {
            let e = out.entry(id.to_string()).or_insert((0, on));
            e.0 += 1;
            e.1 = e.1.max(on);
        };
        diff.moved.iter().for_each(|m| bump(&m.id));
        diff.vacated.iter().for_each(|v| bump(&v.id));
        diff.status_changed
            .iter()
            .filter(|s| s.from == DeadlineStatus::Vacated || s.to == DeadlineStatus::Vacated)
            .for_each(|s| bump(&s.id));
        for a in &diff.added {
            let e = out.entry(a.id.clone()).or_insert((0, on));
            e.1 = e.1.max(on);
        }
    }
    Ok(out)
}
