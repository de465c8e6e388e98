//! The fuzz targets' checks on stable Rust: every docket in the seed corpus
//! (`fuzz/corpus/`) and every failing input found by fuzzing
//! (`tests/data/fuzz/`) parses or is refused, round-trips, validates or
//! explains why, schedules within the budgets, and writes a well-formed
//! feed; none panics.

use std::path::{Path, PathBuf};

use docket::docket::{Docket, LiveSchedule, ScheduleOptions, MAX_DOCKET_OCCURRENCES};
use docket::ical::{case_feed, FeedOptions};

fn inputs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["fuzz/corpus/validate", "tests/data/fuzz"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "toml" || x == "json") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

/// As the fuzz targets read their input: JSON when it starts with `{`.
fn parse(text: &str) -> docket::Result<Docket> {
    if text.trim_start().starts_with('{') {
        Docket::from_json_str(text)
    } else {
        Docket::from_toml_str(text)
    }
}

fn exercise(path: &Path) {
    let Ok(text) = std::fs::read_to_string(path) else {
        return;
    };
    let Ok(d) = parse(&text) else { return };
    // parse_toml / parse_json: exact round trips.
    assert_eq!(
        Docket::from_toml_str(&d.to_toml_string().unwrap()).unwrap(),
        d
    );
    assert_eq!(
        Docket::from_json_str(&d.to_json_string().unwrap()).unwrap(),
        d
    );
    // validate: a message per problem, or a docket that prepares.
    if let Err(e) = d.validate() {
        assert!(e.problems().iter().all(|p| !p.trim().is_empty()));
        return;
    }
    let checked = d.check().unwrap();
    // schedule: budgets, order, calendar; the live schedule agrees.
    let opts = ScheduleOptions::new().max_occurrences(40);
    if let Ok(s) = checked.schedule(&opts) {
        assert!(s.deadlines.len() as u64 <= MAX_DOCKET_OCCURRENCES);
        assert!(s.deadlines.windows(2).all(|w| w[0].due <= w[1].due));
        assert!(s.deadlines.iter().all(|x| checked.calendar().covers(x.due)));
        assert_eq!(
            LiveSchedule::new(checked.clone(), opts).unwrap().schedule(),
            s
        );
    }
    // feed: content lines and balance.
    let opts = FeedOptions::new("fuzz.example").alarms(&[1]);
    if let Ok(ics) = case_feed(&d, &opts) {
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
        for line in ics.split_terminator("\r\n") {
            assert!(line.len() <= 75 && !line.contains(['\r', '\n']), "{line:?}");
        }
        assert_eq!(
            ics.matches("\r\nBEGIN:").count(),
            ics.matches("\r\nEND:").count() - 1
        );
    }
}

#[test]
fn the_seed_corpus_and_every_fuzz_finding_pass_the_fuzz_checks() {
    let files = inputs();
    assert!(files.len() >= 10, "the seed corpus is missing");
    for f in &files {
        let outcome = std::panic::catch_unwind(|| exercise(f));
        assert!(outcome.is_ok(), "{} fails the fuzz checks", f.display());
    }
}
