//! `docket.check`: `docket check --json` on files.

use std::path::PathBuf;

use docket::commands::{check as check_all, DocketText, Problem};
use docket::docket::{read_docket_text, Format};
use docket::{Error, ErrorKind};
use pyo3::prelude::*;

use crate::error::{OrRaise, NO_OPTIONS};

/// Checks docket files as `docket check --json` does: `{"files": [a
/// summary of each valid docket], "problems": [{"file", "item", "field",
/// "message"}]}` (a file that cannot be read is a problem too).
#[pyfunction]
pub(crate) fn check(paths: Vec<PathBuf>) -> PyResult<String> {
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let mut inputs = Vec::new();
    let mut unread = Vec::new();
    for (path, name) in paths.iter().zip(&names) {
        let read = Format::of(path)
            .map_err(|e| e.context(name))
            .and_then(|format| {
                Ok(DocketText::new(Some(name), format, read_docket_text(path)?)
                    .base_dir(path.parent().map(std::path::Path::to_path_buf)))
            });
        match read {
            Ok(t) => inputs.push(t),
            Err(e) => unread.extend(e.problems().iter().cloned()),
        }
    }
    let report = check_all(&inputs);
    let mut all = unread;
    if let Some(e) = &report.problems {
        all.extend(e.problems().iter().cloned());
    }
    let files: Vec<&str> = names.iter().map(String::as_str).collect();
    let problems = if all.is_empty() {
        Vec::new()
    } else {
        Problem::list(&Error::many(ErrorKind::Invalid, all), &files, &[])
    };
    let v = serde_json::json!({ "files": report.files, "problems": problems });
    serde_json::to_string(&v)
        .map_err(|e| Error::new(ErrorKind::Parse, e.to_string()))
        .or_raise(&[], NO_OPTIONS)
}
