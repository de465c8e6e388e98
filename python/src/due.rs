//! `docket.due` and `docket.courts`: `docket due --json` and `docket courts
//! --json`, computed by the crate's `docket::commands`.

use chrono::{DateTime, LocalResult, TimeZone};
use docket::calendar::{court, Calendar};
use docket::commands::{courts_json, due as run_due, DueQuery, Style};
use docket::{Error, ErrorKind};
use pyo3::prelude::*;

use crate::error::{OrRaise, Words, NO_OPTIONS};

/// The options of `due`, as Python names them.
pub(crate) const DUE: Words = Words {
    options: DueQuery::options,
    renamed: &[
        ("from", "trigger"),
        ("closure", "closures"),
        ("if", "conditions"),
    ],
};

/// A trigger with its UTC offset (`2025-01-10T14:00:00+00:00`, from an
/// aware `datetime`), as the local time at the court, with the fold that
/// instant is when the local time occurs twice there (an aware trigger is
/// one instant: its fold is known); any other text as given.
fn local_trigger(court_id: &str, trigger: &str) -> PyResult<(String, Option<&'static str>)> {
    let Ok(instant) = DateTime::parse_from_rfc3339(trigger) else {
        return Ok((trigger.to_string(), None));
    };
    let zone = if court_id == "federal" {
        Calendar::federal().or_raise(&[], DUE)?.time_zone()
    } else {
        court(court_id)
            .map_err(|e| e.context("court"))
            .or_raise(&[], DUE)?
            .time_zone
    };
    let local = instant.with_timezone(&zone).naive_local();
    let fold = match zone.from_local_datetime(&local) {
        LocalResult::Ambiguous(earlier, _) if earlier == instant => Some("earlier"),
        LocalResult::Ambiguous(..) => Some("later"),
        _ => None,
    };
    Ok((local.format("%Y-%m-%dT%H:%M").to_string(), fold))
}

/// Computes the last day to act; returns the JSON object of `docket due
/// --json`.
#[pyfunction]
#[pyo3(signature = (
    court,
    trigger,
    *,
    days = None,
    court_days = None,
    weeks = None,
    months = None,
    years = None,
    hours = None,
    fold = None,
    before = false,
    service = None,
    rules_as_of = None,
    rules = None,
    closures = Vec::new(),
    settle = Vec::new(),
    authority = None,
    rule = None,
    us_party = false,
    conditions = Vec::new(),
    first_set = None,
    packs = Vec::new(),
))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn due(
    court: String,
    trigger: &str,
    days: Option<i64>,
    court_days: Option<i64>,
    weeks: Option<i64>,
    months: Option<i64>,
    years: Option<i64>,
    hours: Option<i64>,
    fold: Option<String>,
    before: bool,
    service: Option<String>,
    rules_as_of: Option<String>,
    rules: Option<String>,
    closures: Vec<String>,
    settle: Vec<String>,
    authority: Option<String>,
    rule: Option<String>,
    us_party: bool,
    conditions: Vec<String>,
    first_set: Option<String>,
    packs: Vec<std::path::PathBuf>,
) -> PyResult<String> {
    let (from, known) = local_trigger(&court, trigger)?;
    let fold = match (fold, known) {
        (Some(f), Some(k)) if f != k => {
            let e = Error::new(
                ErrorKind::Invalid,
                format!(
                    "fold={f}: the trigger's instant is the {k} of the two {from} at the court"
                ),
            );
            return Err(e).or_raise(&[], DUE);
        }
        (fold, known) => fold.or_else(|| known.map(str::to_string)),
    };
    let query = DueQuery {
        court,
        from,
        days,
        court_days,
        weeks,
        months,
        years,
        hours,
        fold,
        before,
        service,
        rules_as_of,
        rules,
        closure: closures,
        settle,
        authority,
        explain: true,
        rule,
        us_party,
        conditions,
        first_set,
        packs,
        ..DueQuery::default()
    };
    let files: Vec<String> = query
        .packs
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    Ok(run_due(&query, Style::Fields).or_raise(&files, DUE)?.json())
}

/// The built-in courts that `query` finds (every court without one), as
/// `docket courts --json` lists them.
#[pyfunction]
#[pyo3(signature = (query = None))]
pub(crate) fn courts(query: Option<&str>) -> PyResult<String> {
    courts_json(query).or_raise(&[], NO_OPTIONS)
}
