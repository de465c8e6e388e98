//! `docket reschedule`: what a change moves.

use chrono::{DateTime, NaiveDate, Utc};

use crate::docket::{Change, ChangeAction, Diff, Docket, EventTime, Fold, ScheduleOptions};
use crate::{Error, Result};

#[cfg(feature = "serve")]
use super::params::Params;
use super::{invalid, DocketText, Style};

/// The options of `docket reschedule` and `POST /v1/reschedule`: exactly
/// one action (`move_event` is `--move`, `file` is `--file`), with `to`,
/// `occurrence`, `by` and `on` as the action needs.
///
/// ```
/// use docket::commands::{reschedule, DocketText, RescheduleQuery, Style};
/// use docket::docket::Format;
///
/// let text = std::fs::read_to_string("examples/data/lexington.toml").unwrap();
/// let input = DocketText::new(Some("lexington.toml"), Format::Toml, text);
/// let q = RescheduleQuery {
///     extend: Some("bullet-summary".into()),
///     to: Some("2009-04-24".into()),
///     on: Some("2009-04-20".into()),
///     ..RescheduleQuery::default()
/// };
/// let now = "2009-04-20T12:00:00Z".parse().unwrap();
/// let answer = reschedule(&input, &q, Style::Flags, now)?;
/// assert_eq!(answer.diff().moved[0].to.to_string(), "2009-04-24");
///
/// // Errors name the options given.
/// let q = RescheduleQuery { extend: Some("bulet-summary".into()), ..q };
/// let e = reschedule(&input, &q, Style::Flags, now).unwrap_err();
/// assert!(e.to_string().starts_with(
///     "lexington.toml: --extend bulet-summary --to 2009-04-24 --on 2009-04-20: "
/// ), "{e}");
/// # Ok::<(), docket::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RescheduleQuery {
    /// Move this event (to `to`).
    pub move_event: Option<String>,
    /// Set this obligation's due date to `to`.
    pub extend: Option<String>,
    /// Vacate this obligation.
    pub vacate: Option<String>,
    /// Record a filing of this obligation on `on`.
    pub file: Option<String>,
    /// Reinstate this vacated obligation.
    pub reinstate: Option<String>,
    /// Cancel this event.
    pub cancel: Option<String>,
    /// The new date (or date-time, for a move; a bare date keeps a timed
    /// event's time).
    pub to: Option<String>,
    /// For a move: which moment a local time that occurs twice at the court
    /// means (`earlier` or `later`).
    pub fold: Option<String>,
    /// Which occurrence of a recurring duty.
    pub occurrence: Option<u32>,
    /// The authority.
    pub by: Option<String>,
    /// The change's date; default today at the court.
    pub on: Option<String>,
}

/// The options of [`RescheduleQuery`], by field name as the user gives them.
pub(crate) const RESCHEDULE_OPTIONS: &[&str] = &[
    "move",
    "extend",
    "vacate",
    "file",
    "reinstate",
    "cancel",
    "to",
    "fold",
    "occurrence",
    "by",
    "on",
];

impl RescheduleQuery {
    /// The option names of this command in `style`.
    pub fn options(style: Style) -> Vec<String> {
        RESCHEDULE_OPTIONS.iter().map(|o| style.name(o)).collect()
    }

    /// From request options (a query string or a JSON object of the HTTP API).
    #[cfg(feature = "serve")]
    pub(crate) fn from_params(mut p: Params) -> Result<RescheduleQuery> {
        let mut opt = |n: &str| p.string(n).filter(|s| !s.is_empty());
        let q = RescheduleQuery {
            move_event: opt("move"),
            extend: opt("extend"),
            vacate: opt("vacate"),
            file: opt("file"),
            reinstate: opt("reinstate"),
            cancel: opt("cancel"),
            to: opt("to"),
            fold: opt("fold"),
            by: opt("by"),
            on: opt("on"),
            occurrence: p.number("occurrence"),
        };
        p.finish(RESCHEDULE_OPTIONS)?;
        Ok(q)
    }

    /// The options given, in the order the command lists them.
    fn given(&self) -> Vec<(&'static str, String)> {
        let occurrence = self.occurrence.map(|n| n.to_string());
        [
            ("move", &self.move_event),
            ("extend", &self.extend),
            ("vacate", &self.vacate),
            ("file", &self.file),
            ("reinstate", &self.reinstate),
            ("cancel", &self.cancel),
            ("to", &self.to),
            ("fold", &self.fold),
            ("occurrence", &occurrence),
            ("on", &self.on),
        ]
        .into_iter()
        .filter_map(|(f, v)| v.clone().map(|v| (f, v)))
        .collect()
    }
}

/// What a change moves: the change, the date it is made on, and the diff
/// of the schedules before and after (one horizon for both).
#[derive(Debug, Clone)]
pub struct RescheduleAnswer {
    case: String,
    change: Change,
    on: NaiveDate,
    on_is_today: bool,
    zone: chrono_tz::Tz,
    diff: Diff,
    docket: Docket,
}

/// The change a query asks for, its date, and whether that is today.
fn change_of(
    q: &RescheduleQuery,
    style: Style,
    today: NaiveDate,
) -> Result<(Change, NaiveDate, bool)> {
    let on_given = style.opt_date("on", q.on.as_deref())?;
    let on = on_given.unwrap_or(today);
    let by =
        q.by.clone()
            .unwrap_or_else(|| "what-if (docket reschedule)".to_string());
    let need_to = |field: &str| -> Result<&str> {
        q.to.as_deref()
            .ok_or_else(|| invalid(format!("{} needs {}", style.name(field), style.name("to"))))
    };
    let change = match (
        &q.move_event,
        &q.extend,
        &q.vacate,
        &q.file,
        &q.reinstate,
        &q.cancel,
    ) {
        (Some(ev), None, None, None, None, None) => {
            let to = need_to("move")?;
            let t: EventTime = to.parse().map_err(|e: Error| style.about("to", e))?;
            let fold: Option<Fold> = q
                .fold
                .as_deref()
                .map(str::parse)
                .transpose()
                .map_err(|e| style.about("fold", e))?;
            Change::move_event(on, by, ev, t).with_fold(fold)
        }
        (None, Some(ob), None, None, None, None) => {
            let t = style.date("to", need_to("extend")?)?;
            Change::extend(on, by, ob, q.occurrence, t)
        }
        (None, None, Some(ob), None, None, None) => {
            let action = ChangeAction::Vacate {
                obligation: ob.clone(),
                occurrence: q.occurrence,
            };
            Change::new(on, by, action)
        }
        (None, None, None, Some(ob), None, None) => {
            if on_given.is_none() {
                return Err(invalid(format!(
                    "{} needs {} (the filing date)",
                    style.name("file"),
                    style.name("on")
                )));
            }
            Change::file(on, by, ob)
        }
        (None, None, None, None, Some(ob), None) => Change::reinstate(on, by, ob),
        (None, None, None, None, None, Some(ev)) => Change::cancel(on, by, ev),
        _ => {
            let all: Vec<String> = ["move", "extend", "vacate", "file", "reinstate"]
                .iter()
                .map(|f| style.name(f))
                .collect();
            return Err(invalid(format!(
                "give exactly one of {}, {}",
                all.join(", "),
                style.name("cancel")
            )));
        }
    };
    if q.fold.is_some() && q.move_event.is_none() {
        return Err(invalid(format!(
            "{} goes with {}",
            style.name("fold"),
            style.name("move")
        )));
    }
    if q.to.is_some() && q.move_event.is_none() && q.extend.is_none() {
        return Err(invalid(format!(
            "{} goes with {} or {}",
            style.name("to"),
            style.name("move"),
            style.name("extend")
        )));
    }
    Ok((change, on, on_given.is_none()))
}

/// An error about the new change, in the user's words: the library names
/// it by its place in the log (`change 4 (on 2025-01-02)`) and its fields
/// as in files (`` `by` is empty ``, `to: ...`), the user gave options
/// (`--extend brief --to 2025-01-02: --by is empty`).
fn in_users_words(e: Error, index: usize, on: NaiveDate, given: &str, style: Style) -> Error {
    let with_date = format!("change {index} (on {on})");
    let bare = format!("change {index}");
    let problems = e
        .problems()
        .iter()
        .map(|p| {
            let (head, rest) = if let Some(i) = p.find(&with_date) {
                (&p[..i], &p[i + with_date.len()..])
            } else if let Some(i) = p.find(&format!("{bare}:")) {
                (&p[..i], &p[i + bare.len()..])
            } else {
                return p.clone();
            };
            match rest.strip_prefix(": ") {
                Some(what) => format!("{head}{given}: {}", as_option(what, style)),
                None => format!("{head}{given}{rest}"),
            }
        })
        .collect();
    Error::many(e.kind(), problems)
}

/// A message about a change that starts with one of its fields (`` `by` is
/// empty``, `to: ...`, `move names ...`), the field named as the option.
fn as_option(what: &str, style: Style) -> String {
    let end = what.find([' ', ':']).unwrap_or(what.len());
    let field = what[..end].trim_matches('`');
    if RESCHEDULE_OPTIONS.contains(&field) {
        format!("{}{}", style.name(field), &what[end..])
    } else {
        what.to_string()
    }
}

/// What a change would move, as `docket reschedule` shows it (nothing is
/// written: `docket reschedule --write` appends the change itself). `now`
/// dates a change given without `on` (today at the court).
///
/// # Errors
/// The docket cannot be parsed or fails validation; not exactly one
/// action; a date that is not one; the change names an unknown item or
/// does not fit the docket (the message names the options given).
pub fn reschedule(
    input: &DocketText,
    q: &RescheduleQuery,
    style: Style,
    now: DateTime<Utc>,
) -> Result<RescheduleAnswer> {
    let docket = input.parse()?;
    let before = docket.check().map_err(|e| input.named(e))?;
    // "Today" is the date at the court, not in UTC or on this machine.
    let zone = before.calendar().time_zone();
    let today = now.with_timezone(&zone).date_naive();
    let (change, on, on_is_today) = change_of(q, style, today)?;
    let given = style.all_given(&q.given());
    let index = docket.changes.len() + 1;
    let users = |e: Error| input.named(in_users_words(e, index, on, &given, style));
    let after = docket.with_change(change.clone()).map_err(users)?;
    let after = after.check().map_err(users)?;
    // One horizon for both, so the comparison shows only what the change did.
    let opts = ScheduleOptions::new();
    let horizon = Some(before.horizon_for(&opts).max(after.horizon_for(&opts)));
    let opts = opts.horizon(horizon);
    let mut diff = Diff::between(
        &before.schedule(&opts).map_err(|e| input.named(e))?,
        &after.schedule(&opts).map_err(users)?,
    );
    diff.flag_past(on);
    Ok(RescheduleAnswer {
        case: docket.case.id.clone(),
        change,
        on,
        on_is_today,
        zone,
        diff,
        docket,
    })
}

impl RescheduleAnswer {
    /// The change.
    pub fn change(&self) -> &Change {
        &self.change
    }

    /// The diff of the schedules before and after it.
    pub fn diff(&self) -> &Diff {
        &self.diff
    }

    /// The docket before the change.
    pub fn docket(&self) -> &Docket {
        &self.docket
    }

    /// The change's date.
    pub fn on(&self) -> NaiveDate {
        self.on
    }

    /// What `docket reschedule --json` prints and `POST /v1/reschedule`
    /// answers (`written` says whether the change was recorded).
    ///
    /// # Errors
    /// None in practice.
    pub fn json(&self, written: bool) -> Result<String> {
        let d = &self.diff;
        super::pretty(&serde_json::json!({
            "case": self.case,
            "change": self.change,
            "on": self.on.to_string(),
            "on_is_today": self.on_is_today,
            "written": written,
            "moved": d.moved,
            "added": d.added,
            "removed": d.removed,
            "vacated": d.vacated,
            "status_changed": d.status_changed,
            "unchanged": d.unchanged,
            "warnings": d.warnings,
        }))
    }

    /// What `docket reschedule` prints: the change, then the report of what
    /// moved (without the closing line on writing, which the caller adds).
    pub fn text(&self) -> String {
        let mut out = format!(
            "{}: {} (on {}{}, by {})\n",
            self.case,
            describe(&self.change),
            self.on,
            if self.on_is_today {
                format!(", today in {}: pass --on to set it", self.zone.name())
            } else {
                String::new()
            },
            self.change.by
        );
        out.push_str(&self.diff.report());
        out
    }
}

/// A change in words: `move "hearing" to 2025-03-10`.
pub(crate) fn describe(c: &Change) -> String {
    match &c.action {
        ChangeAction::Move { event, to, .. } => format!("move \"{event}\" to {to}"),
        ChangeAction::Extend {
            obligation,
            occurrence,
            to,
        } => match occurrence {
            Some(n) => format!("set occurrence {n} of \"{obligation}\" due {to}"),
            None => format!("set \"{obligation}\" due {to}"),
        },
        ChangeAction::Vacate { obligation, .. } => format!("vacate \"{obligation}\""),
        ChangeAction::Reinstate { obligation } => format!("reinstate \"{obligation}\""),
        ChangeAction::File { obligation } => format!("record a filing of \"{obligation}\""),
        ChangeAction::Cancel { event } => format!("cancel \"{event}\""),
        ChangeAction::AddEvent { id, .. } => format!("add event \"{id}\""),
        ChangeAction::AddObligation { id, .. } => format!("add obligation \"{id}\""),
    }
}
