//! The founding case: In re Lexington Precision Corp., Bankr. S.D.N.Y.
//! No. 08-11153-MG. The April 16, 2009 joint status letter says the parties
//! "will provide a further status report in two weeks".
//!
//! Run with `cargo run --example lexington`.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use chrono::NaiveDate;
use docket::calendar::court;
use docket::compute::{Period, Request};

fn main() -> Result<(), docket::Error> {
    let nysb = court("nysb")?;
    let calendar = nysb.calendar()?;
    let letter = NaiveDate::from_ymd_opt(2009, 4, 16).expect("valid date");
    let due = Request::after(letter, Period::weeks(2))
        .explain(true)
        .compute(&calendar, nysb.family)?;
    println!(
        "In re Lexington Precision Corp., No. 08-11153-MG ({})",
        nysb.name
    );
    println!("Further joint status report due {}", due.due());
    for step in due.steps() {
        println!("  - {step}");
    }
    Ok(())
}
