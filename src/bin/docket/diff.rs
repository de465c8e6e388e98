//! `docket diff`: compare the schedules of two docket files.

use std::path::PathBuf;

use clap::Args;
use docket::commands::diff as compare;
use docket::docket::Format;
use docket::Error;

use crate::common::{invalid, is_stdin, read_docket, shown};
use crate::Out;

#[derive(Args)]
pub(crate) struct DiffArgs {
    /// The old docket file (`-` reads stdin).
    pub(crate) old: PathBuf,
    /// The new docket file (`-` reads stdin).
    pub(crate) new: PathBuf,
    /// The format of stdin: toml or json.
    #[arg(long, value_name = "FORMAT")]
    pub(crate) format: Option<Format>,
    /// Print JSON.
    #[arg(long)]
    pub(crate) json: bool,
}

impl DiffArgs {
    pub(crate) fn files(&self) -> Vec<String> {
        vec![shown(&self.old), shown(&self.new)]
    }
}

pub(crate) fn diff_files(a: DiffArgs) -> Result<Out, Error> {
    if is_stdin(&a.old) && is_stdin(&a.new) {
        return Err(invalid("`-` (stdin) can be only one of OLD and NEW".into()));
    }
    // The format applies to stdin; a file goes by its extension.
    let format = |p: &PathBuf| if is_stdin(p) { a.format } else { None };
    let old = read_docket(&a.old, format(&a.old))?;
    let new = read_docket(&a.new, format(&a.new))?;
    let answer = compare(&old, &new)?;
    Ok(Out::text(if a.json {
        answer.json()?
    } else {
        answer.text()
    }))
}
