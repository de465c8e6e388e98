//! Questions a docketing clerk asks of schedules.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use chrono::NaiveDate;

use super::model::Docket;
use super::schedule::{Deadline, DeadlineStatus, Schedule};
use crate::error::{Error, Result};

impl Docket {
    /// The id of the party `given` names: its id, or its name (ASCII case
    /// ignored in both; an exact id first).
    ///
    /// # Errors
    /// No such party, or a name two parties share: the message lists the
    /// docket's parties.
    ///
    /// # Example
    /// ```
    /// let d = docket::Docket::load("examples/data/lexington.toml")?;
    /// assert_eq!(d.party_id("Prepetition Senior Lenders")?, "lenders");
    /// assert_eq!(d.party_id("lenders")?, "lenders");
    /// let e = d.party_id("creditors").unwrap_err();
    /// assert_eq!(e.to_string(), "no party \"creditors\" (parties: committee, debtors, lenders, mediator)");
    /// # Ok::<(), docket::Error>(())
    /// ```
    pub fn party_id(&self, given: &str) -> Result<&str> {
        if let Some((id, _)) = self.parties.get_key_value(given) {
            return Ok(id);
        }
        let found: Vec<&str> = self
            .parties
            .iter()
            .filter(|(id, p)| id.eq_ignore_ascii_case(given) || p.name.eq_ignore_ascii_case(given))
            .map(|(id, _)| id.as_str())
            .collect();
        let known = || {
            let ids: Vec<&str> = self.parties.keys().map(String::as_str).collect();
            if ids.is_empty() {
                "the docket has none".to_string()
            } else {
                format!("parties: {}", ids.join(", "))
            }
        };
        match found[..] {
            [id] => Ok(id),
            [] => Err(Error::invalid(format!(
                "no party \"{given}\" ({})",
                known()
            ))),
            _ => Err(Error::invalid(format!(
                "\"{given}\" names {} parties ({}): give the id",
                found.len(),
                found.join(", ")
            ))),
        }
    }
}

impl Schedule {
    /// Deadlines due from `from` through `to`, in due-date order.
    pub fn due_between(&self, from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = &Deadline> {
        let start = self.deadlines.partition_point(|d| d.due < from);
        self.deadlines[start..]
            .iter()
            .take_while(move |d| d.due <= to)
    }

    /// Deadlines that bind the party with id `party` (none for an id the
    /// docket does not have: to find a party by id or name, and be told of
    /// an unknown one, use [`Schedule::for_party_in`]).
    pub fn for_party<'a>(&'a self, party: &'a str) -> impl Iterator<Item = &'a Deadline> + 'a {
        self.deadlines
            .iter()
            .filter(move |d| d.parties.iter().any(|p| p == party))
    }

    /// Deadlines that bind the party `party` names in `docket` (the docket
    /// the schedule was computed from): its id or its name, as
    /// [`Docket::party_id`].
    ///
    /// # Errors
    /// No such party in `docket` (the message lists its parties).
    ///
    /// # Example
    /// ```
    /// use docket::{Docket, ScheduleOptions};
    ///
    /// let d = Docket::load("examples/data/lexington.toml")?;
    /// let s = d.schedule(&ScheduleOptions::new())?;
    /// let by_name: Vec<_> = s.for_party_in(&d, "Prepetition Senior Lenders")?.collect();
    /// assert_eq!(by_name, s.for_party("lenders").collect::<Vec<_>>());
    /// assert!(!by_name.is_empty());
    /// assert!(s.for_party_in(&d, "lendrs").is_err());
    /// # Ok::<(), docket::Error>(())
    /// ```
    pub fn for_party_in<'a>(
        &'a self,
        docket: &'a Docket,
        party: &str,
    ) -> Result<impl Iterator<Item = &'a Deadline> + 'a> {
        let id = docket.party_id(party)?;
        Ok(self.for_party(id))
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
/// let next: Vec<String> = next_deadlines(&all, as_of, 10).into_iter().map(|d| d.id.to_string()).collect();
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
