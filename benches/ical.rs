//! Feed writing: a 100,000-event feed from a prepared case (schedule and
//! SEQUENCE history computed once). Target: at least 200,000 events per
//! second on one core (about 100 MB/s of ICS).

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use docket::docket::Docket;
use docket::ical::{CaseFeed, Feed, FeedOptions};

fn big(n: usize) -> Docket {
    let mut t = String::from(
        "[case]\nid = \"big\"\nnumber = \"1:25-cv-00001\"\ncaption = \"Big Case v. Many Deadlines\"\ncourt = \"nysd\"\n\
         [parties.p]\nname = \"Plaintiff LLC\"\n[parties.d]\nname = \"Defendant, Inc.\"\n\
         [events.hearing]\ntitle = \"Hearing\"\nat = \"2025-06-02T10:00\"\nparties = [\"p\", \"d\"]\n",
    );
    for i in 0..n {
        let day = 1 + (i % 28);
        let month = 1 + (i / 28) % 12;
        if i % 10 == 0 {
            t.push_str(&format!(
                "[obligations.o{i}]\ntitle = \"Submission {i}; reply, etc.\"\nparties = [\"p\"]\ncite = \"Order\"\ndue = {{ days = {}, before = \"hearing\" }}\n",
                1 + i % 60
            ));
        } else {
            t.push_str(&format!(
                "[obligations.o{i}]\ntitle = \"Deadline {i}\"\nparties = [\"d\"]\ndue = \"2025-{month:02}-{day:02}\"\n"
            ));
        }
    }
    Docket::from_toml_str(&t).expect("docket")
}

fn feed(c: &mut Criterion) {
    let docket = big(100_000);
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
