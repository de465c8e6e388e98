//! `docket._docket.Docket`: a validated docket, its schedule, changes,
//! diffs and feed. Results are JSON text from the crate's serializers.

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};
use docket::docket::{
    CheckedDocket, Diff, Docket as Model, DocketFile, Schedule, ScheduleOptions, MAX_FILE_BYTES,
};
use docket::ical::{Feed, FeedOptions};
use docket::{Error, ErrorKind};
use pyo3::prelude::*;
use serde_json::json;

use crate::due::opt_date_arg;
use crate::error::{invalid, OrRaise};

/// A validated docket (use `docket.Docket`).
#[pyclass(frozen, module = "docket._docket")]
pub(crate) struct Docket {
    checked: CheckedDocket,
    /// The file it was read from (`load`) or the name given with the text.
    source: Option<String>,
    /// The file as read, when this docket is its content (`load`, or a
    /// change written to it): changes are written through it.
    file: Option<DocketFile>,
}

impl Docket {
    fn files(&self) -> Vec<&str> {
        self.source.as_deref().into_iter().collect()
    }

    fn named(&self, e: Error) -> Error {
        match &self.source {
            Some(s) => e.context(s),
            None => e,
        }
    }

    fn checked(model: Model, source: Option<String>) -> PyResult<Docket> {
        let files: Vec<&str> = source.as_deref().into_iter().collect();
        let checked = model
            .check()
            .map_err(|e| match &source {
                Some(s) => e.context(s),
                None => e,
            })
            .or_raise(&files)?;
        Ok(Docket {
            checked,
            source,
            file: None,
        })
    }

    fn from_text(
        text: &str,
        source: Option<String>,
        parse: fn(&str) -> docket::Result<Model>,
    ) -> PyResult<Docket> {
        let files: Vec<&str> = source.as_deref().into_iter().collect();
        let context = |e: Error| match &source {
            Some(s) => e.context(s),
            None => e,
        };
        if text.len() as u64 > MAX_FILE_BYTES {
            let e = Error::new(
                ErrorKind::Range,
                format!("the docket text is larger than {MAX_FILE_BYTES} bytes"),
            );
            return Err(crate::error::raise(&context(e), &files));
        }
        let model = parse(text).map_err(context).or_raise(&files)?;
        Docket::checked(model, source)
    }

    /// A party given by id or name (case insensitive), as its id.
    fn party_id(&self, party: &str) -> PyResult<String> {
        let d = self.checked.docket();
        d.parties
            .iter()
            .find(|(id, x)| id.eq_ignore_ascii_case(party) || x.name.eq_ignore_ascii_case(party))
            .map(|(id, _)| id.clone())
            .ok_or_else(|| {
                let known = d.parties.keys().cloned().collect::<Vec<_>>().join(", ");
                let e = Error::new(
                    ErrorKind::Invalid,
                    format!("party: no party \"{party}\" (parties: {known})"),
                );
                crate::error::raise(&self.named(e), &self.files())
            })
    }

    /// Both schedules over one horizon (so a diff shows only what
    /// changed), with the errors naming each docket's source.
    fn schedules_with(&self, other: &Docket) -> PyResult<(Schedule, Schedule)> {
        let opts = ScheduleOptions::new();
        let (a, b) = (&self.checked, &other.checked);
        let opts = opts.horizon(Some(a.horizon_for(&opts).max(b.horizon_for(&opts))));
        let before = a
            .schedule(&opts)
            .map_err(|e| self.named(e))
            .or_raise(&self.files())?;
        let after = b
            .schedule(&opts)
            .map_err(|e| other.named(e))
            .or_raise(&other.files())?;
        Ok((before, after))
    }
}

#[pymethods]
impl Docket {
    /// Reads and validates a docket from TOML text (`source` names it in
    /// errors).
    #[staticmethod]
    #[pyo3(signature = (text, source = None))]
    fn from_toml(text: &str, source: Option<String>) -> PyResult<Docket> {
        Docket::from_text(text, source, Model::from_toml_str)
    }

    /// Reads and validates a docket from JSON text (`source` names it in
    /// errors).
    #[staticmethod]
    #[pyo3(signature = (text, source = None))]
    fn from_json(text: &str, source: Option<String>) -> PyResult<Docket> {
        Docket::from_text(text, source, Model::from_json_str)
    }

    /// Reads and validates a docket file (`.toml` or `.json`).
    #[staticmethod]
    fn load(path: PathBuf) -> PyResult<Docket> {
        let source = path.display().to_string();
        let file = DocketFile::open(&path).or_raise(&[source.as_str()])?;
        let mut docket = Docket::checked(file.docket().clone(), Some(source))?;
        docket.file = Some(file);
        Ok(docket)
    }

    /// The file or name the docket was read from.
    #[getter]
    fn source(&self) -> Option<String> {
        self.source.clone()
    }

    /// The docket as TOML.
    fn to_toml(&self) -> PyResult<String> {
        self.checked.docket().to_toml_string().or_raise(&[])
    }

    /// The docket as JSON (the file format).
    fn to_json(&self) -> PyResult<String> {
        self.checked.docket().to_json_string().or_raise(&[])
    }

    /// The schedule as the JSON of `docket schedule --json`.
    #[pyo3(signature = (*, from_ = None, to = None, horizon = None, party = None, as_of = None, explain = true))]
    fn schedule(
        &self,
        from_: Option<&str>,
        to: Option<&str>,
        horizon: Option<&str>,
        party: Option<&str>,
        as_of: Option<&str>,
        explain: bool,
    ) -> PyResult<String> {
        let from = opt_date_arg("from_", from_)?;
        let to = opt_date_arg("to", to)?;
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                return Err(invalid(format!("from_ {f} is after to {t}")));
            }
        }
        let as_of = opt_date_arg("as_of", as_of)?;
        let horizon = opt_date_arg("horizon", horizon)?;
        let party = party.map(|p| self.party_id(p)).transpose()?;
        let opts = ScheduleOptions::new()
            .window(from, to)
            .horizon(horizon)
            .explain(explain);
        let mut s = self
            .checked
            .schedule(&opts)
            .map_err(|e| self.named(e))
            .or_raise(&self.files())?;
        if let Some(p) = &party {
            s.deadlines.retain(|d| d.parties.iter().any(|x| x == p));
            s.events
                .retain(|e| e.parties.is_empty() || e.parties.iter().any(|x| x == p));
        }
        let mut v = serde_json::to_value(&s)
            .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))?;
        if let Some(as_of) = as_of {
            v["as_of"] = as_of.to_string().into();
            if let Some(list) = v["deadlines"].as_array_mut() {
                for (d, item) in s.deadlines.iter().zip(list.iter_mut()) {
                    let open = d.status == docket::docket::DeadlineStatus::Open;
                    item["overdue"] = (open && d.due < as_of).into();
                }
            }
        }
        crate::json_text(&v)
    }

    /// Applies a change (a `[[changes]]` entry as JSON): the new docket,
    /// the JSON of `docket reschedule --json` and the report as text. With
    /// `write`, appends the change to the file the docket was read from
    /// (refused when the file changed since).
    #[pyo3(signature = (change, on_is_today, write = false))]
    fn reschedule(
        &self,
        change: &str,
        on_is_today: bool,
        write: bool,
    ) -> PyResult<(Docket, String, String)> {
        let change: docket::docket::Change =
            serde_json::from_str(change).map_err(|e| invalid(format!("change: {e}")))?;
        change
            .action()
            .map_err(|e| self.named(e.context("change")))
            .or_raise(&self.files())?;
        let model = self
            .checked
            .docket()
            .with_change(change.clone())
            .map_err(|e| self.named(e))
            .or_raise(&self.files())?;
        let mut after = Docket::checked(model, self.source.clone())?;
        let (b, c) = self.schedules_with(&after)?;
        let mut diff = Diff::between(&b, &c);
        diff.flag_past(change.on);
        if write {
            let Some(file) = &self.file else {
                let e = Error::new(
                    ErrorKind::Invalid,
                    "write: this docket is not the content of a file (it was read from text, or has what-if changes the file does not): write from a docket read with Docket.load",
                );
                return Err(crate::error::raise(&self.named(e), &self.files()));
            };
            let mut file = file.clone();
            file.append_change(&change).or_raise(&self.files())?;
            after.file = Some(file);
        }
        let report = json!({
            "case": self.checked.docket().case.id,
            "change": change,
            "on": change.on.to_string(),
            "on_is_today": on_is_today,
            "written": write,
            "moved": diff.moved,
            "added": diff.added,
            "removed": diff.removed,
            "vacated": diff.vacated,
            "status_changed": diff.status_changed,
            "unchanged": diff.unchanged,
            "warnings": diff.warnings,
        });
        Ok((after, crate::json_text(&report)?, diff.report()))
    }

    /// What changed from this docket's schedule to `other`'s: the JSON of
    /// `docket diff --json` and the report as text.
    fn diff(&self, other: &Docket) -> PyResult<(String, String)> {
        let (b, c) = self.schedules_with(other)?;
        let mut diff = Diff::between(&b, &c);
        let (oc, nc) = (
            &self.checked.docket().case.id,
            &other.checked.docket().case.id,
        );
        if oc != nc {
            diff.warnings.push(format!(
                "the dockets describe different cases (\"{oc}\" and \"{nc}\"): every item shows as added or removed"
            ));
        }
        Ok((crate::json_text(&diff)?, diff.report()))
    }

    /// The iCalendar feed (RFC 5545) of the docket.
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
        from_ = None,
        to = None,
        horizon = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn ics(
        &self,
        party: Option<&str>,
        domain: String,
        name: Option<String>,
        alarms: Vec<u32>,
        keep_vacated: bool,
        utc: bool,
        stamp: Option<&str>,
        refresh_minutes: u32,
        method: Option<String>,
        from_: Option<&str>,
        to: Option<&str>,
        horizon: Option<&str>,
    ) -> PyResult<String> {
        if let Some(m) = &method {
            if m.is_empty() || !m.chars().all(|c| c.is_ascii_alphabetic() || c == '-') {
                return Err(invalid(format!(
                    "method: \"{m}\": an iCalendar method is letters only (e.g. PUBLISH)"
                )));
            }
        }
        let stamp = stamp
            .map(|s| {
                NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").map_err(|_| {
                    invalid(format!(
                        "stamp: \"{s}\" is not a date-time (YYYY-MM-DDTHH:MM:SS, UTC)"
                    ))
                })
            })
            .transpose()?;
        let party = party.map(|p| self.party_id(p)).transpose()?;
        let mut opts = FeedOptions::new(domain)
            .alarms(&alarms)
            .keep_vacated(keep_vacated)
            .utc_times(utc)
            .stamp(stamp)
            .refresh_minutes(refresh_minutes)
            .method(method)
            .window(opt_date_arg("from_", from_)?, opt_date_arg("to", to)?)
            .horizon(opt_date_arg("horizon", horizon)?);
        if let Some(n) = name {
            opts = opts.name(n);
        }
        let feed = Feed::new(&opts)
            .case(&self.checked)
            .map_err(|e| self.named(e))
            .or_raise(&self.files())?
            .party(party.as_deref());
        Ok(feed.to_ics())
    }

    /// The horizon recurring duties are expanded to by default.
    fn default_horizon(&self) -> String {
        let h: NaiveDate = self.checked.horizon_for(&ScheduleOptions::new());
        h.to_string()
    }
}
