//! Recovering a zone's transitions from chrono-tz, which does not expose its
//! table: a coarse scan of UTC instants, then a binary search for the exact
//! second of each change.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta, TimeZone};
use chrono_tz::{Tz, TzOffset};

/// Coarse scan step. Two offset changes closer together than this could be
/// missed only if the second one reverts the first; no zone does that: in
/// chrono-tz's table (tzdata 2025b) the shortest time between two changes of
/// any zone is 166 hours (America/Cambridge_Bay, October 2000). The tests
/// sample every zone twice a day independently of this scan.
const SCAN_STEP_HOURS: i64 = 24;

/// One change of a zone's offset (or of its DST part or abbreviation).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Transition {
    /// UTC instant of the first second governed by `after`.
    pub at: NaiveDateTime,
    /// Offset in force just before `at`.
    pub before: TzOffset,
    /// Offset in force from `at` on.
    pub after: TzOffset,
}

impl Transition {
    /// The wall time of the change on the clock in force before it (an onset's `DTSTART`).
    pub fn wall(&self) -> NaiveDateTime {
        wall_time(self.at, self.before)
    }
}

/// Local wall time of the UTC instant `at` in `offset`.
pub(super) fn wall_time(at: NaiveDateTime, offset: TzOffset) -> NaiveDateTime {
    at + offset.fix()
}

/// Midnight UTC on 1 January of `year` (years are kept within chrono's range by the caller).
pub(super) fn year_start(year: i32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(year, 1, 1)
        .unwrap_or(NaiveDate::MIN)
        .and_time(NaiveTime::MIN)
}

/// Transitions of `tz` in `(start, end]`, in order, at most `cap` of them.
pub(super) fn transitions(
    tz: Tz,
    start: NaiveDateTime,
    end: NaiveDateTime,
    cap: usize,
) -> Vec<Transition> {
    let step = TimeDelta::hours(SCAN_STEP_HOURS);
    let mut found = Vec::new();
    let mut t = start;
    let mut current = tz.offset_from_utc_datetime(&t);
    while t < end && found.len() < cap {
        let next = (t + step).min(end);
        let probe = tz.offset_from_utc_datetime(&next);
        if probe == current {
            t = next;
            continue;
        }
        // Invariant: the offset at `lo` is `current`, the one at `hi` (`after`) differs.
        let (mut lo, mut hi, mut after) = (t, next, probe);
        while (hi - lo).num_seconds() > 1 {
            let mid = lo + TimeDelta::seconds((hi - lo).num_seconds() / 2);
            let offset = tz.offset_from_utc_datetime(&mid);
            if offset == current {
                lo = mid;
            } else {
                hi = mid;
                after = offset;
            }
        }
        found.push(Transition {
            at: hi,
            before: current,
            after,
        });
        current = after;
        t = hi;
    }
    found
}
