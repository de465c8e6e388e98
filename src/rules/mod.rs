//! Rule packs: the deadlines the Federal Rules attach to a trigger, as data.
//!
//! A **rule** says what must be done, by when, counted from what: Fed. R.
//! Civ. P. 59(b) — a motion for a new trial "no later than 28 days after the
//! entry of judgment". A rule carries its citation, a short quote of its
//! words, the kind of **trigger** it counts from, its direction, the
//! **conditions** under which it applies (a United States party, a waiver of
//! service, ...), notes, and the **edition history** of its period (10 days
//! before December 1, 2009, 28 days since). The period in force on the
//! trigger date applies, counted under the time-computation rule in force on
//! that date ([`crate::compute::Edition`]); every worked example in a pack
//! is checked by the tests.
//!
//! Rules come in **packs** (one TOML file each, `docs/rules.md`): the
//! built-in national packs for the Civil, Bankruptcy and Appellate Rules
//! ([`RuleSet::national`]), and packs a user loads from a file
//! ([`Pack::load`]) for local rules and standing orders, which prevail over
//! the national rule they name (`overrides`).
//!
//! Layering: [`crate::calendar`] -> [`crate::compute`] -> `rules` ->
//! [`crate::docket`].
//!
//! ```
//! use chrono::NaiveDate;
//! use docket::calendar::Calendar;
//! use docket::rules::{RuleRequest, RuleSet};
//!
//! let rules = RuleSet::national()?;
//! let sdny = Calendar::for_court("nysd")?;
//! // Judgment entered Monday, March 3, 2025: a Rule 59(e) motion is due 28
//! // days later, Monday, March 31.
//! let entered = NaiveDate::from_ymd_opt(2025, 3, 3).unwrap();
//! let due = rules.compute(&RuleRequest::new("frcp-59-e", entered), &sdny)?;
//! assert_eq!(due.due().due().to_string(), "2025-03-31");
//! assert_eq!(due.cite(), "Fed. R. Civ. P. 59(e)");
//! // The same rule on a judgment entered in 2008: 10 days, counted without
//! // the weekends (Fed. R. Civ. P. 6(a) before 2009).
//! let entered = NaiveDate::from_ymd_opt(2008, 3, 3).unwrap();
//! let due = rules.compute(&RuleRequest::new("frcp-59-e", entered), &sdny)?;
//! assert_eq!(due.due().due().to_string(), "2008-03-17");
//! # Ok::<(), docket::Error>(())
//! ```

mod apply;
mod changes;
mod lookup;
mod pack;
mod rule;
mod set;
mod trigger;

pub use apply::{Facts, Precedence, RuleDue, RuleRequest};
pub use changes::{edition_changes, RuleChange};
pub use lookup::normalize_cite;
pub use pack::{Pack, MAX_PACK_BYTES};
pub use rule::{Example, Rule, RuleEdition};
pub use set::RuleSet;
pub use trigger::{Trigger, TriggerDate};
