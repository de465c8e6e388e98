//! The unsettled questions a computation meets, and every reading of them.
//!
//! A computation first finds which questions of the catalog
//! ([`crate::calendar::questions`]) can bear on it: disputed days in its
//! span, the old "next day" roll of a period measured before an event, how
//! the service days join the period under the older texts, whether a state
//! holiday is a court day. It computes every combination of their readings
//! (at most [`MAX_COMBINATIONS`]; beyond that, each reading on its own), takes
//! the earliest date as the due date and reports every reading that gives a
//! later one. A question settled for the calendar (by a court's announcement
//! or by the user) is not weighed: its settled reading is applied and the
//! explanation says who settled it.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDateTime};

use super::engine::{from_ce, last_day_step, note_due_day, run, Reading, ServiceMode, Trace};
use super::reason::{OtherReading, Reason, Together};
use super::{Direction, Due, Edition, LaterReading, Request, Roll, Step, Unit};
use crate::calendar::{question, Calendar, GENERIC_QUESTION};
use crate::error::Result;

/// The most combinations of readings computed for one request.
const MAX_COMBINATIONS: usize = 64;

/// A question in play.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Q {
    /// A day question, by its index in the calendar.
    Day(u32),
    /// Before Dec. 1, 2009: which way "the next day" runs for a period
    /// measured before an event.
    OldRoll,
    /// How the service days join the period under the older texts.
    Service,
    /// Whether a state holiday is a court day.
    CourtDays,
}

const OLD_ROLL: &str = "pre-2009-backward-roll";
const COURT_DAYS: &str = "court-days-state-holiday";

impl Q {
    fn id(self, cal: &Calendar, ed: Edition) -> &str {
        match self {
            Q::Day(i) => cal.day_question(i),
            _ => self.rule_id(ed),
        }
    }

    /// The id, kept by a reading (the catalog's, not a copy).
    fn id_kept(self, cal: &Calendar, ed: Edition) -> Cow<'static, str> {
        match self {
            Q::Day(i) => cal.day_question(i).clone(),
            _ => Cow::Borrowed(self.rule_id(ed)),
        }
    }

    /// The id of a question about the rules (not about a day).
    fn rule_id(self, ed: Edition) -> &'static str {
        match self {
            Q::Day(_) => GENERIC_QUESTION,
            Q::OldRoll => OLD_ROLL,
            Q::Service => ed.service_question().unwrap_or("service-days"),
            Q::CourtDays => COURT_DAYS,
        }
    }

    fn choices(self, ed: Edition) -> &'static [&'static str] {
        match self {
            Q::Day(_) => &["open", "closed"],
            Q::OldRoll => &["backward", "forward"],
            Q::Service if ed.service_days_may_be_business_days() => {
                &["after-expiry", "added-to-period", "business-days"]
            }
            Q::Service => &["after-expiry", "added-to-period"],
            Q::CourtDays => &["court-day", "not-court-day"],
        }
    }

    fn apply(self, mut r: Reading, choice: &str) -> Reading {
        match self {
            Q::Day(i) if choice == "closed" => r.closed |= 1 << i,
            Q::Day(i) => r.closed &= !(1 << i),
            Q::OldRoll => r.old_forward = choice == "forward",
            Q::Service => r.service = service_mode(choice),
            Q::CourtDays => r.state_not_court_day = choice == "not-court-day",
        }
        r
    }

    fn answer(self, r: Reading) -> &'static str {
        match self {
            Q::Day(i) if r.closed & (1 << i) != 0 => "closed",
            Q::Day(_) => "open",
            Q::OldRoll if r.old_forward => "forward",
            Q::OldRoll => "backward",
            Q::Service => match r.service {
                ServiceMode::AfterExpiry => "after-expiry",
                ServiceMode::AddedToPeriod => "added-to-period",
                ServiceMode::BusinessDays => "business-days",
            },
            Q::CourtDays if r.state_not_court_day => "not-court-day",
            Q::CourtDays => "court-day",
        }
    }
}

fn service_mode(reading: &str) -> ServiceMode {
    match reading {
        "added-to-period" => ServiceMode::AddedToPeriod,
        "business-days" => ServiceMode::BusinessDays,
        _ => ServiceMode::AfterExpiry,
    }
}

type Res = (i32, Option<NaiveDateTime>);

/// Computations under each reading, each computed once.
struct Eval<'a> {
    req: &'a Request,
    cal: &'a Calendar,
    ed: Edition,
    done: Vec<(Reading, Res)>,
}

impl Eval<'_> {
    fn get(&mut self, r: Reading) -> Result<Res> {
        if let Some((_, res)) = self.done.iter().find(|(x, _)| *x == r) {
            return Ok(*res);
        }
        let res = run(self.req, self.cal, self.ed, r, &mut None)?;
        self.done.push((r, res));
        Ok(res)
    }

    fn traced(&self, r: Reading) -> Result<(Res, Vec<Step>)> {
        let mut t: Trace = Some(Vec::new());
        let res = run(self.req, self.cal, self.ed, r, &mut t)?;
        Ok((res, t.unwrap_or_default()))
    }
}

/// The reading applied before any question is weighed: the rule's own
/// defaults, and each rule question settled for the calendar.
fn base_reading(req: &Request, cal: &Calendar, ed: Edition) -> Reading {
    let mut r = Reading {
        state_not_court_day: req.direction == Direction::After || ed.state_days_count_backward(),
        ..Reading::default()
    };
    if let Some(s) = cal.settled(OLD_ROLL) {
        r.old_forward = s.reading == "forward";
    }
    if let Some(s) = ed.service_question().and_then(|q| cal.settled(q)) {
        r.service = service_mode(&s.reading);
    }
    if let Some(s) = cal.settled(COURT_DAYS) {
        r.state_not_court_day = s.reading == "not-court-day";
    }
    r
}

/// Adds to `qs` the questions that can bear on a computation whose readings
/// reach from `lo` through `hi` (day numbers) and that it does not hold
/// yet, in the catalog's order: the days' questions, then the rules'.
fn add_in_play(req: &Request, cal: &Calendar, ed: Edition, lo: i32, hi: i32, qs: &mut Vec<Q>) {
    let mut add = |q: Q| {
        if !qs.contains(&q) {
            qs.push(q);
        }
    };
    // Each day question in range, in the order of their indices.
    let mut days = cal.questions_between(lo, hi);
    while days != 0 {
        add(Q::Day(days.trailing_zeros()));
        days &= days - 1;
    }
    let unit = req.period.unit;
    if ed.is_pre_2009()
        && req.direction == Direction::Before
        && req.roll == Roll::Rule
        && unit != Unit::Hours
        && cal.settled(OLD_ROLL).is_none()
    {
        add(Q::OldRoll);
    }
    let service_days = req.service.map_or(0, |s| ed.service_days(s));
    if service_days > 0
        && req.roll != Roll::None
        && ed
            .service_question()
            .is_some_and(|q| cal.settled(q).is_none())
    {
        add(Q::Service);
    }
    if unit == Unit::CourtDays
        && !cal.states().is_empty()
        && cal.settled(COURT_DAYS).is_none()
        && cal.any_state_day_ce(lo, hi)
    {
        add(Q::CourtDays);
    }
}

/// Every combination of the questions' readings, starting from `base`, in
/// the order of the questions (the first varies slowest); when there are
/// too many, each reading on its own. Each is handed to `f` as it is made
/// (no list of them is kept).
fn each_combination(
    base: Reading,
    qs: &[Q],
    ed: Edition,
    mut f: impl FnMut(Reading) -> Result<()>,
) -> Result<()> {
    let total = qs
        .iter()
        .try_fold(1usize, |acc, q| acc.checked_mul(q.choices(ed).len()));
    match total {
        Some(total) if total <= MAX_COMBINATIONS => {
            for index in 0..total {
                // `index` in mixed radix, the last question its lowest digit.
                let mut rest = index;
                let mut r = base;
                for q in qs.iter().rev() {
                    let choices = q.choices(ed);
                    if let Some(c) = choices.get(rest % choices.len()) {
                        r = q.apply(r, c);
                    }
                    rest /= choices.len();
                }
                f(r)?;
            }
        }
        _ => {
            f(base)?;
            for q in qs {
                for c in q.choices(ed) {
                    f(q.apply(base, c))?;
                }
            }
        }
    }
    Ok(())
}

/// Computes the request under every reading in play: the earliest date is
/// the due date; every later one is reported.
pub(super) fn weigh(req: &Request, cal: &Calendar, ed: Edition) -> Result<Due> {
    let trigger = req.trigger.num_days_from_ce();
    let base = base_reading(req, cal, ed);
    let mut ev = Eval {
        req,
        cal,
        ed,
        done: Vec::new(),
    };
    let first = ev.get(base)?;
    let mut qs = Vec::new();
    add_in_play(
        req,
        cal,
        ed,
        trigger.min(first.0),
        trigger.max(first.0),
        &mut qs,
    );
    // Readings can reach days the first did not; each round adds at least
    // one question, and there are at most 32 day questions and 3 others.
    for _ in 0..40 {
        each_combination(base, &qs, ed, |r| ev.get(r).map(drop))?;
        let lo = ev.done.iter().map(|(_, x)| x.0).min().unwrap_or(first.0);
        let hi = ev.done.iter().map(|(_, x)| x.0).max().unwrap_or(first.0);
        let held = qs.len();
        add_in_play(req, cal, ed, trigger.min(lo), trigger.max(hi), &mut qs);
        if qs.len() == held {
            break;
        }
    }
    let deviations = |r: &Reading| qs.iter().filter(|q| q.answer(*r) != q.answer(base)).count();
    let (best, best_res) = ev
        .done
        .iter()
        .min_by_key(|(r, res)| (*res, deviations(r)))
        .map(|(r, res)| (*r, *res))
        .unwrap_or((base, first));
    // Each other reading of each question, the rest as in the due date's.
    let mut later: Vec<(Q, &'static str, Reading, Res)> = Vec::new();
    for q in &qs {
        for c in q.choices(ed) {
            if *c == q.answer(best) {
                continue;
            }
            let r = q.apply(best, c);
            let res = ev.get(r)?;
            if res > best_res {
                later.push((*q, c, r, res));
            }
        }
    }
    let latest_single = later.iter().map(|l| l.3).max();
    let combined = ev
        .done
        .iter()
        .filter(|(_, res)| *res > best_res && latest_single.is_none_or(|m| *res > m))
        .max_by_key(|(r, res)| (*res, std::cmp::Reverse(deviations(r))))
        .map(|(r, res)| (*r, *res));
    finish(&ev, &qs, (best, best_res), later, combined)
}

/// Builds the result: the due date's steps and every later reading with its
/// question, reason and citations.
fn finish(
    ev: &Eval<'_>,
    qs: &[Q],
    (best, best_res): (Reading, Res),
    later: Vec<(Q, &'static str, Reading, Res)>,
    combined: Option<(Reading, Res)>,
) -> Result<Due> {
    let (req, cal, ed) = (ev.req, ev.cal, ev.ed);
    let trigger = req.trigger.num_days_from_ce();
    let hi = later
        .iter()
        .map(|l| l.3 .0)
        .chain(combined.map(|c| c.1 .0))
        .fold(best_res.0.max(trigger), i32::max);
    let lo = best_res.0.min(trigger);
    let mut readings = Vec::with_capacity(later.len() + usize::from(combined.is_some()));
    for (q, c, r, res) in &later {
        let id = q.id_kept(cal, ed);
        let steps = if req.explain {
            ev.traced(*r)?.1
        } else {
            Vec::new()
        };
        let days = match q {
            Q::Day(i) => cal.disputed_of(lo, hi, *i),
            _ => Vec::new(),
        };
        readings.push(LaterReading {
            date: from_ce(res.0),
            at: res.1,
            cites: question(&id).map(|x| x.cites_kept(c)).unwrap_or_default(),
            reason: Reason::later(OtherReading {
                id: id.clone(),
                choice: c,
                days,
            }),
            question: id,
            steps,
        });
    }
    if let Some((r, res)) = combined {
        let parts: Vec<(Cow<'static, str>, &'static str)> = qs
            .iter()
            .filter(|q| q.answer(r) != q.answer(best))
            .map(|q| (q.id_kept(cal, ed), q.answer(r)))
            .collect();
        let ids: Vec<&str> = parts.iter().map(|(id, _)| &**id).collect();
        let steps = if req.explain {
            ev.traced(r)?.1
        } else {
            Vec::new()
        };
        readings.push(LaterReading {
            question: ids.join("+").into(),
            date: from_ce(res.0),
            at: res.1,
            reason: Reason::later(Together(parts)),
            cites: Vec::new(),
            steps,
        });
    }
    readings.sort_by(|a, b| (a.date, a.at, &a.question).cmp(&(b.date, b.at, &b.question)));
    let due = from_ce(best_res.0);
    let mut steps = Vec::new();
    if req.explain {
        steps = ev.traced(best)?.1;
        for id in settled_rule_questions(req, cal, ed) {
            if let Some(s) = cal.settled(id) {
                steps.push(Step {
                    text: format!(
                        "question {id} is settled for this calendar by {}: reading \"{}\"",
                        s.authority, s.reading
                    ),
                    date: due,
                    time: best_res.1.map(|t| t.time()),
                });
            }
        }
        let mut t: Trace = Some(Vec::new());
        note_due_day(cal, ed, req.direction, best, due, &mut t);
        steps.extend(t.unwrap_or_default());
        for q in qs {
            let n = later.iter().filter(|l| l.0 == *q).count();
            if n == 0 || matches!(q, Q::Day(_)) {
                continue;
            }
            steps.push(Step {
                text: format!(
                    "question {}: this date follows the reading \"{}\", the earliest; {} later \
                     reading{} reported",
                    q.id(cal, ed),
                    q.answer(best),
                    n,
                    if n == 1 { " is" } else { "s are" }
                ),
                date: due,
                time: best_res.1.map(|t| t.time()),
            });
        }
        if best_res.1.is_none() && !ed.is_pre_2009() {
            steps.push(last_day_step(cal, ed, due));
        }
    }
    Ok(Due::new(due, best_res.1, ed, steps, readings))
}

/// The rule questions that could bear on the request and are settled.
fn settled_rule_questions(req: &Request, cal: &Calendar, ed: Edition) -> Vec<&'static str> {
    let mut v = Vec::new();
    if ed.is_pre_2009() && req.direction == Direction::Before {
        v.push(OLD_ROLL);
    }
    if req.service.is_some_and(|s| ed.service_days(s) > 0) {
        v.extend(ed.service_question());
    }
    if req.period.unit == Unit::CourtDays && !cal.states().is_empty() {
        v.push(COURT_DAYS);
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::RuleFamily;
    use chrono::NaiveDate;

    /// The combinations as nested loops would list them: the readings so
    /// far, each followed by every choice of the next question.
    fn nested(base: Reading, qs: &[Q], ed: Edition) -> Vec<Reading> {
        let total = qs
            .iter()
            .try_fold(1usize, |acc, q| acc.checked_mul(q.choices(ed).len()));
        let mut all = vec![base];
        if total.is_some_and(|t| t <= MAX_COMBINATIONS) {
            for q in qs {
                all = all
                    .iter()
                    .flat_map(|r| q.choices(ed).iter().map(|c| q.apply(*r, c)))
                    .collect();
            }
        } else {
            for q in qs {
                all.extend(q.choices(ed).iter().map(|c| q.apply(base, c)));
            }
        }
        all
    }

    #[test]
    fn combinations_come_in_the_order_of_the_questions_the_first_slowest() {
        let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a date");
        let lists: [&[Q]; 6] = [
            &[],
            &[Q::Day(0)],
            &[Q::Day(2), Q::OldRoll],
            &[Q::Day(3), Q::Day(1), Q::Service, Q::CourtDays],
            &[Q::Service, Q::Day(0), Q::Day(5)],
            // 2^7 = 128: too many, each reading on its own.
            &[
                Q::Day(0),
                Q::Day(1),
                Q::Day(2),
                Q::Day(3),
                Q::Day(4),
                Q::Day(5),
                Q::Day(6),
            ],
        ];
        for on in ["1990-06-01", "2003-06-01", "2020-06-01"] {
            let ed = Edition::in_force(RuleFamily::Civil, date(on));
            let base = Reading {
                closed: 1 << 4,
                ..Reading::default()
            };
            for qs in lists {
                let mut seen = Vec::new();
                each_combination(base, qs, ed, |r| {
                    seen.push(r);
                    Ok(())
                })
                .expect("no error");
                assert_eq!(seen, nested(base, qs, ed), "{qs:?} under {on}");
            }
        }
    }
}
