//! Reading and writing docket files (TOML and JSON, the same structure):
//! parsing, writing any file atomically, the lock docket writers take, and
//! appending a change without losing another writer's.

use std::path::Path;

use crate::error::{Error, Result};

mod append;
mod atomic;
mod lock;
mod parse;

pub use append::{append_change, DocketFile};
pub use atomic::{write_atomic, write_atomic_with};
pub use lock::{LOCK_TIMEOUT, MAX_LOCK_TIMEOUT};

/// The format of a docket file, chosen by its extension.
///
/// # Example
/// ```
/// use std::path::Path;
/// use docket::docket::Format;
///
/// assert_eq!(Format::of(Path::new("case.toml"))?, Format::Toml);
/// assert_eq!("json".parse::<Format>()?, Format::Json);
/// assert!(Format::of(Path::new("case.yaml")).is_err());
/// # Ok::<(), docket::Error>(())
/// ```
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
