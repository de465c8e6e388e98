//! `docket courts`: find a built-in court.

use clap::Args;
use docket::calendar::{courts, find_courts, Court};
use docket::Error;

use crate::common::invalid;

#[derive(Args)]
pub(crate) struct CourtsArgs {
    /// An id, abbreviation, name or state: `ilnd`, `N.D. Ill.`, `Bankr.
    /// S.D.N.Y.`, `Northern District of Illinois`, `1st Cir.`, `MA`. Without
    /// it, every court.
    pub(crate) query: Option<String>,
    /// Print a JSON list of objects: `id`, `name`, `citation`, `state`,
    /// `family` (civil | bankruptcy | appellate), `time_zone`, and `note` when
    /// there is one.
    #[arg(long)]
    pub(crate) json: bool,
}

pub(crate) fn list(a: CourtsArgs) -> Result<String, Error> {
    let found: Vec<&Court> = match a.query.as_deref() {
        None => courts()?.iter().collect(),
        Some(q) => find_courts(q),
    };
    if found.is_empty() {
        let q: String = a.query.unwrap_or_default().chars().take(80).collect();
        return Err(invalid(format!(
            "no court matches \"{q}\" (try an id such as nysb, an abbreviation such as \"S.D.N.Y.\", a name or a state)"
        )));
    }
    if a.json {
        let list: Vec<serde_json::Value> = found
            .iter()
            .map(|c| docket::commands::court_json(c))
            .collect();
        let mut s = serde_json::to_string_pretty(&list).map_err(|e| invalid(e.to_string()))?;
        s.push('\n');
        return Ok(s);
    }
    let width = |f: fn(&Court) -> usize| found.iter().map(|c| f(c)).max().unwrap_or(0);
    let (wi, wc, wz) = (
        width(|c| c.id.len()).max(2),
        width(|c| c.citation.chars().count()).max(8),
        width(|c| c.time_zone.name().len()).max(9),
    );
    let mut out = format!(
        "{:<wi$}  {:<wc$}  state  {:<10}  {:<wz$}  name\n",
        "id", "citation", "family", "time zone"
    );
    for c in &found {
        out.push_str(&format!(
            "{:<wi$}  {:<wc$}  {:<5}  {:<10}  {:<wz$}  {}\n",
            c.id,
            c.citation,
            c.state.code(),
            c.family.as_str(),
            c.time_zone.name(),
            c.name
        ));
    }
    Ok(out)
}
