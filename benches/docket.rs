//! Docket benchmarks: the schedule of one large docket (1,000 obligations:
//! fixed dates, periods counted from events and chained from other
//! obligations, a few recurring duties), with and without explanations; and
//! a portfolio of 10,000 dockets (~100,000 deadlines) over eight courts.
//!
//! Target: the whole portfolio (pre-checked, no explanations) under 100 ms on
//! one core.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::hint::black_box;

use chrono::{Days, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use docket::compute::{Direction, Period, Service};
use docket::docket::{
    Case, CheckedDocket, Docket, Event, Obligation, ObligationStatus, Relative, Repeat, RepeatFrom,
    ScheduleOptions, When,
};

/// Deterministic pseudo-random numbers (xorshift, no dependency on a RNG
/// crate).
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn date(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn plus(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).expect("date")
}

fn docket(id: &str, court: &str) -> Docket {
    Docket {
        case: Case {
            id: id.into(),
            number: None,
            caption: None,
            court: Some(court.into()),
            judge: None,
        },
        calendar: None,
        parties: BTreeMap::new(),
        events: BTreeMap::new(),
        obligations: BTreeMap::new(),
        changes: Vec::new(),
        rules: None,
        base_dir: None,
    }
}

fn event(title: &str, on: NaiveDate) -> Event {
    Event {
        title: title.into(),
        date: Some(When::Date(on)),
        at: None,
        ends: None,
        location: None,
        parties: Vec::new(),
        status: Default::default(),
        fold: None,
        rules: None,
        first_set: None,
    }
}

fn obligation(title: String, due: When) -> Obligation {
    Obligation {
        title,
        parties: Vec::new(),
        cite: None,
        due: Some(due),
        first_due: None,
        repeat: None,
        filed: Vec::new(),
        status: ObligationStatus::Active,
    }
}

/// A mixed period: mostly days, some weeks, months and court days.
fn period(rng: &mut XorShift) -> Period {
    let amount = rng.below(40) as u32 + 1;
    match rng.below(10) {
        0..=5 => Period::days(amount),
        6 => Period::weeks(amount % 8 + 1),
        7 => Period::months(amount % 6 + 1),
        _ => Period::court_days(amount % 20 + 1),
    }
}

/// A period after or before `reference`; service only after (it applies to
/// periods counted after service).
fn relative(rng: &mut XorShift, reference: &str) -> When {
    let p = period(rng);
    let mut r = if rng.below(4) == 0 {
        Relative::new(p, Direction::Before, reference)
    } else {
        Relative::new(p, Direction::After, reference)
    };
    if r.after.is_some() {
        r.service = match rng.below(6) {
            0 => Some(Service::Mail),
            1 => Some(Service::Electronic),
            _ => None,
        };
    }
    When::Relative(r)
}

/// One docket of `n` obligations in the Southern District of New York: a
/// few events, ~35% fixed dates, ~35% counted from events, ~28% chained from
/// earlier one-off obligations, and a recurring duty every 100 (with
/// `count`).
fn big_docket(n: usize) -> Docket {
    let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
    let mut d = docket("big", "nysd");
    let start = date("2024-01-08");
    let events = ["filing", "conference", "hearing", "mediation", "trial"];
    for (i, e) in events.iter().enumerate() {
        d.events
            .insert((*e).into(), event(e, plus(start, 60 * i as u64 + 3)));
    }
    let mut one_offs: Vec<String> = Vec::new();
    for i in 0..n {
        let id = format!("o{i:04}");
        let title = format!("Obligation {i}");
        let o = if i % 100 == 50 {
            let mut o = obligation(title, When::Date(start));
            o.due = None;
            o.first_due = Some(When::Date(plus(start, rng.below(60))));
            let every = match rng.below(3) {
                0 => Period::weeks(2),
                1 => Period::months(1),
                _ => Period::days(30),
            };
            o.repeat = Some(Repeat {
                every: Some(every),
                rrule: None,
                from: if rng.below(2) == 0 {
                    RepeatFrom::Schedule
                } else {
                    RepeatFrom::PreviousFiling
                },
                until: None,
                count: Some(12),
                roll: None,
            });
            o
        } else {
            let due = match rng.below(20) {
                0..=6 => When::Date(plus(start, rng.below(400))),
                7..=13 => {
                    let e = events[rng.below(events.len() as u64) as usize];
                    relative(&mut rng, e)
                }
                _ => match one_offs.len() {
                    0 => When::Date(plus(start, rng.below(400))),
                    // Mostly the latest few, so chains grow long.
                    len => {
                        let back = (rng.below(8) as usize).min(len - 1);
                        relative(&mut rng, &one_offs[len - 1 - back])
                    }
                },
            };
            one_offs.push(id.clone());
            obligation(title, due)
        };
        d.obligations.insert(id, o);
    }
    d
}

const COURTS: [&str; 8] = ["nysb", "nysd", "deb", "txsb", "cacd", "ilnb", "flsd", "ca2"];

/// A docket of 10 one-off deadlines: two events, one fixed date, the rest
/// counted from the events or from each other, in mixed units, directions and
/// service.
fn small_docket(rng: &mut XorShift, i: usize) -> Docket {
    let court = COURTS[rng.below(COURTS.len() as u64) as usize];
    let mut d = docket(&format!("case-{i}"), court);
    let base = plus(date("1995-01-01"), rng.below(60 * 365));
    d.events.insert("filing".into(), event("Filing", base));
    d.events.insert(
        "hearing".into(),
        event("Hearing", plus(base, 30 + rng.below(120))),
    );
    for k in 0..10 {
        let due = match (k, rng.below(10)) {
            (0, _) => When::Date(plus(base, 14 + rng.below(60))),
            (_, 0..=2) => relative(rng, "filing"),
            (_, 3..=5) => relative(rng, "hearing"),
            _ => {
                let earlier = format!("d{}", rng.below(k));
                relative(rng, &earlier)
            }
        };
        d.obligations
            .insert(format!("d{k}"), obligation(format!("Deadline {k}"), due));
    }
    d
}

fn one_docket(c: &mut Criterion) {
    let checked = big_docket(1_000).check().expect("valid docket");
    let quiet = ScheduleOptions::new().explain(false);
    let loud = ScheduleOptions::new().explain(true);
    let n = checked.schedule(&quiet).expect("schedule").deadlines.len();
    let mut g = c.benchmark_group("docket");
    g.throughput(Throughput::Elements(n as u64));
    g.bench_function("schedule of 1,000 obligations (nysd)", |b| {
        b.iter(|| {
            black_box(&checked)
                .schedule(&quiet)
                .map(|s| s.deadlines.len())
        })
    });
    g.bench_function("schedule of 1,000 obligations with explanations", |b| {
        b.iter(|| {
            black_box(&checked)
                .schedule(&loud)
                .map(|s| s.deadlines.len())
        })
    });
    g.finish();
}

fn portfolio(c: &mut Criterion) {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let checked: Vec<CheckedDocket> = (0..10_000)
        .map(|i| small_docket(&mut rng, i).check().expect("valid docket"))
        .collect();
    let opts = ScheduleOptions::new().explain(false);
    let total: usize = checked
        .iter()
        .map(|d| d.schedule(&opts).expect("schedule").deadlines.len())
        .sum();
    assert_eq!(total, 100_000);
    let mut g = c.benchmark_group("docket");
    g.throughput(Throughput::Elements(total as u64));
    g.sample_size(10);
    g.bench_function("portfolio of 10,000 dockets, 100,000 deadlines", |b| {
        b.iter(|| {
            let mut acc = 0usize;
            for d in &checked {
                if let Ok(s) = d.schedule(&opts) {
                    acc += s.deadlines.len();
                }
            }
            black_box(acc)
        })
    });
    g.finish();
}

/// A docket of `n` obligations where only 10 depend on the event "hearing"
/// (the rest are fixed or count from other events).
fn wide_docket(n: usize) -> Docket {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let mut d = docket("wide", "nysd");
    let start = date("2024-01-08");
    d.events
        .insert("hearing".into(), event("Hearing", plus(start, 120)));
    for i in 0..20 {
        d.events.insert(
            format!("ev{i}"),
            event("Other event", plus(start, 10 * i as u64)),
        );
    }
    for i in 0..n {
        let due = if i % (n / 10) == 0 {
            relative(&mut rng, "hearing")
        } else if i % 2 == 0 {
            When::Date(plus(start, rng.below(700)))
        } else {
            let ev = format!("ev{}", rng.below(20));
            relative(&mut rng, &ev)
        };
        d.obligations
            .insert(format!("o{i:06}"), obligation(format!("Duty {i}"), due));
    }
    d
}

/// Moving one event in a 100,000-obligation docket where about 10 deadlines
/// depend on it: incremental (apply + undo) against a full recompute.
/// Targets: at least 100 times faster than the full recompute, and under
/// 50 us.
fn incremental(c: &mut Criterion) {
    use docket::docket::{Change, EventTime, LiveSchedule};
    let d = wide_docket(100_000);
    let checked = d.check().expect("valid docket");
    let opts = ScheduleOptions::new()
        .explain(false)
        .horizon(Some(date("2026-12-31")));
    let mut g = c.benchmark_group("reschedule");
    g.sample_size(10);
    g.bench_function("full recompute of 100,000 obligations", |b| {
        b.iter(|| black_box(checked.schedule(&opts).expect("schedule").deadlines.len()))
    });
    let mut live = LiveSchedule::new(checked, opts).expect("live");
    let mv = Change::move_event(
        date("2024-03-01"),
        "Order adjourning the hearing",
        "hearing",
        EventTime::Date(date("2024-06-03")),
    );
    let first = live.apply(mv.clone()).expect("apply");
    assert!(first.moved.len() >= 10, "{} moved", first.moved.len());
    live.undo().expect("undo").expect("undo ok");
    // Times the move alone; the undo that restores the state between
    // iterations is not counted.
    g.bench_function("move one event, ~10 dependents (apply)", |b| {
        b.iter_custom(|iters| {
            let mut total = std::time::Duration::ZERO;
            for _ in 0..iters {
                let change = mv.clone();
                let t = std::time::Instant::now();
                let diff = live.apply(change).expect("apply");
                total += t.elapsed();
                black_box(diff.moved.len());
                live.undo().expect("undo").expect("undo ok");
            }
            total
        })
    });
    g.finish();
}

criterion_group!(benches, one_docket, portfolio, incremental);
criterion_main!(benches);
