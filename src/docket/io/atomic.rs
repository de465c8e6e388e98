//! Writing a file atomically: a temporary file beside it, renamed over it.

use std::fs;
use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

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
