//! Appending a change to a docket file's `changes` log: a read-change-write
//! under the file's lock that never loses another writer's change.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::atomic::{lock_target, replace, Target};
use super::lock::LOCK_TIMEOUT;
use super::Format;
use crate::docket::model::{Change, Docket};
use crate::error::{Error, Result};

/// A docket file as it was read: its path, its exact text and the docket
/// parsed from it. Writing through it ([`DocketFile::append_change`]) checks,
/// under the file's lock, that the file is still the text that was read, so
/// that nothing computed on one version is written over another.
///
/// # Examples
/// ```
/// use docket::docket::{Change, DocketFile};
/// # fn main() -> docket::Result<()> {
/// # let io = |e: std::io::Error| docket::Error::new(docket::ErrorKind::Io, e.to_string());
/// # let dir = std::env::temp_dir().join(format!("docket-docfile-{}", std::process::id()));
/// # std::fs::create_dir_all(&dir).map_err(io)?;
/// let text = "[case]\nid = \"demo\"\ncourt = \"nysb\"\n\n[events.hearing]\ntitle = \"Hearing\"\nat = \"2025-03-03T10:00\"\n";
/// let path = dir.join("case.toml");
/// # std::fs::write(&path, text).map_err(io)?;
/// let on = "2025-02-01".parse().map_err(|_| docket::Error::new(docket::ErrorKind::Parse, "date"))?;
/// let to = "2025-03-10T10:00".parse()?;
///
/// let mut file = DocketFile::open(&path)?;
/// file.append_change(&Change::move_event(on, "Order", "hearing", to))?;
/// assert_eq!(file.docket().changes.len(), 1);
///
/// // Two writers read the same version: the second is refused, not lost.
/// let mut first = DocketFile::open(&path)?;
/// let mut second = DocketFile::open(&path)?;
/// first.append_change(&Change::move_event(on, "Letter", "hearing", to))?;
/// let refused = second.append_change(&Change::move_event(on, "Motion", "hearing", to));
/// assert_eq!(refused.map_err(|e| e.kind()), Err(docket::ErrorKind::Conflict));
/// assert_eq!(DocketFile::open(&path)?.docket().changes.len(), 2);
/// # let _ = std::fs::remove_dir_all(&dir);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct DocketFile {
    path: PathBuf,
    format: Format,
    text: String,
    docket: Docket,
    lock_timeout: Duration,
}

impl DocketFile {
    /// Reads a docket file (`.toml` or `.json`) and validates it, as
    /// [`Docket::load`], remembering the text read.
    ///
    /// # Errors
    /// As [`Docket::load`]: every message starts with the file's path.
    pub fn open(path: impl AsRef<Path>) -> Result<DocketFile> {
        let path = path.as_ref();
        let format = Format::of(path)?;
        let ctx = path.display().to_string();
        let text = crate::docket::read_docket_text(path)?;
        let docket = Docket::from_file_text(format, &text, &ctx, path)?;
        Ok(DocketFile {
            path: path.to_path_buf(),
            format,
            text,
            docket,
            lock_timeout: LOCK_TIMEOUT,
        })
    }

    /// The path as given to [`DocketFile::open`].
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The docket as read (or as last written through this value).
    pub fn docket(&self) -> &Docket {
        &self.docket
    }

    /// The file's text as read (or as last written through this value).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// How long a write waits for another writer's lock before giving up
    /// (default [`LOCK_TIMEOUT`], at most [`MAX_LOCK_TIMEOUT`]).
    ///
    /// [`MAX_LOCK_TIMEOUT`]: super::MAX_LOCK_TIMEOUT
    pub fn lock_timeout(mut self, wait: Duration) -> DocketFile {
        self.lock_timeout = wait;
        self
    }

    /// Appends `change` to the file's `changes` log, keeping the rest of the
    /// text (TOML comments and layout; JSON is rewritten in its pretty form),
    /// after checking that the result is a valid docket; then this value
    /// holds the new text and docket.
    ///
    /// The file is locked for the check and the write (see
    /// [`write_atomic_with`](super::write_atomic_with) for how it is
    /// written), and the write is refused when the file is no longer the
    /// text that was read: another writer, or an editor, changed it.
    ///
    /// # Errors
    /// [`ErrorKind::Conflict`](crate::ErrorKind::Conflict): the file changed
    /// since it was read or was removed, or another writer held its lock past
    /// the wait limit; the change is invalid for the docket; any error of
    /// [`write_atomic_with`](super::write_atomic_with). Nothing is written
    /// then.
    pub fn append_change(&mut self, change: &Change) -> Result<()> {
        let target = Target::resolve(&self.path)?;
        let ctx = target.shown.clone();
        let (text, docket) = appended(self.format, &self.text, change, &ctx, &self.path)?;
        let Some(locked) = lock_target(&target, self.lock_timeout)? else {
            return Err(Error::conflict(format!(
                "{ctx}: the file was removed since it was read; not written"
            )));
        };
        let limit = u64::try_from(self.text.len()).map_or(u64::MAX, |n| n.saturating_add(1));
        let now = read_locked(&locked.file, limit, &ctx)?;
        if now != self.text.as_bytes() {
            return Err(Error::conflict(format!(
                "{ctx}: the file changed since it was read (another writer or an editor saved it); not written: read it again and redo the change"
            )));
        }
        replace(&target, Some(&locked.meta), |f| {
            f.write_all(text.as_bytes())
        })?;
        drop(locked);
        self.text = text;
        self.docket = docket;
        Ok(())
    }
}

/// Appends `change` to the docket file at `path` in one read-change-write
/// under the file's lock: whatever other docket writers do at the same time,
/// each change is either in the file afterwards or its writer got an error.
/// Returns the docket as written.
///
/// To write a change computed from a docket read earlier (a what-if), use
/// [`DocketFile`], which also refuses when the file changed in between.
///
/// # Errors
/// The file cannot be read, parsed or locked within [`LOCK_TIMEOUT`]; the
/// change is invalid for it; any error of
/// [`write_atomic_with`](super::write_atomic_with). Nothing is written then.
pub fn append_change(path: impl AsRef<Path>, change: &Change) -> Result<Docket> {
    let path = path.as_ref();
    let format = Format::of(path)?;
    let target = Target::resolve(path)?;
    let ctx = target.shown.clone();
    let Some(locked) = lock_target(&target, LOCK_TIMEOUT)? else {
        return Err(Error::io(format!("{ctx}: cannot read: no such file")));
    };
    let bytes = read_locked(&locked.file, u64::MAX, &ctx)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::parse(format!("{ctx}: the file is not UTF-8 text")))?;
    Docket::from_file_text(format, &text, &ctx, path)?;
    let (text, docket) = appended(format, &text, change, &ctx, path)?;
    replace(&target, Some(&locked.meta), |f| {
        f.write_all(text.as_bytes())
    })?;
    Ok(docket)
}

/// Reads at most `limit` bytes of the locked file.
fn read_locked(mut file: &fs::File, limit: u64, ctx: &str) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    Read::by_ref(&mut file)
        .take(limit)
        .read_to_end(&mut buf)
        .map_err(|e| Error::io(format!("{ctx}: cannot read: {e}")))?;
    Ok(buf)
}

/// The file's text with `change` appended to its `changes` log, and the
/// docket it reads back as (refused unless valid).
fn appended(
    format: Format,
    text: &str,
    change: &Change,
    ctx: &str,
    path: &Path,
) -> Result<(String, Docket)> {
    let invalid = |m: String| Error::invalid(format!("{ctx}: {m}"));
    let new_text = match format {
        Format::Toml => {
            let mut doc: toml_edit::DocumentMut =
                text.parse().map_err(|e| invalid(format!("{e}")))?;
            let one = toml::to_string(change).map_err(|e| invalid(e.to_string()))?;
            let value: toml_edit::DocumentMut = one.parse().map_err(|e| invalid(format!("{e}")))?;
            let table = value.as_table().clone();
            let item = doc
                .entry("changes")
                .or_insert(toml_edit::Item::ArrayOfTables(
                    toml_edit::ArrayOfTables::new(),
                ));
            let Some(arr) = item.as_array_of_tables_mut() else {
                return Err(invalid(
                    "`changes` is not an array of tables ([[changes]])".into(),
                ));
            };
            arr.push(table);
            doc.to_string()
        }
        Format::Json => {
            let mut v: serde_json::Value =
                serde_json::from_str(text).map_err(|e| invalid(e.to_string()))?;
            let c = serde_json::to_value(change).map_err(|e| invalid(e.to_string()))?;
            let Some(obj) = v.as_object_mut() else {
                return Err(invalid("not a JSON object".into()));
            };
            let list = obj
                .entry("changes")
                .or_insert_with(|| serde_json::Value::Array(Vec::new()));
            let Some(list) = list.as_array_mut() else {
                return Err(invalid("`changes` is not a list".into()));
            };
            list.push(c);
            let mut s = serde_json::to_string_pretty(&v).map_err(|e| invalid(e.to_string()))?;
            s.push('\n');
            s
        }
    };
    // Refuse to write anything that does not read back as a valid docket.
    let docket = Docket::from_file_text(format, &new_text, ctx, path)?;
    Ok((new_text, docket))
}
