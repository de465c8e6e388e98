//! Atomic writes: the temporary file is created safely (exclusively, with an
//! unpredictable name, the target's mode from its first byte and its owner),
//! links and read-only files are handled as documented, and no temporary
//! file is left after an error.

#![cfg(unix)]

use std::fs;
use std::io::Write;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use docket::docket::{append_change, write_atomic, write_atomic_with, Change};

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("docket-writes-{tag}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn temp_files(dir: &Path) -> Vec<String> {
    names(dir)
        .into_iter()
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

fn mode(p: &Path) -> u32 {
    fs::symlink_metadata(p).unwrap().permissions().mode() & 0o7777
}

#[test]
fn keeps_permissions_follows_links_refuses_read_only() {
    let dir = temp_dir("basics");
    let f = dir.join("case.toml");
    fs::write(&f, "old").unwrap();
    fs::set_permissions(&f, fs::Permissions::from_mode(0o600)).unwrap();
    write_atomic(&f, b"new").unwrap();
    assert_eq!(fs::read_to_string(&f).unwrap(), "new");
    assert_eq!(mode(&f), 0o600);
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
    assert!(e.starts_with(&f.display().to_string()), "{e}");
    assert_eq!(fs::read_to_string(&f).unwrap(), "via link");
    // A folder is not a file.
    let e = write_atomic(&dir, b"x").unwrap_err().to_string();
    assert!(e.contains("not a regular file"), "{e}");
    // A new file: created with the usual mode (the umask applies).
    let new = dir.join("new.ics");
    write_atomic(&new, b"fresh").unwrap();
    assert_eq!(fs::read_to_string(&new).unwrap(), "fresh");
    assert_eq!(mode(&new) & 0o600, 0o600);
    assert_eq!(temp_files(&dir), Vec::<String>::new());
    fs::set_permissions(&f, fs::Permissions::from_mode(0o644)).unwrap();
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_new_file_has_the_target_mode_before_its_first_byte() {
    let dir = temp_dir("mode");
    // Private (the leak: 0644 until the end), and one the umask would narrow.
    for want in [0o600, 0o660, 0o606] {
        let f = dir.join("case.toml");
        fs::write(&f, "old").unwrap();
        fs::set_permissions(&f, fs::Permissions::from_mode(want)).unwrap();
        let before = names(&dir);
        let mut seen = None;
        write_atomic_with(&f, |tmp| {
            // Nothing written yet: the mode is already the target's.
            let m = tmp.metadata()?;
            assert_eq!(m.len(), 0);
            assert_eq!(m.permissions().mode() & 0o7777, want);
            assert_eq!(m.nlink(), 1);
            // The one new name in the folder: a regular file, that mode.
            let new: Vec<String> = names(&dir)
                .into_iter()
                .filter(|n| !before.contains(n))
                .collect();
            assert_eq!(new.len(), 1, "{new:?}");
            let p = dir.join(&new[0]);
            assert!(fs::symlink_metadata(&p).unwrap().file_type().is_file());
            assert_eq!(mode(&p), want);
            seen = Some(new[0].clone());
            tmp.write_all(b"new")
        })
        .unwrap();
        assert_eq!(fs::read_to_string(&f).unwrap(), "new");
        assert_eq!(mode(&f), want);
        // The name is not the old predictable one, and varies.
        let name = seen.unwrap();
        assert!(
            name.starts_with(".case.toml.") && name.ends_with(".tmp"),
            "{name}"
        );
        assert_ne!(name, format!(".case.toml.{}.tmp", std::process::id()));
        let random = &name[".case.toml.".len()..name.len() - ".tmp".len()];
        assert!(random.len() >= 12, "{name}");
        assert_eq!(temp_files(&dir), Vec::<String>::new());
    }
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_link_planted_at_the_old_temp_name_is_not_followed() {
    let dir = temp_dir("planted");
    let victim = dir.join("victim.txt");
    fs::write(&victim, "precious").unwrap();
    let f = dir.join("case.toml");
    fs::write(&f, "old").unwrap();
    let planted = dir.join(format!(".case.toml.{}.tmp", std::process::id()));
    std::os::unix::fs::symlink(&victim, &planted).unwrap();
    write_atomic(&f, b"new").unwrap();
    assert_eq!(fs::read_to_string(&f).unwrap(), "new");
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    assert_eq!(fs::read_link(&planted).unwrap(), victim);
    assert!(fs::symlink_metadata(&f).unwrap().file_type().is_file());
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn no_temporary_file_is_left_after_an_error() {
    let dir = temp_dir("errors");
    let f = dir.join("case.toml");
    fs::write(&f, "old").unwrap();
    // The contents fail half-way.
    let e = write_atomic_with(&f, |tmp| {
        tmp.write_all(b"half")?;
        Err(std::io::Error::other("disk on fire"))
    })
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("disk on fire") && e.contains("not written"),
        "{e}"
    );
    assert_eq!(fs::read_to_string(&f).unwrap(), "old");
    assert_eq!(names(&dir), ["case.toml"]);
    // A change that is not valid for the file: refused before any write.
    let docket = dir.join("lexington.toml");
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data/lexington.toml"),
        &docket,
    )
    .unwrap();
    let original = fs::read_to_string(&docket).unwrap();
    let on = "2009-04-20".parse().unwrap();
    let bad = Change::extend(on, "Order", "no-such-duty", None, on);
    let e = append_change(&docket, &bad).unwrap_err().to_string();
    assert!(e.contains("no-such-duty"), "{e}");
    assert_eq!(fs::read_to_string(&docket).unwrap(), original);
    // A missing file is not created by appending to it.
    let e = append_change(dir.join("missing.toml"), &bad)
        .unwrap_err()
        .to_string();
    assert!(e.contains("missing.toml"), "{e}");
    assert_eq!(temp_files(&dir), Vec::<String>::new());
    assert_eq!(names(&dir), ["case.toml", "lexington.toml"]);
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_file_with_other_hard_links_is_refused() {
    let dir = temp_dir("hardlink");
    let f = dir.join("case.toml");
    fs::write(&f, "old").unwrap();
    let other = dir.join("other-name.toml");
    fs::hard_link(&f, &other).unwrap();
    let e = write_atomic(&f, b"new").unwrap_err().to_string();
    assert!(
        e.contains("hard links") && e.starts_with(&f.display().to_string()),
        "{e}"
    );
    assert_eq!(fs::read_to_string(&f).unwrap(), "old");
    assert_eq!(fs::read_to_string(&other).unwrap(), "old");
    assert_eq!(
        fs::metadata(&f).unwrap().ino(),
        fs::metadata(&other).unwrap().ino()
    );
    assert_eq!(temp_files(&dir), Vec::<String>::new());
    // With the other name gone, the write goes through.
    fs::remove_file(&other).unwrap();
    write_atomic(&f, b"new").unwrap();
    assert_eq!(fs::read_to_string(&f).unwrap(), "new");
    fs::remove_dir_all(&dir).unwrap();
}

/// The user running the tests (the owner of a file it creates).
fn whoami(dir: &Path) -> (u32, u32) {
    let probe = dir.join("probe");
    fs::write(&probe, "").unwrap();
    let m = fs::metadata(&probe).unwrap();
    fs::remove_file(&probe).unwrap();
    (m.uid(), m.gid())
}

#[test]
fn the_owner_is_kept() {
    let dir = temp_dir("owner");
    let f = dir.join("case.toml");
    fs::write(&f, "old").unwrap();
    fs::set_permissions(&f, fs::Permissions::from_mode(0o640)).unwrap();
    let me = whoami(&dir);
    // As root, give the file to another user: the rewrite keeps that owner.
    let other = (65534, 65534);
    if me.0 == 0 {
        std::os::unix::fs::chown(&f, Some(other.0), Some(other.1)).unwrap();
    }
    let want = if me.0 == 0 { other } else { me };
    write_atomic(&f, b"new").unwrap();
    let m = fs::metadata(&f).unwrap();
    assert_eq!((m.uid(), m.gid()), want);
    assert_eq!(m.permissions().mode() & 0o7777, 0o640);
    assert_eq!(fs::read_to_string(&f).unwrap(), "new");
    fs::remove_dir_all(&dir).unwrap();
}

/// Another user who may write the file but not give a new one its owner is
/// refused (run through the CLI as that user, when the tests run as root).
#[cfg(feature = "cli")]
#[test]
fn an_owner_that_cannot_be_kept_is_refused() {
    use std::process::Command;
    let dir = temp_dir("foreign");
    let as_nobody = || {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(env!("CARGO_BIN_EXE_docket"));
        c
    };
    // Root, setpriv, and a binary the other user may run (not under a
    // private home folder).
    let usable = whoami(&dir).0 == 0
        && as_nobody()
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
    if !usable {
        eprintln!("skipped: needs root, setpriv and a binary another user can run");
        fs::remove_dir_all(&dir).unwrap();
        return;
    }
    // A shared folder and a shared, world-writable docket owned by root.
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o777)).unwrap();
    let f = dir.join("case.toml");
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data/lexington.toml"),
        &f,
    )
    .unwrap();
    fs::set_permissions(&f, fs::Permissions::from_mode(0o666)).unwrap();
    let original = fs::read_to_string(&f).unwrap();
    let o = as_nobody()
        .arg("reschedule")
        .arg(&f)
        .args(["--extend", "bullet-summary", "--to", "2009-04-24"])
        .args(["--on", "2009-04-20", "--by", "Order", "--write"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains(&f.display().to_string()), "{err}");
    assert!(err.contains("belongs to user 0"), "{err}");
    assert_eq!(fs::read_to_string(&f).unwrap(), original);
    assert_eq!(fs::metadata(&f).unwrap().uid(), 0);
    assert_eq!(temp_files(&dir), Vec::<String>::new());
    fs::remove_dir_all(&dir).unwrap();
}
