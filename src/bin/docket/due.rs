//! `docket due`: the last day to act.

use clap::Args;
use docket::calendar::{court, Calendar, Closure, RuleFamily, Settlement};
use docket::compute::{Due, Period, Request, Service};
use docket::{Error, ErrorKind};

use crate::common::{invalid, parse_date};

#[derive(Args)]
pub(crate) struct DueArgs {
    /// Court id (CourtListener style: nysb, nysd, ca2, ...) or "federal".
    #[arg(long)]
    pub(crate) court: String,
    /// The trigger: a date (YYYY-MM-DD), or a local date-time at the court
    /// (YYYY-MM-DDTHH:MM) for --hours.
    #[arg(long)]
    pub(crate) from: String,
    /// Period in calendar days.
    #[arg(long, group = "period", allow_negative_numbers = true)]
    pub(crate) days: Option<i64>,
    /// Period in court days.
    #[arg(long, group = "period", allow_negative_numbers = true)]
    pub(crate) court_days: Option<i64>,
    /// Period in weeks.
    #[arg(long, group = "period", allow_negative_numbers = true)]
    pub(crate) weeks: Option<i64>,
    /// Period in months (month-end clamped).
    #[arg(long, group = "period", allow_negative_numbers = true)]
    pub(crate) months: Option<i64>,
    /// Period in years.
    #[arg(long, group = "period", allow_negative_numbers = true)]
    pub(crate) years: Option<i64>,
    /// Period in hours (needs --from with a time).
    #[arg(long, group = "period", allow_negative_numbers = true)]
    pub(crate) hours: Option<i64>,
    /// Count backward from the trigger (a period before an event).
    #[arg(long)]
    pub(crate) before: bool,
    /// Service method whose days are added: mail, electronic, hand,
    /// leaving_with_clerk, other.
    #[arg(long)]
    pub(crate) service: Option<String>,
    /// Apply the rules in force on this date instead of the trigger date.
    #[arg(long, value_name = "DATE")]
    pub(crate) rules_as_of: Option<String>,
    /// Rule family, overriding the court's: civil, bankruptcy, appellate, plain.
    #[arg(long)]
    pub(crate) rules: Option<String>,
    /// A day the clerk's office was inaccessible (repeatable).
    #[arg(long, value_name = "DATE")]
    pub(crate) closure: Vec<String>,
    /// Settle an unsettled question: QUESTION=READING, or
    /// QUESTION=READING@DATE for one day (repeatable; needs --authority).
    /// The questions are listed in docs/format.md.
    #[arg(long, value_name = "QUESTION=READING")]
    pub(crate) settle: Vec<String>,
    /// The authority relied on to settle a question (an order, a notice).
    #[arg(long, value_name = "TEXT")]
    pub(crate) authority: Option<String>,
    /// Print the explanation after the date.
    #[arg(long)]
    pub(crate) explain: bool,
    /// Print a JSON object: `due`, `ends_at`, `readings` (every later
    /// reading with its `date`, `question`, `reason`, `cites`, `steps`),
    /// `latest`, `latest_reason` and `latest_steps` (the latest reading,
    /// when one exists), `rules`, `steps`.
    #[arg(long)]
    pub(crate) json: bool,
    /// A rule's deadline instead of a period (`docket rules` lists them).
    #[command(flatten)]
    pub(crate) rule: crate::rules::RuleFlags,
}

fn amount(flag: &str, n: i64) -> Result<u32, Error> {
    if n < 0 {
        return Err(invalid(format!(
            "{flag} {n}: a period cannot be negative (use --before to count back from an event)"
        )));
    }
    u32::try_from(n)
        .map_err(|_| Error::new(ErrorKind::Range, format!("{flag} {n}: period too long")))
}

/// `--settle QUESTION=READING[@DATE]` with `--authority`.
fn settlement(arg: &str, authority: Option<&str>) -> Result<Settlement, Error> {
    let bad = || {
        invalid(format!(
            "--settle {arg}: expected QUESTION=READING or QUESTION=READING@DATE"
        ))
    };
    let (question, rest) = arg.split_once('=').ok_or_else(bad)?;
    let (reading, date) = match rest.split_once('@') {
        Some((r, d)) => (r, Some(parse_date("--settle", d)?)),
        None => (rest, None),
    };
    if question.is_empty() || reading.is_empty() {
        return Err(bad());
    }
    let authority = authority.filter(|a| !a.trim().is_empty()).ok_or_else(|| {
        invalid(format!(
            "--settle {arg}: give the authority relied on with --authority"
        ))
    })?;
    let s = Settlement {
        question: question.to_string(),
        reading: reading.to_string(),
        date,
        authority: authority.to_string(),
    };
    s.check()
        .map_err(|e| e.context(format!("--settle {arg}")))?;
    Ok(s)
}

/// The calendar of `--court`, with `--closure` and `--settle`, and the rule
/// family (the court's, or `--rules`).
pub(crate) fn calendar_of(a: &DueArgs) -> Result<(Calendar, RuleFamily), Error> {
    let (calendar, family) = if a.court == "federal" {
        (Calendar::federal()?, RuleFamily::Civil)
    } else {
        let c = court(&a.court)?;
        (c.calendar()?, c.family)
    };
    let family = match &a.rules {
        Some(r) => r.parse()?,
        None => family,
    };
    let calendar = if a.closure.is_empty() && a.settle.is_empty() {
        calendar
    } else {
        let mut b = calendar.to_builder();
        for s in &a.settle {
            b = b.settle(settlement(s, a.authority.as_deref())?);
        }
        for d in &a.closure {
            b = b.closure(Closure::on(
                parse_date("--closure", d)?,
                "Clerk's office inaccessible (--closure)",
            ));
        }
        b.build()?
    };
    Ok((calendar, family))
}

pub(crate) fn due(a: DueArgs) -> Result<String, Error> {
    if a.authority.is_some() && a.settle.is_empty() {
        return Err(invalid("--authority is used only with --settle".into()));
    }
    if a.rule.rule.is_some() {
        return crate::rules::due_by_rule(&a);
    }
    crate::rules::refuse_without_rule(&a.rule)?;
    let (calendar, family) = calendar_of(&a)?;
    let period = match (a.days, a.court_days, a.weeks, a.months, a.years, a.hours) {
        (Some(n), ..) => Period::days(amount("--days", n)?),
        (_, Some(n), ..) => Period::court_days(amount("--court-days", n)?),
        (_, _, Some(n), ..) => Period::weeks(amount("--weeks", n)?),
        (_, _, _, Some(n), ..) => Period::months(amount("--months", n)?),
        (_, _, _, _, Some(n), _) => Period::years(amount("--years", n)?),
        (.., Some(n)) => Period::hours(amount("--hours", n)?),
        _ => {
            return Err(invalid(
                "give a period: --days, --court-days, --weeks, --months, --years or --hours".into(),
            ))
        }
    }
    .check()?;
    let (date, time) = match docket::docket::parse_local_datetime(&a.from) {
        Ok(dt) => (dt.date(), Some(dt.time())),
        Err(_) => (parse_date("--from", &a.from)?, None),
    };
    if time.is_some() && a.hours.is_none() {
        return Err(invalid(format!(
            "--from {}: a time of day is used only with --hours; give a date",
            a.from
        )));
    }
    let mut req = if a.before {
        Request::before(date, period)
    } else {
        Request::after(date, period)
    };
    if let Some(t) = time {
        req = req.at(t);
    }
    let service: Option<Service> = a.service.as_deref().map(str::parse).transpose()?;
    let as_of = a
        .rules_as_of
        .as_deref()
        .map(|s| parse_date("--rules-as-of", s))
        .transpose()?;
    let due = req
        .service(service)
        .rules_as_of(as_of)
        .explain(a.explain || a.json)
        .compute(&calendar, family)?;
    Ok(if a.json {
        json(&due, &calendar)
    } else {
        text(&due, a.explain)
    })
}

fn show(due: &Due) -> String {
    match due.at() {
        Some(at) => at.format("%Y-%m-%dT%H:%M").to_string(),
        None => due.due().to_string(),
    }
}

pub(crate) fn text(due: &Due, explain: bool) -> String {
    let mut out = format!("{}\n", show(due));
    for l in due.readings() {
        let when = l.at.map_or(l.date.to_string(), |t| {
            t.format("%Y-%m-%dT%H:%M").to_string()
        });
        out.push_str(&format!("later reading: {when} ({})\n", l.reason));
    }
    if explain {
        out.push_str(&format!("rules: {}\n", due.edition()));
        for s in due.steps() {
            out.push_str(&format!("  - {s}\n"));
        }
        for l in due.readings() {
            out.push_str(&format!("later reading ({}, {}):\n", l.question, l.date));
            for s in &l.steps {
                out.push_str(&format!("  - {s}\n"));
            }
            for c in &l.cites {
                out.push_str(&format!("  cites: {c}\n"));
            }
        }
    }
    out
}

pub(crate) fn json(due: &Due, calendar: &Calendar) -> String {
    let mut obj = serde_json::Map::new();
    obj.insert("due".into(), due.due().to_string().into());
    if let Ok(end) = due.ends_at(calendar) {
        obj.insert("ends_at".into(), end.to_rfc3339().into());
    }
    if let Some(at) = due.at() {
        obj.insert("at".into(), at.format("%Y-%m-%dT%H:%M").to_string().into());
    }
    if let Some(l) = due.later() {
        obj.insert("latest".into(), l.date.to_string().into());
        if let Some(at) = l.at {
            obj.insert(
                "latest_at".into(),
                at.format("%Y-%m-%dT%H:%M").to_string().into(),
            );
        }
        obj.insert("latest_reason".into(), l.reason.clone().into());
        obj.insert(
            "latest_steps".into(),
            l.steps.iter().map(|s| s.to_string()).collect(),
        );
    }
    let readings: Vec<serde_json::Value> = due
        .readings()
        .iter()
        .map(|l| {
            let mut r = serde_json::Map::new();
            r.insert("date".into(), l.date.to_string().into());
            if let Some(at) = l.at {
                r.insert("at".into(), at.format("%Y-%m-%dT%H:%M").to_string().into());
            }
            r.insert("question".into(), l.question.to_string().into());
            r.insert("reason".into(), l.reason.clone().into());
            r.insert(
                "cites".into(),
                l.cites.iter().map(|c| c.to_string()).collect(),
            );
            r.insert(
                "steps".into(),
                l.steps.iter().map(|s| s.to_string()).collect(),
            );
            serde_json::Value::Object(r)
        })
        .collect();
    obj.insert("readings".into(), readings.into());
    obj.insert("rules".into(), due.edition().to_string().into());
    obj.insert(
        "steps".into(),
        due.steps().iter().map(|s| s.to_string()).collect(),
    );
    let mut s = serde_json::to_string_pretty(&serde_json::Value::Object(obj))
        .unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}
