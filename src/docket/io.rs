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
        let value: toml::Table = toml::from_str(text).map_err(|e| toml_error(text, &e))?;
        let mut value = toml::Value::Table(value);
        if has_datetime(&value) {
            // Unquoted TOML dates: turn them into the strings the model reads.
            stringify_datetimes(&mut value);
            return value
                .try_into()
                .map_err(|e: toml::de::Error| Error::parse(one_line(&e.to_string())));
        }
        toml::from_str(text).map_err(|e| toml_error(text, &e))
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

/// Writes `contents` to `path` atomically: a temporary file in the same
/// folder, flushed to disk, then renamed over the target. A reader sees the
/// old file or the new one, never half of either.
///
/// An existing target keeps its permissions; a symbolic link is written
/// through (its target is replaced, the link stays); a read-only target is
/// refused.
///
/// # Errors
/// The folder is not writable, the target is read-only, the disk is full;
/// the target is then untouched.
pub fn write_atomic(path: impl AsRef<Path>, contents: &[u8]) -> Result<()> {
    let given = path.as_ref();
    let shown = given.display().to_string();
    // Follow a symbolic link to the file it names.
    let path = match fs::symlink_metadata(given) {
        Ok(m) if m.file_type().is_symlink() => fs::canonicalize(given)
            .map_err(|e| Error::io(format!("{shown}: cannot follow the link: {e}")))?,
        _ => given.to_path_buf(),
    };
    let existing = fs::metadata(&path).ok();
    if let Some(m) = &existing {
        if !m.is_file() {
            return Err(Error::io(format!(
                "{shown}: not a regular file; not written"
            )));
        }
        if m.permissions().readonly() {
            return Err(Error::io(format!(
                "{shown}: the file is read-only; not written"
            )));
        }
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| Error::invalid(format!("{shown}: not a file path")))?;
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(contents)?;
        f.sync_all()?;
        if let Some(m) = &existing {
            fs::set_permissions(&tmp, m.permissions())?;
        }
        fs::rename(&tmp, &path)?;
        Ok(())
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(Error::io(format!("{shown}: cannot write: {e}")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn keeps_permissions_follows_links_refuses_read_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::env::temp_dir().join(format!("docket-atomic-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let f = dir.join("case.toml");
        fs::write(&f, "old").unwrap();
        fs::set_permissions(&f, fs::Permissions::from_mode(0o600)).unwrap();
        write_atomic(&f, b"new").unwrap();
        assert_eq!(fs::read_to_string(&f).unwrap(), "new");
        assert_eq!(
            fs::metadata(&f).unwrap().permissions().mode() & 0o777,
            0o600
        );
        // Through a link: the target changes, the link stays a link.
        let link = dir.join("link.toml");
        std::os::unix::fs::symlink(&f, &link).unwrap();
        write_atomic(&link, b"via link").unwrap();
        assert_eq!(fs::read_to_string(&f).unwrap(), "via link");
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        // Read-only: refused, untouched.
        fs::set_permissions(&f, fs::Permissions::from_mode(0o444)).unwrap();
        let e = write_atomic(&f, b"nope").unwrap_err().to_string();
        assert!(e.contains("read-only"), "{e}");
        assert_eq!(fs::read_to_string(&f).unwrap(), "via link");
        // A folder is not a file.
        assert!(write_atomic(&dir, b"x").is_err());
        fs::set_permissions(&f, fs::Permissions::from_mode(0o644)).unwrap();
        fs::remove_dir_all(&dir).unwrap();
    }
}
