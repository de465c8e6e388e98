//! `docket schedule`: every deadline and event, in date order.

use std::path::PathBuf;

use clap::Args;
use docket::commands::{schedule as compute, schedule_cases, ScheduleQuery, Style};
use docket::docket::Format;
use docket::{Error, ErrorKind};

use crate::common::{expand_folders, invalid, is_stdin, read_docket, shown};
use crate::Out;

#[derive(Args)]
pub(crate) struct ScheduleArgs {
    /// The docket file (.toml or .json; `-` reads stdin), or several, or a
    /// folder of them: one schedule of every case, events' ids qualified by
    /// their case (`case/event`).
    #[arg(required = true, value_name = "FILE")]
    pub(crate) files: Vec<PathBuf>,
    /// The format of stdin (or of the file): toml or json.
    #[arg(long, value_name = "FORMAT")]
    pub(crate) format: Option<Format>,
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
    /// Replay the schedule under the rules in force on this date (each
    /// rule's period and every time-computation rule).
    #[arg(long, value_name = "DATE")]
    pub(crate) rules_as_of: Option<String>,
    /// Instead of the schedule: the open deadlines counted by a rule that a
    /// later edition of the rule would change.
    #[arg(long)]
    pub(crate) rule_changes: bool,
}

impl ScheduleArgs {
    pub(crate) fn files(&self) -> Vec<String> {
        let files = expand_folders(&self.files).unwrap_or_else(|_| self.files.clone());
        files.iter().map(|f| shown(f)).collect()
    }
}

pub(crate) fn schedule(a: ScheduleArgs) -> Result<Out, Error> {
    let files = expand_folders(&a.files)?;
    if files.iter().filter(|f| is_stdin(f)).count() > 1 {
        return Err(invalid("`-` (stdin) can be given once".into()));
    }
    let q = ScheduleQuery {
        from: a.from,
        to: a.to,
        party: a.party,
        as_of: a.as_of,
        horizon: a.horizon,
        explain: a.explain,
        rules_as_of: a.rules_as_of,
    };
    let several = a.files.len() > 1 || a.files.iter().any(|f| !is_stdin(f) && f.is_dir());
    if several {
        if a.rule_changes {
            return Err(invalid("--rule-changes takes one docket file".into()));
        }
        let mut inputs = Vec::new();
        let mut unread = Vec::new();
        for f in &files {
            match read_docket(f, a.format) {
                Ok(t) => inputs.push(t),
                Err(e) => unread.extend(e.problems().iter().cloned()),
            }
        }
        if !unread.is_empty() {
            return Err(Error::many(ErrorKind::Invalid, unread));
        }
        let answer = schedule_cases(&inputs, &q, Style::Flags)?;
        return Ok(Out::text(if a.json {
            answer.json()?
        } else {
            answer.table()
        }));
    }
    let Some(file) = files.first() else {
        return Err(invalid("give a docket file".into()));
    };
    let input = read_docket(file, a.format)?;
    if a.rule_changes {
        let answer = docket::commands::rule_changes(&input, &q, Style::Flags)?;
        return Ok(Out::text(if a.json {
            answer.json()?
        } else {
            answer.table()
        }));
    }
    let answer = compute(&input, &q, Style::Flags)?;
    Ok(Out::text(if a.json {
        answer.json()?
    } else {
        answer.table()
    }))
}
