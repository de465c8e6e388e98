//! Dates as a feed writes them: `YYYYMMDD` dates, UTC stamps, weekdays.

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime};

/// `YYYYMMDD` in `buf`, without allocating (the calendars' years have four
/// digits).
#[inline]
pub(super) fn ymd_in(d: NaiveDate, buf: &mut [u8; 8]) -> &str {
    let (y, m, day) = (d.year().clamp(0, 9999) as u32, d.month(), d.day());
    for (i, v) in [(0, y / 100), (2, y % 100), (4, m), (6, day)] {
        buf[i] = b'0' + (v / 10) as u8;
        buf[i + 1] = b'0' + (v % 10) as u8;
    }
    std::str::from_utf8(buf).unwrap_or("19700101")
}

/// The weekday's English name.
#[inline]
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
#[inline]
pub(super) fn next_day(d: NaiveDate) -> NaiveDate {
    d.checked_add_days(Days::new(1)).unwrap_or(d)
}
