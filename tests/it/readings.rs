//! Every reading on the record, from the command line and from dockets:
//! `due --json` lists the readings with their questions and citations, and a
//! docket settles a question in `[calendar]`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::cli::{docket, stderr, stdout};

fn json(args: &[&str]) -> serde_json::Value {
    let o = docket(args);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).unwrap()
}

#[test]
fn due_json_lists_every_reading_with_its_question() {
    // 10 days after mail service on Friday 2003-06-06 (Rule 6(e) before
    // 2005): 06-19 (added to the period), 06-23 (after expiry, CNPq), 06-25
    // (business days).
    let v = json(&[
        "due",
        "--court",
        "nysd",
        "--from",
        "2003-06-06",
        "--days",
        "10",
        "--service",
        "mail",
        "--json",
    ]);
    assert_eq!(v["due"], "2003-06-19");
    let readings = v["readings"].as_array().unwrap();
    let dates: Vec<&str> = readings
        .iter()
        .map(|r| r["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2003-06-23", "2003-06-25"]);
    for r in readings {
        assert_eq!(r["question"], "service-days-pre-2005");
        assert!(!r["cites"].as_array().unwrap().is_empty());
        assert!(r["reason"]
            .as_str()
            .unwrap()
            .contains("service-days-pre-2005"));
    }
    // latest / latest_reason stay: the latest reading.
    assert_eq!(v["latest"], "2003-06-25");
    assert!(v["latest_reason"]
        .as_str()
        .unwrap()
        .contains("business-days"));
}

#[test]
fn due_json_has_an_empty_readings_list_when_settled() {
    let v = json(&[
        "due",
        "--court",
        "ca9",
        "--from",
        "2018-11-05",
        "--days",
        "30",
        "--json",
        "--explain",
    ]);
    assert_eq!(v["due"], "2018-12-06");
    assert_eq!(v["readings"].as_array().unwrap().len(), 0);
    assert!(v.get("latest").is_none());
    let steps = v["steps"].to_string();
    assert!(
        steps.contains("question eo-closure settled by Ninth Circuit notice"),
        "{steps}"
    );
}

#[test]
fn frap_before_1996_adds_no_days_for_other_service() {
    let o = docket(&[
        "due",
        "--court",
        "ca2",
        "--from",
        "1995-05-01",
        "--days",
        "14",
        "--service",
        "other",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().next(), Some("1995-05-15"));
}

fn settled_docket(reading: &str) -> std::path::PathBuf {
    let dir =
        std::env::temp_dir().join(format!("docket-readings-{}-{reading}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("settled.toml");
    std::fs::write(
        &path,
        format!(
            r#"[case]
id = "settled"
court = "nysd"

[calendar]
base = "nysd"
settle = [{{ question = "eo-closure", reading = "{reading}", authority = "Chief Judge's order (example)" }}]

[events.order]
title = "Order"
date = "2018-11-21"

[obligations.brief]
title = "Brief"
due = {{ days = 14, after = "order" }}
"#
        ),
    )
    .unwrap();
    path
}

#[test]
fn a_docket_settles_a_question_and_says_who() {
    let path = settled_docket("closed");
    let v = json(&["schedule", path.to_str().unwrap(), "--json"]);
    let d = &v["deadlines"][0];
    assert_eq!(d["due"], "2018-12-06");
    assert!(d.get("latest").is_none());
    let explain = d["explain"].to_string();
    assert!(
        explain.contains("question eo-closure settled by Chief Judge's order (example)"),
        "{explain}"
    );
    // Unsettled, the same docket is due on the closure day itself.
    let path = settled_docket("open");
    let v = json(&["schedule", path.to_str().unwrap(), "--json"]);
    assert_eq!(v["deadlines"][0]["due"], "2018-12-05");
}

#[test]
fn an_unknown_reading_is_refused_naming_the_file() {
    let path = settled_docket("maybe");
    let o = docket(&["schedule", path.to_str().unwrap()]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("settled.toml") && err.contains("no reading \"maybe\""),
        "{err}"
    );
}

#[test]
fn due_settles_a_question_from_the_command_line() {
    let base = [
        "due",
        "--court",
        "nysd",
        "--from",
        "2018-11-21",
        "--days",
        "14",
        "--explain",
    ];
    let o = docket(&base);
    assert_eq!(stdout(&o).lines().next(), Some("2018-12-05"));
    let mut args = base.to_vec();
    args.extend([
        "--settle",
        "eo-closure=closed@2018-12-05",
        "--authority",
        "Chief Judge's order (example)",
    ]);
    let o = docket(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().next(), Some("2018-12-06"));
    assert!(
        out.contains("settled by Chief Judge's order (example)"),
        "{out}"
    );
    assert!(!out.contains("later reading"), "{out}");
    // Without an authority, or with an unknown reading, it is refused.
    let mut args = base.to_vec();
    args.extend(["--settle", "eo-closure=closed"]);
    let o = docket(&args);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("--authority"), "{}", stderr(&o));
    let mut args = base.to_vec();
    args.extend(["--settle", "eo-closure=perhaps", "--authority", "x"]);
    let o = docket(&args);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("no reading \"perhaps\""),
        "{}",
        stderr(&o)
    );
}

/// A period counted in calendar days that passes over a day in dispute (the
/// day of mourning of Dec. 5, 2018) is unchanged by it: one reading, no
/// later date, on the fast path and the general path (`--explain`) alike.
/// A count of court days over the same day depends on it: the later
/// reading is on record.
#[test]
fn a_disputed_day_inside_a_count_matters_only_to_court_days() {
    for explain in [false, true] {
        let mut args = vec![
            "due",
            "--json",
            "--court",
            "nysd",
            "--from",
            "2018-11-28",
            "--days",
            "14",
        ];
        if explain {
            args.push("--explain");
        }
        let v = json(&args);
        assert_eq!(v["due"], "2018-12-12", "{v}");
        assert!(v.get("latest").is_none_or(|l| l.is_null()), "{v}");
        assert!(v["readings"].as_array().is_none_or(|r| r.is_empty()), "{v}");
    }
    let v = json(&[
        "due",
        "--json",
        "--court",
        "nysd",
        "--from",
        "2018-11-30",
        "--court-days",
        "5",
    ]);
    // Dec. 3, 4, 5, 6, 7 if Dec. 5 is a court day; else through Dec. 10.
    assert_eq!(v["due"], "2018-12-07", "{v}");
    assert_eq!(v["latest"], "2018-12-10", "{v}");
    assert_eq!(v["readings"][0]["question"], "eo-closure", "{v}");
}
