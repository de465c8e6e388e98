//! What a schedule is computed with: its window, horizon, explanations and
//! cap of occurrences.

use chrono::NaiveDate;

use super::MAX_OCCURRENCES;

/// Options for computing a schedule.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use docket::docket::ScheduleOptions;
/// let opts = ScheduleOptions::new()
///     .window(NaiveDate::from_ymd_opt(2009, 4, 1), NaiveDate::from_ymd_opt(2009, 6, 30))
///     .explain(false);
/// assert!(!opts.explains());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScheduleOptions {
    pub(super) from: Option<NaiveDate>,
    pub(super) to: Option<NaiveDate>,
    pub(super) horizon: Option<NaiveDate>,
    pub(super) explain: bool,
    pub(super) eagerly: bool,
    pub(super) max_occurrences: u32,
}

impl Default for ScheduleOptions {
    fn default() -> Self {
        ScheduleOptions {
            from: None,
            to: None,
            horizon: None,
            explain: true,
            eagerly: false,
            max_occurrences: MAX_OCCURRENCES,
        }
    }
}

impl ScheduleOptions {
    /// Explanations on, no window, the default horizon.
    pub fn new() -> ScheduleOptions {
        ScheduleOptions::default()
    }

    /// Keeps only deadlines and events from `from` through `to` (either
    /// open). Recurring duties are expanded through `to`.
    pub fn window(mut self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> ScheduleOptions {
        self.from = from;
        self.to = to;
        self
    }

    /// Expands recurring duties through this date (default: the window's
    /// end, or [`DEFAULT_HORIZON_DAYS`](super::DEFAULT_HORIZON_DAYS) after the latest date the docket
    /// names).
    pub fn horizon(mut self, horizon: Option<NaiveDate>) -> ScheduleOptions {
        self.horizon = horizon;
        self
    }

    /// Explains every date (on by default). An explanation is written when
    /// it is first read (see [`Explanation`](super::Explanation)): a schedule nobody reads the
    /// explanations of costs what one without them costs. Off, every
    /// explanation is empty.
    pub fn explain(mut self, yes: bool) -> ScheduleOptions {
        self.explain = yes;
        self
    }

    /// True when dates are explained.
    pub fn explains(&self) -> bool {
        self.explain
    }

    /// Writes every explanation while the schedule is computed rather than
    /// when one is first read (off by default). For callers that read every
    /// explanation anyway (a feed, an explained table): it saves computing
    /// the schedule a second time. The lines are the same either way.
    pub fn explain_eagerly(mut self, yes: bool) -> ScheduleOptions {
        self.eagerly = yes;
        self
    }

    /// The horizon the options set (the horizon, else the window's end).
    pub(crate) fn explicit_horizon(&self) -> Option<NaiveDate> {
        self.horizon.or(self.to)
    }

    /// Caps occurrences per recurring duty (at most [`MAX_OCCURRENCES`](super::MAX_OCCURRENCES)).
    pub fn max_occurrences(mut self, n: u32) -> ScheduleOptions {
        self.max_occurrences = n.clamp(1, MAX_OCCURRENCES);
        self
    }
}
