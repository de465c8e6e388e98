//! A rule and the editions of its period.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::calendar::RuleFamily;
use crate::compute::{Direction, Period, Service};

/// One deadline a rule of procedure sets, with the history of its period.
///
/// Built by [`crate::rules::Pack`] from a pack file and validated there:
/// every field below is known to be well formed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rule {
    /// Stable, readable id (`frcp-12-a-1-A-i`).
    pub id: String,
    /// The citation as the rule stands today (`Fed. R. Civ. P.
    /// 12(a)(1)(A)(i)`); an edition may name an older one.
    pub cite: String,
    /// What must be done ("Answer to the complaint").
    pub title: String,
    /// A short quote of the rule's words.
    pub text: String,
    /// The trigger kind it counts from (declared in the pack).
    pub trigger: String,
    /// After the trigger, or before it (a hearing, a trial).
    pub direction: Direction,
    /// The facts under which it applies (`us_party = true`). Empty for a
    /// rule that applies generally.
    pub conditions: BTreeMap<String, bool>,
    /// The general rule this one varies under its conditions (FRAP
    /// 4(a)(1)(B) varies 4(a)(1)(A) when the United States is a party).
    pub variant_of: Option<String>,
    /// The rule of another pack this one displaces (a local rule or a
    /// standing order over the national rule).
    pub overrides: Option<String>,
    /// The sets it belongs to (`post-judgment`, `appeal`, ...), applied
    /// together by an event.
    pub sets: Vec<String>,
    /// Other citations that lead to it (an older numbering, the provision
    /// it works with).
    pub see_also: Vec<String>,
    /// Notes: how the rule is read, what the pack does not model.
    pub notes: Option<String>,
    /// Where its words were checked.
    pub source: Option<String>,
    /// The time-computation rule that counts its periods (the pack's
    /// family unless the rule says otherwise).
    pub family: RuleFamily,
    /// The editions of its period, oldest first.
    pub editions: Vec<RuleEdition>,
    /// Worked examples, each with its source; the tests compute them.
    pub examples: Vec<Example>,
    /// The pack it comes from.
    pub pack: String,
}

/// The period of a rule as one amendment set it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleEdition {
    /// The day it took effect. On the first edition, the earliest day the
    /// pack vouches for (an amendment, or the oldest text checked); a
    /// trigger before it is refused. `None` only on a first edition that
    /// applies to every date.
    pub from: Option<NaiveDate>,
    /// The period; `None` when the rule set no period in this edition
    /// (see `note`).
    pub period: Option<Period>,
    /// The citation in this edition, when it differed from the rule's.
    pub cite: Option<String>,
    /// The words of this edition, when they differed.
    pub text: Option<String>,
    /// The trigger kind in this edition, when it differed.
    pub trigger: Option<String>,
    /// The period was stated in "calendar days" (FRAP 41(b) from 2002 to
    /// 2009), so the old short-period rule does not skip weekends.
    pub calendar_days: bool,
    /// The rule that took over when this edition abrogated it.
    pub replaced_by: Option<String>,
    /// Where this edition was checked.
    pub source: Option<String>,
    /// A note on this edition.
    pub note: Option<String>,
    /// False when the edition's words were not checked at a primary source
    /// (the note says what it rests on).
    pub verified: bool,
}

/// A worked example of a rule, with its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Example {
    /// The court whose calendar counts (a court id or `federal`).
    pub court: String,
    /// The trigger date.
    pub trigger: NaiveDate,
    /// The first date set for the trigger event, when it was continued.
    pub first_set: Option<NaiveDate>,
    /// How the triggering paper was served.
    pub service: Option<Service>,
    /// Conditions that hold (`us_party`).
    pub facts: Vec<String>,
    /// The date whose rules apply, when not the trigger date.
    pub rules_as_of: Option<NaiveDate>,
    /// The last day to act.
    pub due: NaiveDate,
    /// Where the example comes from.
    pub source: String,
    /// How the date is reached.
    pub note: Option<String>,
}

impl Rule {
    /// The edition in force on `date`: the last one that took effect on or
    /// before it. `None` before the first edition.
    pub fn edition_at(&self, date: NaiveDate) -> Option<&RuleEdition> {
        self.editions
            .iter()
            .rev()
            .find(|e| e.from.is_none_or(|f| f <= date))
    }

    /// The latest edition (today's rule).
    pub fn current(&self) -> Option<&RuleEdition> {
        self.editions.last()
    }

    /// The citation under the edition in force on `date`.
    pub fn cite_at(&self, date: NaiveDate) -> &str {
        self.edition_at(date)
            .and_then(|e| e.cite.as_deref())
            .unwrap_or(&self.cite)
    }

    /// The trigger kind under the edition in force on `date`.
    pub fn trigger_at(&self, date: NaiveDate) -> &str {
        self.edition_at(date)
            .and_then(|e| e.trigger.as_deref())
            .unwrap_or(&self.trigger)
    }

    /// Every citation that leads to the rule: its own, each edition's and
    /// `see_also`.
    pub fn all_cites(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.cite.as_str())
            .chain(self.editions.iter().filter_map(|e| e.cite.as_deref()))
            .chain(self.see_also.iter().map(String::as_str))
    }

    /// The period in force today, for listings ("28 days"; "none" when the
    /// last edition sets none).
    pub fn period_text(&self) -> String {
        match self.current().and_then(|e| e.period) {
            Some(p) => p.to_string(),
            None => "none".into(),
        }
    }

    /// "28 days after" / "14 days before", for listings.
    pub fn summary(&self) -> String {
        let dir = match self.direction {
            Direction::After => "after",
            Direction::Before => "before",
        };
        format!("{} {dir}", self.period_text())
    }

    /// True when the period changed at least once.
    pub fn period_changed(&self) -> bool {
        self.editions.windows(2).any(|w| w[0].period != w[1].period)
    }
}

impl RuleEdition {
    /// "since Dec. 1, 2009" / "before Dec. 1, 2009" style span of the
    /// edition within `rule`, for explanations.
    pub fn span(&self, rule: &Rule) -> String {
        let i = rule
            .editions
            .iter()
            .position(|e| std::ptr::eq(e, self))
            .unwrap_or(0);
        let next = rule.editions.get(i + 1).and_then(|e| e.from);
        match (self.from, next) {
            (Some(f), Some(n)) => format!("from {} until {}", long_date(f), long_date(n)),
            (Some(f), None) => format!("since {}", long_date(f)),
            (None, Some(n)) => format!("before {}", long_date(n)),
            (None, None) => "in every edition the pack records".into(),
        }
    }
}

/// "Dec. 1, 2009".
pub(crate) fn long_date(d: NaiveDate) -> String {
    const MONTHS: [&str; 12] = [
        "Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
        "Dec.",
    ];
    use chrono::Datelike;
    let m = MONTHS[d.month0() as usize];
    format!("{m} {}, {}", d.day(), d.year())
}
