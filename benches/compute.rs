//! Time-computation benchmarks: one computation, and a batch of 1,000,000
//! mixed computations (courts, dates, units, directions, service), with
//! holiday lookup and no explanation.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::hint::black_box;

use chrono::{Days, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use docket::calendar::{court, courts, Calendar, RuleFamily};
use docket::compute::{Period, Request, Service};

fn one(c: &mut Criterion) {
    let nysd = court("nysd").expect("court");
    let cal = nysd.calendar().expect("calendar");
    let from = NaiveDate::from_ymd_opt(2025, 1, 29).expect("date");
    c.bench_function("compute/one (14 days, New York holiday roll)", |b| {
        b.iter(|| {
            Request::after(black_box(from), Period::days(black_box(14)))
                .compute(&cal, RuleFamily::Civil)
                .map(|d| d.due())
        })
    });
    let req = Request::after(from, Period::days(14)).explain(true);
    c.bench_function("compute/one with explanation", |b| {
        b.iter(|| {
            black_box(req)
                .compute(&cal, RuleFamily::Civil)
                .map(|d| d.due())
        })
    });
}

/// A deterministic mix of requests (xorshift, no dependency on a RNG crate).
fn mixed(n: usize) -> Vec<(usize, Request)> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let base = NaiveDate::from_ymd_opt(1995, 1, 1).expect("date");
    (0..n)
        .map(|_| {
            let r = next();
            let cal = (r % 8) as usize;
            let from = base
                .checked_add_days(Days::new((r >> 8) % (60 * 365)))
                .expect("date");
            let amount = ((r >> 24) % 60) as u32 + 1;
            let period = match (r >> 32) % 10 {
                0..=5 => Period::days(amount),
                6 => Period::weeks(amount % 8 + 1),
                7 => Period::months(amount % 12 + 1),
                _ => Period::court_days(amount % 20 + 1),
            };
            let req = if (r >> 40) % 4 == 0 {
                Request::before(from, period)
            } else {
                Request::after(from, period).service(((r >> 44) % 3 == 0).then_some(Service::Mail))
            };
            (cal, req)
        })
        .collect()
}

fn batch(c: &mut Criterion) {
    let cals: Vec<(Calendar, RuleFamily)> = courts()
        .expect("courts")
        .iter()
        .filter(|c| {
            ["nysb", "nysd", "deb", "txsb", "cacd", "ilnb", "flsd", "ca2"].contains(&c.id.as_str())
        })
        .map(|c| (c.calendar().expect("calendar"), c.family))
        .collect();
    let reqs = mixed(1_000_000);
    let mut g = c.benchmark_group("compute");
    g.throughput(Throughput::Elements(reqs.len() as u64));
    g.sample_size(10);
    g.bench_function("batch of 1,000,000 mixed", |b| {
        b.iter(|| {
            let mut acc = 0i64;
            for (i, req) in &reqs {
                let (cal, fam) = &cals[*i % cals.len()];
                if let Ok(d) = req.compute(cal, *fam) {
                    acc += i64::from(chrono::Datelike::day(&d.due()));
                }
            }
            black_box(acc)
        })
    });
    g.finish();
}

criterion_group!(benches, one, batch);
criterion_main!(benches);
