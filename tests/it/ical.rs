//! iCalendar feeds, read back with the `icalendar` crate's parser (an
//! independent reader of what our writer wrote).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use docket::docket::{Change, Docket, EventTime};
use docket::ical::{case_feed, party_feed, portfolio_feed, sanitize_line, FeedOptions};
use icalendar::parser::{read_calendar, unfold, Component};
use proptest::prelude::*;

use super::dockets::{d, example};

/// A property: name, parameters, raw value.
type Prop = (String, Vec<(String, String)>, String);

/// VEVENTs by UID, each a list of properties (name, params, value). The
/// parser unescapes TEXT values itself.
fn events(ics: &str) -> BTreeMap<String, Vec<Prop>> {
    check_lines(ics);
    let unfolded = unfold(ics);
    // One VCALENDAR; the parser hands back what is inside it.
    assert!(unfolded.starts_with("BEGIN:VCALENDAR\r\n") && unfolded.ends_with("END:VCALENDAR\r\n"));
    assert_eq!(unfolded.matches("BEGIN:VCALENDAR").count(), 1);
    let cal = read_calendar(&unfolded).unwrap_or_else(|e| panic!("parse: {e}\n{ics}"));
    let mut out = BTreeMap::new();
    for c in &cal.components {
        assert!(
            ["VEVENT", "VTIMEZONE"].contains(&c.name.as_str()),
            "unexpected {}",
            c.name
        );
    }
    for c in cal
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
    {
        let props = props(c);
        let uid = props.iter().find(|p| p.0 == "UID").expect("UID").2.clone();
        assert!(
            out.insert(uid.clone(), props).is_none(),
            "duplicate UID {uid}"
        );
    }
    out
}

fn props(c: &Component<'_>) -> Vec<Prop> {
    c.properties
        .iter()
        .map(|p| {
            (
                p.name.as_str().to_string(),
                p.params
                    .iter()
                    .map(|x| {
                        (
                            x.key.as_str().to_string(),
                            x.val
                                .as_ref()
                                .map(|v| v.as_str().to_string())
                                .unwrap_or_default(),
                        )
                    })
                    .collect(),
                p.val.as_str().to_string(),
            )
        })
        .collect()
}

fn get<'a>(props: &'a [Prop], name: &str) -> Option<&'a str> {
    props.iter().find(|p| p.0 == name).map(|p| p.2.as_str())
}

/// Lines end in CRLF, hold at most 75 octets, and no fold splits an escape.
fn check_lines(ics: &str) {
    assert!(ics.ends_with("\r\n"));
    assert!(
        !ics.replace("\r\n", "").contains(['\r', '\n']),
        "bare CR or LF"
    );
    for l in ics.split("\r\n") {
        assert!(l.len() <= 75, "{} octets: {l:?}", l.len());
        let trailing = l.chars().rev().take_while(|c| *c == '\\').count();
        assert_eq!(trailing % 2, 0, "escape split at {l:?}");
    }
}

/// A change dated `on` moving the chapter 11 example's confirmation hearing to `at`.
fn adjourn(on: &str, at: &str) -> Change {
    Change::move_event(
        d(on),
        "Order adjourning the confirmation hearing",
        "confirmation-hearing",
        EventTime::At(at.parse().unwrap()),
    )
}

fn date_of(v: &str) -> NaiveDate {
    NaiveDate::parse_from_str(&v[..8], "%Y%m%d").unwrap()
}

#[test]
fn example_feeds_are_well_formed() {
    let opts = FeedOptions::new("docket.example").alarms(&[7, 1]);
    for name in ["lexington", "chapter11", "civil"] {
        let docket = example(name);
        let ics = case_feed(&docket, &opts).unwrap();
        let evs = events(&ics);
        let schedule = docket
            .schedule(&docket::docket::ScheduleOptions::new())
            .unwrap();
        // One VEVENT per (non-vacated) deadline occurrence and per event.
        let want: BTreeSet<String> = schedule
            .deadlines
            .iter()
            .map(|x| format!("{}@docket.example", x.id))
            .chain(
                schedule
                    .events
                    .iter()
                    .map(|e| format!("{}/{}@docket.example", docket.case.id, e.id)),
            )
            .collect();
        assert_eq!(evs.keys().cloned().collect::<BTreeSet<_>>(), want, "{name}");
        for (uid, p) in &evs {
            for required in [
                "DTSTAMP",
                "DTSTART",
                "DTEND",
                "SUMMARY",
                "SEQUENCE",
                "DESCRIPTION",
            ] {
                assert!(get(p, required).is_some(), "{uid} lacks {required}");
            }
            let start = p.iter().find(|x| x.0 == "DTSTART").unwrap();
            let end = p.iter().find(|x| x.0 == "DTEND").unwrap();
            if start.1.iter().any(|(k, v)| k == "VALUE" && v == "DATE") {
                // All-day: DTEND is the next day (exclusive).
                assert_eq!(
                    date_of(&end.2),
                    date_of(&start.2).succ_opt().unwrap(),
                    "{uid}"
                );
            } else {
                // Timed: a TZID whose VTIMEZONE is in the file.
                let tzid = &start.1.iter().find(|(k, _)| k == "TZID").expect("TZID").1;
                assert!(
                    ics.contains(&format!("BEGIN:VTIMEZONE\r\nTZID:{tzid}\r\n")),
                    "{uid}"
                );
            }
        }
        // Deterministic: the same docket gives the same bytes.
        assert_eq!(ics, case_feed(&docket, &opts).unwrap());
        assert!(!ics.contains("METHOD:"), "no METHOD by default");
    }
}

#[test]
fn deadline_event_content() {
    let docket = example("chapter11");
    let opts = FeedOptions::new("docket.example").alarms(&[7]);
    let ics = case_feed(&docket, &opts).unwrap();
    let evs = events(&ics);
    let obj = &evs["harbor-freight-lines/plan-objections/1@docket.example"];
    assert_eq!(get(obj, "DTSTART"), Some("20240618"));
    assert_eq!(get(obj, "DTEND"), Some("20240619"));
    let summary = get(obj, "SUMMARY").unwrap().to_string();
    assert_eq!(
        summary,
        "Due: Objections to confirmation (Objecting parties in interest, Office of the United States Trustee, Official Committee of Unsecured Creditors)"
    );
    let desc = get(obj, "DESCRIPTION").unwrap().to_string();
    for want in [
        "In re Harbor Freight Lines, Inc., et al., No. 24-10123 (ABC)",
        "Juneteenth",
        "Fed. R. Bankr. P. 9006(a)(1)(C)",
        "Imposed by: Order approving the disclosure statement",
    ] {
        assert!(desc.contains(want), "{want}: {desc}");
    }
    assert!(get(obj, "CATEGORIES")
        .unwrap()
        .contains("Office of the United States Trustee"));
    // A reminder 7 days before, with no random UID or clock DTSTAMP.
    assert!(ics.contains("BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-P7D\r\n"));
    // The hearing is timed in the court's zone.
    let hearing = &evs["harbor-freight-lines/confirmation-hearing@docket.example"];
    let start = hearing.iter().find(|p| p.0 == "DTSTART").unwrap();
    assert_eq!(start.2, "20240626T100000");
    assert_eq!(
        start.1,
        vec![("TZID".to_string(), "America/New_York".to_string())]
    );
    assert_eq!(get(hearing, "DTEND"), Some("20240626T130000"));
    // UTC option: no VTIMEZONE, instants in UTC (10:00 EDT = 14:00Z).
    let utc = case_feed(&docket, &FeedOptions::new("docket.example").utc_times(true)).unwrap();
    assert!(!utc.contains("VTIMEZONE"));
    assert_eq!(
        get(
            &events(&utc)["harbor-freight-lines/confirmation-hearing@docket.example"],
            "DTSTART"
        ),
        Some("20240626T140000Z")
    );
}

#[test]
fn a_moved_deadline_keeps_its_uid_bumps_sequence_and_moves() {
    let before = example("chapter11");
    let after = before
        .with_change(adjourn("2024-06-01", "2024-07-02T10:00:00"))
        .unwrap();
    let opts = FeedOptions::new("docket.example");
    let a = events(&case_feed(&before, &opts).unwrap());
    let b = events(&case_feed(&after, &opts).unwrap());
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "same UIDs"
    );
    let uid = "harbor-freight-lines/plan-objections/1@docket.example";
    assert_eq!(get(&a[uid], "SEQUENCE"), Some("0"));
    assert_eq!(get(&b[uid], "SEQUENCE"), Some("1"));
    // 7 days before Tuesday 2024-07-02 is Tuesday 06-25.
    assert_eq!(get(&b[uid], "DTSTART"), Some("20240625"));
    assert_eq!(get(&b[uid], "LAST-MODIFIED"), Some("20240601T000000Z"));
    // A fixed deadline did not move: SEQUENCE stays 0.
    let mor = "harbor-freight-lines/operating-reports/4@docket.example";
    assert_eq!(get(&b[mor], "SEQUENCE"), Some("0"));
    assert_eq!(get(&b[mor], "DTSTART"), get(&a[mor], "DTSTART"));
    // A second move bumps again.
    let again = after
        .with_change(adjourn("2024-06-10", "2024-07-09T10:00:00"))
        .unwrap();
    let c = events(&case_feed(&again, &opts).unwrap());
    assert_eq!(get(&c[uid], "SEQUENCE"), Some("2"));
    assert_eq!(
        get(
            &c["harbor-freight-lines/confirmation-hearing@docket.example"],
            "SEQUENCE"
        ),
        Some("2")
    );
}

#[test]
fn vacated_items_are_dropped_or_cancelled() {
    let docket = example("lexington")
        .with_change(Change::vacate(
            d("2009-04-20"),
            "Order vacating",
            "bullet-summary",
        ))
        .unwrap();
    let uid = "lexington/bullet-summary/1@x.example";
    let opts = FeedOptions::new("x.example").window(None, Some(d("2009-06-01")));
    let dropped = events(&case_feed(&docket, &opts).unwrap());
    assert!(!dropped.contains_key(uid));
    let kept = events(&case_feed(&docket, &opts.clone().keep_vacated(true)).unwrap());
    assert_eq!(get(&kept[uid], "STATUS"), Some("CANCELLED"));
    assert_eq!(get(&kept[uid], "SEQUENCE"), Some("1"));
}

#[test]
fn party_and_portfolio_feeds() {
    let all = [example("lexington"), example("chapter11"), example("civil")];
    let opts = FeedOptions::new("docket.example");
    let debtors = events(&party_feed(&all, "debtors", &opts).unwrap());
    assert!(debtors
        .keys()
        .any(|k| k.starts_with("lexington/status-report/")));
    assert!(debtors
        .keys()
        .any(|k| k.starts_with("harbor-freight-lines/confirmation-notice/")));
    assert!(!debtors
        .keys()
        .any(|k| k.starts_with("harbor-freight-lines/plan-objections/")));
    assert!(!debtors.keys().any(|k| k.starts_with("acme-v-widget/")));
    assert!(party_feed(&all, "nobody", &opts).is_err());
    let every = events(&portfolio_feed(&all, &opts).unwrap());
    // In a feed of several cases each summary names its case.
    assert!(get(
        &every["lexington/status-report/1@docket.example"],
        "SUMMARY"
    )
    .unwrap()
    .starts_with("[08-11153-MG] Due: Joint status report"));
    let per_case: usize = all
        .iter()
        .map(|x| events(&case_feed(x, &opts).unwrap()).len())
        .sum();
    assert_eq!(every.len(), per_case);
}

/// What a multi-line value turns into `\n`.
const LINE_BREAKS: [char; 4] = ['\r', '\n', '\u{2028}', '\u{2029}'];
/// What no feed carries: line separators, bidi embeddings, overrides and isolates.
const REMOVED: [char; 11] = [
    '\u{2028}', '\u{2029}', '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}',
    '\u{2067}', '\u{2068}', '\u{2069}',
];

fn hostile() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("\n".to_string()),
        Just(";".to_string()),
        Just(",".to_string()),
        Just("\\".to_string()),
        Just("\\n".to_string()),
        Just("\"".to_string()),
        Just(":".to_string()),
        Just("BEGIN:VEVENT".to_string()),
        Just("END:VCALENDAR".to_string()),
        Just("\r\nUID:evil@x\r\nBEGIN:VALARM".to_string()),
        "\\PC{1,12}",
        "[\u{0}-\u{1f}]{1,3}",
        "[é漢字🎉\u{200b}]{1,5}",
        // Line and paragraph separators, bidi overrides and isolates
        // (removed) and the implicit marks (kept).
        "[\u{2028}\u{2029}\u{202a}-\u{202e}\u{2066}-\u{2069}\u{200e}\u{200f}\u{61c}]{1,4}",
    ];
    prop::collection::vec(pieces, 1..12).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Whatever the titles, captions and party names hold, each feed has
    /// exactly the components and properties intended, and the summary reads
    /// back equal to the sanitized title.
    #[test]
    fn hostile_text_cannot_inject(title in hostile(), caption in hostile(), party in hostile(), location in hostile()) {
        // JSON string escapes are valid TOML basic-string escapes.
        let toml_str = |s: &str| serde_json::to_string(s).unwrap();
        let text = format!(
            "[case]\nid = \"h\"\ncourt = \"nysd\"\ncaption = {}\n[parties.p]\nname = {}\n\
             [events.hearing]\ntitle = {}\nat = \"2025-03-20T10:00\"\nlocation = {}\n\
             [obligations.brief]\ntitle = {}\nparties = [\"p\"]\ndue = {{ days = 7, before = \"hearing\" }}\ncite = {}\n",
            toml_str(&caption), toml_str(&party), toml_str(&title), toml_str(&location), toml_str(&title), toml_str(&caption)
        );
        let Ok(docket) = Docket::from_toml_str(&text) else { return Ok(()); };
        if docket.validate().is_err() { return Ok(()); }
        let ics = case_feed(&docket, &FeedOptions::new("x.example").alarms(&[1]).name(title.clone())).unwrap();
        let evs = events(&ics);
        prop_assert_eq!(evs.len(), 2);
        let brief = &evs["h/brief/1@x.example"];
        let names: Vec<&str> = brief.iter().map(|p| p.0.as_str()).collect();
        prop_assert_eq!(names, vec!["UID", "DTSTAMP", "LAST-MODIFIED", "SEQUENCE", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "CATEGORIES", "TRANSP", "STATUS"]);
        let summary = get(brief, "SUMMARY").unwrap().to_string();
        prop_assert_eq!(summary, format!("Due: {} ({})", sanitize_line(&title), sanitize_line(&party)));
        let hearing = &evs["h/hearing@x.example"];
        prop_assert_eq!(get(hearing, "SUMMARY").unwrap().to_string(), sanitize_line(&title));
        prop_assert_eq!(get(hearing, "LOCATION").unwrap().to_string(), sanitize_line(&location));
        // The description keeps line breaks as \n escapes and nothing else.
        let desc = get(brief, "DESCRIPTION").unwrap().to_string();
        prop_assert!(desc.contains(&sanitize_line(&title)) || title.contains(LINE_BREAKS), "{}", desc);
        // No line separator or bidi embedding, override or isolate anywhere.
        prop_assert!(!ics.contains(REMOVED), "{}", ics);
        // Exactly one VALARM, one VTIMEZONE, one VCALENDAR.
        // (Counted at line starts: a value may contain the words.)
        prop_assert_eq!(ics.matches("\r\nBEGIN:VALARM\r\n").count(), 1);
        prop_assert_eq!(ics.matches("\r\nBEGIN:VCALENDAR\r\n").count(), 0);
        prop_assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
        prop_assert_eq!(ics.matches("\r\nBEGIN:VTIMEZONE\r\n").count(), 1);
        prop_assert_eq!(ics.matches("\r\nUID:").count(), 2);
        prop_assert_eq!(ics.matches("\r\nBEGIN:VEVENT\r\n").count(), 2);
    }
}

#[test]
fn party_feeds_declare_zones_and_refuse_the_dst_gap() {
    let docket = |at: &str| {
        Docket::from_toml_str(&format!(
            "[case]\nid = \"z\"\ncourt = \"nysd\"\n[parties.p]\nname = \"P\"\n\
             [events.conference]\ntitle = \"Conference\"\nat = \"{at}\"\n\
             [obligations.letter]\ntitle = \"Letter\"\nparties = [\"p\"]\ndue = {{ days = 3, before = \"conference\" }}\n",
        ))
        .unwrap()
    };
    let d = docket("2025-03-09T03:30");
    // A timed event with no parties is in every party's feed, with its zone.
    let ics = party_feed(std::slice::from_ref(&d), "p", &FeedOptions::new("x")).unwrap();
    assert!(ics.contains("DTSTART;TZID=America/New_York:20250309T033000"));
    assert!(ics.contains("BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n"));
    // 03:30 EDT, just after the clocks jumped, is 07:30 UTC.
    let utc = case_feed(&d, &FeedOptions::new("x").utc_times(true)).unwrap();
    assert!(utc.contains("DTSTART:20250309T073000Z"), "{utc}");
    // 02:30 does not exist on 2025-03-09 in New York (clocks jump from 02:00
    // to 03:00): the feed is refused, naming the event and the field, never
    // written with a guessed moment.
    let e = case_feed(&docket("2025-03-09T02:30"), &FeedOptions::new("x")).unwrap_err();
    assert!(
        e.to_string().contains(
            "event \"conference\": at: 2025-03-09T02:30 does not exist in America/New_York"
        ),
        "{e}"
    );
}

#[test]
fn hours_deadlines_say_the_time() {
    let d = super::dockets::rich_docket();
    let ics = case_feed(&d, &FeedOptions::new("x")).unwrap();
    let evs = events(&ics);
    let em = &evs["rich/emergency/1@x"];
    // 48 hours after the moved hearing (Thursday 2025-03-27 14:30) end on
    // Saturday -> Monday 2025-03-31 at 14:30.
    assert_eq!(get(em, "DTSTART"), Some("20250331"));
    assert!(get(em, "DESCRIPTION")
        .unwrap()
        .contains("by 14:30 America/New_York"));
}

/// python3 with the packages of scripts/requirements.txt, or `None` (then the
/// caller skips; under CI, where .ci/run puts them on PATH, it fails instead).
fn python_with_readers() -> Option<&'static str> {
    let ok = std::process::Command::new("python3")
        .args([
            "-c",
            "import icalendar, recurring_ical_events, vobject, ical, dateutil",
        ])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must put python3 with scripts/requirements.txt on PATH"
        );
        println!("skipping: python3 with the packages of scripts/requirements.txt not on PATH");
    }
    ok.then_some("python3")
}

/// A docket at a court in `zone` with one timed event per `at` (local times).
fn zoned_docket(id: &str, zone: &str, ats: &[&str]) -> Docket {
    let mut t =
        format!("[case]\nid = \"{id}\"\n[calendar]\nbase = \"federal\"\ntime_zone = \"{zone}\"\n");
    for (i, at) in ats.iter().enumerate() {
        t.push_str(&format!(
            "[events.e{i}]\ntitle = \"Hearing {i}\"\nat = \"{at}\"\n"
        ));
    }
    Docket::from_toml_str(&t).unwrap()
}

/// Independent readers (Python icalendar, recurring-ical-events, vobject and
/// ical), each forced to use the feed's own VTIMEZONE (TZIDs renamed), read
/// every event at the UTC instant chrono-tz gives. The feeds are read in one
/// process in the order below: vobject keeps the first VTIMEZONE it sees for
/// a TZID, so the June 2023 event of the second New York feed is read with
/// the first feed's definition, whose first event is in November 2024.
#[test]
fn python_readers_agree_with_chrono_tz_on_every_event() {
    let Some(python) = python_with_readers() else {
        return;
    };
    let feeds: Vec<(&str, &str, Vec<&str>)> = vec![
        (
            "ny-nov-jun",
            "America/New_York",
            vec![
                "2024-11-12T10:00",
                "2025-03-10T09:00",
                "2025-06-10T10:00",
                "2025-11-03T09:30",
            ],
        ),
        ("ny-june", "America/New_York", vec!["2010-06-14T14:00"]),
        // Across the US change of 2007 (first Sunday of April, last of October before).
        (
            "chicago-2007",
            "America/Chicago",
            vec![
                "2006-04-01T09:00",
                "2006-04-03T09:00",
                "2006-10-30T09:00",
                "2007-03-12T09:00",
                "2007-10-30T09:00",
                "2007-11-05T09:00",
            ],
        ),
        // Across the EU change of 1996 (summer time ended in September until 1995).
        (
            "berlin-1995",
            "Europe/Berlin",
            vec![
                "1995-06-01T10:00",
                "1995-10-10T10:00",
                "1995-11-07T10:00",
                "1996-06-12T10:00",
                "1996-10-20T10:00",
            ],
        ),
        (
            "phoenix",
            "America/Phoenix",
            vec!["2024-11-12T10:00", "2025-06-10T10:00"],
        ),
        (
            "guam",
            "Pacific/Guam",
            vec!["2025-01-15T08:00", "2025-07-15T08:00"],
        ),
        (
            "puerto-rico",
            "America/Puerto_Rico",
            vec!["2025-03-20T10:00", "2025-07-01T10:00"],
        ),
        (
            "honolulu",
            "Pacific/Honolulu",
            vec!["2024-12-02T09:00", "2025-06-02T09:00"],
        ),
        (
            "anchorage",
            "America/Anchorage",
            vec!["2024-11-04T09:00", "2025-06-02T09:00"],
        ),
        (
            "adak",
            "America/Adak",
            vec!["2024-11-04T09:00", "2025-06-02T09:00"],
        ),
        (
            "lord-howe",
            "Australia/Lord_Howe",
            vec!["2025-01-15T10:00", "2025-06-15T10:00"],
        ),
        (
            "jerusalem",
            "Asia/Jerusalem",
            vec!["2025-03-27T10:00", "2025-03-28T10:00", "2025-10-27T10:00"],
        ),
        (
            "santiago",
            "America/Santiago",
            vec!["2025-01-15T10:00", "2025-06-15T10:00"],
        ),
    ];
    let dir = std::env::temp_dir().join(format!(
        "docket-vtimezone-readers-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    // As iTIP PUBLISH objects, so that the readers also take METHOD and ORGANIZER.
    let opts = FeedOptions::new("x.example").method(Some("PUBLISH".into()));
    let mut expect = serde_json::Map::new();
    let mut files = Vec::new();
    for (id, zone, ats) in &feeds {
        let docket = zoned_docket(id, zone, ats);
        let tz: chrono_tz::Tz = zone.parse().unwrap();
        let ics = case_feed(&docket, &opts).unwrap();
        assert!(
            ics.contains(&format!("BEGIN:VTIMEZONE\r\nTZID:{zone}\r\n")),
            "{id}"
        );
        let mut events = serde_json::Map::new();
        for (i, at) in ats.iter().enumerate() {
            let local: chrono::NaiveDateTime = format!("{at}:00").parse().unwrap();
            let utc = |t: chrono::NaiveDateTime| {
                use chrono::TimeZone;
                let instant = tz
                    .from_local_datetime(&t)
                    .single()
                    .expect("unambiguous test time");
                instant.naive_utc().format("%Y-%m-%dT%H:%M:%SZ").to_string()
            };
            let end = local + chrono::Duration::hours(1);
            events.insert(
                format!("{id}/e{i}@x.example"),
                serde_json::json!([utc(local), utc(end)]),
            );
        }
        let name = format!("{id}.ics");
        expect.insert(name.clone(), serde_json::Value::Object(events));
        std::fs::write(dir.join(&name), &ics).unwrap();
        files.push(dir.join(&name));
    }
    let expect_path = dir.join("expect.json");
    std::fs::write(&expect_path, serde_json::to_string(&expect).unwrap()).unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/check_vtimezone.py");
    let out = std::process::Command::new(python)
        .arg(script)
        .arg("--expect")
        .arg(&expect_path)
        .args(&files)
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "check_vtimezone.py failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let events: usize = feeds.iter().map(|f| f.2.len()).sum();
    assert!(
        stdout.contains(&format!("{events} event(s) x 4 readers OK")),
        "{stdout}"
    );
}

/// Feeds in the same era of a zone's rules carry the same VTIMEZONE, so a
/// reader that caches zones by TZID reads each of them right.
#[test]
fn feeds_under_the_same_rules_share_their_vtimezone() {
    let vtimezone = |ics: &str| {
        let start = ics.find("BEGIN:VTIMEZONE").unwrap();
        let end = ics.find("END:VTIMEZONE").unwrap();
        ics[start..end].to_string()
    };
    let opts = FeedOptions::new("x.example");
    let a = case_feed(
        &zoned_docket(
            "a",
            "America/New_York",
            &["2024-11-12T10:00", "2025-06-10T10:00"],
        ),
        &opts,
    )
    .unwrap();
    let b = case_feed(
        &zoned_docket("b", "America/New_York", &["2009-06-14T14:00"]),
        &opts,
    )
    .unwrap();
    assert_eq!(vtimezone(&a), vtimezone(&b));
    assert!(
        a.contains("DTSTART:20070311T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n"),
        "{a}"
    );
    // A feed with a 2006 event also has the rules of 1987-2006, counted.
    let c = case_feed(
        &zoned_docket(
            "c",
            "America/New_York",
            &["2006-06-14T14:00", "2025-06-10T10:00"],
        ),
        &opts,
    )
    .unwrap();
    assert!(
        c.contains("DTSTART:19870405T020000\r\nRRULE:FREQ=YEARLY;COUNT=20;BYMONTH=4;BYDAY=1SU\r\n"),
        "{c}"
    );
    assert!(vtimezone(&c).contains(&vtimezone(&a)[vtimezone(&a).find("BEGIN:DAYLIGHT").unwrap()..]));
}

/// U+2028/U+2029 and bidi embedding, override and isolate controls never
/// reach a feed (a right-to-left override could make "exe.pdf" read
/// "fdp.exe", or a date read backwards); the implicit marks stay.
#[test]
fn line_separators_and_bidi_overrides_are_removed_from_text() {
    let d = Docket::from_toml_str(
        "[case]\nid = \"b\"\ncourt = \"nysd\"\ncaption = \"Acme\u{2028}v.\u{202E}Widget\"\n\
         [parties.p]\nname = \"\u{5e9}\u{5dc}\u{5d5}\u{5dd} Ltd\u{200F} 2\"\n\
         [events.hearing]\ntitle = \"Hearing\u{2029}on\u{2066} 12/03\u{2069}\"\nat = \"2025-03-20T10:00\"\nlocation = \"Room\u{202D} 5\"\n\
         [obligations.brief]\ntitle = \"Brief\u{202B}\u{202C}\"\nparties = [\"p\"]\ndue = \"2025-03-10\"\n",
    )
    .unwrap();
    let ics = case_feed(&d, &FeedOptions::new("x.example")).unwrap();
    let evs = events(&ics);
    let hearing = &evs["b/hearing@x.example"];
    assert_eq!(get(hearing, "SUMMARY"), Some("Hearing on 12/03"));
    assert_eq!(get(hearing, "LOCATION"), Some("Room 5"));
    let brief = &evs["b/brief/1@x.example"];
    assert_eq!(
        get(brief, "SUMMARY"),
        Some("Due: Brief (\u{5e9}\u{5dc}\u{5d5}\u{5dd} Ltd\u{200F} 2)")
    );
    // In DESCRIPTION the separators are line breaks.
    let desc = get(brief, "DESCRIPTION").unwrap();
    assert!(desc.starts_with("Acme\nv.Widget\n"), "{desc:?}");
    assert!(ics.contains("NAME:Acme v.Widget\r\n"), "{ics}");
    assert!(!ics.contains(REMOVED), "{ics}");
}

/// A change recorded with an earlier date than one before it does not move
/// LAST-MODIFIED back; LAST-MODIFIED stays at or before DTSTAMP.
#[test]
fn last_modified_never_goes_back() {
    let docket = example("chapter11")
        .with_change(adjourn("2024-06-10", "2024-07-02T10:00:00"))
        .unwrap()
        // Recorded after, dated before (an order entered nunc pro tunc).
        .with_change(adjourn("2024-06-01", "2024-07-09T10:00:00"))
        .unwrap();
    let evs = events(&case_feed(&docket, &FeedOptions::new("x")).unwrap());
    let uid = "harbor-freight-lines/confirmation-hearing@x";
    assert_eq!(get(&evs[uid], "SEQUENCE"), Some("2"));
    assert_eq!(get(&evs[uid], "LAST-MODIFIED"), Some("20240610T000000Z"));
    assert_eq!(get(&evs[uid], "DTSTART"), Some("20240709T100000"));
    for (uid, p) in &evs {
        let modified = get(p, "LAST-MODIFIED").unwrap();
        assert!(modified <= get(p, "DTSTAMP").unwrap(), "{uid}");
    }
    // With an explicit earlier DTSTAMP, LAST-MODIFIED is capped at it.
    let stamp = "2024-06-05T00:00:00".parse().unwrap();
    let evs = events(&case_feed(&docket, &FeedOptions::new("x").stamp(Some(stamp))).unwrap());
    assert_eq!(get(&evs[uid], "LAST-MODIFIED"), Some("20240605T000000Z"));
}

/// `METHOD:PUBLISH` is an iTIP PUBLISH object (RFC 5546 section 3.2.1):
/// every VEVENT has exactly one DTSTAMP, DTSTART, ORGANIZER, SUMMARY and
/// UID, SEQUENCE when it is above 0, and no ATTENDEE.
#[test]
fn publish_feeds_carry_what_itip_requires() {
    let docket = example("chapter11")
        .with_change(adjourn("2024-06-01", "2024-07-02T10:00:00"))
        .unwrap();
    let publish = FeedOptions::new("docket.example").method(Some("publish".into()));
    let ics = case_feed(&docket, &publish).unwrap();
    assert!(ics.contains("\r\nMETHOD:PUBLISH\r\n"));
    let evs = events(&ics);
    assert!(!evs.is_empty());
    let mut moved = 0;
    for (uid, p) in &evs {
        for name in ["DTSTAMP", "DTSTART", "ORGANIZER", "SUMMARY", "UID"] {
            assert_eq!(p.iter().filter(|x| x.0 == name).count(), 1, "{uid} {name}");
        }
        assert_eq!(get(p, "ORGANIZER"), Some("mailto:noreply@docket.example"));
        assert!(!p.iter().any(|x| x.0 == "ATTENDEE"), "{uid}");
        let seq: u32 = get(p, "SEQUENCE").unwrap().parse().unwrap();
        moved += usize::from(seq > 0);
    }
    assert!(moved > 0, "the change moved something");

    // An organizer of one's own; it is written without METHOD too.
    let clerk = Some("mailto:clerk@nysb.uscourts.gov".to_string());
    for opts in [publish.clone(), FeedOptions::new("docket.example")] {
        let evs = events(&case_feed(&docket, &opts.organizer(clerk.clone())).unwrap());
        assert!(evs
            .values()
            .all(|p| get(p, "ORGANIZER") == Some("mailto:clerk@nysb.uscourts.gov")));
    }
    // Neither METHOD nor ORGANIZER by default.
    let plain = case_feed(&docket, &FeedOptions::new("docket.example")).unwrap();
    assert!(!plain.contains("METHOD:") && !plain.contains("ORGANIZER"));

    // Other methods, and organizers that are not addresses, are refused.
    let refused = |opts: FeedOptions, want: &str| {
        let err = case_feed(&docket, &opts).unwrap_err().to_string();
        assert!(err.contains(want), "{err}");
    };
    refused(
        FeedOptions::new("x").method(Some("REQUEST".into())),
        "only PUBLISH",
    );
    for bad in [
        "clerk@example.com",
        "mailto:a b",
        "mailto:a\r\nATTENDEE:x",
        "mailto:\"a\"",
        ":x",
        "mailto:",
    ] {
        refused(
            FeedOptions::new("x").organizer(Some(bad.into())),
            "not a calendar address",
        );
    }
    refused(
        FeedOptions::new("bad domain").method(Some("PUBLISH".into())),
        "the default from the domain",
    );
}

/// A sink that takes `room` octets, then fails.
struct Full {
    room: usize,
    got: Vec<u8>,
}

impl std::io::Write for Full {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.got.len() + buf.len() > self.room {
            return Err(std::io::Error::other("disk full"));
        }
        self.got.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn streamed_feeds_are_the_same_bytes_and_report_the_sinks_error() {
    // Large enough to pass through the 64 KiB buffer many times.
    let mut t = String::from("[case]\nid = \"s\"\ncourt = \"nysd\"\n[events.h]\ntitle = \"Hearing\"\nat = \"2025-06-02T10:00\"\n");
    for i in 0..2_000 {
        t.push_str(&format!(
            "[obligations.o{i}]\ntitle = \"Brief {i}\"\ndue = {{ days = {}, before = \"h\" }}\n",
            1 + i % 90
        ));
    }
    let docket = Docket::from_toml_str(&t).unwrap();
    let opts = FeedOptions::new("example.com").alarms(&[3]);
    let feed = docket::ical::Feed::new(&opts)
        .case(&docket.check().unwrap())
        .unwrap();
    let whole = feed.to_ics();
    assert!(whole.len() > 4 * 64 * 1024, "{}", whole.len());
    let mut streamed = Vec::new();
    feed.write_to(&mut streamed).unwrap();
    assert!(streamed == whole.as_bytes(), "streamed bytes differ");
    let mut full = Full {
        room: 100_000,
        got: Vec::new(),
    };
    let err = feed.write_to(&mut full).unwrap_err();
    assert_eq!(err.to_string(), "disk full");
    // What was written before the error is a prefix of the feed.
    assert!(whole.as_bytes().starts_with(&full.got));
}
