//! `docket check`: validate docket files and report every problem.

use std::path::PathBuf;

use clap::Args;
use docket::docket::{Docket, ScheduleOptions};
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
