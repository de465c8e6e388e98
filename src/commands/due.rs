//! `docket due`: the last day to act.

use crate::calendar::{court, Calendar, Closure, RuleFamily, Settlement};
use crate::compute::{Due, Period, Request, Service};
use crate::{Error, ErrorKind, Result};

use super::params::Params;
use super::{invalid, Style};

/// The question of `docket due` and of `POST /v1/due`, named like the
/// command's flags (`court_days` is `--court-days`). Numbers are signed so
/// that a negative one is reported, not cut off.
///
/// ```
/// use docket::commands::{due, DueQuery, Style};
///
/// let q = DueQuery {
///     court: "nysd".into(),
///     from: "2025-01-29".into(),
///     days: Some(14),
///     service: Some("mail".into()),
///     ..DueQuery::default()
/// };
/// assert_eq!(due(&q, Style::Flags)?.due().due().to_string(), "2025-02-18");
///
/// let bad = DueQuery { days: Some(-3), ..q };
/// let e = due(&bad, Style::Fields).unwrap_err();
/// assert!(e.to_string().starts_with("days=-3: a period cannot be negative"));
/// # Ok::<(), docket::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DueQuery {
    /// Court id (`nysb`, `nysd`, `ca2`, ...) or `federal`.
    pub court: String,
    /// The trigger: a date, or a local date-time at the court for `hours`.
    pub from: String,
    /// Period in calendar days.
    pub days: Option<i64>,
    /// Period in court days.
    pub court_days: Option<i64>,
    /// Period in weeks.
    pub weeks: Option<i64>,
    /// Period in months.
    pub months: Option<i64>,
    /// Period in years.
    pub years: Option<i64>,
    /// Period in hours.
    pub hours: Option<i64>,
    /// With `hours`: which moment the trigger's local time means when it
    /// occurs twice at the court (clocks fall back): `earlier` or `later`.
    pub fold: Option<String>,
    /// Count backward from the trigger.
    pub before: bool,
    /// Service method whose days are added.
    pub service: Option<String>,
    /// Apply the rules in force on this date.
    pub rules_as_of: Option<String>,
    /// Rule family, overriding the court's.
    pub rules: Option<String>,
    /// Days the clerk's office was inaccessible.
    pub closure: Vec<String>,
    /// Settlements of unsettled questions: `QUESTION=READING[@DATE]`.
    pub settle: Vec<String>,
    /// The authority relied on for `settle`.
    pub authority: Option<String>,
    /// Explain the steps (always in the JSON).
    pub explain: bool,
    /// A rule's deadline instead of a period: a rule id (`docket rules`
    /// lists them), counted from `from` under the edition in force then.
    pub rule: Option<String>,
    /// With `rule`: a party is the United States (or its agency or officer).
    pub us_party: bool,
    /// With `rule` (the option `if`): conditions that hold (`NAME`,
    /// `NAME=yes`) or do not (`NAME=no`).
    pub conditions: Vec<String>,
    /// With `rule`: the first date set for the trigger event when it was
    /// later continued.
    pub first_set: Option<String>,
    /// With `rule`: user rule packs, the first given prevailing (files: the
    /// command line's `--pack`; the API takes none).
    pub packs: Vec<std::path::PathBuf>,
}

/// The options of [`DueQuery`], by field name.
pub(crate) const DUE_OPTIONS: &[&str] = &[
    "court",
    "from",
    "days",
    "court_days",
    "weeks",
    "months",
    "years",
    "hours",
    "fold",
    "before",
    "service",
    "rules_as_of",
    "rules",
    "closure",
    "settle",
    "authority",
    "explain",
    "rule",
    "us_party",
    "if",
    "first_set",
];

impl DueQuery {
    /// The option names of this command in `style` (for
    /// [`super::Problem::list`]).
    pub fn options(style: Style) -> Vec<String> {
        DUE_OPTIONS.iter().map(|o| style.name(o)).collect()
    }

    /// A query written as a JSON object or a TOML table, its fields named
    /// as the options (`{"court": "nysb", "from": "2009-04-16", "days":
    /// 14}`): what `docket due -` reads and `POST /v1/due` takes.
    ///
    /// ```
    /// use docket::commands::DueQuery;
    /// use docket::docket::Format;
    ///
    /// let q = DueQuery::from_text(r#"{"court": "nysb", "from": "2009-04-16", "days": 14}"#, Format::Json)?;
    /// assert_eq!(q.days, Some(14));
    /// let q = DueQuery::from_text("court = \"nysb\"\nfrom = 2009-04-16\nweeks = 2\n", Format::Toml)?;
    /// assert_eq!((q.from.as_str(), q.weeks), ("2009-04-16", Some(2)));
    /// assert!(DueQuery::from_text(r#"{"dayz": 14}"#, Format::Json).is_err());
    /// # Ok::<(), docket::Error>(())
    /// ```
    ///
    /// # Errors
    /// Not a JSON object or TOML table; an unknown field; a value of the
    /// wrong kind.
    pub fn from_text(text: &str, format: crate::docket::Format) -> Result<DueQuery> {
        let p = match format {
            crate::docket::Format::Json => Params::from_json(text.as_bytes())?,
            crate::docket::Format::Toml => Params::from_toml(text)?,
        };
        DueQuery::from_params(p)
    }

    /// From request options (a query string or a JSON object).
    pub(crate) fn from_params(mut p: Params) -> Result<DueQuery> {
        let q = DueQuery {
            court: p.string("court").unwrap_or_default(),
            from: p.string("from").unwrap_or_default(),
            days: p.number("days"),
            court_days: p.number("court_days"),
            weeks: p.number("weeks"),
            months: p.number("months"),
            years: p.number("years"),
            hours: p.number("hours"),
            fold: p.string("fold").filter(|s| !s.is_empty()),
            before: p.flag("before"),
            service: p.string("service").filter(|s| !s.is_empty()),
            rules_as_of: p.string("rules_as_of").filter(|s| !s.is_empty()),
            rules: p.string("rules").filter(|s| !s.is_empty()),
            closure: p.list("closure"),
            settle: p.list("settle"),
            authority: p.string("authority").filter(|s| !s.is_empty()),
            explain: p.flag("explain"),
            rule: p.string("rule").filter(|s| !s.is_empty()),
            us_party: p.flag("us_party"),
            conditions: p.list("if"),
            first_set: p.string("first_set").filter(|s| !s.is_empty()),
            packs: Vec::new(),
        };
        p.finish(DUE_OPTIONS)?;
        Ok(q)
    }
}

/// The answer to a [`DueQuery`]: the computation and the calendar it ran on.
#[derive(Debug, Clone)]
pub struct DueAnswer {
    due: Due,
    calendar: Calendar,
    explain: bool,
    rule: Option<RuleAnswer>,
}

/// What a rule's deadline adds: the rule applied and why.
#[derive(Debug, Clone)]
struct RuleAnswer {
    /// The `rule` object of the JSON.
    json: serde_json::Value,
    /// `rule: CITE (ID): PERIOD DIRECTION TRIGGER; counted from DATE`.
    line: String,
    reasons: Vec<String>,
}

fn amount(style: Style, field: &str, n: i64) -> Result<u32> {
    if n < 0 {
        return Err(invalid(format!(
            "{}: a period cannot be negative (use {} to count back from an event)",
            style.given(field, &n.to_string()),
            style.name("before")
        )));
    }
    u32::try_from(n).map_err(|_| {
        Error::new(
            ErrorKind::Range,
            format!("{}: period too long", style.given(field, &n.to_string())),
        )
    })
}

/// `QUESTION=READING[@DATE]` with its authority.
fn settlement(style: Style, arg: &str, authority: Option<&str>) -> Result<Settlement> {
    let given = style.given("settle", arg);
    let bad = || {
        invalid(format!(
            "{given}: expected QUESTION=READING or QUESTION=READING@DATE"
        ))
    };
    let (question, rest) = arg.split_once('=').ok_or_else(bad)?;
    let (reading, date) = match rest.split_once('@') {
        Some((r, d)) => (r, Some(style.date("settle", d)?)),
        None => (rest, None),
    };
    if question.is_empty() || reading.is_empty() {
        return Err(bad());
    }
    let authority = authority.filter(|a| !a.trim().is_empty()).ok_or_else(|| {
        invalid(format!(
            "{given}: give the authority relied on with {}",
            style.name("authority")
        ))
    })?;
    let s = Settlement {
        question: question.to_string(),
        reading: reading.to_string(),
        date,
        authority: authority.to_string(),
    };
    s.check().map_err(|e| e.context(&given))?;
    Ok(s)
}

fn period(q: &DueQuery, style: Style) -> Result<Period> {
    let given: Vec<(&str, i64)> = [
        ("days", q.days),
        ("court_days", q.court_days),
        ("weeks", q.weeks),
        ("months", q.months),
        ("years", q.years),
        ("hours", q.hours),
    ]
    .into_iter()
    .filter_map(|(f, n)| n.map(|n| (f, n)))
    .collect();
    let names = || {
        let all: Vec<String> = ["days", "court_days", "weeks", "months", "years"]
            .iter()
            .map(|f| style.name(f))
            .collect();
        format!("{} or {}", all.join(", "), style.name("hours"))
    };
    let (field, n) = match given.as_slice() {
        [one] => *one,
        [] => return Err(invalid(format!("give a period: {}", names()))),
        [(a, _), (b, _), ..] => {
            return Err(invalid(format!(
                "{} and {}: give one period",
                style.name(a),
                style.name(b)
            )))
        }
    };
    let n = amount(style, field, n)?;
    let p = match field {
        "days" => Period::days(n),
        "court_days" => Period::court_days(n),
        "weeks" => Period::weeks(n),
        "months" => Period::months(n),
        "years" => Period::years(n),
        _ => Period::hours(n),
    };
    p.check().map_err(|e| style.about(field, e))
}

/// Computes the last day to act, as `docket due` does.
///
/// # Errors
/// An unknown court, service or rule family; a date that is not one; no
/// period, or more than one; a negative or absurd period; a settlement
/// without its authority. Each message names the option as `style` does.
pub fn due(q: &DueQuery, style: Style) -> Result<DueAnswer> {
    if q.court.is_empty() {
        return Err(invalid(format!(
            "{}: give a court id (nysb, nysd, ca2, ...) or federal",
            style.name("court")
        )));
    }
    if q.from.is_empty() {
        return Err(invalid(format!(
            "{}: give the trigger date (YYYY-MM-DD)",
            style.name("from")
        )));
    }
    if q.authority.is_some() && q.settle.is_empty() {
        return Err(invalid(format!(
            "{} is used only with {}",
            style.name("authority"),
            style.name("settle")
        )));
    }
    if q.rule.is_some() {
        return due_by_rule(q, style);
    }
    refuse_without_rule(q, style)?;
    let (calendar, family) = calendar_of(q, style)?;
    let period = period(q, style)?;
    let (date, time) = match crate::docket::parse_local_datetime(&q.from) {
        Ok(dt) => (dt.date(), Some(dt.time())),
        Err(_) => (style.date("from", &q.from)?, None),
    };
    if time.is_some() && q.hours.is_none() {
        return Err(invalid(format!(
            "{}: a time of day is used only with {}; give a date",
            style.given("from", &q.from),
            style.name("hours")
        )));
    }
    let mut req = if q.before {
        Request::before(date, period)
    } else {
        Request::after(date, period)
    };
    if let Some(t) = time {
        req = req.at(t);
    }
    if let Some(f) = &q.fold {
        if q.hours.is_none() {
            return Err(invalid(format!(
                "{} is used only with {} (a trigger time that occurs twice)",
                style.name("fold"),
                style.name("hours")
            )));
        }
        req = req.fold(Some(f.parse().map_err(|e| style.about("fold", e))?));
    }
    let service: Option<Service> = q
        .service
        .as_deref()
        .map(str::parse)
        .transpose()
        .map_err(|e| style.about("service", e))?;
    let as_of = style.opt_date("rules_as_of", q.rules_as_of.as_deref())?;
    let due = req
        .service(service)
        .rules_as_of(as_of)
        .explain(true)
        .compute(&calendar, family)
        .map_err(|e| fold_in_words(e, style))?;
    Ok(DueAnswer {
        due,
        calendar,
        explain: q.explain,
        rule: None,
    })
}

/// "choose fold = ..." in the words of `style` (`give --fold earlier or
/// later`).
fn fold_in_words(e: Error, style: Style) -> Error {
    const ASKED: &str = "choose fold = \"earlier\" or \"later\"";
    if !e.problems().iter().any(|p| p.contains(ASKED)) {
        return e;
    }
    let words = format!(
        "give {} or {}",
        style.given("fold", "earlier"),
        style.given("fold", "later")
    );
    let problems = e
        .problems()
        .iter()
        .map(|p| p.replace(ASKED, &words))
        .collect();
    Error::many(e.kind(), problems)
}

/// The calendar of the court, with the closures and settlements asked
/// for, and the rule family (the court's, or `rules`).
fn calendar_of(q: &DueQuery, style: Style) -> Result<(Calendar, RuleFamily)> {
    let (calendar, family) = if q.court == "federal" {
        (Calendar::federal()?, RuleFamily::Civil)
    } else {
        let c = court(&q.court).map_err(|e| style.about("court", e))?;
        (c.calendar()?, c.family)
    };
    let family = match &q.rules {
        Some(r) => r.parse().map_err(|e| style.about("rules", e))?,
        None => family,
    };
    if q.closure.is_empty() && q.settle.is_empty() {
        return Ok((calendar, family));
    }
    let mut b = calendar.to_builder();
    for s in &q.settle {
        b = b.settle(settlement(style, s, q.authority.as_deref())?);
    }
    for d in &q.closure {
        b = b.closure(Closure::on(
            style.date("closure", d)?,
            format!("Clerk's office inaccessible ({})", style.name("closure")),
        ));
    }
    Ok((b.build()?, family))
}

/// The rule options given without `rule`.
fn refuse_without_rule(q: &DueQuery, style: Style) -> Result<()> {
    let given = [
        ("us_party", q.us_party),
        ("if", !q.conditions.is_empty()),
        ("first_set", q.first_set.is_some()),
        ("pack", !q.packs.is_empty()),
    ];
    match given.iter().find(|(_, g)| *g) {
        Some((field, _)) => Err(invalid(format!(
            "{} is used only with {}",
            style.name(field),
            style.name("rule")
        ))),
        None => Ok(()),
    }
}

fn direction_word(d: crate::compute::Direction) -> &'static str {
    match d {
        crate::compute::Direction::After => "after",
        crate::compute::Direction::Before => "before",
    }
}

/// A rule's deadline (`docket due --rule ID`).
fn due_by_rule(q: &DueQuery, style: Style) -> Result<DueAnswer> {
    use crate::rules::{Pack, RuleRequest, RuleSet};
    let id = q.rule.as_deref().unwrap_or_default();
    let (rule, before, rules) = (
        style.name("rule"),
        style.name("before"),
        style.name("rules"),
    );
    if q.before {
        return Err(invalid(format!(
            "{before} does not go with {rule}: the rule {id} sets its own direction"
        )));
    }
    if q.rules.is_some() {
        return Err(invalid(format!(
            "{rules} does not go with {rule}: the rule {id} is counted under its own rules (docket rules show {id})"
        )));
    }
    let given: Vec<&str> = [
        ("days", q.days.is_some()),
        ("court_days", q.court_days.is_some()),
        ("weeks", q.weeks.is_some()),
        ("months", q.months.is_some()),
        ("years", q.years.is_some()),
        ("hours", q.hours.is_some()),
        ("fold", q.fold.is_some()),
    ]
    .iter()
    .filter(|(_, g)| *g)
    .map(|(f, _)| *f)
    .collect();
    if let Some(f) = given.first() {
        return Err(invalid(format!(
            "{} does not go with {rule}: the rule sets the period",
            style.name(f)
        )));
    }
    let (calendar, _) = calendar_of(q, style)?;
    let mut set = RuleSet::national()?;
    for p in &q.packs {
        set = set.with_pack(Pack::load(p)?)?;
    }
    let from = style.date("from", &q.from)?;
    let first_set = style.opt_date("first_set", q.first_set.as_deref())?;
    let as_of = style.opt_date("rules_as_of", q.rules_as_of.as_deref())?;
    let service: Option<Service> = q
        .service
        .as_deref()
        .map(str::parse)
        .transpose()
        .map_err(|e| style.about("service", e))?;
    let mut req = RuleRequest::new(id, from)
        .first_set(first_set)
        .service(service)
        .rules_as_of(as_of)
        .explain(true);
    if q.us_party {
        req = req.fact("us_party", true);
    }
    for c in &q.conditions {
        let (name, holds) = match c.split_once('=') {
            None => (c.as_str(), true),
            Some((n, "yes" | "true")) => (n, true),
            Some((n, "no" | "false")) => (n, false),
            Some(_) => {
                return Err(invalid(format!(
                    "{}: expected NAME, NAME=yes or NAME=no",
                    style.given("if", c)
                )))
            }
        };
        req = req.fact(name, holds);
    }
    let rd = set
        .compute(&req, &calendar)
        .map_err(|e| style.about("rule", e))?;
    let trigger = set
        .trigger_in(rd.pack(), rd.trigger())
        .map_or(rd.trigger().to_string(), |t| t.description.clone());
    let json = serde_json::json!({
        "id": rd.rule(),
        "requested": rd.requested(),
        "cite": rd.cite(),
        "pack": rd.pack(),
        "precedence": rd.precedence(),
        "period": rd.period().to_string(),
        "direction": direction_word(rd.direction()),
        "trigger": rd.trigger(),
        "trigger_description": trigger,
        "counted_from": rd.counted_from().to_string(),
        "edition_from": rd.edition_from().map(|d| d.to_string()),
        "rules_as_of": rd.as_of().to_string(),
        "reasons": rd.reasons(),
    });
    let line = format!(
        "rule: {} ({}): {} {} {}; counted from {}\n",
        rd.cite(),
        rd.rule(),
        rd.period(),
        direction_word(rd.direction()),
        trigger,
        rd.counted_from()
    );
    Ok(DueAnswer {
        due: rd.due().clone(),
        calendar,
        explain: q.explain,
        rule: Some(RuleAnswer {
            json,
            line,
            reasons: rd.reasons().to_vec(),
        }),
    })
}

fn local(at: chrono::NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M").to_string()
}

impl DueAnswer {
    /// The computation (explained).
    pub fn due(&self) -> &Due {
        &self.due
    }

    /// The calendar it ran on.
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// What `docket due` prints: the date alone on the first line (a local
    /// date-time for hours), each later reading, and with `explain` (or the
    /// query's `explain`) the rules and steps.
    pub fn text(&self, explain: bool) -> String {
        let due = &self.due;
        let explain = explain || self.explain;
        let mut out = match due.at() {
            Some(at) => format!("{}\n", local(at)),
            None => format!("{}\n", due.due()),
        };
        if let Some(r) = &self.rule {
            out.push_str(&r.line);
            if explain {
                for reason in &r.reasons {
                    out.push_str(&format!("  - {reason}\n"));
                }
            }
        }
        for l in due.readings() {
            let when = l.at.map_or(l.date.to_string(), local);
            out.push_str(&format!("later reading: {when} ({})\n", l.reason));
        }
        if explain {
            out.push_str(&format!("rules: {}\n", due.edition()));
            for s in due.steps() {
                out.push_str(&format!("  - {s}\n"));
            }
            for l in due.readings() {
                out.push_str(&format!("later reading ({}, {}):\n", l.question, l.date));
                for s in &l.steps {
                    out.push_str(&format!("  - {s}\n"));
                }
                for c in &l.cites {
                    out.push_str(&format!("  cites: {c}\n"));
                }
            }
        }
        out
    }

    /// What `docket due --json` prints and `POST /v1/due` answers: `due`,
    /// `ends_at`, `at` (hours), `latest`, `latest_at`, `latest_reason`,
    /// `latest_steps` (the latest reading, when one exists), `readings`
    /// (each with `date`, `at`, `question`, `reason`, `cites`, `steps`),
    /// `rules`, `steps`, and for a rule's deadline `rule` (`id`, `cite`,
    /// `period`, `direction`, `trigger`, `counted_from`, `reasons`, ...).
    pub fn json(&self) -> String {
        let due = &self.due;
        let mut obj = serde_json::Map::new();
        obj.insert("due".into(), due.due().to_string().into());
        if let Ok(end) = due.ends_at(&self.calendar) {
            obj.insert("ends_at".into(), end.to_rfc3339().into());
        }
        if let Some(at) = due.at() {
            obj.insert("at".into(), local(at).into());
        }
        if let Some(l) = due.later() {
            obj.insert("latest".into(), l.date.to_string().into());
            if let Some(at) = l.at {
                obj.insert("latest_at".into(), local(at).into());
            }
            obj.insert("latest_reason".into(), l.reason.to_string().into());
            obj.insert(
                "latest_steps".into(),
                l.steps.iter().map(|s| s.to_string()).collect(),
            );
        }
        let readings: Vec<serde_json::Value> = due
            .readings()
            .iter()
            .map(|l| {
                let mut r = serde_json::Map::new();
                r.insert("date".into(), l.date.to_string().into());
                if let Some(at) = l.at {
                    r.insert("at".into(), local(at).into());
                }
                r.insert("question".into(), l.question.to_string().into());
                r.insert("reason".into(), l.reason.to_string().into());
                r.insert(
                    "cites".into(),
                    l.cites.iter().map(|c| c.to_string()).collect(),
                );
                r.insert(
                    "steps".into(),
                    l.steps.iter().map(|s| s.to_string()).collect(),
                );
                serde_json::Value::Object(r)
            })
            .collect();
        obj.insert("readings".into(), readings.into());
        obj.insert("rules".into(), due.edition().to_string().into());
        obj.insert(
            "steps".into(),
            due.steps().iter().map(|s| s.to_string()).collect(),
        );
        if let Some(r) = &self.rule {
            obj.insert("rule".into(), r.json.clone());
        }
        super::pretty(&serde_json::Value::Object(obj)).unwrap_or_else(|_| "{}\n".into())
    }
}
