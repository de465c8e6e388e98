//! The computation itself, on the general path: every reading of the
//! questions in play, a day at a time (the common cases take `fast` first).
//! The explanation is built only when asked for, by the same code.

use chrono::{Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Weekday};

use super::{Direction, Due, Edition, Request, Roll, Step, Unit};
use crate::calendar::{
    Calendar, DayKind, RuleFamily, Scope, CLOSURE, DISPUTED, DISPUTED_CLOSURE, DISPUTED_STATE,
    HOLIDAY, OUTSIDE, STATE, WEEKEND,
};
use crate::error::{Error, Result};

/// How the days added for service join the period (see
/// [`Edition::service_question`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub(super) enum ServiceMode {
    /// Added after the period would otherwise expire, as calendar days, then
    /// rolled (the text since 2005 (FRCP, FRBP) and 2009 (FRAP); CNPq).
    #[default]
    AfterExpiry,
    /// Added to the prescribed period, which is then computed as one longer
    /// period (the literal older text).
    AddedToPeriod,
    /// Added after the period as business days (rejected in CNPq).
    BusinessDays,
}

/// One way of reading the rules where they are not settled: one answer to
/// each unsettled question the computation meets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub(super) struct Reading {
    /// Day questions (bits indexing the calendar's day questions) whose days
    /// count as legal holidays or closures in this reading.
    pub(super) closed: u32,
    /// Before December 1, 2009: a period measured before an event rolls
    /// forward (the old text said only "the next day").
    pub(super) old_forward: bool,
    /// How service days join the period.
    pub(super) service: ServiceMode,
    /// Court-day counts skip the state's holidays (on which the federal court
    /// may be open).
    pub(super) state_not_court_day: bool,
}

/// The calendar's days as one reading sees them: a disputed day counts as
/// closed only if one of its questions is read "closed".
#[derive(Clone, Copy)]
pub(super) struct View<'a> {
    pub(super) cal: &'a Calendar,
    closed: u32,
}

const ANY_DISPUTED: u8 = DISPUTED | DISPUTED_STATE | DISPUTED_CLOSURE;

impl<'a> View<'a> {
    pub(super) fn new(cal: &'a Calendar, r: Reading) -> View<'a> {
        View {
            cal,
            closed: r.closed,
        }
    }

    #[inline]
    fn flags_ce(&self, ce: i32) -> u8 {
        let f = self.cal.flags_ce(ce);
        if self.closed != 0
            && f & ANY_DISPUTED != 0
            && self.cal.questions_on_ce(ce) & self.closed == 0
        {
            f & !ANY_DISPUTED
        } else {
            f
        }
    }
}

pub(super) type Trace = Option<Vec<Step>>;

#[inline]
fn push(trace: &mut Trace, f: impl FnOnce() -> Step) {
    if let Some(t) = trace {
        t.push(f());
    }
}

fn out_of_range(d: NaiveDate) -> Error {
    Error::range(format!(
        "the computation reaches {d}, outside the years {}-{} the calendars cover",
        crate::calendar::FIRST_YEAR,
        crate::calendar::LAST_YEAR
    ))
}

pub(super) fn from_ce(ce: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(ce).unwrap_or(NaiveDate::MIN)
}

/// Days that are not "court days" for a period in `dir` under `ed`.
#[inline]
fn closed_mask(ed: Edition, dir: Direction, r: Reading) -> u8 {
    let state = dir == Direction::After || ed.state_days_count_backward();
    let mut m = WEEKEND | HOLIDAY;
    if state {
        m |= STATE;
    }
    if r.closed != 0 {
        m |= DISPUTED;
        if state {
            m |= DISPUTED_STATE;
        }
    }
    m
}

#[inline]
fn closure_mask(r: Reading) -> u8 {
    if r.closed != 0 {
        CLOSURE | DISPUTED_CLOSURE
    } else {
        CLOSURE
    }
}

/// Days a court-day count passes over.
#[inline]
fn court_day_mask(r: Reading) -> u8 {
    let mut m = WEEKEND | HOLIDAY | closure_mask(r);
    if r.state_not_court_day {
        m |= STATE;
    }
    if r.closed != 0 {
        m |= DISPUTED;
        if r.state_not_court_day {
            m |= DISPUTED_STATE;
        }
    }
    m
}

pub(super) fn compute(req: &Request, cal: &Calendar, family: RuleFamily) -> Result<Due> {
    if let Some(due) = super::fast::fast(req, cal, family) {
        return Ok(due);
    }
    let period = req.period.check()?;
    let ed = req.edition(family);
    let trigger = req.trigger.num_days_from_ce();
    if cal.flags_ce(trigger) & OUTSIDE != 0 {
        return Err(out_of_range(req.trigger));
    }
    if let Some(s) = req.service {
        if req.direction == Direction::Before {
            return Err(Error::invalid(format!(
                "service days ({}) apply only to periods counted after service, not before an event",
                s.as_str()
            )));
        }
        if period.unit == Unit::Hours {
            return Err(Error::invalid(
                "service days do not apply to periods stated in hours",
            ));
        }
    }
    if period.unit == Unit::Hours && req.time.is_none() {
        return Err(Error::invalid(
            "a period in hours needs the trigger's time of day (a local date-time at the court)",
        ));
    }
    super::readings::weigh(req, cal, ed)
}

pub(super) fn last_day_step(cal: &Calendar, ed: Edition, due: NaiveDate) -> Step {
    let text = match cal.cutoff() {
        Some(t) => format!(
            "the last day ends at {} in the court's time zone ({}), the cutoff set for this court ({})",
            t.format("%H:%M"),
            cal.time_zone().name(),
            ed.cite("(a)(4)")
        ),
        None => format!(
            "the last day ends at midnight in the court's time zone ({}) for electronic filing, \
             or when the clerk's office is scheduled to close for other filing ({})",
            cal.time_zone().name(),
            ed.cite("(a)(4)")
        ),
    };
    Step {
        text,
        date: due,
        time: None,
    }
}

/// One complete computation under one reading.
pub(super) fn run(
    req: &Request,
    cal: &Calendar,
    ed: Edition,
    r: Reading,
    trace: &mut Trace,
) -> Result<(i32, Option<NaiveDateTime>)> {
    let v = View::new(cal, r);
    let dir = req.direction;
    let sign: i32 = if dir == Direction::After { 1 } else { -1 };
    let mask = closed_mask(ed, dir, r);
    let closure = closure_mask(r);
    let from_day = req.trigger;
    let from = from_day.num_days_from_ce();
    let service_days = req.service.map_or(0, |s| ed.service_days(s));
    let method = req.service.map_or("", |s| s.describe());
    // The service days join the period itself under the "added to the
    // prescribed period" reading (never with roll = none, which has no roll
    // for the readings to differ on).
    let joined =
        service_days > 0 && r.service == ServiceMode::AddedToPeriod && req.roll != Roll::None;
    let question = ed.service_question().unwrap_or("");
    let n = req.period.amount;
    let mut d: i32 = match req.period.unit {
        Unit::Days => {
            let total = if joined { n + service_days } else { n };
            let short = ed.short_period_limit().filter(|&l| total < l);
            let d = match short {
                Some(_) => count_open(&v, from, total, sign, mask)?,
                None => from + sign * total as i32,
            };
            push(trace, || {
                let what = if joined {
                    format!(
                        "counted {n} days plus the {service_days} days added to the prescribed period \
                         for service {method} ({}; question {question}, reading \"added-to-period\"), \
                         {total} days in all,",
                        ed.service_cite()
                    )
                } else {
                    format!("counted {}", req.period)
                };
                let how = match short {
                    Some(l) => format!(
                        "leaving out intermediate Saturdays, Sundays and legal holidays because the \
                         period is less than {l} days ({})",
                        ed.cite("(a)(short)")
                    ),
                    None => format!(
                        "excluding the day of the event and counting every day ({})",
                        ed.cite("(a)(1)(A)-(B)")
                    ),
                };
                on_day(format!("{what} {} {from_day}, {how}", word(dir)), d)
            });
            d
        }
        Unit::Weeks => {
            let d = from + sign * (n * 7) as i32;
            push(trace, || {
                on_day(
                    format!(
                        "counted {} {} {from_day}, excluding the day of the event and counting every \
                         day ({})",
                        req.period,
                        word(dir),
                        ed.cite("(a)(1)(A)-(B)")
                    ),
                    d,
                )
            });
            d
        }
        Unit::Months | Unit::Years => {
            let months = if req.period.unit == Unit::Years {
                n * 12
            } else {
                n
            };
            let m = chrono::Months::new(months);
            let d = match dir {
                Direction::After => from_day.checked_add_months(m),
                Direction::Before => from_day.checked_sub_months(m),
            }
            .ok_or_else(|| {
                Error::range(format!(
                    "{} {} {from_day} is not a date",
                    req.period,
                    word(dir)
                ))
            })?;
            if !cal.covers(d) {
                return Err(out_of_range(d));
            }
            let d = d.num_days_from_ce();
            push(trace, || {
                on_day(format!(
                    "counted {} {} {from_day} to the same day of the month, or the month's last day \
                     when it is shorter ({})",
                    req.period,
                    word(dir),
                    ed.cite("(a)(1)")
                ), d)
            });
            d
        }
        Unit::CourtDays => {
            let cmask = court_day_mask(r);
            let d = count_open(&v, from, n, sign, cmask)?;
            push(trace, || {
                let state = if cal.states().is_empty() {
                    String::new()
                } else if r.state_not_court_day {
                    " and the state's legal holidays (question court-days-state-holiday, reading \
                     \"not-court-day\")"
                        .to_string()
                } else {
                    "; a state holiday on which the court is open counts as a court day (question \
                     court-days-state-holiday, reading \"court-day\")"
                        .to_string()
                };
                on_day(
                    format!(
                        "counted {} {} {from_day}, leaving out Saturdays, Sundays, legal holidays and \
                         days the clerk's office is closed{state}",
                        req.period,
                        word(dir)
                    ),
                    d,
                )
            });
            d
        }
        Unit::Hours => return run_hours(req, &v, ed, r, trace),
    };
    if joined && req.period.unit != Unit::Days {
        d += service_days as i32;
        push(trace, || {
            on_day(
                format!(
                    "{service_days} days added to the prescribed period for service {method} ({}; \
                     question {question}, reading \"added-to-period\")",
                    ed.service_cite()
                ),
                d,
            )
        });
    }
    if trace.is_some() && dir == Direction::Before {
        note_ignored_state_day(cal, ed, from_ce(d), mask, trace);
    }
    if req.roll == Roll::None {
        if service_days > 0 {
            d += service_days as i32;
            push(trace, || {
                on_day(
                    format!(
                        "{service_days} days added for service {method} ({})",
                        ed.service_cite()
                    ),
                    d,
                )
            });
        }
        push(trace, || {
            on_day(
                "no roll: the date stands even if the court is closed (roll = none)",
                d,
            )
        });
        if cal.flags_ce(d) & OUTSIDE != 0 {
            return Err(out_of_range(from_ce(d)));
        }
        return Ok((d, None));
    }
    let roll_sign = match req.roll {
        Roll::Forward => 1,
        Roll::Backward => -1,
        _ if r.old_forward => 1,
        _ => sign,
    };
    d = roll(&v, ed, d, roll_sign, mask, r.old_forward, trace)?;
    d = closure_roll(&v, ed, d, mask, closure, trace)?;
    if service_days > 0 && !joined {
        let cite = ed.service_cite();
        let named = |reading: &str| match ed.service_question() {
            Some(q) => format!("{cite}; question {q}, reading \"{reading}\""),
            None => cite.to_string(),
        };
        if r.service == ServiceMode::BusinessDays {
            d = count_open(&v, d, service_days, 1, mask | closure)?;
            push(trace, || {
                on_day(
                    format!(
                        "{service_days} business days added after the period would otherwise \
                         expire, for service {method} ({})",
                        named("business-days")
                    ),
                    d,
                )
            });
        } else {
            d += service_days as i32;
            push(trace, || {
                on_day(
                    format!(
                        "{service_days} days added after the period would otherwise expire, for \
                         service {method} ({})",
                        named("after-expiry")
                    ),
                    d,
                )
            });
            d = roll(&v, ed, d, 1, mask, false, trace)?;
        }
        d = closure_roll(&v, ed, d, mask, closure, trace)?;
    } else if let (Some(s), 0) = (req.service, service_days) {
        push(trace, || {
            on_day(
                format!(
                    "no days added for service {} ({})",
                    s.describe(),
                    ed.service_cite()
                ),
                d,
            )
        });
    }
    Ok((d, None))
}

pub(super) fn word(dir: Direction) -> &'static str {
    match dir {
        Direction::After => "after",
        Direction::Before => "before",
    }
}

/// Counts `n` days in direction `sign`, skipping days in `mask`.
#[inline]
fn count_open(v: &View<'_>, from: i32, n: u32, sign: i32, mask: u8) -> Result<i32> {
    let mut ce = from;
    let mut left = n;
    while left > 0 {
        ce += sign;
        let f = v.flags_ce(ce);
        if f & OUTSIDE != 0 {
            return Err(out_of_range(from_ce(ce)));
        }
        if f & mask == 0 {
            left -= 1;
        }
    }
    Ok(ce)
}

/// Moves `d` in direction `sign` until it is not in `mask` ((a)(1)(C)).
#[inline]
fn roll(
    v: &View<'_>,
    ed: Edition,
    d: i32,
    sign: i32,
    mask: u8,
    old_forward: bool,
    trace: &mut Trace,
) -> Result<i32> {
    let start = d;
    let mut ce = start;
    loop {
        let f = v.flags_ce(ce);
        if f & OUTSIDE != 0 {
            return Err(out_of_range(from_ce(ce)));
        }
        if f & mask == 0 {
            break;
        }
        ce += sign;
    }
    if trace.is_some() && ce != start {
        let end = from_ce(ce);
        let why = skipped(v, start, ce, sign, mask);
        let rule = if sign > 0 && old_forward {
            format!(
                "the period continues to run until \"the next day\" that is not a Saturday, Sunday \
                 or legal holiday, read forward although the period is measured before an event \
                 ({}; question pre-2009-backward-roll, reading \"forward\")",
                ed.cite("(a)(1)(C)")
            )
        } else if sign > 0 {
            format!(
                "the period continues to run until the end of the next day that is not a Saturday, \
                 Sunday or legal holiday ({})",
                ed.cite("(a)(1)(C)")
            )
        } else if ed.is_pre_2009() {
            format!(
                "counting backward, the period ends on the previous day that is not a Saturday, \
                 Sunday or legal holiday ({}; the reading the 2009 amendments adopted in (a)(5); \
                 question pre-2009-backward-roll, reading \"backward\")",
                ed.cite("(a)(1)(C)")
            )
        } else {
            format!(
                "counting backward, the period ends on the previous day that is not a Saturday, \
                 Sunday or legal holiday ({}, (a)(5))",
                ed.cite("(a)(1)(C)")
            )
        };
        push(trace, || Step {
            text: format!("{why}: {rule}"),
            date: end,
            time: None,
        });
    }
    Ok(ce)
}

/// (a)(3): the clerk's office inaccessible on the last day extends the time
/// forward to the first accessible day that is not a Saturday, Sunday or
/// legal holiday, whatever the period's direction.
fn closure_roll(
    v: &View<'_>,
    ed: Edition,
    d: i32,
    mask: u8,
    closure: u8,
    trace: &mut Trace,
) -> Result<i32> {
    if v.flags_ce(d) & closure == 0 {
        return Ok(d);
    }
    let start = d;
    let mut ce = start;
    loop {
        let f = v.flags_ce(ce);
        if f & OUTSIDE != 0 {
            return Err(out_of_range(from_ce(ce)));
        }
        if f & (mask | closure) == 0 {
            break;
        }
        ce += 1;
    }
    if trace.is_some() {
        let end = from_ce(ce);
        let why = skipped(v, start, ce, 1, mask | closure);
        push(trace, || Step {
            text: format!(
                "{why}: the time extends to the first accessible day that is not a Saturday, \
                 Sunday or legal holiday ({})",
                ed.cite("(a)(3)(A)")
            ),
            date: end,
            time: None,
        });
    }
    Ok(ce)
}

/// Periods in hours ((a)(2)).
fn run_hours(
    req: &Request,
    v: &View<'_>,
    ed: Edition,
    r: Reading,
    trace: &mut Trace,
) -> Result<(i32, Option<NaiveDateTime>)> {
    let dir = req.direction;
    let sign: i64 = if dir == Direction::After { 1 } else { -1 };
    let time = req
        .time
        .ok_or_else(|| Error::invalid("missing trigger time"))?;
    let local = req.trigger.and_time(time);
    let cal = v.cal;
    let tz = cal.time_zone();
    let start = match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t,
        LocalResult::Ambiguous(earlier, later) => match req.fold {
            Some(super::Fold::Earlier) => earlier,
            Some(super::Fold::Later) => later,
            None => {
                return Err(Error::invalid(format!(
                "{} occurs twice in {} (clocks fall back): choose fold = \"earlier\" or \"later\"",
                local.format("%Y-%m-%dT%H:%M"),
                tz.name()
            )))
            }
        },
        LocalResult::None => {
            return Err(Error::invalid(format!(
                "{} does not exist in {} (a daylight-saving gap)",
                local.format("%Y-%m-%dT%H:%M"),
                tz.name()
            )))
        }
    };
    let n = req.period.amount as i64;
    let end = start + Duration::hours(sign * n);
    let mut at = end.naive_local();
    if !cal.covers(at.date()) {
        return Err(out_of_range(at.date()));
    }
    push(trace, || Step {
        text: format!(
            "counted {} {} {}, starting immediately and counting every hour ({})",
            req.period,
            word(dir),
            local.format("%Y-%m-%dT%H:%M"),
            ed.cite("(a)(2)(A)-(B)")
        ),
        date: at.date(),
        time: Some(at.time()),
    });
    let mask = closed_mask(ed, dir, r);
    let closure = closure_mask(r);
    let roll_sign = match req.roll {
        Roll::None => 0,
        Roll::Forward => 1,
        Roll::Backward => -1,
        Roll::Rule => sign as i32,
    };
    if roll_sign != 0 {
        let d = roll(
            v,
            ed,
            at.date().num_days_from_ce(),
            roll_sign,
            mask,
            false,
            &mut None,
        )?;
        let d = from_ce(closure_roll(v, ed, d, mask, closure, &mut None)?);
        if d != at.date() {
            let from = at.date();
            at = d.and_time(at.time());
            push(trace, || Step {
                text: format!(
                    "{}: the period continues to run until the same time on the next day that is \
                     not a Saturday, Sunday or legal holiday ({})",
                    skipped(
                        v,
                        from.num_days_from_ce(),
                        d.num_days_from_ce(),
                        if d > from { 1 } else { -1 },
                        mask | closure
                    ),
                    ed.cite("(a)(2)(C)")
                ),
                date: at.date(),
                time: Some(at.time()),
            });
        }
    }
    Ok((at.date().num_days_from_ce(), Some(at)))
}

/// A backward period that lands on a state holiday: say why it stands.
fn note_ignored_state_day(cal: &Calendar, ed: Edition, d: NaiveDate, mask: u8, trace: &mut Trace) {
    if mask & STATE != 0 || cal.flags(d) & (STATE | DISPUTED_STATE) == 0 {
        return;
    }
    let names: Vec<String> = cal
        .notes_on(d)
        .iter()
        .filter(|n| n.kind == DayKind::Holiday(Scope::State))
        .map(|n| n.to_string())
        .collect();
    push(trace, || Step {
        text: format!(
            "{d} is {}, a state holiday, which does not count for a period measured before an \
             event ({})",
            names.join(" and "),
            ed.cite("(a)(6)(C)")
        ),
        date: d,
        time: None,
    });
}

/// Notes on the due date: a disputed day this reading counts as an ordinary
/// day (only days that would count under the other reading: a disputed
/// state day does not count for a period measured before an event), and a
/// day whose question was settled as an ordinary day.
pub(super) fn note_due_day(
    cal: &Calendar,
    ed: Edition,
    dir: Direction,
    r: Reading,
    d: NaiveDate,
    trace: &mut Trace,
) {
    let closed_if = closed_mask(
        ed,
        dir,
        Reading {
            closed: u32::MAX,
            ..r
        },
    ) | CLOSURE
        | DISPUTED_CLOSURE;
    let open_here = cal.questions_on_ce(d.num_days_from_ce()) & r.closed == 0;
    for n in cal.notes_on(d) {
        match (&n.question, &n.settled_by) {
            (Some(q), None) if open_here && n.status.is_disputed() && n.bit() & closed_if != 0 => {
                push(trace, || Step {
                    text: format!(
                        "{d} is {n}; question {q}: this reading counts it as an ordinary day \
                         (reading \"open\"; see the later reading)"
                    ),
                    date: d,
                    time: None,
                });
            }
            (Some(q), Some(by)) if !n.counts => push(trace, || Step {
                text: format!(
                    "{d} is {n}; question {q} settled by {by}: an ordinary day (reading \"open\")"
                ),
                date: d,
                time: None,
            }),
            _ => {}
        }
    }
}

/// A step that reaches day number `d`.
fn on_day(text: impl Into<String>, d: i32) -> Step {
    Step {
        text: text.into(),
        date: from_ce(d),
        time: None,
    }
}

/// Why each day from `start` up to (not including) `end` was passed over.
fn skipped(v: &View<'_>, start: i32, end: i32, sign: i32, mask: u8) -> String {
    let mut why = Vec::new();
    let mut c = start;
    while c != end {
        why.push(describe(v, from_ce(c), mask));
        c += sign;
    }
    why.join("; ")
}

/// Why `d` is closed, naming each holiday or closure whose flag is in `mask`.
fn describe(v: &View<'_>, d: NaiveDate, mask: u8) -> String {
    let cal = v.cal;
    let open_questions = !v.closed;
    let mut parts: Vec<String> = Vec::new();
    if cal.flags(d) & WEEKEND & mask != 0 {
        parts.push(format!("a {}", weekday_name(d.weekday())));
    }
    let read_open = |n: &crate::calendar::DayNote| {
        n.status.is_disputed() && {
            let ce = d.num_days_from_ce();
            cal.questions_on_ce(ce) & !open_questions == 0
        }
    };
    for n in cal.notes_on(d) {
        if n.bit() & mask == 0 || read_open(n) {
            continue;
        }
        let what = match n.kind {
            DayKind::Holiday(Scope::Federal) => {
                format!("{}, a federal legal holiday ({})", n.name, n.source)
            }
            DayKind::Holiday(Scope::Declared) => format!(
                "{}, a day declared a holiday by the President or Congress ({})",
                n.name, n.source
            ),
            DayKind::Holiday(Scope::State) => {
                let state = match cal.states() {
                    [one] => one.name().trim_start_matches("the "),
                    _ => "state",
                };
                format!("{}, a {state} legal holiday ({})", n.name, n.source)
            }
            DayKind::Holiday(_) => format!("{}, a court holiday ({})", n.name, n.source),
            DayKind::Closure => format!("a day the clerk's office is inaccessible ({})", n.name),
        };
        let what = match (&n.status, &n.question, &n.settled_by) {
            (crate::calendar::Status::Disputed(why), Some(q), _) => {
                format!("{what} [question {q}, read \"closed\" here: {why}]")
            }
            (crate::calendar::Status::Disputed(why), None, _) => {
                format!("{what} [disputed: {why}]")
            }
            (_, Some(q), Some(by)) => format!("{what} [question {q} settled by {by}]"),
            _ => what,
        };
        parts.push(what);
    }
    format!("{d} is {}", parts.join(" and "))
}

fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}
