//! # docket
//!
//! Court deadlines you can trust. `docket` computes due dates exactly as the
//! federal time-computation rules do (Fed. R. Civ. P. 6, Fed. R. Bankr. P.
//! 9006, Fed. R. App. P. 26, with their earlier editions), on court calendars
//! whose holidays carry their legal source, and explains every step.
//!
//! ```
//! use chrono::NaiveDate;
//! use docket::{compute::{Period, Request}, calendar::court};
//!
//! let nysb = court("nysb")?;
//! let calendar = nysb.calendar()?;
//! let from = NaiveDate::from_ymd_opt(2009, 4, 16).unwrap();
//! let due = Request::after(from, Period::days(14)).compute(&calendar, nysb.family)?;
//! assert_eq!(due.due().to_string(), "2009-04-30");
//! # Ok::<(), docket::Error>(())
//! ```
//!
//! Modules depend one way: [`calendar`] -> [`compute`] -> [`rules`] ->
//! [`docket`].

pub mod calendar;
pub mod commands;
pub mod compute;
pub mod docket;
mod error;
pub mod ical;
pub mod rules;
#[cfg(feature = "serve")]
pub mod serve;

pub use error::{Error, ErrorKind, Result};
