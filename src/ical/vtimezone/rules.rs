//! Yearly rules recovered from a zone's transitions.
//!
//! A *series* is a run of transitions, one a year in consecutive years, that
//! share their offsets (before and after, abbreviation and DST part
//! included), their month, their wall-clock time and a day-of-month rule
//! ("second Sunday", "last Sunday", "first Friday on or after the 23rd",
//! "the 21st"). A series of two or more becomes one `RRULE`; its onsets are
//! then exactly the transitions it was built from, so no rule is ever
//! assumed, only recognised.

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use chrono_tz::{Tz, TzOffset};

use super::probe::{transitions, year_start, Transition};

/// Which day of its month a yearly onset falls on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DayRule {
    /// The n-th (1..=4) such weekday of the month: `BYDAY=2SU`.
    Nth(Weekday, u32),
    /// The last such weekday of the month: `BYDAY=-1SU`.
    Last(Weekday),
    /// The first such weekday on or after day d (from 2 to the month's
    /// shortest length less 6, other than the `Nth` starts 8, 15 and 22):
    /// `BYMONTHDAY=d,..,d+6;BYDAY=SU`.
    OnOrAfter(Weekday, u32),
    /// A fixed day of the month: `BYMONTHDAY=d`.
    Fixed(u32),
}

impl DayRule {
    /// Every rule `date` satisfies, most widely supported first (the one written
    /// is the first that holds for all of a series).
    fn candidates(date: NaiveDate) -> Vec<DayRule> {
        let (wd, day) = (date.weekday(), date.day());
        let mut out = Vec::new();
        if day <= 28 {
            out.push(DayRule::Nth(wd, (day - 1) / 7 + 1));
        }
        if day + 7 > month_len(date) {
            out.push(DayRule::Last(wd));
        }
        // A window must fit in the month every year (February: 22..=28).
        let latest_start = shortest_month_len(date.month()) - 6;
        for start in day.saturating_sub(6).max(2)..=day.min(latest_start) {
            if !matches!(start, 8 | 15 | 22) {
                out.push(DayRule::OnOrAfter(wd, start));
            }
        }
        if day <= shortest_month_len(date.month()) {
            out.push(DayRule::Fixed(day));
        }
        out
    }

    /// True when the rule picks `date` in its month.
    fn matches(self, date: NaiveDate) -> bool {
        let (wd, day) = (date.weekday(), date.day());
        match self {
            DayRule::Nth(w, n) => w == wd && (day - 1) / 7 + 1 == n,
            DayRule::Last(w) => w == wd && day + 7 > month_len(date),
            DayRule::OnOrAfter(w, start) => w == wd && (start..start + 7).contains(&day),
            DayRule::Fixed(d) => d == day,
        }
    }

    /// The `BYMONTHDAY`/`BYDAY` parts of the rule's `RRULE`.
    pub(super) fn rrule_parts(self) -> String {
        match self {
            DayRule::Nth(w, n) => format!("BYDAY={n}{}", weekday_code(w)),
            DayRule::Last(w) => format!("BYDAY=-1{}", weekday_code(w)),
            DayRule::OnOrAfter(w, start) => {
                let days: Vec<String> = (start..start + 7).map(|d| d.to_string()).collect();
                format!("BYMONTHDAY={};BYDAY={}", days.join(","), weekday_code(w))
            }
            DayRule::Fixed(d) => format!("BYMONTHDAY={d}"),
        }
    }
}

/// RFC 5545 weekday code.
fn weekday_code(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

/// Days in the month of `date`.
fn month_len(date: NaiveDate) -> u32 {
    let (y, m) = (date.year(), date.month());
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
    };
    next.and_then(|n| n.pred_opt())
        .map_or(28, |last| last.day())
}

/// Days in `month` in its shortest year (February: 28).
fn shortest_month_len(month: u32) -> u32 {
    match month {
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// What the onsets of one series have in common.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Key {
    before: TzOffset,
    after: TzOffset,
    month: u32,
    time: NaiveTime,
}

impl Key {
    fn of(t: &Transition) -> Key {
        let wall = t.wall();
        Key {
            before: t.before,
            after: t.after,
            month: wall.month(),
            time: wall.time(),
        }
    }
}

/// Transitions one a year in consecutive years, sharing offsets, month, time and a day rule.
#[derive(Debug, Clone)]
pub(super) struct Series {
    key: Key,
    /// The first onset.
    pub first: Transition,
    /// The last onset.
    pub last: Transition,
    /// Number of onsets.
    pub count: u32,
    /// The day rules every onset satisfies, in order of preference.
    rules: Vec<DayRule>,
    /// The series goes on past the last onset found (an open-ended `RRULE`).
    pub open: bool,
}

impl Series {
    fn new(t: Transition) -> Series {
        Series {
            key: Key::of(&t),
            first: t,
            last: t,
            count: 1,
            rules: DayRule::candidates(t.wall().date()),
            open: false,
        }
    }

    /// The rules left if `t` joined the series in `year`; `None` when it cannot.
    fn joined(&self, t: &Transition, year: i32) -> Option<Vec<DayRule>> {
        let date = t.wall().date();
        if Key::of(t) != self.key || date.year() != year {
            return None;
        }
        let rules: Vec<DayRule> = self
            .rules
            .iter()
            .copied()
            .filter(|r| r.matches(date))
            .collect();
        (!rules.is_empty()).then_some(rules)
    }

    /// The yearly rule when the series has more than one onset (or goes on).
    pub(super) fn rule(&self) -> Option<DayRule> {
        if self.count > 1 || self.open {
            self.rules.first().copied()
        } else {
            None
        }
    }
}

/// Groups transitions (in time order) into series.
pub(super) fn group(found: &[Transition]) -> Vec<Series> {
    let mut out: Vec<Series> = Vec::new();
    for t in found {
        let key = Key::of(t);
        let last = out.iter().rposition(|s| s.key == key);
        match last.and_then(|i| {
            let s = &out[i];
            s.joined(t, s.last.wall().year() + 1).map(|r| (i, r))
        }) {
            Some((i, rules)) => {
                let s = &mut out[i];
                s.last = *t;
                s.count += 1;
                s.rules = rules;
            }
            None => out.push(Series::new(*t)),
        }
    }
    out
}

/// Which end of the searched years an extension works on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum End {
    /// Earlier years, before the first searched one.
    Start,
    /// Later years, after the last searched one.
    Finish,
}

/// Extends the series that reach `end` of the searched UTC years
/// `years` (inclusive) by whole years, at most `max_years`, while each
/// further year's transitions are exactly one onset of each such series and
/// never below `limit` (an earliest or latest year). Returns the new bound and
/// how many years were added.
pub(super) fn extend(
    tz: Tz,
    series: &mut [Series],
    years: (i32, i32),
    end: End,
    max_years: u32,
    limit: i32,
) -> (i32, u32) {
    let (mut lo, mut hi) = years;
    let mut added = 0;
    while added < max_years {
        let (year, edge) = match end {
            End::Start => (lo - 1, lo),
            End::Finish => (hi + 1, hi),
        };
        if (end == End::Start && year < limit) || (end == End::Finish && year > limit) {
            break;
        }
        let (edge_start, edge_end) = (year_start(edge), year_start(edge + 1));
        let alive: Vec<usize> = series
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                let at = match end {
                    End::Start => s.first.at,
                    End::Finish => s.last.at,
                };
                at >= edge_start && at < edge_end
            })
            .map(|(i, _)| i)
            .collect();
        if alive.is_empty() {
            break;
        }
        let found = transitions(tz, year_start(year), year_start(year + 1), alive.len() + 1);
        if found.len() != alive.len() {
            break;
        }
        let mut joins = Vec::with_capacity(found.len());
        for t in &found {
            let hit = alive.iter().find_map(|&i| {
                if joins.iter().any(|(j, _, _)| *j == i) {
                    return None;
                }
                let s = &series[i];
                let onset_year = match end {
                    End::Start => s.first.wall().year() - 1,
                    End::Finish => s.last.wall().year() + 1,
                };
                s.joined(t, onset_year).map(|r| (i, *t, r))
            });
            match hit {
                Some(j) => joins.push(j),
                None => break,
            }
        }
        if joins.len() != alive.len() {
            break;
        }
        for (i, t, rules) in joins {
            let s = &mut series[i];
            match end {
                End::Start => s.first = t,
                End::Finish => s.last = t,
            }
            s.count += 1;
            s.rules = rules;
        }
        match end {
            End::Start => lo = year,
            End::Finish => hi = year,
        }
        added += 1;
    }
    (if end == End::Start { lo } else { hi }, added)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn candidates_and_matches_agree() {
        let mut d = date(2020, 1, 1);
        while d < date(2030, 1, 1) {
            let all = DayRule::candidates(d);
            assert!(!all.is_empty(), "{d}");
            for r in &all {
                assert!(r.matches(d), "{r:?} {d}");
                // Exactly one day of the month satisfies the rule.
                let first = d.with_day(1).unwrap();
                let hits = first
                    .iter_days()
                    .take_while(|x| x.month() == d.month())
                    .filter(|x| r.matches(*x))
                    .count();
                assert_eq!(hits, 1, "{r:?} in {}-{}", d.year(), d.month());
            }
            d = d.succ_opt().unwrap();
        }
    }

    #[test]
    fn preferred_rule_for_us_dates() {
        // Second Sunday of March 2025, first Sunday of November 2025.
        assert_eq!(
            DayRule::candidates(date(2025, 3, 9))[0],
            DayRule::Nth(Weekday::Sun, 2)
        );
        assert_eq!(
            DayRule::candidates(date(2025, 11, 2))[0],
            DayRule::Nth(Weekday::Sun, 1)
        );
        // Last Sunday of October 2025 (26th) is also the fourth.
        let c = DayRule::candidates(date(2025, 10, 26));
        assert!(c.contains(&DayRule::Last(Weekday::Sun)));
        assert!(c.contains(&DayRule::Nth(Weekday::Sun, 4)));
        // 2023-10-29 is the last Sunday of October and the fifth.
        assert!(DayRule::Last(Weekday::Sun).matches(date(2023, 10, 29)));
        assert!(!DayRule::Nth(Weekday::Sun, 4).matches(date(2023, 10, 29)));
        // The 31st is last but not fourth.
        assert_eq!(
            DayRule::candidates(date(2024, 3, 31))[0],
            DayRule::Last(Weekday::Sun)
        );
    }

    #[test]
    fn rrule_parts() {
        assert_eq!(DayRule::Nth(Weekday::Sun, 2).rrule_parts(), "BYDAY=2SU");
        assert_eq!(DayRule::Last(Weekday::Fri).rrule_parts(), "BYDAY=-1FR");
        assert_eq!(
            DayRule::OnOrAfter(Weekday::Fri, 23).rrule_parts(),
            "BYMONTHDAY=23,24,25,26,27,28,29;BYDAY=FR"
        );
        assert_eq!(DayRule::Fixed(21).rrule_parts(), "BYMONTHDAY=21");
    }

    #[test]
    fn month_lengths() {
        assert_eq!(month_len(date(2024, 2, 10)), 29);
        assert_eq!(month_len(date(2025, 2, 10)), 28);
        assert_eq!(month_len(date(2025, 12, 31)), 31);
        assert_eq!(month_len(date(2025, 4, 1)), 30);
    }
}
