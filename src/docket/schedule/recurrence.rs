//! Recurring duties. A grid that starts at a date set by order
//! (`first_due = "2026-01-21"` with `every` or an `rrule`) is a list of dates
//! set by order: each grid date is due as it stands, and the date it would
//! roll to is a later reading. A grid that counts periods (a counted
//! `first_due`, or `from = "previous-filing"`) rolls each date under the
//! rule, and counts on from the dates before any roll, so that a rolled
//! occurrence never shifts the next.

use chrono::{Days, NaiveDate};

use super::fixed::roll_name;
use super::output::Reading;
use super::relative::Computed;
use super::rrule_grid::rrule_grid;
use super::{CheckedDocket, Deadline, DeadlineStatus, ScheduleOptions, State, Truncation};
use crate::compute::{Period, Request, Roll, Unit};
use crate::docket::model::{Obligation, Relative, Repeat, RepeatFrom, Until, When};
use crate::error::{Error, Result};

/// How a duty's occurrences after the first are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Dates set by order: a grid from a fixed `first_due`.
    FixedGrid,
    /// A grid from a counted `first_due`, anchored on its date before any
    /// roll.
    CountedGrid,
    /// Each period counted from the previous occurrence's filing, else its
    /// date before any roll (`from = "previous-filing"`).
    Chain,
}

/// The previous occurrence, for the next to count from.
#[derive(Debug, Clone, Copy)]
struct Prev {
    due: NaiveDate,
    /// Its date before any roll.
    nominal: NaiveDate,
    filed: Option<NaiveDate>,
    /// A due date set by a change (`extend`).
    set: Option<NaiveDate>,
}

impl CheckedDocket {
    /// The date a relative date reaches before any roll.
    fn unrolled(
        &self,
        r: &Relative,
        src: super::relative::Source,
        due: NaiveDate,
    ) -> Result<NaiveDate> {
        if r.roll == Some(Roll::None) || r.period().is_some_and(|p| p.unit == Unit::Hours) {
            return Ok(due);
        }
        let mut plain = r.clone();
        plain.roll = Some(Roll::None);
        Ok(self.relative_from(&plain, src, false)?.due)
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn recurring(
        &self,
        pos: usize,
        id: &str,
        o: &Obligation,
        values: &State,
        horizon: NaiveDate,
        opts: &ScheduleOptions,
        out: &mut Vec<Deadline>,
    ) -> Result<Option<Truncation>> {
        let explain = opts.explain;
        let text = self.item_text(pos, id, o);
        let repeat = o
            .repeat
            .as_ref()
            .ok_or_else(|| Error::invalid("no repeat"))?;
        let first_w = o
            .first_due
            .as_ref()
            .ok_or_else(|| Error::invalid("no first_due"))?;
        let kind = match (first_w, repeat.from) {
            (_, RepeatFrom::PreviousFiling) => Kind::Chain,
            (When::Date(_), RepeatFrom::Schedule) => Kind::FixedGrid,
            (When::Relative(_), RepeatFrom::Schedule) => Kind::CountedGrid,
        };
        // Occurrence 1, and its date before any roll (what the others count
        // on from).
        let (first, anchor) = match first_w {
            When::Date(d) => (
                self.fixed(
                    *d,
                    repeat.roll,
                    || format!("occurrence 1 due on {d}"),
                    explain,
                )?,
                *d,
            ),
            When::Relative(r) => {
                let src = self.reference(r, values, "first_due")?;
                let c = self.relative_from(r, src, explain)?;
                let anchor = self.unrolled(r, src, c.due)?;
                (c, anchor)
            }
        };
        let until = match &repeat.until {
            Some(Until::Date(d)) => Some(*d),
            Some(Until::Event(e)) => self.value_of(values, e).map(|v| v.date),
            None => None,
        };
        let count = repeat.count.unwrap_or(u32::MAX);
        let cap = opts.max_occurrences;
        // Occurrences a dependent names with `occurrence = N` are listed
        // even past the horizon.
        let need = self.0.pins.get(id).copied().unwrap_or(0).min(cap);
        // Filed occurrences are always listed, even past the horizon.
        let horizon = horizon.max(o.filed.last().copied().unwrap_or(NaiveDate::MIN));
        // The rule's dates through the horizon (and as far as an occurrence
        // named elsewhere), and whether the rule goes on past them (then the
        // duty is reported truncated, as `every` is).
        let (grid, grid_goes_on) = match &repeat.rrule {
            Some(rule) => {
                let (dates, goes_on) = rrule_grid(rule, anchor, horizon, cap, need)?;
                (Some(dates), goes_on)
            }
            None => (None, false),
        };
        // Room for the occurrences the horizon allows (at most the cap), so
        // that the run is not moved as it grows.
        let expected = match (&grid, repeat.every) {
            (Some(g), _) => g.len().saturating_add(1),
            (None, Some(every)) => periods_within(every, anchor, horizon),
            (None, None) => 0,
        };
        out.reserve(
            expected
                .min(count as usize)
                .min(cap as usize)
                .saturating_sub(out.len()),
        );
        let truncation = |n: u32| Truncation {
            obligation: id.to_string(),
            occurrences: n,
            horizon,
        };
        let mut prev: Option<Prev> = None;
        // n: occurrences listed so far; k: steps of the recurrence (an
        // occurrence that rolls onto the previous one's day is merged).
        let mut n: u32 = 0;
        let mut k: u32 = 0;
        let mut first = Some(first);
        let vac_from = self.0.applied.vac_from.get(id).copied();
        loop {
            k += 1;
            let next = n + 1;
            if next > count {
                return Ok(None);
            }
            if next > cap || k > cap.saturating_mul(8).saturating_add(16) {
                return Ok(Some(truncation(n)));
            }
            let (c, nominal) = match (first.take(), prev) {
                (Some(c), _) => (c, anchor),
                (None, Some(p)) => {
                    let step = self.occurrence(
                        kind,
                        repeat,
                        anchor,
                        grid.as_deref(),
                        k,
                        next,
                        p,
                        explain,
                    )?;
                    match step {
                        Some(x) => x,
                        None => {
                            // The rule ended (its own COUNT/UNTIL) or the horizon.
                            return Ok(grid_goes_on.then(|| truncation(n)));
                        }
                    }
                }
                (None, None) => return Err(Error::invalid("internal: no previous occurrence")),
            };
            if until.is_some_and(|u| nominal > u) && k > 1 {
                return Ok(None);
            }
            if let Some(p) = prev {
                if c.due <= p.due && kind != Kind::Chain {
                    // Rolled onto the previous occurrence's day: one filing
                    // answers both (never two occurrences on one day).
                    continue;
                }
                if c.due == p.due {
                    // Counted from an early filing onto the previous due
                    // day: merged; the next counts on from this one.
                    prev = Some(Prev {
                        due: c.due,
                        nominal,
                        filed: None,
                        set: None,
                    });
                    continue;
                }
            }
            let filed = o.filed.get(next as usize - 1).copied();
            if next > 1 && c.due > horizon && filed.is_none() && next > need {
                return Ok(Some(truncation(n)));
            }
            let source_cancelled = c.cancelled;
            out.push(self.deadline(&text, o, next, c, false, opts)?);
            let Some(dl) = out.last() else { break Ok(None) };
            // A vacated duty, or one whose source was cancelled, stops at its
            // first vacated occurrence.
            let a = &self.0.applied;
            let key = a.occurrence_key(id, next);
            let stop = dl.status == DeadlineStatus::Vacated
                && (source_cancelled || vac_from.is_some())
                && !key.as_ref().is_some_and(|k| a.vac_occ.contains_key(k));
            n = next;
            prev = Some(Prev {
                due: dl.due,
                nominal,
                filed: dl.filed,
                set: key.as_ref().and_then(|k| a.ext.get(k)).map(|(d, _)| *d),
            });
            if stop {
                return Ok(None);
            }
            if until.is_some_and(|u| nominal >= u) {
                return Ok(None);
            }
        }
    }

    /// Occurrence `next` (step `k` of the recurrence) and its date before
    /// any roll; `None` when an `rrule` has no more dates.
    #[allow(clippy::too_many_arguments)]
    fn occurrence(
        &self,
        kind: Kind,
        repeat: &Repeat,
        anchor: NaiveDate,
        grid: Option<&[NaiveDate]>,
        k: u32,
        next: u32,
        prev: Prev,
        explain: bool,
    ) -> Result<Option<(Computed, NaiveDate)>> {
        let chosen = repeat.roll.filter(|r| *r != Roll::Rule);
        let how = |every: Option<Period>, nominal: NaiveDate| match (grid, every) {
            (Some(_), _) => format!(
                "occurrence {next} of RRULE {} from {anchor}: {nominal}",
                rule_of(repeat)
            ),
            (None, Some(e)) => format!(
                "occurrence {next}, every {e} from {anchor}: {} after it is {nominal}",
                scaled(e, k - 1).map_or_else(|_| e.to_string(), |p| p.to_string())
            ),
            (None, None) => format!("occurrence {next}: {nominal}"),
        };
        if kind != Kind::Chain {
            let nominal = match (grid, repeat.every) {
                (Some(g), _) => match g.get((k as usize).saturating_sub(2)) {
                    Some(&d) => d,
                    None => return Ok(None),
                },
                (None, Some(every)) => add_period(anchor, scaled(every, k - 1)?)?,
                (None, None) => return Err(Error::invalid("repeat needs every or rrule")),
            };
            if kind == Kind::FixedGrid {
                let c = self.fixed(nominal, repeat.roll, || how(repeat.every, nominal), explain)?;
                return Ok(Some((c, nominal)));
            }
            // A counted grid: each date rolls on its own, under the rule
            // (not a period counted under Rule 6(a): no short-period
            // counting).
            let due = Request::after(nominal, Period::days(0))
                .rules_as_of(self.0.rules_as_of)
                .roll(chosen.unwrap_or(Roll::Rule))
                .explain(explain)
                .compute(&self.0.calendar, self.0.family)?;
            let mut lines = Vec::new();
            if explain {
                lines.push(format!(
                    "{} (the grid counts on from occurrence 1's date before any roll), rolled on \
                     its own, under {}",
                    how(repeat.every, nominal),
                    due.edition()
                ));
                if let Some(r) = chosen {
                    lines.push(format!("roll = \"{}\" as the docket chose", roll_name(r)));
                }
                // Skip the zero-day count that only places the grid date.
                lines.extend(due.steps().iter().skip(1).map(|s| s.to_string()));
            }
            let mut c = Computed::from_due(&due, lines);
            if explain {
                c.explain.extend(c.readings.iter().map(Reading::line));
            }
            return Ok(Some((c, nominal)));
        }
        let every = repeat.every.ok_or_else(|| {
            Error::invalid("repeat.every is needed to count from the previous filing")
        })?;
        let base = prev.filed.or(prev.set).unwrap_or(prev.nominal);
        let due = Request::after(base, every)
            .rules_as_of(self.0.rules_as_of)
            .roll(repeat.roll.unwrap_or(Roll::Rule))
            .explain(explain)
            .compute(&self.0.calendar, self.0.family)?;
        let nominal = if repeat.roll == Some(Roll::None) {
            due.due()
        } else {
            Request::after(base, every)
                .rules_as_of(self.0.rules_as_of)
                .roll(Roll::None)
                .compute(&self.0.calendar, self.0.family)?
                .due()
        };
        let mut lines = Vec::new();
        if explain {
            let n = next - 1;
            lines.push(match (prev.filed, prev.set) {
                (Some(f), _) => format!(
                    "occurrence {next}: {every} after occurrence {n} was filed on {f}, under {}",
                    due.edition()
                ),
                (None, Some(s)) => format!(
                    "occurrence {next}: {every} after occurrence {n}'s due date {s}, set by order \
                     (not yet filed; it will move when that occurrence is filed), under {}",
                    due.edition()
                ),
                (None, None) => format!(
                    "occurrence {next}: {every} after occurrence {n}'s date {base}{} (not yet \
                     filed; it will move when that occurrence is filed), under {}",
                    if prev.due != base {
                        format!(
                            " before any roll (due {}; a roll does not shift the next)",
                            prev.due
                        )
                    } else {
                        String::new()
                    },
                    due.edition()
                ),
            });
            lines.extend(due.steps().iter().map(|s| s.to_string()));
        }
        let mut c = Computed::from_due(&due, lines);
        if explain {
            c.explain.extend(c.readings.iter().map(Reading::line));
        }
        Ok(Some((c, nominal)))
    }
}

pub(super) fn rule_of(r: &crate::docket::model::Repeat) -> &str {
    r.rrule.as_deref().unwrap_or("")
}

pub(super) fn scaled(every: Period, k: u32) -> Result<Period> {
    let amount = every
        .amount
        .checked_mul(k)
        .ok_or_else(|| Error::range(format!("recurrence of every {every} runs too long")))?;
    Period {
        amount,
        unit: every.unit,
    }
    .check()
}

/// About how many periods of `every` run from `from` through `to` (at
/// least that many: a month is taken as 28 days, a court day as one day),
/// and one more for the first.
fn periods_within(every: Period, from: NaiveDate, to: NaiveDate) -> usize {
    let per = match every.unit {
        Unit::Days | Unit::CourtDays => 1,
        Unit::Weeks => 7,
        Unit::Months => 28,
        Unit::Years => 365,
        Unit::Hours => return 0,
    };
    let span = usize::try_from((to - from).num_days()).unwrap_or(0);
    let step = (per * every.amount as usize).max(1);
    span / step + 1
}

pub(super) fn add_period(d: NaiveDate, p: Period) -> Result<NaiveDate> {
    let r = match p.unit {
        Unit::Days => d.checked_add_days(Days::new(p.amount.into())),
        Unit::Weeks => d.checked_add_days(Days::new(u64::from(p.amount) * 7)),
        Unit::Months => d.checked_add_months(chrono::Months::new(p.amount)),
        Unit::Years => d.checked_add_months(chrono::Months::new(p.amount.saturating_mul(12))),
        _ => None,
    };
    r.ok_or_else(|| Error::range(format!("{d} + {p} is out of range")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The grid dates of `every` from `from` through `to`, stepped.
    fn stepped(every: Period, from: NaiveDate, to: NaiveDate) -> usize {
        (0u32..)
            .map(|k| scaled(every, k).and_then(|p| add_period(from, p)))
            .take_while(|d| d.as_ref().is_ok_and(|d| *d <= to))
            .count()
    }

    #[test]
    fn the_room_made_for_a_run_holds_every_grid_date_and_not_many_more() {
        let from = NaiveDate::from_ymd_opt(2024, 1, 31).expect("a date");
        for days in [0u64, 1, 27, 28, 29, 59, 365, 366, 800, 4000] {
            let to = from + Days::new(days);
            for every in [
                Period::days(1),
                Period::days(10),
                Period::weeks(1),
                Period::weeks(2),
                Period::months(1),
                Period::months(3),
                Period::years(1),
            ] {
                let room = periods_within(every, from, to);
                let dates = stepped(every, from, to);
                assert!(room >= dates, "{every} over {days} days: {room} < {dates}");
                // A month taken as 28 days: at most a tenth more, and one.
                assert!(
                    room <= dates + dates / 10 + 1,
                    "{every} over {days} days: {room} for {dates}"
                );
            }
        }
    }
}
