//! What each item counts from, and the dependency order.

use std::collections::BTreeMap;

use crate::docket::model::{Docket, Until, When};

/// What an item counts from.
pub(crate) fn dependencies(d: &Docket, id: &str) -> Vec<String> {
    let mut out = Vec::new();
    let rel = |w: &Option<When>, out: &mut Vec<String>| {
        if let Some(When::Relative(r)) = w {
            if let Some((t, _)) = r.reference() {
                out.push(t.to_string());
            }
        }
    };
    if let Some(e) = d.events.get(id) {
        rel(&e.date, &mut out);
    }
    if let Some(o) = d.obligations.get(id) {
        rel(&o.due, &mut out);
        rel(&o.first_due, &mut out);
        if let Some(Until::Event(e)) = o.repeat.as_ref().and_then(|r| r.until.as_ref()) {
            out.push(e.clone());
        }
    }
    out
}

/// Items in dependency order (what an item counts from comes first), or the
/// cycle that prevents it.
pub(crate) fn topo_order(d: &Docket) -> std::result::Result<Vec<String>, Vec<String>> {
    let ids: Vec<&String> = d.events.keys().chain(d.obligations.keys()).collect();
    let mut state: BTreeMap<&str, u8> = BTreeMap::new(); // 1 visiting, 2 done
    let mut order = Vec::with_capacity(ids.len());
    for root in ids {
        if state.get(root.as_str()) == Some(&2) {
            continue;
        }
        // Iterative DFS: (id, deps, next dep index).
        let mut stack: Vec<(String, Vec<String>, usize)> =
            vec![(root.clone(), dependencies(d, root), 0)];
        state.insert(root_key(d, root), 1);
        while let Some((id, deps, i)) = stack.last_mut() {
            if *i < deps.len() {
                let dep = deps[*i].clone();
                *i += 1;
                let Some(key) = known_key(d, &dep) else {
                    continue;
                };
                match state.get(key) {
                    Some(2) => {}
                    Some(_) => {
                        let start = stack.iter().position(|(s, ..)| *s == dep).unwrap_or(0);
                        let mut cycle: Vec<String> =
                            stack[start..].iter().map(|(s, ..)| s.clone()).collect();
                        cycle.push(dep);
                        return Err(cycle);
                    }
                    None => {
                        state.insert(key, 1);
                        let deps = dependencies(d, key);
                        stack.push((key.to_string(), deps, 0));
                    }
                }
            } else {
                let done = id.clone();
                stack.pop();
                if let Some(k) = known_key(d, &done) {
                    state.insert(k, 2);
                }
                order.push(done);
            }
        }
    }
    Ok(order)
}

fn root_key<'a>(d: &'a Docket, id: &str) -> &'a str {
    known_key(d, id).unwrap_or("")
}

fn known_key<'a>(d: &'a Docket, id: &str) -> Option<&'a str> {
    d.events
        .get_key_value(id)
        .map(|(k, _)| k.as_str())
        .or_else(|| d.obligations.get_key_value(id).map(|(k, _)| k.as_str()))
}

/// A dependency cycle, if any, as a path of ids.
pub(crate) fn find_cycle(d: &Docket) -> Option<Vec<String>> {
    topo_order(d).err()
}
