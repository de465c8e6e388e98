//! A schedule's deadlines in order: by due date, then time, then id.
//!
//! A deadline is some 300 bytes, and a schedule of a hundred thousand no
//! longer fits the caches: what costs is moving them, not comparing them.
//! Each obligation's deadlines come out of its computation already in
//! order (almost always), so the runs are merged, each deadline moved once
//! into its place; a run that is not in order is sorted first, by its
//! positions.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use chrono::{NaiveDate, NaiveDateTime};

use super::Deadline;

/// The order of a schedule's deadlines.
fn cmp(a: &Deadline, b: &Deadline) -> Ordering {
    (a.due, a.at)
        .cmp(&(b.due, b.at))
        .then_with(|| a.id.cmp(&b.id))
}

/// Sorts deadlines by due date, then time, then id. The positions are
/// sorted, not the deadlines (a merge would move them at every pass), then
/// each deadline is swapped into its place.
pub(super) fn sort(deadlines: &mut [Deadline]) {
    if deadlines.is_sorted_by(|a, b| cmp(a, b) != Ordering::Greater) {
        return;
    }
    let mut keys: Vec<(NaiveDate, Option<NaiveDateTime>, u32)> = deadlines
        .iter()
        .zip(0u32..)
        .map(|(d, i)| (d.due, d.at, i))
        .collect();
    let dl = &*deadlines;
    keys.sort_by(|a, b| {
        (a.0, a.1)
            .cmp(&(b.0, b.1))
            .then_with(|| dl[a.2 as usize].id.cmp(&dl[b.2 as usize].id))
    });
    // Where each deadline goes.
    let mut dest = vec![0u32; keys.len()];
    for (to, k) in (0u32..).zip(&keys) {
        dest[k.2 as usize] = to;
    }
    // Each swap puts one deadline in its place.
    for i in 0..dest.len() {
        while dest[i] as usize != i {
            let d = dest[i] as usize;
            deadlines.swap(i, d);
            dest.swap(i, d);
        }
    }
}

/// Schedules of at most this many deadlines are sorted, not merged: moving
/// a few deadlines costs less than the merge's heap and lists.
const SMALL: usize = 32;

/// A run's first deadline in the merge: its date, its time, the run's rank
/// by id, the run.
type Head = (NaiveDate, Option<NaiveDateTime>, u32, usize);

/// The deadlines of several obligations, one run each, in one list in
/// order. Every deadline of a run has the same id stem (`case/obligation`),
/// and stems differ between runs, so between runs the first deadlines' ids
/// decide which run comes first at equal dates: the merge compares dates and
/// that rank only.
pub(super) fn merge(runs: Vec<Vec<Deadline>>) -> Vec<Deadline> {
    merge_above(runs, SMALL)
}

/// [`merge`], sorting schedules of at most `small` deadlines instead.
fn merge_above(mut runs: Vec<Vec<Deadline>>, small: usize) -> Vec<Deadline> {
    runs.retain(|r| !r.is_empty());
    let total: usize = runs.iter().map(Vec::len).sum();
    if total <= small {
        // A small schedule (most dockets), without the merge's own lists:
        // the runs are put in the order of their first deadlines (moving a
        // run moves a pointer, not a deadline), which is the whole order
        // when every run is one deadline; else the few deadlines are
        // sorted. Ids are unique, so the order is total and an unstable
        // sort is the stable one.
        runs.sort_unstable_by(|a, b| cmp(&a[0], &b[0]));
        let mut all = Vec::with_capacity(total);
        runs.into_iter().for_each(|r| all.extend(r));
        if !all.is_sorted_by(|a, b| cmp(a, b) != Ordering::Greater) {
            all.sort_unstable_by(cmp);
        }
        return all;
    }
    // The rank stands for every id of a run only when no stem with its '/'
    // begins another's: ids are slugs (`case/obligation`, one '/'). Any
    // other stem is sorted with the rest, deadline by deadline.
    if runs
        .iter()
        .any(|r| r[0].id.stem().matches('/').count() != 1)
    {
        let mut all = Vec::with_capacity(total);
        runs.into_iter().for_each(|r| all.extend(r));
        sort(&mut all);
        return all;
    }
    for r in &mut runs {
        sort(r);
    }
    merge_sorted(runs, total)
}

/// Runs each in order, and `total` deadlines in all, merged.
fn merge_sorted(mut runs: Vec<Vec<Deadline>>, total: usize) -> Vec<Deadline> {
    if runs.len() <= 1 {
        return runs.pop().unwrap_or_default();
    }
    let mut by_id: Vec<usize> = (0..runs.len()).collect();
    by_id.sort_by(|&a, &b| runs[a][0].id.cmp(&runs[b][0].id));
    let mut rank = vec![0u32; runs.len()];
    for (r, &i) in (0u32..).zip(&by_id) {
        rank[i] = r;
    }
    let mut out = Vec::with_capacity(total);
    let mut heads: BinaryHeap<Reverse<Head>> = BinaryHeap::with_capacity(runs.len());
    let mut runs: Vec<std::vec::IntoIter<Deadline>> =
        runs.into_iter().map(Vec::into_iter).collect();
    let key = |d: &Deadline, run: usize| Reverse((d.due, d.at, rank[run], run));
    for (i, r) in runs.iter().enumerate() {
        if let Some(d) = r.as_slice().first() {
            heads.push(key(d, i));
        }
    }
    while let Some(Reverse((.., i))) = heads.pop() {
        let Some(r) = runs.get_mut(i) else { break };
        if let Some(d) = r.next() {
            out.push(d);
        }
        if let Some(d) = r.as_slice().first() {
            heads.push(key(d, i));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docket::{Docket, ScheduleOptions};
    use proptest::prelude::*;

    /// Obligation ids whose ids order differently from their stems alone
    /// (`a` and `a-b`: `a-b/1` comes before `a/1`) and numbers that order
    /// as text (`10` before `9`).
    const IDS: [&str; 6] = ["a", "a-b", "a.b", "a1", "ab", "b"];

    fn docket(duties: &[(usize, u32, u32, u32)]) -> Docket {
        let mut t = String::from("[case]\nid = \"c\"\ncourt = \"nysd\"\n");
        for &(id, start, every, count) in duties {
            t.push_str(&format!(
                "[obligations.\"{}\"]\ntitle = \"T\"\nfirst_due = \"2025-03-{:02}\"\n\
                 repeat = {{ every = \"{every} days\", count = {count} }}\n",
                IDS[id],
                start + 1
            ));
        }
        Docket::from_toml_str(&t).expect("a docket")
    }

    #[test]
    fn runs_whose_stems_begin_one_another_are_sorted_deadline_by_deadline() {
        use crate::docket::{DeadlineId, Text};
        let s = docket(&[(0, 0, 1, 1)])
            .schedule(&ScheduleOptions::new().explain(false))
            .expect("a schedule");
        let with_id = |stem: &str, n: u32| {
            let mut d = s.deadlines[0].clone();
            d.id = DeadlineId::new(Text::from(stem), n);
            d
        };
        // The same date: the ids decide, "c/x/1" < "c/x/1/3" < "c/x/12".
        let runs = vec![
            vec![with_id("c/x", 1), with_id("c/x", 12)],
            vec![with_id("c/x/1", 3)],
        ];
        let ids = |v: Vec<Deadline>| v.iter().map(|d| d.id.to_string()).collect::<Vec<_>>();
        let expected = ["c/x/1", "c/x/1/3", "c/x/12"];
        // Merged (the stems' fallback), and sorted as a small schedule.
        assert_eq!(ids(merge_above(runs.clone(), 0)), expected);
        assert_eq!(ids(merge_above(runs, SMALL)), expected);
    }

    proptest! {
        #[test]
        fn merged_runs_are_the_deadlines_sorted(
            duties in proptest::collection::btree_map(0..IDS.len(), (0u32..10, 1u32..4, 1u32..14), 1..6),
            shuffle in any::<u64>(),
        ) {
            let duties: Vec<_> = duties.into_iter().map(|(i, (s, e, c))| (i, s, e, c)).collect();
            let s = docket(&duties)
                .schedule(&ScheduleOptions::new().explain(false))
                .expect("a schedule");
            let mut expected = s.deadlines.clone();
            expected.sort_by(cmp);
            let ids = |v: &[Deadline]| v.iter().map(|d| d.id.to_string()).collect::<Vec<_>>();
            // The schedule merged its runs.
            prop_assert_eq!(ids(&s.deadlines), ids(&expected));
            let n: u32 = duties.iter().map(|d| d.3).sum();
            prop_assert_eq!(s.deadlines.len(), n as usize);
            // Runs given in another order, each shuffled, merge the same.
            let mut runs: Vec<Vec<Deadline>> = Vec::new();
            for (i, ..) in duties.iter().rev() {
                let mut run: Vec<Deadline> = s
                    .deadlines
                    .iter()
                    .filter(|d| d.obligation == IDS[*i])
                    .cloned()
                    .collect();
                let len = run.len();
                let mut x = shuffle | 1;
                for k in (1..len).rev() {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    run.swap(k, (x % (k as u64 + 1)) as usize);
                }
                runs.push(run);
            }
            prop_assert_eq!(ids(&merge(runs.clone())), ids(&expected));
            // Merged whatever their size, and sorted whatever their size.
            prop_assert_eq!(ids(&merge_above(runs.clone(), 0)), ids(&expected));
            prop_assert_eq!(ids(&merge_above(runs.clone(), usize::MAX)), ids(&expected));
            // The merge of runs already in order.
            for r in &mut runs {
                sort(r);
            }
            prop_assert_eq!(ids(&merge_sorted(runs, n as usize)), ids(&expected));
        }
    }
}
