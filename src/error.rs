//! The crate's one error type.
//!
//! [`Error`] is opaque: a [`ErrorKind`] says what went wrong in general, the
//! message says exactly what (naming the file, the item id and the field where
//! the input had one), and [`Error::problems`] lists every problem when
//! validation found several at once.

use std::fmt;

/// What kind of thing went wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Input was malformed or named something that does not exist.
    Invalid,
    /// A date, period or count is outside what the library supports.
    Range,
    /// Reading or writing a file failed.
    Io,
    /// The input could not be parsed (TOML, JSON, date syntax).
    Parse,
    /// A file changed since it was read, or another writer held it longer
    /// than the wait allowed: nothing was written.
    Conflict,
}

/// The error returned by every fallible operation in `docket`.
///
/// The message is meant for a person: it names the file, the id and the field
/// where the problem is (`obligation "bullet-summary": due.after names unknown
/// event "mediaton"`).
///
/// # Example
/// ```
/// use docket::{Docket, Error, ErrorKind};
///
/// let e = Docket::from_toml_str("[case]\nid = \"x\"\n[obligations.a]\ntitle = \"A\"\n")
///     .and_then(|d| d.validate())
///     .unwrap_err();
/// assert_eq!(e.kind(), ErrorKind::Invalid);
/// assert!(e.problems().iter().any(|p| p.starts_with("obligation \"a\": ")), "{e}");
/// // Front ends make their own, with the context they know.
/// let mine = Error::new(ErrorKind::Invalid, "no such file").context("case.toml");
/// assert_eq!(mine.to_string(), "case.toml: no such file");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", render(problems))]
pub struct Error {
    kind: ErrorKind,
    problems: Vec<String>,
}

impl Error {
    /// An error of `kind` with one message (for tools built on the library
    /// that report their own input problems the same way).
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            problems: vec![message.into()],
        }
    }

    pub(crate) fn invalid(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Invalid, message)
    }

    pub(crate) fn range(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Range, message)
    }

    pub(crate) fn parse(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Parse, message)
    }

    pub(crate) fn io(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Io, message)
    }

    pub(crate) fn conflict(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Conflict, message)
    }

    /// Several problems found together (validation reports all at once).
    /// An empty list gives a generic message.
    pub fn many(kind: ErrorKind, problems: Vec<String>) -> Error {
        if problems.is_empty() {
            return Error::new(kind, "unspecified problem");
        }
        Error { kind, problems }
    }

    /// Prefixes every problem with a context, such as a file name.
    pub fn context(mut self, ctx: impl fmt::Display) -> Error {
        for p in &mut self.problems {
            *p = format!("{ctx}: {p}");
        }
        self
    }

    /// The general kind of the error.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// Every problem found, one message each, in the order found.
    pub fn problems(&self) -> &[String] {
        &self.problems
    }

    /// True when the input was malformed or referred to something unknown.
    pub fn is_invalid(&self) -> bool {
        self.kind == ErrorKind::Invalid
    }

    /// True when a date, period or count was out of the supported range.
    pub fn is_range(&self) -> bool {
        self.kind == ErrorKind::Range
    }
}

fn render(problems: &[String]) -> String {
    match problems {
        [one] => one.clone(),
        many => {
            let mut out = format!("{} problems:", many.len());
            for p in many {
                out.push_str("\n  - ");
                out.push_str(p);
            }
            out
        }
    }
}

/// Shorthand for results whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_problem_displays_alone_many_are_listed() {
        let e = Error::invalid("bad").context("x.toml");
        assert_eq!(e.to_string(), "x.toml: bad");
        let e = Error::many(ErrorKind::Invalid, vec!["a".into(), "b".into()]);
        assert_eq!(e.to_string(), "2 problems:\n  - a\n  - b");
        assert!(e.is_invalid());
        assert!(!e.is_range());
    }
}
