//! How a date was found, written when it is read.
//!
//! Explaining a date costs far more than finding it: the steps name days,
//! holidays, rules and their citations as text. A schedule therefore finds
//! its dates first, and each deadline and event keeps an [`Explanation`]
//! that holds only a shared handle to the checked docket and its own
//! position. The first time any explanation of the schedule is read, the
//! schedule is computed again with every step written, once, and every
//! explanation of that schedule then reads its lines from there. The text is
//! the same as a schedule explained as it went (the same code writes it);
//! only when it is written changes.

use std::fmt;
use std::sync::{Arc, OnceLock};

use serde::{Serialize, Serializer};

use super::{CheckedDocket, ScheduleOptions};

/// How a deadline's or an event's date was found, step by step, with
/// citations: a list of lines, written when first read.
///
/// It reads as a slice of lines (`&[String]`): iterate it, index it, ask its
/// length. It serializes as a list of strings, and compares by its lines.
///
/// # Example
/// ```
/// use docket::docket::{Docket, ScheduleOptions};
/// let d = Docket::from_toml_str(r#"
///     [case]
///     id = "demo"
///     court = "nysd"
///     [events.hearing]
///     title = "Hearing"
///     date = "2025-06-02"
///     [obligations.objections]
///     title = "Objections"
///     due = { days = 7, before = "hearing" }
/// "#)?;
/// let s = d.schedule(&ScheduleOptions::new())?;
/// // Written now, when read.
/// let lines = &s.deadlines[0].explain;
/// assert!(lines.iter().any(|l| l.contains("Memorial Day")));
/// # Ok::<(), docket::Error>(())
/// ```
#[derive(Clone, Default)]
pub struct Explanation(Repr);

#[derive(Clone)]
enum Repr {
    /// Lines already written.
    Lines(Vec<String>),
    /// Lines written when first read: item `item` of `source`'s schedule.
    Later { source: Arc<Later>, item: Item },
}

impl Default for Repr {
    fn default() -> Repr {
        Repr::Lines(Vec::new())
    }
}

/// Which item of a schedule, by its position there (a schedule holds at
/// most [`MAX_DOCKET_OCCURRENCES`](crate::docket::MAX_DOCKET_OCCURRENCES)
/// deadlines: a `u32` keeps an explanation as small as a list of lines).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Item {
    Deadline(u32),
    Event(u32),
}

/// A schedule's explanations, written together when the first is read.
pub(crate) struct Later {
    checked: CheckedDocket,
    /// The options of the schedule, explanations written as they go.
    opts: ScheduleOptions,
    written: OnceLock<Written>,
}

/// Every explanation of one schedule, by position.
struct Written {
    deadlines: Vec<Vec<String>>,
    events: Vec<Vec<String>>,
    /// When computing the schedule again failed (it cannot, for a schedule
    /// that was computed once: this is the line every item then reads).
    failed: Vec<String>,
}

impl Later {
    /// The explanations of `checked`'s schedule under `opts`.
    pub(crate) fn new(checked: CheckedDocket, opts: ScheduleOptions) -> Arc<Later> {
        Arc::new(Later {
            checked,
            opts: opts.explain(true).explain_eagerly(true),
            written: OnceLock::new(),
        })
    }

    fn written(&self) -> &Written {
        self.written
            .get_or_init(|| match self.checked.schedule(&self.opts) {
                Ok(s) => Written {
                    deadlines: s.deadlines.into_iter().map(|d| d.explain.take()).collect(),
                    events: s.events.into_iter().map(|e| e.explain.take()).collect(),
                    failed: Vec::new(),
                },
                Err(e) => Written {
                    deadlines: Vec::new(),
                    events: Vec::new(),
                    failed: vec![format!("the explanation could not be written: {e}")],
                },
            })
    }
}

impl Explanation {
    /// An explanation of item `item` of the schedule `source` explains.
    pub(crate) fn later(source: &Arc<Later>, item: Item) -> Explanation {
        Explanation(Repr::Later {
            source: Arc::clone(source),
            item,
        })
    }

    /// The lines (written now if they were not yet).
    pub fn lines(&self) -> &[String] {
        match &self.0 {
            Repr::Lines(l) => l,
            Repr::Later { source, item } => {
                let w = source.written();
                let found = match *item {
                    Item::Deadline(i) => w.deadlines.get(i as usize),
                    Item::Event(i) => w.events.get(i as usize),
                };
                found.unwrap_or(&w.failed)
            }
        }
    }

    /// Whether the lines are written yet (for tests of when text is paid
    /// for).
    pub fn is_written(&self) -> bool {
        match &self.0 {
            Repr::Lines(_) => true,
            Repr::Later { source, .. } => source.written.get().is_some(),
        }
    }

    /// The lines, owned (taken out when they are this explanation's own).
    pub fn take(self) -> Vec<String> {
        match self.0 {
            Repr::Lines(l) => l,
            later @ Repr::Later { .. } => Explanation(later).lines().to_vec(),
        }
    }

    /// Adds a line (writing the others first, if they were not yet).
    pub fn push(&mut self, line: String) {
        if let Repr::Later { .. } = self.0 {
            self.0 = Repr::Lines(self.lines().to_vec());
        }
        if let Repr::Lines(l) = &mut self.0 {
            l.push(line);
        }
    }
}

impl From<Vec<String>> for Explanation {
    fn from(lines: Vec<String>) -> Explanation {
        Explanation(Repr::Lines(lines))
    }
}

impl std::ops::Deref for Explanation {
    type Target = [String];
    fn deref(&self) -> &[String] {
        self.lines()
    }
}

impl<'a> IntoIterator for &'a Explanation {
    type Item = &'a String;
    type IntoIter = std::slice::Iter<'a, String>;
    fn into_iter(self) -> Self::IntoIter {
        self.lines().iter()
    }
}

impl PartialEq for Explanation {
    fn eq(&self, other: &Explanation) -> bool {
        self.lines() == other.lines()
    }
}

impl Eq for Explanation {}

impl PartialEq<[String]> for Explanation {
    fn eq(&self, other: &[String]) -> bool {
        self.lines() == other
    }
}

impl PartialEq<Vec<String>> for Explanation {
    fn eq(&self, other: &Vec<String>) -> bool {
        self.lines() == other.as_slice()
    }
}

impl fmt::Debug for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.lines()).finish()
    }
}

impl Serialize for Explanation {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.lines().serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docket::Docket;

    /// A docket whose schedule fails: a deadline counts from an occurrence
    /// past the end of its recurring duty (found only when computed).
    fn failing() -> CheckedDocket {
        let d = Docket::from_toml_str(
            r#"
            [case]
            id = "t"
            court = "nysd"
            [obligations.weekly]
            title = "Weekly"
            first_due = "2025-03-04"
            repeat = { every = "1 week", until = "2025-03-25" }
            [obligations.late]
            title = "Late"
            due = { days = 1, after = "weekly", occurrence = 50 }
            "#,
        )
        .expect("parses");
        d.check().expect("checks")
    }

    #[test]
    fn an_explanation_that_cannot_be_written_says_why() {
        let checked = failing();
        let opts = ScheduleOptions::new();
        let err = checked.schedule(&opts).expect_err("the schedule fails");
        let later = Later::new(checked, opts);
        let e = Explanation::later(&later, Item::Deadline(0));
        assert!(!e.is_written());
        assert_eq!(
            e.lines(),
            [format!("the explanation could not be written: {err}")]
        );
        assert!(e.is_written());
        // Every item of that schedule reads the same line.
        assert_eq!(
            Explanation::later(&later, Item::Event(3)).lines(),
            e.lines()
        );
    }
}
