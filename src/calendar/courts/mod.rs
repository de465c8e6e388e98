//! The built-in court registry (`data/courts.toml`), keyed by CourtListener
//! ids: every federal district court, bankruptcy court and court of appeals.

mod closures;
mod find;

use std::collections::HashSet;
use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::federal::federal_rules;
use super::states::State;
use super::{Calendar, CalendarBuilder};
use crate::error::{Error, Result};

pub use closures::{court_closures, CourtClosure};
pub use find::find_courts;

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

/// A built-in court (`data/courts.toml`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Court {
    /// The CourtListener id (`nysb`, `mad`, `ca1`).
    pub id: String,
    /// The court's name.
    pub name: String,
    /// The Bluebook abbreviation (`S.D.N.Y.`, `Bankr. D. Mass.`, `1st Cir.`).
    pub citation: String,
    /// The state (or the District of Columbia or a territory, FRCP 81(d)(1))
    /// whose legal holidays count; for a court of appeals, the state of the
    /// circuit clerk's principal office (FRAP 26(a)(6)(C)).
    pub state: State,
    /// The time zone of the clerk's principal office. Where a district spans
    /// zones, [`Court::note`] says so; a docket sets its own with
    /// `[calendar] time_zone`.
    pub time_zone: Tz,
    /// The time-computation rule the court applies.
    pub family: RuleFamily,
    /// Other names the court is found by ([`find_courts`]).
    pub aliases: Vec<String>,
    /// Why the zone or state is what it is, where that needs a word.
    pub note: Option<String>,
}

impl Court {
    /// The court's calendar: federal holidays and closures, the state's
    /// holidays, the closures the court announced, its time zone.
    ///
    /// # Errors
    /// None in practice for built-in courts; the signature matches custom
    /// calendar construction.
    pub fn calendar(&self) -> Result<Calendar> {
        super::federal::executive_closures()?;
        let mut b = CalendarBuilder::new(self.id.as_str())
            .time_zone(self.time_zone)
            .rules(federal_rules())
            .state(self.state);
        for s in super::question::announced_for(&self.id)? {
            b = b.settle(s);
        }
        for c in court_closures()?
            .iter()
            .filter(|c| c.courts.contains(&self.id))
        {
            b = b.closure(c.to_closure());
        }
        b.build()
    }
}

const FILE: &str = "data/courts.toml";

/// One `[[court]]` table as written in the data file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCourt {
    id: String,
    name: String,
    citation: String,
    state: String,
    family: String,
    time_zone: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCourts {
    court: Vec<RawCourt>,
}

static COURTS: OnceLock<std::result::Result<Vec<Court>, String>> = OnceLock::new();

/// Parses the registry, naming the file, the court and the field of the first
/// problem.
fn parse(text: &str) -> std::result::Result<Vec<Court>, String> {
    let raw = toml::from_str::<RawCourts>(text).map_err(|e| format!("{FILE}: {e}"))?;
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(raw.court.len());
    for (n, r) in raw.court.into_iter().enumerate() {
        let at = format!("{FILE}: court {} (\"{}\")", n + 1, r.id);
        if r.id.is_empty()
            || !r
                .id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        {
            return Err(format!("{at}: id: not lowercase letters and digits"));
        }
        if !seen.insert(r.id.clone()) {
            return Err(format!("{at}: id: given twice"));
        }
        if r.id == "federal" {
            return Err(format!("{at}: id: \"federal\" names the federal calendar"));
        }
        for (field, v) in [("name", &r.name), ("citation", &r.citation)] {
            if v.trim().is_empty() {
                return Err(format!("{at}: {field}: must not be empty"));
            }
        }
        let state = State::from_str(&r.state).map_err(|e| format!("{at}: state: {e}"))?;
        let family = RuleFamily::from_str(&r.family).map_err(|e| format!("{at}: family: {e}"))?;
        if family == RuleFamily::Plain {
            return Err(format!(
                "{at}: family: a court applies civil, bankruptcy or appellate rules"
            ));
        }
        let time_zone = Tz::from_str(&r.time_zone).map_err(|_| {
            format!(
                "{at}: time_zone: \"{}\" is not an IANA time zone",
                r.time_zone
            )
        })?;
        out.push(Court {
            id: r.id,
            name: r.name,
            citation: r.citation,
            state,
            time_zone,
            family,
            aliases: r.aliases,
            note: r.note,
        });
    }
    if out.is_empty() {
        return Err(format!("{FILE}: names no court"));
    }
    Ok(out)
}

fn registry() -> Result<&'static [Court]> {
    COURTS
        .get_or_init(|| parse(include_str!("../../../data/courts.toml")))
        .as_deref()
        .map_err(|e| Error::parse(e.clone()))
}

/// Every built-in court, in the order of `data/courts.toml` (district courts,
/// bankruptcy courts, courts of appeals).
///
/// # Errors
/// A malformed data file, naming the file, the court and the field (none with
/// the shipped data: the tests read it).
///
/// # Example
/// ```
/// let all = docket::calendar::courts()?;
/// assert!(all.iter().any(|c| c.id == "cafc"));
/// # Ok::<(), docket::Error>(())
/// ```
pub fn courts() -> Result<&'static [Court]> {
    registry()
}

/// The court with exactly this id, if any.
pub(crate) fn lookup(id: &str) -> Option<&'static Court> {
    registry().ok()?.iter().find(|c| c.id == id)
}

/// A built-in court by its id (exactly, as CourtListener writes it).
///
/// # Errors
/// An unknown id; the message names the courts that come closest, by id,
/// name or abbreviation (see [`find_courts`]).
///
/// # Example
/// ```
/// let nysb = docket::calendar::court("nysb")?;
/// assert_eq!(nysb.time_zone, chrono_tz::America::New_York);
/// let e = docket::calendar::court("N.D. Ill.").unwrap_err();
/// assert!(e.to_string().contains("\"ilnd\""));
/// # Ok::<(), docket::Error>(())
/// ```
pub fn court(id: &str) -> Result<&'static Court> {
    let all = registry()?;
    if let Some(c) = all.iter().find(|c| c.id == id) {
        return Ok(c);
    }
    let near: Vec<String> = find_courts(id)
        .into_iter()
        .take(3)
        .map(|c| format!("\"{}\"", c.id))
        .collect();
    let shown: String = id.chars().take(80).collect();
    let hint = match near.as_slice() {
        [] => String::new(),
        [one] => format!(" (did you mean {one}?)"),
        [init @ .., last] => format!(" (did you mean {} or {last}?)", init.join(", ")),
    };
    Err(Error::invalid(format!("unknown court \"{shown}\"{hint}")))
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
    use std::sync::{Arc, Mutex};
    static CACHE: OnceLock<Mutex<HashMap<&'static str, Arc<Calendar>>>> = OnceLock::new();
    let c = court(id)?;
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(cal) = cache
        .lock()
        .ok()
        .and_then(|m| m.get(c.id.as_str()).cloned())
    {
        return Ok(cal);
    }
    let cal = Arc::new(c.calendar()?);
    if let Ok(mut m) = cache.lock() {
        m.entry(c.id.as_str()).or_insert_with(|| cal.clone());
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
    fn the_shipped_registry_parses() {
        let all = courts().unwrap();
        let ids: HashSet<&str> = all.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids.len(), all.len());
    }

    #[test]
    fn unknown_court_suggests() {
        let e = court("nysbb").unwrap_err().to_string();
        assert!(e.contains("unknown court \"nysbb\""), "{e}");
        assert!(e.contains("\"nysb\""), "{e}");
    }

    #[test]
    fn bad_registries_name_the_court_and_field() {
        let one = |body: &str| format!("[[court]]\n{body}\n");
        let base = "id = \"xd\"\nname = \"X\"\ncitation = \"D. X.\"\nstate = \"NY\"\nfamily = \"civil\"\ntime_zone = \"America/New_York\"";
        assert!(parse(&one(base)).is_ok());
        let cases = [
            (
                base.replace("\"NY\"", "\"ZZ\""),
                "court 1 (\"xd\"): state: unknown state \"ZZ\"",
            ),
            (
                base.replace("\"civil\"", "\"plain\""),
                "court 1 (\"xd\"): family",
            ),
            (
                base.replace("\"civil\"", "\"criminal\""),
                "family: unknown rule family",
            ),
            (
                base.replace("America/New_York", "Mars/Olympus"),
                "time_zone: \"Mars/Olympus\" is not an IANA time zone",
            ),
            (base.replace("\"xd\"", "\"X D\""), "id: not lowercase"),
            (base.replace("\"X\"", "\" \""), "name: must not be empty"),
        ];
        for (body, want) in cases {
            let e = parse(&one(&body)).unwrap_err();
            assert!(e.starts_with(FILE) && e.contains(want), "{e} / {want}");
        }
        let e = parse(&format!("{}{}", one(base), one(base))).unwrap_err();
        assert!(e.contains("court 2 (\"xd\"): id: given twice"), "{e}");
        let e = parse(&one(&format!("{base}\nseat = \"X\""))).unwrap_err();
        assert!(e.starts_with(FILE) && e.contains("seat"), "{e}");
    }
}
