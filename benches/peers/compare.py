#!/usr/bin/env python3
"""docket beside its peers, on the same inputs, in one run.

    python3 benches/peers/compare.py [--quick] [--json FILE]

Builds the bench target `peers` (`cargo bench --bench peers --no-run`) and
runs it once per case with `--peers-json`: it times docket, reports the peak
memory of one run of the case, and writes the case's inputs and docket's
answers to a temporary folder. Then each Python peer runs on exactly those
inputs, its answers are checked against docket's, and a table prints: case,
docket, peer, ratio (how many times faster docket is), target, met?.

Peers: NumPy `busday_offset` (federal holidays from docket's own calendar as
its `holidays=`), `dateutil.rrule` (the same RRULE text), python `icalendar`
(the same events, built from docket's feed) and `lexdays` (a legal deadline
calculator: FRCP 6 on its own US federal calendar).

Figures are printed, never asserted; disagreements between docket and a peer
are printed as findings. `--quick` runs small inputs (a CI smoke run, under a
minute once the release build is done). Needs numpy, python-dateutil,
icalendar and lexdays (benches/peers/requirements.txt): when they cannot be
imported, the script makes a venv in target/peers-venv, installs them there
and runs itself again with it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent


def ensure_peers() -> None:
    """Re-runs this script in a venv with the peers when they are missing."""
    try:
        import dateutil  # noqa: F401
        import icalendar  # noqa: F401
        import lexdays  # noqa: F401
        import numpy  # noqa: F401
    except ImportError:
        if os.environ.get("DOCKET_PEERS_VENV"):
            raise
        target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
        venv = target / "peers-venv"
        py = venv / "bin" / "python"
        if not py.exists():
            print(f"making a venv with the peers in {venv}", file=sys.stderr)
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(py), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             "-r", str(HERE / "requirements.txt")],
            check=True,
        )
        env = dict(os.environ, DOCKET_PEERS_VENV="1")
        os.execve(str(py), [str(py), __file__, *sys.argv[1:]], env)


# ------------------------------------------------------------------ timing


def per_unit(fn, units: int, budget: float, rounds: int, warm: bool = True) -> float:
    """Median nanoseconds per unit of `fn` (which does `units` units per
    call), over `rounds` rounds of repeated calls, each about `budget`
    seconds (and at least one call), after one call to warm up."""
    if warm:
        fn()
    samples = []
    for _ in range(rounds):
        calls = 0
        start = time.perf_counter()
        while True:
            fn()
            calls += 1
            elapsed = time.perf_counter() - start
            if elapsed >= budget:
                break
        samples.append(elapsed * 1e9 / (calls * units))
    return statistics.median(samples)


# -------------------------------------------------------------- the docket side


def build_bench() -> str:
    """The path of the `peers` bench binary, built if needed."""
    out = subprocess.run(
        ["cargo", "bench", "--bench", "peers", "--no-run", "--message-format=json", "--quiet"],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout
    for line in out.splitlines():
        msg = json.loads(line)
        if msg.get("reason") == "compiler-artifact" and msg["target"]["name"] == "peers" \
                and msg.get("executable"):
            return msg["executable"]
    raise SystemExit("compare.py: no executable for the bench target `peers`")


def run_docket(binary: str, case: str, out: Path, quick: bool) -> dict:
    """One case in a process of its own (so that its peak memory is its own)."""
    args = [binary, "--peers-json", "--case", case, "--out", str(out)]
    if quick:
        args.append("--quick")
    text = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return json.loads(text.strip().splitlines()[-1])


# ------------------------------------------------------------------- peers


def fmt_date(d) -> str:
    return d.isoformat() if hasattr(d, "isoformat") else str(d)


def disagreements(inputs, ours, theirs, limit=5):
    """(count, first few) of the items where the two answers differ."""
    bad = [(i, o, t) for i, o, t in zip(inputs, ours, theirs) if o != t]
    return len(bad), bad[:limit]


def peer_days(inputs: dict, court_days: bool, cfg) -> list[dict]:
    import lexdays
    import numpy as np

    triggers = np.array(inputs["triggers"], dtype="datetime64[D]")
    amounts = np.array(inputs["amounts"], dtype="int64")
    due = inputs["due"]
    cal = np.busdaycalendar(holidays=np.array(inputs["holidays"], dtype="datetime64[D]"))
    n = len(due)
    if court_days:
        # The n-th business day after the trigger: roll a closed trigger
        # back first, so that the next business day counts as 1.
        def vector():
            return np.busday_offset(triggers, amounts, roll="backward", busdaycal=cal)
    else:
        # Count the days, then roll a closed last day forward (FRCP 6(a)(1)(C)).
        def vector():
            return np.busday_offset(triggers + amounts, 0, roll="forward", busdaycal=cal)
    answers = [str(d) for d in vector()]
    rows = []
    what = "court days" if court_days else "days"
    count, first = disagreements(list(zip(inputs["triggers"], inputs["amounts"])), due, answers)
    rows.append({
        "peer": "NumPy busday_offset, vectorized (per deadline)",
        "ns": per_unit(vector, n, cfg.budget, cfg.rounds),
        "checked": n, "disagree": count, "examples": first,
    })
    # One call per deadline, as a program computing one deadline makes it.
    m = min(n, cfg.scalar_items)
    scalar_in = [(np.datetime64(t, "D"), int(a)) for t, a in
                 zip(inputs["triggers"][:m], inputs["amounts"][:m])]
    if court_days:
        def scalar():
            for t, a in scalar_in:
                np.busday_offset(t, a, roll="backward", busdaycal=cal)
    else:
        def scalar():
            for t, a in scalar_in:
                np.busday_offset(t + a, 0, roll="forward", busdaycal=cal)
    rows.append({
        "peer": "NumPy busday_offset, one call each",
        "ns": per_unit(scalar, m, cfg.budget, cfg.rounds),
        "checked": 0, "disagree": 0, "examples": [],
    })
    # lexdays: FRCP 6 on its own federal calendar ("us/frcp", defaults:
    # electronic service, the earlier reading of observed Fridays).
    pack = lexdays.rulepack("us/frcp")
    k = min(n, cfg.lexdays_items)
    unit = "business_day" if court_days else "day"
    lex_in = [(dt.date.fromisoformat(t), lexdays.Period(int(a), unit))
              for t, a in zip(inputs["triggers"][:k], inputs["amounts"][:k])]
    lex_out: list[str] = []

    def lex():
        lex_out.clear()
        for t, p in lex_in:
            lex_out.append(pack.compute(t, p).deadline.isoformat())

    ns = per_unit(lex, k, cfg.budget, 1)
    count, first = disagreements(list(zip(inputs["triggers"], inputs["amounts"])), due[:k], lex_out)
    # Where they differ, the same computation with lexdays' other reading of
    # the unsettled question it raises (a Friday on which a Saturday holiday
    # is observed counted as a legal holiday).
    other = [(t, a, o) for t, a, o, x in
             zip(inputs["triggers"], inputs["amounts"], due, lex_out) if o != x]
    redo = sum(
        pack.compute(t, lexdays.Period(int(a), unit), options={"observed_friday": "holiday"})
        .deadline.isoformat() == o
        for t, a, o in other
    )
    rows.append({
        "peer": f"lexdays {lexdays.__version__} (us/frcp, {unit})",
        "ns": ns, "checked": k, "disagree": count, "examples": first,
        "note": f"{redo} of the {count} agree with observed_friday='holiday'" if count else "",
    })
    for r in rows:
        r["what"] = what
    return rows


def peer_recurrence(inputs: dict, every: bool, cfg) -> list[dict]:
    from dateutil.rrule import WEEKLY, rrule, rrulestr

    starts = [dt.datetime.fromisoformat(s) for s in inputs["starts"]]
    text = inputs["rrule"]
    count = int(re.search(r"COUNT=(\d+)", text).group(1))
    n = sum(len(d) for d in inputs["dates"])
    if every:
        name = f"dateutil rrule(WEEKLY, count={count})"

        def run():
            return [list(rrule(WEEKLY, dtstart=s, count=count)) for s in starts]
    else:
        name = f'dateutil rrulestr("{text}")'

        def run():
            return [list(rrulestr(text, dtstart=s)) for s in starts]
    answers = [[d.date().isoformat() for d in occ] for occ in run()]
    flat_ours = [d for occ in inputs["dates"] for d in occ]
    flat_theirs = [d for occ in answers for d in occ]
    count_bad, first = disagreements(list(range(len(flat_ours))), flat_ours, flat_theirs)
    if len(flat_ours) != len(flat_theirs):
        count_bad += abs(len(flat_ours) - len(flat_theirs))
    return [{
        "peer": name,
        "ns": per_unit(run, n, cfg.budget, cfg.rounds),
        "checked": n, "disagree": count_bad, "examples": first,
    }]


def unfolded(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\n ", "").splitlines()


def unescape(v: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), v)


def parse_ics(text: str):
    """Components of a feed as (name, [(prop, params, value)], children)."""
    stack = [("ROOT", [], [])]
    for line in unfolded(text):
        if line.startswith("BEGIN:"):
            stack.append((line[6:], [], []))
            continue
        if line.startswith("END:"):
            comp = stack.pop()
            stack[-1][2].append(comp)
            continue
        head, _, value = line.partition(":")
        name, *params = head.split(";")
        stack[-1][1].append((name, dict(p.split("=", 1) for p in params), value))
    return stack[0][2][0]


def typed(name: str, params: dict, value: str):
    """The Python value icalendar takes for one of docket's properties."""
    from zoneinfo import ZoneInfo

    if params.get("VALUE") == "DATE":
        return dt.datetime.strptime(value, "%Y%m%d").date()
    if name in ("DTSTART", "DTEND", "DTSTAMP", "LAST-MODIFIED", "CREATED", "RECURRENCE-ID"):
        if value.endswith("Z"):
            return dt.datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.timezone.utc)
        t = dt.datetime.strptime(value, "%Y%m%dT%H%M%S")
        return t.replace(tzinfo=ZoneInfo(params["TZID"])) if "TZID" in params else t
    if name == "SEQUENCE":
        return int(value)
    if name == "CATEGORIES":
        return [unescape(v) for v in re.split(r"(?<!\\),", value)]
    if name == "TRIGGER" or params.get("VALUE") == "DURATION":
        from icalendar import vDuration
        return vDuration.from_ical(value)
    return unescape(value)


def peer_feed(ics_path: Path, cfg) -> list[dict]:
    import icalendar

    docket_text = ics_path.read_text()
    cal = parse_ics(docket_text)
    head = [(n, p, v) for n, p, v in cal[1] if n in ("VERSION", "PRODID", "CALSCALE")]
    # Docket's events as icalendar takes them (prepared outside the timing).
    events = []
    for comp, props, children in cal[2]:
        if comp != "VEVENT":
            continue
        alarms = [[(n, typed(n, p, v)) for n, p, v in cprops]
                  for c, cprops, _ in children if c == "VALARM"]
        events.append(([(n, typed(n, p, v)) for n, p, v in props], alarms))
    n = len(events)
    holder: list[bytes] = []

    def run():
        c = icalendar.Calendar()
        for name, _, value in head:
            c.add(name, value)
        for props, alarms in events:
            e = icalendar.Event()
            for name, value in props:
                e.add(name, value)
            for alarm in alarms:
                a = icalendar.Alarm()
                for name, value in alarm:
                    a.add(name, value)
                e.add_component(a)
            c.add_component(e)
        holder[:] = [c.to_ical()]

    # A call takes seconds: no warm-up call.
    ns = per_unit(run, n, cfg.budget, cfg.feed_rounds, warm=False)
    theirs = holder[0].decode()

    def keys(text):
        """(UID, DTSTART) of each VEVENT, whatever the order of properties."""
        out, uid, start = [], None, None
        for line in unfolded(text):
            if line == "BEGIN:VEVENT":
                uid = start = None
            elif line == "END:VEVENT":
                out.append((uid, start))
            elif line.startswith("UID:"):
                uid = line[4:]
            elif line.startswith("DTSTART"):
                start = line
        return sorted(out)

    ours_k, theirs_k = keys(docket_text), keys(theirs)
    bad = len(set(ours_k) ^ set(theirs_k))
    return [{
        "peer": f"python icalendar {icalendar.__version__}",
        "ns": ns, "checked": n, "disagree": bad, "examples": [],
        "peer_bytes": len(holder[0]),
    }]


# ------------------------------------------------------------------- report


def fmt_ns(ns: float) -> str:
    if ns >= 1e6:
        return f"{ns / 1e6:.2f} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.2f} us"
    return f"{ns:.1f} ns"


def machine() -> list[str]:
    def out(*cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return "?"
    model = "?"
    for line in out("lscpu").splitlines():
        if line.startswith("Model name:"):
            model = line.split(":", 1)[1].strip()
    import numpy
    import dateutil
    import icalendar
    import lexdays
    commit = out("git", "-C", str(ROOT), "rev-parse", "--short", "HEAD")
    return [
        f"time: {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC; commit {commit}",
        f"machine: {out('nproc')} cores, {model}; {platform.system()} {platform.release()}",
        f"{out('rustc', '--version')}; Python {platform.python_version()}, NumPy {numpy.__version__}, "
        f"python-dateutil {dateutil.__version__}, icalendar {icalendar.__version__}, "
        f"lexdays {lexdays.__version__}",
    ]


def crate_alone(ours: dict) -> dict:
    """The rrule crate alone on the same rule and starts, as the Rust side
    measured it (parse and expand), with the duties whose dates differ."""
    return {
        "peer": f"rrule crate alone ({ours['rule']})",
        "ns": ours["crate_ns_per_unit"],
        "checked": ours["duties"],
        "disagree": ours["duties_disagreeing"],
        "examples": [],
        "note": "dates compared per duty",
    }


def table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for k, r in enumerate(rows):
        lines.append("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |")
        if k == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


TITLES = {
    "days": "one deadline, federal, days forward",
    "court_days": "one deadline, federal, court days forward",
    "recurrence": "recurrence per occurrence (RRULE, Docket::schedule)",
    "recurrence_every": "recurrence per occurrence (every, Docket::schedule)",
    "rrule_crate": "recurrence per occurrence, a rule only the rrule crate expands (Docket::schedule)",
    "feed": "feed of 100,000 events end to end (per event)",
    "portfolio": "portfolio of 10,000 dockets, 100,000 deadlines",
    "move": "move one event in 100,000 obligations",
    "move_default": "move one event in 100,000 obligations, default horizon",
}
# Ratio targets (docket at least this many times faster than the peer) by
# case and peer prefix, and absolute targets in nanoseconds.
RATIO_TARGETS = {
    ("days", "NumPy busday_offset, vectorized"): (5, "~10 ns"),
    ("days", "NumPy busday_offset, one call"): (5, "~10 ns"),
    ("recurrence", "dateutil"): (25, "~100 ns"),
    ("recurrence_every", "dateutil"): (25, "~100 ns"),
    ("feed", "python icalendar"): (75, "~2 us/event"),
}
ABSOLUTE = {"portfolio": 25e6, "move": 10e3, "move_default": 10e3}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="small inputs (CI smoke run)")
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    ap.add_argument("--cases", default=",".join(TITLES), help="comma-separated cases")
    ap.add_argument("--from", dest="saved", type=Path,
                    help="print the tables of a run saved with --json, without running")
    args = ap.parse_args()
    ensure_peers()

    class Cfg:
        budget = 0.1 if args.quick else 0.5
        rounds = 3 if args.quick else 5
        feed_rounds = 1 if args.quick else 2
        scalar_items = 1_000 if args.quick else 10_000
        lexdays_items = 300 if args.quick else 10_000

    baseline_path = HERE / "baseline.json"
    baseline = json.loads(baseline_path.read_text()) if baseline_path.exists() else {}
    if args.saved:
        saved = json.loads(args.saved.read_text())
        report(saved["machine"], saved["results"], baseline, saved.get("quick", False))
        return
    binary = build_bench()
    results = []
    with tempfile.TemporaryDirectory(prefix="docket-peers-") as tmp:
        out = Path(tmp)
        for case in args.cases.split(","):
            ours = run_docket(binary, case, out, args.quick)
            if case in ("days", "court_days"):
                peers = peer_days(json.loads((out / f"{case}.json").read_text()),
                                  case == "court_days", Cfg)
            elif case in ("recurrence", "recurrence_every"):
                peers = peer_recurrence(json.loads((out / f"{case}.json").read_text()),
                                        case == "recurrence_every", Cfg)
            elif case == "rrule_crate":
                peers = [crate_alone(ours)]
            elif case == "feed":
                peers = peer_feed(out / "feed.ics", Cfg)
            else:
                peers = []
            results.append({"case": case, "docket": ours, "peers": peers})
    about = machine()
    report(about, results, baseline, args.quick)
    if args.json:
        args.json.write_text(json.dumps({"machine": about, "quick": args.quick,
                                         "results": results}, indent=1, default=str))


def report(about: list[str], results: list[dict], baseline: dict, quick: bool) -> None:
    """Prints the figures, the peak memory and the agreement of a run."""
    rows = [["case", "docket", "peer", "peer time", "ratio", "target", "met?"]]
    findings = []
    for r in results:
        case, ours = r["case"], r["docket"]
        title = TITLES[case] + (" [quick: 1/10 of the inputs]" if quick else "")
        if case in ABSOLUTE:
            goal = ABSOLUTE[case]
            met = "yes" if ours["ns_per_unit"] < goal else "no"
            rows.append([title, fmt_ns(ours["ns_per_unit"]), "-", "-", "-",
                         f"< {fmt_ns(goal)}", "n/a (quick)" if quick else met])
        for p in r["peers"]:
            ratio = p["ns"] / ours["ns_per_unit"]
            target = next((t for (c, prefix), t in RATIO_TARGETS.items()
                           if c == case and p["peer"].startswith(prefix)), None)
            rows.append([
                title, fmt_ns(ours["ns_per_unit"]), p["peer"], fmt_ns(p["ns"]), f"{ratio:.1f}x",
                f">= {target[0]}x ({target[1]})" if target else "-",
                ("yes" if ratio >= target[0] else "no") if target else "-",
            ])
            if p["disagree"]:
                findings.append(f"{title} / {p['peer']}: {p['disagree']} of {p['checked']} "
                                f"answers differ; first: "
                                + "; ".join(f"{i}: docket {o}, peer {t}" for i, o, t in p["examples"])
                                + (f" ({p['note']})" if p.get("note") else ""))
            elif p["checked"]:
                findings.append(f"{title} / {p['peer']}: all {p['checked']} answers agree")
    mem = [["case", "peak RSS", "growth during one run", "baseline peak (growth)",
            "peak vs baseline"]]
    for r in results:
        o = r["docket"]
        b = baseline.get("quick" if quick else "full", {}).get(r["case"])
        mem.append([
            TITLES[r["case"]], f"{o['peak_rss_kib'] / 1024:.1f} MiB",
            f"{(o['peak_rss_kib'] - o['rss_before_kib']) / 1024:+.1f} MiB",
            f"{b['peak_rss_kib'] / 1024:.1f} MiB ({(b['peak_rss_kib'] - b['rss_before_kib']) / 1024:+.1f})"
            if b else "-",
            f"{(o['peak_rss_kib'] / b['peak_rss_kib'] - 1) * 100:+.1f}%" if b else "-",
        ])
        if "batch_peak_rss_kib" in o:
            mem.append([
                f"  then as one Request::compute_batch (its {o['n']:,} results kept)",
                f"{o['batch_peak_rss_kib'] / 1024:.1f} MiB",
                f"{(o['batch_peak_rss_kib'] - o['batch_rss_before_kib']) / 1024:+.1f} MiB",
                "-", "-",
            ])
    print("\n".join(about))
    print()
    print(table(rows))
    print()
    print(table(mem))
    print()
    print("Agreement with docket's answers:")
    for f in findings:
        print(f"- {f}")


if __name__ == "__main__":
    main()
