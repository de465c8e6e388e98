//! `docket ics`: iCalendar feeds, one file's or a folder's.

use std::path::PathBuf;

use clap::Args;
use docket::commands::{ics as one_feed, IcsQuery, Style};
use docket::docket::{write_atomic, Docket, Format, RunBudget};
use docket::ical::{Feed, FeedOptions};
use docket::{Error, ErrorKind};

use crate::common::{folder_files, invalid, is_stdin, read_docket, shown};
use crate::Out;

#[derive(Args)]
pub(crate) struct IcsArgs {
    /// A docket file (`-` reads stdin), or a folder of them (with --out-dir).
    pub(crate) input: PathBuf,
    /// The format of stdin (or of the file): toml or json.
    #[arg(long, value_name = "FORMAT")]
    pub(crate) format: Option<Format>,
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

impl IcsArgs {
    pub(crate) fn files(&self) -> Vec<String> {
        vec![shown(&self.input)]
    }

    fn query(&self) -> IcsQuery {
        IcsQuery {
            party: self.party.clone(),
            domain: self.domain.clone(),
            name: self.name.clone(),
            alarm: self.alarms.clone(),
            keep_vacated: self.keep_vacated,
            utc: self.utc,
            stamp: self.stamp.clone(),
            refresh_minutes: self.refresh_minutes,
            method: self.method.clone(),
            organizer: self.organizer.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            horizon: self.horizon.clone(),
        }
    }
}

pub(crate) fn ics(a: IcsArgs) -> Result<Out, Error> {
    let q = a.query();
    if !is_stdin(&a.input) && a.input.is_dir() {
        let opts = q.feed_options(Style::Flags)?;
        let Some(out_dir) = &a.out_dir else {
            return Err(invalid(format!(
                "{} is a folder: pass --out-dir FEEDS to write one feed per case and per party",
                a.input.display()
            )));
        };
        return ics_dir(&a.input, out_dir, &opts).map(Out::text);
    }
    if a.out_dir.is_some() {
        return Err(invalid(
            "--out-dir goes with a folder of docket files".into(),
        ));
    }
    let input = read_docket(&a.input, a.format)?;
    let text = one_feed(&input, &q, Style::Flags)?;
    match &a.output {
        Some(out) => {
            write_atomic(out, text.as_bytes())?;
            Ok(Out::text(String::new()))
        }
        None => Ok(Out::text(text)),
    }
}

fn ics_dir(
    dir: &std::path::Path,
    out_dir: &std::path::Path,
    opts: &FeedOptions,
) -> Result<String, Error> {
    let files = folder_files(dir)?;
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
