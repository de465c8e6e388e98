//! RFC 5545 `VTIMEZONE` components derived from chrono-tz data.
//!
//! chrono-tz does not expose its transition table and the `icalendar` crate
//! never writes `VTIMEZONE`, yet Outlook wants one for every `TZID` used in
//! a calendar. This module recovers the UTC-offset transitions of a zone by
//! probing it ([`probe`]) and writes them as Google, Apple and Outlook do:
//! one `STANDARD`/`DAYLIGHT` sub-component per stable yearly rule, with an
//! `RRULE` (`FREQ=YEARLY;BYMONTH=3;BYDAY=2SU`), a `COUNT` of its onsets when
//! a later rule replaced it, none for the rule in force at the end of the
//! span ([`rules`]). A transition that belongs to no yearly rule gets a
//! sub-component of its own, with `RDATE` equal to its `DTSTART` (Python's
//! `ical` ignores a bare `DTSTART`). `COUNT` rather than `UNTIL`: Python's
//! `icalendar` and `vobject` compare a UTC `UNTIL` with wall times and drop
//! the last onset east of UTC, and `ical` rejects a UTC `UNTIL` next to a
//! floating `DTSTART`. Fully deterministic.
//!
//! The component covers every date of the span: each rule in force at its
//! start is followed back to the year it began (so feeds whose spans fall
//! under the same rules carry the same `VTIMEZONE`, which matters to
//! readers that cache a zone by `TZID` for the whole process), and a leading
//! sub-component is added when no onset precedes the first date.

mod probe;
mod rules;
#[cfg(test)]
mod tests;

use chrono::{
    DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta, TimeZone,
};
use chrono_tz::{OffsetComponents, OffsetName, Tz, TzOffset};

use super::write::Writer;
use probe::{transitions, wall_time, year_start};
use rules::{extend, group, End, Series};

/// Longest span of years honoured; longer spans are cut at `from + MAX_SPAN_YEARS`.
const MAX_SPAN_YEARS: i32 = 200;
/// Whole years searched before the first date's year and after the last one's.
const MARGIN_YEARS: i32 = 1;
/// How far back a rule in force at the start of the searched years is followed.
const MAX_BACK_YEARS: u32 = 40;
/// How far back the last change of a zone without transitions in the searched
/// years is looked for (from 2100 back to 1970, the calendars' coverage).
const FIXED_BACK_YEARS: u32 = 131;
/// Years a rule in force at the end of the searched years must go on for to be
/// written open-ended; one that stops sooner ends at its last onset (`COUNT`).
const FORWARD_YEARS: u32 = 10;
/// Upper bound on transitions per searched year (real zones have at most four, e.g. Morocco).
const MAX_TRANSITIONS_PER_YEAR: usize = 4;
/// Years kept so that every `DTSTART` has a four-digit year, margins included.
const LOWEST_YEAR: i32 = 3;
/// See [`LOWEST_YEAR`].
const HIGHEST_YEAR: i32 = 9998;
/// `DTSTART` of the single observance of a zone without transitions in the span.
const FIXED_DTSTART: &str = "19700101T000000";
/// Format of a `DTSTART` local wall time.
const DTSTART_FORMAT: &str = "%Y%m%dT%H%M%S";

/// RFC 5545 VTIMEZONE for `tz` covering `from..=to` (dates), as content
/// lines (folded at 75 octets) joined by CRLF, ending with CRLF.
///
/// The transitions of the years `from.year() - 1 ..= to.year() + 1` are
/// grouped into yearly rules ([`rules`]); each rule in force at the start is
/// followed back (at most 40 years) while whole earlier years hold nothing
/// but its onsets, and each rule in force at the end is written open-ended
/// when it goes on for ten more years (else with a `COUNT` ending at its
/// last onset). A sub-component is `DAYLIGHT` when its offset has a
/// positive DST part or more DST than the one before, and its `DTSTART` is
/// the wall time just before the change in the offset in force before it.
///
/// When no onset precedes `from`, a leading sub-component gives the offset
/// in force before the first one, from the start of the searched years. A
/// zone without transitions there gets a single sub-component: its last
/// change since 1970 when it had one, else a `STANDARD` with `TZOFFSETFROM`
/// equal to `TZOFFSETTO` starting `19700101T000000` (or at the start of the
/// searched years when the offset was different in 1970 or they start
/// earlier). Reversed bounds are swapped, spans longer than 200 years are
/// cut, and years stay within 3..=9998.
pub(crate) fn vtimezone(tz: Tz, from: NaiveDate, to: NaiveDate) -> String {
    let (first, last) = searched_years(from, to);
    let from = from.min(to).max(year_start(first).date());
    let cap = usize::try_from(last - first + 1).unwrap_or(0) * MAX_TRANSITIONS_PER_YEAR;
    let found = transitions(tz, year_start(first), year_start(last + 1), cap);
    let mut series = group(&found);
    let (start_year, _) = extend(
        tz,
        &mut series,
        (first, last),
        End::Start,
        MAX_BACK_YEARS,
        LOWEST_YEAR,
    );
    let (end_year, added) = extend(
        tz,
        &mut series,
        (first, last),
        End::Finish,
        FORWARD_YEARS,
        HIGHEST_YEAR,
    );
    if added == FORWARD_YEARS {
        for s in series.iter_mut() {
            s.open = s.last.at >= year_start(end_year);
        }
    }
    series.sort_by_key(|s| s.first.at);
    let start = year_start(start_year);

    let mut w = Writer::with_capacity(256 + 192 * series.len());
    w.begin("VTIMEZONE");
    w.plain("TZID", tz.name());
    match series.first() {
        None => match last_change_before(tz, start) {
            Some(t) => {
                let kind = transition_kind(t.before, t.after);
                let dtstart = t.wall().format(DTSTART_FORMAT).to_string();
                observance(&mut w, kind, &dtstart, t.before, t.after, None);
            }
            None => {
                let offset = tz.offset_from_utc_datetime(&start);
                let epoch = DateTime::UNIX_EPOCH.naive_utc();
                let in_1970 = tz.offset_from_utc_datetime(&epoch);
                let dtstart = if start >= epoch && in_1970 == offset {
                    FIXED_DTSTART.to_owned()
                } else {
                    wall(start, offset)
                };
                observance(&mut w, kind(offset), &dtstart, offset, offset, None);
            }
        },
        Some(earliest) => {
            // Local midnight of `from` is at the latest a day before UTC midnight.
            let first_instant = from.and_time(NaiveTime::MIN) - TimeDelta::days(1);
            if earliest.first.at > first_instant {
                let offset = earliest.first.before;
                observance(
                    &mut w,
                    kind(offset),
                    &wall(start, offset),
                    offset,
                    offset,
                    None,
                );
            }
            for s in &series {
                let t = s.first;
                let rrule = rrule(s);
                let dtstart = t.wall().format(DTSTART_FORMAT).to_string();
                let kind = transition_kind(t.before, t.after);
                observance(&mut w, kind, &dtstart, t.before, t.after, rrule.as_deref());
            }
        }
    }
    w.end("VTIMEZONE");
    w.finish()
}

/// The last transition of `tz` from 1970 (at most [`FIXED_BACK_YEARS`]
/// years) up to `start`, searched a year at a time from `start` backwards.
fn last_change_before(tz: Tz, start: NaiveDateTime) -> Option<probe::Transition> {
    let mut year = start.year();
    let mut end = start;
    for _ in 0..FIXED_BACK_YEARS {
        let begin = year_start(year);
        if begin < DateTime::UNIX_EPOCH.naive_utc() {
            break;
        }
        if let Some(t) = transitions(tz, begin, end, usize::MAX).pop() {
            return Some(t);
        }
        end = begin;
        year -= 1;
    }
    None
}

/// The years searched for `from..=to`: normalised, cut to 200 years, widened
/// by the margin and kept within [`LOWEST_YEAR`]..=[`HIGHEST_YEAR`].
fn searched_years(from: NaiveDate, to: NaiveDate) -> (i32, i32) {
    let (from, to) = if from <= to { (from, to) } else { (to, from) };
    let first = (from.year() - MARGIN_YEARS).clamp(LOWEST_YEAR, HIGHEST_YEAR);
    let last = to
        .year()
        .min(from.year().saturating_add(MAX_SPAN_YEARS))
        .saturating_add(MARGIN_YEARS)
        .clamp(first, HIGHEST_YEAR);
    (first, last)
}

/// The `RRULE` value of a series with a yearly rule.
fn rrule(s: &Series) -> Option<String> {
    let day = s.rule()?;
    let count = if s.open {
        String::new()
    } else {
        format!(";COUNT={}", s.count)
    };
    Some(format!(
        "FREQ=YEARLY{count};BYMONTH={};{}",
        s.first.wall().month(),
        day.rrule_parts()
    ))
}

/// `DAYLIGHT` when `offset` includes a positive DST part, else `STANDARD`.
fn kind(offset: TzOffset) -> &'static str {
    transition_kind(offset, offset)
}

/// Kind of the observance starting at a change from `before` to `after`: `DAYLIGHT` when
/// `after` has a positive DST part or more DST than `before` (Europe/Dublin's summer time is
/// its standard time in tzdata, with a negative DST part in winter), else `STANDARD`.
fn transition_kind(before: TzOffset, after: TzOffset) -> &'static str {
    if after.dst_offset() > TimeDelta::zero() || after.dst_offset() > before.dst_offset() {
        "DAYLIGHT"
    } else {
        "STANDARD"
    }
}

/// Local wall time of the UTC instant `at` in `offset`, as a floating `DTSTART` value.
fn wall(at: NaiveDateTime, offset: TzOffset) -> String {
    wall_time(at, offset).format(DTSTART_FORMAT).to_string()
}

/// RFC 5545 UTC offset: `+hhmm`/`-hhmm`, with seconds (`+hhmmss`) only when non-zero.
fn utc_offset(offset: TzOffset) -> String {
    let secs = offset.fix().local_minus_utc();
    let sign = if secs < 0 { '-' } else { '+' };
    let abs = secs.unsigned_abs();
    let (h, m, s) = (abs / 3600, abs / 60 % 60, abs % 60);
    if s == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{s:02}")
    }
}

/// Writes one `STANDARD`/`DAYLIGHT` sub-component.
fn observance(
    w: &mut Writer,
    kind: &str,
    dtstart: &str,
    from: TzOffset,
    to: TzOffset,
    rrule: Option<&str>,
) {
    w.begin(kind);
    w.plain("DTSTART", dtstart);
    match rrule {
        Some(rule) => w.plain("RRULE", rule),
        // The onset again as RDATE: some readers (Python `ical`) take only
        // RRULE and RDATE onsets and would ignore a bare DTSTART.
        None => w.plain("RDATE", dtstart),
    }
    w.plain("TZOFFSETFROM", &utc_offset(from));
    w.plain("TZOFFSETTO", &utc_offset(to));
    if let Some(name) = to.abbreviation() {
        if !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphabetic()) {
            w.plain("TZNAME", name);
        }
    }
    w.end(kind);
}
