//! One deadline: its status, explanation, id and basis.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::sync::{Arc, OnceLock};

use super::list::List;
use super::relative::Computed;
use super::text::{DeadlineId, Text};
use super::{CheckedDocket, Deadline, DeadlineStatus, ScheduleOptions};
use crate::compute::Direction;
use crate::docket::model::{RepeatFrom, When};
use crate::error::Result;

/// What every deadline of one obligation shares, built once per checked
/// docket (see [`CheckedDocket::item_text`]).
#[derive(Debug)]
pub(crate) struct ItemText {
    /// `case/obligation`, the stem of every deadline id.
    stem: Text,
    obligation: Text,
    title: Text,
    parties: List<String>,
    cite: Option<Text>,
    /// How the first occurrence's date is set, and the others'.
    basis_first: Text,
    basis_rest: Text,
    /// What it counts from.
    pub(crate) depends_on: List<String>,
}

/// The texts of a checked docket's obligations, by position in its
/// dependency order, each built when first needed.
pub(crate) type ItemTexts = Vec<OnceLock<Arc<ItemText>>>;

/// The texts of one obligation: those the checked docket keeps, or built
/// for one use.
pub(super) enum TextsOf<'a> {
    Kept(&'a ItemText),
    Built(Arc<ItemText>),
}

impl std::ops::Deref for TextsOf<'_> {
    type Target = ItemText;
    fn deref(&self) -> &ItemText {
        match self {
            TextsOf::Kept(t) => t,
            TextsOf::Built(t) => t,
        }
    }
}

impl CheckedDocket {
    /// The texts shared by the deadlines of obligation `id`, at `pos` in
    /// the dependency order.
    pub(super) fn item_text(
        &self,
        pos: usize,
        id: &str,
        o: &crate::docket::model::Obligation,
    ) -> TextsOf<'_> {
        let build = || {
            let case = &self.0.applied.docket.case.id;
            let mut stem = String::with_capacity(case.len() + 1 + id.len());
            stem.push_str(case);
            stem.push('/');
            stem.push_str(id);
            let deps: &[String] = self.0.deps.get(id).map(Vec::as_slice).unwrap_or(&[]);
            Arc::new(ItemText {
                stem: Text::from(stem),
                obligation: Text::from(id),
                title: Text::from(o.title.as_str()),
                parties: List::from(o.parties.as_slice()),
                cite: o.cite.as_deref().map(Text::from),
                basis_first: basis_of(o, 1).into(),
                basis_rest: if o.repeat.is_some() {
                    basis_of(o, 2).into()
                } else {
                    Text::default()
                },
                depends_on: List::from(deps),
            })
        };
        match self.0.texts.get(pos) {
            // Borrowed: no shared count to touch per schedule.
            Some(cell) => TextsOf::Kept(cell.get_or_init(build)),
            None => TextsOf::Built(build()),
        }
    }

    /// Deadline `n` of obligation `o` from its computed date. `each` says
    /// that it is one of a series counted from each occurrence of a
    /// recurring duty: its basis then names that occurrence ("7 days after
    /// status (occurrence 3)"), unless a change set its date.
    pub(super) fn deadline(
        &self,
        text: &ItemText,
        o: &crate::docket::model::Obligation,
        n: u32,
        mut c: Computed,
        each: bool,
        opts: &ScheduleOptions,
    ) -> Result<Deadline> {
        let id = text.obligation.as_str();
        let a = &self.0.applied;
        let key = a.occurrence_key(id, n);
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
            (Some((to, i)), _) => Text::set_to(to, i + 1),
            (None, Some(r)) => Text::from(r.basis.as_str()),
            (None, None) if n == 1 || o.repeat.is_none() => text.basis_first.clone(),
            (None, None) => text.basis_rest.clone(),
        };
        // (A placeholder basis, program text, names no occurrence.)
        let basis = if each && ext.is_none() && basis.is_shared() {
            Text::occurrence(basis, n)
        } else {
            basis
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
            id: DeadlineId::new(text.stem.clone(), n),
            obligation: text.obligation.clone(),
            occurrence: n,
            title: text.title.clone(),
            due: c.due,
            at: c.at,
            latest,
            latest_reason,
            parties: text.parties.clone(),
            status,
            filed,
            cite: text
                .cite
                .clone()
                .or_else(|| rule.as_ref().map(|r| Text::from(r.cite.as_str()))),
            rule: rule.map(|r| Text::from(r.id)),
            explain: c.explain.into(),
            readings: c.readings,
            changes: List::default(),
            depends_on: text.depends_on.clone(),
            from_occurrence: c.from_occurrence,
            basis,
        })
    }
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
