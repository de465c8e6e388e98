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
        find_party(
            self.parties
                .iter()
                .map(|(id, p)| (id.as_str(), p.name.as_str())),
            given,
        )
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

    /// The id of the party `given` names in the schedule's docket: its id
    /// or its name (ASCII case ignored; an exact id first), as
    /// [`Docket::party_id`].
    ///
    /// # Errors
    /// No such party, or a name two parties share (the message lists the
    /// docket's parties).
    pub fn party_id(&self, given: &str) -> Result<&str> {
        find_party(
            self.parties
                .iter()
                .map(|(id, name)| (id.as_str(), name.as_str())),
            given,
        )
    }

    /// Deadlines that bind the party `party` names: its id or its name in
    /// the docket the schedule was computed from.
    ///
    /// # Errors
    /// No such party (the message lists the docket's parties), or a name two
    /// parties share.
    ///
    /// # Example
    /// ```
    /// use docket::{Docket, ScheduleOptions};
    ///
    /// let d = Docket::load("examples/data/lexington.toml")?;
    /// let s = d.schedule(&ScheduleOptions::new())?;
    /// let by_name: Vec<_> = s.for_party("Prepetition Senior Lenders")?.collect();
    /// assert_eq!(by_name, s.for_party("lenders")?.collect::<Vec<_>>());
    /// assert!(!by_name.is_empty());
    /// let e = s.for_party("lendrs").err().unwrap();
    /// assert_eq!(e.to_string(), "no party \"lendrs\" (parties: committee, debtors, lenders, mediator)");
    /// # Ok::<(), docket::Error>(())
    /// ```
    pub fn for_party<'a>(&'a self, party: &str) -> Result<impl Iterator<Item = &'a Deadline> + 'a> {
        let id = self.party_id(party)?;
        Ok(self
            .deadlines
            .iter()
            .filter(move |d| d.parties.iter().any(|p| p == id)))
    }

    /// Deadlines that bind the party `party` names in `docket`: its id or
    /// its name, as [`Docket::party_id`] (the same as
    /// [`Schedule::for_party`] for the docket the schedule was computed
    /// from).
    ///
    /// # Errors
    /// No such party in `docket` (the message lists its parties).
    pub fn for_party_in<'a>(
        &'a self,
        docket: &'a Docket,
        party: &str,
    ) -> Result<impl Iterator<Item = &'a Deadline> + 'a> {
        let id = docket.party_id(party)?.to_string();
        Ok(self
            .deadlines
            .iter()
            .filter(move |d| d.parties.contains(&id)))
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

/// The id of the party `given` names among `parties` (id, name): an exact
/// id first, else an id or a name with ASCII case ignored.
fn find_party<'a>(
    parties: impl Iterator<Item = (&'a str, &'a str)> + Clone,
    given: &str,
) -> Result<&'a str> {
    if let Some((id, _)) = parties.clone().find(|(id, _)| *id == given) {
        return Ok(id);
    }
    let found: Vec<&str> = parties
        .clone()
        .filter(|(id, name)| id.eq_ignore_ascii_case(given) || name.eq_ignore_ascii_case(given))
        .map(|(id, _)| id)
        .collect();
    match found[..] {
        [id] => Ok(id),
        [] => {
            let ids: Vec<&str> = parties.map(|(id, _)| id).collect();
            let known = if ids.is_empty() {
                "the docket has none".to_string()
            } else {
                format!("parties: {}", ids.join(", "))
            };
            Err(Error::invalid(format!("no party \"{given}\" ({known})")))
        }
        _ => Err(Error::invalid(format!(
            "\"{given}\" names {} parties ({}): give the id",
            found.len(),
            found.join(", ")
        ))),
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
