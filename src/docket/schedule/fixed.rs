//! Dates set by order ("on or before April 22, 2009", "the 21st of each
//! month", an extension to a date): they stand as written. The date a
//! computed period would roll to is a later reading (question
//! `fixed-date-roll`), unless the docket chose the roll itself.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate, Weekday};

use super::output::Reading;
use super::reason;
use super::relative::Computed;
use super::CheckedDocket;
use crate::calendar::{Calendar, RuleFamily};
use crate::compute::{Period, Request, Roll};
use crate::error::Result;

/// The id of the question whether a date set by order rolls off a closed
/// day.
pub(super) const FIXED_DATE_ROLL: &str = "fixed-date-roll";

pub(super) const VIOLETTE: &str = "Violette v. P.A. Days, Inc., 427 F.3d 1015 (6th Cir. 2005)";

/// The time-computation rule of the family and its 2009 Committee Note,
/// which says the rule does not reach a fixed time to act.
pub(super) fn note(family: RuleFamily) -> &'static str {
    match family {
        RuleFamily::Bankruptcy => "Fed. R. Bankr. P. 9006(a), 2009 Committee Note",
        RuleFamily::Appellate => "Fed. R. App. P. 26(a), 2009 Committee Note",
        RuleFamily::Civil | RuleFamily::Plain => "Fed. R. Civ. P. 6(a), 2009 Committee Note",
    }
}

/// Why a date set by order stands, cited for the docket's rule family
/// (written once per family, not for each deadline).
pub(super) fn stands(family: RuleFamily) -> &'static str {
    static TEXT: [std::sync::OnceLock<String>; 3] = [const { std::sync::OnceLock::new() }; 3];
    let i = match family {
        RuleFamily::Bankruptcy => 0,
        RuleFamily::Appellate => 1,
        RuleFamily::Civil | RuleFamily::Plain => 2,
    };
    TEXT[i].get_or_init(|| {
        format!(
            "a date set by order is not computed and does not roll ({}: the time-computation \
             provisions \"do not apply when a fixed time to act is set\"; {VIOLETTE})",
            note(family)
        )
    })
}

/// The authorities of the question.
fn cites(family: RuleFamily) -> Vec<Cow<'static, str>> {
    vec![Cow::Borrowed(note(family)), Cow::Borrowed(VIOLETTE)]
}

/// Who settled whether a date set by order rolls.
enum Who<'a> {
    /// The docket's own `roll`.
    Docket(Roll),
    /// A settlement of the calendar, by its authority.
    Calendar(&'a str),
}

impl std::fmt::Display for Who<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Who::Docket(r) => write!(f, "roll = \"{}\" (the docket chose it)", roll_name(*r)),
            Who::Calendar(a) => write!(f, "settled for this calendar by {a}"),
        }
    }
}

/// `due on <date>`: how a date set by order opens its explanation.
pub(super) fn due_on(date: NaiveDate) -> String {
    let mut s = String::with_capacity(24);
    s.push_str("due on ");
    crate::docket::date_text::push_date(&mut s, date);
    s
}

/// What a day is, when it is not an ordinary court day ("a Sunday",
/// "Martin Luther King Jr.'s Birthday"); "not a court day" when the calendar
/// names nothing.
pub(super) fn closed_because(cal: &Calendar, date: NaiveDate) -> Cow<'static, str> {
    let mut names: Vec<&str> = cal
        .notes_on(date)
        .iter()
        .filter(|n| !n.status.is_disputed())
        .map(|n| n.name.as_str())
        .collect();
    names.dedup();
    match (cal.is_weekend(date), names.is_empty()) {
        (false, true) => Cow::Borrowed("not a court day"),
        (true, true) => Cow::Borrowed(a_weekday(date.weekday())),
        (false, false) => names.join(", ").into(),
        (true, false) => format!("{} ({})", a_weekday(date.weekday()), names.join(", ")).into(),
    }
}

impl CheckedDocket {
    /// A date set by order. `lead` opens the explanation ("due on
    /// 2009-04-22"). `roll` is a roll the docket chose itself (`forward`,
    /// `backward` or `none` in `repeat`); `None` or `rule` leaves the
    /// question open: the date is due, the rolled date a later reading.
    pub(super) fn fixed(
        &self,
        date: NaiveDate,
        roll: Option<Roll>,
        lead: impl FnOnce() -> String,
        explain: bool,
    ) -> Result<Computed> {
        let mut c = Computed::on(date);
        // Who settled the question here, if anyone: the docket's own roll,
        // else a settlement of the calendar (`[calendar]`, an announcement).
        let chosen: Option<(Roll, Who<'_>)> = match roll.filter(|r| *r != Roll::Rule) {
            Some(r) => Some((r, Who::Docket(r))),
            None => self.0.calendar.settled(FIXED_DATE_ROLL).map(|s| {
                let r = if s.reading == "roll" {
                    Roll::Forward
                } else {
                    Roll::None
                };
                (r, Who::Calendar(&s.authority))
            }),
        };
        if explain {
            let mut line = lead();
            line.push_str(": ");
            line.push_str(match chosen {
                Some((Roll::Forward | Roll::Backward, _)) => "set by order",
                _ => stands(self.0.family),
            });
            c.explain.push(line);
        }
        let cal = &self.0.calendar;
        let plain_day = !cal.is_weekend(date) && cal.notes_on(date).is_empty();
        if let Some((Roll::None, who)) = &chosen {
            if explain && !plain_day {
                c.explain.push(format!(
                    "the date stands even if the court is closed: {who}, which settles the \
                     question {FIXED_DATE_ROLL}"
                ));
            }
            return Ok(c);
        }
        if plain_day || !cal.covers(date) {
            return Ok(c);
        }
        // Its steps are explained only when the date rolls (the question
        // left open, only its date and readings are read).
        let rolled = Request::after(date, Period::days(0))
            .rules_as_of(self.0.rules_as_of)
            .roll(chosen.as_ref().map_or(Roll::Rule, |(r, _)| *r))
            .explain(explain && chosen.is_some())
            .compute(cal, self.0.family)?;
        if let Some((r, who)) = &chosen {
            c.due = rolled.due();
            c.readings = rolled.readings().iter().map(Reading::from_later).collect();
            if explain {
                c.explain.push(format!(
                    "the date rolls {} off a closed day: {who}, which settles the question \
                     {FIXED_DATE_ROLL}",
                    roll_name(*r)
                ));
                // Skip the zero-day count that only places the date.
                c.explain
                    .extend(rolled.steps().iter().skip(1).map(|s| s.to_string()));
            }
        } else {
            if rolled.due() > date {
                c.readings.push(Reading {
                    date: rolled.due(),
                    at: None,
                    question: Cow::Borrowed(FIXED_DATE_ROLL),
                    reason: reason::fixed_roll(date, rolled.due(), self.0.family, cal),
                    cites: cites(self.0.family),
                });
                if explain {
                    let why = closed_because(cal, date);
                    c.explain.push(format!(
                        "note: {date} is {why}, not a court day; the date stands, so act by it"
                    ));
                }
            }
            // Readings of the rolled date stack on the roll.
            for l in rolled.readings() {
                let mut r = Reading::from_later(l);
                r.reason = reason::of_rolled(r.reason);
                r.cites.extend(cites(self.0.family));
                c.readings.push(r);
            }
        }
        c.readings.sort_by_key(|r| (r.date, r.at));
        if explain {
            c.explain.extend(c.readings.iter().map(Reading::line));
        }
        Ok(c)
    }
}

/// "a Saturday", "a Sunday", ...: a day of the week as a reason names it.
fn a_weekday(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "a Monday",
        Weekday::Tue => "a Tuesday",
        Weekday::Wed => "a Wednesday",
        Weekday::Thu => "a Thursday",
        Weekday::Fri => "a Friday",
        Weekday::Sat => "a Saturday",
        Weekday::Sun => "a Sunday",
    }
}

/// The name of a roll in the file (`forward`, `backward`, `none`, `rule`).
pub(super) fn roll_name(r: Roll) -> &'static str {
    match r {
        Roll::Rule => "rule",
        Roll::Forward => "forward",
        Roll::Backward => "backward",
        Roll::None => "none",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_day_is_named_by_what_it_is() {
        let cal = Calendar::federal().expect("the federal calendar");
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a date");
        // A weekday holiday (5 U.S.C. 6103(a)): its name.
        assert_eq!(closed_because(&cal, day(2025, 5, 26)), "Memorial Day");
        // A weekend day: the day.
        assert_eq!(closed_because(&cal, day(2025, 5, 24)), "a Saturday");
        // A federal holiday on a Sunday is noted on the Monday it is
        // observed (5 U.S.C. 6103(b)): the Sunday is a Sunday.
        assert_eq!(closed_because(&cal, day(2021, 7, 4)), "a Sunday");
        assert_eq!(
            closed_because(&cal, day(2021, 7, 5)),
            "Independence Day (observed)"
        );
        // A day noted on a weekend (New York's Flag Day, the second Sunday
        // of June): both.
        let nysd = crate::calendar::court("nysd")
            .and_then(|c| c.calendar())
            .expect("S.D.N.Y.'s calendar");
        assert_eq!(
            closed_because(&nysd, day(1992, 6, 14)),
            "a Sunday (Flag Day)"
        );
        // A day the calendar names nothing on.
        assert_eq!(closed_because(&cal, day(2025, 5, 27)), "not a court day");
    }
}
