//! Helpers shared by the subcommands: date flags and errors.

use chrono::NaiveDate;
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

pub(crate) fn today() -> NaiveDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    NaiveDate::from_num_days_from_ce_opt(719_163 + (secs / 86_400) as i32).unwrap_or(NaiveDate::MIN)
}
