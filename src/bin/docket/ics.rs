//! `docket ics`: iCalendar feeds, one file's or a folder's.

use std::path::PathBuf;

use chrono::NaiveDateTime;
use clap::Args;
use docket::docket::{write_atomic, Docket, Format, RunBudget};
use docket::ical::{Feed, FeedOptions};
use docket::{Error, ErrorKind};

use crate::common::{invalid, opt_date};

#[derive(Args)]
pub(crate) struct IcsArgs {
    /// A docket file, or a folder of them (with --out-dir).
    pub(crate) input: PathBuf,
    /// Only this party's deadlines and events (its id or name).
    #[arg(long)]
    pub(crate) party: Option<String>,
    /// Write the feed to this file (atomically) instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub(crate) output: Option<PathBuf>,
    /// With a folder: write <case>.ics, party-<id>.ics and all.ics here.
    #[arg(long, value_name = "FEEDS")]
    pub(crate) out_dir: Option<PathBuf>,
    /// UID domain (lexington/status-report/3@DOMAIN).
    #[arg(long, default_value = "docket.invalid")]
    pub(crate) domain: String,
    /// Calendar name (default: the case caption).
    #[arg(long)]
    pub(crate) name: Option<String>,
    /// A reminder this many days before each open deadline (repeatable).
    #[arg(long = "alarm", value_name = "DAYS")]
    pub(crate) alarms: Vec<u32>,
    /// Keep vacated items as STATUS:CANCELLED instead of dropping them.
    #[arg(long)]
    pub(crate) keep_vacated: bool,
    /// Write timed events in UTC instead of the court's zone.
    #[arg(long)]
    pub(crate) utc: bool,
    /// DTSTAMP for every item (YYYY-MM-DDTHH:MM:SS, UTC); default: the last
    /// change's date.
    #[arg(long, value_name = "DATETIME")]
    pub(crate) stamp: Option<String>,
    /// Refresh interval for subscribers, in minutes.
    #[arg(long, default_value_t = 720)]
    pub(crate) refresh_minutes: u32,
    /// A METHOD property (off by default for subscriptions); only PUBLISH,
    /// which adds an ORGANIZER to every event (RFC 5546).
    #[arg(long)]
    pub(crate) method: Option<String>,
    /// ORGANIZER of every event (a URI such as mailto:clerk@example.com);
    /// with --method PUBLISH the default is mailto:noreply@DOMAIN.
    #[arg(long, value_name = "URI")]
    pub(crate) organizer: Option<String>,
    /// Only items on or after this date.
    #[arg(long, value_name = "DATE")]
    pub(crate) from: Option<String>,
    /// Only items on or before this date (recurring duties expanded to it).
    #[arg(long, value_name = "DATE")]
    pub(crate) to: Option<String>,
    /// Expand recurring duties through this date.
    #[arg(long, value_name = "DATE")]
    pub(crate) horizon: Option<String>,
}

fn ics_options(a: &IcsArgs) -> Result<FeedOptions, Error> {
    if let Some(m) = &a.method {
        if m.is_empty() || !m.chars().all(|c| c.is_ascii_alphabetic() || c == '-') {
            return Err(invalid(format!(
                "--method \"{m}\": an iCalendar method is letters only (e.g. PUBLISH)"
            )));
        }
    }
    let stamp = match &a.stamp {
        Some(s) => Some(
            NaiveDateTime::parse_from_str(s.trim_end_matches('Z'), "%Y-%m-%dT%H:%M:%S")
                .or_else(|_| {
                    NaiveDateTime::parse_from_str(s.trim_end_matches('Z'), "%Y-%m-%dT%H:%M")
                })
                .map_err(|_| {
                    invalid(format!(
                        "--stamp: \"{s}\" is not a date-time (YYYY-MM-DDTHH:MM:SS)"
                    ))
                })?,
        ),
        None => None,
    };
    let mut o = FeedOptions::new(a.domain.clone())
        .alarms(&a.alarms)
        .keep_vacated(a.keep_vacated)
        .utc_times(a.utc)
        .stamp(stamp)
        .refresh_minutes(a.refresh_minutes)
        .method(a.method.clone())
        .organizer(a.organizer.clone())
        .window(opt_date("--from", &a.from)?, opt_date("--to", &a.to)?)
        .horizon(opt_date("--horizon", &a.horizon)?);
    if let Some(n) = &a.name {
        o = o.name(n.clone());
    }
    // The library names the option ("method ...", "organizer ..."): make it the flag.
    o.check().map_err(|e| invalid(format!("--{e}")))?;
    Ok(o)
}

pub(crate) fn ics(a: IcsArgs) -> Result<String, Error> {
    let opts = ics_options(&a)?;
    if a.input.is_dir() {
        let Some(out_dir) = &a.out_dir else {
            return Err(invalid(format!(
                "{} is a folder: pass --out-dir FEEDS to write one feed per case and per party",
                a.input.display()
            )));
        };
        return ics_dir(&a.input, out_dir, &opts);
    }
    if a.out_dir.is_some() {
        return Err(invalid(
            "--out-dir goes with a folder of docket files".into(),
        ));
    }
    let docket = Docket::load(&a.input)?;
    let checked = docket.check().map_err(|e| e.context(a.input.display()))?;
    let feed = Feed::new(&opts)
        .case(&checked)
        .map_err(|e| e.context(a.input.display()))?
        .party(a.party.as_deref());
    if feed.party_unknown() {
        return Err(invalid(format!(
            "--party: {}: no party \"{}\"",
            a.input.display(),
            a.party.as_deref().unwrap_or("")
        )));
    }
    let text = feed.to_ics();
    match &a.output {
        Some(out) => {
            write_atomic(out, text.as_bytes())?;
            Ok(String::new())
        }
        None => Ok(text),
    }
}

fn ics_dir(
    dir: &std::path::Path,
    out_dir: &std::path::Path,
    opts: &FeedOptions,
) -> Result<String, Error> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::new(ErrorKind::Io, format!("{}: {e}", dir.display())))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| Format::of(p).is_ok() && p.is_file())
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(invalid(format!(
            "{}: no .toml or .json docket files",
            dir.display()
        )));
    }
    // Load and check everything before writing anything.
    let mut problems = Vec::new();
    let mut cases = Vec::new();
    let mut budget = RunBudget::new();
    for f in &files {
        let checked = |d: Docket| {
            d.check()
                .map(|c| (d, c))
                .map_err(|e| e.context(f.display()))
        };
        match Docket::load(f).and_then(checked) {
            Ok((d, c)) => match docket::ical::CaseFeed::new(&c, opts) {
                Ok(cf) => {
                    budget.spend(f, cf.schedule().deadlines.len())?;
                    cases.push((d, cf))
                }
                Err(e) => problems.extend(e.context(f.display()).problems().iter().cloned()),
            },
            Err(e) => problems.extend(e.problems().iter().cloned()),
        }
    }
    if !problems.is_empty() {
        return Err(Error::many(ErrorKind::Invalid, problems));
    }
    // Cases keep the order of `files` (every file loaded, or we returned).
    let mut seen = std::collections::BTreeMap::new();
    for (f, (d, _)) in files.iter().zip(&cases) {
        if let Some(first) = seen.insert(d.case.id.clone(), f.clone()) {
            return Err(invalid(format!(
                "{} and {} both use the case id \"{}\"",
                first.display(),
                f.display(),
                d.case.id
            )));
        }
    }
    std::fs::create_dir_all(out_dir)
        .map_err(|e| Error::new(ErrorKind::Io, format!("{}: {e}", out_dir.display())))?;
    let mut written = Vec::new();
    let mut write = |name: String, text: String| -> Result<(), Error> {
        let path = out_dir.join(&name);
        write_atomic(&path, text.as_bytes())?;
        written.push(path.display().to_string());
        Ok(())
    };
    let mut parties = std::collections::BTreeSet::new();
    for (d, cf) in &cases {
        write(
            format!("{}.ics", d.case.id),
            Feed::new(opts).prepared(cf.clone()).to_ics(),
        )?;
        parties.extend(d.parties.keys().cloned());
    }
    for p in &parties {
        let mut feed = Feed::new(opts).party(Some(p));
        for (d, cf) in &cases {
            if d.parties.contains_key(p) {
                feed = feed.prepared(cf.clone());
            }
        }
        write(format!("party-{p}.ics"), feed.name_for_party(p).to_ics())?;
    }
    let mut all = Feed::new(opts);
    for (_, cf) in &cases {
        all = all.prepared(cf.clone());
    }
    write("all.ics".to_string(), all.to_ics())?;
    Ok(written.iter().map(|w| format!("wrote {w}\n")).collect())
}
