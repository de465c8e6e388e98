//! Bounds on the work one input can ask for: the size of a docket file, the
//! occurrences one docket's schedule may list and those one run over many
//! dockets may list. With them no file, however written, takes gigabytes of
//! memory or minutes of work: it is refused with an error naming the file.

use std::fs;
use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};

/// Largest docket file read, in bytes (16 MiB; real dockets are a few KiB).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Most occurrences (one-off deadlines and occurrences of recurring duties)
/// one docket's schedule may list, whatever its horizon. A duty is also
/// capped on its own at [`MAX_OCCURRENCES`](super::MAX_OCCURRENCES).
pub const MAX_DOCKET_OCCURRENCES: u64 = 100_000;

/// Most occurrences one run over several dockets (a folder of feeds, a
/// `check` of many files) may list in all; see [`RunBudget`].
pub const MAX_RUN_OCCURRENCES: u64 = 1_000_000;

/// Reads a docket file as text, refusing one larger than
/// [`MAX_FILE_BYTES`] before reading it whole (and never reading more than
/// that, even from a file that grows), and anything but a regular file (a
/// pipe or a device could block or never end).
///
/// # Errors
/// The file cannot be read, is too large or is not UTF-8; the message starts
/// with the path.
pub fn read_docket_text(path: &Path) -> Result<String> {
    let ctx = path.display();
    // A pipe or a device would block or never end: refuse it unopened.
    let meta = fs::metadata(path).map_err(|e| Error::io(format!("{ctx}: cannot read: {e}")))?;
    if !meta.is_file() {
        return Err(Error::io(format!("{ctx}: not a regular file")));
    }
    let f = fs::File::open(path).map_err(|e| Error::io(format!("{ctx}: cannot read: {e}")))?;
    let too_big = || {
        Error::range(format!(
            "{ctx}: the file is larger than {} MiB, the limit for a docket file",
            MAX_FILE_BYTES / (1024 * 1024)
        ))
    };
    if f.metadata().is_ok_and(|m| m.len() > MAX_FILE_BYTES) {
        return Err(too_big());
    }
    let mut bytes = Vec::new();
    f.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(format!("{ctx}: cannot read: {e}")))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big());
    }
    String::from_utf8(bytes).map_err(|e| Error::parse(format!("{ctx}: not UTF-8 text: {e}")))
}

/// The error for a docket whose schedule lists too many occurrences.
pub(crate) fn docket_over_budget() -> Error {
    Error::range(format!(
        "the schedule lists more than {MAX_DOCKET_OCCURRENCES} occurrences, the limit for one \
         docket: give recurring duties a `count` or `until`, or a nearer horizon"
    ))
}

/// Occurrences listed so far in one run over several dockets, refused past
/// [`MAX_RUN_OCCURRENCES`] (or a smaller limit).
///
/// # Example
/// ```
/// use docket::docket::RunBudget;
/// let mut budget = RunBudget::with_limit(10);
/// budget.spend("a.toml", 6)?;
/// let e = budget.spend("b.toml", 6).unwrap_err();
/// assert!(e.to_string().starts_with("b.toml: "));
/// # Ok::<(), docket::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunBudget {
    spent: u64,
    limit: u64,
}

impl Default for RunBudget {
    fn default() -> Self {
        RunBudget::new()
    }
}

impl RunBudget {
    /// A budget of [`MAX_RUN_OCCURRENCES`].
    pub fn new() -> RunBudget {
        RunBudget::with_limit(MAX_RUN_OCCURRENCES)
    }

    /// A budget of `limit` occurrences (at most [`MAX_RUN_OCCURRENCES`]).
    pub fn with_limit(limit: u64) -> RunBudget {
        RunBudget {
            spent: 0,
            limit: limit.min(MAX_RUN_OCCURRENCES),
        }
    }

    /// Occurrences spent so far.
    pub fn spent(&self) -> u64 {
        self.spent
    }

    /// Spends `occurrences` for the docket read from `file`.
    ///
    /// # Errors
    /// The run would list more than its limit; the message names the file.
    pub fn spend(&mut self, file: impl AsRef<Path>, occurrences: usize) -> Result<()> {
        self.spent = self.spent.saturating_add(occurrences as u64);
        if self.spent > self.limit {
            return Err(Error::range(format!(
                "{}: with this docket the run lists more than {} occurrences, the limit for \
                 one run: check fewer files at once",
                file.as_ref().display(),
                self.limit
            )));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_files_are_refused_by_name() {
        let dir = std::env::temp_dir().join(format!("docket-limits-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let f = dir.join("big.toml");
        fs::write(&f, vec![b' '; (MAX_FILE_BYTES + 1) as usize]).unwrap();
        let e = read_docket_text(&f).unwrap_err();
        assert!(e.is_range());
        assert!(e.to_string().contains("big.toml"), "{e}");
        fs::write(&f, "[case]\n").unwrap();
        assert_eq!(read_docket_text(&f).unwrap(), "[case]\n");
        fs::write(&f, [0xff, 0xfe]).unwrap();
        assert!(read_docket_text(&f)
            .unwrap_err()
            .to_string()
            .contains("UTF-8"));
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn run_budget_counts_across_files() {
        let mut b = RunBudget::with_limit(u64::MAX);
        assert_eq!(b, RunBudget::new());
        b.spend("a", 1).unwrap();
        assert_eq!(b.spent(), 1);
    }
}
