//! Text a schedule shares instead of copying: an obligation's id, title and
//! citation are the same in each of its occurrences, so every deadline holds
//! a reference-counted handle ([`Text`]) to one copy, and a deadline's id
//! ([`DeadlineId`]) is written out only when it is read.

use std::borrow::{Borrow, Cow};
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

use crate::compute::{Reason, WriteLater};

/// An immutable string shared by every deadline that names it: cloning it
/// copies a pointer, not the text. It reads like a `&str` (it dereferences
/// to one) and compares, orders and hashes as its text.
///
/// # Example
/// ```
/// use docket::docket::Text;
/// let title = Text::from("Joint status report");
/// let again = title.clone(); // no copy of the text
/// assert_eq!(again, "Joint status report");
/// assert!(title.starts_with("Joint"));
/// ```
#[derive(Clone)]
pub struct Text(Repr);

#[derive(Clone)]
enum Repr {
    Static(&'static str),
    Shared(Arc<str>),
    /// Kept in parts and written when first read, once, as a reading's
    /// reason is (the parts say how: `Occurrence`, `SetTo`).
    Later(Reason),
}

/// `base (occurrence n)`.
struct Occurrence(Text, u32);

impl WriteLater for Occurrence {
    fn write(&self) -> String {
        format!("{} (occurrence {})", self.0.as_str(), self.1)
    }
}

/// `set to <date> by change <n>`: the basis of an extended deadline.
struct SetTo(NaiveDate, usize);

impl WriteLater for SetTo {
    fn write(&self) -> String {
        format!("set to {} by change {}", self.0, self.1)
    }
}

impl Text {
    /// Text that lives for the whole program (no allocation).
    pub const fn from_static(s: &'static str) -> Text {
        Text(Repr::Static(s))
    }

    /// Whether the text was built at run time (not program text).
    pub(crate) fn is_shared(&self) -> bool {
        matches!(self.0, Repr::Shared(_) | Repr::Later(_))
    }

    /// `base (occurrence n)`, written out only when read.
    pub(crate) fn occurrence(base: Text, n: u32) -> Text {
        Text(Repr::Later(Reason::later(Occurrence(base, n))))
    }

    /// `set to <to> by change <change>` (the change's number in the log,
    /// from 1), written out only when read.
    pub(crate) fn set_to(to: NaiveDate, change: usize) -> Text {
        Text(Repr::Later(Reason::later(SetTo(to, change))))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Static(s) => s,
            Repr::Shared(s) => s,
            Repr::Later(l) => l.as_str(),
        }
    }
}

impl Default for Text {
    fn default() -> Text {
        Text::from_static("")
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text(Repr::Shared(Arc::from(s)))
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text(Repr::Shared(Arc::from(s)))
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Text {
        Text::from(s.as_str())
    }
}

impl From<Cow<'static, str>> for Text {
    fn from(s: Cow<'static, str>) -> Text {
        match s {
            Cow::Borrowed(s) => Text::from_static(s),
            Cow::Owned(s) => Text::from(s),
        }
    }
}

impl From<Text> for String {
    fn from(t: Text) -> String {
        t.as_str().to_string()
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialOrd for Text {
    fn partial_cmp(&self, other: &Text) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Text {
    fn cmp(&self, other: &Text) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for Text {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<Text> for str {
    fn eq(&self, other: &Text) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// `v`'s decimal digits, written at the end of `buf` without allocating.
pub(crate) fn decimal(mut v: u32, buf: &mut [u8; 10]) -> &str {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    std::str::from_utf8(&buf[i..]).unwrap_or("0")
}

/// A deadline's stable id, `case/obligation/n`: the shared `case/obligation`
/// and the occurrence, written out only when displayed or serialized. It
/// compares and orders exactly as its text does.
///
/// # Example
/// ```
/// use docket::docket::{DeadlineId, Text};
/// let id = DeadlineId::new(Text::from("lexington/status-report"), 3);
/// assert_eq!(id, "lexington/status-report/3");
/// assert_eq!(id.to_string(), "lexington/status-report/3");
/// // Ordered as text: occurrence 10 sorts before occurrence 9.
/// assert!(DeadlineId::new(Text::from("a/b"), 10) < DeadlineId::new(Text::from("a/b"), 9));
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct DeadlineId {
    stem: Text,
    n: u32,
}

impl DeadlineId {
    /// The id of occurrence `n` of the obligation whose `case/obligation`
    /// is `stem`.
    pub fn new(stem: Text, n: u32) -> DeadlineId {
        DeadlineId { stem, n }
    }

    /// `case/obligation`.
    pub fn stem(&self) -> &str {
        &self.stem
    }

    /// The occurrence, from 1.
    pub fn occurrence(&self) -> u32 {
        self.n
    }

    /// The occurrence's decimal digits, without allocating: the buffer and
    /// where they start in it.
    fn digits(&self) -> ([u8; 10], usize) {
        let mut digits = [0u8; 10];
        let start = digits.len() - decimal(self.n, &mut digits).len();
        (digits, start)
    }

    /// The id's bytes, in order, without building the string.
    fn with_bytes<R>(&self, f: impl FnOnce(&mut dyn Iterator<Item = u8>) -> R) -> R {
        let (digits, i) = self.digits();
        let mut it = self
            .stem
            .bytes()
            .chain(std::iter::once(b'/'))
            .chain(digits[i..].iter().copied());
        f(&mut it)
    }

    fn eq_str(&self, other: &str) -> bool {
        let stem = self.stem.as_str();
        let Some(rest) = other.strip_prefix(stem) else {
            return false;
        };
        let (digits, i) = self.digits();
        rest.as_bytes().first() == Some(&b'/') && rest.as_bytes()[1..] == digits[i..]
    }
}

impl fmt::Display for DeadlineId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (digits, i) = self.digits();
        f.write_str(&self.stem)?;
        f.write_str("/")?;
        // ASCII digits are valid UTF-8.
        f.write_str(std::str::from_utf8(&digits[i..]).unwrap_or("0"))
    }
}

impl fmt::Debug for DeadlineId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{self}\"")
    }
}

impl PartialOrd for DeadlineId {
    fn partial_cmp(&self, other: &DeadlineId) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for DeadlineId {
    fn cmp(&self, other: &DeadlineId) -> Ordering {
        let (a, b) = (self.stem.as_bytes(), other.stem.as_bytes());
        let common = a.len().min(b.len());
        match a[..common].cmp(&b[..common]) {
            Ordering::Equal if a.len() == b.len() => {
                // Same stem: the digits decide, compared as text.
                let (x, i) = self.digits();
                let (y, j) = other.digits();
                x[i..].cmp(&y[j..])
            }
            // One stem is a prefix of the other: the '/' after it decides,
            // or failing that the rest (rare).
            Ordering::Equal => self.with_bytes(|x| other.with_bytes(|y| x.cmp(y))),
            unequal => unequal,
        }
    }
}

impl PartialEq<str> for DeadlineId {
    fn eq(&self, other: &str) -> bool {
        self.eq_str(other)
    }
}

impl PartialEq<&str> for DeadlineId {
    fn eq(&self, other: &&str) -> bool {
        self.eq_str(other)
    }
}

impl PartialEq<String> for DeadlineId {
    fn eq(&self, other: &String) -> bool {
        self.eq_str(other)
    }
}

impl PartialEq<DeadlineId> for str {
    fn eq(&self, other: &DeadlineId) -> bool {
        other.eq_str(self)
    }
}

impl PartialEq<DeadlineId> for &str {
    fn eq(&self, other: &DeadlineId) -> bool {
        other.eq_str(self)
    }
}

impl PartialEq<DeadlineId> for String {
    fn eq(&self, other: &DeadlineId) -> bool {
        other.eq_str(self)
    }
}

impl Serialize for DeadlineId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_occurrence_basis_is_written_when_read_and_reads_as_its_text() {
        let t = Text::occurrence(Text::from("7 days after status"), 12);
        let Repr::Later(o) = &t.0 else {
            panic!("not a text written later")
        };
        assert!(!o.is_written(), "written before it was read");
        assert_eq!(t, "7 days after status (occurrence 12)");
        assert!(o.is_written());
        let copy = t.clone();
        assert_eq!(copy.as_str(), t.as_str());
        assert!(t.is_shared());
        assert_eq!(
            Text::occurrence(Text::from_static("fixed by order"), 1).to_string(),
            "fixed by order (occurrence 1)"
        );
    }

    #[test]
    fn an_extended_basis_is_written_when_read() {
        let d = NaiveDate::from_ymd_opt(2009, 5, 4).expect("a date");
        let t = Text::set_to(d, 3);
        let Repr::Later(l) = &t.0 else {
            panic!("not a text written later")
        };
        assert!(!l.is_written(), "written before it was read");
        assert_eq!(t, "set to 2009-05-04 by change 3");
    }

    #[test]
    fn ids_read_order_and_compare_as_their_text() {
        let id = |stem: &str, n| DeadlineId::new(Text::from(stem), n);
        assert_eq!(
            id("lexington/status-report", 3).to_string(),
            "lexington/status-report/3"
        );
        assert_eq!(id("a/b", u32::MAX).to_string(), "a/b/4294967295");
        assert_eq!(id("a/b", 0).to_string(), "a/b/0");
        let mut all = [
            id("a/b", 10),
            id("a/b", 9),
            id("a/b", 1),
            id("a/b-c", 2),
            id("a/b", 100),
            id("a/bb", 1),
            id("a", 7),
        ];
        let mut texts: Vec<String> = all.iter().map(ToString::to_string).collect();
        all.sort();
        texts.sort();
        assert_eq!(
            all.iter().map(ToString::to_string).collect::<Vec<_>>(),
            texts
        );
        assert_eq!(id("a/b", 12), "a/b/12");
        assert_ne!(id("a/b", 12), "a/b/1");
        assert_ne!(id("a/b", 1), "a/b/12");
        assert_ne!(id("a/b", 1), "a/b1");
        assert_ne!(id("a/b", 1), "a/b");
        assert_eq!(
            serde_json::to_string(&id("x/y", 42)).ok().as_deref(),
            Some("\"x/y/42\"")
        );
    }

    #[test]
    fn text_is_its_str() {
        let t = Text::from(String::from("Hearing"));
        assert_eq!(t, "Hearing");
        assert_eq!("Hearing", t);
        assert_eq!(t, Text::from_static("Hearing"));
        assert_eq!(format!("{t:?}"), "\"Hearing\"");
        assert_eq!(
            serde_json::to_string(&t).ok().as_deref(),
            Some("\"Hearing\"")
        );
    }
}
