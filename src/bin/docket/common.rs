//! Helpers shared by the subcommands: reading dockets, the clock, errors.

use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use docket::commands::DocketText;
use docket::docket::{read_docket_text, Format, MAX_FILE_BYTES};
use docket::{Error, ErrorKind};

pub(crate) fn invalid(msg: String) -> Error {
    Error::new(ErrorKind::Invalid, msg)
}

/// The date of a flag (`YYYY-MM-DD`), read exactly.
pub(crate) fn parse_date(flag: &str, s: &str) -> Result<chrono::NaiveDate, Error> {
    docket::docket::parse_date(s)
        .map_err(|_| invalid(format!("{flag}: \"{s}\" is not a date (YYYY-MM-DD)")))
}

/// The date of an optional flag.
pub(crate) fn opt_date(flag: &str, v: &Option<String>) -> Result<Option<chrono::NaiveDate>, Error> {
    v.as_deref().map(|s| parse_date(flag, s)).transpose()
}

/// The name stdin is read under in messages.
pub(crate) const STDIN: &str = "<stdin>";

/// Whether `path` means stdin.
pub(crate) fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Reads stdin as text, at most [`MAX_FILE_BYTES`].
pub(crate) fn read_stdin() -> Result<String, Error> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::new(ErrorKind::Io, format!("{STDIN}: cannot read: {e}")))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Error::new(
            ErrorKind::Range,
            format!(
                "{STDIN}: more than {} MiB, the limit for a docket",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    String::from_utf8(bytes)
        .map_err(|e| Error::new(ErrorKind::Parse, format!("{STDIN}: not UTF-8 text: {e}")))
}

/// A docket file, or stdin for `-`: in `format` when given, else by the
/// file's extension (stdin: JSON when it starts with `{`, else TOML).
pub(crate) fn read_docket(path: &Path, format: Option<Format>) -> Result<DocketText, Error> {
    if is_stdin(path) {
        let text = read_stdin()?;
        let format = format.unwrap_or_else(|| DocketText::sniff(&text));
        return Ok(DocketText::new(Some(STDIN), format, text));
    }
    let format = match format {
        Some(f) => f,
        None => Format::of(path)?,
    };
    let text = read_docket_text(path)?;
    Ok(
        DocketText::new(Some(&path.display().to_string()), format, text)
            // `[rules] packs` are found next to the file.
            .base_dir(path.parent().map(Path::to_path_buf)),
    )
}

/// The docket files (`.toml`, `.json`) of a folder, sorted by name.
///
/// # Errors
/// The folder cannot be read, or has no docket file.
pub(crate) fn folder_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::new(ErrorKind::Io, format!("{}: {e}", dir.display())))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| Format::of(p).is_ok() && p.is_file())
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(invalid(format!(
            "{}: no .toml or .json docket files",
            dir.display()
        )));
    }
    Ok(files)
}

/// The docket arguments with each folder replaced by its docket files
/// ([`folder_files`]).
///
/// # Errors
/// A folder that cannot be read or has no docket file.
pub(crate) fn expand_folders(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    for p in paths {
        if !is_stdin(p) && p.is_dir() {
            out.extend(folder_files(p)?);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// The name a docket argument is read under (for locating problems).
pub(crate) fn shown(path: &Path) -> String {
    if is_stdin(path) {
        STDIN.to_string()
    } else {
        path.display().to_string()
    }
}

/// The variable that sets the clock: an RFC 3339 instant
/// (`2025-03-10T02:30:00Z`) that every command takes as "now".
pub(crate) const NOW_VAR: &str = "DOCKET_NOW";

/// Now: the instant in [`NOW_VAR`] when it is set, else the system clock.
pub(crate) fn now() -> Result<DateTime<Utc>, Error> {
    match std::env::var_os(NOW_VAR) {
        None => Ok(DateTime::<Utc>::from(std::time::SystemTime::now())),
        Some(v) => {
            let s = v.to_string_lossy();
            Ok(DateTime::parse_from_rfc3339(&s)
                .map_err(|_| {
                    invalid(format!(
                        "{NOW_VAR}: \"{s}\" is not an RFC 3339 instant (2025-03-10T02:30:00Z)"
                    ))
                })?
                .with_timezone(&Utc))
        }
    }
}
