//! Deadlines the rules set: a date counted by a rule (`due = { rule =
//! "frcp-59-e", after = "judgment" }`), an event that brings a set of rules
//! (`rules = "post-judgment"`), and the rules a docket uses (the national
//! packs, its `[rules] packs`, facts and orders; `docs/rules.md`).

use std::borrow::Cow;
use std::sync::Arc;

use chrono::NaiveDate;

use super::relative::{Computed, RuleBasis, Source};
use super::{CheckedDocket, Schedule, ScheduleOptions};
use crate::compute::{Direction, Period};
use crate::docket::model::{Docket, Obligation, ObligationStatus, Relative, When};
use crate::error::{Error, ErrorKind, Result};
use crate::rules::{Pack, RuleChange, RuleRequest, RuleSet};

impl Docket {
    /// The rules the docket's deadlines use: the national packs, and before
    /// them the user packs its `[rules] packs` name, found relative to the
    /// folder of the docket file ([`Docket::base_dir`], which
    /// [`Docket::load`] sets).
    ///
    /// # Errors
    /// Packs named by a docket not read from a file (no `base_dir`: a
    /// docket sent to a server cannot make it read files); a pack that
    /// cannot be read or fails validation, naming the file.
    pub fn rule_set(&self) -> Result<Arc<RuleSet>> {
        let national = RuleSet::shared_national()?;
        let packs = self.rules.as_ref().map_or(&[][..], |r| r.packs.as_slice());
        if packs.is_empty() {
            return Ok(national);
        }
        let Some(dir) = &self.base_dir else {
            return Err(Error::invalid(
                "rules: packs: the docket was not read from a file, so it cannot name rule packs (load it with Docket::load, or set base_dir)",
            ));
        };
        let mut set = (*national).clone();
        for p in packs {
            set = set.with_pack(Pack::load(dir.join(p))?)?;
        }
        Ok(Arc::new(set))
    }

    /// The docket with each event's `rules` set added as obligations
    /// `<event>.<rule id>` counted from the event (variants are left to the
    /// facts: the general rule is added).
    pub(crate) fn with_rule_sets(&self, set: &RuleSet) -> Result<Cow<'_, Docket>> {
        if self.events.values().all(|e| e.rules.is_none()) {
            return Ok(Cow::Borrowed(self));
        }
        let mut d = self.clone();
        let mut problems = Vec::new();
        for (id, e) in &self.events {
            let Some(name) = &e.rules else { continue };
            let rules = set.set(name);
            if rules.is_empty() {
                let known: Vec<&str> = set.sets().into_iter().collect();
                problems.push(format!(
                    "event \"{id}\": rules: unknown set \"{name}\" (known: {})",
                    known.join(", ")
                ));
                continue;
            }
            for r in rules.into_iter().filter(|r| r.variant_of.is_none()) {
                let oid = format!("{id}.{}", r.id.to_ascii_lowercase());
                let mut rel = Relative {
                    rule: Some(r.id.clone()),
                    ..Relative::default()
                };
                match r.direction {
                    Direction::After => rel.after = Some(id.clone()),
                    Direction::Before => rel.before = Some(id.clone()),
                }
                let added = Obligation {
                    title: r.title.clone(),
                    parties: Vec::new(),
                    cite: None,
                    due: Some(When::Relative(rel)),
                    first_due: None,
                    repeat: None,
                    filed: Vec::new(),
                    status: ObligationStatus::Active,
                };
                if self.obligations.get(&oid) == Some(&added) {
                    // Expanded already (a checked docket's own docket).
                    continue;
                }
                if self.obligations.contains_key(&oid) || self.events.contains_key(&oid) {
                    problems.push(format!(
                        "event \"{id}\": rules = \"{name}\" adds obligation \"{oid}\", an id already used"
                    ));
                    continue;
                }
                d.obligations.insert(oid, added);
            }
        }
        if problems.is_empty() {
            Ok(Cow::Owned(d))
        } else {
            Err(Error::many(ErrorKind::Invalid, problems))
        }
    }
}

/// Every problem of the docket's rule references: unknown rules, facts
/// and conditions, a direction the rule does not count in, orders that do
/// not parse.
pub(crate) fn rule_problems(d: &Docket, set: &RuleSet) -> Vec<String> {
    let mut p = Vec::new();
    let known_fact = |f: &str| set.condition(f).is_some();
    let conditions = || set.conditions().into_iter().collect::<Vec<_>>().join(", ");
    if let Some(spec) = &d.rules {
        for f in &spec.facts {
            if !known_fact(f) {
                p.push(format!(
                    "rules: facts: unknown condition \"{f}\" (known: {})",
                    conditions()
                ));
            }
        }
        for (i, o) in spec.orders.iter().enumerate() {
            let ctx = format!("rules: order {}", i + 1);
            if let Err(e) = set.rule(&o.rule) {
                p.push(format!("{ctx}: rule: {e}"));
            }
            if let Err(e) = o.period.parse::<Period>() {
                p.push(format!("{ctx}: period: {e}"));
            }
            if o.by.trim().is_empty() {
                p.push(format!("{ctx}: by is empty (name the order)"));
            }
        }
    }
    // The item's context is written only for a problem.
    let mut check = |what: &str, id: &str, field: &str, w: &Option<When>| {
        let Some(When::Relative(r)) = w else { return };
        let ctx = format_args!("{what} \"{id}\"");
        let Some(id) = &r.rule else {
            if !r.facts.is_empty() {
                p.push(format!("{ctx}: {field}.facts go with `rule`"));
            }
            return;
        };
        let rule = match set.rule(id) {
            Ok(rule) => rule,
            Err(e) => {
                p.push(format!("{ctx}: {field}.rule: {e}"));
                return;
            }
        };
        if let Some((target, dir)) = r.reference() {
            if dir != rule.direction {
                let (want, got) = match rule.direction {
                    Direction::After => ("after", "before"),
                    Direction::Before => ("before", "after"),
                };
                p.push(format!(
                    "{ctx}: {field}.rule: {} counts {want} its trigger: write `{want} = \"{target}\"`, not `{got}`",
                    rule.cite
                ));
            }
        }
        if r.roll.is_some() {
            p.push(format!(
                "{ctx}: {field}.roll does not go with `rule` (the rule's own time-computation rule applies)"
            ));
        }
        for f in &r.facts {
            if !known_fact(f) {
                p.push(format!(
                    "{ctx}: {field}.facts: unknown condition \"{f}\" (known: {})",
                    conditions()
                ));
            }
        }
    };
    for (id, o) in &d.obligations {
        check("obligation", id, "due", &o.due);
        check("obligation", id, "first_due", &o.first_due);
    }
    for (id, e) in &d.events {
        check("event", id, "date", &e.date);
    }
    p
}

impl CheckedDocket {
    /// Applies the rules in force on `date` to every computed date — a
    /// rule's period and every time-computation rule — instead of those in
    /// force on each trigger date: the schedule replayed as of that date.
    pub fn rules_as_of(mut self, date: Option<NaiveDate>) -> CheckedDocket {
        self.settings_mut().rules_as_of = date;
        self
    }

    /// The rules the docket uses (see [`Docket::rule_set`]).
    pub fn rule_set(&self) -> &RuleSet {
        &self.0.rules
    }

    /// The first date set for event `target`, when it differs from `now`:
    /// the event's `first_set`, else its date before the changes log moved
    /// it.
    fn first_set_of(&self, target: &str, now: NaiveDate) -> Option<NaiveDate> {
        let e = self.0.docket.events.get(target)?;
        if let Some(f) = e.first_set {
            return Some(f);
        }
        let original = match (&e.date, &e.at) {
            (Some(When::Date(d)), _) => *d,
            (_, Some(at)) => at.date(),
            _ => return None,
        };
        (original != now).then_some(original)
    }

    /// The request for a rule-counted date from `date`.
    fn rule_request(&self, r: &Relative, target: &str, date: NaiveDate) -> Result<RuleRequest> {
        let id = r
            .rule
            .as_deref()
            .ok_or_else(|| Error::invalid("relative date without a rule"))?;
        let mut req = RuleRequest::new(id, date)
            .first_set(self.first_set_of(target, date))
            .service(r.service)
            .rules_as_of(self.0.rules_as_of);
        let spec = self.0.applied.docket.rules.as_ref();
        for f in spec
            .map_or(&[][..], |s| s.facts.as_slice())
            .iter()
            .chain(&r.facts)
        {
            req = req.fact(f.clone(), true);
        }
        let applied = self.0.rules.overrider(id).map_or(id, |u| u.id.as_str());
        if let Some(o) =
            spec.and_then(|s| s.orders.iter().find(|o| o.rule == id || o.rule == applied))
        {
            req = req.case_order(o.period.parse()?, o.by.clone());
        }
        Ok(req)
    }

    /// Computes a date counted by a rule from one value of its reference.
    pub(super) fn rule_relative(
        &self,
        r: &Relative,
        from: Source,
        explain: bool,
    ) -> Result<Computed> {
        let v = from.value;
        let (target, dir) = r
            .reference()
            .ok_or_else(|| Error::invalid("relative date without after/before"))?;
        let req = self.rule_request(r, target, v.date)?.explain(explain);
        let rd = self
            .0
            .rules
            .compute(&req, &self.0.calendar)
            .map_err(|e| e.context("due.rule"))?;
        let side = match dir {
            Direction::After => "after",
            Direction::Before => "before",
        };
        let mut lines = Vec::new();
        if explain {
            let what = self.title_of(target);
            lines.push(format!(
                "{}: {} {side} {what} (\"{target}\", on {}), {}, under {}",
                rd.cite(),
                rd.period(),
                v.date,
                rd.precedence(),
                rd.due().edition()
            ));
            lines.extend(rd.reasons().iter().cloned());
            if let Some(s) = &r.service {
                lines.push(format!("served by {}", s.as_str()));
            }
            lines.extend(rd.due().steps().iter().map(ToString::to_string));
        }
        let mut c = Computed::from_due(rd.due(), lines);
        if explain {
            c.explain
                .extend(c.readings.iter().map(super::output::Reading::line));
        }
        c.cancelled = v.cancelled;
        c.cancelled_source = v.cancelled.then(|| target.to_string());
        c.from_occurrence = from.recurs.then_some(v.n);
        c.rule = Some(Box::new(RuleBasis {
            id: rd.rule().to_string(),
            cite: rd.cite().to_string(),
            basis: format!("{}: {} {side} {target}", rd.cite(), rd.period()),
        }));
        Ok(c)
    }

    /// Every open deadline counted by a rule that a later edition of the
    /// rule, taking effect on or before the deadline, would change, with
    /// the date it would have under that edition ("as of Dec. 1, 2009 this
    /// period became 28 days (was 10 days)").
    /// Only deadlines counted from an event or a one-off obligation are
    /// looked at.
    ///
    /// # Errors
    /// As [`CheckedDocket::schedule`].
    pub fn rule_changes(&self, opts: &ScheduleOptions) -> Result<Vec<(String, RuleChange)>> {
        let s: Schedule = self.schedule(&opts.explain(false))?;
        let mut out = Vec::new();
        for dl in &s.deadlines {
            if dl.status != super::DeadlineStatus::Open || dl.rule.is_none() {
                continue;
            }
            let Some(o) = self
                .0
                .applied
                .docket
                .obligations
                .get(dl.obligation.as_str())
            else {
                continue;
            };
            let Some(When::Relative(r)) = &o.due else {
                continue;
            };
            let Some((target, _)) = r.reference() else {
                continue;
            };
            let date = if let Some(e) = s.events.iter().find(|e| e.id == target) {
                e.date
            } else if let Some(d) = s
                .deadlines
                .iter()
                .find(|d| d.obligation == target && d.occurrence == 1)
            {
                d.filed.unwrap_or(d.due)
            } else {
                continue;
            };
            let req = self.rule_request(r, target, date)?;
            // An edition that took effect after the deadline passed
            // changes nothing.
            for c in self.0.rules.later_editions(&req, &self.0.calendar)? {
                if c.from <= dl.due {
                    out.push((dl.id.to_string(), c));
                }
            }
        }
        Ok(out)
    }
}
