//! The integration tests: one binary, data-driven vectors in `tests/data/`.

#![allow(clippy::expect_used, clippy::unwrap_used)]

#[cfg(feature = "serve")]
mod api;
#[cfg(feature = "serve")]
mod browser;
#[cfg(feature = "cli")]
mod cli;
#[cfg(feature = "cli")]
mod cli_json;
mod concurrency;
mod courts;
mod dockets;
mod fuzz_regressions;
#[cfg(feature = "cli")]
mod golden;
mod holidays;
mod ical;
mod incremental;
mod properties;
#[cfg(feature = "cli")]
mod readings;
mod recurrence;
mod refusals;
mod robustness;
mod rules;
#[cfg(feature = "serve")]
mod serve;
mod state_holidays;
mod state_vectors;
mod vectors;
mod writes;
