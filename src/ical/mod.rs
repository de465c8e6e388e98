//! iCalendar feeds (RFC 5545) that calendar apps subscribe to: one VEVENT
//! per deadline occurrence and per event, stable UIDs, SEQUENCE derived from
//! the changes log, and the same bytes for the same docket.
//!
//! # Why not the `icalendar` crate's writer
//! The crate fills a missing UID with a random UUID and a missing DTSTAMP
//! with the clock (inside VALARM too), writes all-day DTEND equal to
//! DTSTART, leaves NAME, URL and X- properties unescaped, lets a bare CR
//! through in TEXT, does not check parameter values, never writes VTIMEZONE,
//! and can fold inside a `\n` escape. Each of these breaks a real client or
//! lets a title inject properties. Feeds are therefore written here, by a
//! small writer whose every property goes through one escaping and folding
//! path; the `icalendar` crate's parser and independent Python parsers
//! (`icalendar`, `ical`, `recurring-ical-events`) read the output back in
//! the tests and in CI. Tools that work with the `icalendar` crate's model
//! get the same feed as an `icalendar::Calendar` from
//! [`Feed::to_icalendar`].

mod case;
mod dates;
mod deadline;
mod event;
mod items;
mod options;
mod vevent;
mod vtimezone;
mod write;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use chrono_tz::Tz;

pub use case::CaseFeed;
pub use options::FeedOptions;
pub use write::sanitize_line;

use crate::docket::{CheckedDocket, Docket};
use crate::error::{Error, Result};
use options::is_cal_address;
use write::Writer;

/// A feed of one or more cases, written as one VCALENDAR.
///
/// # Example
/// ```
/// use docket::docket::Docket;
/// use docket::ical::{Feed, FeedOptions};
/// let d = Docket::from_toml_str(r#"
///     [case]
///     id = "demo"
///     court = "nysd"
///     [obligations.brief]
///     title = "Opening brief"
///     due = "2025-03-03"
/// "#)?;
/// let opts = FeedOptions::new("example.com");
/// let ics = Feed::new(&opts).case(&d.check()?)?.party(None).to_ics();
/// assert!(ics.contains("UID:demo/brief/1@example.com\r\n"));
/// assert!(ics.contains("DTSTART;VALUE=DATE:20250303\r\nDTEND;VALUE=DATE:20250304\r\n"));
/// # Ok::<(), docket::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Feed<'o> {
    opts: &'o FeedOptions,
    cases: Vec<CaseFeed>,
    party: Option<String>,
}

impl<'o> Feed<'o> {
    /// An empty feed.
    pub fn new(opts: &'o FeedOptions) -> Feed<'o> {
        Feed {
            opts,
            cases: Vec::new(),
            party: None,
        }
    }

    /// Adds a case.
    ///
    /// # Errors
    /// A computation that leaves the calendar's years.
    pub fn case(mut self, checked: &CheckedDocket) -> Result<Feed<'o>> {
        self.cases.push(CaseFeed::new(checked, self.opts)?);
        Ok(self)
    }

    /// Adds a prepared case.
    pub fn prepared(mut self, case: CaseFeed) -> Feed<'o> {
        self.cases.push(case);
        self
    }

    /// Keeps only deadlines of this party (its id or its name, case
    /// insensitive) and events it takes part in.
    pub fn party(mut self, party: Option<&str>) -> Feed<'o> {
        self.party = party.map(str::to_string);
        self
    }

    /// Names a party feed after the party (`Party name - docket`) unless
    /// the options set a name.
    pub fn name_for_party(mut self, party: &str) -> Feed<'o> {
        self.party = Some(party.to_string());
        self
    }

    /// True when no case names the party (for a clear error upstream).
    pub fn party_unknown(&self) -> bool {
        let Some(p) = &self.party else { return false };
        !self.cases.iter().any(|c| {
            c.docket()
                .parties
                .iter()
                .any(|(id, x)| id.eq_ignore_ascii_case(p) || x.name.eq_ignore_ascii_case(p))
        })
    }

    /// The feed as an `icalendar` crate calendar, for tools that embed that
    /// crate's model. Built by reading back [`Feed::to_ics`] with the
    /// crate's parser, so it holds exactly what subscribers receive
    /// (including the explicit UID, DTSTAMP and VTIMEZONE).
    ///
    /// # Errors
    /// The parser rejects the feed (a bug here: every feed is tested to
    /// parse).
    ///
    /// # Example
    /// ```
    /// use icalendar::Component;
    /// let d = docket::docket::Docket::from_toml_str(r#"
    ///     [case]
    ///     id = "demo"
    ///     court = "nysd"
    ///     [obligations.brief]
    ///     title = "Opening brief"
    ///     due = "2025-03-03"
    /// "#)?;
    /// let opts = docket::ical::FeedOptions::new("example.com");
    /// let cal = docket::ical::Feed::new(&opts).case(&d.check()?)?.to_icalendar()?;
    /// let event = cal.components.iter().find_map(|c| c.as_event()).unwrap();
    /// assert_eq!(event.get_uid(), Some("demo/brief/1@example.com"));
    /// # Ok::<(), docket::Error>(())
    /// ```
    pub fn to_icalendar(&self) -> Result<icalendar::Calendar> {
        let text = icalendar::parser::unfold(&self.to_ics());
        icalendar::parser::read_calendar(&text)
            .map(icalendar::Calendar::from)
            .map_err(|e| Error::parse(format!("feed does not read back: {e}")))
    }

    /// Writes the feed.
    pub fn to_ics(&self) -> String {
        let n: usize = self
            .cases
            .iter()
            .map(|c| c.schedule.deadlines.len() + c.schedule.events.len())
            .sum();
        let mut w = Writer::with_capacity(1024 + n * 900);
        self.write_feed(&mut w);
        w.finish()
    }

    /// Writes the feed into `out` as it goes, through a buffer of 64 KiB:
    /// the same bytes as [`Feed::to_ics`], without holding the whole feed
    /// in memory (a 100,000-event feed is about 100 MB).
    ///
    /// # Errors
    /// The first error `out` returns (nothing more is written after it).
    ///
    /// # Example
    /// ```
    /// let d = docket::docket::Docket::from_toml_str(r#"
    ///     [case]
    ///     id = "demo"
    ///     court = "nysd"
    ///     [obligations.brief]
    ///     title = "Opening brief"
    ///     due = "2025-03-03"
    /// "#)?;
    /// let opts = docket::ical::FeedOptions::new("example.com");
    /// let feed = docket::ical::Feed::new(&opts).case(&d.check()?)?;
    /// let mut out = Vec::new(); // or a file, a socket, stdout
    /// feed.write_to(&mut out)?;
    /// assert_eq!(out, feed.to_ics().into_bytes());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_to<W: std::io::Write>(&self, mut out: W) -> std::io::Result<()> {
        let mut w = Writer::streaming(&mut out);
        self.write_feed(&mut w);
        w.finish_stream()
    }

    fn write_feed(&self, w: &mut Writer<'_>) {
        w.begin("VCALENDAR");
        w.plain("VERSION", "2.0");
        w.plain("PRODID", "-//docket//docket 0.1//EN");
        w.plain("CALSCALE", "GREGORIAN");
        if let Some(m) = &self.opts.method {
            w.text("METHOD", &m.to_ascii_uppercase());
        }
        let name = self
            .opts
            .name
            .clone()
            .unwrap_or_else(|| self.default_name());
        w.text("NAME", &name);
        w.text("X-WR-CALNAME", &name);
        let zones: BTreeMap<&str, Tz> = self.cases.iter().map(|c| (c.tz.name(), c.tz)).collect();
        if let Some((_, tz)) = zones.iter().next() {
            if zones.len() == 1 && !self.opts.utc_times {
                w.text("X-WR-TIMEZONE", tz.name());
            }
        }
        let m = self.opts.refresh_minutes;
        let refresh = if m.is_multiple_of(60) {
            format!("PT{}H", m / 60)
        } else {
            format!("PT{m}M")
        };
        w.start("REFRESH-INTERVAL", &[("VALUE", "DURATION")]);
        w.value_raw(&refresh);
        w.plain("X-PUBLISHED-TTL", &refresh);
        // Time zones of timed events, covering the feed's span.
        if !self.opts.utc_times {
            let mut used: BTreeMap<&str, (Tz, NaiveDate, NaiveDate)> = BTreeMap::new();
            for c in &self.cases {
                for e in self.events_shown(c).filter(|e| e.at.is_some()) {
                    let entry = used.entry(c.tz.name()).or_insert((c.tz, e.date, e.date));
                    entry.1 = entry.1.min(e.date);
                    entry.2 = entry.2.max(e.date);
                }
            }
            for (tz, from, to) in used.values() {
                w.raw_block(&vtimezone::vtimezone(*tz, *from, *to));
            }
        }
        // Written only when it is an address (the options are checked when
        // a case is added; this keeps unchecked ones from reaching the raw value).
        let organizer = self.opts.organizer_address().filter(|o| is_cal_address(o));
        for c in &self.cases {
            self.write_case(w, c, organizer.as_deref());
        }
        w.end("VCALENDAR");
    }

    fn default_name(&self) -> String {
        let base = match self.cases.as_slice() {
            [one] => {
                let case = &one.docket().case;
                match (&case.caption, &case.number) {
                    (Some(c), Some(n)) => format!("{c} (No. {n})"),
                    (Some(c), None) => c.clone(),
                    _ => case.id.clone(),
                }
            }
            many => format!("Docket: {} cases", many.len()),
        };
        match &self.party {
            Some(p) => format!("{base} - {p}"),
            None => base,
        }
    }
}

/// The feed of one case.
///
/// # Errors
/// Validation problems; a computation that leaves the calendar's years.
pub fn case_feed(docket: &Docket, opts: &FeedOptions) -> Result<String> {
    Ok(Feed::new(opts).case(&docket.check()?)?.to_ics())
}

/// The feed of one party across cases (its id or name).
///
/// # Errors
/// No case names the party; validation problems.
pub fn party_feed(dockets: &[Docket], party: &str, opts: &FeedOptions) -> Result<String> {
    let mut feed = Feed::new(opts).party(Some(party));
    for d in dockets {
        feed = feed.case(&d.check()?)?;
    }
    if feed.party_unknown() {
        return Err(Error::invalid(format!(
            "no case names the party \"{party}\""
        )));
    }
    Ok(feed.to_ics())
}

/// One feed merging every case.
///
/// # Errors
/// Validation problems; a computation that leaves the calendar's years.
pub fn portfolio_feed(dockets: &[Docket], opts: &FeedOptions) -> Result<String> {
    let mut feed = Feed::new(opts);
    for d in dockets {
        feed = feed.case(&d.check()?)?;
    }
    Ok(feed.to_ics())
}
