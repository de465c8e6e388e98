//! The built-in courts, as JSON.

use crate::calendar::{courts, find_courts, Court};
use crate::Result;

/// One court as `docket courts --json` lists it: `id`, `name`, `citation`,
/// `state` (postal code), `family` (`civil`, `bankruptcy` or `appellate`),
/// `time_zone` (IANA), and `note` when there is one.
pub fn court_json(c: &Court) -> serde_json::Value {
    let mut v = serde_json::json!({
        "id": c.id,
        "name": c.name,
        "citation": c.citation,
        "state": c.state.code(),
        "family": c.family.as_str(),
        "time_zone": c.time_zone.name(),
    });
    if let (Some(note), Some(obj)) = (&c.note, v.as_object_mut()) {
        obj.insert("note".into(), note.clone().into());
    }
    v
}

/// The built-in courts as a JSON list of [`court_json`] objects (what
/// `docket courts --json` prints and `GET /v1/courts` answers): every court,
/// or those a query finds (an id, abbreviation, name or state, as
/// [`find_courts`] reads it; none found is an empty list).
///
/// ```
/// let all: serde_json::Value = serde_json::from_str(&docket::commands::courts_json(None)?)?;
/// let nysb = all.as_array().unwrap().iter().find(|c| c["id"] == "nysb").unwrap();
/// assert_eq!(nysb["time_zone"], "America/New_York");
/// let found: serde_json::Value = serde_json::from_str(&docket::commands::courts_json(Some("S.D.N.Y."))?)?;
/// assert!(found.as_array().unwrap().iter().any(|c| c["id"] == "nysd"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// The shipped court data does not load (not in practice: the tests read
/// it).
pub fn courts_json(query: Option<&str>) -> Result<String> {
    let found: Vec<&Court> = match query {
        None => courts()?.iter().collect(),
        Some(q) => find_courts(q),
    };
    let list: Vec<serde_json::Value> = found.into_iter().map(court_json).collect();
    super::pretty(&list)
}
