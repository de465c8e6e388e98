//! Computing a rule's deadline: which rule prevails, which of its variants
//! the facts call for, which edition of its period is in force, what date
//! it counts from, and the count itself under that edition's
//! time-computation rule.

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use serde::Serialize;

use super::rule::{long_date, Rule, RuleEdition};
use super::set::RuleSet;
use super::trigger::TriggerDate;
use crate::calendar::Calendar;
use crate::compute::{Direction, Due, Edition, Period, Request, Service, Unit};
use crate::error::{Error, Result};

/// The facts a rule's conditions are checked against, and how the
/// triggering paper was served.
///
/// # Example
/// ```
/// use docket::rules::Facts;
/// use docket::Service;
///
/// let facts = Facts::new().with("us_party", true).service(Some(Service::Mail));
/// assert_eq!(facts.get("us_party"), Some(true));
/// assert_eq!(facts.get("pro_se"), None);
/// assert_eq!(facts.service_method(), Some(Service::Mail));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Facts {
    conditions: BTreeMap<String, bool>,
    service: Option<Service>,
}

impl Facts {
    /// No facts: every rule applies as requested.
    pub fn new() -> Facts {
        Facts::default()
    }

    /// Records that condition `name` holds (`true`) or does not.
    pub fn with(mut self, name: impl Into<String>, holds: bool) -> Facts {
        self.conditions.insert(name.into(), holds);
        self
    }

    /// Records how the triggering paper was served.
    pub fn service(mut self, service: Option<Service>) -> Facts {
        self.service = service;
        self
    }

    /// The condition `name`, when known.
    pub fn get(&self, name: &str) -> Option<bool> {
        self.conditions.get(name).copied()
    }

    /// The service method, when given.
    pub fn service_method(&self) -> Option<Service> {
        self.service
    }

    /// The conditions recorded.
    pub fn conditions(&self) -> &BTreeMap<String, bool> {
        &self.conditions
    }
}

/// A request to compute a rule's deadline.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use docket::calendar::Calendar;
/// use docket::rules::{RuleRequest, RuleSet};
///
/// // A motion to alter or amend a judgment entered Mar. 3, 2025: 28 days
/// // (Fed. R. Civ. P. 59(e)).
/// let set = RuleSet::national()?;
/// let req = RuleRequest::new("frcp-59-e", NaiveDate::from_ymd_opt(2025, 3, 3).unwrap()).explain(true);
/// let due = set.compute(&req, &Calendar::for_court("nysd")?)?;
/// assert_eq!(due.due().due().to_string(), "2025-03-31");
/// # Ok::<(), docket::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleRequest {
    rule: String,
    trigger: TriggerDate,
    facts: Facts,
    rules_as_of: Option<NaiveDate>,
    explain: bool,
    order: Option<(Period, String)>,
}

impl RuleRequest {
    /// The deadline of rule `rule` for a trigger on `trigger`.
    pub fn new(rule: impl Into<String>, trigger: NaiveDate) -> RuleRequest {
        RuleRequest {
            rule: rule.into(),
            trigger: TriggerDate::on(trigger),
            facts: Facts::new(),
            rules_as_of: None,
            explain: false,
            order: None,
        }
    }

    /// An order in the case that sets the rule's period: it prevails over
    /// every pack (precedence [`Precedence::CaseOrder`]); `by` names the
    /// order.
    pub fn case_order(mut self, period: Period, by: impl Into<String>) -> RuleRequest {
        self.order = Some((period, by.into()));
        self
    }

    /// The first date set for the trigger event, when it was continued
    /// (rules that count from the first date set use it).
    pub fn first_set(mut self, first: Option<NaiveDate>) -> RuleRequest {
        self.trigger = self.trigger.first_set(first);
        self
    }

    /// The facts (conditions and service).
    pub fn facts(mut self, facts: Facts) -> RuleRequest {
        self.facts = facts;
        self
    }

    /// Records one condition.
    pub fn fact(mut self, name: impl Into<String>, holds: bool) -> RuleRequest {
        self.facts = self.facts.with(name, holds);
        self
    }

    /// How the triggering paper was served.
    pub fn service(mut self, service: Option<Service>) -> RuleRequest {
        self.facts = self.facts.service(service);
        self
    }

    /// Applies the rules — the rule's period and the time-computation rule
    /// — in force on `date` instead of those in force on the trigger date
    /// (replaying a schedule as of a past date).
    pub fn rules_as_of(mut self, date: Option<NaiveDate>) -> RuleRequest {
        self.rules_as_of = date;
        self
    }

    /// Includes the step-by-step count in the explanation.
    pub fn explain(mut self, yes: bool) -> RuleRequest {
        self.explain = yes;
        self
    }

    /// The rule requested.
    pub fn rule(&self) -> &str {
        &self.rule
    }

    /// The trigger date.
    pub fn trigger(&self) -> TriggerDate {
        self.trigger
    }

    /// The date whose rules apply, when set.
    pub fn as_of(&self) -> Option<NaiveDate> {
        self.rules_as_of
    }
}

/// Whose rule set the deadline, in order of precedence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Precedence {
    /// An order in the case (a date or period set in the docket itself).
    CaseOrder,
    /// A user pack: a judge's standing order or a court's local rules.
    UserPack,
    /// The national rule (a built-in pack).
    National,
}

impl fmt::Display for Precedence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Precedence::CaseOrder => "an order in the case",
            Precedence::UserPack => "a local rule or standing order (user pack)",
            Precedence::National => "the national rule",
        })
    }
}

/// A rule's deadline: the due date (with every later reading), the rule
/// and edition applied, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleDue {
    rule: String,
    requested: String,
    cite: String,
    pack: String,
    precedence: Precedence,
    period: Period,
    direction: Direction,
    trigger: String,
    edition_from: Option<NaiveDate>,
    counted_from: NaiveDate,
    as_of: NaiveDate,
    due: Due,
    reasons: Vec<String>,
}

impl RuleDue {
    /// The computed deadline ([`Due::due`] is the last day to act).
    pub fn due(&self) -> &Due {
        &self.due
    }

    /// The id of the rule applied (a variant or an overriding user rule
    /// may stand in for the one requested).
    pub fn rule(&self) -> &str {
        &self.rule
    }

    /// The id requested.
    pub fn requested(&self) -> &str {
        &self.requested
    }

    /// The citation of the rule applied, in the edition applied.
    pub fn cite(&self) -> &str {
        &self.cite
    }

    /// The pack of the rule applied.
    pub fn pack(&self) -> &str {
        &self.pack
    }

    /// Whose rule prevailed.
    pub fn precedence(&self) -> Precedence {
        self.precedence
    }

    /// The period of the edition applied.
    pub fn period(&self) -> Period {
        self.period
    }

    /// After or before the trigger.
    pub fn direction(&self) -> Direction {
        self.direction
    }

    /// The trigger kind counted from (its id; [`RuleSet::trigger_in`] with
    /// [`RuleDue::pack`] describes it).
    pub fn trigger(&self) -> &str {
        &self.trigger
    }

    /// When the edition applied took effect (`None`: the pack's first
    /// edition, undated).
    pub fn edition_from(&self) -> Option<NaiveDate> {
        self.edition_from
    }

    /// The date counted from (the first date set, for rules that count
    /// from it).
    pub fn counted_from(&self) -> NaiveDate {
        self.counted_from
    }

    /// The date whose rules applied.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// Why: the rule and its words, which rule prevailed, the variant, the
    /// edition and its period, the date counted from. The count's own
    /// steps are in [`RuleDue::due`] (when an explanation was asked for).
    pub fn reasons(&self) -> &[String] {
        &self.reasons
    }

    /// The reasons followed by the count's steps, as lines.
    pub fn explanation(&self) -> Vec<String> {
        let mut out = self.reasons.clone();
        out.push(format!("counted under {}", self.due.edition()));
        out.extend(self.due.steps().iter().map(ToString::to_string));
        out
    }
}

fn direction_word(d: Direction) -> &'static str {
    match d {
        Direction::After => "after",
        Direction::Before => "before",
    }
}

/// A short history of a rule's period ("10 days before Dec. 1, 2009; 28
/// days since").
fn history(rule: &Rule) -> String {
    let mut parts = Vec::new();
    for e in &rule.editions {
        let p = e.period.map_or("no period".to_string(), |p| p.to_string());
        parts.push(format!("{p} {}", e.span(rule)));
    }
    parts.join("; ")
}

impl RuleSet {
    /// Computes the deadline of the rule `req` names on `calendar`.
    ///
    /// In order: a user rule that `overrides` the requested one prevails
    /// (precedence: user packs, then the national rule); among the rule
    /// and its variants, the one whose conditions the facts satisfy (most
    /// specific first; the requested rule's own conditions are taken as
    /// given unless a fact contradicts them); the edition in force on the
    /// date whose rules apply (the trigger date — the first date set, for
    /// rules that count from it — or [`RuleRequest::rules_as_of`]); then
    /// the count under that date's time-computation rule for the rule's
    /// family, with the service days of the method given when the trigger
    /// is the service of a paper.
    ///
    /// # Errors
    /// An unknown rule or condition; facts no variant satisfies; a trigger
    /// before the rule's first edition, or an edition without a period
    /// (the rule was abrogated or set no period then); service days asked
    /// for a rule that does not count from service; any error of the count
    /// ([`Request::compute`]).
    pub fn compute(&self, req: &RuleRequest, calendar: &Calendar) -> Result<RuleDue> {
        for name in req.facts.conditions.keys() {
            if self.condition(name).is_none() {
                let known: Vec<&str> = self.conditions().into_iter().collect();
                return Err(Error::invalid(format!(
                    "unknown condition \"{name}\" (known: {})",
                    known.join(", ")
                )));
            }
        }
        let requested = self.rule(&req.rule)?;
        let mut reasons = Vec::new();
        let (start, precedence) = match self.overrider(&requested.id) {
            Some(u) => {
                reasons.push(format!(
                    "{} (pack \"{}\", {}) prevails over {} ({})",
                    u.cite,
                    u.pack,
                    Precedence::UserPack,
                    requested.cite,
                    self.precedence_of(requested)
                ));
                (u, Precedence::UserPack)
            }
            None => (requested, self.precedence_of(requested)),
        };
        let kind_of = |rule: &Rule, at: NaiveDate| {
            let id = rule.trigger_at(at).to_string();
            self.trigger(&id).ok_or_else(|| {
                Error::invalid(format!(
                    "rule \"{}\": unknown trigger kind \"{id}\"",
                    rule.id
                ))
            })
        };
        // The date whose rules apply.
        let first_kind = kind_of(start, req.trigger.date)?;
        let as_of = req.rules_as_of.unwrap_or(if first_kind.first_date_set {
            req.trigger.first_set_or_date()
        } else {
            req.trigger.date
        });
        let chosen = self.variant_for(start, &req.facts, as_of, &mut reasons)?;
        let edition = in_force(chosen, as_of)?;
        let (period, precedence) = match (&req.order, edition.period) {
            (Some((p, _)), _) => (*p, Precedence::CaseOrder),
            (None, Some(p)) => (p, precedence),
            (None, None) => return Err(no_period(chosen, edition, as_of)),
        };
        let kind = kind_of(chosen, as_of)?;
        let (from, first_note) = req.trigger.for_kind(kind);
        if let Some(method) = req.facts.service {
            if !kind.served {
                return Err(Error::invalid(format!(
                    "{} counts from {}, not from service of a paper on the party: service days ({}) do not apply",
                    chosen.cite_at(as_of),
                    kind.description,
                    method.as_str()
                )));
            }
        }
        let cite = chosen.cite_at(as_of).to_string();
        let text = edition.text.as_deref().unwrap_or(&chosen.text);
        reasons.insert(0, format!("{cite}: \"{text}\""));
        let rule_period = edition
            .period
            .map_or("no period".to_string(), |x| x.to_string());
        let mut line = format!(
            "period in force on {}: {rule_period} {} {} ({}",
            long_date(as_of),
            direction_word(chosen.direction),
            kind.description,
            edition.span(chosen)
        );
        if chosen.period_changed() {
            line.push_str(&format!("; history: {}", history(chosen)));
        }
        line.push(')');
        if req.rules_as_of.is_some() {
            line.push_str(", the rules in force on the date asked for");
        }
        reasons.push(line);
        if let Some((p, by)) = &req.order {
            reasons.push(format!(
                "{by} ({}) sets {p}: it prevails over {cite} ({rule_period}, {})",
                Precedence::CaseOrder,
                match precedence {
                    Precedence::CaseOrder => self.precedence_of(chosen),
                    p => p,
                }
            ));
        }
        if let Some(note) = &edition.note {
            reasons.push(format!("note on this edition: {note}"));
        }
        if !edition.verified {
            reasons.push(
                "this edition's words were not checked at a primary source (see its note)".into(),
            );
        }
        if let Some(n) = first_note {
            reasons.push(n);
        }
        let mut counted = period;
        if edition.calendar_days && req.order.is_none() {
            let short = Edition::in_force(chosen.family, req.rules_as_of.unwrap_or(from))
                .short_period_limit()
                .is_some_and(|l| period.amount < l);
            if short && period.unit == Unit::Days {
                counted = Period::weeks(period.amount / 7);
                reasons.push(format!(
                    "the rule says {period} in calendar days: intermediate Saturdays, Sundays and legal holidays count, counted as {counted}"
                ));
            }
        }
        let due = Request::new(from, counted, chosen.direction)
            .service(req.facts.service)
            .rules_as_of(req.rules_as_of)
            .explain(req.explain)
            .compute(calendar, chosen.family)?;
        Ok(RuleDue {
            rule: chosen.id.clone(),
            requested: requested.id.clone(),
            cite,
            pack: chosen.pack.clone(),
            precedence,
            period,
            direction: chosen.direction,
            trigger: kind.id.clone(),
            edition_from: edition.from,
            counted_from: from,
            as_of,
            due,
            reasons,
        })
    }

    fn precedence_of(&self, rule: &Rule) -> Precedence {
        let national = self
            .packs()
            .iter()
            .find(|p| p.id == rule.pack)
            .is_none_or(|p| p.national);
        if national {
            Precedence::National
        } else {
            Precedence::UserPack
        }
    }

    /// Among `start` and its siblings (the general rule and its variants),
    /// the one the facts call for.
    fn variant_for<'a>(
        &'a self,
        start: &'a Rule,
        facts: &Facts,
        as_of: NaiveDate,
        reasons: &mut Vec<String>,
    ) -> Result<&'a Rule> {
        let base = match &start.variant_of {
            Some(b) => self.rule(b)?,
            None => start,
        };
        let mut family = vec![base];
        family.extend(self.variants(&base.id));
        // (explicitly matched conditions, is the requested rule, rule)
        let mut best: Option<(usize, bool, &Rule)> = None;
        let mut not_in_force = Vec::new();
        for r in family {
            let is_start = std::ptr::eq(r, start);
            let mut matched = 0;
            let mut ok = true;
            for (c, want) in &r.conditions {
                match facts.get(c) {
                    Some(v) if v == *want => matched += 1,
                    Some(_) => ok = false,
                    None if is_start => {}
                    None => ok = false,
                }
            }
            if !ok {
                continue;
            }
            if r.edition_at(as_of).is_none() {
                not_in_force.push(r);
                continue;
            }
            let key = (matched, is_start);
            if best.is_none_or(|(m, s, _)| key > (m, s)) {
                best = Some((matched, is_start, r));
            }
        }
        let Some((_, _, chosen)) = best else {
            if let Some(r) = not_in_force.first() {
                return Err(in_force(r, as_of).err().unwrap_or_else(|| {
                    Error::invalid(format!("rule \"{}\" is not in force", r.id))
                }));
            }
            let wants: Vec<String> = start
                .conditions
                .iter()
                .map(|(c, v)| format!("{c} = {v}"))
                .collect();
            return Err(Error::invalid(format!(
                "{} applies when {}; the facts given say otherwise, and no variant of {} fits them",
                start.cite,
                wants.join(" and "),
                base.cite
            )));
        };
        for r in &not_in_force {
            if !r.conditions.is_empty() && r.conditions.keys().all(|c| facts.get(c).is_some()) {
                let from = r.editions.first().and_then(|e| e.from);
                reasons.push(format!(
                    "{} ({}) was not yet in force on {}{}; {} applies",
                    r.cite,
                    r.title,
                    long_date(as_of),
                    from.map(|f| format!(" (it took effect {})", long_date(f)))
                        .unwrap_or_default(),
                    chosen.cite
                ));
            }
        }
        if !std::ptr::eq(chosen, start) {
            let why: Vec<String> = chosen
                .conditions
                .iter()
                .map(|(c, v)| {
                    let d = self.condition(c).unwrap_or(c);
                    if *v {
                        d.to_string()
                    } else {
                        format!("not: {d}")
                    }
                })
                .collect();
            let why = if why.is_empty() {
                "without the conditions of the rule requested".to_string()
            } else {
                format!("with {}", why.join("; "))
            };
            reasons.push(format!(
                "{why}: {} ({}) applies instead of {}",
                chosen.cite, chosen.id, start.cite
            ));
        }
        Ok(chosen)
    }
}

/// The edition of `rule` in force on `date`, or why there is none.
fn in_force(rule: &Rule, date: NaiveDate) -> Result<&RuleEdition> {
    rule.edition_at(date).ok_or_else(|| {
        let first = rule.editions.first().and_then(|e| e.from);
        Error::invalid(format!(
            "{} ({}): the pack records no edition in force on {date}{}",
            rule.cite,
            rule.id,
            first
                .map(|f| format!(" (its first edition dates from {f})"))
                .unwrap_or_default()
        ))
    })
}

fn no_period(rule: &Rule, edition: &RuleEdition, as_of: NaiveDate) -> Error {
    let mut msg = format!(
        "{} ({}) sets no period in the edition in force on {as_of}",
        rule.cite_at(as_of),
        rule.id
    );
    if let Some(to) = &edition.replaced_by {
        msg.push_str(&format!(
            "{}: see {to}",
            edition
                .from
                .map(|f| format!(" (abrogated as of {})", long_date(f)))
                .unwrap_or_default()
        ));
    }
    if let Some(n) = &edition.note {
        msg.push_str(&format!(" ({n})"));
    }
    Error::invalid(msg)
}
