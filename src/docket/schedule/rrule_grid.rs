//! The dates of an `rrule`. Rules whose dates are a fixed number of days
//! apart (`FREQ=DAILY` or `FREQ=WEEKLY`, with only `INTERVAL` and `COUNT`)
//! are counted directly; every other rule is expanded by the `rrule` crate.
//! The two give the same dates (a test compares them on random rules).

use chrono::{Days, NaiveDate};

use crate::error::{Error, Result};

/// Parses an RFC 5545 RRULE value the way schedules use it.
pub(crate) fn check_rrule(rule: &str) -> Result<()> {
    rrule_set(
        rule,
        NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default(),
    )
    .map(|_| ())
}

pub(super) fn rrule_set(rule: &str, start: NaiveDate) -> Result<rrule::RRuleSet> {
    let rule = rule.trim();
    let rule = rule.strip_prefix("RRULE:").unwrap_or(rule);
    if rule.contains(['\n', '\r']) || rule.to_ascii_uppercase().contains("DTSTART") {
        return Err(Error::invalid(
            "give only the RRULE value (e.g. FREQ=WEEKLY;INTERVAL=2); its DTSTART is first_due",
        ));
    }
    let text = format!("DTSTART:{}T000000Z\nRRULE:{rule}", start.format("%Y%m%d"));
    text.parse::<rrule::RRuleSet>()
        .map_err(|e| Error::invalid(format!("\"{rule}\": {e}")))
}

/// The dates of an `rrule` after `start` (occurrence 1): through the
/// horizon (as many as the steps of the recurrence may take, merged
/// occurrences included), and enough for occurrence `need` when the rule
/// gives that many; and whether the rule goes on past them.
pub(super) fn rrule_grid(
    rule: &str,
    start: NaiveDate,
    horizon: NaiveDate,
    cap: u32,
    need: u32,
) -> Result<(Vec<NaiveDate>, bool)> {
    let limit = u16::try_from(cap.saturating_mul(8).saturating_add(17)).unwrap_or(u16::MAX);
    match Stride::parse(rule) {
        Some(s) => Ok(s.grid(start, horizon, limit, need)),
        None => by_crate(rule, start, horizon, limit, need),
    }
}

/// [`rrule_grid`] by the `rrule` crate, in one pass of its iterator: the
/// dates through the horizon, then one more to know whether the rule goes
/// on (or, for an occurrence named past the horizon, on to `limit`).
fn by_crate(
    rule: &str,
    start: NaiveDate,
    horizon: NaiveDate,
    limit: u16,
    need: u32,
) -> Result<(Vec<NaiveDate>, bool)> {
    let set = rrule_set(rule, start)?;
    let limit = usize::from(limit);
    let mut dates = (&set).into_iter().map(|t| t.date_naive());
    // Occurrence 1 is `first_due`; the others are the rule's dates after
    // it (the rule's own first date is `first_due` when the two agree).
    let mut listed = 0;
    let mut after = Vec::new();
    let mut past = None;
    while listed < limit {
        match dates.next() {
            Some(d) if d <= horizon => {
                listed += 1;
                if d > start {
                    after.push(d);
                }
            }
            Some(d) => {
                past = Some(d);
                break;
            }
            None => break,
        }
    }
    if (after.len() as u32).saturating_add(1) < need {
        // An occurrence named with `occurrence = N` lies past the horizon:
        // take the rule's dates regardless of it.
        for d in past.into_iter().chain(dates) {
            if listed >= limit {
                break;
            }
            listed += 1;
            if d > start {
                after.push(d);
            }
        }
        return Ok((after, listed >= limit));
    }
    Ok((after, listed >= limit || past.is_some()))
}

/// A rule whose dates are `days` apart from the start, `count` of them (or
/// without end).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stride {
    days: u64,
    count: Option<u32>,
}

impl Stride {
    /// The rule, when it is `FREQ=DAILY` or `FREQ=WEEKLY` with at most
    /// `INTERVAL` and `COUNT` besides; `None` for any other (the crate then
    /// expands it). Only rules the crate accepted reach here (validation
    /// parses every rule with it).
    fn parse(rule: &str) -> Option<Stride> {
        let rule = rule.trim();
        let rule = rule.strip_prefix("RRULE:").unwrap_or(rule);
        let (mut unit, mut interval, mut count) = (None, None, None);
        for part in rule.split(';') {
            let (key, value) = part.split_once('=')?;
            let number = || value.parse::<u32>().ok().filter(|n| *n > 0);
            if key.eq_ignore_ascii_case("FREQ") && unit.is_none() {
                unit = Some(if value.eq_ignore_ascii_case("DAILY") {
                    1
                } else if value.eq_ignore_ascii_case("WEEKLY") {
                    7
                } else {
                    return None;
                });
            } else if key.eq_ignore_ascii_case("INTERVAL") && interval.is_none() {
                interval = Some(number()?);
            } else if key.eq_ignore_ascii_case("COUNT") && count.is_none() {
                count = Some(number()?);
            } else {
                return None;
            }
        }
        Some(Stride {
            days: unit? * u64::from(interval.unwrap_or(1)),
            count,
        })
    }

    /// Occurrence `i` (from 0, the start).
    fn date(&self, start: NaiveDate, i: u32) -> Option<NaiveDate> {
        if self.count.is_some_and(|c| i >= c) {
            return None;
        }
        start.checked_add_days(Days::new(self.days.checked_mul(u64::from(i))?))
    }

    /// The dates after `start`, at most `limit` with it, through `until`
    /// when given; and whether `limit` was reached.
    fn dates(
        &self,
        start: NaiveDate,
        until: Option<NaiveDate>,
        limit: u16,
    ) -> (Vec<NaiveDate>, bool) {
        let mut after = Vec::new();
        let mut listed: u32 = 0;
        while listed < u32::from(limit) {
            match self.date(start, listed) {
                Some(d) if until.is_none_or(|u| d <= u) => {
                    if d > start {
                        after.push(d);
                    }
                    listed += 1;
                }
                _ => break,
            }
        }
        (after, listed >= u32::from(limit))
    }

    /// What [`by_crate`] gives for this rule.
    fn grid(
        &self,
        start: NaiveDate,
        horizon: NaiveDate,
        limit: u16,
        need: u32,
    ) -> (Vec<NaiveDate>, bool) {
        let (through, full) = self.dates(start, Some(horizon), limit);
        if (through.len() as u32).saturating_add(1) < need {
            return self.dates(start, None, limit);
        }
        // Occurrences listed: the start and those after it.
        let listed = through.len() as u32 + 1;
        let goes_on = full || self.date(start, listed).is_some();
        (through, goes_on)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(offset: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(1995, 1, 1).unwrap() + Days::new(offset.into())
    }

    #[test]
    fn simple_rules_are_counted_directly_others_are_not() {
        let s = Stride::parse("FREQ=WEEKLY;INTERVAL=2;COUNT=10").unwrap();
        assert_eq!((s.days, s.count), (14, Some(10)));
        assert_eq!(Stride::parse("RRULE:freq=daily").unwrap().days, 1);
        for other in [
            "FREQ=MONTHLY",
            "FREQ=WEEKLY;BYDAY=MO,WE",
            "FREQ=DAILY;UNTIL=20250101",
            "FREQ=WEEKLY;WKST=SU",
            "FREQ=DAILY;INTERVAL=0",
            "FREQ=DAILY;COUNT=3;COUNT=4",
            "FREQ=DAILY;",
        ] {
            assert_eq!(Stride::parse(other), None, "{other}");
        }
    }

    /// The crate's dates as `all`, `before` and `after` give them: what
    /// [`by_crate`] must give in its one pass.
    fn by_crate_in_three_passes(
        rule: &str,
        start: NaiveDate,
        horizon: NaiveDate,
        limit: u16,
        need: u32,
    ) -> (Vec<NaiveDate>, bool) {
        let set = rrule_set(rule, start).unwrap();
        let end = horizon
            .and_hms_opt(23, 59, 59)
            .unwrap()
            .and_utc()
            .with_timezone(&rrule::Tz::UTC);
        let dates = |set: rrule::RRuleSet| -> (Vec<NaiveDate>, bool) {
            let all = set.all(limit).dates;
            let full = all.len() >= usize::from(limit);
            let after = all
                .iter()
                .map(|t| t.date_naive())
                .filter(|d| *d > start)
                .collect();
            (after, full)
        };
        let (through, full) = dates(set.clone().before(end));
        if (through.len() as u32).saturating_add(1) < need {
            return dates(set);
        }
        let goes_on = full || !set.after(end).all(1).dates.is_empty();
        (through, goes_on)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

        /// One pass of the crate's iterator gives what its `all`, `before`
        /// and `after` give, on rules of every kind.
        #[test]
        fn one_pass_gives_the_crates_dates(
            rule in prop::sample::select(vec![
                "FREQ=MONTHLY;BYDAY=2TU",
                "FREQ=MONTHLY;BYMONTHDAY=21;COUNT=12",
                "FREQ=MONTHLY;BYMONTHDAY=31",
                "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=30",
                "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
                "FREQ=MONTHLY;BYDAY=-1FR;INTERVAL=2;COUNT=9",
                "FREQ=DAILY;INTERVAL=3",
            ]),
            start in 0u32..20_000,
            span in 0u32..2_000,
            cap in 1u32..40,
            need in 0u32..80,
        ) {
            let (start, horizon) = (day(start), day(start + span));
            let limit = u16::try_from(cap * 8 + 17).unwrap();
            let one = by_crate(rule, start, horizon, limit, need).unwrap();
            prop_assert_eq!(one, by_crate_in_three_passes(rule, start, horizon, limit, need), "{}", rule);
        }

        /// The direct count gives the crate's dates, its "goes on" and the
        /// dates past the horizon an occurrence named elsewhere needs.
        #[test]
        fn direct_dates_are_the_crates(
            weekly in any::<bool>(),
            interval in proptest::option::of(1u32..9),
            count in proptest::option::of(1u32..60),
            start in 0u32..20_000,
            span in 0u32..800,
            cap in 1u32..40,
            need in 0u32..80,
        ) {
            let mut rule = format!("FREQ={}", if weekly { "WEEKLY" } else { "DAILY" });
            if let Some(i) = interval {
                rule.push_str(&format!(";INTERVAL={i}"));
            }
            if let Some(c) = count {
                rule.push_str(&format!(";COUNT={c}"));
            }
            let (start, horizon) = (day(start), day(start + span));
            let stride = Stride::parse(&rule).unwrap();
            let limit = u16::try_from(cap * 8 + 17).unwrap();
            let direct = stride.grid(start, horizon, limit, need);
            let crate_ = by_crate_in_three_passes(&rule, start, horizon, limit, need);
            prop_assert_eq!(direct, crate_, "{}", rule);
        }
    }
}
