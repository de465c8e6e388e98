#!/usr/bin/env python3
"""Generate tests/data/federal_holidays.csv from Python's `holidays` package.

The fixture lists, for 1990-2060, every day the federal government observes
as a legal holiday under 5 U.S.C. 6103(a)-(b): the eleven statutory holidays
on the day they are observed (a holiday on a Saturday is observed on the
Friday before, one on a Sunday on the Monday after; New Year's Day on a
Saturday is observed on December 31 of the year before, e.g. 2021-12-31).

It is an independent check of `src/calendar/federal.rs`; the Rust test
(`tests/it/holidays.rs`) reads the committed CSV and never runs Python.

Pinned: holidays==0.109 (the version the committed fixture was generated with).

    python3 -m venv /tmp/hvenv
    /tmp/hvenv/bin/pip install holidays==0.109
    /tmp/hvenv/bin/python scripts/gen_federal_holidays.py

What is taken from the package, and what is dropped:
- `holidays.US(..., categories=("government",), observed=True)`: the federal
  government's holidays. That category also holds one-off executive-order
  closures (Christmas Eve, Day After Christmas, half days, days of mourning);
  those are FRCP 6(a)(6)(B) "declared" days, not 5 U.S.C. 6103 holidays, so
  only the eleven statutory names are kept. Inauguration Day (5 U.S.C.
  6103(c), DC area only) is not in that category in this version; it would be
  dropped by the same name filter if it were.
- With observed=True the package lists both the actual day and the observed
  day when a holiday falls on a weekend (2021-07-04 and 2021-07-05). The
  actual weekend day is not a day off the government observes, so it is
  dropped, after checking that its observed day is present.
- The result is cross-checked against the package's default "public"
  category, which must give the same dates.

Output: `date,name`, sorted by date then name, LF line endings, written by
the csv module (so "Birthday of Martin Luther King, Jr." is double-quoted).
"""

import csv
import datetime
import io
import os
import sys

import holidays

PINNED = "0.109"
FIRST, LAST = 1990, 2060

# The eleven holidays of 5 U.S.C. 6103(a), as the package names them in the
# "government" category.
STATUTORY = {
    "New Year's Day",
    "Birthday of Martin Luther King, Jr.",
    "Washington's Birthday",
    "Memorial Day",
    "Juneteenth National Independence Day",
    "Independence Day",
    "Labor Day",
    "Columbus Day",
    "Veterans Day",
    "Thanksgiving Day",
    "Christmas Day",
}
OBSERVED = " (observed)"


def base_name(name):
    return name[: -len(OBSERVED)] if name.endswith(OBSERVED) else name


def generate():
    # One year either side so observed days that cross a year boundary
    # (New Year's Day 2061, a Saturday, is observed 2060-12-31) are caught
    # whichever year the package files them under; then keep FIRST..=LAST.
    years = range(FIRST - 1, LAST + 2)
    gov = holidays.US(years=years, observed=True, categories=("government",))
    public = holidays.US(years=years, observed=True)

    rows = []
    for day, names in gov.items():
        # Two holidays on one day would be joined with "; " by the package.
        for name in names.split("; "):
            if base_name(name) not in STATUTORY:
                continue  # executive-order closure, half day, etc.
            rows.append((day, name))

    days = {d for d, _ in rows}
    kept = []
    for day, name in rows:
        if day.weekday() >= 5:
            # The actual date on a weekend: 5 U.S.C. 6103(b) moves it.
            assert not name.endswith(OBSERVED), (day, name)
            shift = -1 if day.weekday() == 5 else 1
            observed = day + datetime.timedelta(days=shift)
            assert observed in days, f"{day} {name}: no observed day {observed}"
            continue
        kept.append((day, name))

    kept = sorted((d, n) for d, n in kept if FIRST <= d.year <= LAST)

    # New Year's Day on a Saturday must be observed on Dec 31 of the year
    # before. The package does this (checked here); if a future version
    # stopped doing it, this assert fails rather than silently dropping it.
    kept_days = {d for d, _ in kept}
    for y in range(FIRST + 1, LAST + 2):
        jan1 = datetime.date(y, 1, 1)
        if jan1.weekday() == 5:
            assert datetime.date(y - 1, 12, 31) in kept_days, f"{y - 1}-12-31 missing"

    # Cross-check with the default ("public") category: same dates.
    public_days = {
        d for d, n in public.items() if FIRST <= d.year <= LAST and d.weekday() < 5
    }
    assert public_days == kept_days, sorted(public_days ^ kept_days)
    return kept


def main():
    if holidays.__version__ != PINNED:
        print(
            f"warning: holidays {holidays.__version__} installed, fixture pinned to {PINNED}",
            file=sys.stderr,
        )
    rows = generate()
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["date", "name"])
    for day, name in rows:
        w.writerow([day.isoformat(), name])
    path = os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "federal_holidays.csv"
    )
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(out.getvalue())
    print(f"wrote {len(rows)} rows to {os.path.normpath(path)}")


if __name__ == "__main__":
    main()
