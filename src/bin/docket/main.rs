//! The `docket` command line (build with `--features cli`).
//!
//! Exit status: 0 on success; 2 when anything is refused (a bad option,
//! an unreadable or invalid docket, a computation out of range); 3 when
//! `reschedule --write` is refused because the file changed since it was
//! read or another writer held it too long (nothing was written: run it
//! again). With `--json`, a failure prints `{"kind", "problems": [{"file",
//! "item", "field", "message"}]}` on stdout and one line on stderr.

mod check;
mod common;
mod courts;
mod diff;
mod due;
mod ics;
mod reschedule;
mod rules;
mod schedule;
mod serve;

use std::io::Write;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue};
use clap::{CommandFactory, Parser, Subcommand};
use docket::commands::{problems_json, Problem};
use docket::{Error, ErrorKind};

use check::CheckArgs;
use courts::CourtsArgs;
use diff::DiffArgs;
use due::DueArgs;
use ics::IcsArgs;
use reschedule::RescheduleArgs;
use rules::RulesArgs;
use schedule::ScheduleArgs;
use serve::ServeArgs;

/// Court deadlines you can trust.
#[derive(Parser)]
#[command(name = "docket", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Compute the last day to act: prints the due date alone on the first line.
    Due(DueArgs),
    /// Print a docket's schedule: every deadline and event, in date order.
    Schedule(ScheduleArgs),
    /// Validate a docket file and report every problem.
    Check(CheckArgs),
    /// Show what a change moves (what-if), and with --write record it.
    Reschedule(RescheduleArgs),
    /// Compare the schedules of two docket files.
    Diff(DiffArgs),
    /// Write iCalendar feeds: one file's feed (stdout or -o), or with a
    /// folder and --out-dir one feed per case, per party and for all.
    Ics(IcsArgs),
    /// List the built-in courts, or find one by id, abbreviation, name or
    /// state (`docket courts "N.D. Ill."`).
    Courts(CourtsArgs),
    /// Serve the web page, the JSON API (/v1/) and a folder of .ics feeds
    /// (/feeds/NAME.ics, with ETag / Last-Modified, gzip and time-outs).
    Serve(ServeArgs),
    /// Rule packs: list and search rules by id, citation or words; `show
    /// ID`; `changes` (editions between two dates).
    Rules(RulesArgs),
}

/// What a command printed, and the error it ended with, if any (`check`
/// prints its report of the valid files before the problems of the others).
pub(crate) struct Out {
    stdout: String,
    error: Option<Error>,
}

impl Out {
    pub(crate) fn text(stdout: String) -> Out {
        Out {
            stdout,
            error: None,
        }
    }

    pub(crate) fn failed(stdout: String, error: Error) -> Out {
        Out {
            stdout,
            error: Some(error),
        }
    }
}

/// The exit status for an error.
fn status(e: &Error) -> ExitCode {
    if e.kind() == ErrorKind::Conflict {
        ExitCode::from(3)
    } else {
        ExitCode::from(2)
    }
}

/// The subcommand named on the command line, if any.
fn subcommand_named() -> Option<String> {
    let mut command = Cli::command();
    let mut path: Vec<String> = Vec::new();
    // The subcommand, and its own subcommand if it has one (`rules show`).
    for a in std::env::args().skip(1).filter(|a| !a.starts_with('-')) {
        let Some(sub) = command.find_subcommand(&a).cloned() else {
            break;
        };
        path.push(a);
        command = sub;
    }
    (!path.is_empty()).then(|| path.join(" "))
}

/// Whether `--json` was asked for (even on a command line clap refused).
fn json_asked() -> bool {
    std::env::args().skip(1).any(|a| a == "--json")
}

/// The long flags of a subcommand (`--court-days`), to locate problems.
fn flags_of(sub: &str) -> Vec<String> {
    Cli::command()
        .find_subcommand(sub)
        .map(|c| {
            c.get_arguments()
                .filter_map(|a| a.get_long().map(|l| format!("--{l}")))
                .collect()
        })
        .unwrap_or_default()
}

/// A refused command line: one line naming the problem and the help to
/// read, and with `--json` the problem as JSON on stdout.
fn usage_error(e: &clap::Error) -> ExitCode {
    let text = e.to_string();
    let mut lines = text.lines();
    let first = lines.next().unwrap_or("invalid arguments");
    let mut first = first.strip_prefix("error: ").unwrap_or(first).to_string();
    if first.ends_with(':') {
        // "the following required arguments were not provided:" and the
        // indented lines naming them.
        let named: Vec<&str> = lines
            .take_while(|l| l.starts_with(' '))
            .map(str::trim)
            .collect();
        first = format!("{first} {}", named.join(", "));
    }
    if matches!(
        e.kind(),
        clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            | clap::error::ErrorKind::MissingSubcommand
    ) {
        let names: Vec<String> = Cli::command()
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .collect();
        first = format!("give a command: {}", names.join(", "));
    }
    let help = match subcommand_named() {
        Some(sub) => format!("docket {sub} --help"),
        None => "docket --help".to_string(),
    };
    let message = format!("{first} (see {help})");
    if json_asked() {
        // The argument clap refused, as a flag.
        let field = match e.get(ContextKind::InvalidArg) {
            Some(ContextValue::String(s)) => Some(s.as_str()),
            Some(ContextValue::Strings(v)) => v.first().map(String::as_str),
            _ => None,
        }
        .and_then(|s| s.split([' ', '=']).next())
        .map(str::to_string);
        let problem = Problem {
            file: None,
            item: None,
            field,
            message: message.clone(),
        };
        let v = serde_json::json!({ "kind": "invalid", "problems": [problem] });
        if let Ok(s) = serde_json::to_string_pretty(&v) {
            println!("{s}");
        }
    }
    eprintln!("docket: error: {message}");
    ExitCode::from(2)
}

/// The error on stderr: one line (with `--json`, or when there is one
/// problem), or a line per problem.
fn report(e: &Error, one_line: bool) {
    match e.problems() {
        [one] => eprintln!("docket: error: {}", one.replace('\n', " ")),
        many if one_line => eprintln!(
            "docket: error: {} problems: {} (and {} more)",
            many.len(),
            many[0].replace('\n', " "),
            many.len() - 1
        ),
        many => {
            eprintln!("docket: error: {} problems:", many.len());
            for p in many {
                eprintln!("  {p}");
            }
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help and --version.
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => return usage_error(&e),
    };
    // Whether errors go to stdout as JSON, and how to locate them.
    let (json, files, mut options, sub) = match &cli.command {
        Command::Due(a) => (a.json, a.files(), Vec::new(), "due"),
        Command::Schedule(a) => (a.json, a.files(), Vec::new(), "schedule"),
        Command::Check(a) => (a.json, a.files(), Vec::new(), "check"),
        Command::Reschedule(a) => (a.json, a.files(), Vec::new(), "reschedule"),
        Command::Diff(a) => (a.json, a.files(), Vec::new(), "diff"),
        Command::Ics(a) => (false, a.files(), Vec::new(), "ics"),
        Command::Serve(_) => (false, Vec::new(), Vec::new(), "serve"),
        Command::Courts(a) => (a.json, Vec::new(), Vec::new(), "courts"),
        Command::Rules(_) => (json_asked(), Vec::new(), Vec::new(), "rules"),
    };
    options.extend(flags_of(sub));
    if let Command::Due(a) = &cli.command {
        if a.input.is_some() {
            // A question from a file names its options as fields.
            options.extend(docket::commands::DueQuery::options(
                docket::commands::Style::Fields,
            ));
        }
    }
    let result = match cli.command {
        Command::Due(args) => due::due(args),
        Command::Schedule(args) => schedule::schedule(args),
        Command::Check(args) => check::check(args),
        Command::Reschedule(args) => reschedule::reschedule(args),
        Command::Diff(args) => diff::diff_files(args),
        Command::Ics(args) => ics::ics(args),
        Command::Serve(args) => serve::serve(args),
        Command::Courts(args) => courts::list(args).map(Out::text),
        Command::Rules(args) => rules::rules(args).map(Out::text),
    };
    let mut stdout = std::io::stdout().lock();
    match result {
        Ok(Out {
            stdout: out,
            error: None,
        }) => {
            let _ = stdout.write_all(out.as_bytes());
            ExitCode::SUCCESS
        }
        Ok(Out {
            stdout: out,
            error: Some(e),
        }) => {
            let _ = stdout.write_all(out.as_bytes());
            let _ = stdout.flush();
            report(&e, json);
            status(&e)
        }
        Err(e) => {
            if json {
                let files: Vec<&str> = files.iter().map(String::as_str).collect();
                let options: Vec<&str> = options.iter().map(String::as_str).collect();
                let _ = stdout.write_all(problems_json(&e, &files, &options).as_bytes());
                let _ = stdout.flush();
            }
            report(&e, json);
            status(&e)
        }
    }
}
