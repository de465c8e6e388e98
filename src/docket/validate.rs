//! Validation before computation: every problem of a docket at once, each
//! naming the item id and the field.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::model::{
    change_context, Change, ChangeAction, Docket, Event, Obligation, RepeatFrom, Until, When,
};
use super::schedule::Shared;
use chrono::NaiveDate;

use crate::calendar::{court, edit_distance, first_day, last_day, FIRST_YEAR, LAST_YEAR};
use crate::compute::{Direction, Unit};
use crate::error::{Error, ErrorKind, Result};

/// Most occurrences a recurring duty may declare with `count`.
pub const MAX_COUNT: u32 = 10_000;

/// True for ids of the form `[a-z0-9][a-z0-9._-]*`.
pub fn is_slug(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
        && s.len() <= 128
}

/// What an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Event,
    Obligation,
}

/// The ids of a docket (borrowed from it and its changes).
struct Ids<'a> {
    events: BTreeSet<&'a str>,
    obligations: BTreeMap<&'a str, bool>, // id -> recurring
    parties: BTreeSet<&'a str>,
}

impl<'a> Ids<'a> {
    /// The events and obligations of `d` (each obligation with whether it
    /// recurs), and `parties`.
    fn of(d: &'a Docket, parties: BTreeSet<&'a str>) -> Ids<'a> {
        Ids {
            events: d.events.keys().map(String::as_str).collect(),
            obligations: d
                .obligations
                .iter()
                .map(|(k, o)| (k.as_str(), super::schedule::obligation_recurs(d, o)))
                .collect(),
            parties,
        }
    }

    fn kind(&self, id: &str) -> Option<Kind> {
        if self.events.contains(id) {
            Some(Kind::Event)
        } else if self.obligations.contains_key(id) {
            Some(Kind::Obligation)
        } else {
            None
        }
    }

    fn suggest(&self, id: &str) -> String {
        self.events
            .iter()
            .chain(self.obligations.keys())
            .find(|c| **c != id && edit_distance(c, id) <= 2)
            .map(|c| format!(" (did you mean \"{c}\"?)"))
            .unwrap_or_default()
    }
}

/// Names an item in a problem (`obligation "brief"`): written only when a
/// problem is.
struct Named<'a>(&'static str, &'a str);

impl fmt::Display for Named<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} \"{}\"", self.0, self.1)
    }
}

/// A valid docket, as a check goes on with it.
pub(crate) struct Validated {
    /// The rules it uses.
    pub rules: std::sync::Arc<crate::rules::RuleSet>,
    /// The docket with its events' rule sets added.
    pub docket: Shared<Docket>,
    /// That docket as its changes leave it.
    pub applied: super::schedule::Applied,
    /// Its items in dependency order (what an item counts from first).
    pub order: Vec<String>,
}

impl Docket {
    /// Checks the whole docket: ids, references, periods, recurrences, the
    /// changes log and the dependency graph.
    ///
    /// # Errors
    /// Every problem found, each naming the item and the field
    /// (`obligation "x": due.after names unknown event or obligation
    /// "hearign"`); see [`Error::problems`].
    pub fn validate(&self) -> Result<()> {
        self.validated().map(|_| ())
    }

    /// [`Docket::validate`], on the docket with its events' rule sets added
    /// (so that changes may name the deadlines a set adds): what a check
    /// goes on with rather than find again.
    pub(crate) fn validated(&self) -> Result<Validated> {
        let expanded = self
            .rule_set()
            .and_then(|rules| Ok((rules.clone(), self.with_rule_sets(&rules)?)));
        match expanded {
            Ok((rules, docket)) => {
                // The one copy of the docket a check makes: the docket as
                // changed shares it when there are no changes.
                let docket = Shared::new(docket.into_owned());
                let (applied, order) = docket.validated_as_written(&docket)?;
                Ok(Validated {
                    rules,
                    docket,
                    applied,
                    order,
                })
            }
            // A set that cannot be added is reported with every other
            // problem of the docket as written.
            Err(e) if e.kind() == ErrorKind::Invalid => {
                let mut p = e.problems().to_vec();
                if let Err(more) = self.validated_as_written(&Shared::new(self.clone())) {
                    p.extend(more.problems().iter().cloned());
                }
                Err(Error::many(ErrorKind::Invalid, p))
            }
            Err(e) => Err(e),
        }
    }

    /// Every problem of the docket as it stands (its rule sets not added);
    /// `shared` is the same docket, shared with the docket as changed when
    /// it has no changes.
    /// Returns the docket as changed and its items in dependency order.
    fn validated_as_written(
        &self,
        shared: &Shared<Docket>,
    ) -> Result<(super::schedule::Applied, Vec<String>)> {
        let mut p: Vec<String> = Vec::new();
        if !is_slug(&self.case.id) {
            p.push(format!(
                "case: id \"{}\" is not a slug (lowercase letters, digits, '.', '_', '-')",
                self.case.id
            ));
        }
        match (&self.case.court, &self.calendar) {
            (None, None) => p.push("case: needs `court` or a [calendar] table".into()),
            (Some(c), _) => {
                if let Err(e) = court(c) {
                    p.push(format!("case: court: {e}"));
                }
            }
            _ => {}
        }
        if let Some(cal) = &self.calendar {
            if let Some(b) = &cal.base {
                if b != "federal" {
                    if let Err(e) = court(b) {
                        p.push(format!("calendar: base: {e}"));
                    }
                }
            }
            if let Some(tz) = &cal.time_zone {
                if tz.parse::<chrono_tz::Tz>().is_err() {
                    p.push(format!(
                        "calendar: time_zone: \"{tz}\" is not an IANA time zone"
                    ));
                }
            }
            for c in &cal.closures {
                let ctx = format!("calendar: closure of {}", c.date);
                check_covered(&ctx, "date", c.date, &mut p);
                if let Some(t) = c.through {
                    check_covered(&ctx, "through", t, &mut p);
                }
                if c.through.is_some_and(|t| t < c.date) {
                    p.push(format!(
                        "calendar: closure of {}: `through` is before `date`",
                        c.date
                    ));
                }
            }
            for h in &cal.extra_holidays {
                check_covered(
                    &format!("calendar: extra holiday \"{}\"", h.name),
                    "date",
                    h.date,
                    &mut p,
                );
            }
        }
        for id in self.parties.keys() {
            if !is_slug(id) {
                p.push(format!("party \"{id}\": id is not a slug"));
            }
        }
        for (id, party) in &self.parties {
            if party.name.trim().is_empty() {
                p.push(format!("party \"{id}\": name is empty"));
            }
        }

        // Ids as the changes log goes on (adds create new ones).
        let mut ids = Ids::of(self, self.parties.keys().map(String::as_str).collect());
        for id in ids
            .events
            .iter()
            .filter(|e| ids.obligations.contains_key(*e))
        {
            p.push(format!("\"{id}\" is both an event and an obligation id"));
        }
        for (id, e) in &self.events {
            check_event(&Named("event", id), id, e, &mut p);
        }
        for (id, o) in &self.obligations {
            check_obligation(&Named("obligation", id), id, o, &mut p);
        }
        for (i, ch) in self.changes.iter().enumerate() {
            let ctx = change_context(i, ch.on);
            if ch.by.trim().is_empty() {
                p.push(format!(
                    "{ctx}: `by` is empty (name the order or agreement)"
                ));
            }
            let action = &ch.action;
            change_dates(&ctx, ch, &mut p);
            let need = |want: Kind, id: &str, field: &str, p: &mut Vec<String>| match ids.kind(id) {
                Some(k) if k == want => {}
                Some(k) => p.push(format!(
                    "{ctx}: {field} names \"{id}\", which is {}",
                    if k == Kind::Event {
                        "an event, not an obligation"
                    } else {
                        "an obligation, not an event"
                    }
                )),
                None => p.push(format!(
                    "{ctx}: {field} names unknown {} \"{id}\"{}",
                    if want == Kind::Event {
                        "event"
                    } else {
                        "obligation"
                    },
                    ids.suggest(id)
                )),
            };
            match action {
                ChangeAction::Move { event, .. } => need(Kind::Event, event, "move", &mut p),
                ChangeAction::Cancel { event } => need(Kind::Event, event, "cancel", &mut p),
                ChangeAction::Extend {
                    obligation,
                    occurrence,
                    ..
                }
                | ChangeAction::Vacate {
                    obligation,
                    occurrence,
                } => {
                    let field = if matches!(action, ChangeAction::Extend { .. }) {
                        "extend"
                    } else {
                        "vacate"
                    };
                    need(Kind::Obligation, obligation, field, &mut p);
                    if let Some(&recurring) = ids.obligations.get(obligation.as_str()) {
                        let count = self
                            .obligations
                            .get(obligation.as_str())
                            .and_then(|o| o.repeat.as_ref())
                            .and_then(|r| r.count);
                        if let Some(m) = occurrence_problem(
                            obligation,
                            recurring,
                            count,
                            *occurrence,
                            field == "extend",
                        ) {
                            p.push(format!("{ctx}: {m}"));
                        }
                    }
                }
                ChangeAction::Reinstate { obligation } => {
                    need(Kind::Obligation, obligation, "reinstate", &mut p)
                }
                ChangeAction::File { obligation } => {
                    need(Kind::Obligation, obligation, "file", &mut p)
                }
                ChangeAction::AddEvent { id, event } => {
                    if ids.kind(id).is_some() {
                        p.push(format!("{ctx}: add_event: id \"{id}\" is already used"));
                    }
                    check_event(&format!("{ctx}: event \"{id}\""), id, event, &mut p);
                }
                ChangeAction::AddObligation { id, obligation } => {
                    if ids.kind(id).is_some() {
                        p.push(format!(
                            "{ctx}: add_obligation: id \"{id}\" is already used"
                        ));
                    }
                    check_obligation(
                        &format!("{ctx}: obligation \"{id}\""),
                        id,
                        obligation,
                        &mut p,
                    );
                }
            }
            match action {
                ChangeAction::AddEvent { id, .. } => {
                    ids.events.insert(id.as_str());
                }
                ChangeAction::AddObligation { id, obligation } => {
                    // It recurs with the recurring duty its due counts from.
                    let follows = match &obligation.due {
                        Some(When::Relative(r)) if r.occurrence.is_none() => r
                            .reference()
                            .and_then(|(t, _)| ids.obligations.get(t).copied())
                            .unwrap_or(false),
                        _ => false,
                    };
                    ids.obligations
                        .insert(id.as_str(), obligation.repeat.is_some() || follows);
                }
                _ => {}
            }
        }
        if !p.is_empty() {
            return Err(Error::many(ErrorKind::Invalid, p));
        }
        // The calendar as the schedule will build it (a closure longer than
        // a year is refused there).
        if let Err(e) = super::schedule::docket_calendar(self) {
            return Err(Error::many(ErrorKind::Invalid, e.problems().to_vec()));
        }

        // References and the dependency graph, on the docket as changed.
        let eff = super::schedule::apply_all(shared)?;
        let docket = &eff.docket;
        // Without changes the docket as changed is the one whose ids were
        // just gathered.
        let ids = if self.changes.is_empty() {
            ids
        } else {
            Ids::of(docket, ids.parties)
        };
        p.extend(super::schedule::occurrence_problems(docket));
        for (id, e) in &docket.events {
            let ctx = Named("event", id);
            check_parties(&ctx, &e.parties, &ids, &mut p);
            if let Some(When::Relative(r)) = &e.date {
                check_reference(&ctx, "date", r, &ids, docket, &mut p);
            }
        }
        for (id, o) in &docket.obligations {
            let ctx = Named("obligation", id);
            check_parties(&ctx, &o.parties, &ids, &mut p);
            for (field, w) in [("due", &o.due), ("first_due", &o.first_due)] {
                if let Some(When::Relative(r)) = w {
                    check_reference(&ctx, field, r, &ids, docket, &mut p);
                }
            }
            // The file's own `filed` list (changes may record more).
            let listed = self.obligations.get(id).map_or(0, |o| o.filed.len());
            if o.repeat.is_none()
                && listed > 1
                && !ids.obligations.get(id.as_str()).copied().unwrap_or(false)
            {
                p.push(format!(
                    "{ctx}: filed lists {listed} dates for a one-off obligation"
                ));
            }
            if let Some(Until::Event(e)) = o.repeat.as_ref().and_then(|r| r.until.as_ref()) {
                if ids.kind(e) != Some(Kind::Event) {
                    p.push(format!(
                        "{ctx}: repeat.until \"{e}\" is neither a date (YYYY-MM-DD) nor an event{}",
                        ids.suggest(e)
                    ));
                }
            }
        }
        if !p.is_empty() {
            return Err(Error::many(ErrorKind::Invalid, p));
        }
        match super::schedule::topo_order(docket) {
            Ok(order) => Ok((eff, order)),
            Err(cycle) => Err(Error::many(
                ErrorKind::Invalid,
                vec![format!("dependency cycle: {}", cycle.join(" -> "))],
            )),
        }
    }
}

/// What is wrong with the `occurrence` of an extend or vacate, if anything.
pub(crate) fn occurrence_problem(
    obligation: &str,
    recurring: bool,
    count: Option<u32>,
    occurrence: Option<u32>,
    extend: bool,
) -> Option<String> {
    match (recurring, occurrence) {
        (_, Some(0)) => Some("occurrences count from 1".into()),
        (true, Some(n)) if count.is_some_and(|c| n > c) => Some(format!(
            "occurrence {n} of \"{obligation}\" does not exist (repeat.count is {})",
            count.unwrap_or(0)
        )),
        (true, None) if extend => Some(format!(
            "extend of the recurring obligation \"{obligation}\" needs `occurrence`"
        )),
        (false, Some(n)) if n != 1 => Some(format!(
            "occurrence {n} of the one-off obligation \"{obligation}\" does not exist"
        )),
        _ => None,
    }
}

fn check_parties(ctx: &dyn fmt::Display, parties: &[String], ids: &Ids, p: &mut Vec<String>) {
    let mut seen = BTreeSet::new();
    for party in parties {
        if !ids.parties.contains(party.as_str()) {
            let hint = ids
                .parties
                .iter()
                .find(|c| edit_distance(c, party) <= 2)
                .map(|c| format!(" (did you mean \"{c}\"?)"))
                .unwrap_or_default();
            p.push(format!(
                "{ctx}: parties names unknown party \"{party}\"{hint}"
            ));
        }
        if !seen.insert(party) {
            p.push(format!("{ctx}: parties lists \"{party}\" twice"));
        }
    }
}

fn check_reference(
    ctx: &dyn fmt::Display,
    field: &str,
    r: &super::model::Relative,
    ids: &Ids,
    docket: &Docket,
    p: &mut Vec<String>,
) {
    let Some((target, dir)) = r.reference() else {
        return;
    };
    let side = if dir == Direction::After {
        "after"
    } else {
        "before"
    };
    match ids.kind(target) {
        None => p.push(format!(
            "{ctx}: {field}.{side} names unknown event or obligation \"{target}\"{}",
            ids.suggest(target)
        )),
        Some(k) => {
            if r.hours.is_some() {
                let timed =
                    k == Kind::Event && docket.events.get(target).is_some_and(|e| e.at.is_some());
                if !timed {
                    p.push(format!(
                        "{ctx}: {field}.hours counts from \"{target}\", which has no time (give the event `at`)"
                    ));
                }
            }
        }
    }
}

fn check_when(ctx: &dyn fmt::Display, field: &str, w: &When, p: &mut Vec<String>) {
    let When::Relative(r) = w else { return };
    match (r.period_count(), &r.rule) {
        (1, None) | (0, Some(_)) => {}
        (0, None) => p.push(format!(
            "{ctx}: {field} needs a period (days, court_days, weeks, months, years or hours) or a rule"
        )),
        (_, Some(_)) => p.push(format!(
            "{ctx}: {field} gives a period and a rule (give one)"
        )),
        _ => p.push(format!("{ctx}: {field} gives more than one period")),
    }
    if let Some(period) = r.period() {
        if let Err(e) = period.check() {
            p.push(format!("{ctx}: {field}: {e}"));
        }
    }
    match (&r.after, &r.before) {
        (Some(_), Some(_)) => p.push(format!("{ctx}: {field} gives both `after` and `before`")),
        (None, None) => p.push(format!(
            "{ctx}: {field} needs `after` or `before` (an event or obligation id)"
        )),
        _ => {}
    }
    if r.service.is_some() && r.before.is_some() {
        p.push(format!(
            "{ctx}: {field}.service: service days apply only to periods counted after service"
        ));
    }
    if r.service.is_some() && r.hours.is_some() {
        p.push(format!(
            "{ctx}: {field}.service: service days do not apply to periods in hours"
        ));
    }
}

fn check_event(ctx: &dyn fmt::Display, id: &str, e: &Event, p: &mut Vec<String>) {
    if !is_slug(id) {
        p.push(format!(
            "{ctx}: id is not a slug (lowercase letters, digits, '.', '_', '-')"
        ));
    }
    if e.title.trim().is_empty() {
        p.push(format!("{ctx}: title is empty"));
    }
    if let Some(When::Date(d)) = &e.date {
        check_covered(ctx, "date", *d, p);
    }
    if let Some(at) = &e.at {
        check_covered(ctx, "at", at.date(), p);
    }
    match (&e.date, &e.at) {
        (None, None) => p.push(format!("{ctx}: needs `date` or `at`")),
        (Some(_), Some(_)) => p.push(format!("{ctx}: give `date` or `at`, not both")),
        (Some(w), None) => check_when(ctx, "date", w, p),
        _ => {}
    }
    if e.ends.is_some() && e.at.is_none() {
        p.push(format!("{ctx}: `ends` needs a start time (`at`)"));
    }
    if let (Some(end), Some(at)) = (e.ends, e.at) {
        if end <= at.time() {
            p.push(format!(
                "{ctx}: ends ({}) is not after the start ({})",
                end.format("%H:%M"),
                at.format("%H:%M")
            ));
        }
    }
}

fn check_obligation(ctx: &dyn fmt::Display, id: &str, o: &Obligation, p: &mut Vec<String>) {
    if !is_slug(id) {
        p.push(format!(
            "{ctx}: id is not a slug (lowercase letters, digits, '.', '_', '-')"
        ));
    }
    if o.title.trim().is_empty() {
        p.push(format!("{ctx}: title is empty"));
    }
    match (&o.due, &o.first_due, &o.repeat) {
        (Some(w), None, None) => {
            check_when(ctx, "due", w, p);
            // A due counted from a recurring duty recurs with it: checked
            // once references are known.
            if o.filed.len() > 1 && matches!(w, When::Date(_)) {
                p.push(format!(
                    "{ctx}: filed lists {} dates for a one-off obligation",
                    o.filed.len()
                ));
            }
        }
        (None, Some(w), Some(r)) => {
            check_when(ctx, "first_due", w, p);
            match (&r.every, &r.rrule) {
                (Some(every), None) => {
                    if !matches!(
                        every.unit,
                        Unit::Days | Unit::Weeks | Unit::Months | Unit::Years
                    ) || every.amount == 0
                    {
                        p.push(format!(
                            "{ctx}: repeat.every must be a positive number of days, weeks, months or years"
                        ));
                    }
                }
                (None, Some(rule)) => {
                    if r.from == RepeatFrom::PreviousFiling {
                        p.push(format!(
                            "{ctx}: repeat.rrule recurs on a fixed grid; it cannot count from the previous filing"
                        ));
                    }
                    if let Some(e) = rrule_problem(rule) {
                        p.push(format!("{ctx}: repeat.rrule: {e}"));
                    } else if let Err(e) = super::schedule::check_rrule(rule) {
                        p.push(format!("{ctx}: repeat.rrule: {e}"));
                    }
                }
                (Some(_), Some(_)) => {
                    p.push(format!("{ctx}: repeat gives both `every` and `rrule`"))
                }
                (None, None) => p.push(format!("{ctx}: repeat needs `every` or `rrule`")),
            }
            if let Some(c) = r.count {
                if c == 0 || c > MAX_COUNT {
                    p.push(format!("{ctx}: repeat.count must be from 1 to {MAX_COUNT}"));
                } else if o.filed.len() > c as usize {
                    p.push(format!(
                        "{ctx}: filed lists {} dates but repeat.count is {c}",
                        o.filed.len()
                    ));
                }
            }
        }
        (None, Some(_), None) => p.push(format!("{ctx}: first_due needs a `repeat` table")),
        (Some(_), None, Some(_)) => p.push(format!(
            "{ctx}: a recurring duty uses `first_due`, not `due`"
        )),
        (None, None, _) => p.push(format!("{ctx}: needs `due` or `first_due` with `repeat`")),
        (Some(_), Some(_), _) => p.push(format!("{ctx}: give `due` or `first_due`, not both")),
    }
    if o.filed.windows(2).any(|w| w[1] < w[0]) {
        p.push(format!("{ctx}: filed dates are not in order"));
    }
    for (field, w) in [("due", &o.due), ("first_due", &o.first_due)] {
        if let Some(When::Date(d)) = w {
            check_covered(ctx, field, *d, p);
        }
    }
    if let Some(Until::Date(d)) = o.repeat.as_ref().and_then(|r| r.until.as_ref()) {
        check_covered(ctx, "repeat.until", *d, p);
    }
    for d in &o.filed {
        check_covered(ctx, "filed", *d, p);
    }
}

/// The dates a change sets (`on`, and `to` of a move or extension) must lie
/// in the calendars' years; problems are prefixed by `ctx`.
pub(crate) fn change_dates(ctx: &str, ch: &Change, p: &mut Vec<String>) {
    check_covered(&ctx, "on", ch.on, p);
    match &ch.action {
        ChangeAction::Move { to, .. } => check_covered(&ctx, "to", to.date(), p),
        ChangeAction::Extend { to, .. } => check_covered(&ctx, "to", *to, p),
        _ => {}
    }
}

/// A fixed date outside the years the calendars cover can be neither
/// computed from nor written as a valid feed: refused.
fn check_covered(ctx: &dyn fmt::Display, field: &str, date: NaiveDate, p: &mut Vec<String>) {
    if date < first_day() || date > last_day() {
        p.push(format!(
            "{ctx}: {field} {date} is outside the years {FIRST_YEAR}-{LAST_YEAR} the calendars cover"
        ));
    }
}

/// What is wrong with an RRULE for a duty, beyond what the rrule crate
/// refuses: rules that give no occurrence or recur within a day.
fn rrule_problem(rule: &str) -> Option<String> {
    let text = rule.trim();
    let text = text.strip_prefix("RRULE:").unwrap_or(text);
    // Parse errors are reported by the schedule's own parse.
    let r = text.parse::<rrule::RRule<rrule::Unvalidated>>().ok()?;
    let problem = if matches!(
        r.get_freq(),
        rrule::Frequency::Hourly | rrule::Frequency::Minutely | rrule::Frequency::Secondly
    ) {
        format!(
            "FREQ={} recurs within a day; a duty falls due on days (DAILY, WEEKLY, MONTHLY or YEARLY)",
            r.get_freq().to_string().to_ascii_uppercase()
        )
    } else if r.get_interval() == 0 {
        "INTERVAL=0 never advances (give 1 or more)".into()
    } else if r.get_count() == Some(0) {
        "COUNT=0 gives no occurrence (use `count` from 1, or leave it out)".into()
    } else if r.get_by_month_day().contains(&0) {
        "BYMONTHDAY=0 is not a day of the month (1 to 31, or -1 to -31 from the end)".into()
    } else if !r.get_by_hour().is_empty()
        || !r.get_by_minute().is_empty()
        || !r.get_by_second().is_empty()
    {
        "BYHOUR, BYMINUTE and BYSECOND do not apply: a duty falls due on days".into()
    } else {
        return None;
    };
    Some(format!("\"{text}\": {problem}"))
}
