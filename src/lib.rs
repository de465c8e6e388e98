//! # docket
//!
//! Court deadlines you can trust. `docket` computes due dates exactly as the
//! federal time-computation rules do (Fed. R. Civ. P. 6, Fed. R. Bankr. P.
//! 9006, Fed. R. App. P. 26, with their earlier editions), on court calendars
//! whose holidays carry their legal source, and explains every step. It
//! models court orders as dockets, shows what a change moves, and publishes
//! iCalendar feeds.
//!
//! The same answers come three ways: this crate; the `docket` command line
//! and its HTTP server (`docket serve`: a JSON API and a web page, feature
//! `cli`); and the Python package in `python/`.
//!
//! ## The calculator
//!
//! A [`Request`] counts a [`Period`] from a trigger on a court's
//! [`Calendar`]; the [`Due`] date comes with its steps, each citing its rule,
//! and with every later date another reading of unsettled law gives.
//!
//! ```
//! use chrono::NaiveDate;
//! use docket::{court, Period, Request, Service};
//!
//! let nysb = court("nysb")?; // Bankr. S.D.N.Y.
//! let from = NaiveDate::from_ymd_opt(2009, 4, 16).unwrap();
//! let due = Request::after(from, Period::days(14)).compute(&nysb.calendar()?, nysb.family)?;
//! assert_eq!(due.due().to_string(), "2009-04-30");
//!
//! // Served by mail: the days the rule adds, explained step by step.
//! let sdny = court("nysd")?;
//! let served = NaiveDate::from_ymd_opt(2025, 1, 29).unwrap();
//! let due = Request::after(served, Period::days(14))
//!     .service(Some(Service::Mail))
//!     .explain(true)
//!     .compute(&sdny.calendar()?, sdny.family)?;
//! assert_eq!(due.due().to_string(), "2025-02-18");
//! assert!(due.steps().iter().any(|s| s.to_string().contains("Fed. R. Civ. P. 6(d)")));
//!
//! // Where the law is unsettled, `due` is the earliest safe date and each
//! // later reading says why (Christmas Eve 2009 was a half-day closure).
//! let federal = docket::Calendar::federal()?;
//! let due = Request::after(NaiveDate::from_ymd_opt(2009, 12, 10).unwrap(), Period::days(14))
//!     .compute(&federal, docket::RuleFamily::Civil)?;
//! assert_eq!(due.due().to_string(), "2009-12-24");
//! assert_eq!(due.readings()[0].date.to_string(), "2009-12-28");
//! # Ok::<(), docket::Error>(())
//! ```
//!
//! ## A docket: load, schedule, filter, change, diff, feed, JSON
//!
//! A [`Docket`] is a case's parties, events, obligations and changes, read
//! from TOML or JSON (the format: [`format`](mod@format)); its [`Schedule`] lists every
//! deadline, explained.
//!
//! ```
//! use chrono::NaiveDate;
//! use docket::{Change, Diff, Docket, FeedOptions, ScheduleOptions};
//!
//! let date = |s: &str| s.parse::<NaiveDate>().unwrap();
//!
//! // Load (validated: every problem names its file, item and field).
//! let docket = Docket::load("examples/data/lexington.toml")?;
//!
//! // Schedule, through a date.
//! let window = ScheduleOptions::new().window(None, Some(date("2009-05-15")));
//! let schedule = docket.schedule(&window)?;
//! let report = schedule.deadlines.iter().find(|d| d.id == "lexington/status-report/3").unwrap();
//! assert_eq!(report.due, date("2009-04-30"));
//!
//! // Filter by party.
//! let lenders: Vec<_> = schedule.for_party("Prepetition Senior Lenders")?.collect();
//! assert!(lenders.iter().all(|d| d.obligation == "status-report"));
//!
//! // Change: a new docket (the old one is untouched), and what moved.
//! let extended = docket.with_change(Change::extend(
//!     date("2009-04-20"), "Letter of Apr. 20, 2009", "bullet-summary", None, date("2009-04-24"),
//! ))?;
//! let diff = Diff::between(&schedule, &extended.schedule(&window)?);
//! assert_eq!(diff.moved[0].to, date("2009-04-24"));
//!
//! // Feed: an iCalendar file with stable UIDs.
//! let ics = docket::ical::case_feed(&extended, &FeedOptions::new("calendar.example.com"))?;
//! assert!(ics.contains("UID:lexington/bullet-summary/1@calendar.example.com"));
//!
//! // JSON: the schedule, as `docket schedule --json` prints it.
//! let json = serde_json::to_value(&schedule).unwrap();
//! assert_eq!(json["deadlines"][0]["id"], "lexington/status-report/1");
//! # Ok::<(), docket::Error>(())
//! ```
//!
//! Dockets also come from text ([`Docket::from_toml_str`],
//! [`Docket::from_json_str`]); [`LiveSchedule`] updates a schedule change by
//! change; [`commands`] runs the command line's commands as functions, with
//! the same output (and errors as structured problems).
//!
//! ## Modules
//!
//! Dependencies point one way: [`calendar`] (holidays with their sources,
//! courts) -> [`compute`] (the arithmetic of the rules) -> [`rules`] (rule
//! packs: a trigger's deadlines) -> [`docket`] (model, validation, schedule,
//! changes, diff) -> [`ical`] (feeds) -> [`commands`] and `serve` (the
//! adapters).

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

pub use calendar::{court, courts, find_courts, Calendar, Court, RuleFamily, State};
pub use compute::{Direction, Due, Period, Request, Service};
pub use docket::{
    Case, Change, ChangeAction, CheckedDocket, Deadline, DeadlineStatus, Diff, Docket, Event,
    EventTime, Format, LiveSchedule, Obligation, Party, Schedule, ScheduleOptions,
};
pub use ical::{Feed, FeedOptions};
pub use rules::{RuleRequest, RuleSet};

/// The docket file format: every table and field of a docket (TOML or
/// JSON), how dates are computed from it, and the JSON the commands print.
/// This is `docs/format.md`.
#[doc = include_str!("../docs/format.md")]
#[allow(
    rustdoc::broken_intra_doc_links,
    rustdoc::invalid_html_tags,
    rustdoc::bare_urls
)]
pub mod format {}
