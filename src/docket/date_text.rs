//! Dates and times written into a `String` a character at a time, as
//! chrono's `Display` and formats write them, without a formatter: the
//! diff and the feed write many.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

/// Appends two digits (the last two of `v`).
fn push_two(out: &mut String, v: u32) {
    out.push(char::from(b'0' + (v / 10 % 10) as u8));
    out.push(char::from(b'0' + (v % 10) as u8));
}

/// Appends a date as its `Display` does (`2025-06-09`).
pub(crate) fn push_date(out: &mut String, d: NaiveDate) {
    if (0..=9999).contains(&d.year()) {
        push_ymd(out, d, Some('-'));
    } else {
        let _ = write!(out, "{d}");
    }
}

/// Appends `YYYYMMDD`, with `sep` between the parts when given (a year
/// outside 0-9999 is clamped: the calendars' years have four digits).
pub(crate) fn push_ymd(out: &mut String, d: NaiveDate, sep: Option<char>) {
    let y = d.year().clamp(0, 9999) as u32;
    push_two(out, y / 100);
    push_two(out, y % 100);
    for v in [d.month(), d.day()] {
        if let Some(sep) = sep {
            out.push(sep);
        }
        push_two(out, v);
    }
}

/// Appends `HH:MM`.
pub(crate) fn push_hour_minute(out: &mut String, t: NaiveTime) {
    push_two(out, t.hour());
    out.push(':');
    push_two(out, t.minute());
}

/// Appends a date-time as `%Y-%m-%d %H:%M` formats it.
pub(crate) fn push_minute(out: &mut String, t: NaiveDateTime) {
    if !(0..=9999).contains(&t.year()) {
        let _ = write!(out, "{}", t.format("%Y-%m-%d %H:%M"));
        return;
    }
    push_date(out, t.date());
    out.push(' ');
    push_hour_minute(out, t.time());
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The same text as chrono writes, for any date it can hold.
        #[test]
        fn written_as_chrono_writes_them(days in -3_000_000i32..3_000_000, minute in 0u32..1440) {
            let d = NaiveDate::from_num_days_from_ce_opt(days).unwrap();
            let t = d.and_hms_opt(minute / 60, minute % 60, 0).unwrap();
            let mut s = String::new();
            push_date(&mut s, d);
            prop_assert_eq!(&s, &d.to_string());
            s.clear();
            push_minute(&mut s, t);
            prop_assert_eq!(&s, &t.format("%Y-%m-%d %H:%M").to_string());
            s.clear();
            push_hour_minute(&mut s, t.time());
            prop_assert_eq!(&s, &t.format("%H:%M").to_string());
            if (0..=9999).contains(&d.year()) {
                s.clear();
                push_ymd(&mut s, d, None);
                prop_assert_eq!(&s, &d.format("%Y%m%d").to_string());
            }
        }
    }
}
