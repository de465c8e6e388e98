#!/usr/bin/env python3
"""Generate tests/data/state_holidays/<XX>.csv from Python's `holidays` package.

One fixture per state the crate knows: every state, DC, and the territories
PR, GU, VI, MP and AS (the package's `subdiv`s of `holidays.US`). Each lists, for 1990-2060, every weekday the package gives as a
holiday for that state: its state list (`subdiv=XX`, default "public"
category) together with the federal statutory days (the "government"
category, as in `scripts/gen_federal_holidays.py`). The District of Columbia
is the package's `subdiv="DC"` of `holidays.US`, like the states.

It is an independent check of `data/states/<XX>.toml`; the Rust test
(`tests/it/state_holidays.rs`) reads the committed CSVs and never runs Python.
The package often encodes state-government office closures rather than
statutory legal holidays, and shifts weekend days by one uniform rule, so the
crate deliberately differs from it in places; the test keeps those
differences in an explicit, cited allow-list (summarized in
`tests/data/README.md`). The fixtures are the package's data as is.

Pinned: holidays==0.109 (the version the committed fixtures were generated with).

    python3 -m venv /tmp/hvenv
    /tmp/hvenv/bin/pip install holidays==0.109
    /tmp/hvenv/bin/python scripts/gen_state_holidays.py

What is taken from the package, and what is dropped:
- `holidays.US(subdiv=XX, observed=True)` (category "public"): every day,
  with the package's names. The package's state lists repeat most federal
  days but not all of them for every state (no Columbus Day for TX, CA, FL,
  ...), so:
- `holidays.US(observed=True, categories=("government",))` (the national
  list: the federal days apply to every federal court, 5 U.S.C. 6103; the
  package's per-state government lists differ for MA, which it does not
  shift, and PR, which it leaves out), keeping only the eleven statutory
  names of 5 U.S.C. 6103(a) (dropping the executive-order closures, as the
  federal script does), is added. Its weekday dates are asserted to equal
  `tests/data/federal_holidays.csv`. For the first eleven states this gives
  the same bytes as their per-state government lists did.
- Weekend dates are dropped, for every state. With observed=True the package
  lists both the actual day and the observed day when it shifts a holiday
  (2021-07-04 and 2021-07-05), and it keeps some weekend days unshifted
  (Texas's state days, Flag Day); a Saturday or Sunday is never a business
  day, so whether it is also a holiday cannot change a deadline, and the Rust
  test compares weekdays only. The package's weekend shift itself (the
  "(observed)" rows) is kept: it is one uniform rule, Saturday -> Friday and
  Sunday -> Monday, for every state (except MA), which the crate does not
  follow where a state's statute says otherwise (NY, CA, TX, IL, PA, GA,
  LA); the allow-list records those cases. For the government rows the script
  asserts, as the federal script does, that each weekend date has its
  observed weekday.

Output: `date,name`, one row per (date, name), sorted by date then name, LF
line endings, written by the csv module (so names with a comma are quoted).
A day with two names (a state name and the federal name of the same day)
has two rows.
"""

import csv
import datetime
import io
import os
import sys

import holidays

PINNED = "0.109"
FIRST, LAST = 1990, 2060
STATES = (
    # The first eleven.
    "NY", "DE", "NJ", "TX", "CA", "IL", "FL", "DC", "PA", "LA", "GA",
    # The other states, then the territories.
    "AK", "AL", "AR", "AZ", "CO", "CT", "HI", "IA", "ID", "IN", "KS", "KY",
    "MA", "MD", "ME", "MI", "MN", "MO", "MS", "MT", "NC", "ND", "NE", "NH",
    "NM", "NV", "OH", "OK", "OR", "RI", "SC", "SD", "TN", "UT", "VA", "VT",
    "WA", "WI", "WV", "WY",
    "PR", "GU", "VI", "MP", "AS",
)


# The eleven holidays of 5 U.S.C. 6103(a), as the package names them in the
# "government" category (the same set as scripts/gen_federal_holidays.py).
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

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "tests", "data")


def base_name(name):
    return name[: -len(OBSERVED)] if name.endswith(OBSERVED) else name


def split(h):
    """(date, name) pairs; two holidays on one day are joined with "; "."""
    return [(day, name) for day, names in h.items() for name in names.split("; ")]


def federal_fixture_days():
    with open(os.path.join(DATA, "federal_holidays.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["date", "name"], rows[0]
    return {datetime.date.fromisoformat(r[0]) for r in rows[1:]}


def generate(state, federal_days):
    # One year either side so observed days that cross a year boundary
    # (New Year's Day 2061, a Saturday, is observed 2060-12-31) are caught
    # whichever year the package files them under; then keep FIRST..=LAST.
    years = range(FIRST - 1, LAST + 2)
    public = holidays.US(subdiv=state, years=years, observed=True)
    gov = holidays.US(
        subdiv=None,
        years=years,
        observed=True,
        categories=("government",),
    )

    gov_rows = [(d, n) for d, n in split(gov) if base_name(n) in STATUTORY]
    gov_days = {d for d, _ in gov_rows}
    for day, name in gov_rows:
        if day.weekday() >= 5:
            assert not name.endswith(OBSERVED), (state, day, name)
            shift = -1 if day.weekday() == 5 else 1
            observed = day + datetime.timedelta(days=shift)
            assert observed in gov_days, f"{state} {day} {name}: no observed day {observed}"

    rows = set(gov_rows) | set(split(public))
    for day, name in rows:
        # The package never shifts a holiday onto a weekend day.
        assert not (name.endswith(OBSERVED) and day.weekday() >= 5), (state, day, name)
    kept = sorted(
        (d, n) for d, n in rows if FIRST <= d.year <= LAST and d.weekday() < 5
    )

    # The federal days in the package's state view are the federal fixture.
    gov_weekdays = {d for d in gov_days if FIRST <= d.year <= LAST and d.weekday() < 5}
    assert gov_weekdays == federal_days, (state, sorted(gov_weekdays ^ federal_days))
    return kept


def main():
    if holidays.__version__ != PINNED:
        print(
            f"warning: holidays {holidays.__version__} installed, fixtures pinned to {PINNED}",
            file=sys.stderr,
        )
    federal_days = federal_fixture_days()
    out_dir = os.path.join(DATA, "state_holidays")
    os.makedirs(out_dir, exist_ok=True)
    for state in STATES:
        rows = generate(state, federal_days)
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["date", "name"])
        for day, name in rows:
            w.writerow([day.isoformat(), name])
        path = os.path.join(out_dir, f"{state}.csv")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(out.getvalue())
        print(f"wrote {len(rows)} rows to {os.path.normpath(path)}")


if __name__ == "__main__":
    main()
