//! Why a date set by order has a later reading, written when it is read.
//!
//! The commonest later reading of a schedule is that of a date set by order
//! that falls on a closed day (a recurring grid meets a weekend about two
//! times in seven). Its reason is a long sentence with two dates, what the
//! day is and the family's citations; the [`Reason`] keeps the dates and the
//! calendar and writes the sentence the first time it is read.

use std::sync::Arc;

use chrono::NaiveDate;

use super::fixed::{closed_because, note, FIXED_DATE_ROLL, VIOLETTE};
use crate::calendar::{Calendar, RuleFamily};
use crate::compute::{Reason, WriteLater};

/// A date set by order on a closed day, which would run to `rolled` were it
/// to roll.
struct FixedRoll {
    date: NaiveDate,
    rolled: NaiveDate,
    family: RuleFamily,
    /// The calendar that says what the day is.
    calendar: Arc<Calendar>,
}

impl WriteLater for FixedRoll {
    fn write(&self) -> String {
        let FixedRoll {
            date,
            rolled,
            family,
            ..
        } = self;
        let why = closed_because(&self.calendar, *date);
        format!(
            "{date} is {why}: were a date set by order to roll like the last day of a computed \
             period, it would run to {rolled}; it does not roll (the time-computation provisions \
             \"do not apply when a fixed time to act is set\": {}; {VIOLETTE})",
            note(*family)
        )
    }
}

/// A reading of the date a date set by order would roll to.
struct OfRolled(Reason);

impl WriteLater for OfRolled {
    fn write(&self) -> String {
        format!(
            "{} (were the date set by order to roll: question {FIXED_DATE_ROLL})",
            self.0.as_str()
        )
    }
}

/// The reason a date set by order, on a closed day, does not roll.
pub(super) fn fixed_roll(
    date: NaiveDate,
    rolled: NaiveDate,
    family: RuleFamily,
    calendar: &Arc<Calendar>,
) -> Reason {
    Reason::later(FixedRoll {
        date,
        rolled,
        family,
        calendar: calendar.clone(),
    })
}

/// A reading of the date a date set by order would roll to.
pub(super) fn of_rolled(inner: Reason) -> Reason {
    Reason::later(OfRolled(inner))
}
