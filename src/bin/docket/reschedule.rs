//! `docket reschedule`: what a change moves, and with `--write` record it.

use std::path::PathBuf;

use clap::Args;
use docket::docket::{Action, Change, Diff, DocketFile, EventTime, Fold, ScheduleOptions};
use docket::Error;

use crate::common::{invalid, opt_date, parse_date, today};

#[derive(Args)]
pub(crate) struct RescheduleArgs {
    /// The docket file (.toml or .json).
    pub(crate) file: PathBuf,
    /// Move this event (to --to, a date or YYYY-MM-DDTHH:MM).
    #[arg(long = "move", value_name = "EVENT")]
    pub(crate) move_event: Option<String>,
    /// Set this obligation's due date to --to (extend or shorten).
    #[arg(long, value_name = "OBLIGATION")]
    pub(crate) extend: Option<String>,
    /// Vacate this obligation (from --on).
    #[arg(long, value_name = "OBLIGATION")]
    pub(crate) vacate: Option<String>,
    /// Record a filing of this obligation on --on.
    #[arg(long = "file", value_name = "OBLIGATION")]
    pub(crate) file_obligation: Option<String>,
    /// Reinstate this vacated obligation.
    #[arg(long, value_name = "OBLIGATION")]
    pub(crate) reinstate: Option<String>,
    /// Cancel this event.
    #[arg(long, value_name = "EVENT")]
    pub(crate) cancel: Option<String>,
    /// The new date (or date-time, for --move). A bare date keeps a timed
    /// event's time.
    #[arg(long)]
    pub(crate) to: Option<String>,
    /// For --move: which moment a local time that occurs twice at the court
    /// means (earlier or later).
    #[arg(long, value_name = "earlier|later")]
    pub(crate) fold: Option<Fold>,
    /// Which occurrence of a recurring duty (--extend, --vacate).
    #[arg(long)]
    pub(crate) occurrence: Option<u32>,
    /// The authority: the order, letter or agreement.
    #[arg(long)]
    pub(crate) by: Option<String>,
    /// The change's date (the filing date for --file); default today at the
    /// court (the date in its time zone).
    #[arg(long, value_name = "DATE")]
    pub(crate) on: Option<String>,
    /// Print JSON: moved, added, removed, vacated, ...
    #[arg(long)]
    pub(crate) json: bool,
    /// Append the change to the file's changes log (atomically).
    #[arg(long)]
    pub(crate) write: bool,
}

pub(crate) fn reschedule(a: RescheduleArgs) -> Result<String, Error> {
    // Remembers the text read: --write refuses if the file changed since.
    let mut file = DocketFile::open(&a.file)?;
    let docket = file.docket().clone();
    let ctx = a.file.display().to_string();
    let named = |e: Error| e.context(&ctx);
    let before = docket.check().map_err(named)?;
    // "Today" is the date at the court, not in UTC or on this machine.
    let zone = before.calendar().time_zone();
    let on_given = opt_date("--on", &a.on)?;
    let on = match on_given {
        Some(on) => on,
        None => today(zone)?,
    };
    let by =
        a.by.clone()
            .unwrap_or_else(|| "what-if (docket reschedule)".to_string());
    let to = a.to.as_deref();
    let need_to = |flag: &str| -> Result<&str, Error> {
        to.ok_or_else(|| invalid(format!("{flag} needs --to")))
    };
    let change = match (
        &a.move_event,
        &a.extend,
        &a.vacate,
        &a.file_obligation,
        &a.reinstate,
        &a.cancel,
    ) {
        (Some(ev), None, None, None, None, None) => {
            let t: EventTime = need_to("--move")?
                .parse()
                .map_err(|e: Error| invalid(format!("--to: {e}")))?;
            Change::move_event(on, by, ev, t).with_fold(a.fold)
        }
        (None, Some(ob), None, None, None, None) => {
            let t = parse_date("--to", need_to("--extend")?)?;
            Change::extend(on, by, ob, a.occurrence, t)
        }
        (None, None, Some(ob), None, None, None) => {
            let mut c = Change::vacate(on, by, ob);
            c.occurrence = a.occurrence;
            c
        }
        (None, None, None, Some(ob), None, None) => {
            if on_given.is_none() {
                return Err(invalid("--file needs --on (the filing date)".into()));
            }
            Change::file(on, by, ob)
        }
        (None, None, None, None, Some(ob), None) => Change::reinstate(on, by, ob),
        (None, None, None, None, None, Some(ev)) => Change::cancel(on, by, ev),
        _ => {
            return Err(invalid(
                "give exactly one of --move, --extend, --vacate, --file, --reinstate, --cancel"
                    .into(),
            ))
        }
    };
    if a.fold.is_some() && a.move_event.is_none() {
        return Err(invalid("--fold goes with --move".into()));
    }
    if a.to.is_some() && a.move_event.is_none() && a.extend.is_none() {
        return Err(invalid("--to goes with --move or --extend".into()));
    }
    if a.write && a.by.as_deref().is_none_or(|b| b.trim().is_empty()) {
        return Err(invalid(
            "--write records the change in the file: pass --by with the order or agreement".into(),
        ));
    }
    let after = docket
        .with_change(change.clone())
        .map_err(|e| e.context(&ctx))?;
    // One horizon for both, so the comparison shows only what the change did.
    let opts = ScheduleOptions::new();
    let (b, c) = (before, after.check().map_err(named)?);
    let horizon = Some(b.horizon_for(&opts).max(c.horizon_for(&opts)));
    let opts = opts.horizon(horizon);
    let mut diff = Diff::between(
        &b.schedule(&opts).map_err(named)?,
        &c.schedule(&opts).map_err(named)?,
    );
    diff.flag_past(on);
    let mut out = String::new();
    if a.json {
        let v = serde_json::json!({
            "case": docket.case.id,
            "change": change,
            "on": on.to_string(),
            "on_is_today": on_given.is_none(),
            "written": a.write,
            "moved": diff.moved,
            "added": diff.added,
            "removed": diff.removed,
            "vacated": diff.vacated,
            "status_changed": diff.status_changed,
            "unchanged": diff.unchanged,
            "warnings": diff.warnings,
        });
        out = serde_json::to_string_pretty(&v).map_err(|e| invalid(e.to_string()))?;
        out.push('\n');
    } else {
        out.push_str(&format!(
            "{}: {} (on {}{}, by {})\n",
            docket.case.id,
            describe(&change),
            on,
            if on_given.is_none() {
                format!(", today in {}: pass --on to set it", zone.name())
            } else {
                String::new()
            },
            change.by
        ));
        out.push_str(&diff.report());
    }
    if a.write {
        file.append_change(&change)?;
        if !a.json {
            out.push_str(&format!(
                "Written: change appended to {}\n",
                a.file.display()
            ));
        }
    } else if !a.json {
        out.push_str("(what-if: nothing written; pass --write to record the change)\n");
    }
    Ok(out)
}

fn describe(c: &Change) -> String {
    match c.action() {
        Ok(Action::Move { event, to }) => format!("move \"{event}\" to {to}"),
        Ok(Action::Extend {
            obligation,
            occurrence,
            to,
        }) => match occurrence {
            Some(n) => format!("set occurrence {n} of \"{obligation}\" due {to}"),
            None => format!("set \"{obligation}\" due {to}"),
        },
        Ok(Action::Vacate { obligation, .. }) => format!("vacate \"{obligation}\""),
        Ok(Action::Reinstate { obligation }) => format!("reinstate \"{obligation}\""),
        Ok(Action::File { obligation }) => format!("record a filing of \"{obligation}\""),
        Ok(Action::Cancel { event }) => format!("cancel \"{event}\""),
        Ok(_) => "change".into(),
        Err(e) => e.to_string(),
    }
}
