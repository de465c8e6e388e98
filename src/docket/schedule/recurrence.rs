//! Recurring duties: a grid set by order, or periods counted one after another.

use chrono::{Days, NaiveDate};

use super::relative::Computed;
use super::{CheckedDocket, Deadline, DeadlineStatus, ScheduleOptions, State, Truncation};
use crate::compute::{Period, Request, Roll, Unit};
use crate::docket::model::{RepeatFrom, Until};
use crate::error::{Error, Result};

/// Parses an RFC 5545 RRULE value the way schedules use it.
pub(crate) fn check_rrule(rule: &str) -> Result<()> {
    rrule_set(
        rule,
        NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default(),
    )
    .map(|_| ())
}

pub(super) fn rrule_set(rule: &str, start: NaiveDate) -> Result<rrule::RRuleSet> {
    let rule = rule.trim();
    let rule = rule.strip_prefix("RRULE:").unwrap_or(rule);
    if rule.contains(['\n', '\r']) || rule.to_ascii_uppercase().contains("DTSTART") {
        return Err(Error::invalid(
            "give only the RRULE value (e.g. FREQ=WEEKLY;INTERVAL=2); its DTSTART is first_due",
        ));
    }
    let text = format!("DTSTART:{}T000000Z\nRRULE:{rule}", start.format("%Y%m%d"));
    text.parse::<rrule::RRuleSet>()
        .map_err(|e| Error::invalid(format!("\"{rule}\": {e}")))
}

impl CheckedDocket {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn recurring(
        &self,
        id: &str,
        o: &crate::docket::model::Obligation,
        values: &State,
        horizon: NaiveDate,
        opts: &ScheduleOptions,
        out: &mut Vec<Deadline>,
    ) -> Result<Option<Truncation>> {
        let repeat = o
            .repeat
            .as_ref()
            .ok_or_else(|| Error::invalid("no repeat"))?;
        let first_w = o
            .first_due
            .as_ref()
            .ok_or_else(|| Error::invalid(format!("obligation \"{id}\": no first_due")))?;
        let first = self.when(first_w, values, opts.explain)?;
        let until = match &repeat.until {
            Some(Until::Date(d)) => Some(*d),
            Some(Until::Event(e)) => self.value_of(values, e).map(|v| v.date),
            None => None,
        };
        let count = repeat.count.unwrap_or(u32::MAX);
        let cap = opts.max_occurrences;
        // Filed occurrences are always listed, even past the horizon.
        let horizon = horizon.max(o.filed.last().copied().unwrap_or(NaiveDate::MIN));
        // The rule's dates through the horizon, as many as the steps below
        // may take (merged occurrences included), and whether the rule goes
        // on past them (then the duty is reported truncated, as `every` is).
        let (grid, grid_goes_on): (Option<Vec<NaiveDate>>, bool) = match &repeat.rrule {
            Some(rule) => {
                let set = rrule_set(rule, first.due)?;
                let end = horizon
                    .and_hms_opt(23, 59, 59)
                    .unwrap_or_default()
                    .and_utc()
                    .with_timezone(&rrule::Tz::UTC);
                let limit =
                    u16::try_from(cap.saturating_mul(8).saturating_add(17)).unwrap_or(u16::MAX);
                let dates: Vec<NaiveDate> = set
                    .clone()
                    .before(end)
                    .all(limit)
                    .dates
                    .iter()
                    .map(|t| t.date_naive())
                    .collect();
                let goes_on =
                    dates.len() >= usize::from(limit) || !set.after(end).all(1).dates.is_empty();
                (Some(dates), goes_on)
            }
            None => (None, false),
        };
        let anchor = first.due;
        let mut prev: Option<(NaiveDate, Option<NaiveDate>)> = None; // (due, filed)
                                                                     // n: occurrences listed so far; k: steps of the recurrence (an
                                                                     // occurrence that rolls onto the previous one's day is merged).
        let mut n: u32 = 0;
        let mut k: u32 = 0;
        let mut computed = Some(first);
        let vac_from = self.applied.vac_from.get(id).copied();
        loop {
            k += 1;
            let next = n + 1;
            if next > count {
                return Ok(None);
            }
            if next > cap || k > cap.saturating_mul(8).saturating_add(16) {
                return Ok(Some(Truncation {
                    obligation: id.to_string(),
                    occurrences: n,
                    horizon,
                }));
            }
            let (c, nominal) = if k == 1 {
                let c = computed
                    .take()
                    .ok_or_else(|| Error::invalid("internal: first occurrence"))?;
                let nominal = c.due;
                (c, nominal)
            } else {
                match (&grid, repeat.every, repeat.from) {
                    (Some(g), _, _) => {
                        let Some(&nominal) = g.get(k as usize - 1) else {
                            // The rule ended (its own COUNT/UNTIL) or the horizon.
                            return Ok(grid_goes_on.then(|| Truncation {
                                obligation: id.to_string(),
                                occurrences: n,
                                horizon,
                            }));
                        };
                        let roll = match repeat.roll {
                            None | Some(Roll::Rule) => Roll::Forward,
                            Some(r) => r,
                        };
                        let req = Request::after(nominal, Period::days(0))
                            .roll(roll)
                            .explain(opts.explain);
                        let due = req.compute(&self.calendar, self.family)?;
                        let mut lines = Vec::new();
                        if opts.explain {
                            lines.push(format!(
                                "occurrence {next} of RRULE {}: {nominal}, rolled on its own",
                                rule_of(repeat)
                            ));
                            // Skip the zero-day count that only places the
                            // grid date.
                            lines.extend(due.steps().iter().skip(1).map(|s| s.to_string()));
                        }
                        (Computed::from_due(&due, lines), nominal)
                    }
                    (None, Some(every), RepeatFrom::Schedule) => {
                        // A grid set by order: calendar dates from the first
                        // due date, each rolled on its own (not a period
                        // under Rule 6(a), so no short-period counting).
                        let period = scaled(every, k - 1)?;
                        let nominal = add_period(anchor, period)?;
                        let roll = match repeat.roll {
                            None | Some(Roll::Rule) => Roll::Forward,
                            Some(r) => r,
                        };
                        let due = Request::after(nominal, Period::days(0))
                            .roll(roll)
                            .explain(opts.explain)
                            .compute(&self.calendar, self.family)?;
                        let mut lines = Vec::new();
                        if opts.explain {
                            lines.push(format!(
                                "occurrence {next}, every {} from the first due date {anchor}: {period} after it is {nominal}, rolled on its own, under {}",
                                every,
                                due.edition()
                            ));
                            lines.extend(due.steps().iter().skip(1).map(|s| s.to_string()));
                            if let Some(l) = due.later() {
                                lines.push(format!(
                                    "a later reading gives {}: {}",
                                    l.date, l.reason
                                ));
                            }
                        }
                        (Computed::from_due(&due, lines), nominal)
                    }
                    (None, Some(every), RepeatFrom::PreviousFiling) => {
                        let (pdue, pfiled) =
                            prev.ok_or_else(|| Error::invalid("internal: previous occurrence"))?;
                        let base = pfiled.unwrap_or(pdue);
                        let nominal = self.counted(base, every, until.is_some())?;
                        let due = Request::after(base, every)
                            .roll(repeat.roll.unwrap_or(Roll::Rule))
                            .explain(opts.explain)
                            .compute(&self.calendar, self.family)?;
                        let mut lines = Vec::new();
                        if opts.explain {
                            lines.push(match pfiled {
                                Some(f) => format!(
                                    "occurrence {next}: {} after occurrence {n} was filed on {f}, under {}",
                                    every,
                                    due.edition()
                                ),
                                None => format!(
                                    "occurrence {next}: {} after occurrence {n}'s due date {pdue} (not yet filed; it will move when that occurrence is filed), under {}",
                                    every,
                                    due.edition()
                                ),
                            });
                            lines.extend(due.steps().iter().map(|s| s.to_string()));
                            if let Some(l) = due.later() {
                                lines.push(format!(
                                    "a later reading gives {}: {}",
                                    l.date, l.reason
                                ));
                            }
                        }
                        (Computed::from_due(&due, lines), nominal)
                    }
                    (None, None, _) => {
                        return Err(Error::invalid(format!(
                            "obligation \"{id}\": repeat needs every or rrule"
                        )))
                    }
                }
            };
            if until.is_some_and(|u| nominal > u) && k > 1 {
                return Ok(None);
            }
            if prev.is_some_and(|(pdue, _)| c.due <= pdue) && repeat.from == RepeatFrom::Schedule {
                // Rolled onto the previous occurrence's day: one filing
                // answers both (never two occurrences on one day).
                continue;
            }
            if prev.is_some_and(|(pdue, _)| c.due == pdue) {
                // Counted from an early filing onto the previous due day:
                // merged; the next counts from that day.
                prev = Some((c.due, None));
                continue;
            }
            let filed = o.filed.get(next as usize - 1).copied();
            if next > 1 && c.due > horizon && filed.is_none() {
                return Ok(Some(Truncation {
                    obligation: id.to_string(),
                    occurrences: n,
                    horizon,
                }));
            }
            let source_cancelled = c.cancelled;
            let dl = self.deadline(id, o, next, c, opts);
            // A vacated duty, or one whose source was cancelled, stops at its
            // first vacated occurrence.
            let stop = dl.status == DeadlineStatus::Vacated
                && (source_cancelled || vac_from.is_some())
                && !self.applied.vac_occ.contains_key(&(id.to_string(), next));
            n = next;
            prev = Some((dl.due, dl.filed));
            out.push(dl);
            if stop {
                return Ok(None);
            }
            if until.is_some_and(|u| nominal >= u) {
                return Ok(None);
            }
        }
    }

    /// The date a recurrence period reaches by counting, before any roll
    /// (what `until` is compared with). Only computed when needed.
    pub(super) fn counted(
        &self,
        from: NaiveDate,
        period: Period,
        needed: bool,
    ) -> Result<NaiveDate> {
        if !needed {
            return add_period(from, period);
        }
        Ok(Request::after(from, period)
            .roll(Roll::None)
            .compute(&self.calendar, self.family)?
            .due())
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
