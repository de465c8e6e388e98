//! Finding a court by id, name, abbreviation or state.

use std::sync::OnceLock;

use super::{edit_distance, registry, Court, RuleFamily};

/// Longest query looked at (characters); the rest is ignored.
const MAX_QUERY: usize = 200;

/// Words that say nothing about which court is meant.
const STOPWORDS: [&str; 4] = ["the", "of", "for", "and"];

/// A court's searchable forms, built once.
struct Entry {
    court: &'static Court,
    /// Citation, aliases and name with only letters and digits, lowercase
    /// (`sdny`, `bankrsdny`).
    compact: Vec<String>,
    /// Every word of the id, name, citation, aliases and state.
    words: Vec<String>,
}

fn compact(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

fn index() -> &'static [Entry] {
    static INDEX: OnceLock<Vec<Entry>> = OnceLock::new();
    INDEX.get_or_init(|| {
        registry()
            .unwrap_or_default()
            .iter()
            .map(|c| {
                let mut compact_forms = vec![compact(&c.citation), compact(&c.name)];
                compact_forms.extend(c.aliases.iter().map(|a| compact(a)));
                let mut w: Vec<String> = words(&c.name)
                    .chain(words(&c.citation))
                    .chain(c.aliases.iter().flat_map(|a| words(a)))
                    .chain(words(c.state.name()))
                    .collect();
                w.push(c.id.clone());
                w.push(c.state.code().to_lowercase());
                w.sort_unstable();
                w.dedup();
                Entry {
                    court: c,
                    compact: compact_forms,
                    words: w,
                }
            })
            .collect()
    })
}

/// A query word matches a court's word when equal, or (two letters or
/// more) when it begins it: `ill` finds `illinois`, `cir` finds `circuit`.
fn word_matches(q: &str, w: &str) -> bool {
    q == w || (q.chars().count() >= 2 && w.starts_with(q))
}

/// The courts a query names, best match first: the id itself (any case,
/// spaces trimmed); then a court whose abbreviation, name or alias is the
/// query, punctuation and spacing aside (`N.D. Ill.`, `SDNY`, `Bankr.
/// S.D.N.Y.`, `1st Cir.`, `Fed. Cir.`); then the courts of a two-letter state
/// code (`MA`: only those); then every court whose id, name, abbreviation,
/// aliases or state contain all the query's words, a word matching one it
/// begins (`Northern District of Illinois`, `massachusetts bankr`); and
/// when nothing matched, the ids and abbreviations fewest letters off, one
/// or two (`nysbb`). Among equals, a district court comes first unless
/// the query speaks of bankruptcy (`bankr`) or a circuit (`cir`, `appeals`).
/// An empty query returns every court.
///
/// # Example
/// ```
/// use docket::calendar::find_courts;
/// assert_eq!(find_courts("N.D. Ill.")[0].id, "ilnd");
/// assert_eq!(find_courts("Northern District of Illinois")[0].id, "ilnd");
/// assert_eq!(find_courts("Bankr. S.D.N.Y.")[0].id, "nysb");
/// assert_eq!(find_courts("fed. cir.")[0].id, "cafc");
/// assert_eq!(find_courts(" ILND ")[0].id, "ilnd");
/// ```
pub fn find_courts(query: &str) -> Vec<&'static Court> {
    let q: String = query.chars().take(MAX_QUERY).collect();
    let q_lower = q.trim().to_lowercase();
    if q_lower.is_empty() {
        return index().iter().map(|e| e.court).collect();
    }
    let q_compact = compact(&q_lower);
    let q_words: Vec<String> = words(&q_lower)
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
        .collect();
    let prefer = if q_words.iter().any(|w| w.starts_with("bankr")) {
        RuleFamily::Bankruptcy
    } else if q_words
        .iter()
        .any(|w| w.starts_with("cir") || w.starts_with("appeal"))
    {
        RuleFamily::Appellate
    } else {
        RuleFamily::Civil
    };
    let mut hits: Vec<(usize, usize, bool, usize, &'static Court)> = Vec::new();
    for (n, e) in index().iter().enumerate() {
        let c = e.court;
        let level = if c.id == q_lower {
            Some((0, 0))
        } else if !q_compact.is_empty() && e.compact.contains(&q_compact) {
            Some((1, 0))
        } else if q_lower.len() == 2 && c.state.code().eq_ignore_ascii_case(&q_lower) {
            Some((2, 0))
        } else if !q_words.is_empty()
            && q_words
                .iter()
                .all(|q| e.words.iter().any(|w| word_matches(q, w)))
        {
            Some((3, 0))
        } else {
            // Two letters off for ids of five letters or more, one below.
            let max = if q_lower.chars().count() <= 4 { 1 } else { 2 };
            let by_id = (q_lower.len() <= 12)
                .then(|| edit_distance(&c.id, &q_lower))
                .filter(|d| *d <= max);
            let by_cite = (q_compact.len() >= 3)
                .then(|| edit_distance(&e.compact[0], &q_compact))
                .filter(|d| *d <= 1);
            by_id.into_iter().chain(by_cite).min().map(|d| (4, d))
        };
        if let Some((level, distance)) = level {
            hits.push((level, distance, c.family != prefer, n, c));
        }
    }
    // A state code lists that state's courts, not every word it begins; near
    // misses only when nothing matched.
    if hits.iter().any(|h| h.0 == 2) {
        hits.retain(|h| h.0 != 3);
    }
    if hits.iter().any(|h| h.0 < 4) {
        hits.retain(|h| h.0 < 4);
    } else if let Some(best) = hits.iter().map(|h| h.1).min() {
        hits.retain(|h| h.1 == best);
    }
    hits.sort_unstable_by_key(|h| (h.0, h.1, h.2, h.3));
    hits.into_iter().map(|h| h.4).collect()
}
