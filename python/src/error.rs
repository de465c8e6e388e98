//! `docket::Error` raised as `docket.DocketError`, its problems located by
//! the crate's own `docket::commands::Problem` (as `--json` commands and the
//! HTTP API print them).

use docket::commands::{Problem, Style};
use docket::{Error, ErrorKind};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

/// How a Python function names the options of the command it runs: the
/// command's options (named as fields, `court_days`) and the keyword
/// arguments that are named otherwise in Python (`from` is `trigger`).
#[derive(Clone, Copy)]
pub(crate) struct Words {
    /// The command's options (`DueQuery::options(Style::Fields)`).
    pub options: fn(Style) -> Vec<String>,
    /// (the command's name, the Python keyword).
    pub renamed: &'static [(&'static str, &'static str)],
}

/// Words of functions that take no options.
pub(crate) const NO_OPTIONS: Words = Words {
    options: |_| Vec::new(),
    renamed: &[],
};

impl Words {
    /// `text` with an option named at its start (`from: ...`, `days=-3:
    /// ...`) named as the Python keyword.
    fn rename(&self, text: &str) -> String {
        for (option, keyword) in self.renamed {
            if let Some(rest) = text.strip_prefix(option) {
                if rest.is_empty() || rest.starts_with([':', '=', ' ', '&']) {
                    return format!("{keyword}{rest}");
                }
            }
        }
        text.to_string()
    }
}

/// The kind's name, as `DocketError.kind` and `--json` failures give it.
fn kind_name(kind: ErrorKind) -> String {
    format!("{kind:?}").to_lowercase()
}

/// The `docket.DocketError` for `e`; `files` are the names the inputs were
/// read under.
pub(crate) fn raise(e: &Error, files: &[&str], words: Words) -> PyErr {
    Python::attach(|py| build(py, e, files, words).unwrap_or_else(|err| err))
}

fn build(py: Python<'_>, e: &Error, files: &[&str], words: Words) -> PyResult<PyErr> {
    let options = (words.options)(Style::Fields);
    let options: Vec<&str> = options.iter().map(String::as_str).collect();
    let list = PyList::empty(py);
    let mut messages = Vec::new();
    for p in Problem::list(e, files, &options) {
        let d = PyDict::new(py);
        // A message about an option starts with it, after the file.
        let message = match &p.file {
            Some(f) => match p.message.strip_prefix(&format!("{f}: ")) {
                Some(rest) => format!("{f}: {}", words.rename(rest)),
                None => p.message.clone(),
            },
            None => words.rename(&p.message),
        };
        d.set_item("file", p.file)?;
        d.set_item("item", p.item)?;
        d.set_item("field", p.field.map(|f| words.rename(&f)))?;
        d.set_item("message", &message)?;
        list.append(d)?;
        messages.push(message);
    }
    // Rendered as the crate renders its errors, in the Python words.
    let text = Error::many(e.kind(), messages).to_string();
    let class = py.import("docket._errors")?.getattr("DocketError")?;
    let value = class.call1((text, kind_name(e.kind()), list))?;
    Ok(PyErr::from_value(value))
}

/// `Result<T, docket::Error>` to `PyResult<T>`.
pub(crate) trait OrRaise<T> {
    /// Raises `docket.DocketError` naming `files`, options in `words`.
    fn or_raise(self, files: &[&str], words: Words) -> PyResult<T>;
}

impl<T> OrRaise<T> for Result<T, Error> {
    fn or_raise(self, files: &[&str], words: Words) -> PyResult<T> {
        self.map_err(|e| raise(&e, files, words))
    }
}
