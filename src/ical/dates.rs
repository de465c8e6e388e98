//! Dates and times as a feed writes them: `YYYYMMDD` dates, UTC stamps,
//! weekdays, and the DTSTART and DTEND of timed events in the court's zone.

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

use super::write::Writer;
use super::Feed;

/// `YYYYMMDD` in `buf`, without allocating (the calendars' years have four
/// digits).
pub(super) fn ymd_in(d: NaiveDate, buf: &mut [u8; 8]) -> &str {
    let (y, m, day) = (d.year().clamp(0, 9999) as u32, d.month(), d.day());
    for (i, v) in [(0, y / 100), (2, y % 100), (4, m), (6, day)] {
        buf[i] = b'0' + (v / 10) as u8;
        buf[i + 1] = b'0' + (v % 10) as u8;
    }
    std::str::from_utf8(buf).unwrap_or("19700101")
}

/// The weekday's English name.
pub(super) fn weekday(d: NaiveDate) -> &'static str {
    use chrono::Weekday::*;
    match d.weekday() {
        Mon => "Monday",
        Tue => "Tuesday",
        Wed => "Wednesday",
        Thu => "Thursday",
        Fri => "Friday",
        Sat => "Saturday",
        Sun => "Sunday",
    }
}

/// `YYYYMMDDTHHMMSSZ`: a UTC date-time.
pub(super) fn stamp(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// The day after `d` (`d` itself at the end of chrono's range).
pub(super) fn next_day(d: NaiveDate) -> NaiveDate {
    d.checked_add_days(Days::new(1)).unwrap_or(d)
}

impl Feed<'_> {
    /// DTSTART and DTEND of an event at `at` (until `ends`, else an hour
    /// later) in `tz`: with TZID, or in UTC.
    pub(super) fn timed(
        &self,
        w: &mut Writer<'_>,
        tz: Tz,
        at: NaiveDateTime,
        ends: Option<chrono::NaiveTime>,
        fold: Option<crate::docket::Fold>,
    ) {
        // The moments the docket means: a local time that occurs twice is
        // the one its `fold` names (a checked docket has no time that does
        // not exist, nor one that occurs twice without a fold). Without an
        // end, the event lasts an hour of real time.
        let start = crate::docket::resolve_local(tz, at, fold).ok();
        let end = match ends {
            Some(t) if t > at.time() => at.date().and_time(t),
            _ => at + chrono::Duration::hours(1),
        };
        let end_moment = match (ends, start) {
            (Some(t), _) if t > at.time() => crate::docket::resolve_local(tz, end, fold).ok(),
            (_, Some(s)) => Some(s + chrono::Duration::hours(1)),
            _ => None,
        };
        for (name, t, moment) in [("DTSTART", at, start), ("DTEND", end, end_moment)] {
            // A local time with TZID means the first of two (RFC 5545
            // 3.3.5): the second is written in UTC.
            let second = moment.is_some_and(|m| {
                tz.from_local_datetime(&m.naive_local())
                    .earliest()
                    .is_some_and(|first| first != m)
            });
            if self.opts.utc_times || second {
                // In a spring-forward gap the wall time does not exist: use
                // the offset in force just before it.
                let hour = chrono::Duration::hours(1);
                let utc = moment
                    .map(|x| x.naive_utc())
                    .or_else(|| {
                        tz.from_local_datetime(&(t - hour))
                            .earliest()
                            .map(|x| x.naive_utc() + hour)
                    })
                    .unwrap_or(t);
                w.plain(name, &stamp(utc));
            } else {
                let local = moment.map_or(t, |m| m.naive_local());
                w.start(name, &[("TZID", tz.name())]);
                w.value_raw(&local.format("%Y%m%dT%H%M%S").to_string());
            }
        }
    }
}
