//! RFC 5545 `VTIMEZONE` components derived from chrono-tz data.
//!
//! chrono-tz does not expose its transition table and the `icalendar` crate
//! never writes `VTIMEZONE`, yet Outlook wants one for every `TZID` used in
//! a calendar. This module recovers the UTC-offset transitions of a zone by
//! probing it (a coarse scan followed by a binary search for the exact second
//! of each change) and writes one explicit `STANDARD`/`DAYLIGHT`
//! sub-component per transition: no `RRULE`, no `RDATE`, fully deterministic.

use chrono::{DateTime, Months, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta, TimeZone};
use chrono_tz::{OffsetComponents, OffsetName, Tz, TzOffset};

/// Longest span of dates (`from..=to`) honoured; longer spans are cut at `from + MAX_SPAN_YEARS`.
const MAX_SPAN_YEARS: u32 = 200;
/// Margin searched before `from` and after `to`, so the first observance starts before `from`.
const MARGIN_MONTHS: u32 = 12;
/// Coarse scan step. Two offset changes closer together than this could be missed
/// only if the second one reverts the first; no zone does that.
const SCAN_STEP_HOURS: i64 = 6;
/// Upper bound on transitions per searched year (real zones have at most four, e.g. Morocco).
const MAX_TRANSITIONS_PER_YEAR: usize = 4;
/// `DTSTART` of the single observance of a zone without transitions in the span.
const FIXED_DTSTART: &str = "19700101T000000";
/// Format of a `DTSTART` local wall time.
const DTSTART_FORMAT: &str = "%Y%m%dT%H%M%S";

/// One change of a zone's offset (or of its DST part or abbreviation).
struct Transition {
    /// UTC instant of the first second governed by `after`.
    at: NaiveDateTime,
    /// Offset in force just before `at`.
    before: TzOffset,
    /// Offset in force from `at` on.
    after: TzOffset,
}

/// RFC 5545 VTIMEZONE for `tz` covering `from..=to` (dates), as unfolded content lines joined by CRLF, ending with CRLF.
///
/// The transitions between `from - 1 year` and `to + 1 year` each become a
/// `STANDARD` or `DAYLIGHT` sub-component (`DAYLIGHT` when the new offset has
/// a positive DST part or more DST than the old one) whose `DTSTART` is the wall time just before the change,
/// in the offset in force before it. A zone without transitions there gets a
/// single `STANDARD` with `TZOFFSETFROM` equal to `TZOFFSETTO`, starting
/// `19700101T000000` (or at the start of the searched range when the offset
/// was different in 1970 or the range starts earlier). Reversed bounds are
/// swapped, spans longer than 200 years are cut, and dates are kept within
/// years 3..=9998 so every `DTSTART` has a four-digit year.
pub(crate) fn vtimezone(tz: Tz, from: NaiveDate, to: NaiveDate) -> String {
    let (start, end) = search_range(from, to);
    let cap = max_transitions(start, end);
    let transitions = transitions(tz, start, end, cap);

    let mut out = String::new();
    push_line(&mut out, "BEGIN:VTIMEZONE");
    push_line(&mut out, &format!("TZID:{}", tz.name()));
    match transitions.first() {
        None => {
            let offset = tz.offset_from_utc_datetime(&start);
            let epoch = DateTime::UNIX_EPOCH.naive_utc();
            let in_1970 = tz.offset_from_utc_datetime(&epoch);
            let dtstart = if start >= epoch && in_1970.fix() == offset.fix() {
                FIXED_DTSTART.to_owned()
            } else {
                wall_time(start, offset)
            };
            push_observance(&mut out, "STANDARD", &dtstart, offset, offset);
        }
        Some(first) => {
            // If nothing changed between the start of the search and `from`,
            // the first transition's observance would not cover the early
            // dates of the span: add one for the offset in force at the start.
            if first.at > day_start(from) {
                let offset = first.before;
                let dtstart = wall_time(start, offset);
                push_observance(&mut out, kind(offset), &dtstart, offset, offset);
            }
            for t in &transitions {
                let dtstart = wall_time(t.at, t.before);
                push_observance(
                    &mut out,
                    transition_kind(t.before, t.after),
                    &dtstart,
                    t.before,
                    t.after,
                );
            }
        }
    }
    push_line(&mut out, "END:VTIMEZONE");
    out
}

/// UTC instants `[start, end)` to search: `from..=to` normalised, clamped and widened by the margin.
fn search_range(from: NaiveDate, to: NaiveDate) -> (NaiveDateTime, NaiveDateTime) {
    let lowest = NaiveDate::from_ymd_opt(3, 1, 1).unwrap_or(NaiveDate::MIN);
    let highest = NaiveDate::from_ymd_opt(9998, 12, 31).unwrap_or(NaiveDate::MAX);
    let (from, to) = if from <= to { (from, to) } else { (to, from) };
    let from = from.clamp(lowest, highest);
    let to = to.clamp(lowest, highest);
    let to = from
        .checked_add_months(Months::new(12 * MAX_SPAN_YEARS))
        .map_or(to, |limit| to.min(limit));
    let margin = Months::new(MARGIN_MONTHS);
    let start = from.checked_sub_months(margin).unwrap_or(from);
    let end = to
        .checked_add_months(margin)
        .and_then(|d| d.succ_opt())
        .unwrap_or(to);
    (day_start(start), day_start(end))
}

/// Midnight UTC at the start of `date`.
fn day_start(date: NaiveDate) -> NaiveDateTime {
    date.and_time(NaiveTime::MIN)
}

/// Bound on the number of transitions searched for in `[start, end)`.
fn max_transitions(start: NaiveDateTime, end: NaiveDateTime) -> usize {
    let years = usize::try_from((end - start).num_days() / 365).unwrap_or(0) + 1;
    years * MAX_TRANSITIONS_PER_YEAR
}

/// Transitions of `tz` in `(start, end]`, in order, at most `cap` of them.
fn transitions(tz: Tz, start: NaiveDateTime, end: NaiveDateTime, cap: usize) -> Vec<Transition> {
    let step = TimeDelta::hours(SCAN_STEP_HOURS);
    let mut found = Vec::new();
    let mut t = start;
    let mut current = tz.offset_from_utc_datetime(&t);
    while t < end && found.len() < cap {
        let next = (t + step).min(end);
        let probe = tz.offset_from_utc_datetime(&next);
        if probe == current {
            t = next;
            continue;
        }
        // Invariant: the offset at `lo` is `current`, the one at `hi` (`after`) differs.
        let (mut lo, mut hi, mut after) = (t, next, probe);
        while (hi - lo).num_seconds() > 1 {
            let mid = lo + TimeDelta::seconds((hi - lo).num_seconds() / 2);
            let offset = tz.offset_from_utc_datetime(&mid);
            if offset == current {
                lo = mid;
            } else {
                hi = mid;
                after = offset;
            }
        }
        found.push(Transition {
            at: hi,
            before: current,
            after,
        });
        current = after;
        t = hi;
    }
    found
}

/// `DAYLIGHT` when `offset` includes a positive DST part, else `STANDARD`.
fn kind(offset: TzOffset) -> &'static str {
    transition_kind(offset, offset)
}

/// Kind of the observance starting at a change from `before` to `after`: `DAYLIGHT` when
/// `after` has a positive DST part or more DST than `before` (Europe/Dublin's summer time is
/// its standard time in tzdata, with a negative DST part in winter), else `STANDARD`.
fn transition_kind(before: TzOffset, after: TzOffset) -> &'static str {
    if after.dst_offset() > TimeDelta::zero() || after.dst_offset() > before.dst_offset() {
        "DAYLIGHT"
    } else {
        "STANDARD"
    }
}

/// Local wall time of the UTC instant `at` in `offset`, as a floating `DTSTART` value.
fn wall_time(at: NaiveDateTime, offset: TzOffset) -> String {
    (at + offset.fix()).format(DTSTART_FORMAT).to_string()
}

/// RFC 5545 UTC offset: `+hhmm`/`-hhmm`, with seconds (`+hhmmss`) only when non-zero.
fn utc_offset(offset: TzOffset) -> String {
    let secs = offset.fix().local_minus_utc();
    let sign = if secs < 0 { '-' } else { '+' };
    let abs = secs.unsigned_abs();
    let (h, m, s) = (abs / 3600, abs / 60 % 60, abs % 60);
    if s == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{s:02}")
    }
}

/// Appends one `STANDARD`/`DAYLIGHT` sub-component.
fn push_observance(out: &mut String, kind: &str, dtstart: &str, from: TzOffset, to: TzOffset) {
    push_line(out, &format!("BEGIN:{kind}"));
    push_line(out, &format!("DTSTART:{dtstart}"));
    push_line(out, &format!("TZOFFSETFROM:{}", utc_offset(from)));
    push_line(out, &format!("TZOFFSETTO:{}", utc_offset(to)));
    if let Some(name) = to.abbreviation() {
        if !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphabetic()) {
            push_line(out, &format!("TZNAME:{name}"));
        }
    }
    push_line(out, &format!("END:{kind}"));
}

/// Appends `line` and a CRLF.
fn push_line(out: &mut String, line: &str) {
    out.push_str(line);
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    /// One parsed `STANDARD`/`DAYLIGHT` sub-component.
    #[derive(Debug, PartialEq)]
    struct Obs {
        kind: String,
        dtstart: String,
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
        for line in s.split("\r\n") {
            let (key, value) = line.split_once(':').unwrap_or((line, ""));
            match key {
                "BEGIN" if value != "VTIMEZONE" => {
                    cur = Some(Obs {
                        kind: value.to_owned(),
                        dtstart: String::new(),
                        from: String::new(),
                        to: String::new(),
                        name: None,
                    })
                }
                "DTSTART" => cur.as_mut().unwrap().dtstart = value.to_owned(),
                "TZOFFSETFROM" => cur.as_mut().unwrap().from = value.to_owned(),
                "TZOFFSETTO" => cur.as_mut().unwrap().to = value.to_owned(),
                "TZNAME" => cur.as_mut().unwrap().name = Some(value.to_owned()),
                "END" if value != "VTIMEZONE" => {
                    let obs = cur.take().unwrap();
                    assert_eq!(obs.kind, value);
                    out.push(obs);
                }
                _ => {}
            }
        }
        out
    }

    fn obs(kind: &str, dtstart: &str, from: &str, to: &str, name: Option<&str>) -> Obs {
        Obs {
            kind: kind.to_owned(),
            dtstart: dtstart.to_owned(),
            from: from.to_owned(),
            to: to.to_owned(),
            name: name.map(str::to_owned),
        }
    }

    fn assert_has(all: &[Obs], want: Obs) {
        assert!(all.contains(&want), "missing {want:?} in {all:#?}");
    }

    /// The US zones in 2025: second Sunday of March, first Sunday of November, 02:00 local.
    #[test]
    fn us_zones_2025() {
        for (name, std, dst, s, d) in [
            ("America/New_York", "-0500", "-0400", "EST", "EDT"),
            ("America/Chicago", "-0600", "-0500", "CST", "CDT"),
            ("America/Los_Angeles", "-0800", "-0700", "PST", "PDT"),
        ] {
            let all = observances(&vtz(name, (2025, 1, 1), (2025, 12, 31)));
            assert_has(&all, obs("DAYLIGHT", "20250309T020000", std, dst, Some(d)));
            assert_has(&all, obs("STANDARD", "20251102T020000", dst, std, Some(s)));
            // 2024 and 2026 from the one-year margins, nothing else.
            let starts: Vec<&str> = all.iter().map(|o| o.dtstart.as_str()).collect();
            assert_eq!(
                starts,
                [
                    "20240310T020000",
                    "20241103T020000",
                    "20250309T020000",
                    "20251102T020000",
                    "20260308T020000",
                    "20261101T020000",
                ],
                "{name}"
            );
        }
    }

    #[test]
    fn utc_is_one_fixed_standard() {
        let s = vtz("UTC", (2025, 1, 1), (2025, 12, 31));
        assert_eq!(
            s,
            "BEGIN:VTIMEZONE\r\nTZID:UTC\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n\
             TZOFFSETFROM:+0000\r\nTZOFFSETTO:+0000\r\nTZNAME:UTC\r\nEND:STANDARD\r\n\
             END:VTIMEZONE\r\n"
        );
    }

    #[test]
    fn fixed_zones() {
        let all = observances(&vtz("Asia/Kolkata", (2020, 1, 1), (2030, 12, 31)));
        assert_eq!(
            all,
            [obs(
                "STANDARD",
                FIXED_DTSTART,
                "+0530",
                "+0530",
                Some("IST")
            )]
        );
        let all = observances(&vtz("Asia/Tokyo", (2025, 1, 1), (2025, 12, 31)));
        assert_eq!(
            all,
            [obs(
                "STANDARD",
                FIXED_DTSTART,
                "+0900",
                "+0900",
                Some("JST")
            )]
        );
    }

    /// Kathmandu moved from +0530 to +0545 in 1986: a 1970 DTSTART would claim the wrong offset.
    #[test]
    fn fixed_zone_with_different_1970_offset_starts_at_search_start() {
        let all = observances(&vtz("Asia/Kathmandu", (2020, 1, 1), (2020, 12, 31)));
        assert_eq!(
            all,
            [obs("STANDARD", "20190101T054500", "+0545", "+0545", None)]
        );
    }

    /// Energy Policy Act of 2005: from 2007 DST starts the second Sunday of March
    /// (was the first Sunday of April) and ends the first Sunday of November (was last of October).
    #[test]
    fn new_york_2007_rule_change() {
        let all = observances(&vtz("America/New_York", (2006, 1, 1), (2007, 12, 31)));
        let dst = |d: &str| obs("DAYLIGHT", d, "-0500", "-0400", Some("EDT"));
        let std = |d: &str| obs("STANDARD", d, "-0400", "-0500", Some("EST"));
        let want = [
            dst("20050403T020000"),
            std("20051030T020000"),
            dst("20060402T020000"),
            std("20061029T020000"),
            dst("20070311T020000"),
            std("20071104T020000"),
            dst("20080309T020000"),
            std("20081102T020000"),
        ];
        assert_eq!(all, want);
    }

    /// Lord Howe shifts by 30 minutes: +1030 standard, +11 in summer (first Sundays of April and October).
    #[test]
    fn lord_howe_half_hour_dst() {
        let all = observances(&vtz("Australia/Lord_Howe", (2025, 1, 1), (2025, 12, 31)));
        assert_has(
            &all,
            obs("STANDARD", "20250406T020000", "+1100", "+1030", None),
        );
        assert_has(
            &all,
            obs("DAYLIGHT", "20251005T020000", "+1030", "+1100", None),
        );
        assert_eq!(all.len(), 6, "{all:#?}");
    }

    /// Southern hemisphere: DST spans the new year.
    #[test]
    fn sydney_2025() {
        let all = observances(&vtz("Australia/Sydney", (2025, 1, 1), (2025, 12, 31)));
        assert_has(
            &all,
            obs(
                "STANDARD",
                "20250406T030000",
                "+1100",
                "+1000",
                Some("AEST"),
            ),
        );
        assert_has(
            &all,
            obs(
                "DAYLIGHT",
                "20251005T020000",
                "+1000",
                "+1100",
                Some("AEDT"),
            ),
        );
    }

    /// tzdata gives Dublin a negative DST part in winter; summer (IST) is still DAYLIGHT.
    #[test]
    fn dublin_negative_dst() {
        let all = observances(&vtz("Europe/Dublin", (2025, 1, 1), (2025, 12, 31)));
        assert_has(
            &all,
            obs("DAYLIGHT", "20250330T010000", "+0000", "+0100", Some("IST")),
        );
        assert_has(
            &all,
            obs("STANDARD", "20251026T020000", "+0100", "+0000", Some("GMT")),
        );
        let all = observances(&vtz("Europe/London", (2025, 1, 1), (2025, 12, 31)));
        assert_has(
            &all,
            obs("DAYLIGHT", "20250330T010000", "+0000", "+0100", Some("BST")),
        );
        assert_has(
            &all,
            obs("STANDARD", "20251026T020000", "+0100", "+0000", Some("GMT")),
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
                    "18820531T190358",
                    "-045602",
                    "-045602",
                    Some("LMT")
                ),
                obs(
                    "STANDARD",
                    "18831118T120358",
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
                obs("STANDARD", "20141231T193000", "-0430", "-0430", None),
                obs("STANDARD", "20160501T023000", "-0430", "-0400", None),
            ]
        );
    }

    #[test]
    fn deterministic_reversed_and_bounded() {
        let ny = zone("America/New_York");
        let a = vtimezone(ny, date(2020, 1, 1), date(2030, 12, 31));
        assert_eq!(a, vtimezone(ny, date(2020, 1, 1), date(2030, 12, 31)));
        assert_eq!(a, vtimezone(ny, date(2030, 12, 31), date(2020, 1, 1)));
        // 2019..=2031: two transitions a year.
        assert_eq!(observances(&a).len(), 26);

        // Absurd spans are clamped and stay fast and well-formed.
        let wide = vtimezone(ny, NaiveDate::MIN, NaiveDate::MAX);
        assert_well_formed(&wide, "America/New_York");
        let n = observances(&wide).len();
        assert!(n > 0 && n <= 202 * MAX_TRANSITIONS_PER_YEAR, "{n}");
        // Before 1883 New York is on LMT; the observance starts at the search start (0002-01-01 UTC).
        assert!(wide.contains("DTSTART:00011231T190358"), "{wide}");
        let late = vtimezone(ny, NaiveDate::MAX, NaiveDate::MAX);
        assert_well_formed(&late, "America/New_York");
    }

    #[test]
    fn every_zone_is_well_formed_and_consistent() {
        for tz in chrono_tz::TZ_VARIANTS {
            let s = vtimezone(tz, date(2024, 1, 1), date(2026, 12, 31));
            assert_well_formed(&s, tz.name());
            let all = observances(&s);
            assert!(!all.is_empty(), "{}", tz.name());
            // Each observance starts from the offset the previous one went to.
            for pair in all.windows(2) {
                assert_eq!(pair[0].to, pair[1].from, "{}: {all:#?}", tz.name());
            }
        }
    }

    /// Runs scripts/check_vtimezone.py (Python `icalendar` + `zoneinfo`) on a calendar of our output.
    #[test]
    fn python_checker_agrees() {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/check_vtimezone.py");
        if !std::path::Path::new(script).exists() {
            println!("skipping python_checker_agrees: {script} not found");
            return;
        }
        let has_icalendar = Command::new("python3")
            .args(["-c", "import icalendar"])
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false);
        if !has_icalendar {
            println!("skipping python_checker_agrees: python3 with `icalendar` not available");
            return;
        }
        let mut ics = String::from(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//docket//vtimezone test//EN\r\n",
        );
        ics.push_str(&vtimezone(
            zone("America/New_York"),
            date(2020, 1, 1),
            date(2030, 12, 31),
        ));
        for (name, from, to) in [
            ("America/New_York", date(1883, 1, 1), date(1884, 12, 31)),
            ("America/New_York", date(2005, 1, 1), date(2008, 12, 31)),
            ("Australia/Lord_Howe", date(2024, 1, 1), date(2026, 12, 31)),
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
}
