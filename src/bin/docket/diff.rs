//! `docket diff`: compare the schedules of two docket files.

use std::path::PathBuf;

use clap::Args;
use docket::docket::{Diff, Docket, ScheduleOptions};
use docket::Error;

use crate::common::invalid;

#[derive(Args)]
pub(crate) struct DiffArgs {
    /// The old docket file.
    pub(crate) old: PathBuf,
    /// The new docket file.
    pub(crate) new: PathBuf,
    /// Print JSON.
    #[arg(long)]
    pub(crate) json: bool,
}

pub(crate) fn diff_files(a: DiffArgs) -> Result<String, Error> {
    // Every error names its file.
    let (o, n) = (a.old.display(), a.new.display());
    let old = Docket::load(&a.old)?.check().map_err(|e| e.context(&o))?;
    let new = Docket::load(&a.new)?.check().map_err(|e| e.context(&n))?;
    let opts = ScheduleOptions::new();
    let horizon = Some(old.horizon_for(&opts).max(new.horizon_for(&opts)));
    let opts = opts.horizon(horizon);
    let mut diff = Diff::between(
        &old.schedule(&opts).map_err(|e| e.context(&o))?,
        &new.schedule(&opts).map_err(|e| e.context(&n))?,
    );
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
