//! `docket check`: validate docket files and report every problem.

use std::path::PathBuf;

use clap::Args;
use docket::commands::check as check_all;
use docket::docket::Format;
use docket::Error;

use crate::common::{expand_folders, invalid, is_stdin, read_docket, shown};
use crate::Out;

#[derive(Args)]
pub(crate) struct CheckArgs {
    /// The docket file(s) (.toml or .json; `-` reads stdin), or folders of
    /// them.
    #[arg(required = true)]
    pub(crate) files: Vec<PathBuf>,
    /// The format of stdin (or of every file): toml or json.
    #[arg(long, value_name = "FORMAT")]
    pub(crate) format: Option<Format>,
    /// Print `{"files": [...], "problems": [{"file", "item", "field",
    /// "message"}]}`.
    #[arg(long)]
    pub(crate) json: bool,
}

impl CheckArgs {
    pub(crate) fn files(&self) -> Vec<String> {
        let files = expand_folders(&self.files).unwrap_or_else(|_| self.files.clone());
        files.iter().map(|f| shown(f)).collect()
    }
}

pub(crate) fn check(a: CheckArgs) -> Result<Out, Error> {
    if a.files.iter().filter(|f| is_stdin(f)).count() > 1 {
        return Err(invalid("`-` (stdin) can be given once".into()));
    }
    let mut inputs = Vec::new();
    let mut unread = Vec::new();
    for f in &expand_folders(&a.files)? {
        match read_docket(f, a.format) {
            Ok(t) => inputs.push(t),
            Err(e) => unread.extend(e.problems().iter().cloned()),
        }
    }
    let mut report = check_all(&inputs);
    if !unread.is_empty() {
        let mut all = unread;
        if let Some(e) = &report.problems {
            all.extend(e.problems().iter().cloned());
        }
        report.problems = Some(Error::many(docket::ErrorKind::Invalid, all));
    }
    let out = if a.json {
        report.json()?
    } else {
        report.text()
    };
    match report.problems {
        None => Ok(Out::text(out)),
        // The report of the valid files, then the problems.
        Some(e) => Ok(Out::failed(out, e)),
    }
}
