//! Unit tests of the schedule's own functions.

use super::*;

#[test]
fn items_reached_by_position_are_the_items_found_by_id() {
    let d = Docket::from_toml_str(
        r#"
        [case]
        id = "t"
        court = "nysd"
        [events.b-hearing]
        title = "Hearing"
        date = "2025-06-02"
        [events.a-filing]
        title = "Filing"
        date = { days = 30, before = "b-hearing" }
        [obligations.z-reply]
        title = "Reply"
        due = { days = 7, after = "m-opposition" }
        [obligations.m-opposition]
        title = "Opposition"
        due = { days = 14, after = "a-filing" }
        [obligations.c-status]
        title = "Status"
        first_due = "2025-03-03"
        repeat = { every = "2 weeks", count = 5 }
        "#,
    )
    .expect("parses");
    let checked = d.check().expect("checks");
    assert!(checked.0.positions.is_some());
    // Replaying under another date's rules leaves the items, and their
    // positions, as they are.
    let replay = checked
        .clone()
        .rules_as_of(NaiveDate::from_ymd_opt(2008, 1, 1));
    assert!(replay.0.positions.is_some());
    let mut by_id = checked.clone();
    by_id.held_mut();
    assert!(by_id.0.positions.is_none());
    // Each position holds the item its id names.
    for ((id, by_pos), by_name) in checked
        .0
        .order
        .iter()
        .zip(checked.items())
        .zip(by_id.items())
    {
        let same = match (by_pos, by_name) {
            (Some(Item::Obligation(a)), Some(Item::Obligation(b))) => std::ptr::eq(a, b),
            (Some(Item::Event(a)), Some(Item::Event(b))) => std::ptr::eq(a, b),
            _ => false,
        };
        assert!(same, "{id}");
    }
    let opts = ScheduleOptions::new().explain(true);
    let a = checked.schedule(&opts).expect("schedules");
    let b = by_id.schedule(&opts).expect("schedules");
    assert_eq!(a.deadlines, b.deadlines);
    assert_eq!(a.events, b.events);
    assert_eq!(a.deadlines.len(), 7);
}

#[test]
fn computing_an_item_the_docket_does_not_have_is_an_error_naming_it() {
    let checked = Docket::from_toml_str(
        "[case]\nid = \"t\"\ncourt = \"nysd\"\n\
         [events.hearing]\ntitle = \"Hearing\"\ndate = \"2025-06-02\"\n",
    )
    .and_then(|d| d.check())
    .expect("a valid docket");
    let opts = ScheduleOptions::new();
    let horizon = checked.horizon(&opts);
    let mut st = State {
        slots: vec![None; checked.0.order.len()],
    };
    let e = checked
        .compute_item("hearign", &mut st, horizon, &opts)
        .expect_err("not an item");
    assert!(
        e.to_string()
            .contains("\"hearign\" is not an item of the docket"),
        "{e}"
    );
    assert!(st.slots.iter().all(Option::is_none), "nothing computed");
    checked
        .compute_item("hearing", &mut st, horizon, &opts)
        .expect("a known item");
    assert!(st.slots[0].is_some());
}
