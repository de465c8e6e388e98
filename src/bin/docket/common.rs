//! Helpers shared by the subcommands: date flags and errors.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use docket::{Error, ErrorKind};

pub(crate) fn parse_date(what: &str, s: &str) -> Result<NaiveDate, Error> {
    docket::docket::parse_date(s)
        .map_err(|_| invalid(format!("{what}: \"{s}\" is not a date (YYYY-MM-DD)")))
}

pub(crate) fn invalid(msg: String) -> Error {
    Error::new(ErrorKind::Invalid, msg)
}

pub(crate) fn opt_date(flag: &str, v: &Option<String>) -> Result<Option<NaiveDate>, Error> {
    v.as_deref().map(|s| parse_date(flag, s)).transpose()
}

/// The variable that sets the clock: an RFC 3339 instant
/// (`2025-03-10T02:30:00Z`) that every command takes as "now".
pub(crate) const NOW_VAR: &str = "DOCKET_NOW";

/// Today's date at the court, whose time zone is `zone`: the date there of
/// now, or of the instant in [`NOW_VAR`] when it is set.
pub(crate) fn today(zone: Tz) -> Result<NaiveDate, Error> {
    let now = match std::env::var_os(NOW_VAR) {
        None => DateTime::<Utc>::from(std::time::SystemTime::now()),
        Some(v) => {
            let s = v.to_string_lossy();
            DateTime::parse_from_rfc3339(&s)
                .map_err(|_| {
                    invalid(format!(
                        "{NOW_VAR}: \"{s}\" is not an RFC 3339 instant (2025-03-10T02:30:00Z)"
                    ))
                })?
                .with_timezone(&Utc)
        }
    };
    Ok(now.with_timezone(&zone).date_naive())
}
