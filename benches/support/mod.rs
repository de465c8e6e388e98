//! Inputs shared by the bench targets (each target uses some of them):
//! deterministic dockets (xorshift, no RNG crate) and the peak-memory
//! reading of the process (Linux `/proc/self`).

#![allow(dead_code, clippy::expect_used, clippy::unwrap_used)]

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use docket::compute::{Direction, Period, Service};
use docket::docket::{
    Case, Docket, Event, Obligation, ObligationStatus, Relative, Repeat, RepeatFrom, When,
};

/// Deterministic pseudo-random numbers (xorshift).
pub struct XorShift(pub u64);

impl XorShift {
    /// The next number.
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A date from `YYYY-MM-DD`.
pub fn date(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

/// `d` plus `n` days.
pub fn plus(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).expect("date")
}

/// An empty docket in `court`.
pub fn docket(id: &str, court: &str) -> Docket {
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

/// An event on a day.
pub fn event(title: &str, on: NaiveDate) -> Event {
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

/// A one-off obligation.
pub fn obligation(title: String, due: When) -> Obligation {
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

/// A recurring duty: occurrence 1 on `first` (a date set by order), then
/// `every` or `rrule`, at most `count` occurrences.
pub fn recurring(
    title: String,
    first: NaiveDate,
    every: Option<Period>,
    rrule: Option<&str>,
    count: Option<u32>,
) -> Obligation {
    let mut o = obligation(title, When::Date(first));
    o.due = None;
    o.first_due = Some(When::Date(first));
    o.repeat = Some(Repeat {
        every,
        rrule: rrule.map(str::to_string),
        from: RepeatFrom::Schedule,
        until: None,
        count,
        roll: None,
    });
    o
}

/// A mixed period: mostly days, some weeks, months and court days.
pub fn period(rng: &mut XorShift) -> Period {
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
pub fn relative(rng: &mut XorShift, reference: &str) -> When {
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

/// The eight courts the mixed benches draw from.
pub const COURTS: [&str; 8] = ["nysb", "nysd", "deb", "txsb", "cacd", "ilnb", "flsd", "ca2"];

/// A docket of 10 one-off deadlines: two events, one fixed date, the rest
/// counted from the events or from each other, in mixed units, directions and
/// service.
pub fn small_docket(rng: &mut XorShift, i: usize) -> Docket {
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

/// A portfolio of `n` small dockets (10 deadlines each).
pub fn portfolio(n: usize) -> Vec<Docket> {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    (0..n).map(|i| small_docket(&mut rng, i)).collect()
}

/// A docket of `n` obligations where only 10 depend on the event "hearing"
/// (the rest are fixed or count from other events).
pub fn wide_docket(n: usize) -> Docket {
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

/// A docket with `deadlines` obligations and one timed event (a hearing
/// with two parties): one in ten counted back from the hearing, the others
/// on fixed dates; `deadlines + 1` items in its feed.
pub fn feed_docket(deadlines: usize) -> Docket {
    let mut t = String::from(
        "[case]\nid = \"big\"\nnumber = \"1:25-cv-00001\"\ncaption = \"Big Case v. Many Deadlines\"\ncourt = \"nysd\"\n\
         [parties.p]\nname = \"Plaintiff LLC\"\n[parties.d]\nname = \"Defendant, Inc.\"\n\
         [events.hearing]\ntitle = \"Hearing\"\nat = \"2025-06-02T10:00\"\nparties = [\"p\", \"d\"]\n",
    );
    for i in 0..deadlines {
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

/// The process's resident memory now and its peak (VmRSS, VmHWM), in KiB;
/// zeros where `/proc/self/status` cannot be read (not Linux).
pub fn rss_kib() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// Peak resident memory while `f` runs once: (resident before, peak during)
/// in KiB. The peak is reset first (`/proc/self/clear_refs`, Linux 4.0 and
/// later); where it cannot be, the process's peak so far is reported.
pub fn peak_rss_during<T>(f: impl FnOnce() -> T) -> (u64, u64) {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let (before, _) = rss_kib();
    let out = f();
    let (_, peak) = rss_kib();
    drop(std::hint::black_box(out));
    (before, peak)
}

/// Prints the peak memory of one run of a case, as the benches report it.
pub fn report_peak<T>(name: &str, f: impl FnOnce() -> T) {
    let (before, peak) = peak_rss_during(f);
    println!(
        "{name}: peak memory {:.1} MiB resident ({:+.1} MiB over the {:.1} MiB before the run)",
        peak as f64 / 1024.0,
        (peak as f64 - before as f64) / 1024.0,
        before as f64 / 1024.0
    );
}
