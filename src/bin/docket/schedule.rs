//! `docket schedule`: every deadline and event, in date order.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;
use docket::docket::{Docket, Schedule, ScheduleOptions};
use docket::Error;

use crate::common::{invalid, opt_date};

#[derive(Args)]
pub(crate) struct ScheduleArgs {
    /// The docket file (.toml or .json).
    pub(crate) file: PathBuf,
    /// Print the JSON output contract instead of a table.
    #[arg(long)]
    pub(crate) json: bool,
    /// Only items on or after this date.
    #[arg(long, value_name = "DATE")]
    pub(crate) from: Option<String>,
    /// Only items on or before this date (recurring duties are expanded to it).
    #[arg(long, value_name = "DATE")]
    pub(crate) to: Option<String>,
    /// Only deadlines and events of this party (its id or name).
    #[arg(long)]
    pub(crate) party: Option<String>,
    /// Mark open deadlines due before this date as overdue.
    #[arg(long, value_name = "DATE")]
    pub(crate) as_of: Option<String>,
    /// Expand recurring duties through this date.
    #[arg(long, value_name = "DATE")]
    pub(crate) horizon: Option<String>,
    /// Print each deadline's explanation under it (table output).
    #[arg(long)]
    pub(crate) explain: bool,
}

pub(crate) fn schedule(a: ScheduleArgs) -> Result<String, Error> {
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
