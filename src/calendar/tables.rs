//! Day tables that make a calendar's common arithmetic constant-time: one
//! bit per day for each kind of day the counts look for, with a running
//! count per 64-day word. The next open day is the next set bit (one or two
//! words away), the number of court days between two dates a difference of
//! two ranks, and the n-th court day a rank looked up backwards. Built once
//! per calendar, when first used (about 40 KiB for the calendar's 130
//! years).

use super::{CLOSURE, DISPUTED_CLOSURE, DISPUTED_STATE, HOLIDAY, OUTSIDE, STATE, WEEKEND};

/// Days that end a fast computation: outside the calendar, or a day the
/// clerk's office was closed (a closure is weighed on the general path).
pub(crate) const STOP: u8 = OUTSIDE | CLOSURE | DISPUTED_CLOSURE;
/// Days a count forward (and a court-day count) passes over.
pub(crate) const FORWARD_CLOSED: u8 = WEEKEND | HOLIDAY | STATE;
/// Days a count backward passes over (state holidays count as court days
/// there, under the rules since 2009; see the engine).
pub(crate) const BACKWARD_CLOSED: u8 = WEEKEND | HOLIDAY;
/// Days that send a court-day count to the general path: a stop, or a state
/// holiday (whether the federal court is open then is a question).
const COURT_DAY_QUESTION: u8 = STOP | STATE | DISPUTED_STATE;

/// A set of days, one bit each, with the count of set bits before each
/// 64-day word.
#[derive(Debug, Clone)]
struct Bits {
    words: Box<[u64]>,
    before: Box<[u32]>,
}

impl Bits {
    fn new(flags: &[u8], is: impl Fn(u8) -> bool) -> Bits {
        let set = flags
            .iter()
            .enumerate()
            .filter(|(_, &f)| is(f))
            .map(|(i, _)| i);
        Bits::of(flags.len(), set)
    }

    /// The days `set` (positions below `len`) of a table of `len` days.
    fn of(len: usize, set: impl Iterator<Item = usize>) -> Bits {
        let mut words = vec![0u64; len.div_ceil(64)].into_boxed_slice();
        for i in set.filter(|&i| i < len) {
            words[i / 64] |= 1 << (i % 64);
        }
        let mut before = Vec::with_capacity(words.len());
        let mut n = 0u32;
        for w in words.iter() {
            before.push(n);
            n += w.count_ones();
        }
        Bits {
            words,
            before: before.into_boxed_slice(),
        }
    }

    /// Set days before day `i` (`i` may be the table's length).
    #[inline]
    fn rank(&self, i: usize) -> u32 {
        let (w, b) = (i / 64, i % 64);
        match self.words.get(w) {
            Some(word) => self.before[w] + (word & ((1u64 << b) - 1)).count_ones(),
            None => {
                self.before.last().copied().unwrap_or(0)
                    + self.words.last().map_or(0, |x| x.count_ones())
            }
        }
    }

    /// Whether a day from `lo` through `hi` is set (none when `lo > hi`):
    /// two ranks that differ, read from the words themselves when the days
    /// lie in one word or two (no bits counted: the common short span costs
    /// a mask or two).
    #[inline(always)]
    fn any(&self, lo: usize, hi: usize) -> bool {
        if lo > hi {
            return false;
        }
        let (first, last) = (lo / 64, hi / 64);
        let word = |w: usize| self.words.get(w).copied().unwrap_or(0);
        let from_lo = !0u64 << (lo % 64);
        let to_hi = !0u64 >> (63 - hi % 64);
        match last - first {
            0 => word(first) & from_lo & to_hi != 0,
            1 => word(first) & from_lo != 0 || word(last) & to_hi != 0,
            _ => self.rank(hi + 1) != self.rank(lo),
        }
    }

    /// The first set day at or after `i`.
    #[inline]
    fn next(&self, i: usize) -> Option<usize> {
        let mut w = i / 64;
        let mut word = *self.words.get(w)? & (!0u64 << (i % 64));
        loop {
            if word != 0 {
                return Some(w * 64 + word.trailing_zeros() as usize);
            }
            w += 1;
            word = *self.words.get(w)?;
        }
    }

    /// The last set day at or before `i`.
    #[inline]
    fn prev(&self, i: usize) -> Option<usize> {
        let mut w = i / 64;
        let keep = if i % 64 == 63 {
            !0u64
        } else {
            (1u64 << (i % 64 + 1)) - 1
        };
        let mut word = *self.words.get(w)? & keep;
        loop {
            if word != 0 {
                return Some(w * 64 + 63 - word.leading_zeros() as usize);
            }
            w = w.checked_sub(1)?;
            word = self.words[w];
        }
    }

    /// The set day with `k` set days before it (`k` from 0).
    #[inline]
    fn select(&self, k: u32) -> Option<usize> {
        // The last word whose count before it is at most k.
        let w = self.before.partition_point(|&b| b <= k).checked_sub(1)?;
        let mut word = self.words[w];
        let mut left = k - self.before[w];
        while word != 0 {
            if left == 0 {
                return Some(w * 64 + word.trailing_zeros() as usize);
            }
            word &= word - 1;
            left -= 1;
        }
        None
    }
}

/// A calendar's day tables (see the module).
#[derive(Debug, Clone)]
pub(crate) struct Tables {
    /// Days open to a count forward (none of [`FORWARD_CLOSED`]): court
    /// days.
    forward_open: Bits,
    /// Days open to a count backward (none of [`BACKWARD_CLOSED`]).
    backward_open: Bits,
    /// Days of [`STOP`].
    stop: Bits,
    /// Days of [`COURT_DAY_QUESTION`].
    court_question: Bits,
    /// Days in dispute (an unsettled question about the day).
    disputed: Bits,
    /// State holidays, settled or in dispute (whether the federal court is
    /// open on them is a question for a court-day count).
    state: Bits,
}

impl Tables {
    /// The tables of a calendar's day flags and its days in dispute (by
    /// position).
    pub(crate) fn new(flags: &[u8], disputed: impl Iterator<Item = usize>) -> Tables {
        Tables {
            forward_open: Bits::new(flags, |f| f & FORWARD_CLOSED == 0),
            backward_open: Bits::new(flags, |f| f & BACKWARD_CLOSED == 0),
            stop: Bits::new(flags, |f| f & STOP != 0),
            court_question: Bits::new(flags, |f| f & COURT_DAY_QUESTION != 0),
            disputed: Bits::of(flags.len(), disputed),
            state: Bits::new(flags, |f| {
                f & OUTSIDE == 0 && f & (STATE | DISPUTED_STATE) != 0
            }),
        }
    }

    /// Whether a state holiday (settled or in dispute) falls from day `lo`
    /// through day `hi`.
    #[inline]
    pub(crate) fn any_state_day(&self, lo: usize, hi: usize) -> bool {
        self.state.any(lo, hi)
    }

    /// Whether a day in dispute falls from day `lo` through day `hi`.
    #[inline]
    pub(crate) fn any_disputed(&self, lo: usize, hi: usize) -> bool {
        self.disputed.any(lo, hi)
    }

    /// The day a roll from day `i` lands on (forward, or backward), or
    /// `None` when it meets a stop first (or leaves the table).
    #[inline]
    pub(crate) fn roll(&self, i: usize, forward: bool) -> Option<usize> {
        // A stop between `i` and the open day (both included) ends it.
        if forward {
            let open = self.forward_open.next(i)?;
            (!self.stop.any(i, open)).then_some(open)
        } else {
            let open = self.backward_open.prev(i)?;
            (!self.stop.any(open, i)).then_some(open)
        }
    }

    /// The `n`-th court day after day `i` (`n` from 1), or `None` when the
    /// count meets a stop or a state holiday on the way (the general path
    /// weighs those), or leaves the table.
    #[inline]
    pub(crate) fn court_days_after(&self, i: usize, n: u32) -> Option<usize> {
        let k = self.forward_open.rank(i + 1).checked_add(n - 1)?;
        let d = self.forward_open.select(k)?;
        (!self.court_question.any(i + 1, d)).then_some(d)
    }

    /// The `n`-th court day before day `i` (`n` from 1), as
    /// [`Tables::court_days_after`].
    #[inline]
    pub(crate) fn court_days_before(&self, i: usize, n: u32) -> Option<usize> {
        let k = self.forward_open.rank(i).checked_sub(n)?;
        let d = self.forward_open.select(k)?;
        let met = i
            .checked_sub(1)
            .is_some_and(|j| self.court_question.any(d, j));
        (!met).then_some(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Flags of a small made-up table: weekends, a holiday, a state
    /// holiday, a closure.
    fn flags() -> Vec<u8> {
        (0..300)
            .map(|i| {
                let mut f = if i % 7 >= 5 { WEEKEND } else { 0 };
                if i == 30 || i == 140 {
                    f |= HOLIDAY;
                }
                if i == 64 || i == 200 {
                    f |= STATE;
                }
                if i == 100 || i == 101 {
                    f |= CLOSURE;
                }
                if i == 299 {
                    f |= OUTSIDE;
                }
                f
            })
            .collect()
    }

    /// The loop the tables replace.
    fn slow_roll(f: &[u8], mut i: usize, forward: bool) -> Option<usize> {
        let mask = if forward {
            FORWARD_CLOSED
        } else {
            BACKWARD_CLOSED
        };
        loop {
            let x = *f.get(i)?;
            if x & STOP != 0 {
                return None;
            }
            if x & mask == 0 {
                return Some(i);
            }
            i = if forward { i + 1 } else { i.checked_sub(1)? };
        }
    }

    fn slow_count(f: &[u8], i: usize, n: u32, forward: bool) -> Option<usize> {
        let mut d = i;
        let mut left = n;
        while left > 0 {
            d = if forward { d + 1 } else { d.checked_sub(1)? };
            let x = *f.get(d)?;
            if x & COURT_DAY_QUESTION != 0 {
                return None;
            }
            if x & FORWARD_CLOSED == 0 {
                left -= 1;
            }
        }
        Some(d)
    }

    #[test]
    fn any_day_set_is_two_ranks_that_differ() {
        // Bits of a made-up pattern over ten words and a part, some words
        // empty, some full.
        let len = 680;
        let set = (0..len).filter(|i| match i / 64 {
            2 | 5 => false,
            3 => true,
            _ => (i * 37 + i / 7) % 11 == 0,
        });
        let b = Bits::of(len, set);
        for lo in 0..len + 70 {
            for hi in lo.saturating_sub(1)..len + 70 {
                let ranks = lo <= hi && b.rank((hi + 1).min(len)) != b.rank(lo.min(len));
                assert_eq!(b.any(lo, hi), ranks, "{lo}..={hi}");
            }
        }
    }

    #[test]
    fn tables_agree_with_the_loops() {
        let f = flags();
        let t = Tables::new(&f, [3usize, 70, 299].into_iter());
        for lo in 0..f.len() {
            for hi in lo..f.len().min(lo + 90) {
                let slow = [3usize, 70, 299].iter().any(|d| (lo..=hi).contains(d));
                assert_eq!(t.any_disputed(lo, hi), slow, "{lo}..={hi}");
            }
        }
        for lo in 0..f.len() {
            for hi in lo..f.len().min(lo + 90) {
                let slow = f[lo..=hi]
                    .iter()
                    .any(|x| x & OUTSIDE == 0 && x & (STATE | DISPUTED_STATE) != 0);
                assert_eq!(t.any_state_day(lo, hi), slow, "state {lo}..={hi}");
            }
        }
        for i in 0..f.len() {
            for forward in [true, false] {
                assert_eq!(
                    t.roll(i, forward),
                    slow_roll(&f, i, forward),
                    "roll {i} {forward}"
                );
            }
            for n in 1..40 {
                assert_eq!(
                    t.court_days_after(i, n),
                    slow_count(&f, i, n, true),
                    "after {i} {n}"
                );
                assert_eq!(
                    t.court_days_before(i, n),
                    slow_count(&f, i, n, false),
                    "before {i} {n}"
                );
            }
        }
    }
}
