//! The court registry: every federal court resolves to a calendar and a
//! zone; ids follow CourtListener; lookups and suggestions; announced
//! closures.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use docket::calendar::{court, courts, find_courts, shared_calendar, Court, RuleFamily, State};
use docket::compute::{Period, Request};
use docket::docket::Docket;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn of(family: RuleFamily) -> Vec<&'static Court> {
    courts()
        .unwrap()
        .iter()
        .filter(|c| c.family == family)
        .collect()
}

#[test]
fn every_court_resolves_to_a_calendar_and_a_zone() {
    let all = courts().unwrap();
    let ids: BTreeSet<&str> = all.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids.len(), all.len(), "ids are unique");
    for c in all {
        let found = court(&c.id).unwrap();
        assert!(std::ptr::eq(found, c), "{}", c.id);
        let cal = c.calendar().unwrap();
        assert_eq!(cal.time_zone(), c.time_zone, "{}", c.id);
        assert_eq!(cal.state(), Some(c.state), "{}", c.id);
        assert_eq!(shared_calendar(&c.id).unwrap().time_zone(), c.time_zone);
        // The zone is a real one at the court: not UTC, which a calendar
        // without a zone would have.
        assert_ne!(c.time_zone, chrono_tz::UTC, "{}", c.id);
        assert!(!c.name.is_empty() && !c.citation.is_empty(), "{}", c.id);
        // Each court finds itself by its id and by its citation.
        assert_eq!(find_courts(&c.id)[0].id, c.id);
        assert_eq!(find_courts(&c.citation)[0].id, c.id, "{}", c.citation);
    }
}

#[test]
fn the_whole_federal_judiciary() {
    // 94 districts (89 in the states, D.C., Puerto Rico, Guam, the Virgin
    // Islands, the Northern Mariana Islands), a bankruptcy court for each
    // (in the three territories the district court itself), 13 circuits.
    let (civil, bankr, app) = (
        of(RuleFamily::Civil),
        of(RuleFamily::Bankruptcy),
        of(RuleFamily::Appellate),
    );
    assert_eq!((civil.len(), bankr.len(), app.len()), (94, 94, 13));
    assert_eq!(courts().unwrap().len(), 201);
    for id in [
        "prd", "gud", "vid", "nmid", "dcd", "mad", "utd", "hid", "akd", "wawd",
    ] {
        assert_eq!(court(id).unwrap().family, RuleFamily::Civil, "{id}");
    }
    // CourtListener's bankruptcy ids, the two odd ones included (PACER's
    // azb and neb).
    for id in [
        "mab",
        "prb",
        "nysb",
        "arb",
        "nebraskab",
        "gub",
        "vib",
        "nmib",
    ] {
        assert_eq!(court(id).unwrap().family, RuleFamily::Bankruptcy, "{id}");
    }
    let circuits: BTreeSet<&str> = app.iter().map(|c| c.id.as_str()).collect();
    let want: BTreeSet<&str> = [
        "ca1", "ca2", "ca3", "ca4", "ca5", "ca6", "ca7", "ca8", "ca9", "ca10", "ca11", "cadc",
        "cafc",
    ]
    .into_iter()
    .collect();
    assert_eq!(circuits, want);
    // Every state, D.C. and territory with a federal district has one.
    let states: BTreeSet<State> = civil.iter().map(|c| c.state).collect();
    assert_eq!(states.len(), 50 + 1 + 4);
    // Each district has its bankruptcy court: same state, same zone.
    for d in &civil {
        let b: Vec<_> = bankr
            .iter()
            .filter(|b| b.state == d.state && b.name.contains(district_words(&d.name)))
            .collect();
        assert_eq!(b.len(), 1, "{}: {:?}", d.id, b);
        assert_eq!(b[0].time_zone, d.time_zone, "{} / {}", d.id, b[0].id);
        assert!(b[0].citation.starts_with("Bankr. "), "{}", b[0].id);
        assert_eq!(&b[0].citation["Bankr. ".len()..], d.citation, "{}", b[0].id);
    }
}

/// "the Northern District of Illinois" from the district court's name.
fn district_words(name: &str) -> &str {
    name.find("District of")
        .map(|i| {
            let before = &name[..i];
            let start = before.trim_end().rfind(' ').map_or(0, |s| s + 1);
            let start = if before.trim_end().ends_with("the") {
                i
            } else {
                start
            };
            &name[start..]
        })
        .unwrap_or(name)
}

#[test]
fn each_circuit_counts_the_state_of_its_clerks_office() {
    // FRAP 26(a)(6)(C): the state where the circuit clerk's principal office
    // is located.
    let seats = [
        ("ca1", "MA", "America/New_York", "Boston"),
        ("ca2", "NY", "America/New_York", "New York"),
        ("ca3", "PA", "America/New_York", "Philadelphia"),
        ("ca4", "VA", "America/New_York", "Richmond"),
        ("ca5", "LA", "America/Chicago", "New Orleans"),
        ("ca6", "OH", "America/New_York", "Cincinnati"),
        ("ca7", "IL", "America/Chicago", "Chicago"),
        ("ca8", "MO", "America/Chicago", "St. Louis"),
        ("ca9", "CA", "America/Los_Angeles", "San Francisco"),
        ("ca10", "CO", "America/Denver", "Denver"),
        ("ca11", "GA", "America/New_York", "Atlanta"),
        ("cadc", "DC", "America/New_York", "Washington"),
        ("cafc", "DC", "America/New_York", "Washington"),
    ];
    for (id, state, zone, seat) in seats {
        let c = court(id).unwrap();
        assert_eq!(c.state.code(), state, "{id}");
        assert_eq!(c.time_zone.name(), zone, "{id}");
        assert_eq!(c.family, RuleFamily::Appellate, "{id}");
        assert!(c.note.as_deref().unwrap_or("").contains(seat), "{id}");
    }
}

#[test]
fn districts_that_span_zones_say_which_zone_they_use() {
    // The zone of the clerk's principal office, and a note naming the other.
    let split = [
        ("flnd", "America/New_York", "Central"),
        ("innd", "America/Indiana/Indianapolis", "Central"),
        ("insd", "America/Indiana/Indianapolis", "Central"),
        ("kywd", "America/Kentucky/Louisville", "Central"),
        ("tned", "America/New_York", "Central"),
        ("miwd", "America/Detroit", "Central"),
        ("ksd", "America/Chicago", "Mountain"),
        ("ned", "America/Chicago", "Mountain"),
        ("ndd", "America/Chicago", "Mountain"),
        ("sdd", "America/Chicago", "Mountain"),
        ("txwd", "America/Chicago", "Mountain"),
        ("idd", "America/Boise", "Pacific"),
        ("ord", "America/Los_Angeles", "Mountain"),
    ];
    for (id, zone, other) in split {
        let c = court(id).unwrap();
        assert_eq!(c.time_zone.name(), zone, "{id}");
        let note = c.note.as_deref().unwrap_or("");
        assert!(
            note.contains("two zones") && note.contains(other),
            "{id}: {note}"
        );
    }
    let single = [
        ("txnd", "America/Chicago"),
        ("azd", "America/Phoenix"),
        ("hid", "Pacific/Honolulu"),
        ("akd", "America/Anchorage"),
        ("prd", "America/Puerto_Rico"),
        ("gud", "Pacific/Guam"),
        ("vid", "America/St_Thomas"),
        ("nmid", "Pacific/Saipan"),
        ("mad", "America/New_York"),
        ("utd", "America/Denver"),
        ("wawd", "America/Los_Angeles"),
    ];
    for (id, zone) in single {
        assert_eq!(court(id).unwrap().time_zone.name(), zone, "{id}");
    }
    assert!(court("txnd")
        .unwrap()
        .note
        .as_deref()
        .unwrap()
        .contains("Central"));
}

#[test]
fn a_docket_overrides_the_zone_of_a_district_that_spans_two() {
    // W.D. Tex. counts in San Antonio's zone; a case in El Paso sets its own.
    let text = |tz: &str| {
        format!(
            "[case]\nid = \"ep\"\ncourt = \"txwd\"\n{tz}\n\
             [events.hearing]\ntitle = \"Hearing\"\ndate = \"2025-03-03\"\n"
        )
    };
    let plain = Docket::from_toml_str(&text("")).unwrap().check().unwrap();
    assert_eq!(plain.calendar().time_zone().name(), "America/Chicago");
    let el_paso = Docket::from_toml_str(&text("[calendar]\ntime_zone = \"America/Denver\""))
        .unwrap()
        .check()
        .unwrap();
    assert_eq!(el_paso.calendar().time_zone().name(), "America/Denver");
    // Still Texas's holidays.
    assert_eq!(el_paso.calendar().state(), Some(State::TX));
}

#[test]
fn territories_bankruptcy_is_the_district_courts() {
    for (b, d) in [("gub", "gud"), ("vib", "vid"), ("nmib", "nmid")] {
        let (b, d) = (court(b).unwrap(), court(d).unwrap());
        assert_eq!((b.state, b.time_zone), (d.state, d.time_zone));
        assert!(b.name.starts_with(&d.name), "{} / {}", b.name, d.name);
        let note = b.note.as_deref().unwrap();
        assert!(note.contains("48 U.S.C.") && note.contains(&d.id), "{note}");
    }
}

#[test]
fn lookups_by_id_name_and_abbreviation() {
    let first = |q: &str| find_courts(q).first().map(|c| c.id.as_str());
    let cases = [
        ("ilnd", "ilnd"),
        ("ilnd ", "ilnd"),
        ("ILND", "ilnd"),
        ("N.D. Ill.", "ilnd"),
        ("n.d. ill", "ilnd"),
        ("Northern District of Illinois", "ilnd"),
        ("northern district of illinois bankruptcy", "ilnb"),
        ("Bankr. N.D. Ill.", "ilnb"),
        ("S.D.N.Y.", "nysd"),
        ("SDNY", "nysd"),
        ("Bankr. S.D.N.Y.", "nysb"),
        ("1st Cir.", "ca1"),
        ("First Circuit", "ca1"),
        ("2nd Cir.", "ca2"),
        ("2d Cir.", "ca2"),
        ("Fed. Cir.", "cafc"),
        ("Federal Circuit", "cafc"),
        ("D.C. Cir.", "cadc"),
        ("D. Mass.", "mad"),
        ("Bankr. D. Mass.", "mab"),
        ("D.P.R.", "prd"),
        ("District of Puerto Rico", "prd"),
        ("Guam", "gud"),
        ("Bankr. D. Guam", "gub"),
        ("Northern Mariana Islands", "nmid"),
        ("Virgin Islands", "vid"),
        ("W.D. Wash.", "wawd"),
        ("Bankr. D. Ariz.", "arb"),
        ("azb", "arb"),
        ("neb", "nebraskab"),
        ("utah", "utd"),
    ];
    for (q, want) in cases {
        assert_eq!(first(q), Some(want), "{q:?}: {:?}", ids(&find_courts(q)));
    }
    // A state code lists the state's courts (and a circuit whose clerk sits
    // there).
    let ma = ids(&find_courts("MA"));
    assert_eq!(ma, ["mad", "mab", "ca1"]);
    assert_eq!(find_courts("").len(), courts().unwrap().len());
    assert!(find_courts("zzzzqqq").is_empty());
    // Bounded: a huge query is cut, not scanned.
    assert!(find_courts(&"x".repeat(1_000_000)).is_empty());
}

fn ids(cs: &[&Court]) -> Vec<String> {
    cs.iter().map(|c| c.id.clone()).collect()
}

#[test]
fn an_unknown_court_names_the_nearest() {
    let msg = |q: &str| court(q).unwrap_err().to_string();
    // Exactly the id: anything else is unknown, with suggestions.
    for (q, want) in [
        ("N.D. Ill.", "\"ilnd\""),
        ("Northern District of Illinois", "\"ilnd\""),
        ("ilnd ", "\"ilnd\""),
        ("ILND", "\"ilnd\""),
        ("waw", "\"wawd\""),
        ("nysbb", "\"nysb\""),
        ("azb", "\"arb\""),
        ("Fed. Cir.", "\"cafc\""),
    ] {
        let e = msg(q);
        assert!(e.starts_with(&format!("unknown court \"{q}\"")), "{e}");
        assert!(e.contains("did you mean") && e.contains(want), "{q}: {e}");
    }
    let e = msg("zzzzqqq");
    assert_eq!(e, "unknown court \"zzzzqqq\"");
    assert!(court("zzzzqqq").unwrap_err().is_invalid());
    // At most three suggestions.
    assert!(
        msg("Illinois").matches('"').count() <= 2 + 6,
        "{}",
        msg("Illinois")
    );
}

#[test]
fn a_docket_with_an_unknown_court_gets_suggestions() {
    let d = Docket::from_toml_str("[case]\nid = \"x\"\ncourt = \"D. Mass.\"\n").unwrap();
    let e = d.validate().unwrap_err().to_string();
    assert!(e.contains("case: court: unknown court \"D. Mass.\""), "{e}");
    assert!(e.contains("\"mad\""), "{e}");
}

#[test]
fn closures_courts_announced_move_the_last_day() {
    // 14 days after Wed 2018-11-21 is Wed 2018-12-05, the National Day of
    // Mourning: the Eighth Circuit closed and extended filings to Dec. 6.
    let req = Request::after(day("2018-11-21"), Period::days(14));
    let ca8 = court("ca8").unwrap();
    let due = req.compute(&ca8.calendar().unwrap(), ca8.family).unwrap();
    assert_eq!(due.due(), day("2018-12-06"));
    assert!(due.readings().iter().all(|r| r.date >= due.due()));
    // Bankr. D.N.M. closed the same day by Administrative Order 18-00001-j.
    let nmb = court("nmb").unwrap();
    assert_eq!(
        req.compute(&nmb.calendar().unwrap(), nmb.family)
            .unwrap()
            .due(),
        day("2018-12-06")
    );
    // Bankr. E.D. Mich. closed Friday 2005-05-27 for CM/ECF; Monday 05-30
    // was Memorial Day: due Tuesday 05-31 (Administrative Order 05-01).
    let req = Request::after(day("2005-05-13"), Period::days(14));
    let mieb = court("mieb").unwrap();
    assert_eq!(
        req.compute(&mieb.calendar().unwrap(), mieb.family)
            .unwrap()
            .due(),
        day("2005-05-31")
    );
    // The neighbouring bankruptcy court was open: due Friday 05-27.
    let miwb = court("miwb").unwrap();
    assert_eq!(
        req.compute(&miwb.calendar().unwrap(), miwb.family)
            .unwrap()
            .due(),
        day("2005-05-27")
    );
}

#[test]
fn a_disputed_closure_gives_a_later_reading() {
    // E.D. La. after Katrina: closed (settled) through Sept. 6, 2005; then
    // filings were received at temporary offices until Nov. 1, so whether
    // the office was inaccessible is unsettled.
    let laed = court("laed").unwrap();
    let cal = laed.calendar().unwrap();
    let req = Request::after(day("2005-08-22"), Period::days(14));
    let due = req.compute(&cal, laed.family).unwrap();
    // 14 days after 08-22 is 09-05 (Labor Day, in the closure): the first
    // day after the settled closure is Wednesday 09-07.
    assert_eq!(due.due(), day("2005-09-07"));
    // Read as closed through Oct. 31, the first day open is Wednesday
    // Nov. 2: Nov. 1 is All Saints' Day, a Louisiana legal holiday.
    let later = due.later().expect("a later reading");
    assert_eq!(later.date, day("2005-11-02"));
    // Bankr. E.D. La. shares the settled part only.
    let laeb = court("laeb").unwrap();
    let due = req.compute(&laeb.calendar().unwrap(), laeb.family).unwrap();
    assert_eq!(due.due(), day("2005-09-07"));
    assert!(due.readings().iter().all(|r| r.date < day("2005-11-01")));
}

#[test]
fn a_reduced_service_day_is_disputed() {
    // C.D. Cal. closed its clerk's office on seven Fridays of 2013 but kept
    // CM/ECF and emergency intake: the day counts, and the later reading is
    // the next Monday.
    let cacd = court("cacd").unwrap();
    let req = Request::after(day("2013-04-12"), Period::days(14));
    let due = req.compute(&cacd.calendar().unwrap(), cacd.family).unwrap();
    assert_eq!(due.due(), day("2013-04-26"));
    assert_eq!(due.later().unwrap().date, day("2013-04-29"));
    // The Central District only.
    let cand = court("cand").unwrap();
    let due = req.compute(&cand.calendar().unwrap(), cand.family).unwrap();
    assert!(due.readings().is_empty(), "{:?}", due.readings());
}

#[test]
fn every_announced_closure_has_a_source_and_known_courts() {
    let all = docket::calendar::court_closures().unwrap();
    let named: BTreeSet<&str> = all
        .iter()
        .flat_map(|c| c.courts.iter().map(String::as_str))
        .collect();
    for id in [
        "nysd", "nysb", "ca2", "ca8", "nmb", "laed", "laeb", "ca5", "mieb",
    ] {
        assert!(named.contains(id), "{id}");
    }
    for c in all {
        assert!(!c.source.trim().is_empty() && !c.reason.trim().is_empty());
        for id in &c.courts {
            let cal = court(id).unwrap().calendar().unwrap();
            assert!(
                cal.notes_on(c.date)
                    .iter()
                    .any(|n| n.name.contains(&c.source) || n.source.contains(&c.source)),
                "{id} {}",
                c.date
            );
        }
    }
}

#[cfg(feature = "cli")]
mod cli {
    use std::collections::BTreeSet;

    use crate::cli::{docket, stderr, stdout};

    #[test]
    fn courts_json_lists_every_court_with_its_fields() {
        let o = docket(&["courts", "--json"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        let list = v.as_array().unwrap();
        assert_eq!(list.len(), docket::calendar::courts().unwrap().len());
        let mut families = BTreeSet::new();
        for c in list {
            for key in ["id", "name", "state", "family", "time_zone"] {
                assert!(c[key].is_string(), "{key} in {c}");
            }
            let id = c["id"].as_str().unwrap();
            let court = docket::calendar::court(id).unwrap();
            assert_eq!(c["time_zone"], court.time_zone.name());
            assert_eq!(c["state"], court.state.code());
            families.insert(c["family"].as_str().unwrap().to_string());
        }
        let want: BTreeSet<String> = ["appellate", "bankruptcy", "civil"]
            .map(String::from)
            .into();
        assert_eq!(families, want);
    }

    #[test]
    fn courts_query_finds_by_abbreviation_and_name() {
        let o = docket(&["courts", "N.D. Ill.", "--json"]);
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(v[0]["id"], "ilnd");
        assert_eq!(v[0]["family"], "civil");
        let o = docket(&["courts", "Northern District of Illinois"]);
        let out = stdout(&o);
        let mut lines = out.lines();
        assert!(lines.next().unwrap().starts_with("id "), "{out}");
        assert!(lines.next().unwrap().starts_with("ilnd "), "{out}");
        // The table has one line per court and a header.
        let o = docket(&["courts"]);
        assert_eq!(
            stdout(&o).lines().count(),
            docket::calendar::courts().unwrap().len() + 1
        );
        let o = docket(&["courts", "qqqzzz"]);
        assert_eq!(o.status.code(), Some(2));
        assert!(
            stderr(&o).contains("no court matches \"qqqzzz\""),
            "{}",
            stderr(&o)
        );
    }

    #[test]
    fn an_unknown_court_flag_suggests() {
        let o = docket(&[
            "due",
            "--court",
            "N.D. Ill.",
            "--from",
            "2025-01-02",
            "--days",
            "3",
        ]);
        assert_eq!(o.status.code(), Some(2));
        let e = stderr(&o);
        assert!(e.contains("unknown court \"N.D. Ill.\""), "{e}");
        assert!(e.contains("did you mean \"ilnd\""), "{e}");
        // A court new to the registry computes: 3 days after Thursday
        // 2025-01-02 is Sunday 01-05, so Monday 01-06.
        let o = docket(&[
            "due",
            "--court",
            "mad",
            "--from",
            "2025-01-02",
            "--days",
            "3",
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(stdout(&o).lines().next(), Some("2025-01-06"));
    }
}

#[test]
fn the_format_reference_lists_every_court_as_the_data_has_it() {
    let doc = include_str!("../../docs/format.md");
    let rows: Vec<Vec<&str>> = doc
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| l.trim_matches('|').split(" | ").map(str::trim).collect())
        .filter(|r: &Vec<&str>| r.len() == 6)
        .collect();
    let all = courts().unwrap();
    assert_eq!(rows.len(), all.len());
    for (row, c) in rows.iter().zip(all) {
        let family = match c.family {
            RuleFamily::Civil => "C",
            RuleFamily::Bankruptcy => "B",
            _ => "A",
        };
        let want = [
            format!("`{}`", c.id),
            c.name.clone(),
            c.citation.clone(),
            c.state.code().to_string(),
            family.to_string(),
            c.time_zone.name().to_string(),
        ];
        assert_eq!(row, &want, "{}", c.id);
    }
}

#[test]
fn each_courts_state_has_holidays() {
    for c in courts().unwrap() {
        let rules = docket::calendar::state_holidays(c.state).unwrap();
        assert!(!rules.is_empty(), "{}: no holidays for {}", c.id, c.state);
    }
}

#[test]
fn courts_across_the_country_roll_over_their_states_days() {
    // (court, trigger, the state day 14 days later, the day after it)
    let cases = [
        ("mad", "2025-04-07", "2025-04-21", "2025-04-22"), // Patriots' Day
        ("mab", "2025-04-07", "2025-04-21", "2025-04-22"),
        ("ca1", "2025-04-07", "2025-04-21", "2025-04-22"), // clerk in Boston
        ("utd", "2025-07-10", "2025-07-24", "2025-07-25"), // Pioneer Day
        ("hid", "2025-05-28", "2025-06-11", "2025-06-12"), // Kamehameha Day
        ("akd", "2025-03-17", "2025-03-31", "2025-04-01"), // Seward's Day
        ("prd", "2024-12-23", "2025-01-06", "2025-01-07"), // Three Kings Day
        ("prb", "2024-12-23", "2025-01-06", "2025-01-07"),
    ];
    for (id, from, holiday, next) in cases {
        let c = court(id).unwrap();
        let due = Request::after(day(from), Period::days(14))
            .compute(&c.calendar().unwrap(), c.family)
            .unwrap();
        let dates: Vec<NaiveDate> = std::iter::once(due.due())
            .chain(due.readings().iter().map(|r| r.date))
            .collect();
        assert_eq!(due.due(), day(next), "{id} over {holiday}: {dates:?}");
    }
}
