//! Writers at the same time on one docket file: every change is either in
//! the file afterwards or its writer was refused with a clear error naming
//! the file; never two successes with one change lost.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use docket::docket::{append_change, write_atomic, Change, Docket, DocketFile};
use docket::ErrorKind;

fn lexington() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data/lexington.toml");
    std::fs::read_to_string(path).unwrap()
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("docket-conc-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A change whose `by` names its writer, so the final file says whose
/// changes it kept.
fn change(by: &str) -> Change {
    Change::extend(
        day("2009-04-20"),
        by,
        "bullet-summary",
        None,
        day("2009-04-24"),
    )
}

/// The writers whose change is in the file.
fn recorded(path: &Path) -> Vec<String> {
    Docket::load(path)
        .unwrap()
        .changes
        .into_iter()
        .map(|c| c.by)
        .collect()
}

fn no_temp_files(dir: &Path) {
    let left: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}

/// A writer's `by` and whether it succeeded (or its error message).
type Outcome = (String, Result<(), String>);

/// Checks one contended file: each writer is either recorded (and
/// succeeded) or refused with a message naming the file (and absent).
fn check_outcomes(path: &Path, outcomes: &[Outcome]) {
    let kept = recorded(path);
    assert_eq!(
        kept.len(),
        outcomes.iter().filter(|(_, r)| r.is_ok()).count(),
        "{kept:?} vs {outcomes:?}"
    );
    assert!(outcomes.iter().any(|(_, r)| r.is_ok()), "{outcomes:?}");
    let shown = path.display().to_string();
    for (by, r) in outcomes {
        match r {
            Ok(()) => assert!(kept.contains(by), "{by} succeeded but was lost: {kept:?}"),
            Err(e) => {
                assert!(!kept.contains(by), "{by} was refused but written: {e}");
                assert!(e.starts_with(&shown), "{e}");
                assert!(
                    e.contains("changed since it was read") || e.contains("lock"),
                    "{e}"
                );
            }
        }
    }
}

#[test]
fn threads_that_read_the_same_version_never_lose_a_change() {
    let dir = temp_dir("threads");
    let text = lexington();
    // 24 files, each raced by 3 writers that read it before any wrote.
    let files: Vec<PathBuf> = (0..24)
        .map(|i| {
            let p = dir.join(format!("case{i}.toml"));
            std::fs::write(&p, &text).unwrap();
            p
        })
        .collect();
    let writers = 3;
    let barrier = Arc::new(Barrier::new(files.len() * writers));
    let mut handles = Vec::new();
    for f in &files {
        for w in 0..writers {
            let (f, barrier) = (f.clone(), Arc::clone(&barrier));
            handles.push(std::thread::spawn(move || {
                let by = format!("Order of writer {w}");
                let mut file = DocketFile::open(&f).unwrap();
                barrier.wait();
                let r = file.append_change(&change(&by)).map_err(|e| {
                    assert_eq!(e.kind(), ErrorKind::Conflict, "{e}");
                    e.to_string()
                });
                (f, by, r)
            }));
        }
    }
    let mut results: Vec<(PathBuf, String, Result<(), String>)> =
        handles.into_iter().map(|h| h.join().unwrap()).collect();
    results.sort_by(|a, b| a.0.cmp(&b.0));
    for f in &files {
        let outcomes: Vec<_> = results
            .iter()
            .filter(|(p, ..)| p == f)
            .map(|(_, by, r)| (by.clone(), r.clone()))
            .collect();
        assert_eq!(outcomes.len(), writers);
        check_outcomes(f, &outcomes);
        // All read one version: exactly one of them may write it.
        assert_eq!(recorded(f).len(), 1, "{outcomes:?}");
    }
    no_temp_files(&dir);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn appends_under_the_lock_all_land() {
    // `append_change` reads under the lock: writers queue, none is lost.
    let dir = temp_dir("queue");
    let path = dir.join("case.toml");
    std::fs::write(&path, lexington()).unwrap();
    let (threads, each) = (6, 5);
    let barrier = Arc::new(Barrier::new(threads));
    let handles: Vec<_> = (0..threads)
        .map(|t| {
            let (path, barrier) = (path.clone(), Arc::clone(&barrier));
            std::thread::spawn(move || {
                barrier.wait();
                for i in 0..each {
                    append_change(&path, &change(&format!("Order {t}-{i}"))).unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let mut kept = recorded(&path);
    kept.sort();
    let mut want: Vec<String> = (0..threads)
        .flat_map(|t| (0..each).map(move |i| format!("Order {t}-{i}")))
        .collect();
    want.sort();
    assert_eq!(kept, want);
    no_temp_files(&dir);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_stale_what_if_is_refused_after_an_edit() {
    let dir = temp_dir("stale");
    let path = dir.join("case.toml");
    std::fs::write(&path, lexington()).unwrap();
    let mut file = DocketFile::open(&path).unwrap();
    // Someone edits the file (an editor, another tool) after it was read.
    let edited = lexington().replace("Hon. Martin Glenn", "Hon. M. Glenn");
    std::fs::write(&path, &edited).unwrap();
    let e = file.append_change(&change("Stale order")).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Conflict);
    let msg = e.to_string();
    assert!(msg.starts_with(&path.display().to_string()), "{msg}");
    assert!(msg.contains("changed since it was read"), "{msg}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
    // Read again, the same change goes in, and the value follows the file.
    let mut file = DocketFile::open(&path).unwrap();
    file.append_change(&change("Fresh order")).unwrap();
    assert_eq!(file.text(), std::fs::read_to_string(&path).unwrap());
    assert_eq!(recorded(&path), ["Fresh order"]);
    file.append_change(&change("Second order")).unwrap();
    assert_eq!(recorded(&path), ["Fresh order", "Second order"]);
    // A file removed since it was read is not recreated.
    std::fs::remove_file(&path).unwrap();
    let e = file.append_change(&change("Lost")).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Conflict, "{e}");
    assert!(!path.exists());
    no_temp_files(&dir);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn lock_waits_are_bounded_and_respected() {
    let dir = temp_dir("lockwait");
    let path = dir.join("case.toml");
    std::fs::write(&path, lexington()).unwrap();
    let holder = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&path)
        .unwrap();
    holder.lock().unwrap();
    // Held past the wait limit: a clear refusal, nothing written.
    let mut file = DocketFile::open(&path)
        .unwrap()
        .lock_timeout(Duration::from_millis(300));
    let start = Instant::now();
    let e = file.append_change(&change("Waited")).unwrap_err();
    let waited = start.elapsed();
    assert_eq!(e.kind(), ErrorKind::Conflict);
    assert!(e.to_string().contains("wait limit"), "{e}");
    assert!(
        e.to_string().starts_with(&path.display().to_string()),
        "{e}"
    );
    assert!(waited >= Duration::from_millis(300), "{waited:?}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), lexington());
    // Released while a writer waits: the writer goes on after it.
    let released = Arc::new(Barrier::new(2));
    let r2 = Arc::clone(&released);
    let t = std::thread::spawn(move || {
        r2.wait();
        std::thread::sleep(Duration::from_millis(200));
        let before_unlock = Instant::now();
        holder.unlock().unwrap();
        before_unlock
    });
    released.wait();
    write_atomic(&path, lexington().replace("Glenn", "G.").as_bytes()).unwrap();
    let written = Instant::now();
    let unlocked = t.join().unwrap();
    assert!(
        written >= unlocked,
        "the write did not wait for the lock: {:?}",
        unlocked - written
    );
    assert!(std::fs::read_to_string(&path)
        .unwrap()
        .contains("Hon. Martin G."));
    no_temp_files(&dir);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(feature = "cli")]
#[test]
fn cli_writer_pairs_in_parallel_never_both_succeed_with_one_lost() {
    use std::process::{Command, Stdio};
    let dir = temp_dir("cli");
    let text = lexington();
    // 16 files, two `reschedule --write` processes on each, all at once.
    let pairs = 16;
    let mut children = Vec::new();
    for i in 0..pairs {
        let path = dir.join(format!("case{i}.toml"));
        std::fs::write(&path, &text).unwrap();
        for w in ["A", "B"] {
            let by = format!("Order {w}");
            let child = Command::new(env!("CARGO_BIN_EXE_docket"))
                .arg("reschedule")
                .arg(&path)
                .args(["--extend", "bullet-summary", "--to", "2009-04-24"])
                .args(["--on", "2009-04-20", "--by", &by, "--write"])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            children.push((path.clone(), by, child));
        }
    }
    let mut per_file: std::collections::BTreeMap<PathBuf, Vec<Outcome>> =
        std::collections::BTreeMap::new();
    for (path, by, child) in children {
        let o = child.wait_with_output().unwrap();
        let err = String::from_utf8(o.stderr).unwrap();
        let r = if o.status.success() {
            Ok(())
        } else {
            // 3: refused as a conflict, nothing written (run it again).
            assert_eq!(o.status.code(), Some(3), "{err}");
            // "docket: error: FILE: ..." -> "FILE: ..."
            Err(err
                .trim()
                .strip_prefix("docket: error: ")
                .unwrap_or(&err)
                .to_string())
        };
        per_file.entry(path).or_default().push((by, r));
    }
    for (path, outcomes) in &per_file {
        check_outcomes(path, outcomes);
    }
    no_temp_files(&dir);
    std::fs::remove_dir_all(&dir).unwrap();
}
