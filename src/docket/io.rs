//! Reading and writing docket files (TOML and JSON, the same structure), and
//! writing any file atomically.

use std::fs;
use std::io::Write;
use std::path::Path;

use super::model::Docket;
use crate::error::{Error, Result};

/// The format of a docket file, chosen by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.toml`
    Toml,
    /// `.json`
    Json,
}

impl Format {
    /// The format for a path's extension.
    ///
    /// # Errors
    /// An extension other than `.toml` or `.json`.
    pub fn of(path: &Path) -> Result<Format> {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("toml") => Ok(Format::Toml),
            Some(e) if e.eq_ignore_ascii_case("json") => Ok(Format::Json),
            _ => Err(Error::invalid(format!(
                "{}: a docket file must end in .toml or .json",
                path.display()
            ))),
        }
    }
}

impl Docket {
    /// Parses a docket from TOML text. Dates may be quoted strings or TOML's
    /// own (unquoted) dates.
    ///
    /// # Errors
    /// Malformed TOML, unknown fields, values of the wrong type.
    pub fn from_toml_str(text: &str) -> Result<Docket> {
        let value: toml::Table =
            toml::from_str(text).map_err(|e| Error::parse(one_line(&e.to_string())))?;
        let mut value = toml::Value::Table(value);
        if has_datetime(&value) {
            // Unquoted TOML dates: turn them into the strings the model reads.
            stringify_datetimes(&mut value);
            return value
                .try_into()
                .map_err(|e: toml::de::Error| Error::parse(one_line(&e.to_string())));
        }
        toml::from_str(text).map_err(|e| Error::parse(one_line(&e.to_string())))
    }

    /// Parses a docket from JSON text.
    ///
    /// # Errors
    /// Malformed JSON, unknown fields, values of the wrong type.
    pub fn from_json_str(text: &str) -> Result<Docket> {
        serde_json::from_str(text).map_err(|e| Error::parse(e.to_string()))
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
        let text = fs::read_to_string(path)
            .map_err(|e| Error::io(format!("cannot read: {e}")).context(&ctx))?;
        let docket = match format {
            Format::Toml => Docket::from_toml_str(&text),
            Format::Json => Docket::from_json_str(&text),
        }
        .map_err(|e| e.context(&ctx))?;
        docket.validate().map_err(|e| e.context(&ctx))?;
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

/// Writes `contents` to `path` atomically: a temporary file in the same
/// folder, flushed to disk, then renamed over the target. A reader sees the
/// old file or the new one, never half of either.
///
/// # Errors
/// The folder is not writable, the disk is full; the target is then
/// untouched.
pub fn write_atomic(path: impl AsRef<Path>, contents: &[u8]) -> Result<()> {
    let path = path.as_ref();
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| Error::invalid(format!("{}: not a file path", path.display())))?;
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(contents)?;
        f.sync_all()?;
        fs::rename(&tmp, path)?;
        Ok(())
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(Error::io(format!("{}: cannot write: {e}", path.display())));
    }
    Ok(())
}
