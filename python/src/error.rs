//! `docket::Error` raised as `docket.DocketError`.

use docket::{Error, ErrorKind};
use pyo3::prelude::*;

use crate::problems;

/// The kind's name, as `DocketError.kind` gives it.
fn kind_name(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Invalid => "invalid",
        ErrorKind::Range => "range",
        ErrorKind::Io => "io",
        ErrorKind::Parse => "parse",
        ErrorKind::Conflict => "conflict",
        _ => "error",
    }
}

/// The `docket.DocketError` for `e`; `files` are the paths the operation
/// read (the problems name them in their `file`).
pub(crate) fn raise(e: &Error, files: &[&str]) -> PyErr {
    Python::attach(|py| build(py, e, files).unwrap_or_else(|err| err))
}

fn build(py: Python<'_>, e: &Error, files: &[&str]) -> PyResult<PyErr> {
    let class = py.import("docket._errors")?.getattr("DocketError")?;
    let problems = problems::to_list(py, e.problems(), files)?;
    let value = class.call1((e.to_string(), kind_name(e.kind()), problems))?;
    Ok(PyErr::from_value(value))
}

/// An invalid-input error of the binding itself (a bad argument), named
/// like the crate's.
pub(crate) fn invalid(message: impl Into<String>) -> PyErr {
    raise(&Error::new(ErrorKind::Invalid, message), &[])
}

/// `Result<T, docket::Error>` to `PyResult<T>`.
pub(crate) trait OrRaise<T> {
    /// Raises `docket.DocketError` naming `files`.
    fn or_raise(self, files: &[&str]) -> PyResult<T>;
}

impl<T> OrRaise<T> for Result<T, Error> {
    fn or_raise(self, files: &[&str]) -> PyResult<T> {
        self.map_err(|e| raise(&e, files))
    }
}
