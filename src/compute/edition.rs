//! Which version of a time-computation rule applies, and what it says.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Service;
use crate::calendar::RuleFamily;

const fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(d) => d,
        None => NaiveDate::MIN,
    }
}

/// December 1, 1996: FRAP 26(c) adds the 3 days for any service not
/// delivered on the date stated in the proof of service (before, for mail
/// only).
pub(crate) const DEC_1996: NaiveDate = ymd(1996, 12, 1);
/// December 1, 2005: FRCP 6(e) and FRBP 9006(f) add the 3 days "after the
/// prescribed period would otherwise expire".
pub(crate) const DEC_2005: NaiveDate = ymd(2005, 12, 1);

/// December 1, 2001: electronic service joins the 3-day rule (FRCP 6(e),
/// FRBP 9006(f)).
pub(crate) const DEC_2001: NaiveDate = ymd(2001, 12, 1);
/// December 1, 2002: FRAP 26(a)(2) moves from "less than 7 days" to "less
/// than 11 days".
pub(crate) const DEC_2002: NaiveDate = ymd(2002, 12, 1);
/// December 1, 2007: the restyled civil rules renumber 6(e) as 6(d).
pub(crate) const DEC_2007: NaiveDate = ymd(2007, 12, 1);
/// December 1, 2009: the time-computation amendments (count every day).
pub(crate) const DEC_2009: NaiveDate = ymd(2009, 12, 1);
/// December 1, 2016: electronic service no longer adds 3 days.
pub(crate) const DEC_2016: NaiveDate = ymd(2016, 12, 1);
/// December 1, 2019: FRAP 26(c) rewritten.
pub(crate) const DEC_2019: NaiveDate = ymd(2019, 12, 1);

/// The version of a rule family's time-computation rule in force on a date.
///
/// Amendments take effect on December 1; the rule that governs a period is
/// the one in force when the period starts (the trigger date), unless the
/// caller picks another date with
/// [`Request::rules_as_of`](super::Request::rules_as_of).
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use docket::calendar::RuleFamily;
/// use docket::compute::Edition;
///
/// let e = Edition::in_force(RuleFamily::Civil, NaiveDate::from_ymd_opt(2009, 4, 16).unwrap());
/// assert_eq!(e.short_period_limit(), Some(11));
/// let e = Edition::in_force(RuleFamily::Civil, NaiveDate::from_ymd_opt(2010, 1, 4).unwrap());
/// assert_eq!(e.short_period_limit(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Edition {
    family: RuleFamily,
    as_of: NaiveDate,
}

impl Edition {
    /// The edition of `family` in force on `date`.
    pub fn in_force(family: RuleFamily, date: NaiveDate) -> Edition {
        Edition {
            family,
            as_of: date,
        }
    }

    /// The rule family.
    pub fn family(self) -> RuleFamily {
        self.family
    }

    /// The date whose rules apply.
    pub fn as_of(self) -> NaiveDate {
        self.as_of
    }

    /// True for the rules before the December 1, 2009 amendments.
    pub fn is_pre_2009(self) -> bool {
        self.family != RuleFamily::Plain && self.as_of < DEC_2009
    }

    /// Periods in days shorter than this exclude intermediate Saturdays,
    /// Sundays and legal holidays (the rules before December 1, 2009:
    /// FRCP 6(a) less than 11 days, FRBP 9006(a) less than 8 days, FRAP
    /// 26(a)(2) less than 7 days until December 1, 2002 and less than 11
    /// days after).
    pub fn short_period_limit(self) -> Option<u32> {
        if !self.is_pre_2009() {
            return None;
        }
        match self.family {
            RuleFamily::Civil => Some(11),
            RuleFamily::Bankruptcy => Some(8),
            RuleFamily::Appellate if self.as_of < DEC_2002 => Some(7),
            RuleFamily::Appellate => Some(11),
            RuleFamily::Plain => None,
        }
    }

    /// Whether state holidays count for periods measured before an event.
    /// Since December 1, 2009 they count only for periods measured after an
    /// event ((a)(6)(C)); before, the rules did not distinguish.
    pub fn state_days_count_backward(self) -> bool {
        self.is_pre_2009()
    }

    /// Days added after service by `method`, with the governing citation.
    pub fn service_days(self, method: Service) -> u32 {
        let d = self.as_of;
        match self.family {
            RuleFamily::Plain => 0,
            RuleFamily::Civil | RuleFamily::Bankruptcy => match method {
                Service::Mail => 3,
                Service::Electronic => u32::from((DEC_2001..DEC_2016).contains(&d)) * 3,
                Service::LeavingWithClerk | Service::Other => u32::from(d >= DEC_2001) * 3,
                Service::Hand => 0,
            },
            // Before Dec. 1, 1996, FRAP 26(c) added the days for service by
            // mail only ("and the paper is served by mail").
            RuleFamily::Appellate if d < DEC_1996 => u32::from(method == Service::Mail) * 3,
            RuleFamily::Appellate => match method {
                // Delivered on the date of service stated in the proof.
                Service::Hand => 0,
                Service::Electronic => u32::from((DEC_2002..DEC_2016).contains(&d)) * 3,
                Service::Mail | Service::LeavingWithClerk | Service::Other => 3,
            },
        }
    }

    /// The unsettled question of how the service days join the period,
    /// when this edition's text leaves it open: FRCP 6(e) and FRBP 9006(f)
    /// before Dec. 1, 2005 ("3 days shall be added to the prescribed
    /// period"), FRAP 26(c) before Dec. 1, 2009 ("added to the prescribed
    /// period"). Since then the text says the days are added "after the
    /// period would otherwise expire".
    pub fn service_question(self) -> Option<&'static str> {
        match self.family {
            RuleFamily::Civil | RuleFamily::Bankruptcy if self.as_of < DEC_2005 => {
                Some("service-days-pre-2005")
            }
            RuleFamily::Appellate if self.as_of < DEC_2009 => Some("frap-service-days-pre-2009"),
            _ => None,
        }
    }

    /// True if the text in force could be read to add the service days as
    /// business days (rejected in CNPq v. Inter-Trade, 50 F.3d 56 (D.C. Cir.
    /// 1995)); FRAP 26(c) says "calendar days" from Dec. 1, 1996.
    pub fn service_days_may_be_business_days(self) -> bool {
        match self.family {
            RuleFamily::Civil | RuleFamily::Bankruptcy => self.as_of < DEC_2005,
            RuleFamily::Appellate => self.as_of < DEC_1996,
            RuleFamily::Plain => false,
        }
    }

    /// The citation of a subdivision of the rule, e.g. `cite("(a)(1)(C)")` is
    /// "Fed. R. Civ. P. 6(a)(1)(C)".
    ///
    /// Before December 1, 2009 the rules were numbered differently; the
    /// subdivision is mapped to the one that said the same thing then
    /// (FRCP 6(a) and FRBP 9006(a) were single paragraphs; FRAP 26(a) had
    /// (1) exclude the day of the act, (2) short periods, (3) the last day,
    /// (4) legal holidays).
    pub fn cite(self, sub: &str) -> String {
        if !self.is_pre_2009() {
            return format!("{}{sub}", self.family.citation());
        }
        let old = match (self.family, sub) {
            (RuleFamily::Appellate, "(a)(1)(A)-(B)") => "(a)(1)",
            (RuleFamily::Appellate, "(a)(short)") => "(a)(2)",
            (RuleFamily::Appellate, s) if s.starts_with("(a)(1)(C)") || s.starts_with("(a)(3)") => {
                "(a)(3)"
            }
            (RuleFamily::Appellate, s) if s.starts_with("(a)(6)") => "(a)(4)",
            _ => "(a)",
        };
        format!("{}{old} (before Dec. 1, 2009)", self.family.citation())
    }

    /// The citation of the service-days provision in force.
    pub fn service_cite(self) -> &'static str {
        match self.family {
            RuleFamily::Civil if self.as_of < DEC_2007 => "Fed. R. Civ. P. 6(e)",
            RuleFamily::Civil => "Fed. R. Civ. P. 6(d)",
            RuleFamily::Bankruptcy => "Fed. R. Bankr. P. 9006(f)",
            RuleFamily::Appellate => "Fed. R. App. P. 26(c)",
            RuleFamily::Plain => "no service rule",
        }
    }

    /// A short name of the version ("Fed. R. Civ. P. 6 as amended Dec. 1,
    /// 2016").
    pub fn name(self) -> String {
        let f = self.family.citation();
        if self.family == RuleFamily::Plain {
            return f.to_string();
        }
        let d = self.as_of;
        let since = if d >= DEC_2019 && self.family == RuleFamily::Appellate {
            "as amended Dec. 1, 2019"
        } else if d >= DEC_2016 {
            "as amended Dec. 1, 2016"
        } else if d >= DEC_2009 {
            "as amended Dec. 1, 2009"
        } else {
            "before the Dec. 1, 2009 amendments"
        };
        format!("{f} {since}")
    }
}

impl fmt::Display for Edition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_days_history() {
        let civil = |y, m, d| Edition::in_force(RuleFamily::Civil, ymd(y, m, d));
        assert_eq!(civil(2016, 11, 18).service_days(Service::Electronic), 3);
        assert_eq!(civil(2016, 12, 1).service_days(Service::Electronic), 0);
        assert_eq!(civil(2000, 1, 1).service_days(Service::Electronic), 0);
        assert_eq!(civil(2000, 1, 1).service_days(Service::Mail), 3);
        assert_eq!(civil(2020, 1, 1).service_days(Service::Hand), 0);
        let app = |y, m, d| Edition::in_force(RuleFamily::Appellate, ymd(y, m, d));
        assert_eq!(app(2015, 1, 1).service_days(Service::Electronic), 3);
        assert_eq!(app(2020, 1, 1).service_days(Service::Electronic), 0);
        assert_eq!(app(2020, 1, 1).service_days(Service::Mail), 3);
        assert_eq!(app(2001, 1, 1).short_period_limit(), Some(7));
        assert_eq!(app(2003, 1, 1).short_period_limit(), Some(11));
        let bk = Edition::in_force(RuleFamily::Bankruptcy, ymd(2009, 4, 16));
        assert_eq!(bk.short_period_limit(), Some(8));
        assert_eq!(civil(2007, 1, 1).service_cite(), "Fed. R. Civ. P. 6(e)");
        assert_eq!(civil(2008, 1, 1).service_cite(), "Fed. R. Civ. P. 6(d)");
    }
}
