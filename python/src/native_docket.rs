//! `docket._docket.Docket`: a docket's text, validated, and the commands
//! of `docket::commands` run on it (schedule, reschedule, diff, ics), each
//! answering with the JSON or text the command line prints.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use docket::commands::{
    diff as run_diff, ics as run_ics, reschedule as run_reschedule, schedule as run_schedule,
    DocketText, IcsQuery, RescheduleQuery, ScheduleQuery, Style,
};
use docket::docket::{Docket as Model, DocketFile, Format, MAX_FILE_BYTES};
use docket::{Error, ErrorKind};
use pyo3::prelude::*;

use crate::error::{raise, OrRaise, Words, NO_OPTIONS};

const SCHEDULE: Words = Words {
    options: ScheduleQuery::options,
    renamed: &[("from", "from_")],
};
const RESCHEDULE: Words = Words {
    options: RescheduleQuery::options,
    renamed: &[],
};
const ICS: Words = Words {
    options: IcsQuery::options,
    renamed: &[("from", "from_"), ("alarm", "alarms")],
};

/// A validated docket (use `docket.Docket`).
#[pyclass(frozen, module = "docket._docket")]
pub(crate) struct Docket {
    /// The text and the name it was read under (a path, or the source
    /// given with text): every command re-reads it, as the CLI does.
    input: DocketText,
    /// The docket read from it.
    model: Model,
    /// The file as read, when this docket is its content (`load`, or a
    /// change written to it): changes are written through it.
    file: Option<DocketFile>,
}

impl Docket {
    fn files(&self) -> Vec<&str> {
        self.input.name().into_iter().collect()
    }

    /// Reads and validates `input` (scheduling then cannot fail on the
    /// docket's structure).
    fn read(input: DocketText, file: Option<DocketFile>) -> PyResult<Docket> {
        let files: Vec<&str> = input.name().into_iter().collect();
        let named = |e: Error| match input.name() {
            Some(n) => e.context(n),
            None => e,
        };
        if input.text().len() as u64 > MAX_FILE_BYTES {
            let e = Error::new(
                ErrorKind::Range,
                format!("the docket text is larger than {MAX_FILE_BYTES} bytes"),
            );
            return Err(raise(&named(e), &files, NO_OPTIONS));
        }
        let model = input.parse().or_raise(&files, NO_OPTIONS)?;
        model.check().map_err(named).or_raise(&files, NO_OPTIONS)?;
        Ok(Docket { input, model, file })
    }

    fn from_text(text: &str, source: Option<&str>, format: Format) -> PyResult<Docket> {
        Docket::read(DocketText::new(source, format, text), None)
    }
}

fn now() -> DateTime<Utc> {
    DateTime::<Utc>::from(std::time::SystemTime::now())
}

#[pymethods]
impl Docket {
    /// Reads and validates a docket from TOML text (`source` names it in
    /// errors).
    #[staticmethod]
    #[pyo3(signature = (text, source = None))]
    fn from_toml(text: &str, source: Option<&str>) -> PyResult<Docket> {
        Docket::from_text(text, source, Format::Toml)
    }

    /// Reads and validates a docket from JSON text (`source` names it in
    /// errors).
    #[staticmethod]
    #[pyo3(signature = (text, source = None))]
    fn from_json(text: &str, source: Option<&str>) -> PyResult<Docket> {
        Docket::from_text(text, source, Format::Json)
    }

    /// Reads and validates a docket file (`.toml` or `.json`).
    #[staticmethod]
    fn load(path: PathBuf) -> PyResult<Docket> {
        let name = path.display().to_string();
        let files = [name.as_str()];
        let format = Format::of(&path).or_raise(&files, NO_OPTIONS)?;
        let file = DocketFile::open(&path).or_raise(&files, NO_OPTIONS)?;
        // `[rules] packs` are found next to the file.
        let input = DocketText::new(Some(&name), format, file.text())
            .base_dir(path.parent().map(std::path::Path::to_path_buf));
        Docket::read(input, Some(file))
    }

    /// The file or name the docket was read from.
    #[getter]
    fn source(&self) -> Option<String> {
        self.input.name().map(str::to_string)
    }

    /// The docket as TOML.
    fn to_toml(&self) -> PyResult<String> {
        self.model.to_toml_string().or_raise(&[], NO_OPTIONS)
    }

    /// The docket as JSON (the file format).
    fn to_json(&self) -> PyResult<String> {
        self.model.to_json_string().or_raise(&[], NO_OPTIONS)
    }

    /// The JSON of `docket schedule --json`.
    #[pyo3(signature = (*, from_ = None, to = None, horizon = None, party = None, as_of = None, rules_as_of = None))]
    fn schedule(
        &self,
        from_: Option<String>,
        to: Option<String>,
        horizon: Option<String>,
        party: Option<String>,
        as_of: Option<String>,
        rules_as_of: Option<String>,
    ) -> PyResult<String> {
        let q = ScheduleQuery {
            from: from_,
            to,
            party,
            as_of,
            horizon,
            rules_as_of,
            ..ScheduleQuery::default()
        };
        let files = self.files();
        run_schedule(&self.input, &q, Style::Fields)
            .and_then(|a| a.json())
            .or_raise(&files, SCHEDULE)
    }

    /// Applies one change as `docket reschedule` does: the new docket, the
    /// JSON of `docket reschedule --json` and its text. With `write`,
    /// appends the change to the file the docket was read from, as
    /// `--write` does (refused when the file changed since).
    #[pyo3(signature = (
        *,
        move_event = None,
        extend = None,
        vacate = None,
        file = None,
        reinstate = None,
        cancel = None,
        to = None,
        fold = None,
        occurrence = None,
        by = None,
        on = None,
        write = false,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn reschedule(
        &self,
        move_event: Option<String>,
        extend: Option<String>,
        vacate: Option<String>,
        file: Option<String>,
        reinstate: Option<String>,
        cancel: Option<String>,
        to: Option<String>,
        fold: Option<String>,
        occurrence: Option<u32>,
        by: Option<String>,
        on: Option<String>,
        write: bool,
    ) -> PyResult<(Docket, String, String)> {
        let q = RescheduleQuery {
            move_event,
            extend,
            vacate,
            file,
            reinstate,
            cancel,
            to,
            fold,
            occurrence,
            by,
            on,
            ..RescheduleQuery::default()
        };
        let files = self.files();
        let answer =
            run_reschedule(&self.input, &q, Style::Fields, now()).or_raise(&files, RESCHEDULE)?;
        let change = answer.change().clone();
        let after = if write {
            let Some(f) = &self.file else {
                let e = Error::new(
                    ErrorKind::Invalid,
                    "write: this docket is not the content of a file (it was read from text, or has what-if changes the file does not): write from a docket read with Docket.load",
                );
                return Err(raise(&e, &files, RESCHEDULE));
            };
            let mut f = f.clone();
            f.append_change(&change).or_raise(&files, RESCHEDULE)?;
            let input = DocketText::new(self.input.name(), self.input.format(), f.text());
            Docket::read(input, Some(f))?
        } else {
            let model = answer
                .docket()
                .with_change(change)
                .or_raise(&files, RESCHEDULE)?;
            let text = model.to_toml_string().or_raise(&files, NO_OPTIONS)?;
            // A what-if: no file holds it, so it has no name.
            Docket::read(DocketText::new(None, Format::Toml, text), None)?
        };
        let json = answer.json(write).or_raise(&files, NO_OPTIONS)?;
        Ok((after, json, answer.text()))
    }

    /// What changed from this docket's schedule to `other`'s: the JSON of
    /// `docket diff --json` and the text of `docket diff`.
    fn diff(&self, other: &Docket) -> PyResult<(String, String)> {
        let mut files = self.files();
        files.extend(other.files());
        let answer = run_diff(&self.input, &other.input).or_raise(&files, NO_OPTIONS)?;
        Ok((answer.json().or_raise(&files, NO_OPTIONS)?, answer.text()))
    }

    /// The iCalendar feed, as `docket ics` writes it.
    #[pyo3(signature = (
        *,
        party = None,
        domain = "docket.invalid".to_string(),
        name = None,
        alarms = Vec::new(),
        keep_vacated = false,
        utc = false,
        stamp = None,
        refresh_minutes = 720,
        method = None,
        organizer = None,
        from_ = None,
        to = None,
        horizon = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn ics(
        &self,
        party: Option<String>,
        domain: String,
        name: Option<String>,
        alarms: Vec<u32>,
        keep_vacated: bool,
        utc: bool,
        stamp: Option<String>,
        refresh_minutes: u32,
        method: Option<String>,
        organizer: Option<String>,
        from_: Option<String>,
        to: Option<String>,
        horizon: Option<String>,
    ) -> PyResult<String> {
        let q = IcsQuery {
            party,
            domain,
            name,
            alarm: alarms,
            keep_vacated,
            utc,
            stamp,
            refresh_minutes,
            method,
            organizer,
            from: from_,
            to,
            horizon,
            ..IcsQuery::default()
        };
        run_ics(&self.input, &q, Style::Fields).or_raise(&self.files(), ICS)
    }
}
