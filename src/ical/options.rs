//! How a feed is written: [`FeedOptions`], and the check of what the
//! options write outside TEXT values.

use chrono::{NaiveDate, NaiveDateTime};

use crate::docket::ScheduleOptions;
use crate::error::{Error, Result};

/// How a feed is written.
///
/// # Example
/// ```
/// use docket::ical::FeedOptions;
/// let opts = FeedOptions::new("calendar.example.com").alarms(&[7, 1]).keep_vacated(true);
/// assert_eq!(opts.domain(), "calendar.example.com");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedOptions {
    pub(super) domain: String,
    pub(super) name: Option<String>,
    pub(super) refresh_minutes: u32,
    pub(super) alarms: Vec<u32>,
    pub(super) keep_vacated: bool,
    pub(super) utc_times: bool,
    pub(super) stamp: Option<NaiveDateTime>,
    pub(super) method: Option<String>,
    organizer: Option<String>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    horizon: Option<NaiveDate>,
}

impl Default for FeedOptions {
    fn default() -> Self {
        FeedOptions::new("docket.invalid")
    }
}

impl FeedOptions {
    /// Options with UIDs in `domain` (`lexington/status-report/3@domain`),
    /// a 12-hour refresh, no alarms, vacated items dropped, timed events in
    /// the court's zone with a VTIMEZONE, no METHOD, DTSTAMP from the last
    /// change.
    pub fn new(domain: impl Into<String>) -> FeedOptions {
        FeedOptions {
            domain: domain.into(),
            name: None,
            refresh_minutes: 12 * 60,
            alarms: Vec::new(),
            keep_vacated: false,
            utc_times: false,
            stamp: None,
            method: None,
            organizer: None,
            from: None,
            to: None,
            horizon: None,
        }
    }

    /// The UID domain.
    pub fn domain(&self) -> &str {
        &self.domain
    }

    /// The calendar's name (NAME and X-WR-CALNAME); default from the case.
    pub fn name(mut self, name: impl Into<String>) -> FeedOptions {
        self.name = Some(name.into());
        self
    }

    /// How often subscribers should refresh (REFRESH-INTERVAL and
    /// X-PUBLISHED-TTL), in minutes (at least 1).
    pub fn refresh_minutes(mut self, minutes: u32) -> FeedOptions {
        self.refresh_minutes = minutes.max(1);
        self
    }

    /// Reminders, in days before each deadline (VALARM).
    pub fn alarms(mut self, days_before: &[u32]) -> FeedOptions {
        self.alarms = days_before.iter().map(|d| (*d).min(3650)).collect();
        self.alarms.sort_unstable_by(|a, b| b.cmp(a));
        self.alarms.dedup();
        self
    }

    /// Keep vacated items as STATUS:CANCELLED (with a bumped SEQUENCE)
    /// instead of dropping them.
    pub fn keep_vacated(mut self, yes: bool) -> FeedOptions {
        self.keep_vacated = yes;
        self
    }

    /// Write timed events in UTC instead of the court's zone.
    pub fn utc_times(mut self, yes: bool) -> FeedOptions {
        self.utc_times = yes;
        self
    }

    /// DTSTAMP (UTC) for every item; default: the docket's last change date
    /// (midnight UTC), never the clock.
    pub fn stamp(mut self, stamp: Option<NaiveDateTime>) -> FeedOptions {
        self.stamp = stamp;
        self
    }

    /// A METHOD property; none by default, as subscription feeds should
    /// not carry one. Only `PUBLISH` (any case) passes [`FeedOptions::check`]:
    /// it makes the feed an iTIP PUBLISH object (RFC 5546 section 3.2.1),
    /// whose every VEVENT has an ORGANIZER ([`FeedOptions::organizer`]).
    /// The other methods (REQUEST, CANCEL, ...) address attendees, and a
    /// feed has none.
    pub fn method(mut self, method: Option<String>) -> FeedOptions {
        self.method = method;
        self
    }

    /// The ORGANIZER of every VEVENT: a calendar user address (RFC 5545
    /// section 3.3.3), such as `mailto:clerk@example.com`. Written whenever
    /// set; with METHOD:PUBLISH and none set, `mailto:noreply@DOMAIN`.
    ///
    /// # Example
    /// ```
    /// use docket::ical::FeedOptions;
    /// let opts = FeedOptions::new("calendar.example.com").method(Some("PUBLISH".into()));
    /// assert_eq!(opts.organizer_address().as_deref(), Some("mailto:noreply@calendar.example.com"));
    /// let opts = opts.organizer(Some("mailto:clerk@example.com".into()));
    /// assert_eq!(opts.organizer_address().as_deref(), Some("mailto:clerk@example.com"));
    /// opts.check()?;
    /// assert!(FeedOptions::new("x").method(Some("REQUEST".into())).check().is_err());
    /// # Ok::<(), docket::Error>(())
    /// ```
    pub fn organizer(mut self, organizer: Option<String>) -> FeedOptions {
        self.organizer = organizer;
        self
    }

    /// The ORGANIZER the feed writes: the one set, else with METHOD:PUBLISH
    /// `mailto:noreply@DOMAIN`, else none.
    pub fn organizer_address(&self) -> Option<String> {
        match (&self.organizer, self.publishes()) {
            (Some(o), _) => Some(o.clone()),
            (None, true) => Some(format!("mailto:noreply@{}", self.domain)),
            (None, false) => None,
        }
    }

    /// True with METHOD:PUBLISH.
    fn publishes(&self) -> bool {
        self.method
            .as_deref()
            .is_some_and(|m| m.eq_ignore_ascii_case("PUBLISH"))
    }

    /// Checks what the options write outside TEXT values.
    ///
    /// # Errors
    /// A METHOD other than PUBLISH, or an ORGANIZER (set, or the default
    /// one derived from the domain) that is not a URI (`scheme:rest`,
    /// without spaces, quotes, control or non-ASCII characters).
    pub fn check(&self) -> Result<()> {
        if let Some(m) = &self.method {
            if !self.publishes() {
                return Err(Error::invalid(format!(
                    "method \"{m}\": only PUBLISH is supported (RFC 5546: the other \
                     methods address attendees, and a feed has none)"
                )));
            }
        }
        match (&self.organizer, self.organizer_address()) {
            (Some(o), _) if !is_cal_address(o) => Err(Error::invalid(format!(
                "organizer \"{o}\": not a calendar address such as mailto:clerk@example.com"
            ))),
            (None, Some(o)) if !is_cal_address(&o) => Err(Error::invalid(format!(
                "organizer: METHOD:PUBLISH needs one, and the default from the domain, \
                 \"{o}\", is not a calendar address; give one such as mailto:clerk@example.com"
            ))),
            _ => Ok(()),
        }
    }

    /// Only items from `from` through `to`; recurring duties are expanded
    /// through `to` (or `horizon`).
    pub fn window(mut self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> FeedOptions {
        self.from = from;
        self.to = to;
        self
    }

    /// Expand recurring duties through this date.
    pub fn horizon(mut self, horizon: Option<NaiveDate>) -> FeedOptions {
        self.horizon = horizon;
        self
    }

    /// The schedule a feed shows: the window and horizon of the options.
    pub(super) fn schedule_options(&self) -> ScheduleOptions {
        // A feed writes every explanation: written as the schedule goes.
        ScheduleOptions::new()
            .window(self.from, self.to)
            .horizon(self.horizon)
            .explain_eagerly(true)
    }
}

/// A calendar user address (RFC 5545 section 3.3.3): a URI, `scheme:rest`,
/// of printable ASCII URI characters (RFC 3986), at most 1024 of them.
pub(super) fn is_cal_address(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    let mut sc = scheme.chars();
    s.len() <= 1024
        && sc.next().is_some_and(|c| c.is_ascii_alphabetic())
        && sc.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !rest.is_empty()
        && rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c))
}
