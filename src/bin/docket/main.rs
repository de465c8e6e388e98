//! The `docket` command line (build with `--features cli`).

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

use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
    /// Serve a folder of .ics feeds over HTTP under /feeds/NAME.ics, with
    /// ETag / Last-Modified (304), gzip and time-outs.
    Serve(ServeArgs),
    /// Rule packs: list and search rules by id, citation or words; `show
    /// ID`; `changes` (editions between two dates).
    Rules(RulesArgs),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help and --version.
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            // One line naming the problem.
            let text = e.to_string();
            let first = text.lines().next().unwrap_or("invalid arguments");
            let first = first.strip_prefix("error: ").unwrap_or(first);
            eprintln!("docket: error: {first} (see docket --help)");
            return ExitCode::from(2);
        }
    };
    let result = match cli.command {
        Command::Due(args) => due::due(args),
        Command::Schedule(args) => schedule::schedule(args),
        Command::Check(args) => check::check(args),
        Command::Reschedule(args) => reschedule::reschedule(args),
        Command::Diff(args) => diff::diff_files(args),
        Command::Ics(args) => ics::ics(args),
        Command::Serve(args) => serve::serve(args),
        Command::Courts(args) => courts::list(args),
        Command::Rules(args) => rules::rules(args),
    };
    match result {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            match e.problems() {
                [one] => eprintln!("docket: error: {}", one.replace('\n', " ")),
                many => {
                    eprintln!("docket: error: {} problems:", many.len());
                    for p in many {
                        eprintln!("  {p}");
                    }
                }
            }
            ExitCode::from(2)
        }
    }
}
