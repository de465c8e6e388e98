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

fn data(name: &str) -> String {
    format!("{}/examples/data/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn schedule_table_and_json_contract() {
    let o = docket(&["schedule", &data("lexington.toml"), "--to", "2009-05-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for want in [
        "2009-04-15  Wednesday",
        "late 2009-04-16",
        "2009-04-30  Thursday",
        "Mediation session",
    ] {
        assert!(out.contains(want), "{want}: {out}");
    }
    let o = docket(&[
        "schedule",
        &data("lexington.toml"),
        "--json",
        "--to",
        "2009-05-01",
        "--as-of",
        "2009-04-25",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["case"], "lexington");
    let dl = v["deadlines"].as_array().unwrap();
    let dues: Vec<&str> = dl.iter().map(|x| x["due"].as_str().unwrap()).collect();
    assert_eq!(
        dues,
        ["2009-04-01", "2009-04-15", "2009-04-22", "2009-04-30"]
    );
    for x in dl {
        for key in [
            "id",
            "obligation",
            "title",
            "due",
            "parties",
            "status",
            "explain",
        ] {
            assert!(x.get(key).is_some(), "{key} missing in {x}");
        }
    }
    assert_eq!(dl[2]["overdue"], true, "bullet summary open and past 04-25");
    assert_eq!(dl[3]["overdue"], false);
    assert_eq!(dl[1]["status"], "late");
    let ev = v["events"].as_array().unwrap();
    assert!(ev
        .iter()
        .all(|e| e.get("id").is_some() && e.get("date").is_some() && e.get("status").is_some()));
    // --party keeps only that party's deadlines.
    let o = docket(&[
        "schedule",
        &data("lexington.toml"),
        "--json",
        "--to",
        "2009-05-01",
        "--party",
        "lenders",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .all(|x| x["obligation"] == "status-report"));
    let o = docket(&["schedule", &data("lexington.toml"), "--party", "lendrs"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no party \"lendrs\""));
    assert!(
        stderr(&o).contains(
            "lexington.toml: --party: no party \"lendrs\" (parties: committee, debtors, lenders, mediator)"
        ),
        "{}",
        stderr(&o)
    );
    // A party by its name, any case.
    let by_name = docket(&[
        "schedule",
        &data("lexington.toml"),
        "--json",
        "--party",
        "prepetition senior lenders",
    ]);
    let by_id = docket(&[
        "schedule",
        &data("lexington.toml"),
        "--json",
        "--party",
        "lenders",
    ]);
    assert!(by_name.status.success(), "{}", stderr(&by_name));
    assert_eq!(by_name.stdout, by_id.stdout);
    // Same input, same bytes.
    let a = docket(&["schedule", &data("chapter11.toml"), "--json"]);
    let b = docket(&["schedule", &data("chapter11.toml"), "--json"]);
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn check_reports_ok_and_every_problem() {
    let o = docket(&["check", &data("lexington.toml"), &data("civil.toml")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("lexington.toml: ok"));
    let dir = std::env::temp_dir().join(format!("docket-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.toml");
    std::fs::write(
        &bad,
        "[case]\nid = \"x\"\ncourt = \"nysb\"\n[events.mediation]\ntitle = \"M\"\ndate = \"2009-04-29\"\n\
         [obligations.bullet-summary]\ntitle = \"B\"\nparties = [\"debtors\"]\ndue = { days = 7, before = \"mediaton\" }\n",
    )
    .unwrap();
    let o = docket(&["check", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("2 problems"), "{err}");
    assert!(err.contains("obligation \"bullet-summary\": due.before names unknown event or obligation \"mediaton\""), "{err}");
    assert!(err.contains("bad.toml"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

fn temp_dir(tag: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("docket-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn reschedule_what_if_json_and_report() {
    let file = data("chapter11.toml");
    let o = docket(&[
        "reschedule",
        &file,
        "--move",
        "confirmation-hearing",
        "--to",
        "2024-07-02T10:00",
        "--by",
        "Order adjourning",
        "--on",
        "2024-06-01",
        "--json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let moved = v["moved"].as_array().unwrap();
    let find = |id: &str| {
        moved
            .iter()
            .find(|m| m["id"] == id)
            .unwrap_or_else(|| panic!("{id} not moved: {v}"))
    };
    // 7 days before Tuesday 07-02 = Tuesday 06-25; reply 3 days after = 06-28.
    let obj = find("harbor-freight-lines/plan-objections/1");
    assert_eq!(
        (obj["from"].as_str(), obj["to"].as_str()),
        (Some("2024-06-18"), Some("2024-06-25"))
    );
    let reply = find("harbor-freight-lines/confirmation-reply/1");
    assert_eq!(reply["to"], "2024-06-28");
    let chain: Vec<&str> = reply["chain"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert!(
        chain[0].starts_with("Hearing to consider confirmation of the plan moved to 2024-07-02"),
        "{chain:?}"
    );
    assert!(
        chain[1].contains("7 days before confirmation-hearing"),
        "{chain:?}"
    );
    assert!(
        chain[2].contains("3 days after plan-objections"),
        "{chain:?}"
    );
    for key in ["added", "removed", "vacated"] {
        assert!(v[key].is_array(), "{key}");
    }
    // Fixed dates do not move: the operating reports are unchanged.
    assert!(!moved
        .iter()
        .any(|m| m["id"].as_str().unwrap().contains("operating-reports")));
    assert_eq!(v["written"], false);
    // The readable report, and a move into the past flagged loudly.
    let o = docket(&[
        "reschedule",
        &file,
        "--move",
        "confirmation-hearing",
        "--to",
        "2024-05-01",
        "--on",
        "2024-05-20",
    ]);
    let out = stdout(&o);
    assert!(
        out.contains("WARNING: harbor-freight-lines/confirmation-notice/1"),
        "{out}"
    );
    assert!(out.contains("[PAST]"), "{out}");
    assert!(out.contains("what-if: nothing written"), "{out}");
}

#[test]
fn reschedule_write_appends_atomically_and_refuses_bad_changes() {
    let dir = temp_dir("write");
    let file = dir.join("lexington.toml");
    std::fs::copy(data("lexington.toml"), &file).unwrap();
    let original = std::fs::read_to_string(&file).unwrap();
    let f = file.to_str().unwrap();
    // A bad change: refused, file untouched, no temp file left.
    for bad in [
        vec![
            "reschedule",
            f,
            "--extend",
            "bullet-summry",
            "--to",
            "2009-04-24",
            "--on",
            "2009-04-20",
            "--write",
        ],
        vec![
            "reschedule",
            f,
            "--move",
            "mediation",
            "--to",
            "2009-04-31",
            "--on",
            "2009-04-20",
            "--write",
        ],
        vec!["reschedule", f, "--file", "status-report", "--write"],
        vec![
            "reschedule",
            f,
            "--file",
            "status-report",
            "--on",
            "2009-04-30",
            "--write",
        ],
        vec![
            "reschedule",
            f,
            "--move",
            "bullet-summary",
            "--to",
            "2009-04-24",
            "--on",
            "2009-04-20",
            "--by",
            "x",
            "--write",
        ],
    ] {
        let o = docket(&bad);
        assert_eq!(o.status.code(), Some(2), "{bad:?}");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), original, "{bad:?}");
    }
    // A good one: appended, comments kept, and the schedule follows.
    let o = docket(&[
        "reschedule",
        f,
        "--extend",
        "bullet-summary",
        "--to",
        "2009-04-24",
        "--by",
        "Stipulated order",
        "--on",
        "2009-04-20",
        "--write",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with(&original), "the original text is kept");
    assert!(text.contains("# \"on or before April 22, 2009\""));
    assert!(text.contains("[[changes]]\non = \"2009-04-20\"\nby = \"Stipulated order\"\nextend = \"bullet-summary\"\nto = \"2009-04-24\"\n"), "{text}");
    let o = docket(&["schedule", f, "--json", "--to", "2009-05-01"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let bullet = v["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["obligation"] == "bullet-summary")
        .unwrap()
        .clone();
    assert_eq!(bullet["due"], "2009-04-24");
    // A filing recorded with --file --on.
    let o = docket(&[
        "reschedule",
        f,
        "--file",
        "status-report",
        "--on",
        "2009-04-30",
        "--by",
        "Status report filed",
        "--write",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = docket(&["schedule", f, "--json", "--to", "2009-05-20"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let third = v["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == "lexington/status-report/3")
        .unwrap()
        .clone();
    assert_eq!(third["status"], "filed");
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
    // JSON files too.
    let json = dir.join("civil.json");
    let d = docket::docket::Docket::load(data("civil.toml")).unwrap();
    std::fs::write(&json, d.to_json_string().unwrap()).unwrap();
    let o = docket(&[
        "reschedule",
        json.to_str().unwrap(),
        "--move",
        "pretrial-conference",
        "--to",
        "2025-10-21T10:00",
        "--on",
        "2025-09-01",
        "--by",
        "Order",
        "--write",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let back = docket::docket::Docket::load(&json).unwrap();
    assert_eq!(back.changes.len(), 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn diff_compares_two_files() {
    let dir = temp_dir("diff");
    let old = data("civil.toml");
    let new = dir.join("civil-new.toml");
    let text = std::fs::read_to_string(&old)
        .unwrap()
        .replace("2025-10-14T10:00", "2025-10-21T10:00");
    std::fs::write(&new, text).unwrap();
    let o = docket(&["diff", &old, new.to_str().unwrap(), "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let moved: Vec<(&str, &str)> = v["moved"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["id"].as_str().unwrap(), m["to"].as_str().unwrap()))
        .collect();
    // Five court days before Tuesday 10-21: 10-20, 17, 16, 15, 14 -> 10-14.
    assert!(
        moved.contains(&("acme-v-widget/pretrial-submission/1", "2025-10-14")),
        "{moved:?}"
    );
    assert!(
        moved.contains(&("pretrial-conference", "2025-10-21")),
        "{moved:?}"
    );
    assert_eq!(moved.len(), 2);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn ics_file_party_and_folder() {
    let o = docket(&[
        "ics",
        &data("lexington.toml"),
        "--domain",
        "firm.example",
        "--to",
        "2009-05-01",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(out.contains("UID:lexington/status-report/3@firm.example\r\n"));
    let again = docket(&[
        "ics",
        &data("lexington.toml"),
        "--domain",
        "firm.example",
        "--to",
        "2009-05-01",
    ]);
    assert_eq!(o.stdout, again.stdout, "same input, same bytes");
    let o = docket(&["ics", &data("lexington.toml"), "--party", "mediator"]);
    let out = stdout(&o);
    assert!(
        !out.contains("status-report"),
        "the mediator files no status reports"
    );
    assert!(out.contains("Mediation session"));
    let dir = temp_dir("feeds");
    let out_file = dir.join("lex.ics");
    let o = docket(&[
        "ics",
        &data("lexington.toml"),
        "-o",
        out_file.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    assert!(std::fs::read_to_string(&out_file)
        .unwrap()
        .starts_with("BEGIN:VCALENDAR"));
    let feeds = dir.join("feeds");
    let examples = format!("{}/examples/data", env!("CARGO_MANIFEST_DIR"));
    let o = docket(&["ics", &examples, "--out-dir", feeds.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    for f in [
        "lexington.ics",
        "harbor-freight-lines.ics",
        "acme-v-widget.ics",
        "party-debtors.ics",
        "all.ics",
    ] {
        assert!(feeds.join(f).exists(), "{f}");
    }
    let o = docket(&["ics", &examples]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--out-dir"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn review_messages_and_options() {
    let ch11 = data("chapter11.toml");
    let lex = data("lexington.toml");
    for (args, want) in [
        (
            vec![
                "reschedule",
                ch11.as_str(),
                "--move",
                "plan-objections",
                "--to",
                "2024-06-20",
                "--on",
                "2024-06-01",
            ],
            "\"plan-objections\", which is an obligation, not an event",
        ),
        (
            vec![
                "schedule",
                lex.as_str(),
                "--from",
                "2009-05-01",
                "--to",
                "2009-04-01",
            ],
            "--from 2009-05-01 is after --to 2009-04-01",
        ),
        (
            vec![
                "due",
                "--court",
                "nysd",
                "--from",
                "2025-01-01T10:00",
                "--days",
                "3",
            ],
            "a time of day is used only with --hours",
        ),
        (
            vec!["ics", lex.as_str(), "--method", "PUB\nLISH"],
            "an iCalendar method is letters only",
        ),
        (
            vec![
                "reschedule",
                lex.as_str(),
                "--extend",
                "bullet-summary",
                "--to",
                "2009-04-24",
                "--on",
                "2009-04-20",
                "--write",
            ],
            "pass --by",
        ),
    ] {
        let o = docket(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(want), "{args:?}: {}", stderr(&o));
    }
    // --party takes a name as well as an id.
    let o = docket(&[
        "schedule",
        &lex,
        "--json",
        "--to",
        "2009-05-01",
        "--party",
        "Prepetition Senior Lenders",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .all(|x| x["obligation"] == "status-report"));
}

/// `docket` with the clock set to `now` (`DOCKET_NOW`).
fn docket_at(now: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_docket"))
        .env("DOCKET_NOW", now)
        .args(args)
        .output()
        .expect("run docket")
}

#[test]
fn today_is_the_date_at_the_court() {
    // The same docket in New York (deb) and, copied, in Los Angeles (cacb).
    let ny = data("chapter11.toml");
    let dir = temp_dir("today-at-court");
    let la = dir.join("la.toml");
    let text = std::fs::read_to_string(&ny).unwrap();
    assert!(text.contains("court = \"deb\""));
    std::fs::write(&la, text.replace("court = \"deb\"", "court = \"cacb\"")).unwrap();
    let la = la.to_str().unwrap();
    let on = |now: &str, file: &str| {
        let o = docket_at(
            now,
            &["reschedule", file, "--vacate", "plan-objections", "--json"],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["on_is_today"], true);
        v["on"].as_str().unwrap().to_owned()
    };
    // 02:30 UTC on March 10 is still March 9 in New York and Los Angeles.
    assert_eq!(on("2025-03-10T02:30:00Z", &ny), "2025-03-09");
    assert_eq!(on("2025-03-10T02:30:00Z", la), "2025-03-09");
    // 06:30 UTC: March 10 in New York, March 9 in Los Angeles.
    assert_eq!(on("2025-03-10T06:30:00Z", &ny), "2025-03-10");
    assert_eq!(on("2025-03-10T06:30:00Z", la), "2025-03-09");
    // An offset is an instant too.
    assert_eq!(on("2025-03-09T23:30:00-08:00", &ny), "2025-03-10");
    // The report names the date and the zone it was taken in.
    let o = docket_at(
        "2025-03-10T02:30:00Z",
        &["reschedule", &ny, "--vacate", "plan-objections"],
    );
    let out = stdout(&o);
    assert!(
        out.contains("(on 2025-03-09, today in America/New_York: pass --on to set it"),
        "{out}"
    );
    // --on wins over the clock.
    let o = docket_at(
        "2025-03-10T02:30:00Z",
        &[
            "reschedule",
            &ny,
            "--vacate",
            "plan-objections",
            "--on",
            "2025-01-02",
            "--json",
        ],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        (v["on"].as_str(), &v["on_is_today"]),
        (Some("2025-01-02"), &false.into())
    );
    // A clock that is not an instant: one line naming the variable.
    let o = docket_at(
        "2025-03-10",
        &["reschedule", &ny, "--vacate", "plan-objections"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("docket: error: DOCKET_NOW: \"2025-03-10\""),
        "{}",
        stderr(&o)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// `--fold` says which of a repeated local hour a trigger means (periods in
/// hours); without it such a trigger is refused, naming the flag.
#[test]
fn due_fold_for_a_repeated_trigger_hour() {
    let base = [
        "due",
        "--court",
        "nysb",
        "--from",
        "2025-11-02T01:30",
        "--hours",
        "2",
    ];
    let o = docket(&base);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("give --fold earlier or --fold later"),
        "{}",
        stderr(&o)
    );
    for (fold, due) in [
        ("earlier", "2025-11-03T02:30"),
        ("later", "2025-11-03T03:30"),
    ] {
        let mut args = base.to_vec();
        args.extend(["--fold", fold]);
        let o = docket(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(stdout(&o).lines().next(), Some(due));
    }
    let o = docket(&[
        "due",
        "--court",
        "nysb",
        "--from",
        "2025-11-02",
        "--days",
        "2",
        "--fold",
        "later",
    ]);
    assert!(
        stderr(&o).contains("--fold is used only with --hours"),
        "{}",
        stderr(&o)
    );
}

/// `check` and `schedule` take a folder as its docket files.
#[test]
fn check_a_folder() {
    let dir = format!("{}/examples/data", env!("CARGO_MANIFEST_DIR"));
    let o = docket(&["check", &dir]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o)
            .lines()
            .filter(|l| l.ends_with("changes)"))
            .count(),
        3,
        "{}",
        stdout(&o)
    );
}
