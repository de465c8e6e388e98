//! `docket._docket`: the native half of the `docket` Python package.
//!
//! The functions here take plain values (strings, integers, lists) and
//! return JSON text made by the crate's own serializers; the Python half
//! (`python/docket/`) turns that into typed objects with `datetime.date`
//! fields. Every error of the crate is raised as `docket.DocketError` with
//! its structured problems (see `problems.rs`).

mod due;
mod error;
mod native_docket;
mod problems;

use pyo3::prelude::*;

/// Native functions of the `docket` package (use the `docket` module).
#[pymodule]
mod _docket {
    #[pymodule_export]
    use super::due::{courts, due};
    #[pymodule_export]
    use super::native_docket::Docket;
    #[pymodule_export]
    use super::problems::problems;
}

/// A JSON value as text (the Python half parses it).
pub(crate) fn json_text<T: serde::Serialize + ?Sized>(v: &T) -> PyResult<String> {
    serde_json::to_string(v).map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))
}
