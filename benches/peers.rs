//! The speed targets, one bench each, with the peak memory of one
//! run of each case printed before it is timed:
//!
//! - `peers/one deadline, federal, days forward`: one FRCP 6(a) period in
//!   days on the federal calendar (NumPy `busday_offset`: 5x, ~10 ns);
//! - `peers/recurrence per occurrence (Docket::schedule)`: 100 duties of
//!   1,000 weekly occurrences from an RRULE (`dateutil.rrule`: 25x, ~100 ns
//!   per occurrence);
//! - `peers/feed of 100,000 events end to end`: docket -> schedule -> .ics
//!   bytes, streamed to a writer that counts them (python `icalendar`: 75x,
//!   ~500,000 events/s);
//! - `peers/portfolio of 10,000 dockets, 100,000 deadlines`: under 25 ms;
//! - `peers/move one event in 100,000 obligations`: under 10 us (with an
//!   explicit horizon, and with the default horizon, which moves with the
//!   changes).
//!
//! `cargo bench --bench peers -- --peers-json [--quick] [--case NAME] [--out
//! DIR]` runs the same cases without criterion and prints one JSON line per
//! case (nanoseconds per unit, peak memory), writing each case's inputs and
//! docket's answers to DIR for `benches/peers/compare.py`, which runs the
//! Python peers on them.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod support;

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate};
use criterion::{criterion_group, Criterion, Throughput};
use docket::calendar::{first_day, last_day, Calendar, DayKind, RuleFamily};
use docket::compute::{Period, Request};
use docket::docket::{Change, CheckedDocket, Docket, EventTime, LiveSchedule, ScheduleOptions};
use docket::ical::{Feed, FeedOptions};
use serde_json::{json, Value};
use support::{date, plus, report_peak, XorShift};

/// Sizes of the inputs: the issue's, or small ones for a smoke run.
#[derive(Debug, Clone, Copy)]
struct Sizes {
    deadlines: usize,
    duties: usize,
    feed_events: usize,
    dockets: usize,
    obligations: usize,
}

const FULL: Sizes = Sizes {
    deadlines: 100_000,
    duties: 100,
    feed_events: 100_000,
    dockets: 10_000,
    obligations: 100_000,
};

const QUICK: Sizes = Sizes {
    deadlines: 10_000,
    duties: 10,
    feed_events: 10_000,
    dockets: 1_000,
    obligations: 10_000,
};

/// Occurrences of each recurring duty.
const OCCURRENCES: u32 = 1_000;
/// The recurrence, the same text for docket and for `dateutil.rrulestr`.
const RRULE: &str = "FREQ=WEEKLY;COUNT=1000";
/// A rule only the `rrule` crate expands (the second Tuesday of each
/// month, 20 years), for docket against the crate alone.
const CRATE_RULE: &str = "FREQ=MONTHLY;BYDAY=2TU;COUNT=240";

// ---------------------------------------------------------------- inputs

/// `n` (trigger, days) pairs: triggers from 2010 through 2059, 1 to 60
/// days. All after the 2009 amendments to FRCP 6: earlier editions skip
/// weekends and holidays inside periods under 11 days, which the peers do
/// not do.
fn triggers(n: usize) -> Vec<(NaiveDate, u32)> {
    let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
    let base = date("2010-01-01");
    (0..n)
        .map(|_| (plus(base, rng.below(50 * 365)), rng.below(60) as u32 + 1))
        .collect()
}

/// The requests of `triggers`: periods in days, or in court days.
fn batch(items: &[(NaiveDate, u32)], court_days: bool) -> Vec<Request> {
    items
        .iter()
        .map(|&(from, n)| {
            let period = if court_days {
                Period::court_days(n)
            } else {
                Period::days(n)
            };
            Request::after(from, period)
        })
        .collect()
}

fn due_days(cal: &Calendar, from: NaiveDate, days: u32) -> NaiveDate {
    Request::after(from, Period::days(days))
        .compute(cal, RuleFamily::Civil)
        .map(|d| d.due())
        .expect("due")
}

/// The federal calendar's days off as NumPy's `holidays=` takes them: the
/// settled holidays and closures; and, apart, the disputed days (a period
/// counted forward is due on them: the earliest safe reading).
fn federal_days_off(cal: &Calendar) -> (Vec<String>, Vec<String>) {
    let mut settled = Vec::new();
    let mut disputed = Vec::new();
    for (day, note) in cal.days_off(first_day(), last_day()).expect("days off") {
        if !note.counts || !matches!(note.kind, DayKind::Holiday(_) | DayKind::Closure) {
            continue;
        }
        let list = if note.status.is_disputed() {
            &mut disputed
        } else {
            &mut settled
        };
        let s = day.to_string();
        if list.last() != Some(&s) {
            list.push(s);
        }
    }
    disputed.retain(|d| !settled.contains(d));
    (settled, disputed)
}

/// `duties` recurring duties in one docket, each `OCCURRENCES` weekly
/// occurrences from a date set by order: by `RRULE`, or by `every = "1
/// week"`.
fn recurrence_docket(duties: usize, rrule: bool) -> (Docket, Vec<NaiveDate>) {
    let mut d = support::docket("rec", "nysd");
    let mut starts = Vec::new();
    for i in 0..duties {
        let first = plus(date("2000-01-03"), 3 * i as u64);
        starts.push(first);
        let title = format!("Report {i}");
        let o = if rrule {
            support::recurring(title, first, None, Some(RRULE), None)
        } else {
            support::recurring(
                title,
                first,
                Some(Period::weeks(1)),
                None,
                Some(OCCURRENCES),
            )
        };
        d.obligations.insert(format!("r{i:03}"), o);
    }
    (d, starts)
}

/// The default options (every date explained, each explanation written when
/// read), through 2050.
fn recurrence_options() -> ScheduleOptions {
    ScheduleOptions::new().horizon(Some(date("2050-12-31")))
}

fn feed_options() -> FeedOptions {
    FeedOptions::new("bench.example").stamp(date("2025-01-01").and_hms_opt(0, 0, 0))
}

/// Counts the bytes written to it and keeps none (a socket or a file to the
/// feed, without the I/O).
#[derive(Default)]
struct Sink(usize);

impl std::io::Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The feed, end to end: check, schedule, write (streamed to `out`).
fn feed_to(d: &Docket, out: impl std::io::Write) {
    let opts = feed_options();
    Feed::new(&opts)
        .case(&d.check().expect("valid docket"))
        .expect("feed")
        .write_to(out)
        .expect("write");
}

/// The feed end to end, its bytes counted: how long it is.
fn feed_end_to_end(d: &Docket) -> usize {
    let mut sink = Sink::default();
    feed_to(d, &mut sink);
    sink.0
}

fn portfolio_checked(n: usize) -> Vec<CheckedDocket> {
    support::portfolio(n)
        .iter()
        .map(|d| d.check().expect("valid docket"))
        .collect()
}

fn schedule_all(checked: &[CheckedDocket], opts: &ScheduleOptions) -> usize {
    checked
        .iter()
        .filter_map(|d| d.schedule(opts).ok())
        .map(|s| s.deadlines.len())
        .sum()
}

/// A live schedule of `n` obligations, ~10 depending on "hearing", and the
/// change that moves the hearing.
fn live_and_move(n: usize, explicit_horizon: bool) -> (LiveSchedule, Change) {
    let checked = support::wide_docket(n).check().expect("valid docket");
    let mut opts = ScheduleOptions::new().explain(false);
    if explicit_horizon {
        opts = opts.horizon(Some(date("2026-12-31")));
    }
    let live = LiveSchedule::new(checked, opts).expect("live");
    let mv = Change::move_event(
        date("2024-03-01"),
        "Order adjourning the hearing",
        "hearing",
        EventTime::Date(date("2024-06-03")),
    );
    (live, mv)
}

/// Applies the move and undoes it; the time of the apply alone.
fn move_once(live: &mut LiveSchedule, mv: &Change) -> (Duration, usize) {
    let change = mv.clone();
    let t = Instant::now();
    let diff = live.apply(change).expect("apply");
    let took = t.elapsed();
    let moved = black_box(diff.moved.len());
    live.undo().expect("undo").expect("undo ok");
    (took, moved)
}

// ------------------------------------------------------------- criterion

fn one_deadline(c: &mut Criterion) {
    let fed = Calendar::federal().expect("federal");
    let inputs = triggers(1024);
    report_peak("peers/one deadline, federal, days forward", || {
        due_days(&fed, inputs[0].0, inputs[0].1)
    });
    let mut g = c.benchmark_group("peers");
    let mut i = 0usize;
    g.bench_function("one deadline, federal, days forward", |b| {
        b.iter(|| {
            i = (i + 1) & 1023;
            let (from, days) = inputs[i];
            Request::after(black_box(from), Period::days(black_box(days)))
                .compute(&fed, RuleFamily::Civil)
                .map(|d| d.due())
        })
    });
    let requests = batch(&triggers(FULL.deadlines), false);
    let mut out = Vec::new();
    g.throughput(Throughput::Elements(requests.len() as u64));
    g.sample_size(20);
    g.bench_function(
        "deadlines, federal, days forward (batch of 100,000, Request::compute_batch)",
        |b| {
            b.iter(|| {
                Request::compute_batch(black_box(&requests), &fed, RuleFamily::Civil, &mut out);
                out.len()
            })
        },
    );
    g.finish();
}

fn recurrence(c: &mut Criterion) {
    let (d, _) = recurrence_docket(FULL.duties, true);
    let checked = d.check().expect("valid docket");
    let opts = recurrence_options();
    let n = checked.schedule(&opts).expect("schedule").deadlines.len();
    assert_eq!(n, FULL.duties * OCCURRENCES as usize);
    report_peak("peers/recurrence per occurrence (Docket::schedule)", || {
        checked.schedule(&opts).expect("schedule")
    });
    let mut g = c.benchmark_group("peers");
    g.throughput(Throughput::Elements(n as u64));
    g.sample_size(10);
    g.bench_function("recurrence per occurrence (Docket::schedule)", |b| {
        b.iter(|| {
            black_box(&checked)
                .schedule(&opts)
                .map(|s| s.deadlines.len())
        })
    });
    g.finish();
}

fn feed(c: &mut Criterion) {
    let d = support::feed_docket(FULL.feed_events - 1);
    report_peak("peers/feed of 100,000 events end to end", || {
        feed_end_to_end(&d)
    });
    let mut g = c.benchmark_group("peers");
    g.throughput(Throughput::Elements(FULL.feed_events as u64));
    g.sample_size(10);
    g.bench_function("feed of 100,000 events end to end", |b| {
        b.iter(|| feed_end_to_end(black_box(&d)))
    });
    g.finish();
}

fn portfolio(c: &mut Criterion) {
    let checked = portfolio_checked(FULL.dockets);
    let opts = ScheduleOptions::new();
    assert_eq!(schedule_all(&checked, &opts), 100_000);
    report_peak(
        "peers/portfolio of 10,000 dockets, 100,000 deadlines",
        || schedule_all(&checked, &opts),
    );
    let mut g = c.benchmark_group("peers");
    g.throughput(Throughput::Elements(100_000));
    g.sample_size(10);
    g.bench_function("portfolio of 10,000 dockets, 100,000 deadlines", |b| {
        b.iter(|| schedule_all(black_box(&checked), &opts))
    });
    g.finish();
}

fn move_event(c: &mut Criterion) {
    for (explicit, name) in [
        (true, "move one event in 100,000 obligations"),
        (
            false,
            "move one event in 100,000 obligations, default horizon",
        ),
    ] {
        let (mut live, mv) = live_and_move(FULL.obligations, explicit);
        report_peak(&format!("peers/{name}"), || move_once(&mut live, &mv));
        assert!(move_once(&mut live, &mv).1 >= 10);
        let mut g = c.benchmark_group("peers");
        g.sample_size(10);
        // Times the move alone; the undo that restores the state between
        // iterations is not counted.
        g.bench_function(name, |b| {
            b.iter_custom(|iters| (0..iters).map(|_| move_once(&mut live, &mv).0).sum())
        });
        g.finish();
    }
}

criterion_group!(
    benches,
    one_deadline,
    recurrence,
    feed,
    portfolio,
    move_event
);

// ---------------------------------------------------- JSON for compare.py

/// Median nanoseconds per unit of `f` (which does `units` units per call):
/// rounds of repeated calls, each at least `round` long.
fn measure(units: usize, round: Duration, rounds: usize, mut f: impl FnMut() -> usize) -> f64 {
    black_box(f());
    let mut per_unit = Vec::new();
    for _ in 0..rounds {
        let t = Instant::now();
        let mut calls = 0u64;
        while t.elapsed() < round {
            black_box(f());
            calls += 1;
        }
        per_unit.push(t.elapsed().as_nanos() as f64 / (calls as f64 * units as f64));
    }
    per_unit.sort_by(f64::total_cmp);
    per_unit[per_unit.len() / 2]
}

struct Run {
    sizes: Sizes,
    round: Duration,
    rounds: usize,
    out: PathBuf,
}

impl Run {
    fn write(&self, name: &str, v: &Value) {
        let path = self.out.join(name);
        std::fs::write(&path, v.to_string()).expect("write inputs");
    }

    fn figures(&self, case: &str, unit: &str, n: usize, ns: f64, mem: (u64, u64)) -> Value {
        json!({
            "case": case,
            "unit": unit,
            "n": n,
            "ns_per_unit": ns,
            "rss_before_kib": mem.0,
            "peak_rss_kib": mem.1,
        })
    }
}

fn json_days(run: &Run, court_days: bool) -> Value {
    let fed = Calendar::federal().expect("federal");
    let items = triggers(run.sizes.deadlines);
    let requests = batch(&items, court_days);
    let mut out = Vec::new();
    // One batch through `Request::compute_batch` (the day tables built once,
    // the results' vector used again), as NumPy takes one array.
    let mut all = || {
        Request::compute_batch(&requests, &fed, RuleFamily::Civil, &mut out);
        out.iter()
            .map(|d| d.as_ref().expect("due").due().ordinal() as usize)
            .sum::<usize>()
    };
    // The memory of a first run, before anything else of the case: one
    // `compute` at a time, nothing kept (the work the baseline measured),
    // then the batch, which keeps its results.
    let one_at_a_time = || {
        requests
            .iter()
            .map(|r| {
                r.compute(&fed, RuleFamily::Civil)
                    .expect("due")
                    .due()
                    .ordinal() as usize
            })
            .sum::<usize>()
    };
    let mem = support::peak_rss_during(one_at_a_time);
    let batch_mem = support::peak_rss_during(&mut all);
    let ns = measure(items.len(), run.round, run.rounds, all);
    // The answers of the batch timed, for the peers to be checked against.
    let due: Vec<String> = out
        .iter()
        .map(|d| d.as_ref().expect("due").due().to_string())
        .collect();
    let (holidays, disputed) = federal_days_off(&fed);
    let name = if court_days { "court_days" } else { "days" };
    run.write(
        &format!("{name}.json"),
        &json!({
            "triggers": items.iter().map(|(d, _)| d.to_string()).collect::<Vec<_>>(),
            "amounts": items.iter().map(|(_, n)| n).collect::<Vec<_>>(),
            "due": due,
            "holidays": holidays,
            "disputed": disputed,
        }),
    );
    let mut v = run.figures(name, "deadline", items.len(), ns, mem);
    v["batch_rss_before_kib"] = json!(batch_mem.0);
    v["batch_peak_rss_kib"] = json!(batch_mem.1);
    v
}

fn json_recurrence(run: &Run, rrule: bool) -> Value {
    let (d, starts) = recurrence_docket(run.sizes.duties, rrule);
    let checked = d.check().expect("valid docket");
    let opts = recurrence_options();
    let all = || checked.schedule(&opts).expect("schedule").deadlines.len();
    let mem = support::peak_rss_during(all);
    let s = checked.schedule(&opts).expect("schedule");
    let mut dates: Vec<Vec<String>> = vec![Vec::new(); starts.len()];
    for dl in &s.deadlines {
        let i: usize = dl.obligation.to_string()[1..].parse().expect("duty number");
        dates[i].push(dl.due.to_string());
    }
    let n = s.deadlines.len();
    let name = if rrule {
        "recurrence"
    } else {
        "recurrence_every"
    };
    run.write(
        &format!("{name}.json"),
        &json!({
            "rrule": RRULE,
            "starts": starts.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
            "dates": dates,
        }),
    );
    let ns = measure(n, run.round, run.rounds, all);
    run.figures(name, "occurrence", n, ns, mem)
}

/// The second Tuesday of the month `months` after January 2000.
fn second_tuesday(months: u32) -> NaiveDate {
    use chrono::Datelike;
    let first =
        NaiveDate::from_ymd_opt(2000 + (months / 12) as i32, months % 12 + 1, 1).expect("a month");
    let to_tuesday = (7 + 1 - first.weekday().num_days_from_monday()) % 7;
    plus(first, u64::from(to_tuesday) + 7)
}

/// Docket's schedule of duties whose rule needs the `rrule` crate, against
/// the crate expanding the same rule from the same starts (parse and
/// expand, per occurrence); their dates are compared.
fn json_rrule_crate(run: &Run) -> Value {
    let duties = run.sizes.duties;
    let starts: Vec<NaiveDate> = (0..duties as u32).map(second_tuesday).collect();
    let mut d = support::docket("crate", "nysd");
    for (i, first) in starts.iter().enumerate() {
        let o = support::recurring(
            format!("Conference {i}"),
            *first,
            None,
            Some(CRATE_RULE),
            None,
        );
        d.obligations.insert(format!("r{i:03}"), o);
    }
    let checked = d.check().expect("valid docket");
    let opts = recurrence_options();
    let ours = || checked.schedule(&opts).expect("schedule").deadlines.len();
    let crate_dates = |start: NaiveDate| -> Vec<NaiveDate> {
        format!(
            "DTSTART:{}T000000Z\nRRULE:{CRATE_RULE}",
            start.format("%Y%m%d")
        )
        .parse::<rrule::RRuleSet>()
        .expect("rule")
        .all(u16::MAX)
        .dates
        .iter()
        .map(|t| t.date_naive())
        .collect()
    };
    let theirs = || starts.iter().map(|s| crate_dates(*s).len()).sum::<usize>();
    let mem = support::peak_rss_during(ours);
    let s = checked.schedule(&opts).expect("schedule");
    let mut by_duty: Vec<Vec<NaiveDate>> = vec![Vec::new(); duties];
    for dl in &s.deadlines {
        let i: usize = dl.obligation.to_string()[1..].parse().expect("duty number");
        by_duty[i].push(dl.due);
    }
    let disagree = starts
        .iter()
        .zip(&by_duty)
        .filter(|(start, ours)| crate_dates(**start) != **ours)
        .count();
    let n = s.deadlines.len();
    assert_eq!(n, theirs(), "occurrences");
    let ns = measure(n, run.round, run.rounds, ours);
    let crate_ns = measure(n, run.round, run.rounds, theirs);
    let mut v = run.figures("rrule_crate", "occurrence", n, ns, mem);
    v["rule"] = json!(CRATE_RULE);
    v["crate_ns_per_unit"] = json!(crate_ns);
    v["duties"] = json!(duties);
    v["duties_disagreeing"] = json!(disagree);
    v
}

fn json_feed(run: &Run) -> Value {
    let d = support::feed_docket(run.sizes.feed_events - 1);
    let mem = support::peak_rss_during(|| feed_end_to_end(&d));
    let mut ics = Vec::new();
    feed_to(&d, &mut ics);
    let events = String::from_utf8_lossy(&ics)
        .matches("BEGIN:VEVENT")
        .count();
    std::fs::write(run.out.join("feed.ics"), &ics).expect("write feed");
    let ns = measure(events, run.round, run.rounds, || feed_end_to_end(&d));
    let mut v = run.figures("feed", "event", events, ns, mem);
    v["bytes"] = json!(ics.len());
    v
}

fn json_portfolio(run: &Run) -> Value {
    let checked = portfolio_checked(run.sizes.dockets);
    let opts = ScheduleOptions::new();
    let mem = support::peak_rss_during(|| schedule_all(&checked, &opts));
    let n = schedule_all(&checked, &opts);
    let ns = measure(1, run.round, run.rounds, || schedule_all(&checked, &opts));
    let mut v = run.figures("portfolio", "portfolio", 1, ns, mem);
    v["dockets"] = json!(checked.len());
    v["deadlines"] = json!(n);
    v
}

fn json_move(run: &Run, explicit_horizon: bool) -> Value {
    let (mut live, mv) = live_and_move(run.sizes.obligations, explicit_horizon);
    let mem = support::peak_rss_during(|| move_once(&mut live, &mv));
    let moved = move_once(&mut live, &mv).1;
    // Rounds of moves, each timed alone (the undo is not counted).
    let mut per = Vec::new();
    for _ in 0..run.rounds {
        let t = Instant::now();
        let mut took = Duration::ZERO;
        let mut k = 0u32;
        while t.elapsed() < run.round {
            took += move_once(&mut live, &mv).0;
            k += 1;
        }
        per.push(took.as_nanos() as f64 / f64::from(k));
    }
    per.sort_by(f64::total_cmp);
    let case = if explicit_horizon {
        "move"
    } else {
        "move_default"
    };
    let mut v = run.figures(case, case, 1, per[per.len() / 2], mem);
    v["obligations"] = json!(run.sizes.obligations);
    v["moved"] = json!(moved);
    v
}

const CASES: [&str; 9] = [
    "days",
    "court_days",
    "recurrence",
    "recurrence_every",
    "rrule_crate",
    "feed",
    "portfolio",
    "move",
    "move_default",
];

fn json_main(args: &[String]) {
    let quick = args.iter().any(|a| a == "--quick");
    let value_of = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let out = value_of("--out").map_or_else(std::env::temp_dir, PathBuf::from);
    std::fs::create_dir_all(&out).expect("output folder");
    let run = Run {
        sizes: if quick { QUICK } else { FULL },
        round: Duration::from_millis(if quick { 100 } else { 700 }),
        rounds: if quick { 3 } else { 5 },
        out,
    };
    let cases: Vec<String> = match value_of("--case") {
        Some(c) => vec![c],
        None => CASES.iter().map(|c| c.to_string()).collect(),
    };
    for case in cases {
        let v = match case.as_str() {
            "days" => json_days(&run, false),
            "court_days" => json_days(&run, true),
            "recurrence" => json_recurrence(&run, true),
            "recurrence_every" => json_recurrence(&run, false),
            "rrule_crate" => json_rrule_crate(&run),
            "feed" => json_feed(&run),
            "portfolio" => json_portfolio(&run),
            "move" => json_move(&run, true),
            "move_default" => json_move(&run, false),
            other => {
                eprintln!("unknown case {other}; cases: {}", CASES.join(", "));
                std::process::exit(2);
            }
        };
        println!("{v}");
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--peers-json") {
        json_main(&args);
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
