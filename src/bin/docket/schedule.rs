//! `docket schedule`: every deadline and event, in date order.

use std::path::PathBuf;

use clap::Args;
use docket::commands::{schedule as compute, ScheduleQuery, Style};
use docket::docket::Format;
use docket::Error;

use crate::common::{read_docket, shown};
use crate::Out;

#[derive(Args)]
pub(crate) struct ScheduleArgs {
    /// The docket file (.toml or .json; `-` reads stdin).
    pub(crate) file: PathBuf,
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
        vec![shown(&self.file)]
    }
}

pub(crate) fn schedule(a: ScheduleArgs) -> Result<Out, Error> {
    let input = read_docket(&a.file, a.format)?;
    let q = ScheduleQuery {
        from: a.from,
        to: a.to,
        party: a.party,
        as_of: a.as_of,
        horizon: a.horizon,
        explain: a.explain,
        rules_as_of: a.rules_as_of,
    };
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
