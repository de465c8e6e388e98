//! `docket schedule FILE --rule-changes`: the open deadlines of a docket
//! that a later edition of their rule would change.

use serde_json::Value;

use crate::docket::ScheduleOptions;
use crate::rules::RuleChange;
use crate::Result;

use super::{DocketText, ScheduleQuery, Style};

/// The open deadlines counted by a rule that a later edition of the rule
/// (taking effect on or before the deadline) would change.
#[derive(Debug, Clone)]
pub struct RuleChangesAnswer {
    changes: Vec<(String, RuleChange)>,
}

/// The rule changes of a docket's open deadlines (the schedule's options:
/// `rules_as_of` replays under another date's rules first).
///
/// ```
/// use docket::commands::{rule_changes, DocketText, ScheduleQuery, Style};
/// use docket::docket::Format;
///
/// let text = r#"
/// [case]
/// id = "acme"
/// court = "nysd"
/// [events.judgment]
/// title = "Judgment entered"
/// date = "2009-11-20"
/// [obligations.new-trial]
/// title = "Motion for a new trial"
/// due = { rule = "frcp-59-b", after = "judgment" }
/// "#;
/// let input = DocketText::new(None, Format::Toml, text);
/// let answer = rule_changes(&input, &ScheduleQuery::default(), Style::Flags)?;
/// assert_eq!(
///     answer.table(),
///     "acme/new-trial/1  due 2009-12-07: as of Dec. 1, 2009 this period became 28 days (was 10 days) (Fed. R. Civ. P. 59(b)); under it: 2009-12-18\n"
/// );
/// # Ok::<(), docket::Error>(())
/// ```
///
/// # Errors
/// As [`super::schedule`].
pub fn rule_changes(
    input: &DocketText,
    q: &ScheduleQuery,
    style: Style,
) -> Result<RuleChangesAnswer> {
    let docket = input.parse()?;
    let rules_as_of = style.opt_date("rules_as_of", q.rules_as_of.as_deref())?;
    let checked = docket
        .check()
        .map_err(|e| input.named(e))?
        .rules_as_of(rules_as_of);
    let changes = checked
        .rule_changes(&ScheduleOptions::new())
        .map_err(|e| input.named(e))?;
    Ok(RuleChangesAnswer { changes })
}

impl RuleChangesAnswer {
    /// Each change with the deadline id it bears on.
    pub fn changes(&self) -> &[(String, RuleChange)] {
        &self.changes
    }

    /// A JSON list: `{deadline, rule, cite, from, before, after,
    /// due_before, due_after, message}`.
    ///
    /// # Errors
    /// None in practice.
    pub fn json(&self) -> Result<String> {
        let list: Vec<Value> = self
            .changes
            .iter()
            .map(|(id, c)| {
                let mut v = serde_json::to_value(c).unwrap_or(Value::Null);
                if let Value::Object(m) = &mut v {
                    m.insert("deadline".into(), id.clone().into());
                }
                v
            })
            .collect();
        super::pretty(&list)
    }

    /// One line per change.
    pub fn table(&self) -> String {
        if self.changes.is_empty() {
            return "no open deadline is changed by a later edition of its rule\n".into();
        }
        let mut out = String::new();
        for (id, c) in &self.changes {
            out.push_str(&format!(
                "{id}  due {}: {} ({}); under it: {}\n",
                c.due_before.map_or("?".into(), |d| d.to_string()),
                c.message,
                c.cite,
                c.due_after.map_or("no period".into(), |d| d.to_string())
            ));
        }
        out
    }
}
