//! Local times at the court: one that does not exist (clocks spring
//! forward) is an error; one that occurs twice (clocks fall back) needs the
//! docket to say which moment it means (`fold`).

use chrono::{LocalResult, NaiveDateTime, TimeZone};

use super::CheckedDocket;

impl CheckedDocket {
    /// True when the local time occurs twice at the court.
    pub(super) fn occurs_twice(&self, at: NaiveDateTime) -> bool {
        matches!(
            self.calendar.time_zone().from_local_datetime(&at),
            LocalResult::Ambiguous(..)
        )
    }
}
