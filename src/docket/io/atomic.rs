//! Writing a file atomically: a new file beside it, renamed over it, under
//! the file's lock.

use std::ffi::OsString;
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use std::time::Duration;

use super::lock::{lock_file, Locked, LOCK_TIMEOUT};
use crate::error::{Error, Result};

/// Writes `contents` to `path` atomically: a new file in the same folder,
/// flushed to disk, then renamed over the target, and the folder flushed. A
/// reader sees the old file or the new one, never half of either.
///
/// What [`write_atomic_with`] does, with the contents at hand.
///
/// # Errors
/// As [`write_atomic_with`].
///
/// # Examples
/// ```
/// # fn main() -> docket::Result<()> {
/// let dir = std::env::temp_dir().join(format!("docket-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).map_err(|e| docket::Error::new(docket::ErrorKind::Io, e.to_string()))?;
/// let path = dir.join("feed.ics");
/// docket::docket::write_atomic(&path, b"BEGIN:VCALENDAR\r\n")?;
/// docket::docket::write_atomic(&path, b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")?;
/// assert!(std::fs::read_to_string(&path).map_or(false, |t| t.ends_with("END:VCALENDAR\r\n")));
/// # let _ = std::fs::remove_dir_all(&dir);
/// # Ok(())
/// # }
/// ```
pub fn write_atomic(path: impl AsRef<Path>, contents: &[u8]) -> Result<()> {
    write_atomic_with(path, |f| f.write_all(contents))
}

/// Writes a file atomically, its contents produced by `write` into the new
/// file (so a large file need not be held in memory).
///
/// - **Lock**: an existing target is locked as a docket writer locks it for
///   a read-change-write (an advisory lock on the file itself, waited for
///   at most [`LOCK_TIMEOUT`]), so this write never lands in the middle of
///   one.
/// - **The new file** is created in the target's folder, exclusively
///   (`O_EXCL`: a file or link already at its name is never opened or
///   followed), with an unpredictable name (`.NAME.XXXXXXXXXXXX.tmp`), and
///   with the target's permissions before its first byte (at no moment wider
///   than the target's). It is removed on every error.
/// - **Owner**: the new file gets the target's owner and group; when this
///   user cannot give it them (`fchown` refused), nothing is written.
/// - **Hard links**: a target with more than one name is refused, since the
///   rename would replace only this name and leave the others with the old
///   content.
/// - **Links**: a symbolic link is written through (its target is replaced,
///   the link stays).
/// - A read-only target, or one that is not a regular file, is refused.
/// - A new file (no target yet) is created with the usual permissions (the
///   umask applies), and a file that appears at the path meanwhile is not
///   replaced (the write is refused).
///
/// # Errors
/// [`ErrorKind::Io`](crate::ErrorKind::Io): the folder is not writable, the
/// target is read-only, not a regular file, has other hard links or an
/// owner this user cannot give, the disk is full, `write` failed;
/// [`ErrorKind::Conflict`](crate::ErrorKind::Conflict): another writer held
/// the lock past the wait limit. The target is then untouched and no
/// temporary file is left.
pub fn write_atomic_with<F>(path: impl AsRef<Path>, write: F) -> Result<()>
where
    F: FnOnce(&mut File) -> std::io::Result<()>,
{
    let target = Target::resolve(path.as_ref())?;
    let locked = lock_target(&target, LOCK_TIMEOUT)?;
    replace(&target, locked.as_ref().map(|l| &l.meta), write)
}

/// Locks an existing target, refusing first what would not be replaced
/// (so the message says why, rather than that it could not be opened).
/// `None`: there is no target yet.
pub(crate) fn lock_target(target: &Target, timeout: Duration) -> Result<Option<Locked>> {
    if let Ok(m) = fs::metadata(&target.real) {
        check_existing(&target.shown, &m)?;
    }
    lock_file(&target.real, &target.shown, timeout)
}

/// Where a write lands.
#[derive(Debug)]
pub(crate) struct Target {
    /// The path as the caller gave it (for messages).
    pub(crate) shown: String,
    /// The file written: the path with a symbolic link followed.
    pub(crate) real: PathBuf,
    dir: PathBuf,
    name: OsString,
}

impl Target {
    pub(crate) fn resolve(given: &Path) -> Result<Target> {
        let shown = given.display().to_string();
        // Follow a symbolic link to the file it names.
        let real = match fs::symlink_metadata(given) {
            Ok(m) if m.file_type().is_symlink() => fs::canonicalize(given)
                .map_err(|e| Error::io(format!("{shown}: cannot follow the link: {e}")))?,
            _ => given.to_path_buf(),
        };
        let dir = match real.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = real
            .file_name()
            .ok_or_else(|| Error::invalid(format!("{shown}: not a file path")))?
            .to_os_string();
        Ok(Target {
            shown,
            real,
            dir,
            name,
        })
    }
}

/// Refuses what is not replaced: anything but a regular writable file with
/// one name.
pub(crate) fn check_existing(shown: &str, m: &fs::Metadata) -> Result<()> {
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
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if m.nlink() > 1 {
            return Err(Error::io(format!(
                "{shown}: the file has {} names (hard links), and replacing it would leave the others with the old content; not written: write a copy, or remove the other links",
                m.nlink()
            )));
        }
    }
    Ok(())
}

/// Writes a new file beside the target and renames it over the target.
/// `existing` is the target's metadata, read under its lock (`None`: there
/// is no target yet). The caller holds the lock.
pub(crate) fn replace<F>(target: &Target, existing: Option<&fs::Metadata>, write: F) -> Result<()>
where
    F: FnOnce(&mut File) -> std::io::Result<()>,
{
    let shown = &target.shown;
    if let Some(m) = existing {
        check_existing(shown, m)?;
    }
    let mut prefix = OsString::from(".");
    prefix.push(&target.name);
    prefix.push(".");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp").rand_bytes(12);
    if let Some(perms) = first_permissions(existing) {
        builder.permissions(perms);
    }
    // Removed when dropped: on every error below.
    let mut tmp = builder.tempfile_in(&target.dir).map_err(|e| {
        Error::io(format!(
            "{shown}: cannot create a new file in {}: {e}; not written",
            target.dir.display()
        ))
    })?;
    if let Some(m) = existing {
        keep_owner(tmp.as_file(), m, shown)?;
        // Exactly the target's mode (the umask may have narrowed it), still
        // before the first byte.
        tmp.as_file()
            .set_permissions(m.permissions())
            .map_err(|e| Error::io(format!("{shown}: cannot set the permissions: {e}")))?;
    }
    write(tmp.as_file_mut())
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| Error::io(format!("{shown}: cannot write: {e}; not written")))?;
    match existing {
        Some(_) => tmp.persist(&target.real).map(drop).map_err(|e| {
            Error::io(format!("{shown}: cannot replace the file: {}", e.error))
        })?,
        None => tmp.persist_noclobber(&target.real).map(drop).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                Error::conflict(format!(
                    "{shown}: another program created the file while it was being written; not written: try again"
                ))
            } else {
                Error::io(format!("{shown}: cannot create the file: {}", e.error))
            }
        })?,
    }
    sync_dir(&target.dir).map_err(|e| {
        Error::io(format!(
            "{shown}: written, but the folder {} could not be flushed to disk ({e}): a crash now could undo the write",
            target.dir.display()
        ))
    })
}

/// The permissions the new file is created with: the target's, or (for a
/// new file) what `File::create` gives.
#[cfg(unix)]
fn first_permissions(existing: Option<&fs::Metadata>) -> Option<fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(match existing {
        Some(m) => m.permissions(),
        None => fs::Permissions::from_mode(0o666),
    })
}

#[cfg(not(unix))]
fn first_permissions(_existing: Option<&fs::Metadata>) -> Option<fs::Permissions> {
    None
}

/// Gives the new file the target's owner and group, or refuses.
#[cfg(unix)]
fn keep_owner(tmp: &File, target: &fs::Metadata, shown: &str) -> Result<()> {
    use std::os::unix::fs::MetadataExt;
    let now = tmp
        .metadata()
        .map_err(|e| Error::io(format!("{shown}: cannot read the new file: {e}")))?;
    let uid = (now.uid() != target.uid()).then_some(target.uid());
    let gid = (now.gid() != target.gid()).then_some(target.gid());
    if uid.is_none() && gid.is_none() {
        return Ok(());
    }
    std::os::unix::fs::fchown(tmp, uid, gid).map_err(|e| {
        Error::io(format!(
            "{shown}: the file belongs to user {} and group {}, which this user cannot give the rewritten file ({e}); not written: write it as its owner",
            target.uid(),
            target.gid()
        ))
    })
}

#[cfg(not(unix))]
fn keep_owner(_tmp: &File, _target: &fs::Metadata, _shown: &str) -> Result<()> {
    Ok(())
}

/// Flushes a folder's entries (the rename) to disk. File systems that cannot
/// flush a folder say so, and there is nothing more to do.
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        match File::open(dir).and_then(|d| d.sync_all()) {
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::InvalidInput | std::io::ErrorKind::Unsupported
                ) =>
            {
                Ok(())
            }
            other => other,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}
