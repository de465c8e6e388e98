//! Structured problems: each message of a `docket::Error` split into the
//! file, the item (an event, obligation or party id, `case`, `calendar`,
//! `change N`), the field and the rest of the message, the shape of
//! `docket check --json` (`{"file", "item", "field", "message"}`).
//!
//! The crate's messages are built as `FILE: ITEM: FIELD: message` (each
//! layer adds its prefix with `Error::context`), so the split reads the
//! prefixes back; a part that is not there is `None`, and the message is
//! then the rest of the text, never lost.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

/// One problem, split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub file: Option<String>,
    pub item: Option<String>,
    pub field: Option<String>,
    pub message: String,
}

/// Field names of the docket format (docs/format.md), for messages that
/// start with the field ("title is empty", "`ends` needs a start time").
const FIELDS: &[&str] = &[
    "add_event",
    "add_obligation",
    "at",
    "base",
    "by",
    "cancel",
    "caption",
    "cite",
    "closures",
    "court",
    "cutoff",
    "date",
    "due",
    "ends",
    "event",
    "extend",
    "extra_holidays",
    "file",
    "filed",
    "first_due",
    "id",
    "judge",
    "location",
    "move",
    "name",
    "number",
    "obligation",
    "occurrence",
    "on",
    "parties",
    "reinstate",
    "repeat",
    "rules",
    "settle",
    "state",
    "status",
    "time_zone",
    "title",
    "to",
    "vacate",
];

/// Keyword arguments of the Python functions, named first in the
/// messages about them ("trigger: ...", "rules_as_of: ...").
const ARGUMENTS: &[&str] = &[
    "as_of",
    "authority",
    "change",
    "closures",
    "court",
    "fold",
    "from_",
    "horizon",
    "method",
    "party",
    "rules_as_of",
    "service",
    "settle",
    "stamp",
    "trigger",
];

/// Splits one problem message; `files` are the paths the caller read (a
/// message starting with one of them names that file).
pub(crate) fn split(text: &str, files: &[&str]) -> Problem {
    let mut rest = text;
    let mut file = None;
    for f in files.iter().filter(|f| !f.is_empty()) {
        if let Some(r) = rest.strip_prefix(*f).and_then(|r| r.strip_prefix(": ")) {
            file = Some((*f).to_string());
            rest = r;
            break;
        }
    }
    let (item, after_item) = match item_prefix(rest) {
        Some((item, r)) => (Some(item), r),
        None => (None, rest),
    };
    rest = after_item;
    let mut field = None;
    if let Some((head, r)) = rest.split_once(": ") {
        // A field after an item; a keyword argument or field alone.
        let argument = item.is_none() && ARGUMENTS.contains(&head);
        if argument || is_field_path(head) {
            field = Some(head.to_string());
            rest = r;
        }
    }
    if field.is_none() && item.is_some() {
        field = leading_field(rest);
    }
    Problem {
        file,
        item,
        field,
        message: rest.to_string(),
    }
}

/// `event "ID": `, `obligation "ID": `, `party "ID": `, `change N (on
/// DATE): `, `case: `, `calendar: `: the item and the text after it.
fn item_prefix(text: &str) -> Option<(String, &str)> {
    for kind in ["event \"", "obligation \"", "party \""] {
        if let Some(r) = text.strip_prefix(kind) {
            let (id, r) = r.split_once('"')?;
            let r = r.strip_prefix(": ")?;
            return Some((id.to_string(), r));
        }
    }
    if let Some(r) = text.strip_prefix("change ") {
        let digits = r.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            let (n, r) = r.split_at(digits);
            let r = match r.strip_prefix(" (on ") {
                Some(r) => r.split_once("): ").map(|(_, r)| r)?,
                None => r.strip_prefix(": ")?,
            };
            return Some((format!("change {n}"), r));
        }
    }
    for table in ["case", "calendar"] {
        if let Some(r) = text.strip_prefix(table).and_then(|r| r.strip_prefix(": ")) {
            return Some((table.to_string(), r));
        }
    }
    None
}

/// `due.after`, `repeat.rrule`, `filed[2]`: a field of the format.
fn is_field_path(s: &str) -> bool {
    let root = s.split(['.', '[']).next().unwrap_or("");
    FIELDS.contains(&root)
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_.[]".contains(&b))
}

/// The field a sentence starts with: "title is empty" -> `title`,
/// "`ends` needs a start time" -> `ends`, "due.after names ..." ->
/// `due.after`.
fn leading_field(text: &str) -> Option<String> {
    let word = text.split(' ').next()?;
    let word = word.trim_matches('`');
    (text.contains(' ') && is_field_path(word)).then(|| word.to_string())
}

/// The problems of an error as a list of dicts.
pub(crate) fn to_list<'py>(
    py: Python<'py>,
    messages: &[String],
    files: &[&str],
) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for m in messages {
        let p = split(m, files);
        let d = PyDict::new(py);
        d.set_item("file", p.file)?;
        d.set_item("item", p.item)?;
        d.set_item("field", p.field)?;
        d.set_item("message", p.message)?;
        list.append(d)?;
    }
    Ok(list)
}

/// Splits problem messages as `docket.DocketError.problems` does
/// (`files`: the paths a message may start with).
#[pyfunction]
#[pyo3(signature = (messages, files = Vec::new()))]
pub(crate) fn problems<'py>(
    py: Python<'py>,
    messages: Vec<String>,
    files: Vec<String>,
) -> PyResult<Bound<'py, PyList>> {
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    to_list(py, &messages, &files)
}
