//! Dockets end to end: the example files with every expected date written out
//! and justified, round trips, validation, changes, recurrences, queries.

use chrono::NaiveDate;
use docket::docket::{
    next_deadlines, Change, Deadline, DeadlineStatus, Docket, EventTime, Schedule, ScheduleOptions,
};

pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub fn example(name: &str) -> Docket {
    Docket::load(format!(
        "{}/examples/data/{name}.toml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn schedule_to(docket: &Docket, to: &str) -> Schedule {
    docket
        .schedule(&ScheduleOptions::new().window(None, Some(d(to))))
        .unwrap()
}

/// (due, status, filed) of an obligation's deadlines, in order.
fn dates(s: &Schedule, obligation: &str) -> Vec<(String, &'static str, Option<String>)> {
    let mut v: Vec<&Deadline> = s
        .deadlines
        .iter()
        .filter(|x| x.obligation == obligation)
        .collect();
    v.sort_by_key(|x| x.occurrence);
    v.iter()
        .map(|x| {
            (
                x.due.to_string(),
                x.status.as_str(),
                x.filed.map(|f| f.to_string()),
            )
        })
        .collect()
}

fn due_of(s: &Schedule, id: &str) -> String {
    s.deadlines
        .iter()
        .find(|x| x.id == id)
        .unwrap_or_else(|| panic!("no deadline {id}"))
        .due
        .to_string()
}

#[test]
fn lexington_reproduces_the_founding_letter() {
    let docket = example("lexington");
    let s = schedule_to(&docket, "2009-05-01");
    // First report due 2009-04-01 (fixed by order), filed that day.
    // Second: two weeks after the 04-01 filing = 2009-04-15 (Wednesday);
    //   filed 04-16 (the letter's date): one day late.
    // Third: two weeks after the 04-16 filing = Thursday 2009-04-30 ("a
    //   further status report in two weeks").
    assert_eq!(
        dates(&s, "status-report"),
        vec![
            ("2009-04-01".into(), "filed", Some("2009-04-01".into())),
            ("2009-04-15".into(), "late", Some("2009-04-16".into())),
            ("2009-04-30".into(), "open", None),
        ]
    );
    // "On or before April 22, 2009": a fixed date, not rolled.
    assert_eq!(
        dates(&s, "bullet-summary"),
        vec![("2009-04-22".into(), "open", None)]
    );
    let med = s.events.iter().find(|e| e.id == "mediation").unwrap();
    assert_eq!(med.date, d("2009-04-29"));
    // Stable ids and explanations with citations.
    assert_eq!(s.deadlines[0].id, "lexington/status-report/1");
    let third = s
        .deadlines
        .iter()
        .find(|x| x.id == "lexington/status-report/3")
        .unwrap();
    assert!(
        third
            .explain
            .iter()
            .any(|l| l.contains("filed on 2009-04-16")),
        "{:?}",
        third.explain
    );
    assert!(third
        .explain
        .iter()
        .any(|l| l.contains("Fed. R. Bankr. P. 9006(a)")));
    let bullet = s
        .deadlines
        .iter()
        .find(|x| x.obligation == "bullet-summary")
        .unwrap();
    assert!(bullet.explain.iter().any(|l| l.contains("does not roll")));
    // The window cut the open-ended duty: reported.
    assert_eq!(s.truncated.len(), 1);
    assert_eq!(s.truncated[0].obligation, "status-report");
}

#[test]
fn chapter11_confirmation_timeline() {
    let s = schedule_to(&example("chapter11"), "2024-12-31");
    let id = |o: &str| format!("harbor-freight-lines/{o}/1");
    // Hearing Wednesday 2024-06-26. FRBP 2002(b): 28 days before = Wednesday
    // 2024-05-29, a court day.
    assert_eq!(due_of(&s, &id("confirmation-notice")), "2024-05-29");
    // Objections 7 days before = Wednesday 2024-06-19, Juneteenth: counting
    // backward, Tuesday 2024-06-18 (FRBP 9006(a)(1)(C), (a)(5)).
    assert_eq!(due_of(&s, &id("plan-objections")), "2024-06-18");
    // Reply 3 days after the (unfiled) objection deadline 06-18: Friday 06-21.
    assert_eq!(due_of(&s, &id("confirmation-reply")), "2024-06-21");
    // Monthly operating reports on the 21st, set by order, until the
    // hearing: 02-21 (filed 02-20), 03-21 (filed that day), 04-21 (a Sunday:
    // the date set by order stands; rolled, it would be Monday 04-22, a later
    // reading; filed 04-23, late under either), 05-21, 06-21; 07-21 is after
    // the hearing.
    assert_eq!(
        dates(&s, "operating-reports"),
        vec![
            ("2024-02-21".into(), "filed", Some("2024-02-20".into())),
            ("2024-03-21".into(), "filed", Some("2024-03-21".into())),
            ("2024-04-21".into(), "late", Some("2024-04-23".into())),
            ("2024-05-21".into(), "open", None),
            ("2024-06-21".into(), "open", None),
        ]
    );
    let april = s
        .deadlines
        .iter()
        .find(|x| x.id == "harbor-freight-lines/operating-reports/3")
        .unwrap();
    assert_eq!(april.latest, Some(d("2024-04-22")));
    assert_eq!(april.readings.len(), 1);
    assert_eq!(april.readings[0].question, "fixed-date-roll");
    // A bankruptcy case: the bankruptcy rule's note, not the civil rule's.
    assert!(april.readings[0]
        .cites
        .iter()
        .any(|c| c == "Fed. R. Bankr. P. 9006(a), 2009 Committee Note"));
    assert!(
        april.explain.iter().all(|l| !l.contains("Civ. P.")),
        "{:?}",
        april.explain
    );
    assert!(s.truncated.is_empty(), "until = the hearing ends the duty");
    let obj = s
        .deadlines
        .iter()
        .find(|x| x.obligation == "plan-objections")
        .unwrap();
    assert!(
        obj.explain.iter().any(|l| l.contains("Juneteenth")),
        "{:?}",
        obj.explain
    );
    assert_eq!(&*obj.depends_on, ["confirmation-hearing".to_string()]);
}

#[test]
fn civil_case_answer_opposition_letters_pretrial() {
    let s = schedule_to(&example("civil"), "2025-12-31");
    let id = |o: &str| format!("acme-v-widget/{o}/1");
    // FRCP 12(a)(1)(A)(i): 21 days after service on Wednesday 2025-01-22 is
    // Wednesday 02-12, Lincoln's Birthday (N.Y. Gen. Constr. Law s.24), a
    // state holiday that counts for a forward period -> Thursday 02-13.
    assert_eq!(due_of(&s, &id("answer")), "2025-02-13");
    // 14 days after service by mail on Monday 03-03 = Monday 03-17, plus 3
    // days (FRCP 6(d)) = Thursday 03-20.
    assert_eq!(due_of(&s, &id("mtd-opposition")), "2025-03-20");
    // Every two weeks from Monday 2025-05-12 (set by order) through 09-30:
    // each grid date stands. 05-26 is Memorial Day and 09-01 Labor Day: due
    // as set, with the next court days (05-27, 09-02) as later readings.
    let letters: Vec<String> = dates(&s, "joint-letter").into_iter().map(|x| x.0).collect();
    assert_eq!(
        letters,
        [
            "2025-05-12",
            "2025-05-26",
            "2025-06-09",
            "2025-06-23",
            "2025-07-07",
            "2025-07-21",
            "2025-08-04",
            "2025-08-18",
            "2025-09-01",
            "2025-09-15",
            "2025-09-29"
        ]
    );
    let latest: Vec<Option<NaiveDate>> = s
        .deadlines
        .iter()
        .filter(|x| x.obligation == "joint-letter")
        .map(|x| x.latest)
        .filter(Option::is_some)
        .collect();
    assert_eq!(latest, [Some(d("2025-05-27")), Some(d("2025-09-02"))]);
    // Five court days before Tuesday 10-14: Monday 10-13 (Columbus Day) is
    // skipped; 10-10 (1), 10-09 (2), 10-08 (3), 10-07 (4), 10-06 (5).
    assert_eq!(due_of(&s, &id("pretrial-submission")), "2025-10-06");
}

#[test]
fn toml_and_json_round_trip() {
    for name in ["lexington", "chapter11", "civil"] {
        let docket = example(name);
        let toml = docket.to_toml_string().unwrap();
        assert_eq!(
            Docket::from_toml_str(&toml).unwrap(),
            docket,
            "{name} via TOML:\n{toml}"
        );
        let json = docket.to_json_string().unwrap();
        assert_eq!(
            Docket::from_json_str(&json).unwrap(),
            docket,
            "{name} via JSON"
        );
        // And the schedule is the same from either.
        let a = docket.schedule(&ScheduleOptions::new()).unwrap();
        let b = Docket::from_json_str(&json)
            .unwrap()
            .schedule(&ScheduleOptions::new())
            .unwrap();
        assert_eq!(a, b);
    }
    let with_changes = rich_docket();
    let toml = with_changes.to_toml_string().unwrap();
    assert_eq!(
        Docket::from_toml_str(&toml).unwrap(),
        with_changes,
        "{toml}"
    );
    let json = with_changes.to_json_string().unwrap();
    assert_eq!(Docket::from_json_str(&json).unwrap(), with_changes);
}

pub const RICH: &str = r#"
[case]
id = "rich"
court = "nysd"

[calendar]
closures = [{ date = "2025-03-14", reason = "Clerk's office closed (storm)" }]
extra_holidays = [{ date = "2025-04-18", name = "Court closed by order" }]

[parties.p]
name = "Plaintiff"
[parties.d]
name = "Defendant"

[events.hearing]
title = "Hearing"
at = "2025-03-20T14:30"
ends = "16:00"

[events.follow-up]
title = "Follow-up conference"
date = { days = 21, after = "hearing" }

[obligations.brief]
title = "Brief"
parties = ["p"]
due = { days = 7, before = "hearing" }

[obligations.reply]
title = "Reply"
parties = ["d"]
due = { days = 3, after = "brief", roll = "none" }

[obligations.emergency]
title = "Emergency letter"
due = { hours = 48, after = "hearing" }

[obligations.weekly]
title = "Weekly report"
parties = ["p", "d"]
first_due = "2025-03-03"
repeat = { rrule = "FREQ=WEEKLY;BYDAY=MO", count = 6 }

[[changes]]
on = "2025-03-10"
by = "Order adjourning the hearing"
move = "hearing"
to = "2025-03-27T14:30"

[[changes]]
on = "2025-03-11"
by = "Stipulation so-ordered"
extend = "brief"
to = "2025-03-21"
"#;

pub fn rich_docket() -> Docket {
    let docket = Docket::from_toml_str(RICH).unwrap();
    docket.validate().unwrap();
    docket
}

#[test]
fn relative_events_hours_rrule_closures_and_changes() {
    let s = rich_docket().schedule(&ScheduleOptions::new()).unwrap();
    // The hearing moved to Thursday 2025-03-27 14:30; the follow-up is 21
    // days after it: Thursday 04-17.
    let fu = s.events.iter().find(|e| e.id == "follow-up").unwrap();
    assert_eq!(fu.date, d("2025-04-17"));
    // It moved through its source: the change is listed, the explanation
    // counts from the moved hearing.
    assert_eq!(
        fu.changes.iter().map(|c| c.index).collect::<Vec<_>>(),
        vec![1]
    );
    assert!(
        fu.explain.iter().any(|l| l.contains("on 2025-03-27")),
        "{:?}",
        fu.explain
    );
    // Brief: extended by order to 2025-03-21 (fixed, not rolled), from 7 days
    // before the moved hearing (03-20).
    assert_eq!(due_of(&s, "rich/brief/1"), "2025-03-21");
    let brief = s
        .deadlines
        .iter()
        .find(|x| x.obligation == "brief")
        .unwrap();
    assert!(
        brief
            .explain
            .iter()
            .any(|l| l.contains("computed date was 2025-03-20")),
        "{:?}",
        brief.explain
    );
    assert_eq!(
        brief.changes.iter().map(|c| c.index).collect::<Vec<_>>(),
        vec![1, 2]
    );
    // Reply: 3 days after the brief's due date 03-21 = Monday 03-24 (roll none).
    assert_eq!(due_of(&s, "rich/reply/1"), "2025-03-24");
    // 48 hours after Thursday 03-27 14:30 = Saturday 03-29 14:30 -> Monday
    // 03-31 14:30.
    let em = s
        .deadlines
        .iter()
        .find(|x| x.obligation == "emergency")
        .unwrap();
    assert_eq!(em.at.unwrap().to_string(), "2025-03-31 14:30:00");
    // RRULE: six Mondays from 03-03; none is a holiday.
    let weekly: Vec<String> = dates(&s, "weekly").into_iter().map(|x| x.0).collect();
    assert_eq!(
        weekly,
        [
            "2025-03-03",
            "2025-03-10",
            "2025-03-17",
            "2025-03-24",
            "2025-03-31",
            "2025-04-07"
        ]
    );
    assert!(s.truncated.is_empty());
}

#[test]
fn closures_and_extra_holidays_from_the_calendar_table() {
    let mut docket = rich_docket();
    docket.obligations.get_mut("reply").unwrap().due = Some(docket::docket::When::Relative(
        docket::docket::Relative::new(
            docket::compute::Period::days(1),
            docket::compute::Direction::After,
            "hearing",
        ),
    ));
    docket.changes.clear();
    // Hearing on Thursday 2025-03-20 (no changes): 1 day after is not a
    // closure; the closure is 03-14 (a Friday): a brief due 7 days before
    // 03-20 is Thursday 03-13, not affected.
    let s = docket.schedule(&ScheduleOptions::new()).unwrap();
    assert_eq!(due_of(&s, "rich/brief/1"), "2025-03-13");
    // Move the hearing so the brief lands on the closure: 7 days before
    // Friday 03-21 is Friday 03-14, closed -> extended forward over the
    // weekend to Monday 03-17 (FRCP 6(a)(3)(A)).
    docket.events.get_mut("hearing").unwrap().at = Some("2025-03-21T10:00:00".parse().unwrap());
    let s = docket.schedule(&ScheduleOptions::new()).unwrap();
    assert_eq!(due_of(&s, "rich/brief/1"), "2025-03-17");
    // The extra holiday 04-18: a reply 1 day after a hearing on 04-17 rolls
    // to Monday 04-21.
    docket.events.get_mut("hearing").unwrap().at = Some("2025-04-17T10:00:00".parse().unwrap());
    let s = docket.schedule(&ScheduleOptions::new()).unwrap();
    assert_eq!(due_of(&s, "rich/reply/1"), "2025-04-21");
}

#[test]
fn validation_reports_every_problem_with_ids_and_fields() {
    let bad = r#"
[case]
id = "Bad Id"
court = "nysbb"

[parties.debtors]
name = "Debtors"

[events.mediation]
title = "Mediation"
date = "2009-04-29"

[obligations.bullet-summary]
title = "Bullet summary"
parties = ["debtor"]
due = { days = 7, before = "mediaton" }

[obligations.both]
title = "Both"
due = "2009-04-22"
first_due = "2009-04-22"

[obligations.cycle-a]
title = "A"
due = { days = 1, after = "cycle-b" }

[obligations.cycle-b]
title = "B"
due = { days = 1, after = "cycle-a" }

[obligations.two-periods]
title = "Two"
due = { days = 1, weeks = 2, after = "mediation" }

[[changes]]
on = "2009-04-16"
by = "Letter"
move = "mediatio"
to = "2009-04-30"
"#;
    let docket = Docket::from_toml_str(bad).unwrap();
    let err = docket.validate().unwrap_err();
    let all = err.problems().join("\n");
    for want in [
        "case: id \"Bad Id\" is not a slug",
        "case: court: unknown court \"nysbb\" (did you mean \"nysb\"?)",
        "obligation \"both\": give `due` or `first_due`, not both",
        "obligation \"two-periods\": due gives more than one period",
        "change 1 (on 2009-04-16): move names unknown event \"mediatio\" (did you mean \"mediation\"?)",
    ] {
        assert!(all.contains(want), "missing {want:?} in:\n{all}");
    }
    assert!(err.problems().len() >= 5, "{all}");
    // The reference errors come from the second pass (structure fixed first).
    let refs = r#"
[case]
id = "ok"
court = "nysb"
[parties.debtors]
name = "Debtors"
[events.mediation]
title = "Mediation"
date = "2009-04-29"
[obligations.bullet-summary]
title = "Bullet summary"
parties = ["debtor"]
due = { days = 7, before = "mediaton" }
[obligations.cycle-a]
title = "A"
due = { days = 1, after = "cycle-b" }
[obligations.cycle-b]
title = "B"
due = { days = 1, after = "cycle-a" }
"#;
    let err = Docket::from_toml_str(refs).unwrap().validate().unwrap_err();
    let all = err.problems().join("\n");
    assert!(all.contains("obligation \"bullet-summary\": due.before names unknown event or obligation \"mediaton\" (did you mean \"mediation\"?)"), "{all}");
    assert!(
        all.contains("obligation \"bullet-summary\": parties names unknown party \"debtor\""),
        "{all}"
    );
    let cyc = Docket::from_toml_str(
        &refs
            .replace("parties = [\"debtor\"]", "")
            .replace("mediaton", "mediation"),
    )
    .unwrap()
    .validate()
    .unwrap_err()
    .to_string();
    assert!(
        cyc.contains("dependency cycle: cycle-a -> cycle-b -> cycle-a"),
        "{cyc}"
    );
}

#[test]
fn parse_errors_name_the_file_and_field() {
    let dir = std::env::temp_dir().join(format!("docket-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.toml");
    std::fs::write(&path, "[case]\nid = \"x\"\ncourt = \"nysb\"\n[obligations.a]\ntitle = \"A\"\ndue = \"2009-02-30\"\n").unwrap();
    let e = Docket::load(&path).unwrap_err().to_string();
    assert!(e.starts_with(&path.display().to_string()), "{e}");
    assert!(e.contains("\"2009-02-30\" is not a date"), "{e}");
    std::fs::write(&path, "[case]\nid = \"x\"\ncourt = \"nysb\"\n[obligations.a]\ntitle = \"A\"\ndue = { dayz = 3, after = \"b\" }\n").unwrap();
    let e = Docket::load(&path).unwrap_err().to_string();
    assert!(e.contains("dayz"), "{e}");
    let e = Docket::load(dir.join("missing.toml"))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("missing.toml") && e.contains("cannot read"),
        "{e}"
    );
    let e = Docket::load(dir.join("x.yaml")).unwrap_err().to_string();
    assert!(e.contains(".toml or .json"), "{e}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn unquoted_toml_dates_are_read() {
    let docket = Docket::from_toml_str(
        "[case]\nid = \"x\"\ncourt = \"nysd\"\n[events.h]\ntitle = \"H\"\nat = 2025-03-20T10:00:00\n\
         [obligations.a]\ntitle = \"A\"\ndue = 2025-03-03\nfiled = 2025-03-03\n",
    )
    .unwrap();
    let s = docket.schedule(&ScheduleOptions::new()).unwrap();
    assert_eq!(s.deadlines[0].due, d("2025-03-03"));
    assert_eq!(s.deadlines[0].status, DeadlineStatus::Filed);
    assert_eq!(s.events[0].at.unwrap().to_string(), "2025-03-20 10:00:00");
}

#[test]
fn changes_extend_vacate_file_reinstate_cancel() {
    let base = example("lexington");
    let opts = ScheduleOptions::new().window(None, Some(d("2009-06-01")));
    // Extend the bullet summary to 04-24 by stipulated order.
    let mut dk = base.clone();
    dk.changes.push(Change::extend(
        d("2009-04-20"),
        "Stipulated order",
        "bullet-summary",
        None,
        d("2009-04-24"),
    ));
    let s = dk.schedule(&opts).unwrap();
    assert_eq!(due_of(&s, "lexington/bullet-summary/1"), "2009-04-24");
    // Record the third report's filing on 04-30: the fourth is then due two
    // weeks later, Thursday 05-14.
    dk.changes.push(Change::file(
        d("2009-04-30"),
        "Joint status letter",
        "status-report",
    ));
    let s = dk.schedule(&opts).unwrap();
    assert_eq!(
        dates(&s, "status-report")[2],
        ("2009-04-30".into(), "filed", Some("2009-04-30".into()))
    );
    assert_eq!(due_of(&s, "lexington/status-report/4"), "2009-05-14");
    // Vacate the status reports on 05-01: 05-14 is vacated and nothing
    // follows.
    dk.changes.push(Change::vacate(
        d("2009-05-01"),
        "Order vacating",
        "status-report",
    ));
    let s = dk.schedule(&opts).unwrap();
    let st = dates(&s, "status-report");
    assert_eq!(st.len(), 4);
    assert_eq!(st[3], ("2009-05-14".into(), "vacated", None));
    assert!(s.truncated.is_empty());
    // Reinstated: open again, and recurring.
    dk.changes.push(Change::reinstate(
        d("2009-05-05"),
        "Order reinstating",
        "status-report",
    ));
    let s = dk.schedule(&opts).unwrap();
    assert_eq!(dates(&s, "status-report")[3].1, "open");
    assert!(dates(&s, "status-report").len() > 4);
    // Cancel an event: deadlines counted from it are vacated.
    let mut c = example("chapter11");
    c.changes.push(Change::cancel(
        d("2024-06-01"),
        "Notice of adjournment sine die",
        "confirmation-hearing",
    ));
    let s = c.schedule(&ScheduleOptions::new()).unwrap();
    for o in ["confirmation-notice", "plan-objections"] {
        assert_eq!(
            s.deadlines
                .iter()
                .find(|x| x.obligation == o)
                .unwrap()
                .status,
            DeadlineStatus::Vacated,
            "{o}"
        );
    }
    // Move to a date-time.
    let mut m = example("lexington");
    m.changes.push(Change::move_event(
        d("2009-04-16"),
        "Letter",
        "mediation",
        EventTime::At("2009-05-06T10:00:00".parse().unwrap()),
    ));
    let s = m.schedule(&opts).unwrap();
    let med = s.events.iter().find(|e| e.id == "mediation").unwrap();
    assert_eq!(med.at.unwrap().to_string(), "2009-05-06 10:00:00");
    assert_eq!(med.changes[0].by, "Letter");
}

#[test]
fn recurrence_bounds_truncation_and_clamping() {
    let base = |repeat: &str, first: &str| {
        Docket::from_toml_str(&format!(
            "[case]\nid = \"r\"\ncourt = \"nysd\"\n[events.end]\ntitle = \"End\"\ndate = \"2025-06-30\"\n\
             [obligations.x]\ntitle = \"X\"\nfirst_due = \"{first}\"\nrepeat = {repeat}\n"
        ))
        .unwrap()
    };
    // Monthly from January 31 (set by order): the grid clamps to each
    // month's end: 01-31 (Fri), 02-28 (Fri), 03-31 (Mon), 04-30 (Wed), 05-31
    // (a Saturday: it stands; Monday 06-02 is the later reading), 06-30
    // (Mon); until the event on 06-30.
    let s = base("{ every = \"1 month\", until = \"end\" }", "2025-01-31")
        .schedule(&ScheduleOptions::new())
        .unwrap();
    let got: Vec<String> = dates(&s, "x").into_iter().map(|x| x.0).collect();
    assert_eq!(
        got,
        [
            "2025-01-31",
            "2025-02-28",
            "2025-03-31",
            "2025-04-30",
            "2025-05-31",
            "2025-06-30"
        ]
    );
    // count = 3.
    let s = base("{ every = \"2 weeks\", count = 3 }", "2025-01-06")
        .schedule(&ScheduleOptions::new())
        .unwrap();
    assert_eq!(dates(&s, "x").len(), 3);
    assert!(s.truncated.is_empty());
    // Unbounded: expanded only to the horizon, and the cut is reported.
    let s = base("{ every = \"1 day\" }", "2025-01-06")
        .schedule(&ScheduleOptions::new().horizon(Some(d("2025-02-06"))))
        .unwrap();
    assert!(dates(&s, "x").len() < 40);
    assert_eq!(s.truncated[0].obligation, "x");
    // Even an enormous horizon stops at the cap.
    let s = base("{ every = \"1 day\" }", "2025-01-06")
        .schedule(&ScheduleOptions::new().horizon(Some(d("2100-01-01"))))
        .unwrap();
    assert_eq!(
        dates(&s, "x").len(),
        docket::docket::MAX_OCCURRENCES as usize
    );
    assert_eq!(s.truncated[0].occurrences, docket::docket::MAX_OCCURRENCES);
    // roll = "none" keeps the grid date (05-31, a Saturday).
    let s = base(
        "{ every = \"1 month\", until = \"end\", roll = \"none\" }",
        "2025-01-31",
    )
    .schedule(&ScheduleOptions::new())
    .unwrap();
    assert!(dates(&s, "x").iter().any(|x| x.0 == "2025-05-31"));
}

#[test]
fn queries_between_party_overdue_next() {
    let lex = schedule_to(&example("lexington"), "2009-06-01");
    let between: Vec<String> = lex
        .due_between(d("2009-04-10"), d("2009-04-25"))
        .map(|x| x.id.to_string())
        .collect();
    assert_eq!(
        between,
        ["lexington/status-report/2", "lexington/bullet-summary/1"]
    );
    assert!(lex
        .for_party("lenders")
        .unwrap()
        .all(|x| x.obligation == "status-report"));
    assert_eq!(
        lex.for_party("Prepetition Senior Lenders").unwrap().count(),
        dates(&lex, "status-report").len()
    );
    // As of 2009-05-01: the bullet summary (04-22) and the third report
    // (04-30) are open and past due.
    let overdue: Vec<String> = lex
        .overdue(d("2009-05-01"))
        .map(|x| x.id.to_string())
        .collect();
    assert_eq!(
        overdue,
        ["lexington/bullet-summary/1", "lexington/status-report/3"]
    );
    let ch11 = schedule_to(&example("chapter11"), "2024-12-31");
    let civil = schedule_to(&example("civil"), "2025-12-31");
    let all = [lex, ch11, civil];
    let next: Vec<String> = next_deadlines(&all, d("2024-06-01"), 3)
        .into_iter()
        .map(|x| x.id.to_string())
        .collect();
    assert_eq!(
        next,
        [
            "harbor-freight-lines/plan-objections/1",
            "harbor-freight-lines/confirmation-reply/1",
            "harbor-freight-lines/operating-reports/5"
        ]
    );
}

#[test]
fn appeals_count_the_district_courts_state_too() {
    // FRAP 26(a)(6)(C): days declared by the state of the district court
    // whose judgment is challenged count as well as the circuit clerk's.
    // An appeal from the District of New Jersey to the Third Circuit
    // (clerk in Philadelphia): New Jersey observed Juneteenth on the third
    // Friday of June, 2022-06-17 (N.J.S.A. 36:1-1.2).
    let text = |state: &str| {
        format!(
            "[case]\nid = \"appeal\"\n[calendar]\nbase = \"ca3\"\n{state}\n\
             [events.judgment]\ntitle = \"Judgment entered\"\ndate = \"2022-06-03\"\n\
             [obligations.brief]\ntitle = \"Brief\"\ndue = {{ days = 14, after = \"judgment\" }}\n"
        )
    };
    let with_nj = Docket::from_toml_str(&text("state = \"NJ\"")).unwrap();
    let s = with_nj.schedule(&ScheduleOptions::new()).unwrap();
    // 14 days after Friday 06-03 is Friday 06-17 (New Jersey's Juneteenth)
    // -> the weekend -> Monday 06-20, the federal Juneteenth observed ->
    // Tuesday 06-21.
    assert_eq!(due_of(&s, "appeal/brief/1"), "2022-06-21");
    assert!(
        s.deadlines[0]
            .explain
            .iter()
            .any(|l| l.contains("a state legal holiday")),
        "{:?}",
        s.deadlines[0].explain
    );
    let pa_only = Docket::from_toml_str(&text("")).unwrap();
    let s = pa_only.schedule(&ScheduleOptions::new()).unwrap();
    assert_eq!(due_of(&s, "appeal/brief/1"), "2022-06-17");
}

#[test]
fn a_filing_moves_what_counts_from_it_and_the_diff_says_why() {
    let before = example("chapter11");
    // Objections filed early, on Friday 2024-06-14: the reply counts from
    // the filing, 3 days later: Monday 2024-06-17 (was 06-21).
    let after = before
        .with_change(Change::file(
            d("2024-06-14"),
            "Objection filed",
            "plan-objections",
        ))
        .unwrap();
    let opts = ScheduleOptions::new();
    let diff = docket::docket::Diff::between(
        &before.schedule(&opts).unwrap(),
        &after.schedule(&opts).unwrap(),
    );
    let reply = diff
        .moved
        .iter()
        .find(|m| m.id == "harbor-freight-lines/confirmation-reply/1")
        .unwrap();
    assert_eq!((reply.from, reply.to), (d("2024-06-21"), d("2024-06-17")));
    assert!(
        reply.chain[0].contains("filed 2024-06-14"),
        "{:?}",
        reply.chain
    );
    assert_eq!(diff.status_changed.len(), 1);
    // Unchanged ids come in natural order (occurrence 2 before 10).
    let mut ids = diff.unchanged.clone();
    ids.retain(|x| x.contains("operating-reports"));
    assert_eq!(
        ids.first().map(String::as_str),
        Some("harbor-freight-lines/operating-reports/1")
    );
}

const TIMED: &str = r#"
[case]
id = "t"
court = "nysd"

[events.hearing]
title = "Hearing"
at = "2026-04-08T10:00"
ends = "12:00"

[events.conference]
title = "Conference"
at = "2025-11-02T01:30"
FOLD

[obligations.brief]
title = "Brief"
due = { hours = 24, after = "conference" }
"#;

fn timed(fold: &str) -> Docket {
    Docket::from_toml_str(&TIMED.replace("FOLD", fold)).unwrap()
}

#[test]
fn a_move_to_a_bare_date_keeps_the_time() {
    let docket = timed("fold = \"earlier\"");
    let on = d("2026-03-01");
    // To a bare date: the 10:00-12:00 hearing stays at 10:00-12:00.
    let moved = docket
        .with_change(Change::move_event(
            on,
            "Order",
            "hearing",
            EventTime::Date(d("2026-04-15")),
        ))
        .unwrap();
    let s = moved.schedule(&ScheduleOptions::new()).unwrap();
    let h = s.events.iter().find(|e| e.id == "hearing").unwrap();
    assert_eq!(h.at.unwrap().to_string(), "2026-04-15 10:00:00");
    assert_eq!(h.ends.unwrap().to_string(), "12:00:00");
    // With a time: the time changes.
    let moved = docket
        .with_change(Change::move_event(
            on,
            "Order",
            "hearing",
            EventTime::At("2026-04-15T14:00:00".parse().unwrap()),
        ))
        .unwrap();
    let s = moved.schedule(&ScheduleOptions::new()).unwrap();
    let h = s.events.iter().find(|e| e.id == "hearing").unwrap();
    assert_eq!(h.at.unwrap().to_string(), "2026-04-15 14:00:00");
    // The incremental schedule agrees.
    let mut live =
        docket::docket::LiveSchedule::new(docket.check().unwrap(), ScheduleOptions::new()).unwrap();
    live.apply(Change::move_event(
        on,
        "Order",
        "hearing",
        EventTime::Date(d("2026-04-15")),
    ))
    .unwrap();
    let h = live
        .schedule()
        .events
        .into_iter()
        .find(|e| e.id == "hearing")
        .unwrap();
    assert_eq!(h.at.unwrap().to_string(), "2026-04-15 10:00:00");
}

#[test]
fn local_times_that_do_not_exist_or_occur_twice_are_never_picked_silently() {
    let err = |docket: &Docket| {
        docket
            .schedule(&ScheduleOptions::new())
            .unwrap_err()
            .to_string()
    };
    // 2025-11-02 01:30 occurs twice in New York (clocks fall back at 02:00
    // EDT to 01:00 EST): the docket must say which.
    let e = err(&timed(""));
    assert!(
        e.contains("event \"conference\": at: 2025-11-02T01:30 occurs twice in America/New_York (clocks fall back): give fold = \"earlier\" or \"later\""),
        "{e}"
    );
    // 2026-03-08 02:30 does not exist (clocks spring forward at 02:00 EST
    // to 03:00 EDT).
    let gap = Docket::from_toml_str(
        &TIMED
            .replace("FOLD", "fold = \"later\"")
            .replace("2026-04-08T10:00", "2026-03-08T02:30")
            .replace("ends = \"12:00\"", ""),
    )
    .unwrap();
    let e = err(&gap);
    assert!(
        e.contains("event \"hearing\": at: 2026-03-08T02:30 does not exist in America/New_York (clocks spring forward)"),
        "{e}"
    );
    // A move into the gap, with a time or keeping the event's: refused,
    // naming the change and the field; also by a live schedule.
    let on = d("2026-03-01");
    let docket = timed("fold = \"later\"");
    let to_gap = Change::move_event(
        on,
        "Order",
        "hearing",
        EventTime::At("2026-03-08T02:30:00".parse().unwrap()),
    );
    let e = err(&docket.with_change(to_gap.clone()).unwrap());
    assert!(
        e.contains("change 1 (on 2026-03-01): to: 2026-03-08T02:30 does not exist"),
        "{e}"
    );
    let mut night = timed("fold = \"later\"");
    night.events.get_mut("hearing").unwrap().at = Some("2026-04-08T02:30:00".parse().unwrap());
    night.events.get_mut("hearing").unwrap().ends = None;
    let keep = Change::move_event(on, "Order", "hearing", EventTime::Date(d("2026-03-08")));
    let e = err(&night.with_change(keep).unwrap());
    assert!(
        e.contains("to: moving \"hearing\" to 2026-03-08 keeps its time 02:30; 2026-03-08T02:30 does not exist"),
        "{e}"
    );
    let mut live =
        docket::docket::LiveSchedule::new(docket.check().unwrap(), ScheduleOptions::new()).unwrap();
    let before = live.schedule();
    assert!(live.apply(to_gap).is_err());
    assert_eq!(live.schedule(), before);
    // A move to a time that occurs twice needs the change's fold.
    let twice = Change::move_event(
        on,
        "Order",
        "hearing",
        EventTime::At("2026-11-01T01:15:00".parse().unwrap()),
    );
    assert!(live.apply(twice.clone()).is_err());
    live.apply(twice.with_fold(Some(docket::docket::Fold::Later)))
        .unwrap();
}

#[test]
fn fold_chooses_the_moment_for_hours_and_feeds() {
    // fold = "later": the second 01:30, 06:30 UTC (EST). 24 hours of real
    // time later is 2025-11-03T01:30; from the first (05:30 UTC, EDT) it is
    // 2025-11-03T00:30.
    let s = timed("fold = \"later\"")
        .schedule(&ScheduleOptions::new())
        .unwrap();
    assert_eq!(
        s.deadlines[0].at.unwrap().to_string(),
        "2025-11-03 01:30:00"
    );
    assert!(s.deadlines[0]
        .explain
        .iter()
        .any(|l| l.contains("fold = \"later\" means the second")));
    let conf = s.events.iter().find(|e| e.id == "conference").unwrap();
    assert_eq!(conf.fold, Some(docket::docket::Fold::Later));
    let s = timed("fold = \"earlier\"")
        .schedule(&ScheduleOptions::new())
        .unwrap();
    assert_eq!(
        s.deadlines[0].at.unwrap().to_string(),
        "2025-11-03 00:30:00"
    );
    // The feed: a local time with TZID means the first of two (RFC 5545
    // 3.3.5), so the second is written in UTC; an hour later (no `ends`)
    // is 02:30 EST.
    let opts = docket::ical::FeedOptions::new("example.com");
    let later = docket::ical::case_feed(&timed("fold = \"later\""), &opts).unwrap();
    assert!(later.contains("DTSTART:20251102T063000Z"), "{later}");
    assert!(
        later.contains("DTEND;TZID=America/New_York:20251102T023000"),
        "{later}"
    );
    let earlier = docket::ical::case_feed(&timed("fold = \"earlier\""), &opts).unwrap();
    assert!(
        earlier.contains("DTSTART;TZID=America/New_York:20251102T013000"),
        "{earlier}"
    );
    // An hour of real time after 01:30 EDT is 01:30 EST: the second one.
    assert!(earlier.contains("DTEND:20251102T063000Z"), "{earlier}");
}

#[test]
fn parties_found_by_id_or_name_and_refused_when_ambiguous_or_unknown() {
    let d = Docket::from_toml_str(
        r#"
        [case]
        id = "p"
        court = "nysd"
        [parties.smith-llc]
        name = "Smith"
        [parties.smith-inc]
        name = "SMITH"
        [obligations.brief]
        title = "Brief"
        parties = ["smith-llc"]
        due = "2025-03-03"
        "#,
    )
    .unwrap();
    let s = d.schedule(&ScheduleOptions::new()).unwrap();
    // An id first, whatever the names.
    assert_eq!(s.for_party("smith-llc").unwrap().count(), 1);
    assert_eq!(s.for_party("SMITH-INC").unwrap().count(), 0);
    let e = s.for_party("smith").err().unwrap();
    assert_eq!(
        e.to_string(),
        "\"smith\" names 2 parties (smith-inc, smith-llc): give the id"
    );
    assert_eq!(d.party_id("smith").unwrap_err().to_string(), e.to_string());
    let none = Docket::from_toml_str("[case]\nid = \"n\"\ncourt = \"nysd\"\n").unwrap();
    let e = none
        .schedule(&ScheduleOptions::new())
        .unwrap()
        .for_party("smith")
        .err()
        .unwrap();
    assert_eq!(e.to_string(), "no party \"smith\" (the docket has none)");
}
