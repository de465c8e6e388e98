//! Applying the changes log to the original order.

use std::collections::BTreeMap;

use super::Shared;
use chrono::NaiveDate;

use crate::docket::model::{
    change_context, Change, ChangeAction, Docket, EventStatus, ObligationStatus,
};
use crate::error::{Error, Result};

/// The docket with its changes applied, plus what the model cannot say.
#[derive(Debug, Clone)]
pub(crate) struct Applied {
    /// Events and obligations as changed (the docket as written, shared,
    /// when it has no changes).
    pub docket: Shared<Docket>,
    /// (obligation, occurrence) -> (new due date, change index).
    pub ext: BTreeMap<(String, u32), (NaiveDate, usize)>,
    /// obligation -> (vacated from, change index or None for the file's
    /// `status`).
    pub vac_from: BTreeMap<String, (Option<NaiveDate>, Option<usize>)>,
    /// (obligation, occurrence) -> change index.
    pub vac_occ: BTreeMap<(String, u32), usize>,
    /// id -> changes that touched it.
    pub touched: BTreeMap<String, Vec<usize>>,
}

impl Applied {
    /// The key of occurrence `n` of obligation `id` in `ext` and `vac_occ`,
    /// when a change could have put it there: most dockets have no
    /// extensions or vacaturs, and most obligations no change.
    pub fn occurrence_key(&self, id: &str, n: u32) -> Option<(String, u32)> {
        if (self.ext.is_empty() && self.vac_occ.is_empty()) || !self.touched.contains_key(id) {
            return None;
        }
        Some((id.to_string(), n))
    }
}

/// The entries of one obligation's occurrences in a map keyed by
/// (obligation, occurrence): a range, not a scan of the map.
pub(crate) fn of_item<'m, V>(
    map: &'m BTreeMap<(String, u32), V>,
    id: &str,
) -> impl Iterator<Item = (&'m (String, u32), &'m V)> {
    map.range((id.to_string(), 0)..=(id.to_string(), u32::MAX))
}

/// Applies the whole changes log.
pub(crate) fn apply_all(d: &Shared<Docket>) -> Result<Applied> {
    let docket = if d.changes.is_empty() {
        d.clone()
    } else {
        let mut changed = Docket::clone(d);
        changed.changes = Vec::new();
        Shared::new(changed)
    };
    let mut a = Applied {
        docket,
        ext: BTreeMap::new(),
        vac_from: BTreeMap::new(),
        vac_occ: BTreeMap::new(),
        touched: BTreeMap::new(),
    };
    for (id, o) in &d.obligations {
        if o.status == ObligationStatus::Vacated {
            a.vac_from.insert(id.clone(), (None, None));
        }
    }
    for (i, ch) in d.changes.iter().enumerate() {
        apply_one(&mut a, i, ch).map_err(|e| e.context(change_context(i, ch.on)))?;
    }
    Ok(a)
}

pub(crate) fn apply_one(a: &mut Applied, i: usize, ch: &Change) -> Result<()> {
    let unknown = |what: &str, id: &str| Error::invalid(format!("unknown {what} \"{id}\""));
    let target = ch.target().to_string();
    match ch.action.clone() {
        ChangeAction::Move { event, to, fold } => {
            let e = a
                .docket
                .events
                .get_mut(&event)
                .ok_or_else(|| unknown("event", &event))?;
            super::times::moved(e, to, fold);
        }
        ChangeAction::Cancel { event } => {
            let e = a
                .docket
                .events
                .get_mut(&event)
                .ok_or_else(|| unknown("event", &event))?;
            e.status = EventStatus::Cancelled;
        }
        ChangeAction::Extend {
            obligation,
            occurrence,
            to,
        } => {
            if !a.docket.obligations.contains_key(&obligation) {
                return Err(unknown("obligation", &obligation));
            }
            a.ext.insert((obligation, occurrence.unwrap_or(1)), (to, i));
        }
        ChangeAction::Vacate {
            obligation,
            occurrence,
        } => {
            if !a.docket.obligations.contains_key(&obligation) {
                return Err(unknown("obligation", &obligation));
            }
            match occurrence {
                Some(n) => {
                    a.vac_occ.insert((obligation, n), i);
                }
                None => {
                    a.vac_from.insert(obligation, (Some(ch.on), Some(i)));
                }
            }
        }
        ChangeAction::Reinstate { obligation } => {
            let o = a
                .docket
                .obligations
                .get_mut(&obligation)
                .ok_or_else(|| unknown("obligation", &obligation))?;
            o.status = ObligationStatus::Active;
            a.vac_from.remove(&obligation);
            a.vac_occ.retain(|(ob, _), _| *ob != obligation);
        }
        ChangeAction::File { obligation } => {
            let o = a
                .docket
                .obligations
                .get_mut(&obligation)
                .ok_or_else(|| unknown("obligation", &obligation))?;
            let pos = o.filed.partition_point(|d| *d <= ch.on);
            o.filed.insert(pos, ch.on);
        }
        ChangeAction::AddEvent { id, event } => {
            if a.docket.events.contains_key(&id) || a.docket.obligations.contains_key(&id) {
                return Err(Error::invalid(format!("id \"{id}\" is already used")));
            }
            a.docket.events.insert(id, *event);
        }
        ChangeAction::AddObligation { id, obligation } => {
            if a.docket.events.contains_key(&id) || a.docket.obligations.contains_key(&id) {
                return Err(Error::invalid(format!("id \"{id}\" is already used")));
            }
            a.docket.obligations.insert(id, *obligation);
        }
    }
    a.touched.entry(target).or_default().push(i);
    Ok(())
}
