//! The `docket` command line (build with `--features cli`).

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{NaiveDate, NaiveDateTime};
use clap::{Args, Parser, Subcommand};
use docket::calendar::{court, Calendar, Closure, RuleFamily};
use docket::compute::{Due, Period, Request, Service};
use docket::docket::{
    write_atomic, Action, Change, Diff, Docket, EventTime, Format, Schedule, ScheduleOptions,
};
use docket::ical::{Feed, FeedOptions};
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
    /// Show what a change moves (what-if), and with --write record it.
    Reschedule(RescheduleArgs),
    /// Compare the schedules of two docket files.
    Diff(DiffArgs),
    /// Write iCalendar feeds: one file's feed (stdout or -o), or with a
    /// folder and --out-dir one feed per case, per party and for all.
    Ics(IcsArgs),
}

#[derive(Args)]
struct IcsArgs {
    /// A docket file, or a folder of them (with --out-dir).
    input: PathBuf,
    /// Only this party's deadlines and events (its id or name).
    #[arg(long)]
    party: Option<String>,
    /// Write the feed to this file (atomically) instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    output: Option<PathBuf>,
    /// With a folder: write <case>.ics, party-<id>.ics and all.ics here.
    #[arg(long, value_name = "FEEDS")]
    out_dir: Option<PathBuf>,
    /// UID domain (lexington/status-report/3@DOMAIN).
    #[arg(long, default_value = "docket.invalid")]
    domain: String,
    /// Calendar name (default: the case caption).
    #[arg(long)]
    name: Option<String>,
    /// A reminder this many days before each open deadline (repeatable).
    #[arg(long = "alarm", value_name = "DAYS")]
    alarms: Vec<u32>,
    /// Keep vacated items as STATUS:CANCELLED instead of dropping them.
    #[arg(long)]
    keep_vacated: bool,
    /// Write timed events in UTC instead of the court's zone.
    #[arg(long)]
    utc: bool,
    /// DTSTAMP for every item (YYYY-MM-DDTHH:MM:SS, UTC); default: the last
    /// change's date.
    #[arg(long, value_name = "DATETIME")]
    stamp: Option<String>,
    /// Refresh interval for subscribers, in minutes.
    #[arg(long, default_value_t = 720)]
    refresh_minutes: u32,
    /// A METHOD property (off by default for subscriptions).
    #[arg(long)]
    method: Option<String>,
    /// Only items on or after this date.
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Only items on or before this date (recurring duties expanded to it).
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Expand recurring duties through this date.
    #[arg(long, value_name = "DATE")]
    horizon: Option<String>,
}

#[derive(Args)]
struct RescheduleArgs {
    /// The docket file (.toml or .json).
    file: PathBuf,
    /// Move this event (to --to, a date or YYYY-MM-DDTHH:MM).
    #[arg(long = "move", value_name = "EVENT")]
    move_event: Option<String>,
    /// Set this obligation's due date to --to (extend or shorten).
    #[arg(long, value_name = "OBLIGATION")]
    extend: Option<String>,
    /// Vacate this obligation (from --on).
    #[arg(long, value_name = "OBLIGATION")]
    vacate: Option<String>,
    /// Record a filing of this obligation on --on.
    #[arg(long = "file", value_name = "OBLIGATION")]
    file_obligation: Option<String>,
    /// Reinstate this vacated obligation.
    #[arg(long, value_name = "OBLIGATION")]
    reinstate: Option<String>,
    /// Cancel this event.
    #[arg(long, value_name = "EVENT")]
    cancel: Option<String>,
    /// The new date (or date-time, for --move).
    #[arg(long)]
    to: Option<String>,
    /// Which occurrence of a recurring duty (--extend, --vacate).
    #[arg(long)]
    occurrence: Option<u32>,
    /// The authority: the order, letter or agreement.
    #[arg(long)]
    by: Option<String>,
    /// The change's date (the filing date for --file); default today.
    #[arg(long, value_name = "DATE")]
    on: Option<String>,
    /// Print JSON: moved, added, removed, vacated, ...
    #[arg(long)]
    json: bool,
    /// Append the change to the file's changes log (atomically).
    #[arg(long)]
    write: bool,
}

#[derive(Args)]
struct DiffArgs {
    /// The old docket file.
    old: PathBuf,
    /// The new docket file.
    new: PathBuf,
    /// Print JSON.
    #[arg(long)]
    json: bool,
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
    /// Only deadlines and events of this party (its id or name).
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
    /// Service method whose days are added: mail, electronic, hand,
    /// leaving_with_clerk, other.
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
    /// Print a JSON object: `due`, `ends_at`, `latest`, `latest_reason` and
    /// `latest_steps` (when a later reading exists), `rules`, `steps`.
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
        Command::Reschedule(args) => reschedule(args),
        Command::Diff(args) => diff_files(args),
        Command::Ics(args) => ics(args),
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
        (Calendar::federal()?, RuleFamily::Civil)
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

fn json(due: &Due, calendar: &Calendar) -> String {
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
    // --party takes an id or a name.
    let party = a.party.as_ref().map(|p| {
        docket
            .parties
            .iter()
            .find(|(id, x)| id.eq_ignore_ascii_case(p) || x.name.eq_ignore_ascii_case(p))
            .map_or(p.clone(), |(id, _)| id.clone())
    });
    if let Some(p) = &party {
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
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(invalid(format!("--from {f} is after --to {t}")));
        }
    }
    let opts = ScheduleOptions::new()
        .window(from, to)
        .horizon(horizon)
        .explain(a.json || a.explain);
    let mut s = docket
        .schedule(&opts)
        .map_err(|e| e.context(a.file.display()))?;
    if let Some(p) = &party {
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

/// A cell of the table: no control or bidirectional-override characters
/// reach the terminal.
fn cell(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') {
                ' '
            } else {
                c
            }
        })
        .collect()
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
        let mut what = match d.at {
            Some(t) => format!("Due: {} by {}", d.title, t.format("%H:%M")),
            None => format!("Due: {}", d.title),
        };
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
        "{}",
        cell(&format!(
            "{}  {}",
            s.case,
            docket.case.caption.as_deref().unwrap_or("")
        ))
        .trim_end()
    );
    let _ = writeln!(
        out,
        "{:<10}  {:<9}  {:<60}  {:<40}  status",
        "date", "weekday", "what", "who"
    );
    for (date, what, who, status, _, lines) in rows {
        let (what, who) = (cell(&what), cell(&who));
        let _ = writeln!(
            out,
            "{date}  {:<9}  {what:<60}  {who:<40}  {status}",
            date.format("%A")
        );
        for l in lines {
            let _ = writeln!(out, "            - {}", cell(&l));
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
        // Loading validates; scheduling once more finds dates the
        // calendars cannot reach.
        let loaded = Docket::load(f).and_then(|d| {
            d.schedule(&ScheduleOptions::new().explain(false))
                .map_err(|e| e.context(f.display()))?;
            Ok(d)
        });
        match loaded {
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

fn today() -> NaiveDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    NaiveDate::from_num_days_from_ce_opt(719_163 + (secs / 86_400) as i32).unwrap_or(NaiveDate::MIN)
}

fn reschedule(a: RescheduleArgs) -> Result<String, Error> {
    let docket = Docket::load(&a.file)?;
    let ctx = a.file.display().to_string();
    let on_given = opt_date("--on", &a.on)?;
    let on = on_given.unwrap_or_else(today);
    let by =
        a.by.clone()
            .unwrap_or_else(|| "what-if (docket reschedule)".to_string());
    let to = a.to.as_deref();
    let need_to = |flag: &str| -> Result<&str, Error> {
        to.ok_or_else(|| invalid(format!("{flag} needs --to")))
    };
    let change = match (
        &a.move_event,
        &a.extend,
        &a.vacate,
        &a.file_obligation,
        &a.reinstate,
        &a.cancel,
    ) {
        (Some(ev), None, None, None, None, None) => {
            let t: EventTime = need_to("--move")?
                .parse()
                .map_err(|e: Error| invalid(format!("--to: {e}")))?;
            Change::move_event(on, by, ev, t)
        }
        (None, Some(ob), None, None, None, None) => {
            let t = parse_date("--to", need_to("--extend")?)?;
            Change::extend(on, by, ob, a.occurrence, t)
        }
        (None, None, Some(ob), None, None, None) => {
            let mut c = Change::vacate(on, by, ob);
            c.occurrence = a.occurrence;
            c
        }
        (None, None, None, Some(ob), None, None) => {
            if on_given.is_none() {
                return Err(invalid("--file needs --on (the filing date)".into()));
            }
            Change::file(on, by, ob)
        }
        (None, None, None, None, Some(ob), None) => Change::reinstate(on, by, ob),
        (None, None, None, None, None, Some(ev)) => Change::cancel(on, by, ev),
        _ => {
            return Err(invalid(
                "give exactly one of --move, --extend, --vacate, --file, --reinstate, --cancel"
                    .into(),
            ))
        }
    };
    if a.to.is_some() && a.move_event.is_none() && a.extend.is_none() {
        return Err(invalid("--to goes with --move or --extend".into()));
    }
    if a.write && a.by.as_deref().is_none_or(|b| b.trim().is_empty()) {
        return Err(invalid(
            "--write records the change in the file: pass --by with the order or agreement".into(),
        ));
    }
    let after = docket
        .with_change(change.clone())
        .map_err(|e| e.context(&ctx))?;
    // One horizon for both, so the comparison shows only what the change did.
    let opts = ScheduleOptions::new();
    let (b, c) = (docket.check()?, after.check()?);
    let horizon = Some(b.horizon_for(&opts).max(c.horizon_for(&opts)));
    let opts = opts.horizon(horizon);
    let mut diff = Diff::between(&b.schedule(&opts)?, &c.schedule(&opts)?);
    diff.flag_past(on);
    let mut out = String::new();
    if a.json {
        let v = serde_json::json!({
            "case": docket.case.id,
            "change": change,
            "on": on.to_string(),
            "on_is_today": on_given.is_none(),
            "written": a.write,
            "moved": diff.moved,
            "added": diff.added,
            "removed": diff.removed,
            "vacated": diff.vacated,
            "status_changed": diff.status_changed,
            "unchanged": diff.unchanged,
            "warnings": diff.warnings,
        });
        out = serde_json::to_string_pretty(&v).map_err(|e| invalid(e.to_string()))?;
        out.push('\n');
    } else {
        out.push_str(&format!(
            "{}: {} (on {}{}, by {})\n",
            docket.case.id,
            describe(&change),
            on,
            if on_given.is_none() {
                ", today: pass --on to set it"
            } else {
                ""
            },
            change.by
        ));
        out.push_str(&diff.report());
    }
    if a.write {
        write_change(&a.file, &change)?;
        if !a.json {
            out.push_str(&format!(
                "Written: change appended to {}\n",
                a.file.display()
            ));
        }
    } else if !a.json {
        out.push_str("(what-if: nothing written; pass --write to record the change)\n");
    }
    Ok(out)
}

fn describe(c: &Change) -> String {
    match c.action() {
        Ok(Action::Move { event, to }) => format!("move \"{event}\" to {to}"),
        Ok(Action::Extend {
            obligation,
            occurrence,
            to,
        }) => match occurrence {
            Some(n) => format!("set occurrence {n} of \"{obligation}\" due {to}"),
            None => format!("set \"{obligation}\" due {to}"),
        },
        Ok(Action::Vacate { obligation, .. }) => format!("vacate \"{obligation}\""),
        Ok(Action::Reinstate { obligation }) => format!("reinstate \"{obligation}\""),
        Ok(Action::File { obligation }) => format!("record a filing of \"{obligation}\""),
        Ok(Action::Cancel { event }) => format!("cancel \"{event}\""),
        Ok(_) => "change".into(),
        Err(e) => e.to_string(),
    }
}

/// Appends the change to the file's `changes` log, keeping the rest of the
/// file's text (TOML comments and layout included), and writes it
/// atomically after checking that the result is a valid docket.
fn write_change(path: &std::path::Path, change: &Change) -> Result<(), Error> {
    let ctx = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::new(ErrorKind::Io, format!("{ctx}: cannot read: {e}")))?;
    let new_text = match Format::of(path)? {
        Format::Toml => {
            let mut doc: toml_edit::DocumentMut =
                text.parse().map_err(|e| invalid(format!("{ctx}: {e}")))?;
            let one = toml::to_string(change).map_err(|e| invalid(format!("{ctx}: {e}")))?;
            let value: toml_edit::DocumentMut =
                one.parse().map_err(|e| invalid(format!("{ctx}: {e}")))?;
            let table = value.as_table().clone();
            let item = doc
                .entry("changes")
                .or_insert(toml_edit::Item::ArrayOfTables(
                    toml_edit::ArrayOfTables::new(),
                ));
            let Some(arr) = item.as_array_of_tables_mut() else {
                return Err(invalid(format!(
                    "{ctx}: `changes` is not an array of tables ([[changes]])"
                )));
            };
            arr.push(table);
            doc.to_string()
        }
        Format::Json => {
            let mut v: serde_json::Value =
                serde_json::from_str(&text).map_err(|e| invalid(format!("{ctx}: {e}")))?;
            let c = serde_json::to_value(change).map_err(|e| invalid(e.to_string()))?;
            let Some(obj) = v.as_object_mut() else {
                return Err(invalid(format!("{ctx}: not a JSON object")));
            };
            let list = obj
                .entry("changes")
                .or_insert_with(|| serde_json::Value::Array(Vec::new()));
            let Some(list) = list.as_array_mut() else {
                return Err(invalid(format!("{ctx}: `changes` is not a list")));
            };
            list.push(c);
            let mut s = serde_json::to_string_pretty(&v).map_err(|e| invalid(e.to_string()))?;
            s.push('\n');
            s
        }
    };
    // Refuse to write anything that does not read back as a valid docket.
    let reread = match Format::of(path)? {
        Format::Toml => Docket::from_toml_str(&new_text),
        Format::Json => Docket::from_json_str(&new_text),
    }
    .map_err(|e| e.context(&ctx))?;
    reread.validate().map_err(|e| e.context(&ctx))?;
    write_atomic(path, new_text.as_bytes())
}

fn diff_files(a: DiffArgs) -> Result<String, Error> {
    let old = Docket::load(&a.old)?.check()?;
    let new = Docket::load(&a.new)?.check()?;
    let opts = ScheduleOptions::new();
    let horizon = Some(old.horizon_for(&opts).max(new.horizon_for(&opts)));
    let opts = opts.horizon(horizon);
    let mut diff = Diff::between(&old.schedule(&opts)?, &new.schedule(&opts)?);
    let (oc, nc) = (&old.docket().case.id, &new.docket().case.id);
    if oc != nc {
        diff.warnings.push(format!(
            "the files describe different cases (\"{oc}\" and \"{nc}\"): every item shows as added or removed"
        ));
    }
    if a.json {
        let mut s = serde_json::to_string_pretty(&diff).map_err(|e| invalid(e.to_string()))?;
        s.push('\n');
        return Ok(s);
    }
    Ok(format!(
        "{} -> {}\n{}",
        a.old.display(),
        a.new.display(),
        diff.report()
    ))
}

fn ics_options(a: &IcsArgs) -> Result<FeedOptions, Error> {
    if let Some(m) = &a.method {
        if m.is_empty() || !m.chars().all(|c| c.is_ascii_alphabetic() || c == '-') {
            return Err(invalid(format!(
                "--method \"{m}\": an iCalendar method is letters only (e.g. PUBLISH)"
            )));
        }
    }
    let stamp = match &a.stamp {
        Some(s) => Some(
            NaiveDateTime::parse_from_str(s.trim_end_matches('Z'), "%Y-%m-%dT%H:%M:%S")
                .or_else(|_| {
                    NaiveDateTime::parse_from_str(s.trim_end_matches('Z'), "%Y-%m-%dT%H:%M")
                })
                .map_err(|_| {
                    invalid(format!(
                        "--stamp: \"{s}\" is not a date-time (YYYY-MM-DDTHH:MM:SS)"
                    ))
                })?,
        ),
        None => None,
    };
    let mut o = FeedOptions::new(a.domain.clone())
        .alarms(&a.alarms)
        .keep_vacated(a.keep_vacated)
        .utc_times(a.utc)
        .stamp(stamp)
        .refresh_minutes(a.refresh_minutes)
        .method(a.method.clone())
        .window(opt_date("--from", &a.from)?, opt_date("--to", &a.to)?)
        .horizon(opt_date("--horizon", &a.horizon)?);
    if let Some(n) = &a.name {
        o = o.name(n.clone());
    }
    Ok(o)
}

fn ics(a: IcsArgs) -> Result<String, Error> {
    let opts = ics_options(&a)?;
    if a.input.is_dir() {
        let Some(out_dir) = &a.out_dir else {
            return Err(invalid(format!(
                "{} is a folder: pass --out-dir FEEDS to write one feed per case and per party",
                a.input.display()
            )));
        };
        return ics_dir(&a.input, out_dir, &opts);
    }
    if a.out_dir.is_some() {
        return Err(invalid(
            "--out-dir goes with a folder of docket files".into(),
        ));
    }
    let docket = Docket::load(&a.input)?;
    let feed = Feed::new(&opts)
        .case(&docket.check()?)
        .map_err(|e| e.context(a.input.display()))?
        .party(a.party.as_deref());
    if feed.party_unknown() {
        return Err(invalid(format!(
            "--party: {}: no party \"{}\"",
            a.input.display(),
            a.party.as_deref().unwrap_or("")
        )));
    }
    let text = feed.to_ics();
    match &a.output {
        Some(out) => {
            write_atomic(out, text.as_bytes())?;
            Ok(String::new())
        }
        None => Ok(text),
    }
}

fn ics_dir(
    dir: &std::path::Path,
    out_dir: &std::path::Path,
    opts: &FeedOptions,
) -> Result<String, Error> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::new(ErrorKind::Io, format!("{}: {e}", dir.display())))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| Format::of(p).is_ok() && p.is_file())
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(invalid(format!(
            "{}: no .toml or .json docket files",
            dir.display()
        )));
    }
    // Load and check everything before writing anything.
    let mut problems = Vec::new();
    let mut cases = Vec::new();
    for f in &files {
        match Docket::load(f).and_then(|d| d.check().map(|c| (d, c))) {
            Ok((d, c)) => match docket::ical::CaseFeed::new(&c, opts) {
                Ok(cf) => cases.push((d, cf)),
                Err(e) => problems.extend(e.context(f.display()).problems().iter().cloned()),
            },
            Err(e) => problems.extend(e.problems().iter().cloned()),
        }
    }
    if !problems.is_empty() {
        return Err(Error::many(ErrorKind::Invalid, problems));
    }
    // Cases keep the order of `files` (every file loaded, or we returned).
    let mut seen = std::collections::BTreeMap::new();
    for (f, (d, _)) in files.iter().zip(&cases) {
        if let Some(first) = seen.insert(d.case.id.clone(), f.clone()) {
            return Err(invalid(format!(
                "{} and {} both use the case id \"{}\"",
                first.display(),
                f.display(),
                d.case.id
            )));
        }
    }
    std::fs::create_dir_all(out_dir)
        .map_err(|e| Error::new(ErrorKind::Io, format!("{}: {e}", out_dir.display())))?;
    let mut written = Vec::new();
    let mut write = |name: String, text: String| -> Result<(), Error> {
        let path = out_dir.join(&name);
        write_atomic(&path, text.as_bytes())?;
        written.push(path.display().to_string());
        Ok(())
    };
    let mut parties = std::collections::BTreeSet::new();
    for (d, cf) in &cases {
        write(
            format!("{}.ics", d.case.id),
            Feed::new(opts).prepared(cf.clone()).to_ics(),
        )?;
        parties.extend(d.parties.keys().cloned());
    }
    for p in &parties {
        let mut feed = Feed::new(opts).party(Some(p));
        for (d, cf) in &cases {
            if d.parties.contains_key(p) {
                feed = feed.prepared(cf.clone());
            }
        }
        write(format!("party-{p}.ics"), feed.name_for_party(p).to_ics())?;
    }
    let mut all = Feed::new(opts);
    for (_, cf) in &cases {
        all = all.prepared(cf.clone());
    }
    write("all.ics".to_string(), all.to_ics())?;
    Ok(written.iter().map(|w| format!("wrote {w}\n")).collect())
}
