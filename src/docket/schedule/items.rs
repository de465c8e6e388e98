//! The items of a checked docket by their position in the dependency
//! order.

use super::CheckedDocket;
use crate::docket::fnv::FnvMap;
use crate::docket::model::Docket;

/// The position in the dependency order of each obligation and each event,
/// in the order of the docket's maps: a schedule reaches every item by
/// walking the maps once, not by looking each id up (string comparisons
/// in memory a large portfolio no longer holds in its caches).
#[derive(Debug, Clone)]
pub(crate) struct Positions {
    obligations: Vec<u32>,
    events: Vec<u32>,
}

/// An item of the docket, reached by its position.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Item<'d> {
    Obligation(&'d crate::docket::model::Obligation),
    Event(&'d crate::docket::model::Event),
}

impl Positions {
    pub(crate) fn of(d: &Docket, index: &FnvMap<String, usize>) -> Option<Positions> {
        let pos = |id: &String| index.get(id).and_then(|&i| u32::try_from(i).ok());
        Some(Positions {
            obligations: d.obligations.keys().map(pos).collect::<Option<_>>()?,
            events: d.events.keys().map(pos).collect::<Option<_>>()?,
        })
    }
}

impl CheckedDocket {
    /// Every item by its position in the dependency order.
    pub(crate) fn items(&self) -> Vec<Option<Item<'_>>> {
        let d = &self.0.applied.docket;
        let mut items = vec![None; self.0.order.len()];
        match &self.0.positions {
            Some(p)
                if p.obligations.len() == d.obligations.len()
                    && p.events.len() == d.events.len() =>
            {
                for (o, &i) in d.obligations.values().zip(&p.obligations) {
                    if let Some(slot) = items.get_mut(i as usize) {
                        *slot = Some(Item::Obligation(o));
                    }
                }
                for (e, &i) in d.events.values().zip(&p.events) {
                    if let Some(slot @ None) = items.get_mut(i as usize) {
                        *slot = Some(Item::Event(e));
                    }
                }
            }
            _ => {
                for (slot, id) in items.iter_mut().zip(&self.0.order) {
                    *slot = self.item(id);
                }
            }
        }
        items
    }

    /// An item by its id (an obligation first, as validation keeps ids
    /// apart).
    pub(crate) fn item(&self, id: &str) -> Option<Item<'_>> {
        let d = &self.0.applied.docket;
        d.obligations
            .get(id)
            .map(Item::Obligation)
            .or_else(|| d.events.get(id).map(Item::Event))
    }
}
