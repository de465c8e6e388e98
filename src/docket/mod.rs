//! Dockets: a case's parties, events, obligations (one-off and recurring)
//! and the changes made since the original order; and the schedule computed
//! from them.
//!
//! The file format is described in `docs/format.md`; the model here is its
//! exact image ([`Docket`] reads and writes TOML and JSON with serde).

mod build;
pub(crate) mod date_text;
mod dates;
mod diff;
mod fnv;
mod io;
mod json;
mod limits;
mod live;
mod model;
mod query;
mod schedule;
mod validate;

pub use dates::{parse_date, parse_local_datetime};
pub use diff::{Diff, Item, ItemKind, Moved, StatusChange};
pub use io::{
    append_change, write_atomic, write_atomic_with, DocketFile, Format, LOCK_TIMEOUT,
    MAX_LOCK_TIMEOUT,
};
#[cfg(feature = "serve")]
pub(crate) use json::check_unique_keys;
pub use limits::{
    read_docket_text, RunBudget, MAX_DOCKET_OCCURRENCES, MAX_FILE_BYTES, MAX_RUN_OCCURRENCES,
};
pub use live::LiveSchedule;
pub use model::{
    CalendarSpec, Case, Change, ChangeAction, Docket, Event, EventStatus, EventTime, ExtraHoliday,
    Fold, Obligation, ObligationStatus, Party, Relative, Repeat, RepeatFrom, Until, When,
};
pub use query::next_deadlines;
pub(crate) use schedule::decimal;
pub use schedule::{
    resolve_local, ChangeRef, CheckedDocket, Deadline, DeadlineId, DeadlineStatus, EventEntry,
    Explanation, List, Reading, Reason, Schedule, ScheduleOptions, Text, Truncation,
    DEFAULT_HORIZON_DAYS, MAX_OCCURRENCES,
};
pub use validate::{is_slug, MAX_COUNT};
