//! Applying the changes log to the original order.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::docket::model::{Action, Change, Docket, EventStatus, ObligationStatus};
use crate::error::{Error, Result};

/// The docket with its changes applied, plus what the model cannot say.
#[derive(Debug, Clone)]
pub(crate) struct Applied {
    /// Events and obligations as changed.
    pub docket: Docket,
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

/// Applies the whole changes log.
pub(crate) fn apply_all(d: &Docket) -> Result<Applied> {
    let mut a = Applied {
        docket: Docket {
            changes: Vec::new(),
            ..d.clone()
        },
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
        apply_one(&mut a, i, ch)
            .map_err(|e| e.context(format!("change {} (on {})", i + 1, ch.on)))?;
    }
    Ok(a)
}

pub(crate) fn apply_one(a: &mut Applied, i: usize, ch: &Change) -> Result<()> {
    let unknown = |what: &str, id: &str| Error::invalid(format!("unknown {what} \"{id}\""));
    let action = ch.action()?;
    let target = ch.target().unwrap_or_default().to_string();
    match action {
        Action::Move { event, to } => {
            let e = a
                .docket
                .events
                .get_mut(&event)
                .ok_or_else(|| unknown("event", &event))?;
            super::times::moved(e, to, ch.fold);
        }
        Action::Cancel { event } => {
            let e = a
                .docket
                .events
                .get_mut(&event)
                .ok_or_else(|| unknown("event", &event))?;
            e.status = EventStatus::Cancelled;
        }
        Action::Extend {
            obligation,
            occurrence,
            to,
        } => {
            if !a.docket.obligations.contains_key(&obligation) {
                return Err(unknown("obligation", &obligation));
            }
            a.ext.insert((obligation, occurrence.unwrap_or(1)), (to, i));
        }
        Action::Vacate {
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
        Action::Reinstate { obligation } => {
            let o = a
                .docket
                .obligations
                .get_mut(&obligation)
                .ok_or_else(|| unknown("obligation", &obligation))?;
            o.status = ObligationStatus::Active;
            a.vac_from.remove(&obligation);
            a.vac_occ.retain(|(ob, _), _| *ob != obligation);
        }
        Action::File { obligation } => {
            let o = a
                .docket
                .obligations
                .get_mut(&obligation)
                .ok_or_else(|| unknown("obligation", &obligation))?;
            let pos = o.filed.partition_point(|d| *d <= ch.on);
            o.filed.insert(pos, ch.on);
        }
        Action::AddEvent { id, event } => {
            if a.docket.events.contains_key(&id) || a.docket.obligations.contains_key(&id) {
                return Err(Error::invalid(format!("id \"{id}\" is already used")));
            }
            a.docket.events.insert(id, *event);
        }
        Action::AddObligation { id, obligation } => {
            if a.docket.events.contains_key(&id) || a.docket.obligations.contains_key(&id) {
                return Err(Error::invalid(format!("id \"{id}\" is already used")));
            }
            a.docket.obligations.insert(id, *obligation);
        }
    }
    a.touched.entry(target).or_default().push(i);
    Ok(())
}
