//! `docket schedule` over several dockets: one schedule of every case, its
//! items' ids qualified by their case.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::schedule::{party_id, render, schedule_of, Row, ScheduleAnswer, ScheduleQuery};
use super::{invalid, DocketText, Style};
use crate::docket::RunBudget;
use crate::{Error, ErrorKind, Result};

/// The schedules of several dockets, as `docket schedule` prints them for
/// several files or a folder: one list of deadlines and one of events, in
/// date order, each item naming its case. Deadline ids are already
/// `case/obligation/n`; event ids become `case/event` (within one docket
/// they are `event`).
///
/// ```
/// use docket::commands::{schedule_cases, DocketText, ScheduleQuery, Style};
/// use docket::docket::Format;
///
/// let doc = |id: &str| DocketText::new(
///     Some(&format!("{id}.toml")),
///     Format::Toml,
///     format!("[case]\nid = \"{id}\"\ncourt = \"nysd\"\n[events.hearing]\ntitle = \"Hearing\"\ndate = \"2025-03-03\"\n"),
/// );
/// let answer = schedule_cases(&[doc("a"), doc("b")], &ScheduleQuery::default(), Style::Flags)?;
/// let json: serde_json::Value = serde_json::from_str(&answer.json()?).unwrap();
/// assert_eq!(json["cases"], serde_json::json!(["a", "b"]));
/// assert_eq!(json["events"][0]["id"], "a/hearing");
/// assert_eq!(json["events"][1]["id"], "b/hearing");
/// assert_eq!(json["events"][1]["case"], "b");
/// # Ok::<(), docket::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct CasesAnswer {
    answers: Vec<ScheduleAnswer>,
}

/// The schedules of several dockets together (`docket schedule A B ...`).
/// With `party`, the dockets that do not know the party (by id or name) are
/// left out.
///
/// # Errors
/// Every docket that cannot be parsed or fails validation (all their
/// problems, each naming its file); two dockets with the same case id; an
/// option that is not a date; a party no docket knows (the message lists
/// every docket's parties); more occurrences than one run may list.
pub fn schedule_cases(
    inputs: &[DocketText],
    q: &ScheduleQuery,
    style: Style,
) -> Result<CasesAnswer> {
    let mut problems: Vec<Error> = Vec::new();
    let mut dockets = Vec::new();
    for input in inputs {
        match input.parse() {
            Ok(d) => dockets.push((input, d)),
            Err(e) => problems.push(e),
        }
    }
    if !problems.is_empty() {
        return Err(together(problems));
    }
    let mut seen: BTreeMap<&str, &DocketText> = BTreeMap::new();
    for (input, d) in &dockets {
        if let Some(first) = seen.insert(&d.case.id, input) {
            return Err(invalid(format!(
                "{} and {} both use the case id \"{}\"",
                first.name().unwrap_or("a docket"),
                input.name().unwrap_or("another"),
                d.case.id
            )));
        }
    }
    let mut chosen = Vec::new();
    match &q.party {
        None => chosen.extend(dockets.into_iter().map(|(i, d)| (i, d, None))),
        Some(p) => {
            let mut known = std::collections::BTreeSet::new();
            for (input, d) in dockets {
                known.extend(d.parties.keys().cloned());
                if let Ok(id) = party_id(input, &d, p, style) {
                    chosen.push((input, d, Some(id)));
                }
            }
            if chosen.is_empty() {
                let known: Vec<String> = known.into_iter().collect();
                return Err(invalid(format!(
                    "{}: no docket has a party \"{p}\" (parties: {})",
                    style.name("party"),
                    known.join(", ")
                )));
            }
        }
    }
    let mut answers = Vec::new();
    let mut budget = RunBudget::new();
    for (input, d, party) in chosen {
        match schedule_of(input, d, party, q, style) {
            Ok(a) => {
                let name = input.name().unwrap_or("docket");
                budget.spend(name, a.schedule().deadlines.len())?;
                answers.push(a);
            }
            Err(e) => problems.push(e),
        }
    }
    if !problems.is_empty() {
        return Err(together(problems));
    }
    Ok(CasesAnswer { answers })
}

/// One error of several: the first as it is when alone, or every problem.
fn together(mut errors: Vec<Error>) -> Error {
    if errors.len() == 1 {
        return errors.remove(0);
    }
    let problems = errors.iter().flat_map(|e| e.problems().to_vec()).collect();
    Error::many(ErrorKind::Invalid, problems)
}

/// `{"case": case, ...item}`: the item's fields after its case, its `id`
/// qualified by the case when `qualify`.
fn with_case(case: &str, item: Value, qualify: bool) -> Value {
    let mut out = Map::new();
    out.insert("case".into(), case.into());
    if let Value::Object(fields) = item {
        for (k, v) in fields {
            let v = match (k.as_str(), v) {
                ("id", Value::String(id)) if qualify => Value::String(format!("{case}/{id}")),
                (_, v) => v,
            };
            out.insert(k, v);
        }
    }
    Value::Object(out)
}

impl CasesAnswer {
    /// Each docket's answer, in the order given.
    pub fn answers(&self) -> &[ScheduleAnswer] {
        &self.answers
    }

    /// What `docket schedule A B ... --json` prints: `{"cases": [ids],
    /// "deadlines": [...], "events": [...], "truncated": [...], "as_of"}`,
    /// each item with its `case` first; events' ids are `case/event`.
    ///
    /// # Errors
    /// None in practice.
    pub fn json(&self) -> Result<String> {
        let mut deadlines: Vec<(NaiveDate, String, Value)> = Vec::new();
        let mut events: Vec<(NaiveDate, String, Value)> = Vec::new();
        let mut truncated = Vec::new();
        let mut as_of = None;
        for a in &self.answers {
            let s = a.schedule();
            let mut v = a.value()?;
            as_of = as_of.or_else(|| v.get("as_of").cloned());
            let mut take = |key: &str| match v.get_mut(key).map(Value::take) {
                Some(Value::Array(items)) => items,
                _ => Vec::new(),
            };
            for (d, item) in s.deadlines.iter().zip(take("deadlines")) {
                deadlines.push((d.due, d.id.to_string(), with_case(&s.case, item, false)));
            }
            for (e, item) in s.events.iter().zip(take("events")) {
                let id = format!("{}/{}", s.case, e.id);
                events.push((e.date, id, with_case(&s.case, item, true)));
            }
            truncated.extend(
                take("truncated")
                    .into_iter()
                    .map(|t| with_case(&s.case, t, false)),
            );
        }
        let sorted = |mut items: Vec<(NaiveDate, String, Value)>| -> Value {
            items.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
            Value::Array(items.into_iter().map(|(_, _, v)| v).collect())
        };
        let mut out = Map::new();
        let cases: Vec<Value> = self
            .answers
            .iter()
            .map(|a| a.schedule().case.clone().into())
            .collect();
        out.insert("cases".into(), Value::Array(cases));
        out.insert("deadlines".into(), sorted(deadlines));
        out.insert("events".into(), sorted(events));
        if !truncated.is_empty() {
            out.insert("truncated".into(), Value::Array(truncated));
        }
        if let Some(a) = as_of {
            out.insert("as_of".into(), a);
        }
        super::pretty(&Value::Object(out))
    }

    /// What `docket schedule A B ...` prints: one table of every case's
    /// items in date order, events named `event case/id`.
    pub fn table(&self) -> String {
        let mut rows: Vec<Row> = Vec::new();
        let mut truncated = Vec::new();
        let mut cases = Vec::new();
        for a in &self.answers {
            let s = a.schedule();
            cases.push(s.case.clone());
            rows.extend(a.rows(true));
            truncated.extend(
                s.truncated
                    .iter()
                    .map(|t| (format!("{}/{}", s.case, t.obligation), t.horizon)),
            );
        }
        let title = format!("{} cases: {}", cases.len(), cases.join(", "));
        render(&title, rows, truncated, true)
    }
}
