#!/usr/bin/env python3
"""Validate the iCalendar feeds written by `docket ics DIR --out-dir FEEDS`.

Usage: validate_feeds.py [--domain D] [--horizon DATE] FEEDS_DIR DOCKET_BIN EXAMPLES_DIR

FEEDS_DIR holds the feeds written from the docket files in EXAMPLES_DIR with
`DOCKET_BIN ics EXAMPLES_DIR --out-dir FEEDS_DIR --domain D` (plus
`--horizon DATE` when given here). For every .ics file in FEEDS_DIR:

  a. it parses with `ical` (IcsCalendarStream, strict) and with `icalendar`
     (no component may carry parse errors), as exactly one VCALENDAR;
  b. every TZID parameter names a VTIMEZONE of the file; each VTIMEZONE passes
     check_vtimezone.py's checks (every onset of every rule agrees with
     zoneinfo) and gives every date-time that uses it the offset zoneinfo
     gives; with every TZID renamed so that no reader can use its own zone
     database, icalendar, recurring-ical-events, vobject and ical each read
     every zoned DTSTART and DTEND as the UTC instant zoneinfo gives;
  c. octets: valid UTF-8, CRLF line endings only (no bare CR or LF), no empty
     line, every line at most 75 octets, no fold inside a UTF-8 character or
     inside a backslash escape (`\\n`, `\\,`, ...); every VEVENT has UID,
     DTSTAMP, DTSTART, SEQUENCE and SUMMARY (and, with METHOD:PUBLISH, one
     ORGANIZER and no ATTENDEE), UIDs are unique in the file, an
     all-day DTEND is exactly the day after DTSTART and a timed DTEND is after
     DTSTART in the same zone;
  d. the occurrences recurring_ical_events expands over 1900..2200 equal the
     library's schedule (`DOCKET_BIN schedule FILE --json`): per-case feeds
     against that case, `party-<id>.ics` against `schedule --party <id>` of
     every case naming the party, `all.ics` against every case; compared as
     sets of (UID, date), non-vacated deadlines and non-cancelled events only,
     plus the local start time of timed events;
  e. `DOCKET_BIN ics EXAMPLES_DIR --out-dir TMP --domain D` run again writes
     the same set of files with the same bytes.

Prints a summary; exits 0 when everything holds, 1 on any failure (each one
named on stderr), 2 on usage or setup errors.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import tomllib
import warnings
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

try:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    import icalendar
    import recurring_ical_events
    from ical.calendar_stream import IcsCalendarStream
    from icalendar.parser import Contentline
except ImportError as e:
    print(
        f"validate_feeds: missing package ({e}); pip install -r scripts/requirements.txt",
        file=sys.stderr,
    )
    sys.exit(2)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_vtimezone import READERS, check_instants, check_vtimezone, fmt_offset, onset_walls, utc  # noqa: E402

MAX_OCTETS = 75
WINDOW = (date(1900, 1, 1), date(2200, 1, 1))
REQUIRED = ("UID", "DTSTAMP", "DTSTART", "SEQUENCE", "SUMMARY")


class Failures:
    def __init__(self):
        self.items = []

    def add(self, where, msg):
        self.items.append(f"{where}: {msg}")


# ---------------------------------------------------------------- (c) octets


def check_octets(name, data, fail):
    """Checks line structure; returns the unfolded content lines (str) or None."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        try:
            # Valid once unfolded: a fold splits a character (named below).
            data.replace(b"\r\n ", b"").replace(b"\r\n\t", b"").decode("utf-8")
        except UnicodeDecodeError:
            fail.add(name, f"not valid UTF-8: {e}")
            return None
    if data.startswith(b"\xef\xbb\xbf"):
        fail.add(name, "starts with a UTF-8 byte order mark")
    if not data.endswith(b"\r\n"):
        fail.add(name, "does not end with CRLF")
    body = data[:-2] if data.endswith(b"\r\n") else data
    physical = body.split(b"\r\n")
    logical = []  # (first line number, [physical pieces as bytes])
    for i, line in enumerate(physical, 1):
        where = f"{name}:{i}"
        if b"\r" in line:
            fail.add(where, "bare CR")
        if b"\n" in line:
            fail.add(where, "bare LF")
        if len(line) > MAX_OCTETS:
            fail.add(where, f"line is {len(line)} octets (max {MAX_OCTETS})")
        if not line:
            fail.add(where, "empty line")
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            fail.add(where, "fold splits a UTF-8 character (line is not UTF-8 by itself)")
        if line[:1] in (b" ", b"\t"):
            if not logical:
                fail.add(where, "continuation line before any content line")
                continue
            logical[-1][1].append(line[1:])
        else:
            logical.append((i, [line]))
    out = []
    for first, pieces in logical:
        # Fold boundaries as offsets into the unfolded line; an escape is a
        # backslash and the character after it, which must not straddle one.
        joined = b"".join(pieces)
        bounds = set()
        pos = 0
        for p in pieces[:-1]:
            pos += len(p)
            bounds.add(pos)
        j = 0
        while j < len(joined):
            if joined[j : j + 1] == b"\\":
                if j + 1 in bounds:
                    fail.add(f"{name}:{first}", "fold splits a backslash escape")
                j += 2
            else:
                j += 1
        out.append((first, joined.decode("utf-8", errors="replace")))
    return out


# ----------------------------------------------------------- (a) parsing


def parse_strict(name, data, fail):
    text = data.decode("utf-8", errors="replace")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            IcsCalendarStream.calendar_from_ics(text)
        except Exception as e:  # noqa: BLE001 - report whatever ical raises
            fail.add(name, f"ical (strict) does not parse it: {e}")
    for w in caught:
        if not issubclass(w.category, DeprecationWarning):
            fail.add(name, f"ical warns: {w.message}")
    try:
        cals = icalendar.Calendar.from_ical(data, multiple=True)
    except Exception as e:  # noqa: BLE001
        fail.add(name, f"icalendar does not parse it: {e!r}")
        return None
    if len(cals) != 1:
        fail.add(name, f"{len(cals)} VCALENDAR objects (want 1)")
        if not cals:
            return None
    cal = cals[0]
    for comp in cal.walk():
        for prop, err in comp.errors:
            fail.add(name, f"icalendar: {comp.name} {prop}: {err}")
    return cal


# ------------------------------------------------------ (b) time zones


def observance_onsets(vtz):
    """(UTC instant, TZOFFSETTO) for each onset of each observance, sorted."""
    out = []
    for obs in vtz.subcomponents:
        if obs.name not in ("STANDARD", "DAYLIGHT"):
            continue
        try:
            start = obs.decoded("DTSTART")
            off_from = obs.decoded("TZOFFSETFROM")
            off_to = obs.decoded("TZOFFSETTO")
            walls = onset_walls(obs, start, off_from)
        except (KeyError, ValueError):
            continue  # reported by check_vtimezone
        for s in walls:
            out.append(((s.replace(tzinfo=None) - off_from), off_to))
    out.sort()
    return out


def expected_instants(cal):
    """{UID: [DTSTART, DTEND] in UTC} of the zoned events, by zoneinfo (RFC 5545
    3.3.5: a repeated wall time is its first occurrence, a skipped one takes
    the offset before the gap, as zoneinfo does with fold=0)."""
    out = {}
    for ev in cal.walk("VEVENT"):
        start, end = ev.get("DTSTART"), ev.get("DTEND")
        if start is None or end is None or "TZID" not in start.params:
            continue
        pair = []
        for prop in (start, end):
            local = prop.dt.replace(tzinfo=None)
            pair.append(utc(local.replace(tzinfo=ZoneInfo(str(prop.params["TZID"])))))
        out[str(ev["UID"])] = pair
    return out


def check_timezones(name, cal, text, lines, fail):
    vtzs = {}
    for vtz in cal.walk("VTIMEZONE"):
        tzid = str(vtz.get("TZID", ""))
        if tzid in vtzs:
            fail.add(name, f"two VTIMEZONEs with TZID {tzid}")
        vtzs[tzid] = vtz
    # Every TZID parameter, with the local date-time it qualifies.
    used = []
    for lineno, line in lines:
        try:
            prop, params, value = Contentline(line).parts()
        except Exception as e:  # noqa: BLE001
            fail.add(f"{name}:{lineno}", f"content line does not parse: {e}")
            continue
        if "TZID" in params:
            used.append((lineno, prop, str(params["TZID"]), value))
    for lineno, prop, tzid, value in used:
        if tzid not in vtzs:
            fail.add(f"{name}:{lineno}", f"{prop} uses TZID={tzid} but the file has no VTIMEZONE for it")
    onsets = {t: observance_onsets(v) for t, v in vtzs.items()}
    for tzid, vtz in vtzs.items():
        for err in check_vtimezone(vtz):
            fail.add(name, f"VTIMEZONE {err}")
    # Each zoned date-time must get zoneinfo's offset from the VTIMEZONE.
    for lineno, prop, tzid, value in used:
        if tzid not in vtzs:
            continue
        try:
            zone = ZoneInfo(tzid)
            local = datetime.strptime(value, "%Y%m%dT%H%M%S")
        except (ZoneInfoNotFoundError, ValueError) as e:
            fail.add(f"{name}:{lineno}", f"{prop};TZID={tzid}:{value}: {e}")
            continue
        want = local.replace(tzinfo=zone).utcoffset()
        instant = local - want
        before = [off for at, off in onsets[tzid] if at <= instant]
        if not before:
            fail.add(
                f"{name}:{lineno}",
                f"{prop} {value} {tzid} precedes every observance of its VTIMEZONE",
            )
        elif before[-1] != want:
            fail.add(
                f"{name}:{lineno}",
                f"{prop} {value} {tzid}: VTIMEZONE gives offset {fmt_offset(before[-1])}, "
                f"zoneinfo {fmt_offset(want)}",
            )
    # Each reader, made to use the file's VTIMEZONEs, gives zoneinfo's instants.
    if vtzs:
        for err in check_instants(name, text, expected_instants(cal)):
            fail.add(name, err)
    return len(vtzs)


# ------------------------------------------------------ (c) components


def check_events(name, cal, fail):
    events = cal.walk("VEVENT")
    publish = str(cal.get("METHOD", "")).upper() == "PUBLISH"
    seen = {}
    for k, ev in enumerate(events, 1):
        uid = str(ev.get("UID", f"#{k}"))
        where = f"{name} VEVENT {uid}"
        for p in REQUIRED:
            if p not in ev:
                fail.add(where, f"no {p}")
        if publish:
            # RFC 5546 section 3.2.1: one ORGANIZER, no ATTENDEE.
            organizers = ev.get("ORGANIZER")
            if organizers is None or isinstance(organizers, list):
                fail.add(where, "METHOD:PUBLISH needs exactly one ORGANIZER")
            if "ATTENDEE" in ev:
                fail.add(where, "METHOD:PUBLISH allows no ATTENDEE")
        if "UID" in ev:
            if uid in seen:
                fail.add(where, "UID not unique in the file")
            seen[uid] = True
        if "DTSTART" not in ev:
            continue
        start = ev["DTSTART"]
        end = ev.get("DTEND")
        s = start.dt
        if isinstance(s, date) and not isinstance(s, datetime):
            if start.params.get("VALUE") != "DATE":
                fail.add(where, "all-day DTSTART without VALUE=DATE")
            if end is None:
                fail.add(where, "all-day VEVENT without DTEND")
                continue
            e = end.dt
            if isinstance(e, datetime) or end.params.get("VALUE") != "DATE":
                fail.add(where, "all-day DTSTART but DTEND is not VALUE=DATE")
            elif e != s + timedelta(days=1):
                fail.add(where, f"all-day DTEND {e} is not the day after DTSTART {s}")
        else:
            if end is None:
                continue
            e = end.dt
            if not isinstance(e, datetime):
                fail.add(where, "timed DTSTART but all-day DTEND")
            elif start.params.get("TZID") != end.params.get("TZID"):
                fail.add(where, "DTSTART and DTEND in different zones")
            elif (s.tzinfo is None) != (e.tzinfo is None) or e <= s:
                fail.add(where, f"DTEND {e} is not after DTSTART {s}")
    return events


# ------------------------------------------------------ (d) schedules


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"`{' '.join(map(str, cmd))}` exited {p.returncode}: {p.stderr.strip()}")
    return p.stdout


def case_id(path):
    if path.suffix == ".toml":
        with open(path, "rb") as f:
            return tomllib.load(f)["case"]["id"]
    with open(path, encoding="utf-8") as f:
        return json.load(f)["case"]["id"]


def expected(sched, cid, domain):
    """{(uid, date): local start 'HH:MM' or None} for a schedule's live items."""
    out = {}
    for d in sched["deadlines"]:
        if d["status"] == "vacated":
            continue
        uid = f"{cid}/{d['obligation']}/{d['occurrence']}@{domain}"
        out[(uid, d["due"])] = None
    for e in sched["events"]:
        if e["status"] == "cancelled":
            continue
        at = e.get("at")
        out[(f"{cid}/{e['id']}@{domain}", e["date"])] = at[11:16] if at else None
    return out


def actual(cal):
    out = {}
    for occ in recurring_ical_events.of(cal).between(*WINDOW):
        if str(occ.get("STATUS", "")).upper() == "CANCELLED":
            continue
        s = occ["DTSTART"].dt
        if isinstance(s, datetime):
            out[(str(occ["UID"]), s.date().isoformat())] = s.strftime("%H:%M")
        else:
            out[(str(occ["UID"]), s.isoformat())] = None
    return out


def compare(name, want, got, fail):
    for key in sorted(set(want) - set(got)):
        fail.add(name, f"missing from the feed: {key[0]} on {key[1]}")
    for key in sorted(set(got) - set(want)):
        fail.add(name, f"in the feed but not in the schedule: {key[0]} on {key[1]}")
    for key in sorted(set(want) & set(got)):
        if want[key] != got[key]:
            fail.add(
                name,
                f"{key[0]} on {key[1]}: feed starts at {got[key] or 'all day'}, "
                f"schedule at {want[key] or 'all day'}",
            )


# ------------------------------------------------------------------ main


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    ap.add_argument("feeds", type=Path)
    ap.add_argument("docket_bin")
    ap.add_argument("examples", type=Path)
    ap.add_argument("--domain", default="docket.example")
    ap.add_argument("--horizon", help="passed to both `schedule` and `ics` (YYYY-MM-DD)")
    a = ap.parse_args(argv[1:])
    if not a.feeds.is_dir() or not a.examples.is_dir():
        print("validate_feeds: FEEDS_DIR and EXAMPLES_DIR must be folders", file=sys.stderr)
        return 2
    extra = ["--horizon", a.horizon] if a.horizon else []
    fail = Failures()

    feeds = sorted(a.feeds.glob("*.ics"))
    if not feeds:
        print(f"validate_feeds: no .ics files in {a.feeds}", file=sys.stderr)
        return 1

    # The library's schedules, per case and per (case, party).
    dockets = sorted(p for p in a.examples.iterdir() if p.suffix in (".toml", ".json") and p.is_file())
    schedules = {}  # case id -> (file, schedule json)
    try:
        for p in dockets:
            cid = case_id(p)
            schedules[cid] = (p, json.loads(run([a.docket_bin, "schedule", str(p), "--json", *extra])))
    except (RuntimeError, OSError, KeyError, ValueError) as e:
        print(f"validate_feeds: {e}", file=sys.stderr)
        return 2
    parties = {}  # party id -> {case id: file}
    for cid, (p, _) in schedules.items():
        with open(p, "rb") as f:
            doc = tomllib.load(f) if p.suffix == ".toml" else json.load(f)
        for pid in doc.get("parties", {}):
            parties.setdefault(pid, {})[cid] = p

    n_events = n_zones = n_compared = 0
    for path in feeds:
        name = path.name
        data = path.read_bytes()
        lines = check_octets(name, data, fail)
        before = len(fail.items)
        cal = parse_strict(name, data, fail)
        if cal is None or lines is None or len(fail.items) > before:
            continue  # later checks would trip on what does not parse
        try:
            n_zones += check_timezones(name, cal, data.decode("utf-8"), lines, fail)
            n_events += len(check_events(name, cal, fail))
        except Exception as e:  # noqa: BLE001 - a malformed value; name it
            fail.add(name, f"cannot check: {e!r}")
            continue

        stem = path.stem
        want = {}
        try:
            if stem in schedules:
                want = expected(schedules[stem][1], stem, a.domain)
            elif stem == "all":
                for cid, (_, s) in schedules.items():
                    want.update(expected(s, cid, a.domain))
            elif stem.startswith("party-") and stem[6:] in parties:
                pid = stem[6:]
                for cid, p in parties[pid].items():
                    s = json.loads(run([a.docket_bin, "schedule", str(p), "--json", "--party", pid, *extra]))
                    want.update(expected(s, cid, a.domain))
            else:
                fail.add(name, "no docket file in EXAMPLES_DIR corresponds to this feed")
                continue
        except RuntimeError as e:
            fail.add(name, str(e))
            continue
        try:
            got = actual(cal)
        except Exception as e:  # noqa: BLE001
            fail.add(name, f"recurring_ical_events cannot expand it: {e!r}")
            continue
        compare(name, want, got, fail)
        n_compared += len(got)

    # Every case and party has its feed.
    names = {p.name for p in feeds}
    for cid in schedules:
        if f"{cid}.ics" not in names:
            fail.add(str(a.feeds), f"no feed {cid}.ics for case {cid}")
    for pid in parties:
        if f"party-{pid}.ics" not in names:
            fail.add(str(a.feeds), f"no feed party-{pid}.ics for party {pid}")
    if "all.ics" not in names:
        fail.add(str(a.feeds), "no all.ics")

    # (e) Regeneration writes the same bytes.
    with tempfile.TemporaryDirectory(prefix="docket-feeds-") as tmp:
        try:
            run([a.docket_bin, "ics", str(a.examples), "--out-dir", tmp, "--domain", a.domain, *extra])
        except RuntimeError as e:
            fail.add("regeneration", str(e))
        else:
            again = {p.name: p for p in Path(tmp).glob("*.ics")}
            for n in sorted(names - set(again)):
                fail.add("regeneration", f"{n} is not written again")
            for n in sorted(set(again) - names):
                fail.add("regeneration", f"{n} is new")
            for n in sorted(names & set(again)):
                old, new = (a.feeds / n).read_bytes(), again[n].read_bytes()
                if old != new:
                    at = next((i for i, (x, y) in enumerate(zip(old, new)) if x != y), min(len(old), len(new)))
                    line = old[:at].count(b"\n") + 1
                    fail.add("regeneration", f"{n} differs (first at byte {at}, line {line})")

    if fail.items:
        for item in fail.items:
            print(f"validate_feeds: FAIL {item}", file=sys.stderr)
        print(f"validate_feeds: {len(fail.items)} failure(s) in {len(feeds)} feed(s)", file=sys.stderr)
        return 1
    print(
        f"validate_feeds: {len(feeds)} feeds OK: {n_events} VEVENTs checked, "
        f"{n_compared} occurrences matched the schedules of {len(schedules)} case(s), "
        f"{n_zones} VTIMEZONE(s) read alike by {len(READERS)} readers, regeneration byte-identical"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
