//! Why a later reading exists, written when it is read.
//!
//! A reason is a sentence: the question, the reading and what it holds, the
//! days in question, the citations. Most readings are never read one by one
//! (a portfolio's due dates, a recurring duty's grid), so a [`Reason`] keeps
//! what the sentence is made of (a question's id, a reading, the days) and
//! writes it the first time it is read, once; clones share it. Each layer
//! that finds readings says how its sentences are written ([`WriteLater`]):
//! this module for the rules' questions, the schedule for dates set by
//! order.

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::calendar::question;

/// Why a later reading exists: a sentence with its citations, written when
/// first read. It reads as a `&str`, and compares and serializes as its
/// text; clones share it.
///
/// # Example
/// ```
/// use docket::compute::Reason;
/// let r = Reason::from("the court announced it was closed");
/// assert!(r.starts_with("the court"));
/// assert_eq!(r, "the court announced it was closed");
/// ```
#[derive(Clone)]
pub struct Reason(Arc<Inner<dyn WriteLater>>);

struct Inner<W: ?Sized> {
    text: OnceLock<String>,
    how: W,
}

/// How a text kept in parts (a reason's sentence, a deadline's basis) is
/// written from them when first read.
pub(crate) trait WriteLater: Send + Sync + 'static {
    /// The text, when it was written already.
    fn written(&self) -> Option<&str> {
        None
    }

    /// Writes the sentence.
    fn write(&self) -> String;
}

impl Reason {
    /// A reason written by `how` when first read.
    pub(crate) fn later(how: impl WriteLater) -> Reason {
        Reason(Arc::new(Inner {
            text: OnceLock::new(),
            how,
        }))
    }

    /// Whether the text is written (it was read, or given written).
    #[cfg(test)]
    pub(crate) fn is_written(&self) -> bool {
        self.0.how.written().is_some() || self.0.text.get().is_some()
    }

    /// The text (written now if it was not yet).
    pub fn as_str(&self) -> &str {
        match self.0.how.written() {
            Some(s) => s,
            None => self.0.text.get_or_init(|| self.0.how.write()),
        }
    }
}

/// A sentence written already.
struct Written(String);

impl WriteLater for Written {
    fn written(&self) -> Option<&str> {
        Some(&self.0)
    }

    fn write(&self) -> String {
        self.0.clone()
    }
}

/// The other reading `choice` of question `id`: what the question asks, what
/// the reading holds and, for a question about days, the days in question.
pub(super) struct OtherReading {
    pub(super) id: Cow<'static, str>,
    pub(super) choice: &'static str,
    /// What each day in question is, and why it is disputed.
    pub(super) days: Vec<Arc<str>>,
}

impl WriteLater for OtherReading {
    fn write(&self) -> String {
        let (id, choice) = (&self.id, self.choice);
        let days = if self.days.is_empty() {
            String::new()
        } else {
            let d: Vec<&str> = self.days.iter().map(|d| &**d).collect();
            format!(" Days in question: {}.", d.join("; "))
        };
        match question(id) {
            Ok(x) => {
                let says = x.reading(choice).map_or("", |a| a.says.as_str());
                format!(
                    "question {id}: {} Reading \"{choice}\": {says}{days}",
                    x.question
                )
            }
            Err(_) => format!("question {id}: reading \"{choice}\".{days}"),
        }
    }
}

/// The later readings of several questions taken together: each question's
/// id and the reading taken.
pub(super) struct Together(pub(super) Vec<(Cow<'static, str>, &'static str)>);

impl WriteLater for Together {
    fn write(&self) -> String {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|(id, answer)| format!("{id} read \"{answer}\""))
            .collect();
        format!(
            "the later readings together ({}) give a still later date",
            parts.join("; ")
        )
    }
}

impl From<String> for Reason {
    fn from(s: String) -> Reason {
        Reason::later(Written(s))
    }
}

impl From<&str> for Reason {
    fn from(s: &str) -> Reason {
        Reason::from(s.to_string())
    }
}

impl Deref for Reason {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Reason {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Reason {
    fn eq(&self, other: &Reason) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.as_str() == other.as_str()
    }
}

impl Eq for Reason {}

impl PartialEq<str> for Reason {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Reason {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Serialize for Reason {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Reason {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Reason, D::Error> {
        String::deserialize(d).map(Reason::from)
    }
}

impl From<Reason> for String {
    fn from(r: Reason) -> String {
        r.as_str().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_is_written_once_and_shared_by_its_clones() {
        let r = Reason::later(OtherReading {
            id: Cow::Borrowed("no-such-question"),
            choice: "closed",
            days: vec![Arc::from("2020-01-01 (a day): why")],
        });
        let c = r.clone();
        assert!(!r.is_written(), "written before it was read");
        assert_eq!(
            r.as_str(),
            "question no-such-question: reading \"closed\". Days in question: 2020-01-01 \
             (a day): why."
        );
        assert!(std::ptr::eq(r.as_str(), c.as_str()));
    }

    #[test]
    fn readings_together_name_each_question_and_reading() {
        let r = Reason::later(Together(vec![
            (Cow::Borrowed("a"), "closed"),
            (Cow::Borrowed("b"), "forward"),
        ]));
        assert_eq!(
            r,
            "the later readings together (a read \"closed\"; b read \"forward\") give a still \
             later date"
        );
    }

    #[test]
    fn a_reason_reads_back_as_it_was_serialized() {
        let r = Reason::from("text \"quoted\"");
        let json = serde_json::to_string(&r).expect("serializes");
        let back: Reason = serde_json::from_str(&json).expect("deserializes");
        assert_eq!(back, r);
    }
}
