//! Pack files: reading and validating a rule pack (TOML).
//!
//! The format is documented in `docs/rules.md`. Every problem names the
//! file, the rule id and the field (`local.toml: rule "sdny-56-1":
//! edition 2: period: "3 weeks later" is not a period`), and all problems
//! are reported at once.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

use super::rule::{Example, Rule, RuleEdition};
use super::trigger::Trigger;
use crate::calendar::RuleFamily;
use crate::compute::{Direction, Period, Service, Unit};
use crate::error::{Error, ErrorKind, Result};

/// The largest pack file read (1 MiB; the national packs are a tenth of it).
pub const MAX_PACK_BYTES: u64 = 1024 * 1024;

/// The most rules one pack may hold.
const MAX_RULES: usize = 5_000;

/// One pack: a set of rules from one source (the national Civil Rules, a
/// district's local rules, a judge's standing order).
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use docket::calendar::Calendar;
/// use docket::rules::{Pack, RuleRequest, RuleSet};
///
/// // A local rule that sets its own time to oppose a motion.
/// let local = Pack::from_toml(r#"
///     [pack]
///     id = "example-local"
///     title = "Local Rules of the Example District"
///     family = "civil"
///     [triggers.service-of-motion]
///     description = "service of the motion"
///     served = true
///     [[rule]]
///     id = "local-7-1-b"
///     cite = "Local Civ. R. 7.1(b)"
///     title = "Opposition to a motion"
///     text = "within 10 days after service of the motion"
///     trigger = "service-of-motion"
///     [[rule.edition]]
///     period = "10 days"
/// "#, "local.toml", false)?;
/// assert_eq!(local.id, "example-local");
/// let set = RuleSet::national()?.with_pack(local)?;
/// let req = RuleRequest::new("local-7-1-b", NaiveDate::from_ymd_opt(2025, 3, 3).unwrap());
/// let due = set.compute(&req, &Calendar::for_court("nysd")?)?;
/// assert_eq!(due.due().due().to_string(), "2025-03-13");
/// # Ok::<(), docket::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pack {
    /// The pack's id (`frcp`, `sdny-local`).
    pub id: String,
    /// Its name.
    pub title: String,
    /// The time-computation rule that counts its periods.
    pub family: RuleFamily,
    /// Where its rules come from.
    pub source: Option<String>,
    /// Built into the crate (the national rules), or loaded by a user.
    pub national: bool,
    /// The file it was read from (or `built-in frcp.toml`).
    pub origin: String,
    /// The trigger kinds it declares.
    pub triggers: BTreeMap<String, Trigger>,
    /// The conditions it declares, with their descriptions.
    pub conditions: BTreeMap<String, String>,
    /// Its rules, in file order.
    pub rules: Vec<Rule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    pack: RawPack,
    #[serde(default)]
    triggers: BTreeMap<String, RawTrigger>,
    #[serde(default)]
    conditions: BTreeMap<String, RawCondition>,
    #[serde(default)]
    rule: Vec<RawRule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    id: String,
    title: String,
    family: String,
    source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTrigger {
    description: String,
    #[serde(default)]
    served: bool,
    #[serde(default)]
    first_date_set: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCondition {
    description: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: String,
    cite: String,
    title: String,
    text: String,
    trigger: String,
    direction: Option<String>,
    #[serde(default)]
    conditions: BTreeMap<String, bool>,
    variant_of: Option<String>,
    overrides: Option<String>,
    #[serde(default)]
    sets: Vec<String>,
    #[serde(default)]
    see_also: Vec<String>,
    notes: Option<String>,
    source: Option<String>,
    family: Option<String>,
    #[serde(default)]
    edition: Vec<RawEdition>,
    #[serde(default)]
    example: Vec<RawExample>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEdition {
    from: Option<toml::value::Datetime>,
    period: Option<String>,
    cite: Option<String>,
    text: Option<String>,
    trigger: Option<String>,
    #[serde(default)]
    calendar_days: bool,
    replaced_by: Option<String>,
    source: Option<String>,
    note: Option<String>,
    verified: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExample {
    court: String,
    trigger: toml::value::Datetime,
    first_set: Option<toml::value::Datetime>,
    service: Option<String>,
    #[serde(default)]
    facts: Vec<String>,
    rules_as_of: Option<toml::value::Datetime>,
    due: toml::value::Datetime,
    source: String,
    note: Option<String>,
}

impl Pack {
    /// Reads and validates a pack file.
    ///
    /// # Errors
    /// The file cannot be read, is larger than [`MAX_PACK_BYTES`], is not
    /// TOML of the pack format, or fails validation; every problem names
    /// the file, the rule and the field.
    pub fn load(path: impl AsRef<Path>) -> Result<Pack> {
        let path = path.as_ref();
        let text = read_bounded(path)?;
        Pack::from_toml(&text, &path.display().to_string(), false)
    }

    /// Parses and validates a pack from its TOML text. `origin` names it
    /// in errors (a file name); `national` marks the built-in packs, which
    /// must give a source for every rule and edition.
    ///
    /// # Errors
    /// As [`Pack::load`].
    ///
    /// # Example
    /// ```
    /// use docket::rules::Pack;
    ///
    /// let text = r#"
    /// [pack]
    /// id = "local"
    /// title = "Local rules"
    /// family = "civil"
    ///
    /// [triggers.service-of-motion]
    /// description = "service of the motion"
    /// served = true
    ///
    /// [[rule]]
    /// id = "local-7-1-b"
    /// cite = "Local Civ. R. 7.1(b)"
    /// title = "Opposition to a motion"
    /// text = "within 14 days after service of the motion"
    /// trigger = "service-of-motion"
    ///
    /// [[rule.edition]]
    /// period = "two weeks"
    /// "#;
    /// let err = Pack::from_toml(text, "local.toml", false).unwrap_err();
    /// assert!(err.to_string().contains("local.toml: rule \"local-7-1-b\": edition 1: period"));
    /// ```
    pub fn from_toml(text: &str, origin: &str, national: bool) -> Result<Pack> {
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            let msg = e.message().to_string();
            let at = e
                .span()
                .map(|s| {
                    let line = text.get(..s.start).unwrap_or(text).matches('\n').count() + 1;
                    format!(" (line {line})")
                })
                .unwrap_or_default();
            Error::parse(format!("{origin}: {msg}{at}"))
        })?;
        let mut problems = Vec::new();
        let pack = build(raw, origin, national, &mut problems);
        if problems.is_empty() {
            Ok(pack)
        } else {
            Err(Error::many(ErrorKind::Invalid, problems))
        }
    }

    /// The rule with `id` in this pack.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }
}

fn read_bounded(path: &Path) -> Result<String> {
    let ctx = path.display();
    let meta =
        std::fs::metadata(path).map_err(|e| Error::io(format!("{ctx}: cannot read: {e}")))?;
    if !meta.is_file() {
        return Err(Error::io(format!("{ctx}: not a regular file")));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_PACK_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| Error::io(format!("{ctx}: cannot read: {e}")))?;
    if bytes.len() as u64 > MAX_PACK_BYTES {
        return Err(Error::range(format!(
            "{ctx}: a rule pack is at most {} KiB",
            MAX_PACK_BYTES / 1024
        )));
    }
    String::from_utf8(bytes).map_err(|e| Error::parse(format!("{ctx}: not UTF-8 text: {e}")))
}

/// Ids of packs, rules, triggers, conditions and sets: letters (either
/// case, so a rule id can keep the rule's own `A`/`i`), digits, `-`, `_`
/// and `.`, starting with a letter or digit, at most 128 characters.
pub(crate) fn is_id(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && s.len() <= 128
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn date_of(v: &toml::value::Datetime) -> Option<NaiveDate> {
    match (v.date, v.time, v.offset) {
        (Some(d), None, None) => {
            NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
        }
        _ => None,
    }
}

/// Problems found so far, each prefixed with where it is.
struct Problems {
    prefix: String,
    list: Vec<String>,
}

impl Problems {
    fn new(prefix: String) -> Problems {
        Problems {
            prefix,
            list: Vec::new(),
        }
    }

    fn add(&mut self, m: impl std::fmt::Display) {
        self.list.push(format!("{}: {m}", self.prefix));
    }
}

fn build(raw: RawFile, origin: &str, national: bool, problems: &mut Vec<String>) -> Pack {
    let mut p = Problems::new(origin.to_string());
    if !is_id(&raw.pack.id) {
        p.add(format!(
            "pack.id: \"{}\" is not an id (letters, digits, '-', '_', '.')",
            raw.pack.id
        ));
    }
    if raw.pack.title.trim().is_empty() {
        p.add("pack.title is empty");
    }
    let family = match raw.pack.family.parse::<RuleFamily>() {
        Ok(f) => f,
        Err(e) => {
            p.add(format!("pack.family: {e}"));
            RuleFamily::Plain
        }
    };
    if national && raw.pack.source.is_none() {
        p.add("pack.source is missing (a built-in pack cites its source)");
    }
    let mut triggers = BTreeMap::new();
    for (id, t) in raw.triggers {
        if !is_id(&id) {
            p.add(format!("triggers.{id}: not an id"));
        }
        if t.description.trim().is_empty() {
            p.add(format!("triggers.{id}.description is empty"));
        }
        triggers.insert(
            id.clone(),
            Trigger {
                id,
                description: t.description,
                served: t.served,
                first_date_set: t.first_date_set,
            },
        );
    }
    let mut conditions = BTreeMap::new();
    for (id, c) in raw.conditions {
        if !is_id(&id) {
            p.add(format!("conditions.{id}: not an id"));
        }
        if c.description.trim().is_empty() {
            p.add(format!("conditions.{id}.description is empty"));
        }
        conditions.insert(id, c.description);
    }
    if raw.rule.len() > MAX_RULES {
        p.add(format!(
            "{} rules: a pack holds at most {MAX_RULES}",
            raw.rule.len()
        ));
    }
    let mut seen = BTreeSet::new();
    let mut rules = Vec::new();
    for r in raw.rule.into_iter().take(MAX_RULES) {
        if !seen.insert(r.id.clone()) {
            p.add(format!("rule \"{}\": id is used twice", r.id));
        }
        let ctx = RuleCtx {
            origin,
            national,
            family,
            triggers: &triggers,
            conditions: &conditions,
        };
        rules.push(rule_of(r, &raw.pack.id, &ctx, &mut p.list));
    }
    // Variants name a rule of the same pack.
    for r in &rules {
        if let Some(base) = &r.variant_of {
            match rules.iter().find(|b| &b.id == base) {
                None => p.add(format!(
                    "rule \"{}\": variant_of names unknown rule \"{base}\"",
                    r.id
                )),
                Some(b) if b.variant_of.is_some() => p.add(format!(
                    "rule \"{}\": variant_of names \"{base}\", itself a variant (name the general rule)",
                    r.id
                )),
                Some(_) if r.conditions.is_empty() => p.add(format!(
                    "rule \"{}\": a variant needs conditions (when does it apply instead of \"{base}\"?)",
                    r.id
                )),
                Some(_) => {}
            }
        }
        for e in &r.editions {
            if let Some(to) = &e.replaced_by {
                if !rules.iter().any(|x| &x.id == to) {
                    p.add(format!(
                        "rule \"{}\": replaced_by names unknown rule \"{to}\"",
                        r.id
                    ));
                }
            }
        }
    }
    problems.extend(p.list);
    Pack {
        id: raw.pack.id,
        title: raw.pack.title,
        family,
        source: raw.pack.source,
        national,
        origin: origin.to_string(),
        triggers,
        conditions,
        rules,
    }
}

struct RuleCtx<'a> {
    origin: &'a str,
    national: bool,
    family: RuleFamily,
    triggers: &'a BTreeMap<String, Trigger>,
    conditions: &'a BTreeMap<String, String>,
}

fn rule_of(r: RawRule, pack: &str, ctx: &RuleCtx<'_>, problems: &mut Vec<String>) -> Rule {
    let mut p = Problems::new(format!("{}: rule \"{}\"", ctx.origin, r.id));
    if !is_id(&r.id) {
        p.add("id: not an id (letters, digits, '-', '_', '.')");
    }
    for (field, v) in [("cite", &r.cite), ("title", &r.title), ("text", &r.text)] {
        if v.trim().is_empty() {
            p.add(format!("{field} is empty"));
        }
    }
    let known_trigger = |t: &str| ctx.triggers.contains_key(t);
    if !known_trigger(&r.trigger) {
        p.add(format!(
            "trigger: unknown trigger kind \"{}\" (declare it under [triggers.{}])",
            r.trigger, r.trigger
        ));
    }
    let direction = match r.direction.as_deref() {
        None | Some("after") => Direction::After,
        Some("before") => Direction::Before,
        Some(other) => {
            p.add(format!(
                "direction: \"{other}\" is neither \"after\" nor \"before\""
            ));
            Direction::After
        }
    };
    for c in r.conditions.keys() {
        if !ctx.conditions.contains_key(c) {
            p.add(format!(
                "conditions: unknown condition \"{c}\" (declare it under [conditions.{c}])"
            ));
        }
    }
    for s in &r.sets {
        if !is_id(s) {
            p.add(format!("sets: \"{s}\" is not an id"));
        }
    }
    if r.variant_of.is_some() && r.overrides.is_some() {
        p.add("give variant_of or overrides, not both");
    }
    if ctx.national && r.overrides.is_some() {
        p.add("overrides: a national rule overrides nothing");
    }
    if ctx.national && r.source.is_none() {
        p.add("source is missing (a built-in rule cites where its words were checked)");
    }
    let family = match r.family.as_deref().map(str::parse::<RuleFamily>) {
        None => ctx.family,
        Some(Ok(f)) => f,
        Some(Err(e)) => {
            p.add(format!("family: {e}"));
            ctx.family
        }
    };
    if r.edition.is_empty() {
        p.add("has no [[rule.edition]] (give at least one, with its period)");
    }
    let mut editions = Vec::new();
    let mut last: Option<NaiveDate> = None;
    for (i, e) in r.edition.into_iter().enumerate() {
        let n = i + 1;
        let from = match &e.from {
            None => None,
            Some(v) => match date_of(v) {
                Some(d) => Some(d),
                None => {
                    p.add(format!(
                        "edition {n}: from: \"{v}\" is not a date (YYYY-MM-DD)"
                    ));
                    None
                }
            },
        };
        if i > 0 && from.is_none() {
            p.add(format!(
                "edition {n}: from is missing (only the first edition may leave it out)"
            ));
        }
        if let (Some(prev), Some(f)) = (last, from) {
            if f <= prev {
                p.add(format!(
                    "edition {n}: from {f} is not after the previous edition's {prev} (list editions oldest first)"
                ));
            }
        }
        if from.is_some() {
            last = from;
        }
        let period = match e.period.as_deref().map(str::parse::<Period>) {
            None => None,
            Some(Ok(per)) if per.unit == Unit::Hours => {
                p.add(format!(
                    "edition {n}: period: hours are not supported in rule packs (got \"{per}\")"
                ));
                None
            }
            Some(Ok(per)) => Some(per),
            Some(Err(x)) => {
                p.add(format!("edition {n}: period: {x}"));
                None
            }
        };
        if period.is_none() && e.note.is_none() && e.replaced_by.is_none() && e.period.is_none() {
            p.add(format!(
                "edition {n}: without a period it needs a note or replaced_by saying why"
            ));
        }
        if e.calendar_days {
            match period {
                Some(p) if p.unit == Unit::Days && p.amount % 7 == 0 => {}
                _ => p.add(format!(
                    "edition {n}: calendar_days needs a period in days that is a multiple of 7"
                )),
            }
        }
        if let Some(t) = &e.trigger {
            if !known_trigger(t) {
                p.add(format!(
                    "edition {n}: trigger: unknown trigger kind \"{t}\""
                ));
            }
        }
        if ctx.national && e.source.is_none() && r.source.is_none() {
            p.add(format!("edition {n}: source is missing"));
        }
        let verified = e.verified.unwrap_or(true);
        if !verified && e.note.is_none() {
            p.add(format!(
                "edition {n}: verified = false needs a note saying what it rests on"
            ));
        }
        editions.push(RuleEdition {
            from,
            period,
            cite: e.cite,
            text: e.text,
            trigger: e.trigger,
            calendar_days: e.calendar_days,
            replaced_by: e.replaced_by,
            source: e.source,
            note: e.note,
            verified,
        });
    }
    if ctx.national && r.example.is_empty() {
        p.add("has no [[rule.example]] (a built-in rule has at least one worked example)");
    }
    let mut examples = Vec::new();
    for (i, x) in r.example.into_iter().enumerate() {
        let n = i + 1;
        let mut date = |field: &str, v: &toml::value::Datetime| {
            let d = date_of(v);
            if d.is_none() {
                p.add(format!("example {n}: {field}: \"{v}\" is not a date"));
            }
            d
        };
        let trigger = date("trigger", &x.trigger);
        let due = date("due", &x.due);
        let first_set = x.first_set.as_ref().and_then(|v| date("first_set", v));
        let rules_as_of = x.rules_as_of.as_ref().and_then(|v| date("rules_as_of", v));
        let service = match x.service.as_deref().map(str::parse::<Service>) {
            None => None,
            Some(Ok(s)) => Some(s),
            Some(Err(e)) => {
                p.add(format!("example {n}: service: {e}"));
                None
            }
        };
        for f in &x.facts {
            if !ctx.conditions.contains_key(f) {
                p.add(format!("example {n}: facts: unknown condition \"{f}\""));
            }
        }
        if x.source.trim().is_empty() {
            p.add(format!("example {n}: source is empty"));
        }
        if let (Some(trigger), Some(due)) = (trigger, due) {
            examples.push(Example {
                court: x.court,
                trigger,
                first_set,
                service,
                facts: x.facts,
                rules_as_of,
                due,
                source: x.source,
                note: x.note,
            });
        }
    }
    problems.extend(p.list);
    Rule {
        id: r.id,
        cite: r.cite,
        title: r.title,
        text: r.text,
        trigger: r.trigger,
        direction,
        conditions: r.conditions,
        variant_of: r.variant_of,
        overrides: r.overrides,
        sets: r.sets,
        see_also: r.see_also,
        notes: r.notes,
        source: r.source,
        family,
        editions,
        examples,
        pack: pack.to_string(),
    }
}
