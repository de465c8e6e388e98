//! Docket benchmarks: the schedule of one large docket (1,000 obligations:
//! fixed dates, periods counted from events and chained from other
//! obligations, a few recurring duties), with and without explanations.
//! The portfolio of 10,000 dockets and moving one event in 100,000
//! obligations are in `benches/peers.rs`, with the targets.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod support;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use docket::compute::Period;
use docket::docket::{Docket, Repeat, RepeatFrom, ScheduleOptions, When};
use support::{date, docket, event, obligation, plus, relative, XorShift};

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

criterion_group!(benches, one_docket);
criterion_main!(benches);
