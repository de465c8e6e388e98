//! One deadline: its status, explanation, id and basis.

use std::borrow::Cow;
use std::fmt::Write as _;

use super::relative::Computed;
use super::{CheckedDocket, Deadline, DeadlineStatus, ScheduleOptions};
use crate::compute::Direction;
use crate::docket::model::{RepeatFrom, When};
use crate::error::Result;

impl CheckedDocket {
    pub(super) fn deadline(
        &self,
        id: &str,
        o: &crate::docket::model::Obligation,
        n: u32,
        mut c: Computed,
        opts: &ScheduleOptions,
    ) -> Result<Deadline> {
        // Most dockets have no extensions or vacaturs: skip the lookups.
        let a = &self.applied;
        let key = if a.ext.is_empty() && a.vac_occ.is_empty() {
            None
        } else {
            Some((id.to_string(), n))
        };
        let ext = key.as_ref().and_then(|k| a.ext.get(k)).copied();
        if let Some((to, i)) = ext {
            // A date set by order: it stands, like any fixed date.
            let set = self.fixed(
                to,
                None,
                || {
                    format!(
                        "due date set to {to} by {} (computed date was {})",
                        self.describe_change(i),
                        c.due
                    )
                },
                opts.explain,
            )?;
            c.explain.extend(set.explain);
            c.due = set.due;
            c.at = None;
            c.readings = set.readings;
        }
        let rule = c.rule.take();
        let basis = match (ext, &rule) {
            (Some((to, i)), _) => format!("set to {to} by change {}", i + 1).into(),
            (None, Some(r)) => r.basis.clone().into(),
            (None, None) => basis_of(o, n),
        };
        let filed = o.filed.get(n as usize - 1).copied();
        let vacated_occ = key.as_ref().and_then(|k| a.vac_occ.get(k)).copied();
        let vacated_from = if a.vac_from.is_empty() {
            None
        } else {
            a.vac_from.get(id).copied()
        };
        let vacated = filed.is_none()
            && (vacated_occ.is_some()
                || c.cancelled
                || vacated_from.is_some_and(|(from, _)| from.is_none_or(|f| c.due >= f)));
        let status = match (filed, vacated) {
            (_, true) => DeadlineStatus::Vacated,
            (Some(f), _) if f <= c.due => DeadlineStatus::Filed,
            (Some(_), _) => DeadlineStatus::Late,
            (None, false) => DeadlineStatus::Open,
        };
        if opts.explain {
            if let Some(cite) = &o.cite {
                c.explain.insert(0, format!("imposed by {cite}"));
            }
            match (status, filed) {
                (DeadlineStatus::Filed, Some(f)) => c.explain.push(format!("filed {f}, on time")),
                (DeadlineStatus::Late, Some(f)) => {
                    let days = (f - c.due).num_days();
                    let mut s = format!(
                        "filed {f}, {days} day{} after the due date",
                        if days == 1 { "" } else { "s" }
                    );
                    if let Some(l) = c.readings.iter().find(|l| f <= l.date) {
                        s.push_str(&format!(
                            " (timely under the later reading, {}: question {})",
                            l.date, l.question
                        ));
                    }
                    c.explain.push(s);
                }
                _ => {}
            }
            if status == DeadlineStatus::Vacated {
                if let Some(i) = vacated_occ {
                    c.explain
                        .push(format!("vacated by {}", self.describe_change(i)));
                } else if let Some(src) = &c.cancelled_source {
                    c.explain.push(format!(
                        "vacated: \"{src}\", which it counts from, was cancelled or vacated"
                    ));
                } else if let Some((_, Some(i))) = vacated_from {
                    c.explain
                        .push(format!("vacated by {}", self.describe_change(i)));
                } else {
                    c.explain.push("vacated (status = \"vacated\")".into());
                }
            }
        }
        let (latest, latest_reason) = match c.latest() {
            Some(l) => (Some(l.date), Some(l.reason.clone())),
            None => (None, None),
        };
        Ok(Deadline {
            id: deadline_id(&self.applied.docket.case.id, id, n),
            obligation: id.to_string(),
            occurrence: n,
            title: o.title.clone(),
            due: c.due,
            at: c.at,
            latest,
            latest_reason,
            parties: o.parties.clone(),
            status,
            filed,
            cite: o
                .cite
                .clone()
                .or_else(|| rule.as_ref().map(|r| r.cite.clone())),
            rule: rule.map(|r| r.id),
            explain: c.explain,
            readings: c.readings,
            changes: Vec::new(),
            depends_on: Vec::new(),
            from_occurrence: c.from_occurrence,
            basis,
        })
    }
}

/// `case/obligation/n`, built without the formatting machinery (this runs
/// once per deadline).
pub(super) fn deadline_id(case: &str, obligation: &str, n: u32) -> String {
    let mut digits = [0u8; 10];
    let mut i = digits.len();
    let mut v = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    let mut s = String::with_capacity(case.len() + obligation.len() + 2 + digits.len() - i);
    s.push_str(case);
    s.push('/');
    s.push_str(obligation);
    s.push('/');
    s.extend(digits[i..].iter().map(|&b| b as char));
    s
}

/// How an occurrence's date is set, in brief.
pub(super) fn basis_of(o: &crate::docket::model::Obligation, n: u32) -> Cow<'static, str> {
    let when = |w: &Option<When>| -> Cow<'static, str> {
        let Some(When::Relative(r)) = w else {
            return Cow::Borrowed("fixed by order");
        };
        let (Some(p), Some((t, dir))) = (r.period(), r.reference()) else {
            return Cow::Borrowed("relative");
        };
        let side = if dir == Direction::After {
            "after"
        } else {
            "before"
        };
        let mut s = String::with_capacity(48);
        let _ = write!(s, "{p} {side} {t}");
        if let Some(k) = r.occurrence {
            let _ = write!(s, " (occurrence {k})");
        }
        if let Some(sv) = r.service {
            s.push_str(", served by ");
            s.push_str(sv.as_str());
        }
        Cow::Owned(s)
    };
    match (&o.repeat, n) {
        (None, _) => when(&o.due),
        (Some(_), 1) => when(&o.first_due),
        (Some(r), _) => match (&r.rrule, r.every, r.from) {
            (Some(rule), ..) => format!("RRULE {rule}").into(),
            (None, Some(p), RepeatFrom::PreviousFiling) => {
                format!("every {p} after the previous filing").into()
            }
            (None, Some(p), RepeatFrom::Schedule) => {
                format!("every {p} from the first due date").into()
            }
            (None, None, _) => Cow::Borrowed("recurring"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadline_ids() {
        assert_eq!(
            deadline_id("lexington", "status-report", 3),
            "lexington/status-report/3"
        );
        assert_eq!(deadline_id("a", "b", 10), "a/b/10");
        assert_eq!(deadline_id("a", "b", 1000), "a/b/1000");
        assert_eq!(deadline_id("a", "b", u32::MAX), "a/b/4294967295");
    }
}
