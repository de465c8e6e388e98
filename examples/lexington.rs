//! The founding case: In re Lexington Precision Corp., Bankr. S.D.N.Y.
//! No. 08-11153-MG, as its April 16, 2009 joint status letter describes it.
//!
//! Run with `cargo run --example lexington`.

use docket::docket::{Docket, ScheduleOptions};

fn main() -> Result<(), docket::Error> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/lexington.toml");
    let docket = Docket::load(path)?;
    // The letter's horizon: the next few weeks.
    let to = chrono::NaiveDate::from_ymd_opt(2009, 5, 15);
    let schedule = docket.schedule(&ScheduleOptions::new().window(None, to))?;
    let case = &docket.case;
    println!(
        "{} — No. {} ({})",
        case.caption.as_deref().unwrap_or(&case.id),
        case.number.as_deref().unwrap_or("?"),
        case.judge.as_deref().unwrap_or("")
    );
    println!();
    println!("Events");
    for e in &schedule.events {
        println!("  {}  {:<10} {}", e.date, e.date.format("%A"), e.title);
    }
    println!();
    println!("Deadlines");
    for d in &schedule.deadlines {
        let filed = d.filed.map(|f| format!(" (filed {f})")).unwrap_or_default();
        println!(
            "  {}  {:<10} {:<8} {}{}",
            d.due,
            d.due.format("%A"),
            d.status.as_str(),
            d.title,
            filed
        );
        for line in &d.explain {
            println!("      - {line}");
        }
    }
    for t in &schedule.truncated {
        println!(
            "\n  ({} recurs beyond {}: widen the window to see more)",
            t.obligation, t.horizon
        );
    }
    Ok(())
}
