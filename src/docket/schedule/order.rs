//! What each item counts from, and the dependency order.

use crate::docket::fnv::FnvMap;
use crate::docket::model::{Docket, Obligation, Relative, Until, When};

/// What an item counts from.
pub(crate) fn dependencies(d: &Docket, id: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_dependency(d, id, |t| out.push(t.to_string()));
    out
}

/// Calls `f` with each id an item counts from, in order (see
/// [`dependencies`]), without allocating.
fn each_dependency<'d>(d: &'d Docket, id: &str, mut f: impl FnMut(&'d str)) {
    if let Some(t) = d.events.get(id).and_then(|e| reference(&e.date)) {
        f(t);
    }
    if let Some(o) = d.obligations.get(id) {
        obligation_references(o).for_each(f);
    }
}

/// The id a relative date counts from.
fn reference(w: &Option<When>) -> Option<&str> {
    match w {
        Some(When::Relative(r)) => r.reference().map(|(t, _)| t),
        _ => None,
    }
}

/// What an obligation counts from: its `due`, its `first_due`, the event
/// its recurrence runs until.
fn obligation_references(o: &Obligation) -> impl Iterator<Item = &str> {
    let until = match o.repeat.as_ref().and_then(|r| r.until.as_ref()) {
        Some(Until::Event(e)) => Some(e.as_str()),
        _ => None,
    };
    reference(&o.due)
        .into_iter()
        .chain(reference(&o.first_due))
        .chain(until)
}

/// Items in dependency order (what an item counts from comes first), or the
/// cycle that prevents it.
pub(crate) fn topo_order(d: &Docket) -> std::result::Result<Vec<String>, Vec<String>> {
    // Each distinct id once, by position; what each counts from, by
    // position (references to unknown ids are left out: validation reports
    // them).
    let mut ids: Vec<&str> = Vec::with_capacity(d.events.len() + d.obligations.len());
    let mut index: FnvMap<&str, usize> = FnvMap::default();
    index.reserve(d.events.len() + d.obligations.len());
    for id in d.events.keys().chain(d.obligations.keys()) {
        index.entry(id.as_str()).or_insert_with(|| {
            ids.push(id.as_str());
            ids.len() - 1
        });
    }
    // What each counts from, read from the items themselves (not looked up
    // again by id): an event's references, then an obligation's, as in
    // `each_dependency`.
    let mut deps: Vec<Vec<usize>> = vec![Vec::new(); ids.len()];
    let mut add = |id: &str, t: &str| {
        if let (Some(&i), Some(&j)) = (index.get(id), index.get(t)) {
            deps[i].push(j);
        }
    };
    for (id, e) in &d.events {
        if let Some(t) = reference(&e.date) {
            add(id, t);
        }
    }
    for (id, o) in &d.obligations {
        for t in obligation_references(o) {
            add(id, t);
        }
    }
    let mut state = vec![0u8; ids.len()]; // 1 visiting, 2 done
    let mut order = Vec::with_capacity(ids.len());
    for root in 0..ids.len() {
        if state[root] == 2 {
            continue;
        }
        // Iterative DFS: (item, next dependency).
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        state[root] = 1;
        while let Some((item, i)) = stack.last_mut() {
            if let Some(&dep) = deps[*item].get(*i) {
                *i += 1;
                match state[dep] {
                    2 => {}
                    1 => {
                        let start = stack.iter().position(|(s, _)| *s == dep).unwrap_or(0);
                        let mut cycle: Vec<String> = stack[start..]
                            .iter()
                            .map(|(s, _)| ids[*s].to_string())
                            .collect();
                        cycle.push(ids[dep].to_string());
                        return Err(cycle);
                    }
                    _ => {
                        state[dep] = 1;
                        stack.push((dep, 0));
                    }
                }
            } else {
                let done = *item;
                stack.pop();
                state[done] = 2;
                order.push(ids[done].to_string());
            }
        }
    }
    Ok(order)
}

/// Every relative date of the docket, with the item and field it belongs
/// to (`("trustee-response", "due", r)`).
fn relatives(d: &Docket) -> impl Iterator<Item = (&str, &'static str, &Relative)> {
    let events = d.events.iter().filter_map(|(id, e)| match &e.date {
        Some(When::Relative(r)) => Some((id.as_str(), "date", r)),
        _ => None,
    });
    let obligations = d.obligations.iter().flat_map(|(id, o)| {
        [("due", &o.due), ("first_due", &o.first_due)]
            .into_iter()
            .filter_map(move |(field, w)| match w {
                Some(When::Relative(r)) => Some((id.as_str(), field, r)),
                _ => None,
            })
    });
    events.chain(obligations)
}

/// For each recurring item that a relative date names with `occurrence =
/// N`, the largest such N (its expansion reaches it whatever the horizon).
pub(crate) fn pins(d: &Docket) -> FnvMap<String, u32> {
    let mut out: FnvMap<String, u32> = FnvMap::default();
    for (_, _, r) in relatives(d) {
        if let (Some(n), Some((t, _))) = (r.occurrence, r.reference()) {
            let e = out.entry(t.to_string()).or_default();
            *e = (*e).max(n);
        }
    }
    out
}

/// True when the obligation recurs: it has `repeat`, or its `due` counts
/// from a recurring item without naming an occurrence (then it has one
/// deadline per occurrence of that item). Follows the chain at most as far
/// as there are obligations (a cycle is reported elsewhere).
pub(crate) fn recurs(d: &Docket, id: &str) -> bool {
    d.obligations
        .get(id)
        .is_some_and(|o| obligation_recurs(d, o))
}

/// [`recurs`] for an obligation at hand (no lookup of its own id).
pub(crate) fn obligation_recurs(d: &Docket, o: &Obligation) -> bool {
    let mut o = o;
    for _ in 0..=d.obligations.len() {
        if o.repeat.is_some() {
            return true;
        }
        let next = match &o.due {
            Some(When::Relative(r)) if r.occurrence.is_none() => match r.reference() {
                Some((t, _)) => d.obligations.get(t),
                None => None,
            },
            _ => None,
        };
        match next {
            Some(n) => o = n,
            None => return false,
        }
    }
    false
}

/// Problems with `occurrence = N` in relative dates, each naming the item
/// and the field: N from 1, only for a recurring reference, and within its
/// `count`. (Whether the occurrence exists within the schedule is checked
/// when it is computed.)
pub(crate) fn occurrence_problems(d: &Docket) -> Vec<String> {
    let mut p = Vec::new();
    for (id, field, r) in relatives(d) {
        let (Some(n), Some((t, _))) = (r.occurrence, r.reference()) else {
            continue;
        };
        let what = if d.events.contains_key(id) {
            "event"
        } else {
            "obligation"
        };
        let ctx = format!("{what} \"{id}\": {field}.occurrence");
        if n == 0 {
            p.push(format!("{ctx}: occurrences count from 1"));
        } else if d.events.contains_key(t) || !recurs(d, t) {
            if n != 1 {
                p.push(format!(
                    "{ctx}: \"{t}\" does not recur, so it has no occurrence {n}"
                ));
            }
        } else if let Some(c) = d
            .obligations
            .get(t)
            .and_then(|o| o.repeat.as_ref())
            .and_then(|r| r.count)
        {
            if n > c {
                p.push(format!(
                    "{ctx}: occurrence {n} of \"{t}\" does not exist (repeat.count is {c})"
                ));
            }
        }
    }
    p
}
