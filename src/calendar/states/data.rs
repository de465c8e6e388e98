//! The state holiday files, `data/states/<CODE>.toml`: their format, and
//! loading and checking them once.
//!
//! A file names its state, a default citation and a summary (`about`: the
//! statute's weekend rule and what is left out), then one `[[holiday]]` per
//! day: its name, its rule (`{ kind = "fixed", month = 7, day = 4 }`, `nth`,
//! `last`, `nth_offset`, `easter`, `election_day` or one `date`), how a
//! weekend day is observed, its citation when not the file's, the days it is
//! in force (`from`, `until`, inclusive, compared with the observed day),
//! `every`/`remainder` for days of some years only, and for a disputed day
//! the catalog `question` it raises with the `reason`. `verified = false`
//! and `note` (or a disputed day's reason) record what the sources did not
//! confirm.

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use super::State;
use crate::calendar::question::question;
use crate::calendar::{HolidayRule, Observance, Scope, When, FIRST_YEAR, LAST_YEAR};
use crate::error::{Error, Result};

/// One state's file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    /// The postal code, which must be the file's.
    state: String,
    /// The citation of a holiday that names none.
    citation: String,
    /// What the statute says about weekends, and what is left out and why.
    about: String,
    /// Where the data was checked beyond the statute (court holiday lists).
    #[serde(default)]
    #[allow(dead_code)]
    sources: Vec<String>,
    #[serde(default)]
    holiday: Vec<Entry>,
}

/// One `[[holiday]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    name: String,
    rule: When,
    #[serde(default)]
    observed: Observance,
    citation: Option<String>,
    from: Option<NaiveDate>,
    until: Option<NaiveDate>,
    every: Option<u32>,
    remainder: Option<u32>,
    question: Option<String>,
    reason: Option<String>,
    #[serde(default = "yes")]
    verified: bool,
    note: Option<String>,
}

fn yes() -> bool {
    true
}

/// What is wrong with a date rule, if anything.
fn check(when: When) -> std::result::Result<(), &'static str> {
    let month_ok = |m: u32| (1..=12).contains(&m);
    match when {
        // February 29 is refused: it is not a day of every year.
        When::Fixed { month, day } if NaiveDate::from_ymd_opt(2001, month, day).is_none() => {
            Err("no such month and day in every year")
        }
        When::Nth { month, n, .. } if !month_ok(month) || !(1..=4).contains(&n) => {
            Err("month must be 1-12 and n 1-4 (use kind = \"last\")")
        }
        When::Last { month, .. } if !month_ok(month) => Err("month must be 1-12"),
        When::NthOffset {
            month, n, offset, ..
        } if !month_ok(month) || !(1..=4).contains(&n) || offset.abs() > 31 => {
            Err("month must be 1-12, n 1-4 and the offset within 31 days")
        }
        When::Easter { offset } if offset.abs() > 120 => {
            Err("the offset from Easter must be within 120 days")
        }
        When::Date { date } if !(FIRST_YEAR..=LAST_YEAR).contains(&date.year()) => {
            Err("the date is outside 1971-2100")
        }
        _ => Ok(()),
    }
}

/// The text of a state's file (every state has one).
fn text(state: State) -> &'static str {
    macro_rules! files {
        ($($code:ident),* $(,)?) => {
            match state {
                $(State::$code => include_str!(concat!(
                    "../../../data/states/", stringify!($code), ".toml"
                )),)*
            }
        };
    }
    files!(
        AK, AL, AR, AS, AZ, CA, CO, CT, DC, DE, FL, GA, GU, HI, IA, ID, IL, IN, KS, KY, LA, MA, MD,
        ME, MI, MN, MO, MP, MS, MT, NC, ND, NE, NH, NJ, NM, NV, NY, OH, OK, OR, PA, PR, RI, SC, SD,
        TN, TX, UT, VA, VI, VT, WA, WI, WV, WY
    )
}

type Loaded = std::result::Result<Vec<HolidayRule>, String>;

#[allow(clippy::declare_interior_mutable_const)]
const EMPTY: OnceLock<Loaded> = OnceLock::new();
static LOADED: [OnceLock<Loaded>; State::ALL.len()] = [EMPTY; State::ALL.len()];

/// The state's rules, read and checked once.
pub(super) fn load(state: State) -> Result<&'static [HolidayRule]> {
    let slot = LOADED
        .get(state as usize)
        .ok_or_else(|| Error::invalid(format!("no data slot for state {state}")))?;
    slot.get_or_init(|| parse(state, text(state)))
        .as_deref()
        .map_err(|e| Error::parse(e.clone()))
}

/// Parses and checks one file.
fn parse(state: State, text: &str) -> Loaded {
    let path = format!("data/states/{}.toml", state.code());
    let file: File = toml::from_str(text).map_err(|e| format!("{path}: {e}"))?;
    if file.state != state.code() {
        return Err(format!(
            "{path}: state: \"{}\" is not {}",
            file.state,
            state.code()
        ));
    }
    if file.citation.trim().is_empty() || file.about.trim().is_empty() {
        return Err(format!("{path}: citation and about must not be empty"));
    }
    file.holiday
        .into_iter()
        .map(|e| {
            let at = format!("{path}: holiday \"{}\"", e.name);
            rule(e, &file.citation).map_err(|msg| format!("{at}: {msg}"))
        })
        .collect()
}

/// One entry as a [`HolidayRule`], or what is wrong with it (field first).
fn rule(e: Entry, citation: &str) -> std::result::Result<HolidayRule, String> {
    if e.name.trim().is_empty() {
        return Err("name: empty".into());
    }
    check(e.rule).map_err(|m| format!("rule: {m}"))?;
    let when = e.rule;
    let source = e.citation.unwrap_or_else(|| citation.to_string());
    if source.trim().is_empty() {
        return Err("citation: empty".into());
    }
    let mut r = HolidayRule::new(e.name, when, Scope::State, source).observed(e.observed);
    if let (Some(f), Some(u)) = (e.from, e.until) {
        if u < f {
            return Err(format!("until: {u} is before from {f}"));
        }
    }
    r.from = e.from;
    r.until = e.until;
    match (e.every, e.remainder) {
        (Some(every), remainder) if every >= 1 && remainder.unwrap_or(0) < every => {
            r = r.every_years(every, remainder.unwrap_or(0));
        }
        (None, None) => {}
        (None, Some(_)) => return Err("remainder: needs every".into()),
        (Some(_), _) => return Err("every/remainder: every >= 1 and remainder < every".into()),
    }
    let disputed = e.question.is_some();
    match (e.question, e.reason) {
        (Some(q), Some(reason)) if !reason.trim().is_empty() => {
            question(&q).map_err(|err| format!("question: {err}"))?;
            r = r.unsettled(q, reason);
        }
        (None, None) => {}
        _ => return Err("question and reason: a disputed day needs both".into()),
    }
    if !e.verified && e.note.as_deref().is_none_or(|n| n.trim().is_empty()) && !disputed {
        return Err("note: an unverified day says what is not verified".into());
    }
    if !(FIRST_YEAR - 1..=LAST_YEAR + 1).any(|y| r.observed_in(y).is_some()) {
        return Err("from/until: never in force 1971-2100".into());
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &str = r#"
state = "NY"
citation = "N.Y. Gen. Constr. Law s.24"
about = "test"

[[holiday]]
name = "Flag Day"
rule = { kind = "nth", month = 6, weekday = "Sun", n = 2 }
"#;

    #[test]
    fn a_good_file_loads() {
        let rules = parse(State::NY, OK).unwrap();
        assert_eq!(rules.len(), 1);
        assert_eq!(rules[0].source, "N.Y. Gen. Constr. Law s.24");
    }

    /// Each broken file fails with a message naming the file, the holiday
    /// and the field.
    #[test]
    fn broken_files_name_file_holiday_and_field() {
        let cases = [
            ("n = 2", "n = 5", "rule:"),
            (
                "n = 2 }",
                "n = 2 }\nquestion = \"state-holiday-open-offices\"",
                "question and reason",
            ),
            (
                "n = 2 }",
                "n = 2 }\nquestion = \"no-such-question\"\nreason = \"r\"",
                "question:",
            ),
            (
                "n = 2 }",
                "n = 2 }\nfrom = \"2020-01-01\"\nuntil = \"2019-01-01\"",
                "until:",
            ),
            ("n = 2 }", "n = 2 }\nverified = false", "note:"),
            ("n = 2 }", "n = 2 }\nremainder = 1", "remainder:"),
            (
                "n = 2 }",
                "n = 2 }\nfrom = \"2200-01-01\"",
                "never in force",
            ),
        ];
        for (from, to, field) in cases {
            let err = parse(State::NY, &OK.replace(from, to)).unwrap_err();
            assert!(
                err.starts_with("data/states/NY.toml: holiday \"Flag Day\": "),
                "{err}"
            );
            assert!(err.contains(field), "{field}: {err}");
        }
        let err = parse(State::NY, &OK.replace("n = 2", "n = 2, day = 3")).unwrap_err();
        assert!(
            err.starts_with("data/states/NY.toml") && err.contains("day"),
            "{err}"
        );
        let err = parse(State::NJ, OK).unwrap_err();
        assert!(err.contains("data/states/NJ.toml: state"), "{err}");
        let err = parse(State::NY, &OK.replace("about", "abut")).unwrap_err();
        assert!(err.contains("abut"), "{err}");
    }

    #[test]
    fn every_state_file_loads() {
        for s in State::ALL {
            let rules = parse(s, text(s)).unwrap_or_else(|e| panic!("{e}"));
            assert!(!rules.is_empty(), "{s}");
            assert_eq!(load(s).unwrap(), rules.as_slice());
        }
    }
}
