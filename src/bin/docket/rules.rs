//! `docket rules`: the rule packs (list and search, one rule in full, the
//! editions that took effect between two dates), and `docket due --rule`.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use docket::compute::Direction;
use docket::rules::{edition_changes, Pack, Rule, RuleSet};
use docket::Error;
use serde_json::{json, Value};

use crate::common::{invalid, opt_date};

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub(crate) struct RulesArgs {
    #[command(subcommand)]
    cmd: Option<RulesCmd>,
    /// Find rules by id ("frcp-59-e", "frcp-59"), citation ("12(a)",
    /// "Rule 59", "Fed. R. Bankr. P. 4004(a)", "FRAP 4(a)(1)(A)") or words
    /// ("proof of claim"); all rules without it.
    query: Option<String>,
    /// Only the rules of this set (post-judgment, appeal, pleadings, ...).
    #[arg(long)]
    set: Option<String>,
    /// Print a JSON list: `id`, `cite`, `title`, `period`, `direction`,
    /// `trigger`, `trigger_description`, `pack`, `family`, `sets`,
    /// `conditions`, `variant_of`, `overrides`, `see_also`, `editions`.
    #[arg(long)]
    json: bool,
    /// A user rule pack (local rules, a standing order); repeatable, the
    /// first given prevails.
    #[arg(long = "pack", value_name = "FILE")]
    packs: Vec<PathBuf>,
}

#[derive(Subcommand)]
enum RulesCmd {
    /// One rule in full: its words, editions, conditions and examples.
    Show {
        /// The rule's id.
        id: String,
        /// Print it as JSON.
        #[arg(long)]
        json: bool,
        /// A user rule pack (repeatable).
        #[arg(long = "pack", value_name = "FILE")]
        packs: Vec<PathBuf>,
    },
    /// The editions that changed a period, citation or trigger between two
    /// dates ("as of Dec. 1, 2009 this period became 14 days").
    Changes {
        /// First effective date (default: all).
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Last effective date (default: all).
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// Print a JSON list.
        #[arg(long)]
        json: bool,
        /// A user rule pack (repeatable).
        #[arg(long = "pack", value_name = "FILE")]
        packs: Vec<PathBuf>,
    },
}

/// The flags `docket due` takes to compute a rule's deadline.
#[derive(Args)]
pub(crate) struct RuleFlags {
    /// Compute this rule's deadline (a rule id; see `docket rules`): the
    /// period of the edition in force on --from, counted under the rules in
    /// force then. Replaces the period flags.
    #[arg(long, value_name = "ID", group = "period")]
    pub(crate) rule: Option<String>,
    /// With --rule: a party is the United States (or its agency or officer).
    #[arg(long)]
    pub(crate) us_party: bool,
    /// With --rule: a condition that holds (waiver, abroad, us_party, ...),
    /// or NAME=no for one that does not (repeatable).
    #[arg(long = "if", value_name = "CONDITION")]
    pub(crate) conditions: Vec<String>,
    /// With --rule: the first date set for the trigger event when it was
    /// later continued (rules counting from the first date set use it).
    #[arg(long, value_name = "DATE")]
    pub(crate) first_set: Option<String>,
    /// With --rule: a user rule pack (repeatable; the first given prevails).
    #[arg(long = "pack", value_name = "FILE")]
    pub(crate) packs: Vec<PathBuf>,
}

fn rule_set(packs: &[PathBuf]) -> Result<RuleSet, Error> {
    let mut set = RuleSet::national()?;
    for p in packs {
        set = set.with_pack(Pack::load(p)?)?;
    }
    Ok(set)
}

fn direction(d: Direction) -> &'static str {
    match d {
        Direction::After => "after",
        Direction::Before => "before",
    }
}

fn editions_json(rule: &Rule) -> Value {
    rule.editions
        .iter()
        .map(|e| {
            json!({
                "from": e.from.map(|d| d.to_string()),
                "period": e.period.map(|p| p.to_string()),
                "cite": e.cite.clone().unwrap_or_else(|| rule.cite.clone()),
                "verified": e.verified,
            })
        })
        .collect()
}

fn summary_json(set: &RuleSet, rule: &Rule) -> Value {
    json!({
        "id": rule.id,
        "cite": rule.cite,
        "title": rule.title,
        "period": rule.period_text(),
        "direction": direction(rule.direction),
        "trigger": rule.trigger,
        "trigger_description": set.trigger_in(&rule.pack, &rule.trigger).map(|t| t.description.clone()),
        "pack": rule.pack,
        "family": rule.family.as_str(),
        "sets": rule.sets,
        "conditions": rule.conditions,
        "variant_of": rule.variant_of,
        "overrides": rule.overrides,
        "see_also": rule.see_also,
        "editions": editions_json(rule),
    })
}

fn pretty(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_else(|_| "null".into());
    s.push('\n');
    s
}

pub(crate) fn rules(a: RulesArgs) -> Result<String, Error> {
    match a.cmd {
        Some(RulesCmd::Show { id, json, packs }) => show(&rule_set(&packs)?, &id, json),
        Some(RulesCmd::Changes {
            from,
            to,
            json,
            packs,
        }) => changes(&rule_set(&packs)?, &from, &to, json),
        None => list(&a),
    }
}

fn list(a: &RulesArgs) -> Result<String, Error> {
    let set = rule_set(&a.packs)?;
    let query = a.query.as_deref().unwrap_or("");
    let mut found = set.search(query);
    if let Some(name) = &a.set {
        if !set.sets().contains(name.as_str()) {
            let known: Vec<&str> = set.sets().into_iter().collect();
            return Err(invalid(format!(
                "--set {name}: no such set (known: {})",
                known.join(", ")
            )));
        }
        found.retain(|r| r.sets.iter().any(|s| s == name));
    }
    if found.is_empty() {
        return Err(invalid(format!(
            "no rule matches \"{query}\" (search by id, citation such as \"12(a)\" or \"FRBP 4004\", or words)"
        )));
    }
    if a.json {
        return Ok(pretty(&Value::Array(
            found.iter().map(|r| summary_json(&set, r)).collect(),
        )));
    }
    let w_id = found.iter().map(|r| r.id.len()).max().unwrap_or(2).max(2);
    let w_cite = found.iter().map(|r| r.cite.len()).max().unwrap_or(4).max(4);
    let w_per = found
        .iter()
        .map(|r| r.summary().len())
        .max()
        .unwrap_or(6)
        .max(6);
    let mut out = format!(
        "{:w_id$}  {:w_cite$}  {:w_per$}  {}\n",
        "id", "cite", "period", "what (from)"
    );
    for r in found {
        out.push_str(&format!(
            "{:w_id$}  {:w_cite$}  {:w_per$}  {} ({})\n",
            r.id,
            r.cite,
            r.summary(),
            r.title,
            r.trigger
        ));
    }
    Ok(out)
}

fn show(set: &RuleSet, id: &str, as_json: bool) -> Result<String, Error> {
    let r = set.rule(id)?;
    let trigger = set.trigger_in(&r.pack, &r.trigger);
    if as_json {
        let mut v = summary_json(set, r);
        if let Value::Object(m) = &mut v {
            m.insert("text".into(), r.text.clone().into());
            m.insert("notes".into(), r.notes.clone().into());
            m.insert("source".into(), r.source.clone().into());
            m.insert(
                "first_date_set".into(),
                trigger.is_some_and(|t| t.first_date_set).into(),
            );
            m.insert("served".into(), trigger.is_some_and(|t| t.served).into());
            m.insert(
                "editions".into(),
                serde_json::to_value(&r.editions).unwrap_or(Value::Null),
            );
            m.insert(
                "examples".into(),
                serde_json::to_value(&r.examples).unwrap_or(Value::Null),
            );
        }
        return Ok(pretty(&v));
    }
    let mut out = format!("{}  {}  (pack {})\n{}\n", r.id, r.cite, r.pack, r.title);
    out.push_str(&format!("  \"{}\"\n", r.text));
    out.push_str(&format!(
        "counts: {} {}{}\n",
        r.summary(),
        trigger.map_or(r.trigger.as_str(), |t| t.description.as_str()),
        if trigger.is_some_and(|t| t.first_date_set) {
            " (the first date set: a continuance does not move it)"
        } else {
            ""
        }
    ));
    if trigger.is_some_and(|t| t.served) {
        out.push_str(&format!(
            "service: counts from service on the party, so the service days of {} apply\n",
            match r.family {
                docket::calendar::RuleFamily::Bankruptcy => "Fed. R. Bankr. P. 9006(f)",
                docket::calendar::RuleFamily::Appellate => "Fed. R. App. P. 26(c)",
                _ => "Fed. R. Civ. P. 6(d)",
            }
        ));
    }
    if !r.conditions.is_empty() {
        let c: Vec<String> = r
            .conditions
            .iter()
            .map(|(k, v)| format!("{k} = {v}"))
            .collect();
        out.push_str(&format!("applies when: {}\n", c.join(", ")));
    }
    if let Some(v) = &r.variant_of {
        out.push_str(&format!("variant of: {v}\n"));
    }
    let variants = set.variants(&r.id);
    if !variants.is_empty() {
        let v: Vec<&str> = variants.iter().map(|x| x.id.as_str()).collect();
        out.push_str(&format!("variants: {}\n", v.join(", ")));
    }
    if let Some(o) = &r.overrides {
        out.push_str(&format!("overrides: {o}\n"));
    }
    if !r.sets.is_empty() {
        out.push_str(&format!("sets: {}\n", r.sets.join(", ")));
    }
    if !r.see_also.is_empty() {
        out.push_str(&format!("see also: {}\n", r.see_also.join("; ")));
    }
    out.push_str("editions:\n");
    for e in &r.editions {
        let p = e.period.map_or("no period".to_string(), |p| p.to_string());
        out.push_str(&format!("  - {}: {p}", e.span(r)));
        if let Some(c) = &e.cite {
            out.push_str(&format!(" ({c})"));
        }
        if e.calendar_days {
            out.push_str(" (calendar days)");
        }
        if let Some(t) = &e.replaced_by {
            out.push_str(&format!(" (replaced by {t})"));
        }
        if !e.verified {
            out.push_str(" [not checked at a primary source]");
        }
        out.push('\n');
        if let Some(n) = &e.note {
            out.push_str(&format!("      {n}\n"));
        }
        if let Some(s) = &e.source {
            out.push_str(&format!("      source: {s}\n"));
        }
    }
    if let Some(n) = &r.notes {
        out.push_str(&format!("notes: {n}\n"));
    }
    if let Some(s) = &r.source {
        out.push_str(&format!("source: {s}\n"));
    }
    if !r.examples.is_empty() {
        out.push_str("examples:\n");
        for x in &r.examples {
            let mut how = format!("{} from {}", x.court, x.trigger);
            if let Some(f) = x.first_set {
                how.push_str(&format!(" (first set {f})"));
            }
            if let Some(s) = x.service {
                how.push_str(&format!(", served {}", s.as_str()));
            }
            if !x.facts.is_empty() {
                how.push_str(&format!(", {}", x.facts.join(", ")));
            }
            out.push_str(&format!("  - {how} -> {}: {}\n", x.due, x.source));
        }
    }
    Ok(out)
}

fn changes(
    set: &RuleSet,
    from: &Option<String>,
    to: &Option<String>,
    as_json: bool,
) -> Result<String, Error> {
    let since = opt_date("--from", from)?.unwrap_or(NaiveDate::MIN);
    let until = opt_date("--to", to)?.unwrap_or(NaiveDate::MAX);
    if since > until {
        return Err(invalid(format!("--from {since} is after --to {until}")));
    }
    let list = edition_changes(set, since, until);
    if as_json {
        return Ok(pretty(&serde_json::to_value(&list).unwrap_or(Value::Null)));
    }
    let mut out = String::new();
    for c in &list {
        out.push_str(&format!(
            "{}  {}  {}: {}\n",
            c.from, c.rule, c.cite, c.message
        ));
    }
    if out.is_empty() {
        out.push_str("no rule changed in that period\n");
    }
    Ok(out)
}
