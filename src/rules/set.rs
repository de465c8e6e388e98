//! A set of packs in precedence order: user packs (standing orders, local
//! rules) first, in the order given, then the national packs.

use std::collections::BTreeSet;
use std::sync::{Arc, OnceLock};

use super::pack::Pack;
use super::rule::Rule;
use super::trigger::Trigger;
use crate::error::{Error, ErrorKind, Result};

/// The national packs shipped in the crate.
const NATIONAL: [(&str, &str); 3] = [
    ("frcp.toml", include_str!("../../data/rules/frcp.toml")),
    ("frbp.toml", include_str!("../../data/rules/frbp.toml")),
    ("frap.toml", include_str!("../../data/rules/frap.toml")),
];

/// Rule packs in precedence order, with lookup by id, citation and words
/// ([`RuleSet::search`]) and the computation of a rule's deadline
/// ([`RuleSet::compute`]).
///
/// ```
/// use docket::rules::RuleSet;
///
/// let rules = RuleSet::national()?;
/// assert!(rules.rules().count() >= 60);
/// let hits = rules.search("Fed. R. App. P. 4(a)(1)(A)");
/// assert_eq!(hits[0].id, "frap-4-a-1-A");
/// # Ok::<(), docket::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RuleSet {
    packs: Vec<Pack>,
}

impl RuleSet {
    /// No packs.
    pub fn empty() -> RuleSet {
        RuleSet::default()
    }

    /// The national packs: the Federal Rules of Civil Procedure
    /// (`data/rules/frcp.toml`), of Bankruptcy Procedure (`frbp.toml`) and
    /// of Appellate Procedure (`frap.toml`), read once per process.
    ///
    /// # Errors
    /// A built-in pack fails validation (a bug the tests catch).
    pub fn national() -> Result<RuleSet> {
        RuleSet::shared_national().map(|s| (*s).clone())
    }

    /// The national packs, shared: read once per process and never copied
    /// (a docket without user packs uses this).
    ///
    /// # Errors
    /// As [`RuleSet::national`].
    pub fn shared_national() -> Result<Arc<RuleSet>> {
        static CELL: OnceLock<Result<Arc<RuleSet>>> = OnceLock::new();
        CELL.get_or_init(|| {
            let mut set = RuleSet::empty();
            let mut problems = Vec::new();
            for (name, text) in NATIONAL {
                match Pack::from_toml(text, &format!("built-in {name}"), true) {
                    Ok(p) => match set.clone().with_pack(p) {
                        Ok(s) => set = s,
                        Err(e) => problems.extend(e.problems().iter().cloned()),
                    },
                    Err(e) => problems.extend(e.problems().iter().cloned()),
                }
            }
            if problems.is_empty() {
                Ok(Arc::new(set))
            } else {
                Err(Error::many(ErrorKind::Invalid, problems))
            }
        })
        .clone()
    }

    /// Adds a pack. A user pack goes after the user packs already added
    /// (the first one given prevails) and before every national pack.
    ///
    /// # Errors
    /// A rule id already used by another pack; an `overrides` naming a
    /// rule no pack holds; a trigger kind or condition declared again with
    /// another meaning.
    pub fn with_pack(mut self, pack: Pack) -> Result<RuleSet> {
        let mut problems = Vec::new();
        for r in &pack.rules {
            if let Some(other) = self.packs.iter().find(|p| p.rule(&r.id).is_some()) {
                problems.push(format!(
                    "{}: rule \"{}\": id is already used by pack \"{}\" ({})",
                    pack.origin, r.id, other.id, other.origin
                ));
            }
        }
        for p in &self.packs {
            if p.id == pack.id {
                problems.push(format!(
                    "{}: pack.id \"{}\" is already loaded ({})",
                    pack.origin, pack.id, p.origin
                ));
            }
            for (id, t) in &pack.triggers {
                if let Some(o) = p.triggers.get(id) {
                    if (o.served, o.first_date_set) != (t.served, t.first_date_set) {
                        problems.push(format!(
                            "{}: triggers.{id}: declared with other served/first_date_set flags by pack \"{}\"",
                            pack.origin, p.id
                        ));
                    }
                }
            }
        }
        let known =
            |id: &str| pack.rule(id).is_some() || self.packs.iter().any(|p| p.rule(id).is_some());
        for r in &pack.rules {
            if let Some(target) = &r.overrides {
                if !known(target) {
                    problems.push(format!(
                        "{}: rule \"{}\": overrides names unknown rule \"{target}\" (load the pack that holds it first)",
                        pack.origin, r.id
                    ));
                }
            }
        }
        if !problems.is_empty() {
            return Err(Error::many(ErrorKind::Invalid, problems));
        }
        let at = if pack.national {
            self.packs.len()
        } else {
            self.packs
                .iter()
                .position(|p| p.national)
                .unwrap_or(self.packs.len())
        };
        self.packs.insert(at, pack);
        Ok(self)
    }

    /// The packs, in precedence order.
    pub fn packs(&self) -> &[Pack] {
        &self.packs
    }

    /// Every rule, in precedence order (user packs first), each pack's in
    /// file order.
    pub fn rules(&self) -> impl Iterator<Item = &Rule> {
        self.packs.iter().flat_map(|p| p.rules.iter())
    }

    /// The rule with `id`.
    ///
    /// # Errors
    /// No pack holds it; the message suggests close ids.
    pub fn rule(&self, id: &str) -> Result<&Rule> {
        if let Some(r) = self.rules().find(|r| r.id == id) {
            return Ok(r);
        }
        if let Some(r) = self.rules().find(|r| r.id.eq_ignore_ascii_case(id)) {
            return Ok(r);
        }
        let near: Vec<&str> = self
            .rules()
            .filter(|r| {
                let (a, b) = (r.id.to_ascii_lowercase(), id.to_ascii_lowercase());
                a.starts_with(&b) || b.starts_with(&a)
            })
            .map(|r| r.id.as_str())
            .take(5)
            .collect();
        let hint = if near.is_empty() {
            " (docket rules lists them; search by citation with docket rules QUERY)".to_string()
        } else {
            format!(" (did you mean {}?)", near.join(", "))
        };
        Err(Error::invalid(format!("unknown rule \"{id}\"{hint}")))
    }

    /// The trigger kind `id`, from the first pack that declares it.
    pub fn trigger(&self, id: &str) -> Option<&Trigger> {
        self.packs.iter().find_map(|p| p.triggers.get(id))
    }

    /// The trigger kind `id` as the pack `pack` declares it (the pack of a
    /// rule), else as the first pack that declares it.
    pub fn trigger_in(&self, pack: &str, id: &str) -> Option<&Trigger> {
        self.packs
            .iter()
            .find(|p| p.id == pack)
            .and_then(|p| p.triggers.get(id))
            .or_else(|| self.trigger(id))
    }

    /// The description of condition `id`, from the first pack that
    /// declares it.
    pub fn condition(&self, id: &str) -> Option<&str> {
        self.packs
            .iter()
            .find_map(|p| p.conditions.get(id).map(String::as_str))
    }

    /// Every condition declared by a pack.
    pub fn conditions(&self) -> BTreeSet<&str> {
        self.packs
            .iter()
            .flat_map(|p| p.conditions.keys().map(String::as_str))
            .collect()
    }

    /// The rules of set `name` (`post-judgment`), in precedence order.
    pub fn set(&self, name: &str) -> Vec<&Rule> {
        self.rules()
            .filter(|r| r.sets.iter().any(|s| s == name))
            .collect()
    }

    /// The names of every set.
    pub fn sets(&self) -> BTreeSet<&str> {
        self.rules()
            .flat_map(|r| r.sets.iter().map(String::as_str))
            .collect()
    }

    /// The user rule that displaces `id`, from the pack of highest
    /// precedence that has one.
    pub fn overrider(&self, id: &str) -> Option<&Rule> {
        self.rules().find(|r| r.overrides.as_deref() == Some(id))
    }

    /// The variants of the general rule `base` (rules whose `variant_of`
    /// names it), in precedence order.
    pub fn variants(&self, base: &str) -> Vec<&Rule> {
        self.rules()
            .filter(|r| r.variant_of.as_deref() == Some(base))
            .collect()
    }
}
