//! Parsing docket files: TOML (quoted or native dates) and JSON.

use std::path::Path;

use super::super::model::Docket;
use super::Format;
use crate::error::{Error, Result};

impl Docket {
    /// Parses a docket from TOML text. Dates may be quoted strings or TOML's
    /// own (unquoted) dates.
    ///
    /// # Errors
    /// Malformed TOML, unknown fields, values of the wrong type.
    pub fn from_toml_str(text: &str) -> Result<Docket> {
        let value: toml::Table = toml::from_str(text).map_err(|e| toml_error(text, &e))?;
        let mut value = toml::Value::Table(value);
        if has_datetime(&value) {
            // Unquoted TOML dates: turn them into the strings the model reads.
            stringify_datetimes(&mut value);
            return value.try_into().map_err(|e: toml::de::Error| {
                change_error(e.message()).unwrap_or_else(|| Error::parse(one_line(&e.to_string())))
            });
        }
        toml::from_str(text)
            .map_err(|e| change_error(e.message()).unwrap_or_else(|| toml_error(text, &e)))
    }

    /// Parses a docket from JSON text.
    ///
    /// # Errors
    /// Malformed JSON, a key given twice in one object, unknown fields,
    /// values of the wrong type.
    pub fn from_json_str(text: &str) -> Result<Docket> {
        if text.trim_start().starts_with('[') {
            return Err(Error::parse(
                "a docket in JSON is one object ({\"case\": ...}), not a list: give each \
                 docket its own file",
            ));
        }
        crate::docket::json::check_unique_keys(text)?;
        serde_json::from_str(text).map_err(|e| {
            let m = e.to_string();
            let at = format!(" at line {} column {}", e.line(), e.column());
            change_error(m.strip_suffix(&at).unwrap_or(&m)).unwrap_or_else(|| Error::parse(m))
        })
    }

    /// Reads a docket file (`.toml` or `.json`) and validates it.
    ///
    /// # Errors
    /// The file cannot be read or parsed, or fails validation; every message
    /// starts with the file's path.
    pub fn load(path: impl AsRef<Path>) -> Result<Docket> {
        let path = path.as_ref();
        let ctx = path.display().to_string();
        let format = Format::of(path)?;
        let text = crate::docket::read_docket_text(path)?;
        Docket::from_file_text(format, &text, &ctx, path)
    }

    /// Parses and validates the text of the docket file at `path`; errors
    /// start with `ctx` (the file's path as shown). Its `[rules] packs` are
    /// found next to the file (validation reads them).
    pub(crate) fn from_file_text(
        format: Format,
        text: &str,
        ctx: &str,
        path: &Path,
    ) -> Result<Docket> {
        let mut docket = match format {
            Format::Toml => Docket::from_toml_str(text),
            Format::Json => Docket::from_json_str(text),
        }
        .map_err(|e| e.context(ctx))?;
        docket.base_dir = path.parent().map(Path::to_path_buf);
        docket.validate().map_err(|e| e.context(ctx))?;
        Ok(docket)
    }

    /// The docket as TOML.
    ///
    /// # Errors
    /// None in practice (every model value has a TOML form).
    pub fn to_toml_string(&self) -> Result<String> {
        toml::to_string(self).map_err(|e| Error::parse(e.to_string()))
    }

    /// The docket as pretty JSON.
    ///
    /// # Errors
    /// None in practice.
    pub fn to_json_string(&self) -> Result<String> {
        serde_json::to_string_pretty(self).map_err(|e| Error::parse(e.to_string()))
    }
}

/// A change of the log that reads but does not make sense (no action, two
/// actions, a field that does not go with its action, a malformed `to`):
/// the message names the change by its place in the log and the field, as
/// validation does (`change 2 (on 2025-01-02): to: ...`), and the error is
/// a validation error.
fn change_error(message: &str) -> Option<Error> {
    let rest = message.trim().strip_prefix("change ")?;
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    (digits > 0 && rest[digits..].starts_with(" (on ")).then(|| Error::invalid(message.trim()))
}

/// "line 4, column 1: unknown field `judgee`, expected ..." (one line).
fn toml_error(text: &str, e: &toml::de::Error) -> Error {
    let message = one_line(e.message())
        .replace("expected u32", "expected a whole number, 0 or more")
        .replace("expected u64", "expected a whole number, 0 or more");
    match e.span() {
        Some(span) => {
            let before = text.get(..span.start).unwrap_or(text);
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            Error::parse(format!("line {line}, column {column}: {message}"))
        }
        None => Error::parse(message),
    }
}

fn one_line(s: &str) -> String {
    s.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && l.trim() != "|")
        .collect::<Vec<_>>()
        .join(" ")
}

fn has_datetime(v: &toml::Value) -> bool {
    match v {
        toml::Value::Datetime(_) => true,
        toml::Value::Array(a) => a.iter().any(has_datetime),
        toml::Value::Table(t) => t.values().any(has_datetime),
        _ => false,
    }
}

fn stringify_datetimes(v: &mut toml::Value) {
    match v {
        toml::Value::Datetime(d) => {
            let mut s = d.to_string();
            // 2009-04-29T10:00:00 -> 2009-04-29T10:00 (the model's form).
            if s.len() == 19 && s.ends_with(":00") && s.as_bytes()[10] == b'T' {
                s.truncate(16);
            }
            *v = toml::Value::String(s);
        }
        toml::Value::Array(a) => a.iter_mut().for_each(stringify_datetimes),
        toml::Value::Table(t) => t.iter_mut().for_each(|(_, v)| stringify_datetimes(v)),
        _ => {}
    }
}
