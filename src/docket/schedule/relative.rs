//! Dates counted from references: from an event, from an obligation, or
//! from each occurrence of a recurring duty.

use chrono::{NaiveDate, NaiveDateTime};

use super::output::Reading;
use super::{CheckedDocket, Deadline, ScheduleOptions, State, Truncation, Value};
use crate::compute::{Direction, Fold, Request, Roll, Unit};
use crate::docket::model::{Obligation, Relative, When};
use crate::error::{Error, Result};

/// What a relative date counts from: one value of its reference.
#[derive(Debug, Clone, Copy)]
pub(super) struct Source {
    pub(super) value: Value,
    /// The reference recurs (its occurrence is named).
    pub(super) recurs: bool,
    /// No `occurrence` was given and the reference recurs: occurrence 1.
    pub(super) defaulted: bool,
}

impl CheckedDocket {
    /// The value a relative date counts from: the reference's only value,
    /// or, for a recurring reference, the occurrence `r.occurrence` names
    /// (occurrence 1 when it names none). `field` names the field in
    /// messages (`due`, `first_due`, `date`).
    pub(super) fn reference(&self, r: &Relative, st: &State, field: &str) -> Result<Source> {
        let (target, _) = r
            .reference()
            .ok_or_else(|| Error::invalid(format!("{field}: no after/before")))?;
        let slot = self
            .slot(st, target)
            .ok_or_else(|| Error::invalid(format!("{field}: \"{target}\" has no date yet")))?;
        if slot.each.is_empty() {
            let value = slot
                .value
                .ok_or_else(|| Error::invalid(format!("{field}: \"{target}\" has no date")))?;
            return Ok(Source {
                value,
                recurs: false,
                defaulted: false,
            });
        }
        let n = r.occurrence.unwrap_or(1);
        let value = slot
            .each
            .iter()
            .find(|v| v.n == n)
            .copied()
            .ok_or_else(|| {
                Error::invalid(format!(
                    "{field}.occurrence: \"{target}\" has no occurrence {n} (it has {} in this \
                     schedule)",
                    slot.each.len()
                ))
            })?;
        Ok(Source {
            value,
            recurs: true,
            defaulted: r.occurrence.is_none(),
        })
    }

    /// Every occurrence of the reference, when `r` counts from a recurring
    /// item and names no occurrence: the date then recurs with it.
    pub(super) fn each_of<'s>(&self, r: &Relative, st: &'s State) -> Option<&'s [Value]> {
        if r.occurrence.is_some() {
            return None;
        }
        let (target, _) = r.reference()?;
        let slot = self.slot(st, target)?;
        (!slot.each.is_empty()).then_some(slot.each.as_slice())
    }

    /// Computes a relative date (one value of its reference; see
    /// [`CheckedDocket::reference`]).
    pub(super) fn relative(
        &self,
        r: &Relative,
        st: &State,
        field: &str,
        explain: bool,
    ) -> Result<Computed> {
        let from = self.reference(r, st, field)?;
        self.relative_from(r, from, explain)
    }

    /// Computes a relative date from one value of its reference.
    pub(super) fn relative_from(
        &self,
        r: &Relative,
        from: Source,
        explain: bool,
    ) -> Result<Computed> {
        if r.rule.is_some() {
            return self.rule_relative(r, from, explain);
        }
        let v = from.value;
        let (target, dir) = r
            .reference()
            .ok_or_else(|| Error::invalid("relative date without after/before"))?;
        let period = r
            .period()
            .ok_or_else(|| Error::invalid("relative date without one period"))?;
        let mut req = Request::new(v.date, period, dir)
            .service(r.service)
            .fold(v.fold)
            .roll(r.roll.unwrap_or(Roll::Rule))
            .rules_as_of(self.0.rules_as_of)
            .explain(explain);
        if period.unit == Unit::Hours {
            let t = v.time.ok_or_else(|| {
                Error::invalid(format!("\"{target}\" has no time for an hours period"))
            })?;
            req = req.at(t);
        }
        let due = req.compute(&self.0.calendar, self.0.family)?;
        let mut lines = Vec::new();
        if explain {
            let what = self.title_of(target);
            let when = match v.time {
                Some(t) if period.unit == Unit::Hours => {
                    format!("{}T{}", v.date, t.format("%H:%M"))
                }
                _ => v.date.to_string(),
            };
            let basis = if self.0.applied.docket.obligations.contains_key(target) {
                if v.filed {
                    "filed"
                } else {
                    "due"
                }
            } else {
                "on"
            };
            let side = if dir == Direction::After {
                "after"
            } else {
                "before"
            };
            lines.push(if from.recurs {
                format!(
                    "{period} {side} occurrence {} of {what} (\"{target}\" #{}, {basis} {when}), \
                     under {}",
                    v.n,
                    v.n,
                    due.edition()
                )
            } else {
                format!(
                    "{period} {side} {what} (\"{target}\", {basis} {when}), under {}",
                    due.edition()
                )
            });
            if from.defaulted {
                lines.push(format!(
                    "\"{target}\" recurs: counted from its occurrence 1 (give occurrence = N to \
                     count from another)"
                ));
            }
            if let (Unit::Hours, Some(f), Some(t)) = (period.unit, v.fold, v.time) {
                if self.occurs_twice(v.date.and_time(t)) {
                    lines.push(format!(
                        "{when} occurs twice at the court (clocks fall back): fold = \"{}\" \
                         means the {} of the two",
                        fold_name(f),
                        if f == Fold::Later { "second" } else { "first" }
                    ));
                }
            }
            if let Some(s) = &r.service {
                lines.push(format!("served by {}", s.as_str()));
            }
            lines.extend(due.steps().iter().map(|s| s.to_string()));
        }
        let mut c = Computed::from_due(&due, lines);
        if explain {
            c.explain.extend(c.readings.iter().map(Reading::line));
        }
        c.cancelled = v.cancelled;
        c.cancelled_source = v.cancelled.then(|| target.to_string());
        c.from_occurrence = from.recurs.then_some(v.n);
        Ok(c)
    }

    pub(super) fn title_of(&self, id: &str) -> String {
        let d = &self.0.applied.docket;
        d.events
            .get(id)
            .map(|e| e.title.clone())
            .or_else(|| d.obligations.get(id).map(|o| o.title.clone()))
            .unwrap_or_else(|| id.to_string())
    }

    /// A date: set by order, or counted (`field` names it in messages).
    pub(super) fn when(
        &self,
        w: &When,
        st: &State,
        field: &str,
        explain: bool,
    ) -> Result<Computed> {
        match w {
            When::Date(date) => self.fixed(*date, None, || super::fixed::due_on(*date), explain),
            When::Relative(r) => self.relative(r, st, field, explain),
        }
    }

    /// A one-off obligation: one deadline, or one per occurrence of the
    /// recurring duty its `due` counts from. Returns whether it recurs, and
    /// the truncation it inherits.
    pub(super) fn one_off(
        &self,
        pos: usize,
        id: &str,
        o: &Obligation,
        st: &State,
        opts: &ScheduleOptions,
        out: &mut Vec<Deadline>,
    ) -> Result<(bool, Option<Truncation>)> {
        let w = o
            .due
            .as_ref()
            .ok_or_else(|| Error::invalid("no due date"))?;
        let each = match w {
            When::Relative(r) => self.each_of(r, st).map(|e| (r, e)),
            When::Date(_) => None,
        };
        let Some((r, each)) = each else {
            let c = self.when(w, st, "due", opts.explain)?;
            out.push(self.deadline(&self.item_text(pos, id, o), o, 1, c, false, opts)?);
            return Ok((false, None));
        };
        // One deadline per occurrence of the recurring duty it counts from,
        // numbered as that occurrence.
        let vac_from = self.0.applied.vac_from.contains_key(id);
        let text = self.item_text(pos, id, o);
        for &value in each {
            let from = Source {
                value,
                recurs: true,
                defaulted: false,
            };
            let c = self.relative_from(r, from, opts.explain)?;
            let dl = self.deadline(&text, o, value.n, c, true, opts)?;
            // A duty vacated from a date stops at its first vacated
            // occurrence, as a recurring duty does.
            let stop = vac_from
                && dl.status == super::DeadlineStatus::Vacated
                && !value.cancelled
                && !self
                    .0
                    .applied
                    .vac_occ
                    .contains_key(&(id.to_string(), value.n));
            out.push(dl);
            if stop {
                return Ok((true, None));
            }
        }
        let truncated = r
            .reference()
            .and_then(|(t, _)| self.truncation_of(st, t))
            .map(|t| Truncation {
                obligation: id.to_string(),
                occurrences: out.len() as u32,
                horizon: t.horizon,
            });
        Ok((true, truncated))
    }
}

/// One computed date with its explanation.
#[derive(Debug, Clone)]
pub(super) struct Computed {
    pub(super) due: NaiveDate,
    pub(super) at: Option<NaiveDateTime>,
    /// Later readings, in date order.
    pub(super) readings: Vec<Reading>,
    pub(super) explain: Vec<String>,
    pub(super) cancelled: bool,
    pub(super) cancelled_source: Option<String>,
    /// The occurrence of a recurring reference it counts from.
    pub(super) from_occurrence: Option<u32>,
    /// The rule that set it, when counted by a rule.
    pub(super) rule: Option<Box<RuleBasis>>,
}

/// The rule a date was counted by.
#[derive(Debug, Clone)]
pub(super) struct RuleBasis {
    /// The rule applied (its id).
    pub(super) id: String,
    /// Its citation, in the edition applied.
    pub(super) cite: String,
    /// "Fed. R. Civ. P. 59(e): 28 days after judgment".
    pub(super) basis: String,
}

impl Computed {
    /// A date with nothing else known yet.
    pub(super) fn on(date: NaiveDate) -> Computed {
        Computed {
            due: date,
            at: None,
            readings: Vec::new(),
            explain: Vec::new(),
            cancelled: false,
            cancelled_source: None,
            from_occurrence: None,
            rule: None,
        }
    }

    /// A computation's date and readings, with these explanation lines.
    pub(super) fn from_due(due: &crate::compute::Due, explain: Vec<String>) -> Computed {
        Computed {
            due: due.due(),
            at: due.at(),
            readings: due.readings().iter().map(Reading::from_later).collect(),
            explain,
            cancelled: false,
            cancelled_source: None,
            from_occurrence: None,
            rule: None,
        }
    }

    /// The latest reading.
    pub(super) fn latest(&self) -> Option<&Reading> {
        self.readings.last()
    }
}

/// The name of a fold in the file.
fn fold_name(f: Fold) -> &'static str {
    match f {
        Fold::Earlier => "earlier",
        Fold::Later => "later",
    }
}
