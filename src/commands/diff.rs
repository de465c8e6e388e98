//! `docket diff`: compare the schedules of two dockets.

use crate::docket::{Diff, ScheduleOptions};
use crate::Result;

use super::DocketText;

/// The comparison of two dockets' schedules.
#[derive(Debug, Clone)]
pub struct DiffAnswer {
    old: String,
    new: String,
    diff: Diff,
}

/// Compares the schedules of two dockets (one horizon for both), as `docket
/// diff OLD NEW` does; a warning says when they describe different cases.
///
/// # Errors
/// Either docket cannot be parsed, fails validation or cannot be scheduled;
/// every message names its docket.
pub fn diff(old: &DocketText, new: &DocketText) -> Result<DiffAnswer> {
    let (o, n) = (old.parse()?, new.parse()?);
    let old_c = o.check().map_err(|e| old.named(e))?;
    let new_c = n.check().map_err(|e| new.named(e))?;
    let opts = ScheduleOptions::new();
    let horizon = Some(old_c.horizon_for(&opts).max(new_c.horizon_for(&opts)));
    let opts = opts.horizon(horizon);
    let mut diff = Diff::between(
        &old_c.schedule(&opts).map_err(|e| old.named(e))?,
        &new_c.schedule(&opts).map_err(|e| new.named(e))?,
    );
    let (oc, nc) = (&o.case.id, &n.case.id);
    if oc != nc {
        diff.warnings.push(format!(
            "the files describe different cases (\"{oc}\" and \"{nc}\"): every item shows as added or removed"
        ));
    }
    Ok(DiffAnswer {
        old: old.name().unwrap_or("old").to_string(),
        new: new.name().unwrap_or("new").to_string(),
        diff,
    })
}

impl DiffAnswer {
    /// The diff.
    pub fn diff(&self) -> &Diff {
        &self.diff
    }

    /// What `docket diff --json` prints.
    ///
    /// # Errors
    /// None in practice.
    pub fn json(&self) -> Result<String> {
        super::pretty(&self.diff)
    }

    /// What `docket diff` prints: the names, then the report.
    pub fn text(&self) -> String {
        format!("{} -> {}\n{}", self.old, self.new, self.diff.report())
    }
}
