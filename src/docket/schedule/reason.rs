//! Why a later reading exists, written when it is read.
//!
//! The commonest later reading of a schedule is that of a date set by order
//! that falls on a closed day (a recurring grid meets a weekend about two
//! times in seven). Its reason is a long sentence with two dates and the
//! family's citations; a [`Reason`] keeps the dates and writes the sentence
//! the first time it is read. Clones share it.

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

use super::fixed::{note, FIXED_DATE_ROLL, VIOLETTE};
use crate::calendar::RuleFamily;

/// Why a later reading exists: a sentence with its citations, written when
/// first read. It reads as a `&str`, and compares and serializes as its
/// text; clones share it.
///
/// # Example
/// ```
/// use docket::docket::Reason;
/// let r = Reason::from("the court announced it was closed");
/// assert!(r.starts_with("the court"));
/// assert_eq!(r, "the court announced it was closed");
/// ```
#[derive(Clone)]
pub struct Reason(Arc<Inner>);

struct Inner {
    how: How,
    text: OnceLock<String>,
}

enum How {
    /// Written already.
    Text(String),
    /// A date set by order on a closed day (`why` says what the day is),
    /// which would run to `rolled` were it to roll.
    FixedRoll {
        date: NaiveDate,
        why: Cow<'static, str>,
        rolled: NaiveDate,
        family: RuleFamily,
    },
    /// A reading of the date a date set by order would roll to.
    OfRolled(Reason),
}

impl Reason {
    fn new(how: How) -> Reason {
        Reason(Arc::new(Inner {
            how,
            text: OnceLock::new(),
        }))
    }

    /// The reason a date set by order, on a closed day, does not roll.
    pub(crate) fn fixed_roll(
        date: NaiveDate,
        why: Cow<'static, str>,
        rolled: NaiveDate,
        family: RuleFamily,
    ) -> Reason {
        Reason::new(How::FixedRoll {
            date,
            why,
            rolled,
            family,
        })
    }

    /// A reading of the date a date set by order would roll to.
    pub(crate) fn of_rolled(inner: Reason) -> Reason {
        Reason::new(How::OfRolled(inner))
    }

    /// The text (written now if it was not yet).
    pub fn as_str(&self) -> &str {
        match &self.0.how {
            How::Text(s) => s,
            how => self.0.text.get_or_init(|| write(how)),
        }
    }
}

fn write(how: &How) -> String {
    match how {
        How::Text(s) => s.clone(),
        How::FixedRoll {
            date,
            why,
            rolled,
            family,
        } => format!(
            "{date} is {why}: were a date set by order to roll like the last day of a computed \
             period, it would run to {rolled}; it does not roll (the time-computation provisions \
             \"do not apply when a fixed time to act is set\": {}; {VIOLETTE})",
            note(*family)
        ),
        How::OfRolled(inner) => format!(
            "{} (were the date set by order to roll: question {FIXED_DATE_ROLL})",
            inner.as_str()
        ),
    }
}

impl From<String> for Reason {
    fn from(s: String) -> Reason {
        Reason::new(How::Text(s))
    }
}

impl From<&str> for Reason {
    fn from(s: &str) -> Reason {
        Reason::from(s.to_string())
    }
}

impl Deref for Reason {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Reason {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Reason {
    fn eq(&self, other: &Reason) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.as_str() == other.as_str()
    }
}

impl Eq for Reason {}

impl PartialEq<str> for Reason {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Reason {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Serialize for Reason {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl From<Reason> for String {
    fn from(r: Reason) -> String {
        r.as_str().to_string()
    }
}
