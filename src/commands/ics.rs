//! `docket ics`: one docket's iCalendar feed.

use chrono::NaiveDateTime;

use crate::ical::{Feed, FeedOptions};
use crate::Result;

#[cfg(feature = "serve")]
use super::params::Params;
use super::{invalid, DocketText, Style};

/// The options of `docket ics FILE` and `POST /v1/ics`, named like its
/// flags (`alarm` is `--alarm`, repeatable).
///
/// ```
/// use docket::commands::{ics, DocketText, IcsQuery, Style};
/// use docket::docket::Format;
///
/// let text = std::fs::read_to_string("examples/data/lexington.toml").unwrap();
/// let input = DocketText::new(None, Format::Toml, text);
/// let q = IcsQuery { alarm: vec![7], ..IcsQuery::default() };
/// let feed = ics(&input, &q, Style::Fields)?;
/// assert!(feed.starts_with("BEGIN:VCALENDAR\r\n"));
/// assert!(feed.contains("UID:lexington/status-report/3@docket.invalid"));
/// # Ok::<(), docket::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcsQuery {
    /// Only this party's deadlines and events (its id or name).
    pub party: Option<String>,
    /// The UID domain (default `docket.invalid`).
    pub domain: String,
    /// The calendar's name (default: the caption).
    pub name: Option<String>,
    /// Reminders, in days before each open deadline.
    pub alarm: Vec<u32>,
    /// Keep vacated items as cancelled.
    pub keep_vacated: bool,
    /// Timed events in UTC.
    pub utc: bool,
    /// DTSTAMP of every item (`YYYY-MM-DDTHH:MM:SS`, UTC).
    pub stamp: Option<String>,
    /// Refresh interval for subscribers, in minutes (default 720).
    pub refresh_minutes: u32,
    /// A METHOD (only `PUBLISH`).
    pub method: Option<String>,
    /// The ORGANIZER of every event.
    pub organizer: Option<String>,
    /// Only items on or after this date.
    pub from: Option<String>,
    /// Only items on or before this date.
    pub to: Option<String>,
    /// Expand recurring duties through this date.
    pub horizon: Option<String>,
}

impl Default for IcsQuery {
    fn default() -> IcsQuery {
        IcsQuery {
            party: None,
            domain: "docket.invalid".into(),
            name: None,
            alarm: Vec::new(),
            keep_vacated: false,
            utc: false,
            stamp: None,
            refresh_minutes: 720,
            method: None,
            organizer: None,
            from: None,
            to: None,
            horizon: None,
        }
    }
}

/// The options of [`IcsQuery`], by field name.
pub(crate) const ICS_OPTIONS: &[&str] = &[
    "party",
    "domain",
    "name",
    "alarm",
    "keep_vacated",
    "utc",
    "stamp",
    "refresh_minutes",
    "method",
    "organizer",
    "from",
    "to",
    "horizon",
];

impl IcsQuery {
    /// The option names of this command in `style`.
    pub fn options(style: Style) -> Vec<String> {
        ICS_OPTIONS.iter().map(|o| style.name(o)).collect()
    }

    /// From request options (a query string or a JSON object of the HTTP API).
    #[cfg(feature = "serve")]
    pub(crate) fn from_params(mut p: Params) -> Result<IcsQuery> {
        let d = IcsQuery::default();
        let mut opt = |n: &str| p.string(n).filter(|s| !s.is_empty());
        let mut q = IcsQuery {
            party: opt("party"),
            domain: opt("domain").unwrap_or(d.domain),
            name: opt("name"),
            stamp: opt("stamp"),
            method: opt("method"),
            organizer: opt("organizer"),
            from: opt("from"),
            to: opt("to"),
            horizon: opt("horizon"),
            ..IcsQuery::default()
        };
        q.alarm = p.numbers("alarm");
        q.keep_vacated = p.flag("keep_vacated");
        q.utc = p.flag("utc");
        q.refresh_minutes = p.number("refresh_minutes").unwrap_or(d.refresh_minutes);
        p.finish(ICS_OPTIONS)?;
        Ok(q)
    }

    /// The feed options these ask for.
    ///
    /// # Errors
    /// A date or date-time that is not one; a METHOD other than PUBLISH;
    /// an ORGANIZER that is not a calendar address.
    pub fn feed_options(&self, style: Style) -> Result<FeedOptions> {
        if let Some(m) = &self.method {
            if m.is_empty() || !m.chars().all(|c| c.is_ascii_alphabetic() || c == '-') {
                return Err(invalid(format!(
                    "{} \"{m}\": an iCalendar method is letters only (e.g. PUBLISH)",
                    style.name("method")
                )));
            }
        }
        let stamp = match &self.stamp {
            Some(s) => Some(
                NaiveDateTime::parse_from_str(s.trim_end_matches('Z'), "%Y-%m-%dT%H:%M:%S")
                    .or_else(|_| {
                        NaiveDateTime::parse_from_str(s.trim_end_matches('Z'), "%Y-%m-%dT%H:%M")
                    })
                    .map_err(|_| {
                        invalid(format!(
                            "{}: \"{s}\" is not a date-time (YYYY-MM-DDTHH:MM:SS)",
                            style.name("stamp")
                        ))
                    })?,
            ),
            None => None,
        };
        let mut o = FeedOptions::new(self.domain.clone())
            .alarms(&self.alarm)
            .keep_vacated(self.keep_vacated)
            .utc_times(self.utc)
            .stamp(stamp)
            .refresh_minutes(self.refresh_minutes)
            .method(self.method.clone())
            .organizer(self.organizer.clone())
            .window(
                style.opt_date("from", self.from.as_deref())?,
                style.opt_date("to", self.to.as_deref())?,
            )
            .horizon(style.opt_date("horizon", self.horizon.as_deref())?);
        if let Some(n) = &self.name {
            o = o.name(n.clone());
        }
        // The library names the option ("method ...", "organizer ..."): make
        // it the user's.
        o.check().map_err(|e| match style {
            Style::Flags => invalid(format!("--{e}")),
            Style::Fields => e,
        })?;
        Ok(o)
    }
}

/// One docket's feed, as `docket ics FILE` writes it.
///
/// # Errors
/// The docket cannot be parsed or fails validation; a bad option; no such
/// party.
pub fn ics(input: &DocketText, q: &IcsQuery, style: Style) -> Result<String> {
    let opts = q.feed_options(style)?;
    let docket = input.parse()?;
    let checked = docket.check().map_err(|e| input.named(e))?;
    let party = match &q.party {
        Some(p) => Some(super::schedule::party_id(input, &docket, p, style)?),
        None => None,
    };
    let feed = Feed::new(&opts)
        .case(&checked)
        .map_err(|e| input.named(e))?
        .party(party.as_deref());
    Ok(feed.to_ics())
}
