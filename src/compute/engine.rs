//! The computation itself. The fast path reads one byte of the calendar's day
//! table per day visited and allocates nothing; the explanation is built
//! only when asked for, by the same code.

use chrono::{Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Weekday};

use super::{Direction, Due, Edition, LaterReading, Request, Roll, Step, Unit};
use crate::calendar::{
    Calendar, DayKind, RuleFamily, Scope, CLOSURE, DISPUTED, DISPUTED_CLOSURE, DISPUTED_STATE,
    HOLIDAY, OUTSIDE, STATE, WEEKEND,
};
use crate::error::{Error, Result};

/// One way of reading the rules where they are not settled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Reading {
    /// Disputed days count as legal holidays / closures.
    disputed_closed: bool,
    /// Before December 1, 2009: a period measured before an event rolls
    /// forward (the old text said only "the next day").
    old_roll_forward: bool,
}

type Trace = Option<Vec<Step>>;

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

fn from_ce(ce: i32) -> NaiveDate {
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
    if r.disputed_closed {
        m |= DISPUTED;
        if state {
            m |= DISPUTED_STATE;
        }
    }
    m
}

#[inline]
fn closure_mask(r: Reading) -> u8 {
    if r.disputed_closed {
        CLOSURE | DISPUTED_CLOSURE
    } else {
        CLOSURE
    }
}

pub(super) fn compute(req: &Request, cal: &Calendar, family: RuleFamily) -> Result<Due> {
    if let Some(due) = fast(req, cal, family) {
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
    let mut trace: Trace = req.explain.then(Vec::new);
    let base = Reading::default();
    let first = run(req, cal, ed, base, &mut trace)?;

    // Other readings, only where they can differ.
    let (lo, hi) = (trigger.min(first.0), trigger.max(first.0));
    let disputed = cal.any_disputed_ce(lo, hi);
    let old_roll = ed.is_pre_2009()
        && req.direction == Direction::Before
        && req.roll == Roll::Rule
        && first.0 != trigger;
    let best = (first, base, trace);
    if !disputed && !old_roll {
        return Ok(finish(req, cal, ed, best, None));
    }
    readings(req, cal, ed, best, disputed, old_roll)
}

/// The other readings, where a disputed day or an unsettled old rule is in
/// play (rare: kept out of the hot path).
#[cold]
#[inline(never)]
fn readings(
    req: &Request,
    cal: &Calendar,
    ed: Edition,
    mut best: Outcome,
    disputed: bool,
    old_roll: bool,
) -> Result<Due> {
    let mut later: Option<Outcome> = None;
    let alternatives = [
        Reading {
            disputed_closed: true,
            old_roll_forward: false,
        },
        Reading {
            disputed_closed: false,
            old_roll_forward: true,
        },
        Reading {
            disputed_closed: true,
            old_roll_forward: true,
        },
    ];
    for alt in alternatives {
        if (alt.disputed_closed && !disputed) || (alt.old_roll_forward && !old_roll) {
            continue;
        }
        let mut t: Trace = req.explain.then(Vec::new);
        let res = run(req, cal, ed, alt, &mut t)?;
        if res < best.0 {
            let prev = std::mem::replace(&mut best, (res, alt, t));
            if later.as_ref().is_none_or(|l| prev.0 > l.0) {
                later = Some(prev);
            }
        } else if res > best.0 && later.as_ref().is_none_or(|l| res > l.0) {
            later = Some((res, alt, t));
        }
    }
    Ok(finish(req, cal, ed, best, later))
}

/// The common cases without the general path's bookkeeping: no
/// explanation, the rule's own roll, and no closure, disputed day or
/// unsettled old-rule reading in play. Anything else returns `None` and takes
/// the general path, which gives the same answer for these cases (checked by
/// the property tests, which compare both paths).
#[inline]
fn fast(req: &Request, cal: &Calendar, family: RuleFamily) -> Option<Due> {
    let p = req.period;
    if req.explain
        || req.roll != Roll::Rule
        || p.unit == Unit::Hours
        || p.amount > p.unit.max_amount()
    {
        return None;
    }
    let ed = req.edition(family);
    let dir = req.direction;
    let pre = ed.is_pre_2009();
    let svc = match req.service {
        None => 0,
        Some(_) if dir == Direction::Before => return None, // an error
        Some(s) => ed.service_days(s) as i32,
    };
    if svc > 0 && ed.service_days_added_to_period() {
        return None;
    }
    let trigger = req.trigger.num_days_from_ce();
    let (sign, base, disputed) = match dir {
        Direction::After => (1, WEEKEND | HOLIDAY | STATE, DISPUTED | DISPUTED_STATE),
        // Before Dec. 1, 2009 state holidays counted both ways.
        Direction::Before if pre => (-1, WEEKEND | HOLIDAY | STATE, DISPUTED | DISPUTED_STATE),
        Direction::Before => (-1, WEEKEND | HOLIDAY, DISPUTED),
    };
    const STOP: u8 = OUTSIDE | CLOSURE | DISPUTED_CLOSURE;
    let n = p.amount;
    // One reading: `mask` is what counts as closed.
    // With `old_forward`, a backward period under the old rules rolls
    // forward (the other reading of "the next day"). Returns the date and
    // whether the last day rolled.
    let core = |mask: u8, old_forward: bool| -> Option<(i32, bool)> {
        let count = |n: u32| -> Option<i32> {
            let mut ce = trigger;
            let mut left = n;
            while left > 0 {
                ce += sign;
                let f = cal.flags_ce(ce);
                if f & STOP != 0 {
                    return None;
                }
                if f & mask == 0 {
                    left -= 1;
                }
            }
            Some(ce)
        };
        let roll = |mut d: i32, sign: i32| -> Option<i32> {
            loop {
                let f = cal.flags_ce(d);
                if f & STOP != 0 {
                    return None;
                }
                if f & mask == 0 {
                    return Some(d);
                }
                d += sign;
            }
        };
        let d = match p.unit {
            Unit::Days if ed.short_period_limit().is_some_and(|l| n < l) => count(n)?,
            Unit::Days => trigger + sign * n as i32,
            Unit::Weeks => trigger + sign * (n * 7) as i32,
            Unit::CourtDays => count(n)?,
            Unit::Months | Unit::Years => {
                let m = chrono::Months::new(if p.unit == Unit::Years { n * 12 } else { n });
                match dir {
                    Direction::After => req.trigger.checked_add_months(m),
                    Direction::Before => req.trigger.checked_sub_months(m),
                }?
                .num_days_from_ce()
            }
            Unit::Hours => return None,
        };
        let rolled = roll(d, if old_forward { 1 } else { sign })?;
        let moved = rolled != d;
        if svc > 0 {
            roll(rolled + svc, 1).map(|x| (x, moved))
        } else {
            Some((rolled, moved))
        }
    };
    let (d, rolled) = core(base, false)?;
    let old = pre && dir == Direction::Before && rolled;
    let disputed_in = cal.any_disputed_ce(trigger.min(d), trigger.max(d));
    if pre && dir == Direction::Before && disputed_in {
        // The old roll direction and a disputed day together: the general
        // path weighs every combination.
        return None;
    }
    let plain = Reading::default();
    // The other reading, when one can differ: (its date, which reading is
    // the due date's, which is the later one's).
    let other = if old {
        let (f, _) = core(base, true)?;
        Some((
            f,
            plain,
            Reading {
                disputed_closed: false,
                old_roll_forward: true,
            },
        ))
    } else if disputed_in {
        let (x, _) = core(base | disputed, false)?;
        let closed = Reading {
            disputed_closed: true,
            old_roll_forward: false,
        };
        Some(if x >= d {
            (x, plain, closed)
        } else {
            (x, closed, plain)
        })
    } else {
        None
    };
    let (d, later) = match other {
        Some((x, first, second)) if x != d => {
            let (lo, hi) = (d.min(x), d.max(x));
            let (lo_date, hi_date) = (from_ce(lo), from_ce(hi));
            (
                lo,
                Some(LaterReading {
                    question: question_of(first, second).into(),
                    date: hi_date,
                    at: None,
                    reason: reason(req, cal, ed, first, second, lo_date, hi_date),
                    cites: Vec::new(),
                    steps: Vec::new(),
                }),
            )
        }
        _ => (d, None),
    };
    let delta = d - trigger;
    let due = if delta >= 0 {
        req.trigger
            .checked_add_days(chrono::Days::new(delta as u64))?
    } else {
        req.trigger
            .checked_sub_days(chrono::Days::new(u64::from(delta.unsigned_abs())))?
    };
    Some(Due {
        due,
        at: None,
        steps: Vec::new(),
        readings: later.into_iter().collect(),
        edition: ed,
    })
}

fn span(a: NaiveDate, b: NaiveDate) -> (i32, i32) {
    let (a, b) = (a.num_days_from_ce(), b.num_days_from_ce());
    (a.min(b), a.max(b))
}

type Outcome = ((i32, Option<NaiveDateTime>), Reading, Trace);

fn finish(
    req: &Request,
    cal: &Calendar,
    ed: Edition,
    best: Outcome,
    later: Option<Outcome>,
) -> Due {
    let ((due, at), reading, trace) = best;
    let due = from_ce(due);
    let later = later.map(|((date, lat), lreading, ltrace)| {
        let date = from_ce(date);
        LaterReading {
            question: question_of(reading, lreading).into(),
            date,
            at: lat,
            reason: reason(req, cal, ed, reading, lreading, due, date),
            cites: Vec::new(),
            steps: ltrace.unwrap_or_default(),
        }
    });
    let mut steps = trace.unwrap_or_default();
    if req.explain && at.is_none() && !ed.is_pre_2009() {
        steps.push(last_day_step(cal, ed, due));
    }
    Due {
        due,
        at,
        steps,
        readings: later.into_iter().collect(),
        edition: ed,
    }
}

fn last_day_step(cal: &Calendar, ed: Edition, due: NaiveDate) -> Step {
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

fn question_of(first: Reading, later: Reading) -> &'static str {
    if first.old_roll_forward != later.old_roll_forward {
        "pre-2009-backward-roll"
    } else {
        "disputed-day"
    }
}

fn reason(
    req: &Request,
    cal: &Calendar,
    ed: Edition,
    first: Reading,
    later: Reading,
    a: NaiveDate,
    b: NaiveDate,
) -> String {
    let mut parts = Vec::new();
    if first.disputed_closed != later.disputed_closed {
        let (lo, hi) = span(req.trigger.min(a), b.max(req.trigger));
        let days = cal.disputed_between(lo, hi);
        let how = if later.disputed_closed {
            "if the disputed day counts as a legal holiday or closure"
        } else {
            "if the disputed day does not count as a legal holiday or closure"
        };
        parts.push(format!("{how}: {}", days.join("; ")));
    }
    if later.old_roll_forward && !first.old_roll_forward {
        parts.push(format!(
            "before Dec. 1, 2009, {} said only that the period runs until \"the next day\" that is \
             not a Saturday, Sunday or legal holiday, which can be read forward even for a period \
             measured before an event; counting backward is the reading the 2009 amendments \
             adopted ((a)(5)) and the safe one",
            ed.family().citation()
        ));
    }
    parts.join("; ")
}

/// One complete computation under one reading.
fn run(
    req: &Request,
    cal: &Calendar,
    ed: Edition,
    r: Reading,
    trace: &mut Trace,
) -> Result<(i32, Option<NaiveDateTime>)> {
    let dir = req.direction;
    let sign: i32 = if dir == Direction::After { 1 } else { -1 };
    let mask = closed_mask(ed, dir, r);
    let closure = closure_mask(r);
    let n = req.period.amount;
    let from_day = req.trigger;
    let from = from_day.num_days_from_ce();
    let mut d: i32 = match req.period.unit {
        Unit::Days if ed.short_period_limit().is_some_and(|l| n < l) => {
            let d = count_open(cal, from, n, sign, mask)?;
            push(trace, || {
                on_day(format!(
                    "counted {n} days {} {from_day}, leaving out intermediate Saturdays, Sundays and \
                     legal holidays because the period is less than {} days ({})",
                    word(dir),
                    ed.short_period_limit().unwrap_or(0),
                    ed.cite("(a)(short)")
                ), d)
            });
            d
        }
        Unit::Days | Unit::Weeks => {
            let days = if req.period.unit == Unit::Weeks {
                n * 7
            } else {
                n
            };
            let d = from + sign * days as i32;
            push(trace, || {
                on_day(format!(
                    "counted {} {} {from_day}, excluding the day of the event and counting every day \
                     ({})",
                    req.period,
                    word(dir),
                    ed.cite("(a)(1)(A)-(B)")
                ), d)
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
            let d = count_open(cal, from, n, sign, mask | closure)?;
            push(trace, || {
                on_day(
                    format!(
                    "counted {} {} {from_day}, leaving out Saturdays, Sundays, legal holidays and \
                     days the clerk's office is closed",
                    req.period,
                    word(dir)
                ),
                    d,
                )
            });
            d
        }
        Unit::Hours => return run_hours(req, cal, ed, r, trace),
    };
    if trace.is_some() && dir == Direction::Before {
        note_ignored_state_day(cal, ed, from_ce(d), mask, trace);
    }
    let service_days = req.service.map_or(0, |s| ed.service_days(s));
    if service_days > 0 && ed.service_days_added_to_period() {
        d += service_days as i32;
        push(trace, || {
            on_day(
                format!(
                "{service_days} calendar days added to the prescribed period for service {} ({})",
                req.service.map_or("", |s| s.describe()),
                ed.service_cite()
            ),
                d,
            )
        });
    }
    if req.roll == Roll::None {
        if service_days > 0 && !ed.service_days_added_to_period() {
            d += service_days as i32;
            push(trace, || {
                on_day(
                    format!(
                        "{service_days} days added for service {} ({})",
                        req.service.map_or("", |s| s.describe()),
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
        _ if r.old_roll_forward => 1,
        _ => sign,
    };
    d = roll(cal, ed, d, roll_sign, mask, trace)?;
    d = closure_roll(cal, ed, d, mask, closure, trace)?;
    if service_days > 0 && !ed.service_days_added_to_period() {
        d += service_days as i32;
        push(trace, || {
            on_day(
                format!(
                "{service_days} days added after the period would otherwise expire, for service \
                 {} ({})",
                req.service.map_or("", |s| s.describe()),
                ed.service_cite()
            ),
                d,
            )
        });
        d = roll(cal, ed, d, 1, mask, trace)?;
        d = closure_roll(cal, ed, d, mask, closure, trace)?;
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
    if trace.is_some() && r == Reading::default() {
        let closed_if_disputed = closed_mask(
            ed,
            dir,
            Reading {
                disputed_closed: true,
                old_roll_forward: false,
            },
        );
        note_open_disputed_day(cal, from_ce(d), closed_if_disputed, trace);
    }
    Ok((d, None))
}

fn word(dir: Direction) -> &'static str {
    match dir {
        Direction::After => "after",
        Direction::Before => "before",
    }
}

/// Counts `n` days in direction `sign`, skipping days in `mask`.
#[inline]
fn count_open(cal: &Calendar, from: i32, n: u32, sign: i32, mask: u8) -> Result<i32> {
    let mut ce = from;
    let mut left = n;
    while left > 0 {
        ce += sign;
        let f = cal.flags_ce(ce);
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
    cal: &Calendar,
    ed: Edition,
    d: i32,
    sign: i32,
    mask: u8,
    trace: &mut Trace,
) -> Result<i32> {
    let start = d;
    let mut ce = start;
    loop {
        let f = cal.flags_ce(ce);
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
        let why = skipped(cal, start, ce, sign, mask);
        let rule = if sign > 0 {
            format!(
                "the period continues to run until the end of the next day that is not a Saturday, \
                 Sunday or legal holiday ({})",
                ed.cite("(a)(1)(C)")
            )
        } else if ed.is_pre_2009() {
            format!(
                "counting backward, the period ends on the previous day that is not a Saturday, \
                 Sunday or legal holiday ({}; the reading the 2009 amendments adopted in (a)(5))",
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
    cal: &Calendar,
    ed: Edition,
    d: i32,
    mask: u8,
    closure: u8,
    trace: &mut Trace,
) -> Result<i32> {
    if cal.flags_ce(d) & closure == 0 {
        return Ok(d);
    }
    let start = d;
    let mut ce = start;
    loop {
        let f = cal.flags_ce(ce);
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
        let why = skipped(cal, start, ce, 1, mask | closure);
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
    cal: &Calendar,
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
    let tz = cal.time_zone();
    let start = match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t,
        LocalResult::Ambiguous(earlier, _) => earlier,
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
            cal,
            ed,
            at.date().num_days_from_ce(),
            roll_sign,
            mask,
            &mut None,
        )?;
        let d = from_ce(closure_roll(cal, ed, d, mask, closure, &mut None)?);
        if d != at.date() {
            let from = at.date();
            at = d.and_time(at.time());
            push(trace, || Step {
                text: format!(
                    "{}: the period continues to run until the same time on the next day that is \
                     not a Saturday, Sunday or legal holiday ({})",
                    skipped(
                        cal,
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

/// The due date is a disputed day treated as open in this reading.
/// Only days that would count under the other reading (a disputed state day
/// does not count for a period measured before an event).
fn note_open_disputed_day(cal: &Calendar, d: NaiveDate, mask: u8, trace: &mut Trace) {
    for n in cal.notes_on(d) {
        if n.status.is_disputed() && n.bit() & mask != 0 {
            push(trace, || Step {
                text: format!(
                    "{d} is {n}, whose effect is disputed; this reading counts it as an ordinary \
                     day (see the later reading)"
                ),
                date: d,
                time: None,
            });
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
fn skipped(cal: &Calendar, start: i32, end: i32, sign: i32, mask: u8) -> String {
    let mut why = Vec::new();
    let mut c = start;
    while c != end {
        why.push(describe(cal, from_ce(c), mask));
        c += sign;
    }
    why.join("; ")
}

/// Why `d` is closed, naming each holiday or closure whose flag is in `mask`.
fn describe(cal: &Calendar, d: NaiveDate, mask: u8) -> String {
    let mut parts: Vec<String> = Vec::new();
    if cal.flags(d) & WEEKEND & mask != 0 {
        parts.push(format!("a {}", weekday_name(d.weekday())));
    }
    for n in cal.notes_on(d) {
        if n.bit() & mask == 0 {
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
        let what = match &n.status {
            crate::calendar::Status::Disputed(why) => format!("{what} [disputed: {why}]"),
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
