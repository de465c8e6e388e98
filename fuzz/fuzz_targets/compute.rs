//! The public calendar and computation API with arbitrary arguments:
//! holiday rules for any year, calendars from any rule and closure, days off
//! over any range, and time computations from any trigger and period. A
//! value or an error, never a panic; a computed date is on the calendar.
#![no_main]

use chrono::{NaiveDate, NaiveTime, Weekday};
use docket::calendar::{court, courts, Closure, HolidayRule, Observance, Scope, When};
use docket::compute::{Direction, Period, Request, Roll, Service, Unit};
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Input {
    rule_kind: u8,
    month: u32,
    day: u32,
    n: u32,
    offset: i32,
    weekday: u8,
    every: u32,
    remainder: u32,
    year: i32,
    closure: (i32, u32),
    closure_days: u16,
    trigger: i32,
    range: (i32, i32),
    amount: u32,
    unit: u8,
    before: bool,
    service: u8,
    roll: u8,
    time: (u32, u32),
    court: u8,
    text: String,
}

fn date(days: i32) -> NaiveDate {
    // Days around 2000-01-01, reaching past both ends of chrono's range.
    NaiveDate::from_num_days_from_ce_opt(730_120_i32.saturating_add(days)).unwrap_or(NaiveDate::MAX)
}

fuzz_target!(|i: Input| {
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
    let all = courts();
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
});
