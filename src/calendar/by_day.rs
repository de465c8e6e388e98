//! The calendar read by day number (days from the common era), as the
//! computation reads it: each day's flags, the day tables, the disputed
//! days of a span and their questions, the state holidays of a span.

use std::borrow::Cow;
use std::sync::Arc;

use chrono::NaiveDate;

use super::{base_ce_cached, first_day, table_len, tables, Calendar, GENERIC_QUESTION, OUTSIDE};

impl Calendar {
    /// The day questions raised by disputed days from `lo` through `hi`
    /// (day numbers), as bits indexing [`Calendar::day_question`].
    pub(crate) fn questions_between(&self, lo: i32, hi: i32) -> u32 {
        if lo > hi || self.disputed.is_empty() {
            return 0;
        }
        // Most spans hold no day in dispute: the tables say so at once.
        if let (Some(a), Some(b)) = (self.position_ce(lo), self.position_ce(hi)) {
            if !self.tables().any_disputed(a, b) {
                return 0;
            }
        }
        self.disputed_q[self.disputed_span(lo, hi)]
            .iter()
            .fold(0, |acc, q| acc | q)
    }

    /// The positions in `disputed` of the disputed days from day number
    /// `lo` through `hi`.
    fn disputed_span(&self, lo: i32, hi: i32) -> std::ops::Range<usize> {
        let a = self.disputed.partition_point(|&d| d < lo);
        let b = self.disputed.partition_point(|&d| d <= hi);
        a..b.max(a)
    }

    /// Whether a state holiday (settled or in dispute) falls from day
    /// number `lo` through day number `hi` (days outside the calendar's
    /// years hold none).
    pub(crate) fn any_state_day_ce(&self, lo: i32, hi: i32) -> bool {
        let last = self.flags.len() as i32 - 1;
        let (lo, hi) = (lo.max(base_ce_cached()), hi.min(base_ce_cached() + last));
        match (self.position_ce(lo), self.position_ce(hi)) {
            (Some(a), Some(b)) => self.tables().any_state_day(a, b),
            _ => false,
        }
    }

    /// The questions of the disputed day `ce` (0 for a settled day).
    #[inline]
    pub(crate) fn questions_on_ce(&self, ce: i32) -> u32 {
        match self.disputed.binary_search(&ce) {
            Ok(i) => self.disputed_q[i],
            Err(_) => 0,
        }
    }

    /// The id of the day question with index `i`.
    pub(crate) fn day_question(&self, i: u32) -> &Cow<'static, str> {
        const GENERIC: &Cow<'static, str> = &Cow::Borrowed(GENERIC_QUESTION);
        self.day_questions.get(i as usize).unwrap_or(GENERIC)
    }

    /// What each disputed day of question index `q` from `lo` through `hi`
    /// is, and why it is disputed.
    pub(crate) fn disputed_of(&self, lo: i32, hi: i32, q: u32) -> Vec<Arc<str>> {
        self.disputed_span(lo, hi)
            .filter(|&i| self.disputed_q[i] & (1 << q) != 0)
            .map(|i| self.disputed_text[i].clone())
            .collect()
    }

    /// True if a disputed day lies between the two day numbers (inclusive).
    #[inline]
    pub(crate) fn any_disputed_ce(&self, lo: i32, hi: i32) -> bool {
        if let (Some(a), Some(b)) = (self.position_ce(lo), self.position_ce(hi)) {
            return self.tables().any_disputed(a, b);
        }
        let i = self.disputed.partition_point(|&d| d < lo);
        self.disputed.get(i).is_some_and(|&d| d <= hi)
    }

    /// The date at a position in the tables (a shared table of the
    /// calendars' days: no date arithmetic).
    #[inline]
    pub(crate) fn date_at(&self, i: usize) -> Option<NaiveDate> {
        static DAYS: std::sync::OnceLock<Box<[NaiveDate]>> = std::sync::OnceLock::new();
        DAYS.get_or_init(|| first_day().iter_days().take(table_len()).collect())
            .get(i)
            .copied()
    }

    /// The calendar's day tables (built on first use).
    #[inline]
    pub(crate) fn tables(&self) -> &tables::Tables {
        self.tables.get_or_init(|| {
            let base = base_ce_cached();
            let disputed = self
                .disputed
                .iter()
                .filter_map(move |&d| usize::try_from(d - base).ok());
            tables::Tables::new(&self.flags, disputed)
        })
    }

    /// A day number from the common era as a position in the tables.
    #[inline]
    pub(crate) fn position_ce(&self, ce: i32) -> Option<usize> {
        let i = ce - base_ce_cached();
        (i >= 0 && (i as usize) < self.flags.len()).then_some(i as usize)
    }

    /// The day number from the common era of a position in the tables.
    #[inline]
    pub(crate) fn ce_of(&self, i: usize) -> i32 {
        base_ce_cached() + i as i32
    }

    /// The day's flags by day number from the common era.
    #[inline]
    pub(crate) fn flags_ce(&self, ce: i32) -> u8 {
        let i = ce - base_ce_cached();
        if i >= 0 && (i as usize) < self.flags.len() {
            self.flags[i as usize]
        } else {
            OUTSIDE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{DISPUTED_STATE, STATE};

    #[test]
    fn spans_read_from_the_tables_agree_with_the_days_themselves() {
        // A court with state holidays and days in dispute of both kinds.
        let c = Calendar::for_court("txsb").unwrap();
        let first = base_ce_cached();
        let last = first + c.flags.len() as i32 - 1;
        let slow_questions = |lo: i32, hi: i32| {
            c.disputed
                .iter()
                .zip(c.disputed_q.iter())
                .filter(|(d, _)| (lo..=hi).contains(*d))
                .fold(0, |acc, (_, q)| acc | q)
        };
        let slow_state = |lo: i32, hi: i32| {
            (lo..=hi).any(|ce| {
                let f = c.flags_ce(ce);
                f & OUTSIDE == 0 && f & (STATE | DISPUTED_STATE) != 0
            })
        };
        let mut seen = (0, 0);
        // Every 5th day from before the tables to after them, spans of up
        // to 200 days, and empty spans (`lo > hi`).
        for lo in (first - 400..last + 400).step_by(5) {
            for len in [-1, 0, 1, 6, 30, 64, 65, 200] {
                let hi = lo + len;
                let q = c.questions_between(lo, hi);
                assert_eq!(q, slow_questions(lo, hi), "questions {lo}..={hi}");
                let s = c.any_state_day_ce(lo, hi);
                assert_eq!(s, slow_state(lo, hi), "state days {lo}..={hi}");
                seen.0 += usize::from(q != 0);
                seen.1 += usize::from(s);
            }
        }
        // Both kinds of day were met.
        assert!(seen.0 > 100 && seen.1 > 100, "{seen:?}");
    }
}
