//! Input that must be refused, with a message naming the file, the item and
//! the field: degenerate recurrence rules, keys given twice in JSON, dates
//! outside the calendars' years, loose date forms, oversized files.

use std::path::PathBuf;

use docket::docket::{parse_date, parse_local_datetime, Docket, EventTime};

const HEAD: &str = "[case]\nid = \"t\"\ncourt = \"nysd\"\n";

/// A scratch folder of its own for each test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("docket-refusals-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Loads `text` from a file named `name`; the error's every problem.
fn refused(name: &str, text: &str) -> Vec<String> {
    let dir = scratch(name);
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    let e = Docket::load(&path).expect_err("refused");
    let shown = path.display().to_string();
    for p in e.problems() {
        assert!(p.starts_with(&shown), "does not name the file: {p}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
    e.problems().to_vec()
}

fn one_problem(name: &str, text: &str, wants: &[&str]) {
    let problems = refused(name, text);
    assert_eq!(problems.len(), 1, "{problems:?}");
    for w in wants {
        assert!(problems[0].contains(w), "{:?} lacks {w:?}", problems[0]);
    }
}

#[test]
fn degenerate_recurrence_rules_are_refused_by_item_and_field() {
    for (rule, says) in [
        ("FREQ=DAILY;INTERVAL=0", "INTERVAL=0"),
        ("FREQ=WEEKLY;COUNT=0", "COUNT=0"),
        ("FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY=0"),
        ("FREQ=HOURLY", "FREQ=HOURLY"),
        ("FREQ=MINUTELY;INTERVAL=5", "FREQ=MINUTELY"),
        ("RRULE:FREQ=SECONDLY", "FREQ=SECONDLY"),
        ("FREQ=DAILY;BYHOUR=9,17", "BYHOUR"),
    ] {
        let text = format!(
            "{HEAD}[obligations.reports]\ntitle = \"R\"\nfirst_due = \"2025-03-04\"\n\
             repeat = {{ rrule = \"{rule}\" }}\n"
        );
        one_problem(
            "rule.toml",
            &text,
            &["obligation \"reports\": repeat.rrule: ", says],
        );
    }
    // The same rule in an obligation added by a change is named there.
    let text = format!(
        "{HEAD}[[changes]]\non = \"2025-01-02\"\nby = \"Order\"\nadd_obligation = \"r2\"\n\
         obligation = {{ title = \"R\", first_due = \"2025-03-04\", repeat = {{ rrule = \"FREQ=DAILY;INTERVAL=0\" }} }}\n"
    );
    one_problem(
        "added.toml",
        &text,
        &[
            "change 1 (on 2025-01-02): obligation \"r2\": repeat.rrule: ",
            "INTERVAL=0",
        ],
    );
    // Ordinary rules pass.
    for rule in [
        "FREQ=DAILY",
        "FREQ=MONTHLY;BYMONTHDAY=-1",
        "FREQ=WEEKLY;INTERVAL=2;COUNT=3",
    ] {
        let text = format!(
            "{HEAD}[obligations.r]\ntitle = \"R\"\nfirst_due = \"2025-03-04\"\nrepeat = {{ rrule = \"{rule}\" }}\n"
        );
        let d = Docket::from_toml_str(&text).unwrap();
        d.validate().unwrap();
    }
}

#[test]
fn json_keys_given_twice_are_refused_like_toml() {
    let json = r#"{
  "case": { "id": "t", "court": "nysd" },
  "obligations": {
    "brief": { "title": "Brief", "due": "2025-03-04" },
    "brief": { "title": "Brief", "due": "2025-09-04" }
  }
}"#;
    one_problem(
        "dup.json",
        json,
        &["duplicate key \"brief\" in obligations", "line 5"],
    );
    // A field given twice inside an item.
    let json = r#"{"case": {"id": "t", "court": "nysd"},
      "obligations": {"b": {"title": "B", "due": "2025-03-04", "due": "2025-09-04"}}}"#;
    let problems = refused("field.json", json);
    assert!(problems[0].contains("\"due\""), "{problems:?}");
    // TOML refuses the same.
    let toml = format!(
        "{HEAD}[obligations.brief]\ntitle = \"B\"\ndue = \"2025-03-04\"\n\
         [obligations.brief]\ntitle = \"B\"\ndue = \"2025-09-04\"\n"
    );
    assert!(!refused("dup.toml", &toml).is_empty());
}

#[test]
fn dates_outside_the_calendars_years_are_refused_at_validation() {
    let cases = [
        (
            "[obligations.o]\ntitle = \"O\"\ndue = \"9999-12-31\"\n",
            "obligation \"o\": due 9999-12-31 is outside the years 1971-2100",
        ),
        (
            "[events.e]\ntitle = \"E\"\ndate = \"1900-01-01\"\n",
            "event \"e\": date 1900-01-01 is outside",
        ),
        (
            "[events.e]\ntitle = \"E\"\nat = \"2101-01-01T10:00\"\n",
            "event \"e\": at 2101-01-01 is outside",
        ),
        (
            "[obligations.o]\ntitle = \"O\"\nfirst_due = \"2025-01-01\"\n\
             repeat = { every = \"1 month\", until = \"2200-01-01\" }\n",
            "obligation \"o\": repeat.until 2200-01-01 is outside",
        ),
        (
            "[obligations.o]\ntitle = \"O\"\ndue = \"2025-01-01\"\nfiled = \"1970-12-31\"\n",
            "obligation \"o\": filed 1970-12-31 is outside",
        ),
        (
            "[events.e]\ntitle = \"E\"\ndate = \"2025-01-01\"\n\
             [[changes]]\non = \"2025-01-02\"\nby = \"Order\"\nmove = \"e\"\nto = \"9999-12-31\"\n",
            "change 1 (on 2025-01-02): to 9999-12-31 is outside",
        ),
        (
            "[events.e]\ntitle = \"E\"\ndate = \"2025-01-01\"\n\
             [[changes]]\non = \"0001-01-01\"\nby = \"Order\"\ncancel = \"e\"\n",
            "change 1 (on 0001-01-01): on 0001-01-01 is outside",
        ),
    ];
    for (body, says) in cases {
        one_problem("far.toml", &format!("{HEAD}{body}"), &[says]);
    }
    let custom = "[case]\nid = \"t\"\n[calendar]\nbase = \"nysd\"\n\
                  extra_holidays = [ { date = \"2150-07-05\", name = \"Far\" } ]\n\
                  closures = [ { date = \"1960-01-01\", reason = \"x\" } ]\n";
    let problems = refused("cal.toml", custom);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems
        .iter()
        .any(|p| p.contains("calendar: closure of 1960-01-01: date 1960-01-01 is outside")));
    assert!(problems
        .iter()
        .any(|p| p.contains("calendar: extra holiday \"Far\": date 2150-07-05 is outside")));
}

#[test]
fn a_closure_the_calendar_cannot_build_is_refused_when_the_file_is_read() {
    let text = "[case]\nid = \"t\"\n[calendar]\nbase = \"nysd\"\n\
                closures = [ { date = \"2012-01-01\", through = \"2014-01-01\", reason = \"x\" } ]\n";
    one_problem(
        "long.toml",
        text,
        &["closure from 2012-01-01 lasts more than a year"],
    );
    // An unknown field in a closure is an error, as everywhere else.
    let text = "[case]\nid = \"t\"\n[calendar]\nbase = \"nysd\"\n\
                closures = [ { date = \"2012-10-29\", reason = \"x\", thru = \"2012-10-30\" } ]\n";
    one_problem("field.toml", text, &["thru"]);
}

#[test]
fn loose_date_forms_are_refused_everywhere_a_date_is_read() {
    for bad in [
        "2025-1-5",
        "+2025-01-05",
        "02025-01-05",
        "2025-01-05 ",
        "2025/01/05",
    ] {
        for (field, body) in [
            (
                "due",
                format!("[obligations.o]\ntitle = \"O\"\ndue = \"{bad}\"\n"),
            ),
            (
                "date",
                format!("[events.e]\ntitle = \"E\"\ndate = \"{bad}\"\n"),
            ),
            (
                "filed",
                format!(
                    "[obligations.o]\ntitle = \"O\"\ndue = \"2025-01-06\"\nfiled = [\"{bad}\"]\n"
                ),
            ),
            (
                "on",
                format!(
                    "[events.e]\ntitle = \"E\"\ndate = \"2025-01-06\"\n\
                     [[changes]]\non = \"{bad}\"\nby = \"x\"\ncancel = \"e\"\n"
                ),
            ),
        ] {
            let problems = refused("loose.toml", &format!("{HEAD}{body}"));
            assert!(
                problems.iter().any(|p| p.contains(bad.trim_end())),
                "{field} = {bad:?}: {problems:?}"
            );
        }
        // JSON reads dates the same way.
        let json = format!(
            r#"{{"case": {{"id": "t", "court": "nysd"}}, "obligations": {{"o": {{"title": "O", "due": "{bad}"}}}}}}"#
        );
        assert!(Docket::from_json_str(&json).is_err(), "{bad}");
        assert!(parse_date(bad).is_err());
        assert!(bad.parse::<EventTime>().is_err());
    }
    // A change's `to` names the change and the field.
    let text = format!(
        "{HEAD}[obligations.o]\ntitle = \"O\"\ndue = \"2025-01-06\"\n\
         [[changes]]\non = \"2025-01-02\"\nby = \"x\"\nextend = \"o\"\nto = \"2025-2-1\"\n"
    );
    one_problem(
        "to.toml",
        &text,
        &["change 1 (on 2025-01-02): to: \"2025-2-1\""],
    );
    // Local date-times: exactly YYYY-MM-DDTHH:MM.
    for bad in ["2025-01-05 10:00", "2025-01-05T10:00:30", "2025-01-05T9:00"] {
        let text = format!("{HEAD}[events.e]\ntitle = \"E\"\nat = \"{bad}\"\n");
        let problems = refused("at.toml", &text);
        assert!(problems[0].contains(bad), "{problems:?}");
        assert!(parse_local_datetime(bad).is_err());
    }
    // Unquoted TOML dates and date-times still read.
    let text = format!(
        "{HEAD}[events.e]\ntitle = \"E\"\nat = 2025-01-06T10:00:00\n\
         [obligations.o]\ntitle = \"O\"\ndue = 2025-01-07\n"
    );
    Docket::from_toml_str(&text).unwrap().validate().unwrap();
}

#[test]
fn files_past_the_size_limit_or_not_regular_are_refused_by_name() {
    let dir = scratch("size");
    let big = dir.join("big.toml");
    let mut text = String::from(HEAD);
    text.push_str(&"# padding\n".repeat((docket::docket::MAX_FILE_BYTES / 10) as usize + 1));
    std::fs::write(&big, &text).unwrap();
    let e = Docket::load(&big).unwrap_err();
    assert!(e.is_range());
    assert!(
        e.to_string().starts_with(&big.display().to_string()) && e.to_string().contains("MiB"),
        "{e}"
    );
    let folder = dir.join("folder.toml");
    std::fs::create_dir(&folder).unwrap();
    let e = Docket::load(&folder).unwrap_err();
    assert!(e.to_string().contains("not a regular file"), "{e}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(feature = "cli")]
#[test]
fn every_command_names_the_file_of_a_computation_that_fails() {
    use crate::cli::{docket, stderr};
    let dir = scratch("cli");
    // Valid, but a period runs past the calendars' last year.
    let far = dir.join("far.toml");
    std::fs::write(
        &far,
        format!(
            "{HEAD}[events.h]\ntitle = \"H\"\ndate = \"2099-12-20\"\n\
             [obligations.o]\ntitle = \"O\"\ndue = {{ years = 5, after = \"h\" }}\n"
        ),
    )
    .unwrap();
    let long = dir.join("long.toml");
    std::fs::write(
        &long,
        "[case]\nid = \"u\"\n[calendar]\nbase = \"nysd\"\n\
         closures = [ { date = \"2012-01-01\", through = \"2014-01-01\", reason = \"x\" } ]\n",
    )
    .unwrap();
    let feeds = dir.join("feeds");
    for f in [&far, &long] {
        let p = f.to_str().unwrap();
        for args in [
            vec!["check", p],
            vec!["schedule", p],
            vec!["ics", p],
            vec!["diff", p, p],
            vec![
                "ics",
                dir.to_str().unwrap(),
                "--out-dir",
                feeds.to_str().unwrap(),
            ],
        ] {
            let o = docket(&args);
            assert_eq!(o.status.code(), Some(2), "{args:?}");
            let err = stderr(&o);
            assert!(err.contains(p), "{args:?} does not name {p}: {err}");
        }
    }
    let o = docket(&[
        "reschedule",
        far.to_str().unwrap(),
        "--move",
        "h",
        "--to",
        "2099-12-21",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains(far.to_str().unwrap()), "{}", stderr(&o));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_live_change_to_a_date_outside_the_calendars_is_refused() {
    use docket::docket::{Change, LiveSchedule, ScheduleOptions};
    let d = Docket::from_toml_str(&format!(
        "{HEAD}[events.e]\ntitle = \"E\"\ndate = \"2025-01-06\"\n\
         [obligations.o]\ntitle = \"O\"\ndue = \"2025-02-03\"\n"
    ))
    .unwrap();
    let mut live = LiveSchedule::new(d.check().unwrap(), ScheduleOptions::new()).unwrap();
    let on = parse_date("2025-01-02").unwrap();
    let far = parse_date("9999-12-31").unwrap();
    for change in [
        Change::move_event(on, "Order", "e", EventTime::Date(far)),
        Change::extend(on, "Order", "o", None, far),
        Change::cancel(parse_date("1900-01-01").unwrap(), "Order", "e"),
    ] {
        let e = live.apply(change.clone()).unwrap_err();
        assert!(
            e.to_string().contains("is outside the years 1971-2100"),
            "{e}"
        );
        // The message names the change.
        let named = format!("change (on {}): ", change.on);
        assert!(e.to_string().contains(&named), "{e}");
        // The docket with the change is refused the same way.
        assert!(d.with_change(change).is_err());
    }
    assert_eq!(live.docket().changes.len(), 0);
}

/// A change of the log is one action: none, two, a field that does not go
/// with it, or a malformed `to` is refused when read, naming the file, the
/// change by its place in the log and the field, in TOML and JSON alike.
#[test]
fn changes_are_one_action_each() {
    let items = "[events.e]\ntitle = \"E\"\ndate = \"2025-01-06\"\n\
                 [obligations.o]\ntitle = \"O\"\ndue = \"2025-01-06\"\n\
                 [[changes]]\non = \"2025-01-02\"\nby = \"x\"\ncancel = \"e\"\n";
    for (change, says) in [
        ("by = \"y\"\n", "needs exactly one of move, extend, vacate, reinstate, file, cancel, add_event, add_obligation (found none)"),
        ("by = \"y\"\nmove = \"e\"\ncancel = \"e\"\nto = \"2025-01-07\"\n", "(found move, cancel)"),
        ("by = \"y\"\nmove = \"e\"\n", "move needs `to`"),
        ("by = \"y\"\nvacate = \"o\"\nto = \"2025-01-07\"\n", "`to` does not go with vacate"),
        ("by = \"y\"\nfile = \"o\"\noccurrence = 2\n", "`occurrence` does not go with file"),
        ("by = \"y\"\nextend = \"o\"\nfold = \"later\"\nto = \"2025-01-07\"\n", "`fold` does not go with extend"),
        ("by = \"y\"\nadd_event = \"f\"\n", "add_event needs an `event` table"),
        ("by = \"y\"\nmove = \"e\"\nto = \"soon\"\n", "to: \"soon\" is not a date (YYYY-MM-DD) or date-time"),
    ] {
        let text = format!("{HEAD}{items}[[changes]]\non = \"2025-01-03\"\n{change}");
        one_problem("change.toml", &text, &["change.toml: change 2 (on 2025-01-03): ", says]);
        let e = Docket::from_toml_str(&text).unwrap_err();
        assert_eq!(e.kind(), docket::ErrorKind::Invalid, "{e}");
        // The same in JSON.
        let v: toml::Table = toml::from_str(&text).unwrap();
        let json = serde_json::to_string_pretty(&v).unwrap();
        one_problem("change.json", &json, &["change.json: change 2 (on 2025-01-03): ", says]);
    }
    // Written back exactly as read.
    let text = format!("{HEAD}{items}");
    let d = Docket::from_toml_str(&text).unwrap();
    let again = Docket::from_toml_str(&d.to_toml_string().unwrap()).unwrap();
    assert_eq!(again, d);
    assert!(d
        .to_toml_string()
        .unwrap()
        .ends_with("[[changes]]\non = \"2025-01-02\"\nby = \"x\"\ncancel = \"e\"\n"));
}

/// A JSON list is not a docket: said so, not read positionally.
#[test]
fn a_json_list_is_not_a_docket() {
    let e =
        Docket::from_json_str("[{\"case\": {\"id\": \"x\", \"court\": \"nysd\"}}]").unwrap_err();
    assert!(
        e.to_string().contains("a docket in JSON is one object"),
        "{e}"
    );
    assert_eq!(e.kind(), docket::ErrorKind::Parse);
}
