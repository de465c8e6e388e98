//! The catalog of unsettled questions: where the law can be read two ways,
//! each reading with its authority.
//!
//! A computation that meets a question computes every reading, gives the
//! earliest date as the due date and reports each later one with the
//! question's id, the reading's reason and its citations
//! ([`crate::compute::Due::readings`]). A court announcement (data shipped
//! with the crate, [`announcements`]) or the user ([`Settlement`], the
//! `settle` list of a docket's `[calendar]`) settles a question: then only the
//! settled reading is computed, and the explanation says who settled it.
//!
//! The catalog is data (`data/questions.toml`), each question researched at
//! its source and cited there.

use std::borrow::Cow;
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// One unsettled question of law.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Stable id (`eo-closure`).
    pub id: String,
    /// The question, in one sentence.
    pub question: String,
    /// What the question is about: `day` (whether a day counts as a legal
    /// holiday or closure) or `rule` (how a rule's text is read).
    pub about: QuestionKind,
    /// Which reading gives the earlier date, and when.
    pub earlier: String,
    /// The reading computed first (the other readings are computed too; the
    /// earliest date is the due date whichever reading gives it).
    pub default: String,
    /// The readings, each with its authority.
    pub readings: Vec<Answer>,
    /// When an authority has settled the question everywhere, the reading it
    /// settled on and why (the question stays in the catalog to document the
    /// decision).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided: Option<Decision>,
}

/// What a question is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum QuestionKind {
    /// Whether certain days are legal holidays or closures. The readings are
    /// `open` and `closed`.
    Day,
    /// How a rule's text is read.
    Rule,
}

/// One reading of a question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// Stable id within the question (`open`, `closed`, `after-expiry`).
    pub id: String,
    /// What the reading holds.
    pub says: String,
    /// Its authorities.
    #[serde(default)]
    pub cites: Vec<String>,
}

/// How a question was decided for every court.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// The reading adopted.
    pub reading: String,
    /// Why, with the authority.
    pub because: String,
}

impl Question {
    /// The reading with the given id.
    pub fn reading(&self, id: &str) -> Option<&Answer> {
        self.readings.iter().find(|r| r.id == id)
    }

    /// The citations of a reading (empty for an unknown one).
    pub fn cites_of(&self, reading: &str) -> Vec<Cow<'static, str>> {
        self.reading(reading)
            .map(|r| r.cites.iter().map(|c| Cow::Owned(c.clone())).collect())
            .unwrap_or_default()
    }

    /// [`Question::cites_of`] a question of the catalog, which lives as
    /// long as the program: the citations are borrowed, not copied.
    pub(crate) fn cites_kept(&'static self, reading: &str) -> Vec<Cow<'static, str>> {
        self.reading(reading)
            .map(|r| r.cites.iter().map(|c| Cow::Borrowed(c.as_str())).collect())
            .unwrap_or_default()
    }
}

/// A question settled for a court or a docket: by a court's announcement or
/// by the user's explicit choice, with the authority relied on.
///
/// # Example
/// ```
/// use docket::calendar::Settlement;
///
/// let s = Settlement {
///     question: "eo-closure".into(),
///     reading: "open".into(),
///     date: Some("2019-12-24".parse().unwrap()),
///     authority: "Order of Dec. 20, 2019 (Dkt. 40)".into(),
/// };
/// assert!(s.check().is_ok());
/// let wrong = Settlement { reading: "maybe".into(), ..s };
/// assert!(wrong.check().unwrap_err().to_string().contains("has no reading \"maybe\""));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settlement {
    /// The question's id.
    pub question: String,
    /// The reading chosen (`closed`, `open`, `after-expiry`, ...).
    pub reading: String,
    /// Only this day (for day questions); every day of the question when
    /// absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// Who settled it and on what authority ("Ninth Circuit notice of Dec.
    /// 4, 2018", "Order of Dec. 1, 2025, ECF No. 12").
    pub authority: String,
}

impl Settlement {
    /// Checks that the question and the reading exist.
    ///
    /// # Errors
    /// An unknown question or reading, or a date on a rule question, or an
    /// empty authority.
    pub fn check(&self) -> Result<()> {
        let q = question(&self.question)?;
        if q.reading(&self.reading).is_none() {
            let ids: Vec<&str> = q.readings.iter().map(|r| r.id.as_str()).collect();
            return Err(Error::invalid(format!(
                "question \"{}\" has no reading \"{}\" (expected {})",
                self.question,
                self.reading,
                ids.join(" or ")
            )));
        }
        if self.date.is_some() && q.about == QuestionKind::Rule {
            return Err(Error::invalid(format!(
                "question \"{}\" is about a rule, not a day: settle it without a date",
                self.question
            )));
        }
        if self.authority.trim().is_empty() {
            return Err(Error::invalid(format!(
                "settling question \"{}\" needs the authority relied on",
                self.question
            )));
        }
        Ok(())
    }

    /// True if this settles `question` on `date` (a day question) or
    /// everywhere.
    pub(crate) fn covers(&self, question: &str, date: Option<NaiveDate>) -> bool {
        self.question == question && (self.date.is_none() || self.date == date)
    }
}

/// A court's announcement that settles a question, shipped as data
/// (`data/announcements.toml`) with its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Announcement {
    /// The courts it binds (court ids).
    pub courts: Vec<String>,
    /// What it settles.
    #[serde(flatten)]
    pub settles: Settlement,
    /// Where it was published.
    pub source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Catalog {
    question: Vec<Question>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Announcements {
    announcement: Vec<Announcement>,
}

static CATALOG: OnceLock<std::result::Result<Vec<Question>, String>> = OnceLock::new();
static ANNOUNCEMENTS: OnceLock<std::result::Result<Vec<Announcement>, String>> = OnceLock::new();

/// Every question of the catalog.
///
/// # Errors
/// None with the shipped data (a test parses it); the signature does not hide
/// a broken catalog behind an empty list.
///
/// # Example
/// ```
/// let q = docket::calendar::question("eo-closure")?;
/// assert!(q.reading("open").is_some() && q.reading("closed").is_some());
/// assert!(docket::calendar::questions()?.len() >= 8);
/// # Ok::<(), docket::Error>(())
/// ```
pub fn questions() -> Result<&'static [Question]> {
    CATALOG
        .get_or_init(|| {
            let c: Catalog = toml::from_str(include_str!("../../data/questions.toml"))
                .map_err(|e| format!("data/questions.toml: {e}"))?;
            for q in &c.question {
                if q.reading(&q.default).is_none() {
                    return Err(format!(
                        "data/questions.toml: question \"{}\": default reading \"{}\" is not listed",
                        q.id, q.default
                    ));
                }
            }
            Ok(c.question)
        })
        .as_deref()
        .map_err(|e| Error::parse(e.clone()))
}

/// The question with the given id.
///
/// # Errors
/// An unknown id (the message lists the known ones).
pub fn question(id: &str) -> Result<&'static Question> {
    let all = questions()?;
    all.iter().find(|q| q.id == id).ok_or_else(|| {
        let ids: Vec<&str> = all.iter().map(|q| q.id.as_str()).collect();
        Error::invalid(format!(
            "unknown question \"{id}\" (known: {})",
            ids.join(", ")
        ))
    })
}

/// The court announcements shipped with the crate.
///
/// # Errors
/// None with the shipped data (a test parses it).
pub fn announcements() -> Result<&'static [Announcement]> {
    ANNOUNCEMENTS
        .get_or_init(|| {
            let a: Announcements = toml::from_str(include_str!("../../data/announcements.toml"))
                .map_err(|e| format!("data/announcements.toml: {e}"))?;
            Ok(a.announcement)
        })
        .as_deref()
        .map_err(|e| Error::parse(e.clone()))
}

/// The announcements that bind `court`.
pub(crate) fn announced_for(court: &str) -> Result<Vec<Settlement>> {
    Ok(announcements()?
        .iter()
        .filter(|a| a.courts.iter().any(|c| c == court))
        .map(|a| Settlement {
            authority: format!("{} ({})", a.settles.authority, a.source),
            ..a.settles.clone()
        })
        .collect())
}
