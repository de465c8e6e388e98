#!/usr/bin/env python3
"""Check the VTIMEZONE components of .ics files, and the instants their events denote.

Usage: check_vtimezone.py [--expect EXPECT.json] FILE.ics [FILE.ics ...]

For every VTIMEZONE: the calendar must parse with the `icalendar` package,
the TZID must be known to `zoneinfo`, icalendar must build a tzinfo from it,
and every onset of every STANDARD/DAYLIGHT sub-component (its DTSTART, each
RRULE occurrence through 2099 as dateutil expands it, each RDATE) must be an
instant where zoneinfo's offset is TZOFFSETTO and, when TZOFFSETFROM differs,
was TZOFFSETFROM the second before.

With --expect, EXPECT.json maps each file's name to {UID: [DTSTART, DTEND]},
the UTC instants ("YYYY-MM-DDTHH:MM:SSZ") the events must denote. Every TZID
of the files is renamed to one no zone database knows, so each reader has to
use the file's own VTIMEZONE, and the files are read in the order given, in
one process, by four independent readers: icalendar, recurring-ical-events,
vobject (which keeps the first VTIMEZONE it sees for a TZID for the whole
process, so later files are read with an earlier file's definition) and
ical. Every instant each reader gives must equal the expected one.

Exits 0 when all match, 1 on a mismatch, 2 on usage or setup errors.
"""

import argparse
import json
import re
import sys
import warnings
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

try:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
except ImportError:  # Python < 3.9
    print("check_vtimezone: Python 3.9+ (zoneinfo) is required", file=sys.stderr)
    sys.exit(2)

try:
    import icalendar
    from dateutil import rrule
except ImportError:
    print("check_vtimezone: the 'icalendar' package is required (pip install icalendar)", file=sys.stderr)
    sys.exit(2)

ONE_SECOND = timedelta(seconds=1)
# Onsets are compared with zoneinfo up to here (chrono-tz's table ends in 2099).
ONSETS_THROUGH = datetime(2100, 1, 1)
# A TZID prefix no zone database knows.
RENAMED = "X-DOCKET-CHECK/"
TZID_RE = re.compile(r"(^|;)TZID([=:])", re.MULTILINE)


def fmt_offset(td):
    secs = int(td.total_seconds())
    sign = "-" if secs < 0 else "+"
    secs = abs(secs)
    h, m, s = secs // 3600, secs // 60 % 60, secs % 60
    return f"{sign}{h:02}{m:02}" + (f"{s:02}" if s else "")


def zone_offset(zone, instant):
    """UTC offset of `zone` at the aware UTC datetime `instant`."""
    return instant.astimezone(zone).utcoffset()


def onset_walls(obs, start, off_from):
    """Wall times of every onset of one observance through ONSETS_THROUGH."""
    walls = [start]
    if "RRULE" in obs:
        text = obs["RRULE"].to_ical().decode()
        # An UNTIL in UTC (RFC 5545 3.3.10) moves to the wall clock of DTSTART.
        parts = []
        for part in text.split(";"):
            if part.upper().startswith("UNTIL=") and part.upper().endswith("Z"):
                until = datetime.strptime(part[6:-1], "%Y%m%dT%H%M%S") + off_from
                part = f"UNTIL={until:%Y%m%dT%H%M%S}"
            parts.append(part)
        rule = rrule.rrulestr(";".join(parts), dtstart=start)
        walls = list(rule.between(start, ONSETS_THROUGH, inc=True))
        if not walls or walls[0] != start:
            raise ValueError(f"DTSTART {start:%Y%m%dT%H%M%S} is not the first occurrence of RRULE {text}")
    rdates = obs.get("RDATE", [])
    for rd in rdates if isinstance(rdates, list) else [rdates]:
        walls.extend(d.dt for d in rd.dts if isinstance(d.dt, datetime))
    return walls


def check_vtimezone(vtz):
    """Returns a list of error messages for one VTIMEZONE component."""
    errors = []
    tzid = vtz.get("TZID")
    if tzid is None:
        return ["VTIMEZONE without TZID"]
    tzid = str(tzid)
    try:
        zone = ZoneInfo(tzid)
    except (ZoneInfoNotFoundError, ValueError) as e:
        return [f"{tzid}: unknown to zoneinfo: {e}"]

    # icalendar must be able to turn the component into a tzinfo.
    try:
        vtz.to_tz()
    except Exception as e:  # noqa: BLE001 - report whatever icalendar raises
        errors.append(f"{tzid}: icalendar cannot build a tzinfo from it: {e!r}")

    observances = [c for c in vtz.subcomponents if c.name in ("STANDARD", "DAYLIGHT")]
    if not observances:
        errors.append(f"{tzid}: no STANDARD or DAYLIGHT sub-component")
    for obs in observances:
        where = f"{tzid} {obs.name}"
        try:
            dtstart = obs.decoded("DTSTART")
            off_from = obs.decoded("TZOFFSETFROM")
            off_to = obs.decoded("TZOFFSETTO")
        except (KeyError, ValueError) as e:
            errors.append(f"{where}: missing or invalid property: {e!r}")
            continue
        if not isinstance(dtstart, datetime) or dtstart.tzinfo is not None:
            errors.append(f"{where}: DTSTART must be a floating local date-time, got {dtstart!r}")
            continue
        where = f"{where} DTSTART {dtstart:%Y%m%dT%H%M%S}"
        try:
            walls = onset_walls(obs, dtstart, off_from)
        except Exception as e:  # noqa: BLE001 - a malformed rule; name it
            errors.append(f"{where}: {e}")
            continue
        for wall in walls:
            instant = (wall - off_from).replace(tzinfo=timezone.utc)
            actual = zone_offset(zone, instant)
            if actual != off_to:
                errors.append(
                    f"{where}: onset {wall:%Y%m%dT%H%M%S}: TZOFFSETTO {fmt_offset(off_to)} but zoneinfo has "
                    f"{fmt_offset(actual)} at {instant:%Y-%m-%dT%H:%M:%SZ}"
                )
            if off_from != off_to:
                before = zone_offset(zone, instant - ONE_SECOND)
                if before != off_from:
                    errors.append(
                        f"{where}: onset {wall:%Y%m%dT%H%M%S}: TZOFFSETFROM {fmt_offset(off_from)} but zoneinfo has "
                        f"{fmt_offset(before)} just before {instant:%Y-%m-%dT%H:%M:%SZ}"
                    )
    return errors


# ------------------------------------------------------------ event instants


def rename_tzids(text):
    """The calendar with every TZID (parameter and VTIMEZONE property) renamed."""
    return TZID_RE.sub(lambda m: f"{m.group(1)}TZID{m.group(2)}{RENAMED}", text)


def utc(value):
    """An aware datetime as "YYYY-MM-DDTHH:MM:SSZ"; anything else as its repr."""
    if isinstance(value, datetime) and value.tzinfo is not None and value.utcoffset() is not None:
        return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"not an aware date-time: {value!r}"


def read_icalendar(text):
    cal = icalendar.Calendar.from_ical(text)
    return {str(ev["UID"]): [utc(ev.decoded("DTSTART")), utc(ev.decoded("DTEND"))] for ev in cal.walk("VEVENT")}


def read_recurring(text):
    import recurring_ical_events

    cal = icalendar.Calendar.from_ical(text)
    out = {}
    for occ in recurring_ical_events.of(cal).between(date(1900, 1, 1), date(2200, 1, 1)):
        out[str(occ["UID"])] = [utc(occ["DTSTART"].dt), utc(occ["DTEND"].dt)]
    return out


def read_vobject(text):
    import vobject

    cal = vobject.readOne(text)
    return {ev.uid.value: [utc(ev.dtstart.value), utc(ev.dtend.value)] for ev in cal.contents.get("vevent", [])}


def read_ical(text):
    from ical.calendar_stream import IcsCalendarStream

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        cal = IcsCalendarStream.calendar_from_ics(text)
    return {ev.uid: [utc(ev.dtstart), utc(ev.dtend)] for ev in cal.events}


READERS = (
    ("icalendar", read_icalendar),
    ("recurring-ical-events", read_recurring),
    ("vobject", read_vobject),
    ("ical", read_ical),
)


def check_instants(name, text, expected):
    """Errors where a reader's instants (TZIDs renamed) differ from `expected`."""
    errors = []
    renamed = rename_tzids(text)
    for reader, read in READERS:
        try:
            got = read(renamed)
        except Exception as e:  # noqa: BLE001 - report whatever the reader raises
            errors.append(f"{name}: {reader} cannot read it: {e!r}")
            continue
        for uid, want in sorted(expected.items()):
            if uid not in got:
                errors.append(f"{name}: {reader}: no event {uid}")
            elif got[uid] != list(want):
                errors.append(f"{name}: {reader}: {uid} is {got[uid]}, expected {list(want)}")
    return errors


# ------------------------------------------------------------------ main


def check_file(path, expected):
    """(errors, VTIMEZONEs, observances, events checked) for one file."""
    try:
        data = path.read_bytes()
    except OSError as e:
        return [f"cannot read {path}: {e}"], 0, 0, 0
    try:
        cal = icalendar.Calendar.from_ical(data)
    except Exception as e:  # noqa: BLE001
        return [f"{path} does not parse: {e!r}"], 0, 0, 0
    vtimezones = cal.walk("VTIMEZONE")
    if not vtimezones:
        return [f"{path} has no VTIMEZONE"], 0, 0, 0
    errors = []
    count = 0
    for vtz in vtimezones:
        errors.extend(check_vtimezone(vtz))
        count += sum(1 for c in vtz.subcomponents if c.name in ("STANDARD", "DAYLIGHT"))
    events = 0
    if expected is not None:
        errors.extend(check_instants(path.name, data.decode("utf-8"), expected))
        events = len(expected)
    return errors, len(vtimezones), count, events


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    ap.add_argument("--expect", type=Path, help="JSON: {file name: {UID: [DTSTART, DTEND] in UTC}}")
    ap.add_argument("files", type=Path, nargs="+")
    a = ap.parse_args(argv[1:])
    expect = None
    if a.expect is not None:
        try:
            expect = json.loads(a.expect.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            print(f"check_vtimezone: cannot read {a.expect}: {e}", file=sys.stderr)
            return 2
        missing = [p.name for p in a.files if p.name not in expect]
        if missing:
            print(f"check_vtimezone: {a.expect} has no entry for {', '.join(missing)}", file=sys.stderr)
            return 2
    errors = []
    zones = observances = events = 0
    for path in a.files:
        e, z, o, n = check_file(path, None if expect is None else expect[path.name])
        errors.extend(e)
        zones, observances, events = zones + z, observances + o, events + n
    if errors:
        for e in errors:
            print(f"check_vtimezone: {e}", file=sys.stderr)
        print(f"check_vtimezone: {len(errors)} mismatch(es)", file=sys.stderr)
        return 1
    readers = f", {events} event(s) x {len(READERS)} readers OK" if expect is not None else ""
    print(f"check_vtimezone: {zones} VTIMEZONE(s), {observances} observance(s) OK{readers}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
