//! Rescheduling the founding case. The April 16, 2009 letter reports that
//! "at the request of Mr. Preston, the mediation date has been moved to
//! April 29, 2009". This walks that change and a what-if further move,
//! showing exactly which dates follow the mediation and which do not.
//!
//! Run with `cargo run --example reschedule`.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use chrono::NaiveDate;
use docket::compute::Period;
use docket::docket::{
    Change, Docket, EventTime, LiveSchedule, Obligation, Relative, ScheduleOptions,
};

fn date(s: &str) -> NaiveDate {
    s.parse().expect("a valid date")
}

fn main() -> Result<(), docket::Error> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/lexington.toml");
    let docket = Docket::load(path)?;
    let opts = ScheduleOptions::new().window(None, Some(date("2009-06-30")));
    let mut live = LiveSchedule::new(docket.check()?, opts)?;

    println!(
        "1. The letter's change: the mediation moved to 2009-04-29 at the Mediator's request."
    );
    let diff = live.apply(Change::move_event(
        date("2009-04-16"),
        "Joint status letter (Apr. 16, 2009): moved at the Mediator's request",
        "mediation",
        EventTime::Date(date("2009-04-29")),
    ))?;
    print!("{}", indent(&diff.report()));

    // An illustrative relative duty (not in the letter): mediation
    // statements due 5 days before the session. The letter's fixed dates
    // ("on or before April 22") do not hang on the mediation; this one does.
    println!("\n2. Add an illustrative relative duty: statements 5 days before the mediation.");
    let statement = Obligation::relative(
        "Mediation statements to Mr. Preston (illustrative)",
        Relative::before(Period::days(5), "mediation"),
    )
    .party("debtors")
    .party("committee")
    .cite("Illustration: a typical mediation-order term");
    let diff = live.apply(Change::add_obligation(
        date("2009-04-16"),
        "Illustration",
        "mediation-statement",
        statement,
    ))?;
    print!("{}", indent(&diff.report()));

    println!("\n3. What if the mediation moved again, to Wednesday 2009-05-06?");
    let diff = live.apply(Change::move_event(
        date("2009-04-24"),
        "What-if: further adjournment",
        "mediation",
        EventTime::Date(date("2009-05-06")),
    ))?;
    print!("{}", indent(&diff.report()));
    println!(
        "   Followed the mediation: {:?}",
        diff.moved.iter().map(|m| m.id.as_str()).collect::<Vec<_>>()
    );
    let s = live.schedule();
    let bullet = s
        .deadlines
        .iter()
        .find(|d| d.obligation == "bullet-summary")
        .unwrap();
    println!(
        "   Did not move: the bullet summary stays due {} (a date fixed by order).",
        bullet.due
    );

    println!("\n4. Undo the what-if: the schedule is exactly as before.");
    let back = live.undo().unwrap()?;
    print!("{}", indent(&back.report()));
    Ok(())
}

fn indent(s: &str) -> String {
    s.lines().map(|l| format!("   {l}\n")).collect()
}
