//! `docket schedule`: every deadline and event, in date order.

use chrono::NaiveDate;

use crate::docket::{DeadlineStatus, Docket, Schedule, ScheduleOptions};
use crate::Result;

#[cfg(feature = "serve")]
use super::params::Params;
use super::{invalid, DocketText, Style};

/// The options of `docket schedule` and `POST /v1/schedule`: dates as
/// `YYYY-MM-DD`.
///
/// ```
/// use docket::commands::{schedule, DocketText, ScheduleQuery, Style};
/// use docket::docket::Format;
///
/// let text = std::fs::read_to_string("examples/data/lexington.toml").unwrap();
/// let input = DocketText::new(Some("lexington.toml"), Format::Toml, text);
/// let q = ScheduleQuery {
///     to: Some("2009-05-01".into()),
///     party: Some("Prepetition Senior Lenders".into()),
///     ..ScheduleQuery::default()
/// };
/// let answer = schedule(&input, &q, Style::Flags)?;
/// assert!(answer.schedule().deadlines.iter().all(|d| d.obligation == "status-report"));
/// # Ok::<(), docket::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScheduleQuery {
    /// Only items on or after this date.
    pub from: Option<String>,
    /// Only items on or before this date.
    pub to: Option<String>,
    /// Only this party's deadlines and events (its id or name).
    pub party: Option<String>,
    /// Mark open deadlines due before this date as overdue.
    pub as_of: Option<String>,
    /// Expand recurring duties through this date.
    pub horizon: Option<String>,
    /// Each deadline's explanation under it, in the table.
    pub explain: bool,
    /// Replay under the rules in force on this date (each rule's period and
    /// every time-computation rule).
    pub rules_as_of: Option<String>,
}

/// The options of [`ScheduleQuery`], by field name.
pub(crate) const SCHEDULE_OPTIONS: &[&str] = &[
    "from",
    "to",
    "party",
    "as_of",
    "horizon",
    "explain",
    "rules_as_of",
];

impl ScheduleQuery {
    /// The option names of this command in `style`.
    pub fn options(style: Style) -> Vec<String> {
        SCHEDULE_OPTIONS.iter().map(|o| style.name(o)).collect()
    }

    /// From request options (a query string or a JSON object of the HTTP API).
    #[cfg(feature = "serve")]
    pub(crate) fn from_params(mut p: Params) -> Result<ScheduleQuery> {
        let mut opt = |n: &str| p.string(n).filter(|s| !s.is_empty());
        let q = ScheduleQuery {
            from: opt("from"),
            to: opt("to"),
            party: opt("party"),
            as_of: opt("as_of"),
            horizon: opt("horizon"),
            rules_as_of: opt("rules_as_of"),
            explain: p.flag("explain"),
        };
        p.finish(SCHEDULE_OPTIONS)?;
        Ok(q)
    }
}

/// The party id that `given` (an id or a name, any case) names in `docket`
/// ([`Docket::party_id`]), an error naming the option and the file.
///
/// # Errors
/// No such party: the message lists the docket's parties.
pub(crate) fn party_id(
    input: &DocketText,
    docket: &Docket,
    given: &str,
    style: Style,
) -> Result<String> {
    docket
        .party_id(given)
        .map(str::to_string)
        .map_err(|e| input.named(e.context(style.name("party"))))
}

/// A schedule, filtered as asked.
#[derive(Debug, Clone)]
pub struct ScheduleAnswer {
    docket: Docket,
    schedule: Schedule,
    as_of: Option<NaiveDate>,
    explain: bool,
}

/// The schedule of a docket, as `docket schedule` prints it.
///
/// # Errors
/// The docket cannot be parsed or fails validation; an option is not a
/// date; `from` is after `to`; no such party.
pub fn schedule(input: &DocketText, q: &ScheduleQuery, style: Style) -> Result<ScheduleAnswer> {
    let docket = input.parse()?;
    let party = match &q.party {
        Some(p) => Some(party_id(input, &docket, p, style)?),
        None => None,
    };
    schedule_of(input, docket, party, q, style)
}

/// The schedule of a parsed docket, filtered to `party` (an id) when given.
pub(crate) fn schedule_of(
    input: &DocketText,
    docket: Docket,
    party: Option<String>,
    q: &ScheduleQuery,
    style: Style,
) -> Result<ScheduleAnswer> {
    let from = style.opt_date("from", q.from.as_deref())?;
    let to = style.opt_date("to", q.to.as_deref())?;
    let as_of = style.opt_date("as_of", q.as_of.as_deref())?;
    let horizon = style.opt_date("horizon", q.horizon.as_deref())?;
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(invalid(format!(
                "{} is after {}",
                style.given("from", &f.to_string()),
                style.given("to", &t.to_string())
            )));
        }
    }
    let opts = ScheduleOptions::new()
        .window(from, to)
        .horizon(horizon)
        .explain(true)
        .explain_eagerly(q.explain);
    let rules_as_of = style.opt_date("rules_as_of", q.rules_as_of.as_deref())?;
    let mut s = docket
        .check()
        .map_err(|e| input.named(e))?
        .rules_as_of(rules_as_of)
        .schedule(&opts)
        .map_err(|e| input.named(e))?;
    if let Some(p) = &party {
        s.deadlines.retain(|d| d.parties.iter().any(|x| x == p));
        s.events
            .retain(|e| e.parties.is_empty() || e.parties.iter().any(|x| x == p));
    }
    Ok(ScheduleAnswer {
        docket,
        schedule: s,
        as_of,
        explain: q.explain,
    })
}

/// A cell of the table: no control or bidirectional-override characters
/// reach the terminal.
pub(crate) fn cell(s: &str) -> String {
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

impl ScheduleAnswer {
    /// The schedule.
    pub fn schedule(&self) -> &Schedule {
        &self.schedule
    }

    /// The docket it was computed from.
    pub fn docket(&self) -> &Docket {
        &self.docket
    }

    fn overdue(&self, status: DeadlineStatus, due: NaiveDate) -> bool {
        self.as_of
            .is_some_and(|a| status == DeadlineStatus::Open && due < a)
    }

    /// What `docket schedule --json` prints and `POST /v1/schedule`
    /// answers: the schedule's JSON, with `as_of` and each deadline's
    /// `overdue` when `as_of` was given.
    ///
    /// # Errors
    /// None in practice.
    pub fn json(&self) -> Result<String> {
        super::pretty(&self.value()?)
    }

    /// The JSON value of [`ScheduleAnswer::json`].
    pub(crate) fn value(&self) -> Result<serde_json::Value> {
        let s = &self.schedule;
        let mut v = serde_json::to_value(s).map_err(|e| invalid(e.to_string()))?;
        if let Some(as_of) = self.as_of {
            v["as_of"] = as_of.to_string().into();
            if let Some(list) = v["deadlines"].as_array_mut() {
                for (d, item) in s.deadlines.iter().zip(list.iter_mut()) {
                    item["overdue"] = self.overdue(d.status, d.due).into();
                }
            }
        }
        Ok(v)
    }

    /// What `docket schedule` prints: a table, one line an item, with each
    /// deadline's explanation under it when asked.
    pub fn table(&self) -> String {
        let s = &self.schedule;
        let title = format!(
            "{}  {}",
            s.case,
            self.docket.case.caption.as_deref().unwrap_or("")
        );
        let truncated = s
            .truncated
            .iter()
            .map(|t| (t.obligation.clone(), t.horizon))
            .collect();
        render(&title, self.rows(false), truncated, false)
    }

    /// The table's rows, events' ids qualified by the case when `qualify`.
    pub(crate) fn rows(&self, qualify: bool) -> Vec<Row> {
        let s = &self.schedule;
        let mut rows = Vec::new();
        for e in &s.events {
            let what = match e.at {
                Some(t) => format!("{} at {}", e.title, t.format("%H:%M")),
                None => e.title.clone(),
            };
            let status = format!("{:?}", e.status).to_lowercase();
            let id = if qualify {
                format!("event {}/{}", s.case, e.id)
            } else {
                format!("event {}", e.id)
            };
            let case = s.case.clone();
            rows.push((
                e.date,
                what,
                e.parties.join(", "),
                status,
                id,
                Vec::new(),
                case,
            ));
        }
        for d in &s.deadlines {
            let mut status = d.status.as_str().to_string();
            if let Some(f) = d.filed {
                status = format!("{status} {f}");
            }
            if self.overdue(d.status, d.due) {
                status.push_str(" OVERDUE");
            }
            let mut what = match d.at {
                Some(t) => format!("Due: {} by {}", d.title, t.format("%H:%M")),
                None => format!("Due: {}", d.title),
            };
            if let Some(l) = d.latest {
                what.push_str(&format!(" (later reading: {l})"));
            }
            let lines = if self.explain {
                d.explain.to_vec()
            } else {
                Vec::new()
            };
            rows.push((
                d.due,
                what,
                d.parties.join(", "),
                status,
                d.id.to_string(),
                lines,
                s.case.clone(),
            ));
        }
        rows
    }
}

/// One line of the table: date, what, who, status, id, explanation, case.
pub(crate) type Row = (
    NaiveDate,
    String,
    String,
    String,
    String,
    Vec<String>,
    String,
);

/// The table: its title line, the rows in date order (then by id), and a
/// line for each recurring duty cut at the horizon; with `cases`, a column
/// naming each row's case.
pub(crate) fn render(
    title: &str,
    mut rows: Vec<Row>,
    truncated: Vec<(String, NaiveDate)>,
    cases: bool,
) -> String {
    use std::fmt::Write;
    rows.sort_by(|a, b| (a.0, &a.4).cmp(&(b.0, &b.4)));
    let mut out = String::new();
    let _ = writeln!(out, "{}", cell(title).trim_end());
    let width = rows
        .iter()
        .map(|r| r.6.chars().count())
        .max()
        .unwrap_or(0)
        .max(4);
    let case_cell = |case: &str| {
        if cases {
            format!("{:<width$}  ", cell(case))
        } else {
            String::new()
        }
    };
    let _ = writeln!(
        out,
        "{:<10}  {:<9}  {}{:<60}  {:<40}  status",
        "date",
        "weekday",
        case_cell("case"),
        "what",
        "who"
    );
    for (date, what, who, status, _, lines, case) in rows {
        let (what, who) = (cell(&what), cell(&who));
        let _ = writeln!(
            out,
            "{date}  {:<9}  {}{what:<60}  {who:<40}  {status}",
            date.format("%A"),
            case_cell(&case)
        );
        for l in lines {
            let _ = writeln!(out, "            - {}", cell(&l));
        }
    }
    for (obligation, horizon) in truncated {
        let _ = writeln!(
            out,
            "({obligation} recurs beyond {horizon}; pass --to or --horizon to see more)"
        );
    }
    out
}
