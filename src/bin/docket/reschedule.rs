//! `docket reschedule`: what a change moves, and with `--write` record it.

use std::path::PathBuf;

use clap::Args;
use docket::commands::{reschedule as what_if, DocketText, RescheduleQuery, Style};
use docket::docket::{DocketFile, Format};
use docket::Error;

use crate::common::{invalid, is_stdin, now, read_docket, shown};
use crate::Out;

#[derive(Args)]
pub(crate) struct RescheduleArgs {
    /// The docket file (.toml or .json; `-` reads stdin, without --write).
    pub(crate) file: PathBuf,
    /// The format of stdin: toml or json.
    #[arg(long, value_name = "FORMAT")]
    pub(crate) format: Option<Format>,
    /// Move this event (to --to, a date or YYYY-MM-DDTHH:MM).
    #[arg(long = "move", value_name = "EVENT")]
    pub(crate) move_event: Option<String>,
    /// Set this obligation's due date to --to (extend or shorten).
    #[arg(long, value_name = "OBLIGATION")]
    pub(crate) extend: Option<String>,
    /// Vacate this obligation (from --on).
    #[arg(long, value_name = "OBLIGATION")]
    pub(crate) vacate: Option<String>,
    /// Record a filing of this obligation on --on.
    #[arg(long = "file", value_name = "OBLIGATION")]
    pub(crate) file_obligation: Option<String>,
    /// Reinstate this vacated obligation.
    #[arg(long, value_name = "OBLIGATION")]
    pub(crate) reinstate: Option<String>,
    /// Cancel this event.
    #[arg(long, value_name = "EVENT")]
    pub(crate) cancel: Option<String>,
    /// The new date (or date-time, for --move). A bare date keeps a timed
    /// event's time.
    #[arg(long)]
    pub(crate) to: Option<String>,
    /// For --move: which moment a local time that occurs twice at the court
    /// means (earlier or later).
    #[arg(long, value_name = "earlier|later")]
    pub(crate) fold: Option<String>,
    /// Which occurrence of a recurring duty (--extend, --vacate).
    #[arg(long)]
    pub(crate) occurrence: Option<u32>,
    /// The authority: the order, letter or agreement.
    #[arg(long)]
    pub(crate) by: Option<String>,
    /// The change's date (the filing date for --file); default today at the
    /// court (the date in its time zone).
    #[arg(long, value_name = "DATE")]
    pub(crate) on: Option<String>,
    /// Print JSON: moved, added, removed, vacated, ...
    #[arg(long)]
    pub(crate) json: bool,
    /// Append the change to the file's changes log (atomically).
    #[arg(long)]
    pub(crate) write: bool,
}

impl RescheduleArgs {
    pub(crate) fn files(&self) -> Vec<String> {
        vec![shown(&self.file)]
    }
}

pub(crate) fn reschedule(a: RescheduleArgs) -> Result<Out, Error> {
    if a.write && is_stdin(&a.file) {
        return Err(invalid(
            "--write records the change in a file: give the file, not `-` (stdin)".into(),
        ));
    }
    if a.write && a.by.as_deref().is_none_or(|b| b.trim().is_empty()) {
        return Err(invalid(
            "--write records the change in the file: pass --by with the order or agreement".into(),
        ));
    }
    // With --write, remember the text read: the write refuses if the file
    // changed since.
    let (mut file, input) = if a.write {
        let file = DocketFile::open(&a.file)?;
        let format = a.format.map_or_else(|| Format::of(&a.file), Ok)?;
        let input = DocketText::new(Some(&shown(&a.file)), format, file.text());
        (Some(file), input)
    } else {
        (None, read_docket(&a.file, a.format)?)
    };
    let q = RescheduleQuery {
        move_event: a.move_event,
        extend: a.extend,
        vacate: a.vacate,
        file: a.file_obligation,
        reinstate: a.reinstate,
        cancel: a.cancel,
        to: a.to,
        fold: a.fold,
        occurrence: a.occurrence,
        by: a.by,
        on: a.on,
    };
    let answer = what_if(&input, &q, Style::Flags, now()?)?;
    if let Some(file) = &mut file {
        file.append_change(answer.change())?;
    }
    let written = file.is_some();
    if a.json {
        return Ok(Out::text(answer.json(written)?));
    }
    let mut out = answer.text();
    if written {
        out.push_str(&format!(
            "Written: change appended to {}\n",
            a.file.display()
        ));
    } else {
        out.push_str("(what-if: nothing written; pass --write to record the change)\n");
    }
    Ok(Out::text(out))
}
