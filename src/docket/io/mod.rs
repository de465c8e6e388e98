//! Reading and writing docket files (TOML and JSON, the same structure), and
//! writing any file atomically.

use std::path::Path;

use crate::error::{Error, Result};

mod atomic;
mod parse;

pub use atomic::write_atomic;

/// The format of a docket file, chosen by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.toml`
    Toml,
    /// `.json`
    Json,
}

impl Format {
    /// The format for a path's extension.
    ///
    /// # Errors
    /// An extension other than `.toml` or `.json`.
    pub fn of(path: &Path) -> Result<Format> {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("toml") => Ok(Format::Toml),
            Some(e) if e.eq_ignore_ascii_case("json") => Ok(Format::Json),
            _ => Err(Error::invalid(format!(
                "{}: a docket file must end in .toml or .json",
                path.display()
            ))),
        }
    }
}
