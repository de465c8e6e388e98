//! The built-in court registry, keyed by CourtListener-style ids.

use std::fmt;
use std::str::FromStr;

use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::federal::federal_rules;
use super::states::State;
use super::{Calendar, CalendarBuilder};
use crate::error::{Error, Result};

/// Which set of time-computation rules a court applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RuleFamily {
    /// Fed. R. Civ. P. 6 (district courts).
    Civil,
    /// Fed. R. Bankr. P. 9006 (bankruptcy courts).
    Bankruptcy,
    /// Fed. R. App. P. 26 (courts of appeals).
    Appellate,
    /// No rule family: the day-counting of FRCP 6(a) as amended in 2009
    /// (exclude the trigger day, count every day, roll off closed days), with
    /// no service days and no earlier editions.
    Plain,
}

impl RuleFamily {
    /// The rule's short citation ("Fed. R. Civ. P. 6").
    pub fn citation(self) -> &'static str {
        match self {
            RuleFamily::Civil => "Fed. R. Civ. P. 6",
            RuleFamily::Bankruptcy => "Fed. R. Bankr. P. 9006",
            RuleFamily::Appellate => "Fed. R. App. P. 26",
            RuleFamily::Plain => "plain counting as in Fed. R. Civ. P. 6",
        }
    }

    /// The lowercase name used in files (`civil`, `bankruptcy`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            RuleFamily::Civil => "civil",
            RuleFamily::Bankruptcy => "bankruptcy",
            RuleFamily::Appellate => "appellate",
            RuleFamily::Plain => "plain",
        }
    }
}

impl fmt::Display for RuleFamily {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for RuleFamily {
    type Err = Error;
    fn from_str(s: &str) -> Result<RuleFamily> {
        match s {
            "civil" => Ok(RuleFamily::Civil),
            "bankruptcy" => Ok(RuleFamily::Bankruptcy),
            "appellate" => Ok(RuleFamily::Appellate),
            "plain" => Ok(RuleFamily::Plain),
            _ => Err(Error::invalid(format!(
                "unknown rule family \"{s}\" (expected civil, bankruptcy, appellate or plain)"
            ))),
        }
    }
}

/// A closure of a court's clerk's office the court announced
/// (`data/court_closures.toml`), applied under Rule 6(a)(3).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CourtClosure {
    /// The courts closed (court ids).
    pub courts: Vec<String>,
    /// First day closed.
    pub date: chrono::NaiveDate,
    /// Last day closed (inclusive), when more than one.
    #[serde(default)]
    pub through: Option<chrono::NaiveDate>,
    /// Why.
    pub reason: String,
    /// Where the court announced it.
    pub source: String,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CourtClosures {
    closure: Vec<CourtClosure>,
}

static COURT_CLOSURES: std::sync::OnceLock<std::result::Result<Vec<CourtClosure>, String>> =
    std::sync::OnceLock::new();

/// The closures courts announced, shipped as data with their sources.
///
/// # Errors
/// None with the shipped data (the tests read it).
pub fn court_closures() -> Result<&'static [CourtClosure]> {
    COURT_CLOSURES
        .get_or_init(|| {
            toml::from_str::<CourtClosures>(include_str!("../../data/court_closures.toml"))
                .map(|c| c.closure)
                .map_err(|e| format!("data/court_closures.toml: {e}"))
        })
        .as_deref()
        .map_err(|e| crate::Error::parse(e.clone()))
}

/// A built-in court.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Court {
    /// The CourtListener-style id (`nysb`).
    pub id: &'static str,
    /// The court's name.
    pub name: &'static str,
    /// The state whose holidays count (for a court of appeals, the state of
    /// the circuit clerk's principal office).
    pub state: State,
    /// The court's (clerk's office's) time zone.
    pub time_zone: Tz,
    /// The time-computation rule the court applies.
    pub family: RuleFamily,
}

impl Court {
    /// The court's calendar: federal holidays and closures, the state's
    /// holidays, the court's time zone.
    ///
    /// # Errors
    /// None in practice for built-in courts; the signature matches custom
    /// calendar construction.
    pub fn calendar(&self) -> Result<Calendar> {
        super::federal::executive_closures()?;
        let mut b = CalendarBuilder::new(self.id)
            .time_zone(self.time_zone)
            .rules(federal_rules())
            .state(self.state);
        for s in super::question::announced_for(self.id)? {
            b = b.settle(s);
        }
        for c in court_closures()?
            .iter()
            .filter(|c| c.courts.iter().any(|id| id == self.id))
        {
            b = b.closure(super::Closure {
                date: c.date,
                through: c.through,
                reason: format!("{} ({})", c.reason, c.source),
                status: super::Status::Settled,
                question: None,
            });
        }
        b.build()
    }
}

use chrono_tz::America::{Chicago, Los_Angeles, New_York};
use RuleFamily::{Appellate as A, Bankruptcy as B, Civil as C};

macro_rules! court {
    ($id:literal, $name:literal, $state:ident, $tz:ident, $fam:ident) => {
        Court {
            id: $id,
            name: $name,
            state: State::$state,
            time_zone: $tz,
            family: $fam,
        }
    };
}

static COURTS: &[Court] = &[
    // New York
    court!(
        "nynd",
        "U.S. District Court for the Northern District of New York",
        NY,
        New_York,
        C
    ),
    court!(
        "nyed",
        "U.S. District Court for the Eastern District of New York",
        NY,
        New_York,
        C
    ),
    court!(
        "nysd",
        "U.S. District Court for the Southern District of New York",
        NY,
        New_York,
        C
    ),
    court!(
        "nywd",
        "U.S. District Court for the Western District of New York",
        NY,
        New_York,
        C
    ),
    court!(
        "nynb",
        "U.S. Bankruptcy Court for the Northern District of New York",
        NY,
        New_York,
        B
    ),
    court!(
        "nyeb",
        "U.S. Bankruptcy Court for the Eastern District of New York",
        NY,
        New_York,
        B
    ),
    court!(
        "nysb",
        "U.S. Bankruptcy Court for the Southern District of New York",
        NY,
        New_York,
        B
    ),
    court!(
        "nywb",
        "U.S. Bankruptcy Court for the Western District of New York",
        NY,
        New_York,
        B
    ),
    // Delaware
    court!(
        "ded",
        "U.S. District Court for the District of Delaware",
        DE,
        New_York,
        C
    ),
    court!(
        "deb",
        "U.S. Bankruptcy Court for the District of Delaware",
        DE,
        New_York,
        B
    ),
    // New Jersey
    court!(
        "njd",
        "U.S. District Court for the District of New Jersey",
        NJ,
        New_York,
        C
    ),
    court!(
        "njb",
        "U.S. Bankruptcy Court for the District of New Jersey",
        NJ,
        New_York,
        B
    ),
    // Texas
    court!(
        "txnd",
        "U.S. District Court for the Northern District of Texas",
        TX,
        Chicago,
        C
    ),
    court!(
        "txed",
        "U.S. District Court for the Eastern District of Texas",
        TX,
        Chicago,
        C
    ),
    court!(
        "txsd",
        "U.S. District Court for the Southern District of Texas",
        TX,
        Chicago,
        C
    ),
    court!(
        "txwd",
        "U.S. District Court for the Western District of Texas",
        TX,
        Chicago,
        C
    ),
    court!(
        "txnb",
        "U.S. Bankruptcy Court for the Northern District of Texas",
        TX,
        Chicago,
        B
    ),
    court!(
        "txeb",
        "U.S. Bankruptcy Court for the Eastern District of Texas",
        TX,
        Chicago,
        B
    ),
    court!(
        "txsb",
        "U.S. Bankruptcy Court for the Southern District of Texas",
        TX,
        Chicago,
        B
    ),
    court!(
        "txwb",
        "U.S. Bankruptcy Court for the Western District of Texas",
        TX,
        Chicago,
        B
    ),
    // California
    court!(
        "cand",
        "U.S. District Court for the Northern District of California",
        CA,
        Los_Angeles,
        C
    ),
    court!(
        "caed",
        "U.S. District Court for the Eastern District of California",
        CA,
        Los_Angeles,
        C
    ),
    court!(
        "cacd",
        "U.S. District Court for the Central District of California",
        CA,
        Los_Angeles,
        C
    ),
    court!(
        "casd",
        "U.S. District Court for the Southern District of California",
        CA,
        Los_Angeles,
        C
    ),
    court!(
        "canb",
        "U.S. Bankruptcy Court for the Northern District of California",
        CA,
        Los_Angeles,
        B
    ),
    court!(
        "caeb",
        "U.S. Bankruptcy Court for the Eastern District of California",
        CA,
        Los_Angeles,
        B
    ),
    court!(
        "cacb",
        "U.S. Bankruptcy Court for the Central District of California",
        CA,
        Los_Angeles,
        B
    ),
    court!(
        "casb",
        "U.S. Bankruptcy Court for the Southern District of California",
        CA,
        Los_Angeles,
        B
    ),
    // Illinois
    court!(
        "ilnd",
        "U.S. District Court for the Northern District of Illinois",
        IL,
        Chicago,
        C
    ),
    court!(
        "ilcd",
        "U.S. District Court for the Central District of Illinois",
        IL,
        Chicago,
        C
    ),
    court!(
        "ilsd",
        "U.S. District Court for the Southern District of Illinois",
        IL,
        Chicago,
        C
    ),
    court!(
        "ilnb",
        "U.S. Bankruptcy Court for the Northern District of Illinois",
        IL,
        Chicago,
        B
    ),
    court!(
        "ilcb",
        "U.S. Bankruptcy Court for the Central District of Illinois",
        IL,
        Chicago,
        B
    ),
    court!(
        "ilsb",
        "U.S. Bankruptcy Court for the Southern District of Illinois",
        IL,
        Chicago,
        B
    ),
    // Florida (the Northern District's clerk sits in Tallahassee, Eastern time)
    court!(
        "flnd",
        "U.S. District Court for the Northern District of Florida",
        FL,
        New_York,
        C
    ),
    court!(
        "flmd",
        "U.S. District Court for the Middle District of Florida",
        FL,
        New_York,
        C
    ),
    court!(
        "flsd",
        "U.S. District Court for the Southern District of Florida",
        FL,
        New_York,
        C
    ),
    court!(
        "flnb",
        "U.S. Bankruptcy Court for the Northern District of Florida",
        FL,
        New_York,
        B
    ),
    court!(
        "flmb",
        "U.S. Bankruptcy Court for the Middle District of Florida",
        FL,
        New_York,
        B
    ),
    court!(
        "flsb",
        "U.S. Bankruptcy Court for the Southern District of Florida",
        FL,
        New_York,
        B
    ),
    // District of Columbia
    court!(
        "dcd",
        "U.S. District Court for the District of Columbia",
        DC,
        New_York,
        C
    ),
    court!(
        "dcb",
        "U.S. Bankruptcy Court for the District of Columbia",
        DC,
        New_York,
        B
    ),
    // Courts of appeals (state of the circuit clerk's principal office)
    court!(
        "ca2",
        "U.S. Court of Appeals for the Second Circuit",
        NY,
        New_York,
        A
    ),
    court!(
        "ca3",
        "U.S. Court of Appeals for the Third Circuit",
        PA,
        New_York,
        A
    ),
    court!(
        "ca5",
        "U.S. Court of Appeals for the Fifth Circuit",
        LA,
        Chicago,
        A
    ),
    court!(
        "ca7",
        "U.S. Court of Appeals for the Seventh Circuit",
        IL,
        Chicago,
        A
    ),
    court!(
        "ca9",
        "U.S. Court of Appeals for the Ninth Circuit",
        CA,
        Los_Angeles,
        A
    ),
    court!(
        "ca11",
        "U.S. Court of Appeals for the Eleventh Circuit",
        GA,
        New_York,
        A
    ),
    court!(
        "cadc",
        "U.S. Court of Appeals for the District of Columbia Circuit",
        DC,
        New_York,
        A
    ),
];

/// Every built-in court.
pub fn courts() -> &'static [Court] {
    COURTS
}

/// A built-in court by id.
///
/// # Errors
/// An unknown id; the message suggests a close match when there is one.
///
/// # Example
/// ```
/// let nysb = docket::calendar::court("nysb")?;
/// assert_eq!(nysb.time_zone, chrono_tz::America::New_York);
/// assert!(docket::calendar::court("nysbb").is_err());
/// # Ok::<(), docket::Error>(())
/// ```
pub fn court(id: &str) -> Result<&'static Court> {
    if let Some(c) = COURTS.iter().find(|c| c.id == id) {
        return Ok(c);
    }
    let hint = COURTS
        .iter()
        .filter(|c| edit_distance(c.id, id) <= 1)
        .map(|c| c.id)
        .next()
        .map(|s| format!(" (did you mean \"{s}\"?)"))
        .unwrap_or_default();
    Err(Error::invalid(format!("unknown court \"{id}\"{hint}")))
}

/// Levenshtein distance, for "did you mean" hints on short ids.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 3 || a.len() > 64 || b.len() > 64 {
        return usize::MAX;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The calendar of a built-in court, built once per process and shared.
///
/// # Errors
/// An unknown court id.
pub fn shared_calendar(id: &str) -> Result<std::sync::Arc<Calendar>> {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex, OnceLock};
    static CACHE: OnceLock<Mutex<HashMap<&'static str, Arc<Calendar>>>> = OnceLock::new();
    let c = court(id)?;
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(cal) = cache.lock().ok().and_then(|m| m.get(c.id).cloned()) {
        return Ok(cal);
    }
    let cal = Arc::new(c.calendar()?);
    if let Ok(mut m) = cache.lock() {
        m.entry(c.id).or_insert_with(|| cal.clone());
    }
    Ok(cal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn court_closures_name_known_courts() {
        let c = court_closures().unwrap();
        assert!(!c.is_empty());
        for x in c {
            for id in &x.courts {
                assert!(court(id).is_ok(), "{id}");
            }
            assert!(x.through.is_none_or(|t| t >= x.date));
        }
    }

    #[test]
    fn ids_are_unique_and_every_calendar_builds() {
        let mut ids: Vec<_> = COURTS.iter().map(|c| c.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), COURTS.len());
        for c in COURTS {
            let cal = c.calendar().unwrap();
            assert_eq!(cal.state(), Some(c.state));
        }
    }

    #[test]
    fn unknown_court_suggests() {
        let e = court("nysbb").unwrap_err().to_string();
        assert!(e.contains("unknown court \"nysbb\""), "{e}");
        assert!(e.contains("nysb"), "{e}");
    }
}
