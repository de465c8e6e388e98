//! The commands of `docket` as functions, shared by the command line, the
//! HTTP API of [`crate::serve`] and other front ends, so that each prints
//! the same bytes for the same question.
//!
//! Each command takes its options as a plain struct named like the
//! command line's flags ([`DueQuery`] for `docket due`, [`ScheduleQuery`],
//! [`RescheduleQuery`], [`IcsQuery`]) and dockets as [`DocketText`] (the
//! text of a TOML or JSON docket, with the name it was read under), and
//! returns an answer that prints itself as the command line does: text, or
//! the JSON of `--json`.
//!
//! Errors speak the user's words: a [`Style`] says whether options are
//! command-line flags (`--court-days 3`) or fields and query parameters
//! (`court_days=3`), and [`Problem::list`] turns any [`Error`] into the
//! structured problems (`{"file", "item", "field", "message"}`) that
//! `--json` commands print on failure and the API answers with `400`.
//!
//! ```
//! use docket::commands::{due, DueQuery, Style};
//!
//! let query = DueQuery {
//!     court: "nysb".into(),
//!     from: "2009-04-16".into(),
//!     days: Some(14),
//!     ..DueQuery::default()
//! };
//! let answer = due(&query, Style::Flags)?;
//! assert_eq!(answer.text(false), "2009-04-30\n");
//! let json: serde_json::Value = serde_json::from_str(&answer.json())?;
//! assert_eq!(json["due"], "2009-04-30");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod cases;
mod check;
mod courts;
mod diff;
mod due;
pub(crate) mod ics;
mod input;
pub(crate) mod params;
mod problems;
pub(crate) mod reschedule;
mod rule_changes;
pub(crate) mod schedule;
mod style;

pub use cases::{schedule_cases, CasesAnswer};
pub use check::{check, CheckReport, FileSummary};
pub use courts::{court_json, courts_json};
pub use diff::{diff, DiffAnswer};
pub use due::{due, DueAnswer, DueQuery};
pub use ics::{ics, IcsQuery};
pub use input::DocketText;
pub use problems::{problems_json, Problem};
pub use reschedule::{reschedule, RescheduleAnswer, RescheduleQuery};
pub use rule_changes::{rule_changes, RuleChangesAnswer};
pub use schedule::{schedule, ScheduleAnswer, ScheduleQuery};
pub use style::Style;

use crate::{Error, ErrorKind};

/// An [`ErrorKind::Invalid`] error.
fn invalid(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Invalid, message)
}

/// Pretty JSON with a final newline, as every `--json` command prints it.
fn pretty(value: &impl serde::Serialize) -> crate::Result<String> {
    let mut s = serde_json::to_string_pretty(value)
        .map_err(|e| Error::new(ErrorKind::Parse, e.to_string()))?;
    s.push('\n');
    Ok(s)
}
