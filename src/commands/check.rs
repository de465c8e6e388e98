//! `docket check`: validate dockets and report every problem.

use serde::Serialize;

use crate::docket::{Docket, RunBudget, ScheduleOptions};
use crate::{Error, ErrorKind, Result};

use super::reschedule::describe;
use super::DocketText;

/// What a valid docket holds, as `docket check` reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileSummary {
    /// The name it was read under (`null` for a request body).
    pub file: Option<String>,
    /// The case id.
    pub case: String,
    /// The caption, when there is one.
    pub caption: Option<String>,
    /// The court, when the case names one.
    pub court: Option<String>,
    /// The parties: id and name.
    pub parties: Vec<PartySummary>,
    /// How many events.
    pub events: usize,
    /// How many obligations.
    pub obligations: usize,
    /// The changes log, in order.
    pub changes: Vec<ChangeSummary>,
    /// How many deadlines its schedule lists (to its default horizon).
    pub deadlines: usize,
}

/// A party of a [`FileSummary`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartySummary {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
}

/// A change of a [`FileSummary`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangeSummary {
    /// Its place in the log, from 1.
    pub index: usize,
    /// Its date.
    pub on: String,
    /// Its authority.
    pub by: String,
    /// What it does, in words (`move "hearing" to 2025-03-10`).
    pub action: String,
}

/// The result of checking dockets: a summary of each valid one, and every
/// problem of the others.
#[derive(Debug, Clone)]
pub struct CheckReport {
    /// The valid dockets, in order.
    pub files: Vec<FileSummary>,
    /// Every problem found (`None` when every docket is valid).
    pub problems: Option<Error>,
    /// The names of every docket checked, to locate problems.
    names: Vec<String>,
}

impl FileSummary {
    fn of(input: &DocketText, d: &Docket, deadlines: usize) -> FileSummary {
        FileSummary {
            file: input.name().map(str::to_string),
            case: d.case.id.clone(),
            caption: d.case.caption.clone(),
            court: d.case.court.clone(),
            parties: d
                .parties
                .iter()
                .map(|(id, p)| PartySummary {
                    id: id.clone(),
                    name: p.name.clone(),
                })
                .collect(),
            events: d.events.len(),
            obligations: d.obligations.len(),
            changes: d
                .changes
                .iter()
                .enumerate()
                .map(|(i, c)| ChangeSummary {
                    index: i + 1,
                    on: c.on.to_string(),
                    by: c.by.clone(),
                    action: describe(c),
                })
                .collect(),
            deadlines,
        }
    }
}

/// Checks each docket: it parses, validates and schedules (which finds
/// dates the calendars cannot reach), within one run's occurrence budget
/// ([`RunBudget`]; past it the dockets after are not read).
///
/// ```
/// use docket::commands::{check, DocketText};
/// use docket::docket::Format;
///
/// let good = DocketText::new(Some("a.toml"), Format::Toml, "[case]\nid = \"a\"\ncourt = \"nysb\"\n");
/// let bad = DocketText::new(Some("b.toml"), Format::Toml, "[case]\nid = \"B\"\ncourt = \"nysb\"\n");
/// let report = check(&[good, bad]);
/// assert_eq!(report.files.len(), 1);
/// assert!(report.problems.unwrap().to_string().starts_with("b.toml: case: id \"B\""));
/// ```
pub fn check(inputs: &[DocketText]) -> CheckReport {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut budget = RunBudget::new();
    for input in inputs {
        let loaded = input.parse().and_then(|d| {
            let s = d
                .schedule(&ScheduleOptions::new().explain(false))
                .map_err(|e| input.named(e))?;
            Ok((d, s.deadlines.len()))
        });
        match loaded {
            Ok((d, listed)) => {
                if let Err(e) = budget.spend(input.name().unwrap_or("docket"), listed) {
                    problems.extend(e.problems().iter().cloned());
                    break;
                }
                files.push(FileSummary::of(input, &d, listed));
            }
            Err(e) => problems.extend(e.problems().iter().cloned()),
        }
    }
    CheckReport {
        files,
        names: inputs
            .iter()
            .filter_map(|i| i.name().map(str::to_string))
            .collect(),
        problems: (!problems.is_empty()).then(|| Error::many(ErrorKind::Invalid, problems)),
    }
}

impl CheckReport {
    /// What `docket check` prints on stdout: a line per valid docket.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for f in &self.files {
            out.push_str(&format!(
                "{}: ok ({} parties, {} events, {} obligations, {} changes)\n",
                f.file.as_deref().unwrap_or(&f.case),
                f.parties.len(),
                f.events,
                f.obligations,
                f.changes.len()
            ));
        }
        out
    }

    /// What `docket check --json` prints and `POST /v1/check` answers:
    /// `{"files": [...], "problems": [...]}`.
    ///
    /// # Errors
    /// None in practice.
    pub fn json(&self) -> Result<String> {
        let names: Vec<&str> = self.names.iter().map(String::as_str).collect();
        let problems = self
            .problems
            .as_ref()
            .map(|e| super::Problem::list(e, &names, &[]))
            .unwrap_or_default();
        super::pretty(&serde_json::json!({ "files": self.files, "problems": problems }))
    }

    /// The problems, or the report when there are none.
    ///
    /// # Errors
    /// Any docket had a problem.
    pub fn into_result(self) -> Result<CheckReport> {
        match self.problems {
            Some(e) => Err(e),
            None => Ok(self),
        }
    }
}
