//! `docket check`: validate docket files and report every problem.

use std::path::PathBuf;

use clap::Args;
use docket::docket::{Docket, RunBudget, ScheduleOptions};
use docket::{Error, ErrorKind};

#[derive(Args)]
pub(crate) struct CheckArgs {
    /// The docket file(s) (.toml or .json).
    #[arg(required = true)]
    pub(crate) files: Vec<PathBuf>,
}

pub(crate) fn check(a: CheckArgs) -> Result<String, Error> {
    let mut out = String::new();
    let mut problems = Vec::new();
    let mut budget = RunBudget::new();
    for f in &a.files {
        // Loading validates; scheduling once more finds dates the
        // calendars cannot reach.
        let loaded = Docket::load(f).and_then(|d| {
            let s = d
                .schedule(&ScheduleOptions::new().explain(false))
                .map_err(|e| e.context(f.display()))?;
            Ok((d, s.deadlines.len()))
        });
        if let Ok((_, listed)) = &loaded {
            if let Err(e) = budget.spend(f, *listed) {
                // The run stops here: the files after this one go unread.
                problems.extend(e.problems().iter().cloned());
                break;
            }
        }
        match loaded {
            Ok((d, _)) => out.push_str(&format!(
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
