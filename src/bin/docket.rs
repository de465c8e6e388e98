//! The `docket` command line (build with `--features cli`).

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{NaiveDate, NaiveDateTime};
use clap::{Args, Parser, Subcommand};
use docket::calendar::{court, Calendar, Closure, RuleFamily};
use docket::compute::{Due, Period, Request, Service};
use docket::docket::{Docket, Schedule, ScheduleOptions};
use docket::{Error, ErrorKind};

/// Court deadlines you can trust.
#[derive(Parser)]
#[command(name = "docket", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Compute the last day to act: prints the due date alone on the first line.
    Due(DueArgs),
    /// Print a docket's schedule: every deadline and event, in date order.
    Schedule(ScheduleArgs),
    /// Validate a docket file and report every problem.
    Check(CheckArgs),
}

#[derive(Args)]
struct ScheduleArgs {
    /// The docket file (.toml or .json).
    file: PathBuf,
    /// Print the JSON output contract instead of a table.
    #[arg(long)]
    json: bool,
    /// Only items on or after this date.
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Only items on or before this date (recurring duties are expanded to it).
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Only deadlines and events of this party (id).
    #[arg(long)]
    party: Option<String>,
    /// Mark open deadlines due before this date as overdue.
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// Expand recurring duties through this date.
    #[arg(long, value_name = "DATE")]
    horizon: Option<String>,
    /// Print each deadline's explanation under it (table output).
    #[arg(long)]
    explain: bool,
}

#[derive(Args)]
struct CheckArgs {
    /// The docket file(s) (.toml or .json).
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

#[derive(Args)]
struct DueArgs {
    /// Court id (CourtListener style: nysb, nysd, ca2, ...) or "federal".
    #[arg(long)]
    court: String,
    /// The trigger: a date (YYYY-MM-DD), or a local date-time at the court
    /// (YYYY-MM-DDTHH:MM) for --hours.
    #[arg(long)]
    from: String,
    /// Period in calendar days.
    #[arg(long, group = "period", allow_negative_numbers = true)]
    days: Option<i64>,
    /// Period in court days.
    #[arg(long, group = "period", allow_negative_numbers = true)]
    court_days: Option<i64>,
    /// Period in weeks.
    #[arg(long, group = "period", allow_negative_numbers = true)]
    weeks: Option<i64>,
    /// Period in months (month-end clamped).
    #[arg(long, group = "period", allow_negative_numbers = true)]
    months: Option<i64>,
    /// Period in years.
    #[arg(long, group = "period", allow_negative_numbers = true)]
    years: Option<i64>,
    /// Period in hours (needs --from with a time).
    #[arg(long, group = "period", allow_negative_numbers = true)]
    hours: Option<i64>,
    /// Count backward from the trigger (a period before an event).
    #[arg(long)]
    before: bool,
    /// Service method whose days are added: mail, electronic, hand, other.
    #[arg(long)]
    service: Option<String>,
    /// Apply the rules in force on this date instead of the trigger date.
    #[arg(long, value_name = "DATE")]
    rules_as_of: Option<String>,
    /// Rule family, overriding the court's: civil, bankruptcy, appellate, plain.
    #[arg(long)]
    rules: Option<String>,
    /// A day the clerk's office was inaccessible (repeatable).
    #[arg(long, value_name = "DATE")]
    closure: Vec<String>,
    /// Print the explanation after the date.
    #[arg(long)]
    explain: bool,
    /// Print a JSON object with `due`, `latest` (when a later reading exists)
    /// and `steps`.
    #[arg(long)]
    json: bool,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help and --version.
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            // One line naming the problem.
            let text = e.to_string();
            let first = text.lines().next().unwrap_or("invalid arguments");
            let first = first.strip_prefix("error: ").unwrap_or(first);
            eprintln!("docket: error: {first} (see docket --help)");
            return ExitCode::from(2);
        }
    };
    let result = match cli.command {
        Command::Due(args) => due(args),
        Command::Schedule(args) => schedule(args),
        Command::Check(args) => check(args),
    };
    match result {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            match e.problems() {
                [one] => eprintln!("docket: error: {}", one.replace('\n', " ")),
                many => {
                    eprintln!("docket: error: {} problems:", many.len());
                    for p in many {
                        eprintln!("  {p}");
                    }
                }
            }
            ExitCode::from(2)
        }
    }
}

fn parse_date(what: &str, s: &str) -> Result<NaiveDate, Error> {
    s.parse::<NaiveDate>()
        .map_err(|_| invalid(format!("{what}: \"{s}\" is not a date (YYYY-MM-DD)")))
}

fn invalid(msg: String) -> Error {
    Error::new(ErrorKind::Invalid, msg)
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

fn due(a: DueArgs) -> Result<String, Error> {
    let (calendar, family) = if a.court == "federal" {
        (Calendar::federal(), RuleFamily::Civil)
    } else {
        let c = court(&a.court)?;
        (c.calendar()?, c.family)
    };
    let family = match &a.rules {
        Some(r) => r.parse()?,
        None => family,
    };
    let calendar = if a.closure.is_empty() {
        calendar
    } else {
        let mut b = calendar.to_builder();
        for d in &a.closure {
            b = b.closure(Closure::on(
                parse_date("--closure", d)?,
                "Clerk's office inaccessible (--closure)",
            ));
        }
        b.build()?
    };
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
    let (date, time) = match NaiveDateTime::parse_from_str(&a.from, "%Y-%m-%dT%H:%M") {
        Ok(dt) => (dt.date(), Some(dt.time())),
        Err(_) => (parse_date("--from", &a.from)?, None),
    };
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
        json(&due)
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

fn text(due: &Due, explain: bool) -> String {
    let mut out = format!("{}\n", show(due));
    if let Some(l) = due.later() {
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
        if let Some(l) = due.later() {
            out.push_str("later reading:\n");
            for s in &l.steps {
                out.push_str(&format!("  - {s}\n"));
            }
        }
    }
    out
}

fn json(due: &Due) -> String {
    let mut obj = serde_json::Map::new();
    obj.insert("due".into(), due.due().to_string().into());
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

fn opt_date(flag: &str, v: &Option<String>) -> Result<Option<NaiveDate>, Error> {
    v.as_deref().map(|s| parse_date(flag, s)).transpose()
}

fn schedule(a: ScheduleArgs) -> Result<String, Error> {
    let docket = Docket::load(&a.file)?;
    let from = opt_date("--from", &a.from)?;
    let to = opt_date("--to", &a.to)?;
    let as_of = opt_date("--as-of", &a.as_of)?;
    let horizon = opt_date("--horizon", &a.horizon)?;
    if let Some(p) = &a.party {
        if !docket.parties.contains_key(p) {
            return Err(invalid(format!(
                "--party: {}: no party \"{p}\" (parties: {})",
                a.file.display(),
                docket
                    .parties
                    .keys()
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
    }
    let opts = ScheduleOptions::new()
        .window(from, to)
        .horizon(horizon)
        .explain(a.json || a.explain);
    let mut s = docket
        .schedule(&opts)
        .map_err(|e| e.context(a.file.display()))?;
    if let Some(p) = &a.party {
        s.deadlines.retain(|d| d.parties.iter().any(|x| x == p));
        s.events
            .retain(|e| e.parties.is_empty() || e.parties.iter().any(|x| x == p));
    }
    if a.json {
        return schedule_json(&s, as_of);
    }
    Ok(schedule_table(&docket, &s, as_of, a.explain))
}

fn schedule_json(s: &Schedule, as_of: Option<NaiveDate>) -> Result<String, Error> {
    let mut v = serde_json::to_value(s).map_err(|e| invalid(e.to_string()))?;
    if let Some(as_of) = as_of {
        v["as_of"] = as_of.to_string().into();
        if let Some(list) = v["deadlines"].as_array_mut() {
            for (d, item) in s.deadlines.iter().zip(list.iter_mut()) {
                let overdue = d.status == docket::docket::DeadlineStatus::Open && d.due < as_of;
                item["overdue"] = overdue.into();
            }
        }
    }
    let mut out = serde_json::to_string_pretty(&v).map_err(|e| invalid(e.to_string()))?;
    out.push('\n');
    Ok(out)
}

fn schedule_table(
    docket: &Docket,
    s: &Schedule,
    as_of: Option<NaiveDate>,
    explain: bool,
) -> String {
    use std::fmt::Write;
    let _ = docket;
    let name = |id: &String| id.clone();
    let mut rows: Vec<(NaiveDate, String, String, String, String, Vec<String>)> = Vec::new();
    for e in &s.events {
        let what = match e.at {
            Some(t) => format!("{} at {}", e.title, t.format("%H:%M")),
            None => e.title.clone(),
        };
        let status = format!("{:?}", e.status).to_lowercase();
        rows.push((
            e.date,
            what,
            e.parties.iter().map(name).collect::<Vec<_>>().join(", "),
            status,
            format!("event {}", e.id),
            Vec::new(),
        ));
    }
    for d in &s.deadlines {
        let mut status = d.status.as_str().to_string();
        if let Some(f) = d.filed {
            status = format!("{status} {f}");
        }
        if as_of.is_some_and(|a| d.status == docket::docket::DeadlineStatus::Open && d.due < a) {
            status.push_str(" OVERDUE");
        }
        let mut what = format!("Due: {}", d.title);
        if let Some(l) = d.latest {
            what.push_str(&format!(" (later reading: {l})"));
        }
        let lines = if explain {
            d.explain.clone()
        } else {
            Vec::new()
        };
        rows.push((
            d.due,
            what,
            d.parties.iter().map(name).collect::<Vec<_>>().join(", "),
            status,
            d.id.clone(),
            lines,
        ));
    }
    rows.sort_by(|a, b| (a.0, &a.4).cmp(&(b.0, &b.4)));
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}  {}",
        s.case,
        docket.case.caption.as_deref().unwrap_or("")
    );
    let _ = writeln!(
        out,
        "{:<10}  {:<9}  {:<60}  {:<40}  status",
        "date", "weekday", "what", "who"
    );
    for (date, what, who, status, _, lines) in rows {
        let _ = writeln!(
            out,
            "{date}  {:<9}  {what:<60}  {who:<40}  {status}",
            date.format("%A")
        );
        for l in lines {
            let _ = writeln!(out, "            - {l}");
        }
    }
    for t in &s.truncated {
        let _ = writeln!(
            out,
            "({} recurs beyond {}; pass --to or --horizon to see more)",
            t.obligation, t.horizon
        );
    }
    out
}

fn check(a: CheckArgs) -> Result<String, Error> {
    let mut out = String::new();
    let mut problems = Vec::new();
    for f in &a.files {
        match Docket::load(f) {
            Ok(d) => out.push_str(&format!(
                "{}: ok ({} parties, {} events, {} obligations, {} changes)\n",
                f.display(),
                d.parties.len(),
                d.events.len(),
                d.obligations.len(),
                d.changes.len()
            )),
            Err(e) => problems.extend(e.problems().iter().cloned()),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        print!("{out}");
        Err(Error::many(ErrorKind::Invalid, problems))
    }
}
