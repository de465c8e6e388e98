//! `docket.due`: one computation, returned as the JSON of `docket due
//! --json`.

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use docket::calendar::{court, find_courts, Calendar, Closure, Court, RuleFamily, Settlement};
use docket::compute::{Due, Fold, Period, Request, Service};
use docket::docket::{parse_date, parse_local_datetime};
use docket::{Error, ErrorKind};
use pyo3::prelude::*;
use serde_json::{json, Map, Value};

use crate::error::{invalid, OrRaise};

/// A date argument written `YYYY-MM-DD`, named by its parameter.
pub(crate) fn date_arg(name: &str, s: &str) -> PyResult<NaiveDate> {
    parse_date(s).map_err(|_| invalid(format!("{name}: \"{s}\" is not a date (YYYY-MM-DD)")))
}

/// An optional date argument.
pub(crate) fn opt_date_arg(name: &str, s: Option<&str>) -> PyResult<Option<NaiveDate>> {
    s.map(|s| date_arg(name, s)).transpose()
}

/// The period of `amount` `unit`s (`unit` is the keyword's name: `days`,
/// `court_days`, `weeks`, `months`, `years`, `hours`).
fn period(unit: &str, amount: i64) -> PyResult<Period> {
    if amount < 0 {
        return Err(invalid(format!(
            "{unit}={amount}: a period cannot be negative (use before=True to count back from an event)"
        )));
    }
    let n = u32::try_from(amount).map_err(|_| {
        crate::error::raise(
            &Error::new(
                ErrorKind::Range,
                format!("{unit}={amount}: period too long"),
            ),
            &[],
        )
    })?;
    let p = match unit {
        "days" => Period::days(n),
        "court_days" => Period::court_days(n),
        "weeks" => Period::weeks(n),
        "months" => Period::months(n),
        "years" => Period::years(n),
        "hours" => Period::hours(n),
        _ => {
            return Err(invalid(format!(
                "unknown unit \"{unit}\" (expected days, court_days, weeks, months, years or hours)"
            )))
        }
    };
    p.check().or_raise(&[])
}

/// The trigger: a date, a local date-time at the court (`YYYY-MM-DDTHH:MM`),
/// or an instant with its UTC offset (RFC 3339), read at the court.
fn trigger_arg(s: &str, calendar: &Calendar) -> PyResult<(NaiveDate, Option<NaiveDateTime>)> {
    if let Ok(d) = parse_date(s) {
        return Ok((d, None));
    }
    if let Ok(t) = parse_local_datetime(s) {
        return Ok((t.date(), Some(t)));
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        let local = t.with_timezone(&calendar.time_zone()).naive_local();
        return Ok((local.date(), Some(local)));
    }
    Err(invalid(format!(
        "trigger: \"{s}\" is not a date (YYYY-MM-DD), a local date-time at the court (YYYY-MM-DDTHH:MM) or a date-time with its UTC offset"
    )))
}

/// The court's calendar and rule family, with the closures and
/// settlements given.
fn calendar_for(
    court_id: &str,
    rules: Option<&str>,
    closures: &[String],
    settle: Option<&str>,
) -> PyResult<(Calendar, RuleFamily)> {
    let (calendar, family) = if court_id == "federal" {
        (Calendar::federal().or_raise(&[])?, RuleFamily::Civil)
    } else {
        let c = court(court_id).or_raise(&[])?;
        (c.calendar().or_raise(&[])?, c.family)
    };
    let family = match rules {
        Some(r) => r.parse().or_raise(&[])?,
        None => family,
    };
    let settlements: Vec<Settlement> = match settle {
        Some(text) => serde_json::from_str(text).map_err(|e| invalid(format!("settle: {e}")))?,
        None => Vec::new(),
    };
    if closures.is_empty() && settlements.is_empty() {
        return Ok((calendar, family));
    }
    let mut b = calendar.to_builder();
    for s in settlements {
        s.check()
            .map_err(|e| e.context(format!("settle {}={}", s.question, s.reading)))
            .or_raise(&[])?;
        b = b.settle(s);
    }
    for d in closures {
        b = b.closure(Closure::on(
            date_arg("closures", d)?,
            "Clerk's office inaccessible (closures)",
        ));
    }
    Ok((b.build().or_raise(&[])?, family))
}

/// Computes the last day to act; returns the JSON object of `docket due
/// --json`.
#[pyfunction]
#[pyo3(signature = (
    court,
    trigger,
    unit,
    amount,
    *,
    before = false,
    service = None,
    rules_as_of = None,
    rules = None,
    closures = Vec::new(),
    settle = None,
    explain = true,
    fold = None,
))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn due(
    court: &str,
    trigger: &str,
    unit: &str,
    amount: i64,
    before: bool,
    service: Option<&str>,
    rules_as_of: Option<&str>,
    rules: Option<&str>,
    closures: Vec<String>,
    settle: Option<&str>,
    explain: bool,
    fold: Option<&str>,
) -> PyResult<String> {
    let (calendar, family) = calendar_for(court, rules, &closures, settle)?;
    let period = period(unit, amount)?;
    let (date, at) = trigger_arg(trigger, &calendar)?;
    if at.is_some() && unit != "hours" {
        return Err(invalid(format!(
            "trigger: \"{trigger}\": a time of day is used only with hours; give a date"
        )));
    }
    let mut req = if before {
        Request::before(date, period)
    } else {
        Request::after(date, period)
    };
    if let Some(t) = at {
        req = req.at(t.time());
    }
    let service: Option<Service> = service
        .map(str::parse)
        .transpose()
        .map_err(|e: Error| e.context("service"))
        .or_raise(&[])?;
    let fold: Option<Fold> = fold
        .map(str::parse)
        .transpose()
        .map_err(|e: Error| e.context("fold"))
        .or_raise(&[])?;
    let due = req
        .service(service)
        .rules_as_of(opt_date_arg("rules_as_of", rules_as_of)?)
        .fold(fold)
        .explain(explain)
        .compute(&calendar, family)
        .or_raise(&[])?;
    crate::json_text(&due_json(&due, &calendar))
}

fn local(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M").to_string()
}

fn texts<T: ToString>(items: &[T]) -> Value {
    items.iter().map(ToString::to_string).collect()
}

/// The object `docket due --json` prints.
fn due_json(due: &Due, calendar: &Calendar) -> Value {
    let mut obj = Map::new();
    obj.insert("due".into(), due.due().to_string().into());
    if let Ok(end) = due.ends_at(calendar) {
        obj.insert("ends_at".into(), end.to_rfc3339().into());
    }
    if let Some(at) = due.at() {
        obj.insert("at".into(), local(at).into());
    }
    if let Some(l) = due.later() {
        obj.insert("latest".into(), l.date.to_string().into());
        if let Some(at) = l.at {
            obj.insert("latest_at".into(), local(at).into());
        }
        obj.insert("latest_reason".into(), l.reason.clone().into());
        obj.insert("latest_steps".into(), texts(&l.steps));
    }
    let readings: Vec<Value> = due
        .readings()
        .iter()
        .map(|l| {
            let mut r = Map::new();
            r.insert("date".into(), l.date.to_string().into());
            if let Some(at) = l.at {
                r.insert("at".into(), local(at).into());
            }
            r.insert("question".into(), l.question.to_string().into());
            r.insert("reason".into(), l.reason.clone().into());
            r.insert("cites".into(), texts(&l.cites));
            r.insert("steps".into(), texts(&l.steps));
            Value::Object(r)
        })
        .collect();
    obj.insert("readings".into(), readings.into());
    obj.insert("rules".into(), due.edition().to_string().into());
    obj.insert("steps".into(), texts(due.steps()));
    Value::Object(obj)
}

/// The built-in courts matching `query` (an id, abbreviation, name or
/// state; every court without one), as `docket courts --json` lists them:
/// `[{"id", "name", "citation", "state", "family", "time_zone", "note"?}]`.
#[pyfunction]
#[pyo3(signature = (query = None))]
pub(crate) fn courts(query: Option<&str>) -> PyResult<String> {
    let found: Vec<&Court> = match query {
        None => docket::calendar::courts().or_raise(&[])?.iter().collect(),
        Some(q) => find_courts(q),
    };
    let list: Vec<Value> = found
        .iter()
        .map(|c| {
            let mut v = json!({
                "id": c.id,
                "name": c.name,
                "citation": c.citation,
                "state": c.state.code(),
                "family": c.family.as_str(),
                "time_zone": c.time_zone.name(),
            });
            if let (Some(note), Some(obj)) = (&c.note, v.as_object_mut()) {
                obj.insert("note".into(), note.clone().into());
            }
            v
        })
        .collect();
    crate::json_text(&list)
}
