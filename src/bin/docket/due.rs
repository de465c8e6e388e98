//! `docket due`: the last day to act.

use std::path::PathBuf;

use clap::Args;
use docket::commands::{due as compute, DueQuery, Style};
use docket::docket::{read_docket_text, Format};
use docket::Error;

use crate::common::{invalid, is_stdin, read_stdin, shown};
use crate::Out;

#[derive(Args)]
pub(crate) struct DueArgs {
    /// The question as a JSON object or TOML table named like these flags
    /// (`{"court": "nysb", "from": "2009-04-16", "days": 14}`), from a file
    /// or `-` (stdin); instead of the flags.
    #[arg(value_name = "REQUEST")]
    pub(crate) input: Option<PathBuf>,
    /// The format of REQUEST: toml or json (default: JSON when it starts
    /// with `{`).
    #[arg(long, value_name = "FORMAT", requires = "input")]
    pub(crate) format: Option<Format>,
    /// Court id (CourtListener style: nysb, nysd, ca2, ...) or "federal".
    #[arg(long, required_unless_present = "input")]
    pub(crate) court: Option<String>,
    /// The trigger: a date (YYYY-MM-DD), or a local date-time at the court
    /// (YYYY-MM-DDTHH:MM) for --hours.
    #[arg(long, required_unless_present = "input")]
    pub(crate) from: Option<String>,
    /// Period in calendar days.
    #[arg(long, group = "period", allow_negative_numbers = true)]
    pub(crate) days: Option<i64>,
    /// Period in court days.
    #[arg(long, group = "period", allow_negative_numbers = true)]
    pub(crate) court_days: Option<i64>,
    /// Period in weeks.
    #[arg(long, group = "period", allow_negative_numbers = true)]
    pub(crate) weeks: Option<i64>,
    /// Period in months (month-end clamped).
    #[arg(long, group = "period", allow_negative_numbers = true)]
    pub(crate) months: Option<i64>,
    /// Period in years.
    #[arg(long, group = "period", allow_negative_numbers = true)]
    pub(crate) years: Option<i64>,
    /// Period in hours (needs --from with a time).
    #[arg(long, group = "period", allow_negative_numbers = true)]
    pub(crate) hours: Option<i64>,
    /// With --hours: which moment the trigger's local time means when it
    /// occurs twice at the court (clocks fall back): earlier or later.
    #[arg(long, value_name = "earlier|later")]
    pub(crate) fold: Option<String>,
    /// Count backward from the trigger (a period before an event).
    #[arg(long)]
    pub(crate) before: bool,
    /// Service method whose days are added: mail, electronic, hand,
    /// leaving_with_clerk, other.
    #[arg(long)]
    pub(crate) service: Option<String>,
    /// Apply the rules in force on this date instead of the trigger date.
    #[arg(long, value_name = "DATE")]
    pub(crate) rules_as_of: Option<String>,
    /// Rule family, overriding the court's: civil, bankruptcy, appellate, plain.
    #[arg(long)]
    pub(crate) rules: Option<String>,
    /// A day the clerk's office was inaccessible (repeatable).
    #[arg(long, value_name = "DATE")]
    pub(crate) closure: Vec<String>,
    /// Settle an unsettled question: QUESTION=READING, or
    /// QUESTION=READING@DATE for one day (repeatable; needs --authority).
    /// The questions are listed in docs/format.md.
    #[arg(long, value_name = "QUESTION=READING")]
    pub(crate) settle: Vec<String>,
    /// The authority relied on to settle a question (an order, a notice).
    #[arg(long, value_name = "TEXT")]
    pub(crate) authority: Option<String>,
    /// Print the explanation after the date.
    #[arg(long)]
    pub(crate) explain: bool,
    /// Print a JSON object: `due`, `ends_at`, `readings` (every later
    /// reading with its `date`, `question`, `reason`, `cites`, `steps`),
    /// `latest`, `latest_reason` and `latest_steps` (the latest reading,
    /// when one exists), `rules`, `steps`.
    #[arg(long)]
    pub(crate) json: bool,
    /// A rule's deadline instead of a period (`docket rules` lists them).
    #[command(flatten)]
    pub(crate) rule: crate::rules::RuleFlags,
}

impl DueArgs {
    pub(crate) fn files(&self) -> Vec<String> {
        self.input.iter().map(|f| shown(f)).collect()
    }

    fn flags(&self) -> DueQuery {
        DueQuery {
            court: self.court.clone().unwrap_or_default(),
            from: self.from.clone().unwrap_or_default(),
            days: self.days,
            court_days: self.court_days,
            weeks: self.weeks,
            months: self.months,
            years: self.years,
            hours: self.hours,
            fold: self.fold.clone(),
            before: self.before,
            service: self.service.clone(),
            rules_as_of: self.rules_as_of.clone(),
            rules: self.rules.clone(),
            closure: self.closure.clone(),
            settle: self.settle.clone(),
            authority: self.authority.clone(),
            explain: self.explain,
            rule: self.rule.rule.clone(),
            us_party: self.rule.us_party,
            conditions: self.rule.conditions.clone(),
            first_set: self.rule.first_set.clone(),
            packs: self.rule.packs.clone(),
        }
    }
}

pub(crate) fn due(a: DueArgs) -> Result<Out, Error> {
    let flags = a.flags();
    let (query, style) = match &a.input {
        None => (flags, Style::Flags),
        Some(path) => {
            let asked = DueQuery {
                explain: false,
                ..flags
            };
            if asked != DueQuery::default() {
                return Err(invalid(format!(
                    "{}: give the question in the file or as flags, not both",
                    shown(path)
                )));
            }
            let text = if is_stdin(path) {
                read_stdin()?
            } else {
                read_docket_text(path)?
            };
            let format = match a.format {
                Some(f) => f,
                None => docket::commands::DocketText::sniff(&text),
            };
            let q = DueQuery::from_text(&text, format).map_err(|e| e.context(shown(path)))?;
            (q, Style::Fields)
        }
    };
    let answer = compute(&query, style)?;
    Ok(Out::text(if a.json {
        answer.json()
    } else {
        answer.text(a.explain)
    }))
}
