//! The checks of the fuzz targets, one function per target. The targets in
//! this folder call them on libFuzzer's inputs; `tests/it/fuzz_regressions.rs`
//! includes this file and calls them on the committed corpus and on every
//! input fuzzing found, so the checks compile and run in the ordinary test
//! suite too.

use chrono::{NaiveDate, NaiveTime, Weekday};
use docket::calendar::{court, courts, Closure, HolidayRule, Observance, Scope, When};
use docket::compute::{Direction, Period, Request, Roll, Service, Unit};
use docket::docket::{Docket, LiveSchedule, ScheduleOptions, MAX_DOCKET_OCCURRENCES};
use docket::ical::{case_feed, FeedOptions};
#[cfg(fuzzing)]
use libfuzzer_sys::arbitrary;

/// The input as a docket: JSON when it starts with `{` (after blanks),
/// TOML otherwise, as a file of that extension would be read.
pub fn docket_of(data: &[u8]) -> Option<Docket> {
    let text = std::str::from_utf8(data).ok()?;
    if text.trim_start().starts_with('{') {
        Docket::from_json_str(text).ok()
    } else {
        Docket::from_toml_str(text).ok()
    }
}

/// `parse_toml`: TOML docket text parses or is refused; what parses writes
/// back to TOML that reads as the same docket.
pub fn parse_toml(data: &[u8]) {
    round_trip(data, Docket::from_toml_str, Docket::to_toml_string);
}

/// `parse_json`: the same for JSON (whose duplicate keys are refused).
pub fn parse_json(data: &[u8]) {
    round_trip(data, Docket::from_json_str, Docket::to_json_string);
}

fn round_trip(
    data: &[u8],
    read: fn(&str) -> docket::Result<Docket>,
    write: fn(&Docket) -> docket::Result<String>,
) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(docket) = read(text) else {
        return;
    };
    let written = write(&docket).expect("a parsed docket writes back");
    let again = read(&written).expect("what was written reads back");
    assert_eq!(again, docket, "the round trip changed the docket");
}

/// `validate`: every problem is a message; a valid docket prepares.
pub fn validate(data: &[u8]) {
    let Some(docket) = docket_of(data) else {
        return;
    };
    match docket.validate() {
        Ok(()) => {
            docket
                .check()
                .expect("a valid docket prepares for scheduling");
        }
        Err(e) => {
            assert!(!e.problems().is_empty());
            assert!(e.problems().iter().all(|p| !p.trim().is_empty()));
        }
    }
}

/// `schedule`: a result or an error, within the budget, in due-date order,
/// on the calendar; the live schedule equals the full one.
pub fn schedule(data: &[u8]) {
    let Some(docket) = docket_of(data) else {
        return;
    };
    let Ok(checked) = docket.check() else {
        return;
    };
    // A small cap per duty keeps each run short; the docket's own budget
    // still applies.
    let opts = ScheduleOptions::new().max_occurrences(40);
    let Ok(s) = checked.schedule(&opts) else {
        return;
    };
    assert!(s.deadlines.len() as u64 <= MAX_DOCKET_OCCURRENCES);
    assert!(s.deadlines.windows(2).all(|w| w[0].due <= w[1].due));
    for d in &s.deadlines {
        assert!(
            checked.calendar().covers(d.due),
            "{} outside the calendar",
            d.due
        );
    }
    if let Ok(live) = LiveSchedule::new(checked.clone(), opts) {
        assert_eq!(live.schedule(), s);
    }
}

/// `feed`: RFC 5545 content lines (CRLF, at most 75 octets), one
/// VCALENDAR, balanced BEGIN/END, and the same bytes twice.
pub fn feed(data: &[u8]) {
    let Some(docket) = docket_of(data) else {
        return;
    };
    let opts = FeedOptions::new("fuzz.example").alarms(&[1]);
    let Ok(text) = case_feed(&docket, &opts) else {
        return;
    };
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    let mut depth = 0i32;
    for line in text.split_terminator("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
        if line.starts_with("BEGIN:") {
            depth += 1;
        } else if line.starts_with("END:") {
            depth -= 1;
            assert!(depth >= 0);
        }
    }
    assert_eq!(depth, 0);
    assert_eq!(
        case_feed(&docket, &opts).ok().as_deref(),
        Some(text.as_str())
    );
}

/// The arguments of one `compute` run.
#[derive(Debug, Clone, Default)]
#[cfg_attr(fuzzing, derive(libfuzzer_sys::arbitrary::Arbitrary))]
pub struct ApiInput {
    pub rule_kind: u8,
    pub month: u32,
    pub day: u32,
    pub n: u32,
    pub offset: i32,
    pub weekday: u8,
    pub every: u32,
    pub remainder: u32,
    pub year: i32,
    pub closure: (i32, u32),
    pub closure_days: u16,
    pub trigger: i32,
    pub range: (i32, i32),
    pub amount: u32,
    pub unit: u8,
    pub before: bool,
    pub service: u8,
    pub roll: u8,
    pub time: (u32, u32),
    pub court: u8,
    pub text: String,
}

/// Days around 2000-01-01, reaching past both ends of chrono's range.
fn date(days: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(730_120_i32.saturating_add(days)).unwrap_or(NaiveDate::MAX)
}

/// `compute`: holiday rules for any year, calendars from any rule and
/// closure, days off over any range, time computations from any trigger and
/// period: a value or an error, never a panic; a computed date is on the
/// calendar.
pub fn compute(i: &ApiInput) {
    let weekday = Weekday::try_from(i.weekday % 7).unwrap_or(Weekday::Mon);
    let when = match i.rule_kind % 7 {
        0 => When::Fixed {
            month: i.month,
            day: i.day,
        },
        1 => When::Nth {
            month: i.month,
            weekday,
            n: i.n,
        },
        2 => When::Last {
            month: i.month,
            weekday,
        },
        3 => When::NthOffset {
            month: i.month,
            weekday,
            n: i.n,
            offset: i.offset,
        },
        4 => When::Easter { offset: i.offset },
        5 => When::ElectionDay,
        _ => When::Date {
            date: date(i.offset),
        },
    };
    let observed = match i.rule_kind / 7 % 4 {
        0 => Observance::None,
        1 => Observance::FridayOrMonday,
        2 => Observance::SundayToMonday,
        _ => Observance::FridayIfSaturday,
    };
    let mut rule = HolidayRule::new("fuzz", when, Scope::Court, "fuzz")
        .observed(observed)
        .every_years(i.every, i.remainder);
    rule.every = i.every;
    let _ = rule.actual_in(i.year);
    let _ = rule.observed_in(i.year);
    let _ = docket::calendar::easter(i.year);
    let _ = rule.check();

    let start = date(i.closure.0);
    let closure = Closure {
        date: start,
        through: start.checked_add_days(chrono::Days::new(u64::from(i.closure_days))),
        ..Closure::on(start, "fuzz")
    };
    let all = courts().expect("the built-in courts load");
    let c = &all[usize::from(i.court) % all.len()];
    let base = c.calendar().expect("built-in calendars build");
    let cal = match base.to_builder().rule(rule).closure(closure).build() {
        Ok(cal) => cal,
        Err(e) => {
            assert!(!e.to_string().is_empty());
            base
        }
    };
    let (from, to) = (date(i.range.0), date(i.range.1));
    match cal.days_off(from, to) {
        Ok(days) => assert!(from <= to && days.count() < 1_000_000),
        Err(_) => assert!(from > to),
    }

    let unit = [
        Unit::Days,
        Unit::CourtDays,
        Unit::Weeks,
        Unit::Months,
        Unit::Years,
        Unit::Hours,
    ][usize::from(i.unit % 6)];
    let period = Period {
        amount: i.amount,
        unit,
    };
    let direction = if i.before {
        Direction::Before
    } else {
        Direction::After
    };
    let service = [
        None,
        Some(Service::Mail),
        Some(Service::Electronic),
        Some(Service::Hand),
        Some(Service::Other),
    ][usize::from(i.service % 5)];
    let roll = [Roll::Rule, Roll::Forward, Roll::Backward, Roll::None][usize::from(i.roll % 4)];
    let mut req = Request::new(date(i.trigger), period, direction)
        .service(service)
        .roll(roll);
    if let Some(t) = NaiveTime::from_hms_opt(i.time.0, i.time.1, 0) {
        req = req.at(t);
    }
    if let Ok(due) = req.compute(&cal, c.family) {
        assert!(cal.covers(due.due()), "{} is off the calendar", due.due());
        let _ = due.ends_at(&cal);
    }
    let _ = i.text.parse::<Period>();
    let _ = court(&i.text);
    let _ = docket::docket::parse_date(&i.text);
    let _ = docket::docket::parse_local_datetime(&i.text);
}
