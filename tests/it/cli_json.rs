//! The command line as a program's tool: dockets on stdin (`-`, with
//! `--format`), `--json` errors as structured problems on stdout with one
//! line on stderr, subcommand help named in usage errors.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use super::cli::{docket, stderr, stdout};

fn data(name: &str) -> String {
    format!("{}/examples/data/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// `docket args` with `input` on stdin.
fn piped(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_docket"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // A command that fails before reading may close stdin first.
    let _ = stdin.write_all(input.as_bytes());
    drop(stdin);
    child.wait_with_output().unwrap()
}

/// A failed `--json` command: exit 2, one line on stderr, and on stdout the
/// problems, one of which is about `field` and says `says`; that problem.
fn failed(o: &Output, field: Option<&str>, says: &str) -> serde_json::Value {
    assert_eq!(o.status.code(), Some(2), "{}", stderr(o));
    assert_eq!(stderr(o).lines().count(), 1, "{}", stderr(o));
    assert!(stderr(o).starts_with("docket: error: "), "{}", stderr(o));
    let v: serde_json::Value =
        serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)));
    let problems = v["problems"].as_array().unwrap();
    assert!(!problems.is_empty());
    problems
        .iter()
        .find(|p| p["field"].as_str() == field && p["message"].as_str().unwrap().contains(says))
        .unwrap_or_else(|| panic!("no problem about {field:?} saying {says:?}: {v}"))
        .clone()
}

#[test]
fn every_docket_command_reads_stdin() {
    let lex = data("lexington.toml");
    let text = std::fs::read_to_string(&lex).unwrap();
    let json = docket::docket::Docket::from_toml_str(&text)
        .unwrap()
        .to_json_string()
        .unwrap();
    let from_file = docket(&["schedule", &lex, "--json", "--to", "2009-05-15"]);
    assert!(from_file.status.success());
    for (input, format) in [
        (&text, None),
        (&json, None),
        (&text, Some("toml")),
        (&json, Some("json")),
    ] {
        let mut args = vec!["schedule", "-", "--json", "--to", "2009-05-15"];
        if let Some(f) = format {
            args.extend(["--format", f]);
        }
        let o = piped(&args, input);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(o.stdout, from_file.stdout, "{format:?}");
    }
    // The wrong format, said: a parse error naming stdin.
    let o = piped(&["schedule", "-", "--format", "json"], &text);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("docket: error: <stdin>: "),
        "{}",
        stderr(&o)
    );
    let o = piped(&["schedule", "-", "--format", "yaml"], &text);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("yaml"), "{}", stderr(&o));

    // check, ics, reschedule and diff read it too.
    let o = piped(&["check", "-"], &text);
    assert_eq!(
        stdout(&o),
        "<stdin>: ok (4 parties, 4 events, 2 obligations, 0 changes)\n"
    );
    let o = piped(&["ics", "-", "--domain", "example.org"], &json);
    assert!(stdout(&o).contains("UID:lexington/status-report/3@example.org"));
    let o = piped(
        &[
            "reschedule",
            "-",
            "--extend",
            "bullet-summary",
            "--to",
            "2009-04-24",
            "--on",
            "2009-04-20",
            "--json",
        ],
        &text,
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["moved"][0]["to"], "2009-04-24");
    assert_eq!(v["written"], false);
    let o = piped(&["diff", "-", &lex, "--json"], &json);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["moved"].as_array().unwrap().len(), 0, "{v}");
    // Stdin cannot be written.
    let o = piped(
        &[
            "reschedule",
            "-",
            "--cancel",
            "mediation",
            "--by",
            "Order",
            "--write",
        ],
        &text,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--write records the change in a file"),
        "{}",
        stderr(&o)
    );
    let o = docket(&["diff", "-", "-"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn due_reads_its_question_from_stdin() {
    let o = piped(
        &["due", "-"],
        r#"{"court": "nysb", "from": "2009-04-16", "days": 14}"#,
    );
    assert_eq!(stdout(&o), "2009-04-30\n");
    let o = piped(
        &["due", "-", "--json"],
        "court = \"nysb\"\nfrom = 2009-04-16\nweeks = 2\n",
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["due"], "2009-04-30");
    // The same bytes as the flags.
    let flags = docket(&[
        "due",
        "--court",
        "nysb",
        "--from",
        "2009-04-16",
        "--days",
        "14",
        "--json",
    ]);
    let o = piped(
        &["due", "-", "--json"],
        r#"{"court": "nysb", "from": "2009-04-16", "days": 14}"#,
    );
    assert_eq!(o.stdout, flags.stdout);
    // Errors name the fields of the question.
    let o = piped(
        &["due", "-", "--json"],
        r#"{"court": "nysb", "from": "2009-04-16", "days": -14}"#,
    );
    failed(&o, Some("days"), "days=-14: a period cannot be negative");
    let o = piped(
        &["due", "-", "--json"],
        r#"{"court": "nysb", "form": "2009-04-16", "days": 14}"#,
    );
    failed(&o, Some("form"), "unknown option");
    // Not both.
    let o = piped(&["due", "-", "--court", "nysb"], "{}");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not both"), "{}", stderr(&o));
}

#[test]
fn json_commands_print_their_errors_as_problems() {
    let lex = data("lexington.toml");
    // due: the flag.
    let o = docket(&[
        "due",
        "--court",
        "nysbx",
        "--from",
        "2009-04-16",
        "--days",
        "14",
        "--json",
    ]);
    let p = failed(
        &o,
        Some("--court"),
        "unknown court \"nysbx\" (did you mean \"nysb\"?)",
    );
    assert!(p["file"].is_null() && p["item"].is_null());
    let o = docket(&[
        "due",
        "--court",
        "nysb",
        "--from",
        "2009-04-16",
        "--days",
        "-3",
        "--json",
    ]);
    failed(
        &o,
        Some("--days"),
        "--days -3: a period cannot be negative (use --before",
    );
    // schedule: the file and the flag.
    let o = docket(&["schedule", &lex, "--party", "judge", "--json"]);
    failed(&o, Some("--party"), "no party \"judge\"");
    let o = docket(&["schedule", "/nonexistent/case.toml", "--json"]);
    let p = failed(&o, None, "cannot read");
    assert_eq!(p["file"], "/nonexistent/case.toml");
    // reschedule: the flags given, not the change's place in the log.
    let o = docket(&[
        "reschedule",
        &lex,
        "--extend",
        "bulet-summary",
        "--to",
        "2009-04-24",
        "--on",
        "2009-04-20",
        "--json",
    ]);
    let p = failed(
        &o,
        Some("--extend"),
        "--extend bulet-summary --to 2009-04-24 --on 2009-04-20: --extend names unknown obligation \"bulet-summary\"",
    );
    assert_eq!(p["file"], lex.as_str());
    assert!(!stderr(&o).contains("change 1"), "{}", stderr(&o));
    let o = docket(&[
        "reschedule",
        &lex,
        "--move",
        "mediation",
        "--to",
        "2009-02-30",
        "--json",
    ]);
    failed(&o, Some("--to"), "--to");
    // check: a valid file's summary beside an invalid one's problems.
    let dir = std::env::temp_dir().join(format!("docket-cli-json-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.toml");
    std::fs::write(
        &bad,
        "[case]\nid = \"x\"\ncourt = \"nysb\"\n[parties.d]\nname = \"D\"\n[events.mediation]\ntitle = \"M\"\ndate = \"2009-04-29\"\n\
         [obligations.bullet-summary]\ntitle = \"B\"\nparties = [\"d\", \"e\"]\ndue = { days = 7, before = \"mediaton\" }\n",
    )
    .unwrap();
    let bad = bad.to_str().unwrap().to_string();
    let o = docket(&["check", &lex, &bad, "--json"]);
    let p = failed(&o, Some("due.before"), "\"mediaton\"");
    assert_eq!(
        (p["file"].as_str(), p["item"].as_str()),
        (Some(bad.as_str()), Some("bullet-summary"))
    );
    let p = failed(
        &o,
        Some("parties"),
        "names unknown party \"e\" (did you mean \"d\"?)",
    );
    assert_eq!(p["item"], "bullet-summary");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["files"][0]["case"], "lexington");
    assert!(stderr(&o).contains("2 problems"), "{}", stderr(&o));
    // Without --json, every problem on its own line, as before.
    let o = docket(&["check", &bad]);
    assert_eq!(stderr(&o).lines().count(), 3, "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
    // A passing check --json: no problems.
    let o = docket(&["check", &lex, "--json"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["problems"].as_array().unwrap().len(), 0);
    // diff: the file.
    let o = docket(&["diff", &lex, &bad, "--json"]);
    let p = failed(&o, Some("due.before"), "mediaton");
    assert_eq!(p["file"], bad.as_str());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_bad_option_names_its_subcommand_help() {
    for (args, help, field) in [
        (
            vec![
                "due",
                "--court",
                "nysb",
                "--from",
                "2009-04-16",
                "--dayz",
                "3",
            ],
            "docket due --help",
            "--dayz",
        ),
        (
            vec!["schedule", "x.toml", "--partie", "d"],
            "docket schedule --help",
            "--partie",
        ),
        (
            vec!["reschedule", "x.toml", "--occurrence", "x"],
            "docket reschedule --help",
            "--occurrence",
        ),
    ] {
        let o = docket(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&o).contains(&format!("(see {help})")),
            "{args:?}: {}",
            stderr(&o)
        );
        assert_eq!(stderr(&o).lines().count(), 1);
        // With --json, also as a problem on stdout.
        let mut json = args.clone();
        json.push("--json");
        let o = docket(&json);
        failed(&o, Some(field), help);
    }
    let o = docket(&["bogus"]);
    assert!(stderr(&o).contains("(see docket --help)"), "{}", stderr(&o));
    // A subcommand's subcommand names its own help.
    let o = docket(&["rules", "show", "--bogus"]);
    assert!(
        stderr(&o).contains("(see docket rules show --help)"),
        "{}",
        stderr(&o)
    );
    // A missing argument is named; no command at all lists the commands.
    let o = docket(&["schedule"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("not provided: <FILE>... (see docket schedule --help)"),
        "{}",
        stderr(&o)
    );
    let o = docket(&[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("give a command: due, schedule, check, reschedule, diff, ics"),
        "{}",
        stderr(&o)
    );
    assert_eq!(stderr(&o).lines().count(), 1);
}

/// `reschedule` errors name the options given, and a change's fields as
/// the options (`--by`, `--to`, `--on`), never "change N".
#[test]
fn reschedule_errors_name_the_flags_given() {
    let lex = data("lexington.toml");
    for (args, says) in [
        (
            vec!["--move", "mediation", "--to", "2009-05-01", "--by", ""],
            "--move mediation --to 2009-05-01: --by is empty (name the order or agreement)",
        ),
        (
            vec!["--move", "hearin", "--to", "2009-05-01", "--on", "2009-04-20"],
            "--move hearin --to 2009-05-01 --on 2009-04-20: --move names unknown event \"hearin\"",
        ),
        (
            vec!["--extend", "bullet-summary", "--to", "9999-01-01", "--on", "2009-04-20"],
            "--extend bullet-summary --to 9999-01-01 --on 2009-04-20: --to 9999-01-01 is outside the years",
        ),
        (
            vec!["--vacate", "status-report", "--occurrence", "0", "--on", "2009-04-01"],
            "--vacate status-report --occurrence 0 --on 2009-04-01: occurrences count from 1",
        ),
        (vec!["--move", "mediation"], "--move needs --to"),
        (vec!["--cancel", "mediation", "--to", "2009-05-01"], "--to goes with --move or --extend"),
    ] {
        let mut all = vec!["reschedule", lex.as_str()];
        all.extend(args);
        let o = docket(&all);
        assert_eq!(o.status.code(), Some(2), "{all:?}");
        assert!(stderr(&o).contains(says), "{all:?}: {}", stderr(&o));
        assert!(!stderr(&o).contains("change "), "{}", stderr(&o));
    }
}

/// Several dockets (files or a folder) make one schedule: every item names
/// its case, events' ids are `case/event`, and the order is by date.
#[test]
fn schedule_of_several_dockets_qualifies_event_ids() {
    let (lex, civil) = (data("lexington.toml"), data("civil.toml"));
    let o = docket(&["schedule", &lex, &civil, "--json", "--to", "2009-05-15"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v["cases"],
        serde_json::json!(["lexington", "acme-v-widget"])
    );
    let events = v["events"].as_array().unwrap();
    assert!(!events.is_empty());
    for e in events {
        let (case, id) = (e["case"].as_str().unwrap(), e["id"].as_str().unwrap());
        assert!(id.starts_with(&format!("{case}/")), "{e}");
    }
    assert!(events.iter().any(|e| e["id"] == "lexington/mediation"));
    let deadlines = v["deadlines"].as_array().unwrap();
    for d in deadlines {
        assert!(d["id"]
            .as_str()
            .unwrap()
            .starts_with(d["case"].as_str().unwrap()));
    }
    let dates: Vec<&str> = deadlines
        .iter()
        .map(|d| d["due"].as_str().unwrap())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    // One docket: ids as before, no `case` on items.
    let one = docket(&["schedule", &lex, "--json", "--to", "2009-05-15"]);
    let one: serde_json::Value = serde_json::from_slice(&one.stdout).unwrap();
    assert!(one["events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["id"] == "mediation"));
    assert!(one["events"][0].get("case").is_none());
    // A folder is each of its dockets; the table has a case column.
    let dir = format!("{}/examples/data", env!("CARGO_MANIFEST_DIR"));
    let o = docket(&["schedule", &dir, "--to", "2009-05-15"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let table = stdout(&o);
    assert!(table.starts_with("3 cases: "), "{table}");
    assert!(table.lines().nth(1).unwrap().contains("case"), "{table}");
    // A party: the dockets that have it.
    let o = docket(&[
        "schedule",
        &lex,
        &civil,
        "--json",
        "--party",
        "Prepetition Senior Lenders",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["cases"], serde_json::json!(["lexington"]));
    let o = docket(&["schedule", &lex, &civil, "--json", "--party", "nobody"]);
    failed(
        &o,
        Some("--party"),
        "no docket has a party \"nobody\" (parties: ",
    );
    // The same case twice is refused.
    let o = docket(&["schedule", &lex, &lex, "--json"]);
    failed(&o, None, "both use the case id \"lexington\"");
}
