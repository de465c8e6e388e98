//! `docket._docket`: the native half of the `docket` Python package.
//!
//! The functions here take plain values (strings, integers, lists) and
//! return JSON text made by the crate's own serializers; the Python half
//! (`python/docket/`) turns that into typed objects with `datetime.date`
//! fields. The work is done by `docket::commands`, the functions the
//! command line and the HTTP API run, so that the three answer alike. Every
//! error is raised as `docket.DocketError` with its structured problems.

// The queries of `docket::commands` gain options as the commands grow:
// `..Query::default()` keeps this crate building, the new options off.
#![allow(clippy::needless_update)]

mod check;
mod due;
mod error;
mod native_docket;

use pyo3::prelude::*;

/// Native functions of the `docket` package (use the `docket` module).
#[pymodule]
mod _docket {
    #[pymodule_export]
    use super::check::check;
    #[pymodule_export]
    use super::due::{courts, due};
    #[pymodule_export]
    use super::native_docket::Docket;
}
