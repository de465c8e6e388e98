//! Closures of a clerk's office that a court announced
//! (`data/court_closures.toml`), applied under Rule 6(a)(3).

use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::error::{Error, Result};

const FILE: &str = "data/court_closures.toml";

/// A closure of a court's clerk's office the court announced
/// (`data/court_closures.toml`), applied under Fed. R. Civ. P. 6(a)(3),
/// Fed. R. Bankr. P. 9006(a)(3) and Fed. R. App. P. 26(a)(3).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CourtClosure {
    /// The courts closed (court ids).
    pub courts: Vec<String>,
    /// First day closed.
    pub date: NaiveDate,
    /// Last day closed (inclusive), when more than one.
    #[serde(default)]
    pub through: Option<NaiveDate>,
    /// Why.
    pub reason: String,
    /// Where the court announced it.
    pub source: String,
    /// When whether the office was inaccessible is unsettled (filings were
    /// received elsewhere, the closure reached only some offices), why; the
    /// computation then reports both readings.
    #[serde(default)]
    pub disputed: Option<String>,
}

impl CourtClosure {
    /// The closure as a calendar entry, its reason naming its source.
    pub(crate) fn to_closure(&self) -> super::super::Closure {
        super::super::Closure {
            date: self.date,
            through: self.through,
            reason: format!("{} ({})", self.reason, self.source),
            status: match &self.disputed {
                Some(why) => super::super::Status::Disputed(why.clone().into()),
                None => super::super::Status::Settled,
            },
            question: None,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CourtClosures {
    closure: Vec<CourtClosure>,
}

static COURT_CLOSURES: OnceLock<std::result::Result<Vec<CourtClosure>, String>> = OnceLock::new();

/// The closures courts announced, shipped as data with their sources.
///
/// # Errors
/// A malformed data file, naming the file, the closure and the field (none
/// with the shipped data: the tests read it).
///
/// # Example
/// ```
/// let closures = docket::calendar::court_closures()?;
/// assert!(closures.iter().any(|c| c.courts.iter().any(|id| id == "ca8")));
/// # Ok::<(), docket::Error>(())
/// ```
pub fn court_closures() -> Result<&'static [CourtClosure]> {
    COURT_CLOSURES
        .get_or_init(|| parse(include_str!("../../../data/court_closures.toml")))
        .as_deref()
        .map_err(|e| Error::parse(e.clone()))
}

fn parse(text: &str) -> std::result::Result<Vec<CourtClosure>, String> {
    let list = toml::from_str::<CourtClosures>(text)
        .map_err(|e| format!("{FILE}: {e}"))?
        .closure;
    for (n, c) in list.iter().enumerate() {
        let at = format!("{FILE}: closure {} of {}", n + 1, c.date);
        if c.courts.is_empty() {
            return Err(format!("{at}: courts: names no court"));
        }
        for id in &c.courts {
            if super::lookup(id).is_none() {
                return Err(format!("{at}: courts: unknown court \"{id}\""));
            }
        }
        if c.through.is_some_and(|t| t < c.date) {
            return Err(format!("{at}: through: before the first day"));
        }
        if c.reason.trim().is_empty() || c.source.trim().is_empty() {
            return Err(format!("{at}: reason and source: must not be empty"));
        }
        if c.disputed.as_deref().is_some_and(|d| d.trim().is_empty()) {
            return Err(format!("{at}: disputed: must not be empty"));
        }
    }
    Ok(list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_files_name_the_closure_and_field() {
        let e = parse("[[closure]]\ncourts = [\"nysdd\"]\ndate = \"2012-10-29\"\nreason = \"x\"\nsource = \"y\"\n")
            .unwrap_err();
        assert!(
            e.contains("closure 1 of 2012-10-29: courts: unknown court \"nysdd\""),
            "{e}"
        );
        let e = parse("[[closure]]\ncourts = [\"nysd\"]\ndate = \"2012-10-29\"\nthrough = \"2012-10-28\"\nreason = \"x\"\nsource = \"y\"\n")
            .unwrap_err();
        assert!(e.contains("through: before the first day"), "{e}");
        let e = parse("[[closure]]\ncourts = [\"nysd\"]\ndate = \"2012-10-29\"\nreason = \"x\"\n")
            .unwrap_err();
        assert!(e.starts_with(FILE) && e.contains("source"), "{e}");
    }
}
