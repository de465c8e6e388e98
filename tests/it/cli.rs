//! The `docket` command line, run as a user would.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::{Command, Output};

pub fn docket(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_docket"))
        .args(args)
        .output()
        .expect("run docket")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn due_prints_the_date_alone_on_the_first_line() {
    let o = docket(&[
        "due",
        "--court",
        "nysb",
        "--from",
        "2009-04-16",
        "--days",
        "14",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().next(), Some("2009-04-30"));
}

#[test]
fn due_explain_and_json() {
    let o = docket(&[
        "due",
        "--court",
        "nysd",
        "--from",
        "2025-01-29",
        "--days",
        "14",
        "--explain",
    ]);
    let out = stdout(&o);
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("2025-02-13"));
    assert!(out.contains("Lincoln's Birthday"), "{out}");
    assert!(out.contains("Fed. R. Civ. P. 6(a)(1)(C)"), "{out}");

    let o = docket(&[
        "due",
        "--court",
        "federal",
        "--from",
        "2009-12-10",
        "--days",
        "14",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["due"], "2009-12-24");
    assert_eq!(v["latest"], "2009-12-28");
    assert!(v["steps"].as_array().unwrap().len() >= 2);

    let o = docket(&[
        "due",
        "--court",
        "nysd",
        "--from",
        "2025-01-29",
        "--days",
        "14",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["due"], "2025-02-13");
    assert!(v.get("latest").is_none());
}

#[test]
fn due_units_direction_service_and_editions() {
    let first = |args: &[&str]| -> String {
        let o = docket(args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        stdout(&o).lines().next().unwrap().to_string()
    };
    // 5 court days before Monday 2025-02-24, skipping Washington's Birthday.
    assert_eq!(
        first(&[
            "due",
            "--court",
            "nysd",
            "--from",
            "2025-02-24",
            "--court-days",
            "5",
            "--before"
        ]),
        "2025-02-14"
    );
    // 2 weeks after 2009-04-16.
    assert_eq!(
        first(&[
            "due",
            "--court",
            "nysb",
            "--from",
            "2009-04-16",
            "--weeks",
            "2"
        ]),
        "2009-04-30"
    );
    // 1 month after 2025-01-31 clamps to 2025-02-28 (a Friday).
    assert_eq!(
        first(&[
            "due",
            "--court",
            "nysd",
            "--from",
            "2025-01-31",
            "--months",
            "1"
        ]),
        "2025-02-28"
    );
    // 24 hours after Friday 10:00 -> Tuesday 10:00 (weekend, MLK Day).
    assert_eq!(
        first(&[
            "due",
            "--court",
            "nysd",
            "--from",
            "2025-01-17T10:00",
            "--hours",
            "24"
        ]),
        "2025-01-21T10:00"
    );
    // Electronic service on 2016-11-18: +3 under the rule then in force,
    // nothing under the current rule.
    assert_eq!(
        first(&[
            "due",
            "--court",
            "nysd",
            "--from",
            "2016-11-18",
            "--days",
            "7",
            "--service",
            "electronic"
        ]),
        "2016-11-28"
    );
    assert_eq!(
        first(&[
            "due",
            "--court",
            "nysd",
            "--from",
            "2016-11-18",
            "--days",
            "7",
            "--service",
            "electronic",
            "--rules-as-of",
            "2016-12-01"
        ]),
        "2016-11-25"
    );
    // Guralnik: closure on 2015-02-17.
    assert_eq!(
        first(&[
            "due",
            "--court",
            "dcd",
            "--from",
            "2015-01-16",
            "--days",
            "30",
            "--closure",
            "2015-02-17"
        ]),
        "2015-02-18"
    );
}

#[test]
fn due_bad_input_is_one_line_and_nonzero() {
    for (args, want) in [
        (
            vec!["--court", "nysbx", "--from", "2009-04-16", "--days", "14"],
            "unknown court \"nysbx\"",
        ),
        (
            vec!["--court", "nysb", "--from", "2009-02-30", "--days", "14"],
            "\"2009-02-30\" is not a date",
        ),
        (
            vec!["--court", "nysb", "--from", "2009-02-03", "--days", "-14"],
            "cannot be negative",
        ),
        (
            vec![
                "--court",
                "nysb",
                "--from",
                "2009-02-03",
                "--days",
                "99999999",
            ],
            "too long",
        ),
        (
            vec!["--court", "nysb", "--from", "2009-02-03", "--hours", "3"],
            "time of day",
        ),
        (
            vec!["--court", "nysb", "--from", "1900-02-03", "--days", "3"],
            "outside the years",
        ),
        (
            vec![
                "--court",
                "nysb",
                "--from",
                "2009-02-03",
                "--days",
                "3",
                "--service",
                "pigeon",
            ],
            "unknown service method",
        ),
        (
            vec![
                "--court",
                "nysb",
                "--from",
                "2009-02-03",
                "--days",
                "3",
                "--before",
                "--service",
                "mail",
            ],
            "service days",
        ),
        (
            vec!["--court", "nysb", "--from", "2009-02-03"],
            "give a period",
        ),
    ] {
        let mut full = vec!["due"];
        full.extend(args.iter().copied());
        let o = docket(&full);
        assert_eq!(o.status.code(), Some(2), "{full:?}");
        let err = stderr(&o);
        assert_eq!(err.trim_end().lines().count(), 1, "{full:?}: {err}");
        assert!(err.contains(want), "{full:?}: {err}");
        assert!(stdout(&o).is_empty());
    }
}
