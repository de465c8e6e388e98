//! Questions a docketing clerk asks of schedules.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use chrono::NaiveDate;

use super::schedule::{Deadline, DeadlineStatus, Schedule};

impl Schedule {
    /// Deadlines due from `from` through `to`, in due-date order.
    pub fn due_between(&self, from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = &Deadline> {
        let start = self.deadlines.partition_point(|d| d.due < from);
        self.deadlines[start..]
            .iter()
            .take_while(move |d| d.due <= to)
    }

    /// Deadlines that bind `party`.
    pub fn for_party<'a>(&'a self, party: &'a str) -> impl Iterator<Item = &'a Deadline> + 'a {
        self.deadlines
            .iter()
            .filter(move |d| d.parties.iter().any(|p| p == party))
    }

    /// Open deadlines whose due date is before `as_of`.
    pub fn overdue(&self, as_of: NaiveDate) -> impl Iterator<Item = &Deadline> {
        self.deadlines
            .iter()
            .take_while(move |d| d.due < as_of)
            .filter(|d| d.status == DeadlineStatus::Open)
    }

    /// Open deadlines due on or after `as_of`, in order.
    pub fn upcoming(&self, as_of: NaiveDate) -> impl Iterator<Item = &Deadline> {
        let start = self.deadlines.partition_point(|d| d.due < as_of);
        self.deadlines[start..]
            .iter()
            .filter(|d| d.status == DeadlineStatus::Open)
    }
}

/// The next `n` open deadlines due on or after `as_of` across many
/// schedules, merged in due-date order (then by id).
///
/// # Example
/// ```
/// use docket::docket::{next_deadlines, Docket, ScheduleOptions};
/// let a = Docket::from_toml_str(r#"
///     [case]
///     id = "a"
///     court = "nysd"
///     [obligations.brief]
///     title = "Brief"
///     due = "2025-03-03"
/// "#)?.schedule(&ScheduleOptions::new())?;
/// let b = Docket::from_toml_str(r#"
///     [case]
///     id = "b"
///     court = "nysd"
///     [obligations.letter]
///     title = "Letter"
///     due = "2025-02-03"
/// "#)?.schedule(&ScheduleOptions::new())?;
/// let as_of = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
/// let all = [a, b];
/// let next: Vec<_> = next_deadlines(&all, as_of, 10).into_iter().map(|d| d.id.as_str()).collect();
/// assert_eq!(next, ["b/letter/1", "a/brief/1"]);
/// # Ok::<(), docket::Error>(())
/// ```
pub fn next_deadlines(schedules: &[Schedule], as_of: NaiveDate, n: usize) -> Vec<&Deadline> {
    let mut iters: Vec<_> = schedules
        .iter()
        .map(|s| s.upcoming(as_of).peekable())
        .collect();
    let mut heap = BinaryHeap::new();
    for (i, it) in iters.iter_mut().enumerate() {
        if let Some(d) = it.peek() {
            heap.push(Reverse((d.due, d.id.clone(), i)));
        }
    }
    let mut out = Vec::with_capacity(n.min(1024));
    while out.len() < n {
        let Some(Reverse((_, _, i))) = heap.pop() else {
            break;
        };
        if let Some(d) = iters[i].next() {
            out.push(d);
        }
        if let Some(d) = iters[i].peek() {
            heap.push(Reverse((d.due, d.id.clone(), i)));
        }
    }
    out
}
