//! Tests of the diff: ids as keys and in order, dates as text, and the
//! diff against one that keys items by their text.

use super::*;
use crate::docket::schedule::{DeadlineId, Text};
use proptest::prelude::*;
use std::collections::{BTreeMap, HashMap};

#[test]
fn natural_order_of_ids() {
    let mut ids = vec!["c/a/10", "c/a/2", "c/a/1", "c/b/1", "event"];
    ids.sort_by(|a, b| natural(a).cmp(&natural(b)));
    assert_eq!(ids, ["c/a/1", "c/a/2", "c/a/10", "c/b/1", "event"]);
}

#[test]
fn keys_are_equal_exactly_when_their_texts_are() {
    let texts = [
        "a",
        "a/1",
        "a/01",
        "a/0",
        "a/",
        "/1",
        "a#1",
        "a#1#2",
        "a/1/2",
        "a/x1",
        "1",
        "a/4294967295",
        "a/4294967296",
        "ä/7",
        "",
    ];
    for x in texts {
        for y in texts {
            for sep in [b'/', b'#'] {
                assert_eq!(Key::of(x, sep) == Key::of(y, sep), x == y, "{x} {y}");
            }
        }
    }
    assert_eq!(Key::of("c/o/12", b'/'), Key("c/o", Some(12)));
    assert_eq!(Key::of("o#3", b'#'), Key("o", Some(3)));
    assert_eq!(Key::of("o/03", b'/'), Key("o/03", None));
}

#[test]
fn dates_are_written_as_display_writes_them() {
    for (y, m, d) in [
        (2025, 6, 9),
        (1, 1, 1),
        (0, 12, 31),
        (9999, 12, 31),
        (10000, 1, 1),
    ] {
        let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let mut s = String::new();
        push_date(&mut s, date);
        assert_eq!(s, date.to_string());
        let t = date.and_hms_opt(7, 5, 0).unwrap();
        let mut s = String::new();
        push_minute(&mut s, t);
        assert_eq!(s, t.format("%Y-%m-%d %H:%M").to_string());
    }
    let min = NaiveDate::MIN;
    let mut s = String::new();
    push_date(&mut s, min);
    assert_eq!(s, min.to_string());
}

/// The comparison as first written: ids and source keys written out
/// as text, each chain line formatted where it is used.
fn reference(old: &[Entry<'_>], new: &[Entry<'_>]) -> Diff {
    let id = |e: &Entry<'_>| match e {
        Entry::D(d) => d.id.to_string(),
        Entry::E(e) => e.id.clone(),
    };
    let source_key = |e: &Entry<'_>| match e {
        Entry::E(e) => e.id.clone(),
        Entry::D(d) => format!("{}#{}", d.obligation, d.occurrence),
    };
    let item = |e: &Entry<'_>| Item {
        id: id(e),
        kind: e.kind(),
        title: e.title().to_string(),
        date: e.date(),
        past: false,
    };
    let old_by: HashMap<String, Entry<'_>> = old.iter().map(|e| (id(e), *e)).collect();
    let new_by: HashMap<String, Entry<'_>> = new.iter().map(|e| (id(e), *e)).collect();
    let mut diff = Diff::default();
    let mut moved_sources: HashMap<String, Entry<'_>> = HashMap::new();
    let mut moved_entries = Vec::new();
    for n in new {
        let Some(o) = old_by.get(&id(n)) else {
            diff.added.push(item(n));
            continue;
        };
        if let (Entry::D(od), Entry::D(nd)) = (o, n) {
            if nd.status == DeadlineStatus::Vacated && od.status != DeadlineStatus::Vacated {
                diff.vacated.push(item(n));
                continue;
            }
            if nd.status != od.status && nd.due == od.due {
                moved_sources.insert(source_key(n), *n);
                diff.status_changed.push(StatusChange {
                    id: nd.id.to_string(),
                    title: nd.title.to_string(),
                    from: od.status,
                    to: nd.status,
                });
                continue;
            }
        }
        if o.date() != n.date() || o.at() != n.at() {
            moved_sources.insert(source_key(n), *n);
            moved_entries.push((*o, *n));
        } else {
            diff.unchanged.push(id(n));
        }
    }
    for o in old {
        if !new_by.contains_key(&id(o)) {
            diff.removed.push(item(o));
        }
    }
    for (o, n) in moved_entries {
        let mut path = vec![n];
        let mut seen: BTreeMap<String, ()> = BTreeMap::new();
        let mut cur = n;
        while let Entry::D(d) = cur {
            let next = d.depends_on.iter().find_map(|dep| {
                moved_sources
                    .get(dep.as_str())
                    .or_else(|| {
                        moved_sources.get(&format!("{dep}#{}", d.from_occurrence.unwrap_or(1)))
                    })
                    .copied()
            });
            match next {
                Some(e) if seen.insert(id(&e), ()).is_none() && path.len() < 64 => {
                    path.push(e);
                    cur = e;
                }
                _ => break,
            }
        }
        path.reverse();
        let chain = path
            .iter()
            .enumerate()
            .map(|(i, e)| match (i, e) {
                (0, Entry::E(ev)) => format!(
                    "{} moved to {}",
                    ev.title,
                    ev.at.map_or(ev.date.to_string(), |t| t
                        .format("%Y-%m-%d %H:%M")
                        .to_string())
                ),
                (_, Entry::E(ev)) => format!("{} ({}) on {}", ev.title, ev.id, ev.date),
                (_, Entry::D(d)) => match d.filed {
                    Some(f) => format!("{} ({}): due {}, filed {f}", d.title, d.basis, d.due),
                    None => format!("{} ({}): due {}", d.title, d.basis, d.due),
                },
            })
            .collect();
        diff.moved.push(Moved {
            id: id(&n),
            kind: n.kind(),
            title: n.title().to_string(),
            from: o.date(),
            to: n.date(),
            from_at: o.at(),
            to_at: n.at(),
            days: (n.date() - o.date()).num_days(),
            chain,
            past: false,
        });
    }
    // The same order as a diff of two schedules.
    diff.in_order();
    diff
}

/// Names from a small alphabet, so that ids, source keys and
/// occurrences collide (`a#1`, `a/1`, `01`, ...).
fn name() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "a", "b", "a#1", "a/1", "c/a", "1", "a#01", "b/2", "a#1#1",
    ])
    .prop_map(String::from)
}

fn day() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        8 => (0u64..6).prop_map(|n| NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()
            + chrono::Days::new(n)),
        1 => Just(NaiveDate::from_ymd_opt(10000, 1, 1).unwrap()),
    ]
}

fn deadline() -> impl Strategy<Value = Deadline> {
    (
        (name(), name(), 0u32..3, day(), prop::option::of(0u32..2)),
        (
            0u8..4,
            prop::option::of(day()),
            prop::collection::vec(name(), 0..3),
        ),
        (prop::option::of(0u32..3), name()),
    )
        .prop_map(
            |((stem, obligation, n, due, at), (status, filed, deps), (from, title))| Deadline {
                id: DeadlineId::new(Text::from(stem), n),
                obligation: Text::from(obligation),
                occurrence: n,
                title: Text::from(title),
                due,
                at: at.map(|h| due.and_hms_opt(h * 9, 30, 0).unwrap()),
                latest: None,
                latest_reason: None,
                readings: Vec::new(),
                parties: Default::default(),
                status: [
                    DeadlineStatus::Open,
                    DeadlineStatus::Filed,
                    DeadlineStatus::Late,
                    DeadlineStatus::Vacated,
                ][usize::from(status)],
                filed,
                cite: None,
                rule: None,
                explain: Default::default(),
                changes: Default::default(),
                depends_on: deps.into(),
                from_occurrence: from,
                basis: Text::from("7 days before a"),
            },
        )
}

fn event() -> impl Strategy<Value = EventEntry> {
    (name(), day(), prop::option::of(0u32..2), name()).prop_map(|(id, date, at, title)| {
        EventEntry {
            id,
            title,
            date,
            at: at.map(|h| date.and_hms_opt(h * 9, 5, 0).unwrap()),
            ends: None,
            location: None,
            parties: Vec::new(),
            status: crate::docket::EventStatus::Scheduled,
            fold: None,
            explain: Default::default(),
            changes: Vec::new(),
        }
    })
}

/// Deadlines and events: sometimes few enough to be searched in place,
/// sometimes more (hashed).
fn parts() -> impl Strategy<Value = (Vec<Deadline>, Vec<EventEntry>)> {
    (
        prop::collection::vec(deadline(), 0..40),
        prop::collection::vec(event(), 0..4),
    )
}

proptest! {
    /// Dates and times are written as chrono writes them; days between
    /// two dates are chrono's.
    #[test]
    fn dates_written_and_counted_as_chrono(a in -800_000i32..4_000_000, b in -800_000i32..4_000_000, m in 0u32..1440) {
        let ce = |n: i32| NaiveDate::from_num_days_from_ce_opt(n).unwrap();
        let (x, y) = (ce(a), ce(b));
        let mut s = String::new();
        push_date(&mut s, x);
        prop_assert_eq!(&s, &x.to_string());
        let t = x.and_hms_opt(m / 60, m % 60, 0).unwrap();
        let mut s = String::new();
        push_minute(&mut s, t);
        prop_assert_eq!(s, t.format("%Y-%m-%d %H:%M").to_string());
        prop_assert_eq!(days_between(x, y), (y - x).num_days());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// Keys stand for the ids and source keys exactly: the diff is the
    /// one the text-keyed comparison gives, whatever the ids.
    #[test]
    fn same_diff_as_text_keyed(before in parts(), after in parts()) {
        let old = entries(&before.0, &before.1);
        let new = entries(&after.0, &after.1);
        prop_assert_eq!(Diff::between_entries(&old, &new), reference(&old, &new));
        // And with the same items on both sides, some of them moved.
        let moved: Vec<Deadline> = before
            .0
            .iter()
            .zip(&after.0)
            .map(|(b, a)| Deadline { due: a.due, filed: a.filed, ..b.clone() })
            .collect();
        let new = entries(&moved, &after.1);
        prop_assert_eq!(Diff::between_entries(&old, &new), reference(&old, &new));
        // Where the ids on each side are distinct, as a docket's are.
        let distinct = |e: &[Entry<'_>]| {
            let mut ids: Vec<String> = e.iter().map(Entry::id).collect();
            ids.sort();
            ids.windows(2).all(|w| w[0] != w[1])
        };
        if distinct(&old) && distinct(&new) {
            prop_assert_eq!(Diff::between_distinct(&old, &new), reference(&old, &new));
        }
    }

    /// Distinct ids in the same places on both sides (a live change's
    /// items): the same diff as the text-keyed comparison.
    #[test]
    fn same_diff_for_distinct_ids(
        before in parts(),
        after in parts(),
        shift in prop::collection::vec(0u64..3, 48),
    ) {
        let mut b = before;
        for (i, d) in b.0.iter_mut().enumerate() {
            d.id = DeadlineId::new(Text::from(format!("c/o{i}")), 1 + i as u32 % 3);
        }
        for (i, e) in b.1.iter_mut().enumerate() {
            e.id = format!("e{i}");
        }
        // The same entries, some moved, some with another status.
        let mut a = b.clone();
        for ((d, s), other) in a.0.iter_mut().zip(&shift).zip(after.0.iter().cycle()) {
            d.due = d.due + chrono::Days::new(*s);
            if *s == 2 {
                d.status = other.status;
                d.filed = other.filed;
            }
        }
        for (e, s) in a.1.iter_mut().zip(shift.iter().rev()) {
            e.date = e.date + chrono::Days::new(*s);
        }
        let old = entries(&b.0, &b.1);
        let new = entries(&a.0, &a.1);
        prop_assert_eq!(Diff::between_distinct(&old, &new), reference(&old, &new));
        prop_assert_eq!(Diff::between_entries(&old, &new), reference(&old, &new));
        // Not in the same places: found by id.
        let fewer = entries(&a.0[a.0.len() / 2..], &a.1);
        prop_assert_eq!(Diff::between_distinct(&old, &fewer), reference(&old, &fewer));
    }
}
