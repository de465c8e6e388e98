//! Rule changes: which editions took effect when, and what a later edition
//! would do to a deadline counted under an earlier one ("as of Dec. 1, 2009
//! this period became 14 days").

use chrono::NaiveDate;
use serde::Serialize;

use super::apply::RuleRequest;
use super::rule::{long_date, Rule};
use super::set::RuleSet;
use crate::calendar::Calendar;
use crate::compute::Period;
use crate::error::Result;

/// One edition of a rule that changed its period, citation or trigger, and
/// for a deadline, the date it would give.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleChange {
    /// The rule.
    pub rule: String,
    /// Its citation in the new edition.
    pub cite: String,
    /// When the new edition took effect.
    pub from: NaiveDate,
    /// The period before.
    pub before: Option<Period>,
    /// The period after (`None`: abrogated, or no period).
    pub after: Option<Period>,
    /// For a deadline: the due date under the edition it was counted under.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_before: Option<NaiveDate>,
    /// For a deadline: the due date the new edition (and the
    /// time-computation rule in force on its date) would give, when it sets
    /// a period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_after: Option<NaiveDate>,
    /// In words: "as of Dec. 1, 2009 this period became 14 days (was 10
    /// days)".
    pub message: String,
}

fn message(rule: &Rule, i: usize) -> Option<String> {
    let e = rule.editions.get(i)?;
    let prev = rule.editions.get(i.checked_sub(1)?)?;
    let from = long_date(e.from?);
    let mut parts = Vec::new();
    if e.period != prev.period {
        parts.push(match (prev.period, e.period) {
            (Some(a), Some(b)) => format!("this period became {b} (was {a})"),
            (Some(a), None) => match &e.replaced_by {
                Some(to) => format!("the rule was abrogated (its {a} now come from {to})"),
                None => format!("the rule no longer sets a period (was {a})"),
            },
            (None, Some(b)) => format!("the rule set a period of {b}"),
            (None, None) => String::new(),
        });
    }
    let cite = |x: &super::rule::RuleEdition| x.cite.clone().unwrap_or_else(|| rule.cite.clone());
    if cite(e) != cite(prev) {
        parts.push(format!("the rule became {} (was {})", cite(e), cite(prev)));
    }
    let trig =
        |x: &super::rule::RuleEdition| x.trigger.clone().unwrap_or_else(|| rule.trigger.clone());
    if trig(e) != trig(prev) {
        parts.push(format!("it counts from {} (was {})", trig(e), trig(prev)));
    }
    parts.retain(|p| !p.is_empty());
    if parts.is_empty() {
        return None;
    }
    Some(format!("as of {from} {}", parts.join("; ")))
}

/// The change edition `i` of `rule` made, taking effect on `from`.
fn change(
    rule: &Rule,
    i: usize,
    from: NaiveDate,
    message: String,
    due_before: Option<NaiveDate>,
    due_after: Option<NaiveDate>,
) -> RuleChange {
    let e = &rule.editions[i];
    RuleChange {
        rule: rule.id.clone(),
        cite: e.cite.clone().unwrap_or_else(|| rule.cite.clone()),
        from,
        before: rule.editions[i - 1].period,
        after: e.period,
        due_before,
        due_after,
        message,
    }
}

/// Every edition of every rule in `set` that took effect between `since`
/// and `until` (inclusive) and changed a period, a citation or a trigger,
/// in date order.
///
/// ```
/// use chrono::NaiveDate;
/// use docket::rules::{edition_changes, RuleSet};
///
/// let set = RuleSet::national()?;
/// let d = |s: &str| s.parse::<NaiveDate>().unwrap();
/// let changes = edition_changes(&set, d("2009-12-01"), d("2009-12-01"));
/// let c = changes.iter().find(|c| c.rule == "frbp-8002-a-1").unwrap();
/// assert_eq!(c.message, "as of Dec. 1, 2009 this period became 14 days (was 10 days)");
/// # Ok::<(), docket::Error>(())
/// ```
pub fn edition_changes(set: &RuleSet, since: NaiveDate, until: NaiveDate) -> Vec<RuleChange> {
    let mut out = Vec::new();
    for rule in set.rules() {
        for (i, e) in rule.editions.iter().enumerate().skip(1) {
            let Some(from) = e.from else { continue };
            if from < since || from > until {
                continue;
            }
            if let Some(message) = message(rule, i) {
                out.push(change(rule, i, from, message, None, None));
            }
        }
    }
    out.sort_by(|a, b| a.from.cmp(&b.from).then_with(|| a.rule.cmp(&b.rule)));
    out
}

impl RuleSet {
    /// For the deadline `req` describes: each later edition of the rule
    /// applied (taking effect after the date whose rules applied) that
    /// changed it, with the date the deadline would have under that
    /// edition's period and time-computation rule.
    ///
    /// # Errors
    /// As [`RuleSet::compute`] for `req`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use docket::calendar::Calendar;
    /// use docket::rules::{RuleRequest, RuleSet};
    ///
    /// let set = RuleSet::national()?;
    /// let cal = Calendar::for_court("nysb")?;
    /// // Judgment entered Nov. 20, 2009: 10 days to appeal (Fed. R. Bankr. P. 8002(a)).
    /// let req = RuleRequest::new("frbp-8002-a-1", NaiveDate::from_ymd_opt(2009, 11, 20).unwrap());
    /// let changes = set.later_editions(&req, &cal)?;
    /// assert_eq!(changes[0].due_before.unwrap().to_string(), "2009-11-30");
    /// assert_eq!(changes[0].due_after.unwrap().to_string(), "2009-12-04");
    /// # Ok::<(), docket::Error>(())
    /// ```
    pub fn later_editions(
        &self,
        req: &RuleRequest,
        calendar: &Calendar,
    ) -> Result<Vec<RuleChange>> {
        let now = self.compute(req, calendar)?;
        let rule = self.rule(now.rule())?;
        let mut out = Vec::new();
        for (i, e) in rule.editions.iter().enumerate().skip(1) {
            let Some(from) = e.from else { continue };
            if from <= now.as_of() {
                continue;
            }
            let Some(message) = message(rule, i) else {
                continue;
            };
            let due_after = match e.period {
                Some(_) => Some(
                    self.compute(
                        &req.clone().rules_as_of(Some(from)).explain(false),
                        calendar,
                    )?
                    .due()
                    .due(),
                ),
                None => None,
            };
            out.push(change(
                rule,
                i,
                from,
                message,
                Some(now.due().due()),
                due_after,
            ));
        }
        Ok(out)
    }
}
