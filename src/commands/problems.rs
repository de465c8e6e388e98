//! Errors as structured problems: `{"file", "item", "field", "message"}`.

use serde::Serialize;

use crate::Error;

/// One problem of an [`Error`], located: the file (or `<stdin>`), the item
/// (an event, obligation or party id, `case`, `calendar`, or `change N` for
/// the N-th change of the log) and the field (`due.after`, or the option
/// `--days` / `days`) when the message names them, and the whole message as
/// the command line prints it.
///
/// ```
/// use docket::commands::Problem;
/// use docket::{Error, ErrorKind};
///
/// let e = Error::new(
///     ErrorKind::Invalid,
///     "case.toml: obligation \"reply\": due.after names unknown event \"hearng\"",
/// );
/// let p = &Problem::list(&e, &["case.toml"], &[])[0];
/// assert_eq!(p.file.as_deref(), Some("case.toml"));
/// assert_eq!(p.item.as_deref(), Some("reply"));
/// assert_eq!(p.field.as_deref(), Some("due.after"));
/// assert_eq!(p.message, e.to_string());
///
/// let e = Error::new(ErrorKind::Invalid, "--days -3: a period cannot be negative");
/// let p = &Problem::list(&e, &[], &["--days"])[0];
/// assert_eq!((p.item.as_deref(), p.field.as_deref()), (None, Some("--days")));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The file it is in (as named on the command line), if any.
    pub file: Option<String>,
    /// The item it is about, if any.
    pub item: Option<String>,
    /// The field or option it is about, if any.
    pub field: Option<String>,
    /// The whole message.
    pub message: String,
}

/// Words that start a message after an item but are no field.
const NOT_FIELDS: &[&str] = &[
    "a", "an", "the", "is", "needs", "give", "gives", "has", "names", "was", "not",
];

impl Problem {
    /// Every problem of `err`, located: `files` are the names the input was
    /// read under (a message starting with one of them and `": "` is in that
    /// file), `options` the option names the user could have given
    /// (`--days` or `days`: a message starting with one is about it).
    pub fn list(err: &Error, files: &[&str], options: &[&str]) -> Vec<Problem> {
        err.problems()
            .iter()
            .map(|m| Problem::locate(m, files, options))
            .collect()
    }

    fn locate(message: &str, files: &[&str], options: &[&str]) -> Problem {
        let mut p = Problem {
            file: None,
            item: None,
            field: None,
            message: message.replace('\n', " "),
        };
        let mut rest = message;
        // The longest file name that prefixes the message.
        if let Some(f) = files
            .iter()
            .filter(|f| !f.is_empty() && rest.starts_with(&format!("{f}: ")))
            .max_by_key(|f| f.len())
        {
            p.file = Some((*f).to_string());
            rest = &rest[f.len() + 2..];
        }
        // `NAME: unknown option (options: ...)`: about NAME.
        if let Some((name, _)) = rest.split_once(": unknown option (") {
            p.field = Some(name.to_string());
            return p;
        }
        if let Some(o) = options.iter().find(|o| {
            rest.strip_prefix(**o)
                .is_some_and(|after| after.is_empty() || after.starts_with([' ', ':', '=']))
        }) {
            p.field = Some((*o).to_string());
            return p;
        }
        // Items, outermost first (a change that adds an event names both).
        while let Some((item, after)) = item_prefix(rest) {
            p.item = Some(item);
            rest = after;
        }
        if p.item.is_some() {
            p.field = field_prefix(rest);
        }
        p
    }
}

/// `event "id": `, `obligation "id": `, `party "id": `, `case: `,
/// `calendar: `, `change 2 (on 2025-01-01): `: the item and the rest.
fn item_prefix(s: &str) -> Option<(String, &str)> {
    for kind in ["event", "obligation", "party"] {
        if let Some(quoted) = s.strip_prefix(kind).and_then(|r| r.strip_prefix(" \"")) {
            let end = quoted.find('"')?;
            let after = quoted[end + 1..].strip_prefix(": ")?;
            return Some((quoted[..end].to_string(), after));
        }
    }
    for section in ["case", "calendar"] {
        if let Some(after) = s.strip_prefix(section).and_then(|r| r.strip_prefix(": ")) {
            return Some((section.to_string(), after));
        }
    }
    let change = s.strip_prefix("change ")?;
    let digits = change.len()
        - change
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    if digits == 0 {
        return None;
    }
    let after = &change[digits..];
    let after = match after.strip_prefix(" (on ") {
        Some(r) => &r[r.find("): ")? + 1..],
        None => after,
    };
    let after = after.strip_prefix(": ")?;
    Some((format!("change {}", &change[..digits]), after))
}

/// The field a message about an item starts with (`due.after names ...`,
/// `` `by` is empty ``), if it starts with one.
fn field_prefix(s: &str) -> Option<String> {
    let end = s.find([' ', ':', '(']).unwrap_or(s.len());
    let word = s[..end].trim_matches('`');
    let first = word.chars().next()?;
    let ok = first.is_ascii_lowercase()
        && word
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.')
        && !NOT_FIELDS.contains(&word);
    ok.then(|| word.to_string())
}

/// `{"problems": [...]}` (pretty, with a final newline): what `--json`
/// commands print on failure and the HTTP API answers with `400`; `kind`
/// is the error's [`crate::ErrorKind`] in lower case.
///
/// ```
/// use docket::commands::problems_json;
/// use docket::{Error, ErrorKind};
///
/// let e = Error::new(ErrorKind::Invalid, "--court: unknown court \"nysx\"");
/// let v: serde_json::Value = serde_json::from_str(&problems_json(&e, &[], &["--court"]))?;
/// assert_eq!(v["kind"], "invalid");
/// assert_eq!(v["problems"][0]["field"], "--court");
/// assert!(v["problems"][0]["file"].is_null());
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn problems_json(err: &Error, files: &[&str], options: &[&str]) -> String {
    let kind = format!("{:?}", err.kind()).to_lowercase();
    let v = serde_json::json!({
        "kind": kind,
        "problems": Problem::list(err, files, options),
    });
    super::pretty(&v).unwrap_or_else(|_| "{\"problems\": []}\n".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    fn one(m: &str) -> Problem {
        Problem::locate(m, &["a.toml", "dir/a.toml"], &["--to", "--to-x"])
    }

    #[test]
    fn locates_files_items_and_fields() {
        let p = one("dir/a.toml: party \"d\": name is empty");
        assert_eq!(p.file.as_deref(), Some("dir/a.toml"));
        assert_eq!(p.item.as_deref(), Some("d"));
        assert_eq!(p.field.as_deref(), Some("name"));
        let p = one("a.toml: change 2 (on 2025-01-01): event \"x\": `ends` needs a start time");
        assert_eq!(p.item.as_deref(), Some("x"));
        assert_eq!(p.field.as_deref(), Some("ends"));
        let p = one("a.toml: change 3: `by` is empty");
        assert_eq!(p.item.as_deref(), Some("change 3"));
        assert_eq!(p.field.as_deref(), Some("by"));
        let p = one("a.toml: case: court: unknown court \"x\"");
        assert_eq!(
            (p.item.as_deref(), p.field.as_deref()),
            (Some("case"), Some("court"))
        );
        let p = one("a.toml: obligation \"o\": needs `due` or `first_due`");
        assert_eq!((p.item.as_deref(), p.field), (Some("o"), None));
        let p = one("a.toml: line 4, column 1: unknown field `x`");
        assert_eq!(
            (p.file.as_deref(), p.item, p.field),
            (Some("a.toml"), None, None)
        );
        let p = one("--to-x 3: no");
        assert_eq!(p.field.as_deref(), Some("--to-x"));
        let p = one("--to: \"x\" is not a date");
        assert_eq!(p.field.as_deref(), Some("--to"));
        let p = one("b.toml: \"x\" is both an event and an obligation id");
        assert_eq!((p.file, p.item, p.field), (None, None, None));
        let e = Error::new(ErrorKind::Invalid, "x\ny");
        assert_eq!(Problem::list(&e, &[], &[])[0].message, "x y");
    }
}
