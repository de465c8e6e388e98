//! Dates as docket files write them: exactly `YYYY-MM-DD`, and local
//! date-times exactly `YYYY-MM-DDTHH:MM`. The looser forms chrono accepts
//! (`2025-1-5`, `+2025-01-05`, `02025-01-05`, seconds, a space for `T`) are
//! refused, so a date reads one way only.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::de::{self, Deserializer};
use serde::Deserialize;

use crate::error::{Error, Result};

/// True when `s` has exactly the shape of `pattern`, where `9` stands for
/// an ASCII digit and any other byte for itself.
fn shaped(s: &str, pattern: &str) -> bool {
    s.len() == pattern.len()
        && s.bytes().zip(pattern.bytes()).all(|(c, p)| match p {
            b'9' => c.is_ascii_digit(),
            _ => c == p,
        })
}

fn digits(s: &str) -> u32 {
    s.bytes()
        .fold(0, |n, b| n * 10 + u32::from(b.saturating_sub(b'0')))
}

fn date_of(s: &str) -> Option<NaiveDate> {
    if !shaped(s, "9999-99-99") {
        return None;
    }
    let year = i32::try_from(digits(&s[..4])).ok()?;
    NaiveDate::from_ymd_opt(year, digits(&s[5..7]), digits(&s[8..10]))
}

/// Parses a date written exactly `YYYY-MM-DD`.
///
/// # Errors
/// Any other form, or a day that does not exist (`2025-02-30`).
///
/// # Example
/// ```
/// use docket::docket::parse_date;
/// assert_eq!(parse_date("2025-01-05")?.to_string(), "2025-01-05");
/// assert!(parse_date("2025-1-5").is_err());
/// assert!(parse_date("+2025-01-05").is_err());
/// # Ok::<(), docket::Error>(())
/// ```
pub fn parse_date(s: &str) -> Result<NaiveDate> {
    date_of(s).ok_or_else(|| Error::parse(format!("\"{s}\" is not a date (YYYY-MM-DD)")))
}

/// Parses a local date-time written exactly `YYYY-MM-DDTHH:MM`.
///
/// # Errors
/// Any other form (seconds, a space for `T`, one-digit fields), or a day
/// or time that does not exist.
///
/// # Example
/// ```
/// use docket::docket::parse_local_datetime;
/// assert_eq!(parse_local_datetime("2025-01-05T09:30")?.to_string(), "2025-01-05 09:30:00");
/// assert!(parse_local_datetime("2025-01-05 09:30").is_err());
/// # Ok::<(), docket::Error>(())
/// ```
pub fn parse_local_datetime(s: &str) -> Result<NaiveDateTime> {
    let at = || -> Option<NaiveDateTime> {
        if !shaped(s, "9999-99-99T99:99") {
            return None;
        }
        let time = NaiveTime::from_hms_opt(digits(&s[11..13]), digits(&s[14..16]), 0)?;
        Some(date_of(&s[..10])?.and_time(time))
    };
    at().ok_or_else(|| {
        Error::parse(format!(
            "\"{s}\" is not a local date-time (YYYY-MM-DDTHH:MM)"
        ))
    })
}

/// Deserializes a date written exactly `YYYY-MM-DD` (with
/// `#[serde(deserialize_with = "...")]`).
pub(crate) fn date<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<NaiveDate, D::Error> {
    let s = String::deserialize(d)?;
    parse_date(&s).map_err(de::Error::custom)
}

/// Deserializes an optional date written exactly `YYYY-MM-DD`.
pub(crate) fn date_opt<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<NaiveDate>, D::Error> {
    date(d).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_exact_forms_are_read() {
        for good in ["2025-01-05", "1971-01-01", "2100-12-31", "2024-02-29"] {
            assert_eq!(parse_date(good).unwrap().to_string(), good);
        }
        for bad in [
            "2025-1-5",
            "+2025-01-05",
            "02025-01-05",
            " 2025-01-05",
            "2025-01-05 ",
            "2025/01/05",
            "2025-02-30",
            "2025-13-01",
            "2025-00-10",
            "-025-01-05",
            "2025-01-05T10:00",
            "",
            "२०२५-01-05",
        ] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse_local_datetime("2025-03-09T02:30")
                .unwrap()
                .to_string(),
            "2025-03-09 02:30:00"
        );
        for bad in [
            "2025-01-05T10:00:00",
            "2025-01-05 10:00",
            "2025-01-05T9:00",
            "2025-01-05T24:00",
            "2025-01-05T10:60",
            "2025-1-05T10:00",
            "2025-01-05",
        ] {
            assert!(parse_local_datetime(bad).is_err(), "{bad}");
        }
    }
}
