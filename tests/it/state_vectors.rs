//! Per-state computations from `tests/data/state_vectors.toml`: for each
//! state, a period that rolls over (or lands on) one of that state's own
//! holidays, computed through one of its courts.
//!
//! Each vector checks that the state day matters: the federal calendar
//! alone gives another answer (or, for a state whose every holiday is a
//! federal day too, `federal_too`, that the court's calendar names the
//! state's holiday).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use docket::calendar::{state_rules, Calendar, RuleFamily, State};
use docket::compute::{Direction, Due, Period, Request};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    vector: Vec<Vector>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Vector {
    name: String,
    source: String,
    /// The state whose day the vector rolls over.
    state: State,
    /// A built-in court of the state.
    court: String,
    /// The state's holiday (the rule's name in data/states/<XX>.toml).
    holiday: String,
    from: NaiveDate,
    period: String,
    direction: Option<Direction>,
    due: NaiveDate,
    /// Every later reading, as `{ question, date }`.
    #[serde(default)]
    readings: Vec<Reading>,
    /// The state has no day of its own: the holiday is a federal day too,
    /// so the federal calendar alone answers the same; the court's
    /// calendar must still name the state's holiday on the day.
    #[serde(default)]
    federal_too: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Reading {
    question: String,
    date: NaiveDate,
}

/// A result's later readings, as (question, date).
fn readings_of(due: &Due) -> BTreeSet<(String, NaiveDate)> {
    due.readings()
        .iter()
        .map(|r| (r.question.to_string(), r.date))
        .collect()
}

fn vectors() -> Vec<Vector> {
    toml::from_str::<File>(include_str!("../data/state_vectors.toml"))
        .unwrap_or_else(|e| panic!("tests/data/state_vectors.toml: {e}"))
        .vector
}

/// The vector's court's calendar and rule family.
fn calendar_of(v: &Vector) -> (Calendar, RuleFamily) {
    let c = docket::calendar::court(&v.court)
        .unwrap_or_else(|e| panic!("{}: court {}: {e}", v.name, v.court));
    assert_eq!(
        c.state, v.state,
        "{}: court {} is in {}",
        v.name, c.id, c.state
    );
    (c.calendar().unwrap(), c.family)
}

#[test]
fn every_state_vector_rolls_over_its_states_day() {
    let mut failures = Vec::new();
    for v in vectors() {
        assert!(!v.source.is_empty(), "{}", v.name);
        // The holiday is the state's, observed between the trigger and the
        // due date (or on a later reading).
        let rules: Vec<_> = state_rules(v.state)
            .into_iter()
            .filter(|r| r.name == v.holiday)
            .collect();
        assert!(
            !rules.is_empty(),
            "{}: {} has no rule {:?}",
            v.name,
            v.state,
            v.holiday
        );
        let last = v
            .readings
            .iter()
            .map(|r| r.date)
            .max()
            .unwrap_or(v.due)
            .max(v.due);
        let (lo, hi) = if v.from < last {
            (v.from, last)
        } else {
            (last, v.from)
        };
        let on: Vec<NaiveDate> = rules
            .iter()
            .flat_map(|r| (lo.year() - 1..=hi.year() + 1).filter_map(|y| r.observed_in(y)))
            .filter(|d| *d >= lo && *d <= hi)
            .collect();
        assert!(
            !on.is_empty(),
            "{}: {:?} is not observed between {lo} and {hi}",
            v.name,
            v.holiday
        );

        let (cal, family) = calendar_of(&v);
        let period: Period = v.period.parse().unwrap();
        let req = Request::new(v.from, period, v.direction.unwrap_or(Direction::After));
        let due = req.compute(&cal, family).unwrap();
        let got = readings_of(&due);
        let want: BTreeSet<(&str, NaiveDate)> = v
            .readings
            .iter()
            .map(|r| (r.question.as_str(), r.date))
            .collect();
        let got_ref: BTreeSet<(&str, NaiveDate)> =
            got.iter().map(|(q, d)| (q.as_str(), *d)).collect();
        if due.due() != v.due || got_ref != want {
            failures.push(format!(
                "{}: due {} readings {got:?}; expected {} {want:?}",
                v.name,
                due.due(),
                v.due
            ));
        }
        if v.federal_too {
            // The court's calendar names the state's holiday on its day.
            assert!(
                on.iter().any(|d| cal
                    .notes_on(*d)
                    .iter()
                    .any(|n| n.name.starts_with(v.holiday.as_str()))),
                "{}: the court's calendar does not name {:?}",
                v.name,
                v.holiday
            );
        } else {
            // The state day matters: the federal calendar alone answers
            // otherwise.
            let federal = req.compute(&Calendar::federal().unwrap(), family).unwrap();
            assert!(
                federal.due() != due.due() || readings_of(&federal) != got,
                "{}: the federal calendar alone gives the same answer",
                v.name
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every state with holiday data and a federal court has a vector
/// (American Samoa has no federal district court).
#[test]
fn every_state_with_data_has_a_vector() {
    let covered: BTreeSet<State> = vectors().iter().map(|v| v.state).collect();
    let with_court: BTreeSet<State> = docket::calendar::courts()
        .unwrap()
        .iter()
        .map(|c| c.state)
        .collect();
    assert!(!with_court.contains(&State::AS));
    let missing: Vec<State> = State::ALL
        .into_iter()
        .filter(|s| !state_rules(*s).is_empty() && with_court.contains(s) && !covered.contains(s))
        .collect();
    assert!(missing.is_empty(), "states without a vector: {missing:?}");
}
