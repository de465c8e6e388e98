//! The fast path: a computation with no explanation, the rule's own roll,
//! and no closure or unsettled question in play, answered from the
//! calendar's day tables (see [`crate::calendar::tables`]) without the
//! general path's bookkeeping.

use chrono::Datelike;

use super::{Direction, Due, Request, Roll, Unit};
use crate::calendar::tables::{BACKWARD_CLOSED, FORWARD_CLOSED, STOP};
use crate::calendar::{Calendar, RuleFamily};

/// The common cases without the general path's bookkeeping: no
/// explanation, the rule's own roll, and no closure or unsettled question in
/// play. Anything else returns `None` and takes the general path, which
/// gives the same answer for these cases (checked by the property tests,
/// which compare both paths).
#[inline]
pub(super) fn fast(req: &Request, cal: &Calendar, family: RuleFamily) -> Option<Due> {
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
    if pre && dir == Direction::Before {
        // The old "next day" roll is an unsettled question.
        return None;
    }
    let svc = match req.service {
        None => 0,
        Some(_) if dir == Direction::Before => return None, // an error
        Some(s) => ed.service_days(s) as i32,
    };
    if svc > 0 && ed.service_question().is_some() {
        return None;
    }
    let trigger = req.trigger.num_days_from_ce();
    let (sign, mask) = match dir {
        Direction::After => (1, FORWARD_CLOSED),
        Direction::Before => (-1, BACKWARD_CLOSED),
    };
    let n = p.amount;
    // Days a count passes over, and the flags of every day it visits.
    let count = |n: u32, skip: u8| -> Option<(i32, u8)> {
        let mut ce = trigger;
        let mut left = n;
        let mut seen = 0u8;
        while left > 0 {
            ce += sign;
            let f = cal.flags_ce(ce);
            if f & STOP != 0 {
                return None;
            }
            seen |= f;
            if f & skip == 0 {
                left -= 1;
            }
        }
        Some((ce, seen))
    };
    // Rolls and court-day counts are table lookups (see calendar::tables);
    // their masks are this path's: forward skips state holidays, backward
    // does not.
    let tables = cal.tables();
    let roll = |d: i32, sign: i32| -> Option<i32> {
        debug_assert!(
            mask == if sign > 0 {
                FORWARD_CLOSED
            } else {
                BACKWARD_CLOSED
            }
        );
        let i = cal.position_ce(d)?;
        tables.roll(i, sign > 0).map(|j| cal.ce_of(j))
    };
    // Whether the count passes over every day alike (then only the days
    // from where it lands on matter to its result).
    let short = p.unit == Unit::Days && ed.short_period_limit().is_some_and(|l| n < l);
    let every_day = !short && p.unit != Unit::CourtDays;
    let d = match p.unit {
        Unit::Days if short => count(n, mask)?.0,
        Unit::Days => trigger + sign * n as i32,
        Unit::Weeks => trigger + sign * (n * 7) as i32,
        Unit::CourtDays if n == 0 => trigger,
        Unit::CourtDays => {
            // `None` too when a state holiday falls in the count: whether
            // the federal court is open then is unsettled.
            let i = cal.position_ce(trigger)?;
            let j = match dir {
                Direction::After => tables.court_days_after(i, n)?,
                Direction::Before => tables.court_days_before(i, n)?,
            };
            cal.ce_of(j)
        }
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
    let landed = d;
    let mut d = roll(d, sign)?;
    if svc > 0 {
        d = roll(d + svc, 1)?;
    }
    // A day in dispute that the count passes over leaves a count of every
    // day where it was (the readings differ only where it lands, rolls and
    // adds service days); any other count weighs it on the general path.
    let from = if every_day { landed } else { trigger };
    if cal.any_disputed_ce(from.min(d), from.max(d) + 1) {
        return None;
    }
    let due = cal.date_at(cal.position_ce(d)?)?;
    Some(Due {
        due,
        at: None,
        edition: ed,
        more: None,
    })
}
