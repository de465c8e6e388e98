//! Incremental recomputation equals a full recompute, on random dockets and
//! random change sequences; undo restores the identical schedule.

use chrono::{Days, NaiveDate};
use docket::docket::{Change, Diff, Docket, EventTime, LiveSchedule, ScheduleOptions};
use proptest::prelude::*;

const COURTS: [&str; 5] = ["nysb", "nysd", "deb", "txsb", "ca2"];

fn day(base: NaiveDate, n: u64) -> NaiveDate {
    base.checked_add_days(Days::new(n)).unwrap()
}

/// An event: offset, timed, relative (days after an earlier event).
type EventSpec = (u64, bool, Option<(u32, usize)>);

#[derive(Debug, Clone)]
struct Spec {
    court: usize,
    start: u64,
    events: Vec<EventSpec>,
    obligations: Vec<(u8, u32, usize, bool)>, // kind, amount, ref, before
    changes: Vec<(u8, usize, u64)>,           // kind, target, offset
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        0usize..COURTS.len(),
        0u64..(60 * 365),
        prop::collection::vec(
            (
                0u64..200,
                any::<bool>(),
                prop::option::of((1u32..40, 0usize..4)),
            ),
            1..5,
        ),
        prop::collection::vec((0u8..7, 1u32..45, 0usize..16, any::<bool>()), 1..10),
        prop::collection::vec((0u8..7, 0usize..16, 0u64..200), 1..7),
    )
        .prop_map(|(court, start, events, obligations, changes)| Spec {
            court,
            start,
            events,
            obligations,
            changes,
        })
}

fn build(s: &Spec) -> (Docket, Vec<Change>) {
    let base = day(NaiveDate::from_ymd_opt(1995, 1, 1).unwrap(), s.start);
    let mut t = format!(
        "[case]\nid = \"p\"\ncourt = \"{}\"\n[parties.a]\nname = \"A\"\n",
        COURTS[s.court]
    );
    let mut event_ids = Vec::new();
    for (i, (off, timed, rel)) in s.events.iter().enumerate() {
        let id = format!("e{i}");
        t.push_str(&format!("[events.{id}]\ntitle = \"Event {i}\"\n"));
        match rel {
            Some((n, r)) if *r < i => {
                t.push_str(&format!("date = {{ days = {n}, after = \"e{r}\" }}\n"))
            }
            _ if *timed => t.push_str(&format!("at = \"{}T10:00\"\n", day(base, *off))),
            _ => t.push_str(&format!("date = \"{}\"\n", day(base, *off))),
        }
        event_ids.push(id);
    }
    let mut one_offs: Vec<String> = Vec::new();
    let mut all_obl: Vec<(String, bool)> = Vec::new();
    // Recurring duties, and what recurs with them.
    let mut recurring: Vec<String> = Vec::new();
    for (i, (kind, n, r, before)) in s.obligations.iter().enumerate() {
        let id = format!("o{i}");
        t.push_str(&format!(
            "[obligations.{id}]\ntitle = \"Duty {i}\"\nparties = [\"a\"]\n"
        ));
        let side = if *before { "before" } else { "after" };
        match kind {
            0 => t.push_str(&format!("due = \"{}\"\n", day(base, u64::from(*n) * 3))),
            1 | 2 => {
                let target = &event_ids[r % event_ids.len()];
                let svc = if *kind == 2 && !before {
                    ", service = \"mail\""
                } else {
                    ""
                };
                t.push_str(&format!(
                    "due = {{ days = {n}, {side} = \"{target}\"{svc} }}\n"
                ));
            }
            3 if !one_offs.is_empty() => {
                let target = &one_offs[r % one_offs.len()];
                t.push_str(&format!(
                    "due = {{ court_days = {}, after = \"{target}\" }}\n",
                    n % 10 + 1
                ));
            }
            // Counted from each occurrence of a recurring duty (it recurs
            // with it), or from one occurrence (it does not).
            5 | 6 if !recurring.is_empty() => {
                let target = &recurring[r % recurring.len()];
                if *kind == 5 {
                    t.push_str(&format!(
                        "due = {{ days = {}, {side} = \"{target}\" }}\n",
                        n % 20
                    ));
                    recurring.push(id.clone());
                    all_obl.push((id, true));
                    continue;
                }
                t.push_str(&format!(
                    "due = {{ days = {}, {side} = \"{target}\", occurrence = 1 }}\n",
                    n % 20
                ));
            }
            _ => {
                let from = if n % 2 == 0 {
                    "schedule"
                } else {
                    "previous-filing"
                };
                t.push_str(&format!(
                    "first_due = \"{}\"\nrepeat = {{ every = \"{} weeks\", from = \"{from}\", count = {} }}\n",
                    day(base, u64::from(*n)),
                    n % 4 + 1,
                    n % 6 + 2
                ));
                recurring.push(id.clone());
                all_obl.push((id.clone(), true));
                continue;
            }
        }
        one_offs.push(id.clone());
        all_obl.push((id, false));
    }
    let docket = Docket::from_toml_str(&t).unwrap();
    let mut changes = Vec::new();
    for (k, (kind, target, off)) in s.changes.iter().enumerate() {
        let on = day(base, *off / 2);
        let by = format!("Order {k}");
        let ev = &event_ids[target % event_ids.len()];
        let (ob, recurring) = &all_obl[target % all_obl.len()];
        changes.push(match kind {
            0 => Change::move_event(on, by, ev, EventTime::Date(day(base, *off))),
            1 => Change::move_event(
                on,
                by,
                ev,
                EventTime::At(day(base, *off).and_hms_opt(9, 30, 0).unwrap()),
            ),
            2 => Change::extend(
                on,
                by,
                ob,
                recurring.then_some(1 + (*off % 3) as u32),
                day(base, *off),
            ),
            3 => Change::vacate(on, by, ob),
            4 => Change::reinstate(on, by, ob),
            5 => Change::file(day(base, *off), by, ob),
            _ => Change::cancel(on, by, ev),
        });
    }
    (docket, changes)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]

    #[test]
    fn incremental_equals_full_and_undo_restores(s in spec(), explicit in any::<bool>()) {
        let (docket, changes) = build(&s);
        let base = NaiveDate::from_ymd_opt(1995, 1, 1).unwrap();
        let opts = if explicit {
            ScheduleOptions::new().horizon(Some(day(base, s.start + 400)))
        } else {
            ScheduleOptions::new()
        };
        // Every generated docket is valid by construction.
        let checked = docket.check().unwrap();
        let Ok(mut live) = LiveSchedule::new(checked, opts) else { return Ok(()); };
        let mut history = vec![live.schedule()];
        for c in changes {
            let before = live.schedule();
            match live.apply(c.clone()) {
                Ok(diff) => {
                    let full = live.docket().schedule(&opts).unwrap();
                    prop_assert_eq!(&live.schedule(), &full);
                    // The horizon a full check finds (counted, not scanned).
                    let checked = live.docket().check().unwrap();
                    prop_assert_eq!(live.horizon(), checked.horizon_for(&opts));
                    // In due-date order, then time, then id (ids are unique).
                    let key = |d: &docket::docket::Deadline| (d.due, d.at, d.id.clone());
                    let ordered = full.deadlines.windows(2).all(|w| key(&w[0]) < key(&w[1]));
                    prop_assert!(ordered, "not in order: {:?}", full.deadlines.iter().map(key).collect::<Vec<_>>());
                    // Due is never after a reading; latest is the last.
                    for dl in &full.deadlines {
                        prop_assert!(dl.readings.iter().all(|r| dl.due < r.date), "{:?}", dl);
                        prop_assert!(dl.readings.windows(2).all(|w| w[0].date <= w[1].date));
                        prop_assert_eq!(dl.latest, dl.readings.last().map(|r| r.date));
                    }
                    // The incremental diff names the same moves as a full diff.
                    let mut whole = Diff::between(&before, &full);
                    whole.flag_past(c.on);
                    let ids = |d: &Diff| {
                        let mut v: Vec<String> = d.moved.iter().map(|m| m.id.clone()).collect();
                        v.sort();
                        v
                    };
                    prop_assert_eq!(ids(&diff), ids(&whole));
                    // The same moves, chains and all (the diff is sorted).
                    prop_assert_eq!(&diff.moved, &whole.moved);
                    prop_assert_eq!(&diff.status_changed, &whole.status_changed);
                    prop_assert_eq!(&diff.warnings, &whole.warnings);
                    prop_assert_eq!(diff.added.len(), whole.added.len());
                    prop_assert_eq!(diff.removed.len(), whole.removed.len());
                    history.push(full);
                }
                Err(_) => {
                    // A refused change leaves everything as it was.
                    prop_assert_eq!(&live.schedule(), &before);
                }
            }
        }
        // Undo everything, one change at a time.
        history.pop();
        loop {
            let before = live.schedule();
            let Some(r) = live.undo() else { break };
            let diff = r.unwrap();
            let want = history.pop().unwrap();
            prop_assert_eq!(&live.schedule(), &want);
            let checked = live.docket().check().unwrap();
            prop_assert_eq!(live.horizon(), checked.horizon_for(&opts));
            // What moved back, as a full diff names it.
            let whole = Diff::between(&before, &want);
            prop_assert_eq!(&diff.moved, &whole.moved);
            prop_assert_eq!(diff.added.len(), whole.added.len());
            prop_assert_eq!(diff.removed.len(), whole.removed.len());
        }
        prop_assert!(history.is_empty());
        prop_assert_eq!(live.docket(), &docket);
    }
}

/// An added obligation counts from an event: moving the event moves it;
/// undoing the add leaves nothing counting from the event in its name.
#[test]
fn added_items_join_and_leave_what_they_count_from() {
    let head = "[case]\nid = \"p\"\ncourt = \"nysd\"\n\
                [events.hearing]\ntitle = \"Hearing\"\ndate = \"2025-06-09\"\n\
                [obligations.brief]\ntitle = \"Brief\"\ndue = { days = 7, before = \"hearing\" }\n";
    let docket = Docket::from_toml_str(head).unwrap();
    let with = Docket::from_toml_str(&format!(
        "{head}[obligations.reply]\ntitle = \"Reply\"\ndue = {{ days = 3, before = \"hearing\" }}\n"
    ))
    .unwrap();
    let reply = with.obligations["reply"].clone();
    let opts = ScheduleOptions::new();
    let mut live = LiveSchedule::new(docket.check().unwrap(), opts).unwrap();
    let on = NaiveDate::from_ymd_opt(2025, 5, 1).unwrap();
    let later = EventTime::Date(NaiveDate::from_ymd_opt(2025, 6, 16).unwrap());
    let diff = live
        .apply(Change::add_obligation(on, "Order", "reply", reply))
        .unwrap();
    assert_eq!(diff.added.len(), 1);
    assert_eq!(live.schedule(), live.docket().schedule(&opts).unwrap());
    // The hearing moves the brief, the reply and itself.
    let moved = live
        .apply(Change::move_event(on, "Order", "hearing", later))
        .unwrap();
    assert_eq!(moved.moved.len(), 3);
    assert_eq!(live.schedule(), live.docket().schedule(&opts).unwrap());
    live.undo().unwrap().unwrap();
    let gone = live.undo().unwrap().unwrap();
    assert_eq!(gone.removed.len(), 1);
    assert_eq!(live.schedule(), docket.schedule(&opts).unwrap());
    // Without the reply: the hearing moves the brief and itself.
    let moved = live
        .apply(Change::move_event(on, "Order", "hearing", later))
        .unwrap();
    assert_eq!(moved.moved.len(), 2);
    assert_eq!(live.schedule(), live.docket().schedule(&opts).unwrap());
    live.undo().unwrap().unwrap();
    assert_eq!(live.docket(), &docket);
}
