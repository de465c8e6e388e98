//! Finding rules by id, by citation ("12(a)", "Rule 59", "Fed. R. Bankr.
//! P. 4004(a)", "FRAP 4(a)(1)(A)") or by words.

use super::rule::Rule;
use super::set::RuleSet;
use crate::calendar::RuleFamily;

/// The family prefixes a citation may start with, compacted (lowercase,
/// without spaces or dots).
const PREFIXES: [(&str, Option<RuleFamily>); 17] = [
    ("fedrcivp", Some(RuleFamily::Civil)),
    ("fedrcivpro", Some(RuleFamily::Civil)),
    ("fedrcivproc", Some(RuleFamily::Civil)),
    ("frcp", Some(RuleFamily::Civil)),
    ("frcivp", Some(RuleFamily::Civil)),
    ("civilrule", Some(RuleFamily::Civil)),
    ("fedrbankrp", Some(RuleFamily::Bankruptcy)),
    ("fedrbankrproc", Some(RuleFamily::Bankruptcy)),
    ("frbp", Some(RuleFamily::Bankruptcy)),
    ("frbankrp", Some(RuleFamily::Bankruptcy)),
    ("bankruptcyrule", Some(RuleFamily::Bankruptcy)),
    ("fedrappp", Some(RuleFamily::Appellate)),
    ("fedrappproc", Some(RuleFamily::Appellate)),
    ("frap", Some(RuleFamily::Appellate)),
    ("frappp", Some(RuleFamily::Appellate)),
    ("appellaterule", Some(RuleFamily::Appellate)),
    ("rule", None),
];

/// Splits a citation into the rule family its prefix names (if any) and
/// the compacted rule number: `"Fed. R. Civ. P. 12(a)(1)(A)(i)"` gives
/// `(Some(Civil), "12(a)(1)(a)(i)")`; `"Rule 59"` gives `(None, "59")`.
///
/// ```
/// use docket::calendar::RuleFamily;
/// use docket::rules::normalize_cite;
///
/// assert_eq!(normalize_cite("FRBP 4004(a)"), (Some(RuleFamily::Bankruptcy), "4004(a)".into()));
/// assert_eq!(normalize_cite("Fed.R.App.P. 4 (a)(1)"), (Some(RuleFamily::Appellate), "4(a)(1)".into()));
/// assert_eq!(normalize_cite("Rule 59"), (None, "59".into()));
/// ```
pub fn normalize_cite(s: &str) -> (Option<RuleFamily>, String) {
    let mut compact: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.' && *c != ',')
        .flat_map(char::to_lowercase)
        .collect();
    let mut family = None;
    // "Fed. R. Civ. P. Rule 12" or "Bankruptcy Rule 4004": take every prefix.
    while let Some((p, f)) = PREFIXES
        .iter()
        .filter(|(p, _)| compact.starts_with(p))
        .max_by_key(|(p, _)| p.len())
    {
        compact = compact[p.len()..].to_string();
        family = family.or(*f);
    }
    let compact = compact.trim_start_matches(['§', '-']).to_string();
    (family, compact)
}

/// A rule number as citations write it: digits (`4004`, `28.1`), then
/// parenthesized subdivisions (`(a)(1)(A)(i)`).
fn is_rule_number(s: &str) -> bool {
    let head = s.find('(').unwrap_or(s.len());
    let (num, subs) = s.split_at(head);
    let num_ok = !num.is_empty()
        && num.chars().next().is_some_and(|c| c.is_ascii_digit())
        && num.chars().all(|c| c.is_ascii_digit() || c == '.');
    let mut rest = subs;
    while let Some(r) = rest.strip_prefix('(') {
        let Some(end) = r.find(')') else { return false };
        if end == 0 || !r[..end].chars().all(|c| c.is_ascii_alphanumeric()) {
            return false;
        }
        rest = &r[end + 1..];
    }
    num_ok && rest.is_empty()
}

/// The family a pack citation names (from its prefix).
fn cite_family(cite: &str) -> Option<RuleFamily> {
    normalize_cite(cite).0
}

/// How well a rule matches a query (lower is better): its own citation
/// (today's or an edition's) exactly, then a subdivision of it, then a
/// `see_also` citation exactly, then under one.
fn score(rule: &Rule, family: Option<RuleFamily>, number: &str) -> Option<u8> {
    let own = std::iter::once(rule.cite.as_str())
        .chain(rule.editions.iter().filter_map(|e| e.cite.as_deref()))
        .map(|c| (c, 0u8));
    let also = rule.see_also.iter().map(|c| (c.as_str(), 2u8));
    let mut best: Option<u8> = None;
    for (cite, base) in own.chain(also) {
        let (f, n) = normalize_cite(cite);
        if let (Some(want), Some(have)) = (family, f.or(cite_family(&rule.cite))) {
            if want != have {
                continue;
            }
        }
        let s = if n == number {
            base
        } else if !number.is_empty() && n.starts_with(number) && n[number.len()..].starts_with('(')
        {
            base + 1
        } else {
            continue;
        };
        best = Some(best.map_or(s, |b: u8| b.min(s)));
    }
    best
}

impl RuleSet {
    /// The rules a query finds, best first: an id (exact, or a prefix such
    /// as `frcp-59`), a citation (exact, then every rule under it: "12(a)"
    /// finds 12(a)(1)(A)(i), 12(a)(1)(B), ...; a prefix such as "Fed. R.
    /// Civ. P." or "FRBP" keeps to that family; an older citation a rule
    /// once had counts), else words that must all appear in the rule's id,
    /// citation, title, words or notes. An empty query finds every rule.
    ///
    /// ```
    /// use docket::rules::RuleSet;
    ///
    /// let rules = RuleSet::national()?;
    /// let ids = |q: &str| rules.search(q).iter().map(|r| r.id.clone()).collect::<Vec<_>>();
    /// assert_eq!(ids("Fed. R. Civ. P. 12(a)(1)(A)(i)")[0], "frcp-12-a-1-A-i");
    /// assert!(ids("Rule 59").contains(&"frcp-59-e".to_string()));
    /// assert_eq!(ids("4004")[0], "frbp-4004-a-1");
    /// assert!(ids("proof of claim").contains(&"frbp-3002-c".to_string()));
    /// # Ok::<(), docket::Error>(())
    /// ```
    pub fn search(&self, query: &str) -> Vec<&Rule> {
        let q = query.trim();
        if q.is_empty() {
            return self.rules().collect();
        }
        let lower = q.to_ascii_lowercase();
        let mut hits: Vec<(u8, usize, &Rule)> = Vec::new();
        for (i, r) in self.rules().enumerate() {
            let id = r.id.to_ascii_lowercase();
            if id == lower {
                hits.push((0, i, r));
            } else if id.starts_with(&lower) && lower.contains('-') {
                hits.push((4, i, r));
            }
        }
        let mut cite_like = false;
        if q.chars().any(|c| c.is_ascii_digit()) {
            let (family, number) = normalize_cite(q);
            cite_like = is_rule_number(&number);
            for (i, r) in self.rules().enumerate() {
                if hits.iter().any(|h| h.1 == i) {
                    continue;
                }
                if let Some(s) = score(r, family, &number) {
                    hits.push((s, i, r));
                }
            }
        }
        if hits.is_empty() && !cite_like {
            let words: Vec<String> = lower
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect();
            for (i, r) in self.rules().enumerate() {
                let hay = format!(
                    "{} {} {} {} {} {} {}",
                    r.id,
                    r.all_cites().collect::<Vec<_>>().join(" "),
                    r.title,
                    r.text,
                    r.notes.as_deref().unwrap_or(""),
                    r.trigger,
                    r.sets.join(" ")
                )
                .to_lowercase();
                if !words.is_empty() && words.iter().all(|w| hay.contains(w.as_str())) {
                    hits.push((5, i, r));
                }
            }
        }
        hits.sort_by_key(|h| (h.0, h.1));
        hits.into_iter().map(|h| h.2).collect()
    }
}
