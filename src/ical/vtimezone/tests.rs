use super::*;
use std::process::Command;

/// One parsed `STANDARD`/`DAYLIGHT` sub-component.
#[derive(Debug, PartialEq)]
struct Obs {
    kind: String,
    dtstart: String,
    rrule: Option<String>,
    /// RDATE, written for every onset that has no RRULE (equal to DTSTART).
    rdate: Option<String>,
    from: String,
    to: String,
    name: Option<String>,
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn zone(name: &str) -> Tz {
    name.parse().unwrap()
}

fn vtz(name: &str, from: (i32, u32, u32), to: (i32, u32, u32)) -> String {
    let s = vtimezone(
        zone(name),
        date(from.0, from.1, from.2),
        date(to.0, to.1, to.2),
    );
    assert_well_formed(&s, name);
    s
}

fn unfold(s: &str) -> String {
    s.replace("\r\n ", "")
}

fn assert_well_formed(s: &str, name: &str) {
    assert!(s.is_ascii(), "non-ASCII output: {s}");
    assert!(s.starts_with("BEGIN:VTIMEZONE\r\n"), "{s}");
    assert!(s.ends_with("END:VTIMEZONE\r\n"), "{s}");
    let body = s.strip_suffix("\r\n").unwrap();
    for line in body.split("\r\n") {
        assert!(!line.is_empty(), "empty line in {s:?}");
        assert!(!line.contains('\r') && !line.contains('\n'), "{line:?}");
        assert!(line.len() <= 75, "line needs folding: {line:?}");
    }
    assert_eq!(
        body.split("\r\n").nth(1),
        Some(format!("TZID:{name}").as_str())
    );
    assert_eq!(s.matches("BEGIN:").count(), s.matches("END:").count());
}

fn observances(s: &str) -> Vec<Obs> {
    let mut out = Vec::new();
    let mut cur: Option<Obs> = None;
    for line in unfold(s).split("\r\n") {
        let (key, value) = line.split_once(':').unwrap_or((line, ""));
        match key {
            "BEGIN" if value != "VTIMEZONE" => {
                cur = Some(Obs {
                    kind: value.to_owned(),
                    dtstart: String::new(),
                    rrule: None,
                    rdate: None,
                    from: String::new(),
                    to: String::new(),
                    name: None,
                })
            }
            "DTSTART" => cur.as_mut().unwrap().dtstart = value.to_owned(),
            "RRULE" => cur.as_mut().unwrap().rrule = Some(value.to_owned()),
            "RDATE" => cur.as_mut().unwrap().rdate = Some(value.to_owned()),
            "TZOFFSETFROM" => cur.as_mut().unwrap().from = value.to_owned(),
            "TZOFFSETTO" => cur.as_mut().unwrap().to = value.to_owned(),
            "TZNAME" => cur.as_mut().unwrap().name = Some(value.to_owned()),
            "END" if value != "VTIMEZONE" => {
                let mut obs = cur.take().unwrap();
                assert_eq!(obs.kind, value);
                // Exactly one of RRULE and RDATE; RDATE repeats DTSTART.
                match obs.rdate.take() {
                    Some(rdate) => {
                        assert!(obs.rrule.is_none(), "{obs:?}");
                        assert_eq!(rdate, obs.dtstart);
                    }
                    None => assert!(obs.rrule.is_some(), "{obs:?}"),
                }
                out.push(obs);
            }
            _ => {}
        }
    }
    out
}

fn obs(
    kind: &str,
    dtstart: &str,
    rrule: Option<&str>,
    from: &str,
    to: &str,
    name: Option<&str>,
) -> Obs {
    Obs {
        kind: kind.to_owned(),
        dtstart: dtstart.to_owned(),
        rrule: rrule.map(str::to_owned),
        rdate: None,
        from: from.to_owned(),
        to: to.to_owned(),
        name: name.map(str::to_owned),
    }
}

/// Seconds east of UTC of `+hhmm[ss]`.
fn offset_secs(s: &str) -> i64 {
    let sign = if s.starts_with('-') { -1 } else { 1 };
    let digits = &s[1..];
    let n = |r: std::ops::Range<usize>| digits.get(r).map_or(0, |x| x.parse::<i64>().unwrap());
    sign * (n(0..2) * 3600 + n(2..4) * 60 + n(4..6))
}

fn parse_wall(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y%m%dT%H%M%S").unwrap()
}

/// Every onset through `through` (UTC instant, offset it sets), sorted. An
/// `RRULE` is expanded by the `rrule` crate on wall times (written as UTC so
/// no zone interferes), its `UTC` `UNTIL` moved to the wall clock first.
fn onsets(all: &[Obs], through: NaiveDateTime) -> Vec<(NaiveDateTime, i64)> {
    let mut out = Vec::new();
    for o in all {
        let from = TimeDelta::seconds(offset_secs(&o.from));
        let to = offset_secs(&o.to);
        if parse_wall(&o.dtstart) - from > through {
            continue;
        }
        let walls: Vec<NaiveDateTime> = match &o.rrule {
            None => vec![parse_wall(&o.dtstart)],
            Some(rule) => {
                let rule = rule
                    .split(';')
                    .map(|part| match part.strip_prefix("UNTIL=") {
                        Some(u) => {
                            let utc = parse_wall(u.strip_suffix('Z').expect("UNTIL in UTC"));
                            format!("UNTIL={}Z", (utc + from).format("%Y%m%dT%H%M%S"))
                        }
                        None => part.to_owned(),
                    })
                    .collect::<Vec<_>>()
                    .join(";");
                let text = format!("DTSTART:{}Z\nRRULE:{rule}", o.dtstart);
                let set: rrule::RRuleSet = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
                let end = (through + from).and_utc().with_timezone(&rrule::Tz::UTC);
                let got = set.before(end).all(u16::MAX);
                assert!(!got.limited, "{text}");
                got.dates.iter().map(|d| d.naive_utc()).collect()
            }
        };
        assert_eq!(
            walls.first().map(|w| w.format("%Y%m%dT%H%M%S").to_string()),
            Some(o.dtstart.clone()),
            "DTSTART is the first onset: {o:?}"
        );
        out.extend(walls.into_iter().map(|w| (w - from, to)));
    }
    out.sort();
    out
}

/// The offset the onsets give at `at` (the latest onset at or before it).
fn offset_at(onsets: &[(NaiveDateTime, i64)], at: NaiveDateTime) -> Option<i64> {
    let i = onsets.partition_point(|(t, _)| *t <= at);
    i.checked_sub(1).map(|i| onsets[i].1)
}

/// Every instant of `from..=to` (in any zone's local dates) gets chrono-tz's offset.
fn assert_matches_chrono_tz(tz: Tz, from: NaiveDate, to: NaiveDate) {
    let s = vtimezone(tz, from, to);
    assert_well_formed(&s, tz.name());
    let all = observances(&s);
    let start = from.and_time(NaiveTime::MIN) - TimeDelta::days(1);
    let end = to.and_time(NaiveTime::MIN) + TimeDelta::days(2);
    let on = onsets(&all, end);
    let check = |at: NaiveDateTime| {
        let want = i64::from(tz.offset_from_utc_datetime(&at).fix().local_minus_utc());
        let got = offset_at(&on, at);
        assert_eq!(got, Some(want), "{} at {at}Z:\n{s}", tz.name());
    };
    let mut at = start;
    while at <= end {
        check(at);
        at += TimeDelta::hours(12);
    }
    for t in probe::transitions(tz, start, end, usize::MAX) {
        check(t.at - TimeDelta::seconds(1));
        check(t.at);
    }
}

/// The US zones: second Sunday of March and first Sunday of November at
/// 02:00 since 2007 (Energy Policy Act of 2005), open-ended.
#[test]
fn us_zones_2025() {
    assert_eq!(
        vtz("America/New_York", (2025, 1, 1), (2025, 12, 31)),
        "BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n\
         BEGIN:DAYLIGHT\r\nDTSTART:20070311T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n\
         TZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nTZNAME:EDT\r\nEND:DAYLIGHT\r\n\
         BEGIN:STANDARD\r\nDTSTART:20071104T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\n\
         TZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nTZNAME:EST\r\nEND:STANDARD\r\n\
         END:VTIMEZONE\r\n"
    );
    for (name, std, dst, s, d) in [
        ("America/Chicago", "-0600", "-0500", "CST", "CDT"),
        ("America/Los_Angeles", "-0800", "-0700", "PST", "PDT"),
        ("America/Anchorage", "-0900", "-0800", "AKST", "AKDT"),
        ("America/Adak", "-1000", "-0900", "HST", "HDT"),
    ] {
        let all = observances(&vtz(name, (2025, 1, 1), (2025, 12, 31)));
        let dst_rule = Some("FREQ=YEARLY;BYMONTH=3;BYDAY=2SU");
        let std_rule = Some("FREQ=YEARLY;BYMONTH=11;BYDAY=1SU");
        assert_eq!(
            all,
            [
                obs("DAYLIGHT", "20070311T020000", dst_rule, std, dst, Some(d)),
                obs("STANDARD", "20071104T020000", std_rule, dst, std, Some(s)),
            ],
            "{name}"
        );
    }
}

/// A feed spanning the 2007 change gets both rules, the old one with a COUNT
/// of its onsets (1987..=2006).
#[test]
fn new_york_2007_rule_change() {
    let all = observances(&vtz("America/New_York", (2006, 1, 1), (2007, 12, 31)));
    let dst = |d: &str, r: &str| obs("DAYLIGHT", d, Some(r), "-0500", "-0400", Some("EDT"));
    let std = |d: &str, r: &str| obs("STANDARD", d, Some(r), "-0400", "-0500", Some("EST"));
    assert_eq!(
        all,
        [
            // First Sunday of April since 1987; the October rule is older
            // but is followed back only as far as every rule of a year holds.
            dst(
                "19870405T020000",
                "FREQ=YEARLY;COUNT=20;BYMONTH=4;BYDAY=1SU"
            ),
            std(
                "19871025T020000",
                "FREQ=YEARLY;COUNT=20;BYMONTH=10;BYDAY=-1SU"
            ),
            dst("20070311T020000", "FREQ=YEARLY;BYMONTH=3;BYDAY=2SU"),
            std("20071104T020000", "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU"),
        ]
    );
}

/// Zones without DST: one STANDARD from 1970 when nothing changed since,
/// else from their last change.
#[test]
fn fixed_zones() {
    let fixed = |name: &str, off: &str, abbr: Option<&str>| {
        let all = observances(&vtz(name, (2024, 1, 1), (2026, 12, 31)));
        assert_eq!(
            all,
            [obs("STANDARD", FIXED_DTSTART, None, off, off, abbr)],
            "{name}"
        );
    };
    fixed("UTC", "+0000", Some("UTC"));
    fixed("Asia/Kolkata", "+0530", Some("IST"));
    fixed("Asia/Tokyo", "+0900", Some("JST"));
    // Arizona has kept MST since 1968, Hawaii HST since 1947, Puerto Rico AST since 1945.
    fixed("America/Phoenix", "-0700", Some("MST"));
    fixed("Pacific/Honolulu", "-1000", Some("HST"));
    fixed("America/Puerto_Rico", "-0400", Some("AST"));
    assert_eq!(
        vtz("UTC", (2025, 1, 1), (2025, 12, 31)),
        "BEGIN:VTIMEZONE\r\nTZID:UTC\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n\
         RDATE:19700101T000000\r\n\
         TZOFFSETFROM:+0000\r\nTZOFFSETTO:+0000\r\nTZNAME:UTC\r\nEND:STANDARD\r\n\
         END:VTIMEZONE\r\n"
    );
}

/// A zone whose offset changed after 1970 and stayed: the last change, not 1970.
#[test]
fn fixed_zones_start_at_their_last_change() {
    // Kathmandu moved from +0530 to +0545 in 1986.
    let all = observances(&vtz("Asia/Kathmandu", (2020, 1, 1), (2020, 12, 31)));
    assert_eq!(
        all,
        [obs(
            "STANDARD",
            "19860101T000000",
            None,
            "+0530",
            "+0545",
            None
        )]
    );
    // Guam's abbreviation became ChST on 2000-12-23 (same offset).
    let all = observances(&vtz("Pacific/Guam", (2025, 1, 1), (2025, 12, 31)));
    assert_eq!(
        all,
        [obs(
            "STANDARD",
            "20001223T000000",
            None,
            "+1000",
            "+1000",
            Some("ChST")
        )]
    );
    // Brazil ended DST in 2019: 00:00 -02 on 2019-02-17 became 23:00 -03.
    let all = observances(&vtz("America/Sao_Paulo", (2025, 1, 1), (2025, 12, 31)));
    assert_eq!(
        all,
        [obs(
            "STANDARD",
            "20190217T000000",
            None,
            "-0200",
            "-0300",
            None
        )]
    );
}

/// Lord Howe shifts by 30 minutes: +1030 standard, +11 in summer (first Sundays of April and October).
#[test]
fn lord_howe_half_hour_dst() {
    let all = observances(&vtz("Australia/Lord_Howe", (2025, 1, 1), (2025, 12, 31)));
    assert_eq!(
        all,
        [
            obs(
                "STANDARD",
                "20080406T020000",
                Some("FREQ=YEARLY;BYMONTH=4;BYDAY=1SU"),
                "+1100",
                "+1030",
                None
            ),
            obs(
                "DAYLIGHT",
                "20081005T020000",
                Some("FREQ=YEARLY;BYMONTH=10;BYDAY=1SU"),
                "+1030",
                "+1100",
                None
            ),
        ]
    );
}

/// Southern hemisphere: DST spans the new year.
#[test]
fn sydney_2025() {
    let all = observances(&vtz("Australia/Sydney", (2025, 1, 1), (2025, 12, 31)));
    assert_eq!(
        all,
        [
            obs(
                "STANDARD",
                "20080406T030000",
                Some("FREQ=YEARLY;BYMONTH=4;BYDAY=1SU"),
                "+1100",
                "+1000",
                Some("AEST")
            ),
            obs(
                "DAYLIGHT",
                "20081005T020000",
                Some("FREQ=YEARLY;BYMONTH=10;BYDAY=1SU"),
                "+1000",
                "+1100",
                Some("AEDT")
            ),
        ]
    );
}

/// tzdata gives Dublin a negative DST part in winter; summer (IST) is still DAYLIGHT.
#[test]
fn dublin_negative_dst() {
    for (name, summer) in [("Europe/Dublin", "IST"), ("Europe/London", "BST")] {
        let all = observances(&vtz(name, (2025, 1, 1), (2025, 12, 31)));
        assert_eq!(
            all,
            [
                obs(
                    "DAYLIGHT",
                    "19960331T010000",
                    Some("FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"),
                    "+0000",
                    "+0100",
                    Some(summer)
                ),
                obs(
                    "STANDARD",
                    "19961027T020000",
                    Some("FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"),
                    "+0100",
                    "+0000",
                    Some("GMT")
                ),
            ],
            "{name}"
        );
    }
}

/// Rules that are neither an n-th nor a last weekday: Israel's Friday on or
/// after 23 March (since 2013), Chile's Sunday on or after the 2nd.
#[test]
fn on_or_after_rules() {
    let all = observances(&vtz("Asia/Jerusalem", (2025, 1, 1), (2025, 12, 31)));
    assert_eq!(
        all[0].rrule.as_deref(),
        Some("FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=23,24,25,26,27,28,29;BYDAY=FR")
    );
    assert_eq!(all[0].dtstart, "20130329T020000");
    assert_eq!(all.len(), 2);
    let all = observances(&vtz("America/Santiago", (2025, 1, 1), (2025, 12, 31)));
    let rules: Vec<_> = all.iter().map(|o| o.rrule.as_deref()).collect();
    assert_eq!(
        rules,
        [
            Some("FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=2,3,4,5,6,7,8;BYDAY=SU"),
            Some("FREQ=YEARLY;BYMONTH=9;BYMONTHDAY=2,3,4,5,6,7,8;BYDAY=SU"),
        ]
    );
}

/// Morocco's Ramadan suspensions follow no yearly rule: one sub-component each.
#[test]
fn irregular_changes_get_one_component_each() {
    let all = observances(&vtz("Africa/Casablanca", (2025, 1, 1), (2025, 12, 31)));
    assert!(all.iter().all(|o| o.rrule.is_none()), "{all:#?}");
    assert!(
        all.iter().any(|o| o.dtstart == "20250223T030000"),
        "{all:#?}"
    );
    assert!(
        all.iter().any(|o| o.dtstart == "20250406T020000"),
        "{all:#?}"
    );
}

/// Local mean time offsets have seconds: New York's LMT was -4:56:02 until 1883-11-18 12:03:58.
/// That is the first change in the zone, so a leading LMT observance starts at the search start.
#[test]
fn offsets_with_seconds() {
    let all = observances(&vtz("America/New_York", (1883, 6, 1), (1883, 12, 31)));
    assert_eq!(
        all,
        [
            obs(
                "STANDARD",
                "18811231T190358",
                None,
                "-045602",
                "-045602",
                Some("LMT")
            ),
            obs(
                "STANDARD",
                "18831118T120358",
                None,
                "-045602",
                "-0500",
                Some("EST")
            ),
        ]
    );
}

/// Caracas changed only once near 2016 (-0430 to -0400 on 2016-05-01): the span's
/// first months need an observance starting before them.
#[test]
fn first_transition_inside_span_gets_a_leading_observance() {
    let all = observances(&vtz("America/Caracas", (2016, 1, 1), (2016, 12, 31)));
    assert_eq!(
        all,
        [
            obs("STANDARD", "20141231T193000", None, "-0430", "-0430", None),
            obs("STANDARD", "20160501T023000", None, "-0430", "-0400", None),
        ]
    );
}

/// chrono-tz's table ends in 2099: a span near it gets a COUNT ending there, as chrono-tz
/// has no DST after (the rules are followed back 40 years, to 2049).
#[test]
fn rules_end_where_the_data_ends() {
    let all = observances(&vtz("America/New_York", (2090, 1, 1), (2095, 12, 31)));
    let rules: Vec<_> = all
        .iter()
        .map(|o| o.rrule.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(
        rules,
        [
            "FREQ=YEARLY;COUNT=51;BYMONTH=3;BYDAY=2SU",
            "FREQ=YEARLY;COUNT=51;BYMONTH=11;BYDAY=1SU",
        ]
    );
    assert_matches_chrono_tz(
        zone("America/New_York"),
        date(2090, 1, 1),
        date(2100, 12, 31),
    );
}

#[test]
fn deterministic_reversed_and_bounded() {
    let ny = zone("America/New_York");
    let a = vtimezone(ny, date(2020, 1, 1), date(2030, 12, 31));
    assert_eq!(a, vtimezone(ny, date(2020, 1, 1), date(2030, 12, 31)));
    assert_eq!(a, vtimezone(ny, date(2030, 12, 31), date(2020, 1, 1)));
    // Spans within the same rules give the same component.
    assert_eq!(a, vtimezone(ny, date(2009, 4, 1), date(2009, 6, 1)));

    // Absurd spans are clamped and stay well-formed.
    let wide = vtimezone(ny, NaiveDate::MIN, NaiveDate::MAX);
    assert_well_formed(&wide, "America/New_York");
    let n = observances(&wide).len();
    assert!(n > 0 && n <= 202 * MAX_TRANSITIONS_PER_YEAR, "{n}");
    // Before 1883 New York is on LMT; the observance starts at the search start (0003-01-01 UTC).
    assert!(wide.contains("DTSTART:00021231T190358"), "{wide}");
    let late = vtimezone(ny, NaiveDate::MAX, NaiveDate::MAX);
    assert_well_formed(&late, "America/New_York");
}

/// The brief's zones and a few with unusual histories, over spans that cross rule changes.
#[test]
fn zones_match_chrono_tz_across_rule_changes() {
    for name in [
        "America/New_York",
        "America/Phoenix",
        "Pacific/Guam",
        "America/Puerto_Rico",
        "Pacific/Honolulu",
        "America/Anchorage",
        "America/Adak",
        "America/Indiana/Indianapolis",
        "Europe/Moscow",
        "America/Sao_Paulo",
        "Asia/Tehran",
        "Asia/Jerusalem",
        "Africa/Casablanca",
        "Australia/Lord_Howe",
        "Pacific/Apia",
    ] {
        let tz = zone(name);
        for (from, to) in [
            (date(1971, 1, 1), date(1980, 12, 31)),
            (date(2005, 6, 1), date(2008, 6, 1)),
            (date(2010, 11, 5), date(2011, 6, 15)),
            (date(2024, 11, 1), date(2026, 6, 30)),
        ] {
            assert_matches_chrono_tz(tz, from, to);
        }
    }
}

/// Every zone chrono-tz knows, expanded with the `rrule` crate, gives
/// chrono-tz's offset at every instant of the span.
#[test]
fn every_zone_matches_chrono_tz() {
    for tz in chrono_tz::TZ_VARIANTS {
        assert_matches_chrono_tz(tz, date(2024, 11, 1), date(2026, 6, 30));
    }
}

/// Runs scripts/check_vtimezone.py (Python `icalendar` + `zoneinfo`) on a calendar of our output.
#[test]
fn python_checker_agrees() {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/check_vtimezone.py");
    let has_icalendar = Command::new("python3")
        .args(["-c", "import icalendar"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !has_icalendar {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must put python3 with the packages of scripts/requirements.txt on PATH"
        );
        println!("skipping python_checker_agrees: python3 with `icalendar` not available");
        return;
    }
    let mut ics =
        String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//docket//vtimezone test//EN\r\n");
    for (name, from, to) in [
        ("America/New_York", date(2020, 1, 1), date(2030, 12, 31)),
        ("America/Chicago", date(1883, 1, 1), date(1884, 12, 31)),
        ("America/Denver", date(2005, 1, 1), date(2008, 12, 31)),
        ("Australia/Lord_Howe", date(2024, 1, 1), date(2026, 12, 31)),
        ("Asia/Jerusalem", date(2024, 1, 1), date(2026, 12, 31)),
        ("America/Santiago", date(2024, 1, 1), date(2026, 12, 31)),
        ("Africa/Casablanca", date(2024, 1, 1), date(2026, 12, 31)),
        ("Asia/Kolkata", date(2024, 1, 1), date(2026, 12, 31)),
        ("America/Caracas", date(2016, 1, 1), date(2016, 12, 31)),
        ("Asia/Kathmandu", date(2020, 1, 1), date(2020, 12, 31)),
        ("UTC", date(2024, 1, 1), date(2026, 12, 31)),
    ] {
        ics.push_str(&vtimezone(zone(name), from, to));
    }
    ics.push_str("END:VCALENDAR\r\n");
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let path = std::env::temp_dir().join(format!(
        "docket-vtimezone-{}-{nanos}.ics",
        std::process::id()
    ));
    std::fs::write(&path, &ics).unwrap();
    let output = Command::new("python3")
        .arg(script)
        .arg(&path)
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&path);
    assert!(
        output.status.success(),
        "check_vtimezone.py failed:\nstdout: {}\nstderr: {}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
