//! The advisory lock that docket writers take on a file for a whole
//! read-change-write.
//!
//! The lock is on the docket file itself (no sidecar file is created): an
//! exclusive `flock(2)` on a read-write descriptor of the real file (after
//! following a symbolic link). Writes replace the file by renaming a new one
//! over it, so a writer that waited may wake up holding a lock on a file that
//! is no longer at the path; it then checks that the path still names the
//! file it locked and, when not, locks the new one. The wait is bounded: past
//! the timeout the writer gives up with [`ErrorKind::Conflict`].
//!
//! The lock is advisory: it orders docket writers (this library, the CLI, any
//! program using them) and nothing else. An editor that saves the file is not
//! stopped by it; the content check of [`super::DocketFile`] catches an edit
//! made between reading and writing.
//!
//! [`ErrorKind::Conflict`]: crate::ErrorKind::Conflict

use std::fs::{self, File, OpenOptions};
use std::path::Path;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// How long a writer waits for another writer's lock before giving up, unless
/// told otherwise ([`super::DocketFile::lock_timeout`]).
pub const LOCK_TIMEOUT: Duration = Duration::from_secs(10);

/// The longest wait a caller can ask for.
pub const MAX_LOCK_TIMEOUT: Duration = Duration::from_secs(600);

/// How often a waiting writer tries again.
const POLL: Duration = Duration::from_millis(20);

/// An exclusive lock on the file at a path, held until dropped (closing the
/// descriptor releases it).
#[derive(Debug)]
pub(crate) struct Locked {
    pub(crate) file: File,
    pub(crate) meta: fs::Metadata,
}

/// Locks the existing regular file `real` (the path after following links),
/// waiting at most `timeout`. `None` when there is no file at `real` (nothing
/// to lock: a new file is created without replacing anything).
pub(crate) fn lock_file(real: &Path, shown: &str, timeout: Duration) -> Result<Option<Locked>> {
    let timeout = timeout.min(MAX_LOCK_TIMEOUT);
    let deadline = Instant::now() + timeout;
    loop {
        let file = match OpenOptions::new().read(true).write(true).open(real) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                return Err(Error::io(format!(
                    "{shown}: this user may not write the file; not written"
                )))
            }
            Err(e) => return Err(Error::io(format!("{shown}: cannot open to lock: {e}"))),
        };
        match file.try_lock() {
            Ok(()) => {
                let meta = file
                    .metadata()
                    .map_err(|e| Error::io(format!("{shown}: cannot read: {e}")))?;
                if still_at(real, &meta) {
                    return Ok(Some(Locked { file, meta }));
                }
                // Replaced while we waited: lock the file now at the path.
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                let now = Instant::now();
                if now >= deadline {
                    return Err(Error::conflict(format!(
                        "{shown}: another writer held the file's lock for {} s (the wait limit); not written: try again",
                        timeout.as_secs_f64()
                    )));
                }
                std::thread::sleep(POLL.min(deadline - now));
                continue;
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(Error::io(format!(
                    "{shown}: cannot lock the file ({e}); not written"
                )))
            }
        }
        if Instant::now() >= deadline {
            return Err(Error::conflict(format!(
                "{shown}: the file kept being replaced by other writers for {} s; not written: try again",
                timeout.as_secs_f64()
            )));
        }
    }
}

/// True when `path` still names the file whose metadata is `locked`.
#[cfg(unix)]
fn still_at(path: &Path, locked: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(path).is_ok_and(|now| now.dev() == locked.dev() && now.ino() == locked.ino())
}

/// Without inode numbers, trust the path (no rename can happen over a
/// file that another process holds open on these systems).
#[cfg(not(unix))]
fn still_at(path: &Path, _locked: &fs::Metadata) -> bool {
    path.is_file()
}
