//! Outputs byte for byte: the schedule (table, table with explanations,
//! JSON), the feed and `due --json --explain` for a set of dockets and
//! computations, compared with the files in `tests/data/golden/out/`, which
//! were written by an earlier build. A change to the engine's internals must
//! leave every byte of them as it was; a change meant to alter an output
//! rewrites the file (`DOCKET_BLESS=1 cargo test --all-features --test it
//! golden::`) and the diff shows what changed.

use std::path::{Path, PathBuf};

use super::cli::docket;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The dockets compared: the examples, and dockets that touch every kind of
/// deadline and change.
const DOCKETS: [&str; 6] = [
    "examples/data/lexington.toml",
    "examples/data/chapter11.toml",
    "examples/data/civil.toml",
    "tests/data/golden/varied.toml",
    "tests/data/golden/changes.toml",
    "tests/data/golden/recurring.toml",
];

/// Computations compared (`docket due` arguments after `--json --explain`).
const DUES: [&[&str]; 6] = [
    &["--court", "nysb", "--from", "2009-04-16", "--days", "14"],
    &["--court", "ca9", "--from", "2018-11-21", "--days", "14"],
    &[
        "--court",
        "nysd",
        "--from",
        "2004-03-01",
        "--days",
        "10",
        "--service",
        "mail",
    ],
    &[
        "--court",
        "cacd",
        "--from",
        "2025-09-22",
        "--court-days",
        "5",
    ],
    &["--court", "nysb", "--from", "2012-10-22", "--days", "7"],
    &[
        "--court",
        "txsb",
        "--from",
        "2025-12-10",
        "--days",
        "14",
        "--before",
    ],
];

fn check(name: &str, args: &[&str], failures: &mut Vec<String>) {
    let o = docket(args);
    let mut got = o.stdout.clone();
    got.extend_from_slice(b"-- exit ");
    got.extend_from_slice(o.status.code().unwrap_or(-1).to_string().as_bytes());
    got.push(b'\n');
    let path = root().join("tests/data/golden/out").join(name);
    if std::env::var_os("DOCKET_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &got).unwrap();
        return;
    }
    let want = std::fs::read(&path).unwrap_or_default();
    if want != got {
        failures.push(format!(
            "{name} (docket {}) differs from {}:\n--- want\n{}\n--- got\n{}",
            args.join(" "),
            path.display(),
            String::from_utf8_lossy(&want),
            String::from_utf8_lossy(&got)
        ));
    }
}

#[test]
fn outputs_are_byte_identical_to_the_recorded_ones() {
    let mut failures = Vec::new();
    for file in DOCKETS {
        let path = root().join(file);
        let p = path.to_str().unwrap();
        let stem = Path::new(file).file_stem().unwrap().to_str().unwrap();
        check(
            &format!("{stem}.table.txt"),
            &["schedule", p],
            &mut failures,
        );
        check(
            &format!("{stem}.explain.txt"),
            &["schedule", p, "--explain"],
            &mut failures,
        );
        check(
            &format!("{stem}.json"),
            &["schedule", p, "--json", "--explain"],
            &mut failures,
        );
        check(
            &format!("{stem}.quiet.json"),
            &["schedule", p, "--json"],
            &mut failures,
        );
        check(
            &format!("{stem}.ics"),
            &[
                "ics",
                p,
                "--domain",
                "golden.example",
                "--alarm",
                "7",
                "--keep-vacated",
            ],
            &mut failures,
        );
    }
    for (i, args) in DUES.iter().enumerate() {
        let mut all = vec!["due", "--json", "--explain"];
        all.extend_from_slice(args);
        check(&format!("due-{}.json", i + 1), &all, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Explanations are written when first read, and read the same as those
/// written while the schedule was computed: every deadline and event of
/// every docket above, compared line by line.
#[test]
fn explanations_written_when_read_are_those_written_as_the_schedule_goes() {
    use docket::docket::{Docket, ScheduleOptions};
    for name in DOCKETS {
        let checked = Docket::load(root().join(name))
            .and_then(|d| d.check())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let lazy = checked.schedule(&ScheduleOptions::new()).expect("schedule");
        let eager = checked
            .schedule(&ScheduleOptions::new().explain_eagerly(true))
            .expect("schedule");
        let quiet = checked
            .schedule(&ScheduleOptions::new().explain(false))
            .expect("schedule");
        assert!(!lazy.deadlines.is_empty(), "{name}: no deadlines");
        // Nothing is written until something is read.
        assert!(
            lazy.deadlines.iter().all(|d| !d.explain.is_written()),
            "{name}: explanations written before they were read"
        );
        assert!(eager.deadlines.iter().all(|d| d.explain.is_written()));
        // The dates are those of a schedule without explanations.
        let dates = |s: &docket::docket::Schedule| -> Vec<_> {
            s.deadlines
                .iter()
                .map(|d| (d.id.to_string(), d.due, d.latest))
                .collect()
        };
        assert_eq!(dates(&lazy), dates(&quiet), "{name}");
        assert!(quiet.deadlines.iter().all(|d| d.explain.is_empty()));
        // Reading one writes them all, once.
        assert!(
            !lazy.deadlines[0].explain.is_empty(),
            "{name}: empty explanation"
        );
        assert!(lazy.deadlines.iter().all(|d| d.explain.is_written()));
        assert!(lazy.events.iter().all(|e| e.explain.is_written()));
        assert_eq!(lazy.deadlines.len(), eager.deadlines.len(), "{name}");
        for (l, e) in lazy.deadlines.iter().zip(&eager.deadlines) {
            assert_eq!(l.id, e.id, "{name}");
            assert_eq!(l.explain.lines(), e.explain.lines(), "{name}: {}", l.id);
        }
        for (l, e) in lazy.events.iter().zip(&eager.events) {
            assert_eq!(l.id, e.id, "{name}");
            assert_eq!(l.explain.lines(), e.explain.lines(), "{name}: {}", l.id);
        }
        // And the whole schedules, field by field, are equal.
        assert_eq!(lazy, eager, "{name}");
    }
}
