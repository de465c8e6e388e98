//! Dates counted from references, and fixed dates.

use chrono::{NaiveDate, NaiveDateTime};

use super::{CheckedDocket, Deadline, ScheduleOptions, State};
use crate::compute::{Direction, Request, Roll, Unit};
use crate::docket::model::{Relative, When};
use crate::error::{Error, Result};

pub(super) const VIOLETTE: &str = "a date set by order is not computed and does not roll (Fed. R. Civ. P. 6(a), \
                        2009 Committee Note: the rules \"do not apply when a fixed time to act is set\"; \
                        Violette v. P.A. Days, Inc., 427 F.3d 1015 (6th Cir. 2005))";

impl CheckedDocket {
    /// Computes a relative date.
    pub(super) fn relative(&self, r: &Relative, values: &State, explain: bool) -> Result<Computed> {
        let (target, dir) = r
            .reference()
            .ok_or_else(|| Error::invalid("relative date without after/before"))?;
        let v = self
            .value_of(values, target)
            .ok_or_else(|| Error::invalid(format!("\"{target}\" has no date yet")))?;
        let period = r
            .period()
            .ok_or_else(|| Error::invalid("relative date without one period"))?;
        let mut req = Request::new(v.date, period, dir)
            .service(r.service)
            .roll(r.roll.unwrap_or(Roll::Rule))
            .explain(explain);
        if period.unit == Unit::Hours {
            let t = v.time.ok_or_else(|| {
                Error::invalid(format!("\"{target}\" has no time for an hours period"))
            })?;
            req = req.at(t);
        }
        let due = req.compute(&self.calendar, self.family)?;
        let mut lines = Vec::new();
        if explain {
            let what = self.title_of(target);
            let when = match v.time {
                Some(t) if period.unit == Unit::Hours => {
                    format!("{}T{}", v.date, t.format("%H:%M"))
                }
                _ => v.date.to_string(),
            };
            let basis = if self.applied.docket.obligations.contains_key(target) {
                let filed = self
                    .applied
                    .docket
                    .obligations
                    .get(target)
                    .and_then(|o| o.filed.first())
                    .is_some();
                if filed {
                    "filed"
                } else {
                    "due"
                }
            } else {
                "on"
            };
            lines.push(format!(
                "{period} {} {what} (\"{target}\", {basis} {when}), under {}",
                if dir == Direction::After {
                    "after"
                } else {
                    "before"
                },
                due.edition()
            ));
            if let Some(s) = &r.service {
                lines.push(format!("served by {}", s.as_str()));
            }
            lines.extend(due.steps().iter().map(|s| s.to_string()));
            if let Some(l) = due.later() {
                lines.push(format!("a later reading gives {}: {}", l.date, l.reason));
            }
        }
        Ok(Computed {
            due: due.due(),
            at: due.at(),
            latest: due.later().map(|l| (l.date, l.reason.clone())),
            explain: lines,
            cancelled: v.cancelled,
            cancelled_source: v.cancelled.then(|| target.to_string()),
        })
    }

    pub(super) fn title_of(&self, id: &str) -> String {
        let d = &self.applied.docket;
        d.events
            .get(id)
            .map(|e| e.title.clone())
            .or_else(|| d.obligations.get(id).map(|o| o.title.clone()))
            .unwrap_or_else(|| id.to_string())
    }

    pub(super) fn when(&self, w: &When, values: &State, explain: bool) -> Result<Computed> {
        match w {
            When::Date(date) => {
                let mut lines = Vec::new();
                if explain {
                    lines.push(format!("due on {date}: {VIOLETTE}"));
                    let cal = &self.calendar;
                    if cal.is_weekend(*date)
                        || cal.notes_on(*date).iter().any(|n| !n.status.is_disputed())
                    {
                        lines.push(format!(
                            "note: {date} is not a court day ({}); the date stands, so act before it",
                            if cal.is_weekend(*date) {
                                date.format("%A").to_string()
                            } else {
                                {
                                    let mut names: Vec<&str> =
                                        cal.notes_on(*date).iter().map(|n| n.name.as_str()).collect();
                                    names.dedup();
                                    names.join(", ")
                                }
                            }
                        ));
                    }
                }
                Ok(Computed {
                    due: *date,
                    at: None,
                    latest: None,
                    explain: lines,
                    cancelled: false,
                    cancelled_source: None,
                })
            }
            When::Relative(r) => self.relative(r, values, explain),
        }
    }

    pub(super) fn one_off(
        &self,
        id: &str,
        o: &crate::docket::model::Obligation,
        values: &State,
        opts: &ScheduleOptions,
        out: &mut Vec<Deadline>,
    ) -> Result<()> {
        let w = o
            .due
            .as_ref()
            .ok_or_else(|| Error::invalid(format!("obligation \"{id}\": no due date")))?;
        let c = self.when(w, values, opts.explain)?;
        out.push(self.deadline(id, o, 1, c, opts));
        Ok(())
    }
}

/// One computed date with its explanation.
#[derive(Debug, Clone)]
pub(super) struct Computed {
    pub(super) due: NaiveDate,
    pub(super) at: Option<NaiveDateTime>,
    pub(super) latest: Option<(NaiveDate, String)>,
    pub(super) explain: Vec<String>,
    pub(super) cancelled: bool,
    pub(super) cancelled_source: Option<String>,
}

impl Computed {
    pub(super) fn from_due(due: &crate::compute::Due, explain: Vec<String>) -> Computed {
        Computed {
            due: due.due(),
            at: due.at(),
            latest: due.later().map(|l| (l.date, l.reason.clone())),
            explain,
            cancelled: false,
            cancelled_source: None,
        }
    }
}
