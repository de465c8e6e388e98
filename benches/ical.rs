//! Feed writing: a 100,000-event feed from a prepared case (schedule and
//! SEQUENCE history computed once). Target: at least 200,000 events per
//! second on one core (about 100 MB/s of ICS).

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod support;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use docket::ical::{CaseFeed, Feed, FeedOptions};

fn feed(c: &mut Criterion) {
    let docket = support::feed_docket(100_000);
    let opts = FeedOptions::new("bench.example").alarms(&[7, 1]);
    let case = CaseFeed::new(&docket.check().expect("valid"), &opts).expect("case");
    let n = case.schedule().deadlines.len() + case.schedule().events.len();
    let feed = Feed::new(&opts).prepared(case);
    let bytes = feed.to_ics().len();
    let mut g = c.benchmark_group("ical");
    g.sample_size(10);
    g.throughput(Throughput::Elements(n as u64));
    g.bench_function(
        format!("write a {n}-event feed ({} MB)", bytes / 1_000_000),
        |b| b.iter(|| black_box(feed.to_ics().len())),
    );
    g.finish();
}

criterion_group!(benches, feed);
criterion_main!(benches);
