#!/usr/bin/env python3
"""Check the VTIMEZONE components of an .ics file against the system tz database.

Usage: check_vtimezone.py FILE.ics

For every VTIMEZONE: the calendar must parse with the `icalendar` package
(pip install icalendar), the TZID must be known to `zoneinfo`, and for every
STANDARD/DAYLIGHT sub-component the instant its DTSTART denotes (the wall
time in TZOFFSETFROM) must have zoneinfo's offset TZOFFSETTO; when
TZOFFSETFROM differs from TZOFFSETTO, the second before it must have
TZOFFSETFROM. Exits 0 when all match, 1 on a mismatch, 2 on usage or
setup errors.
"""

import sys
from datetime import datetime, timedelta, timezone

try:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
except ImportError:  # Python < 3.9
    print("check_vtimezone: Python 3.9+ (zoneinfo) is required", file=sys.stderr)
    sys.exit(2)

try:
    import icalendar
except ImportError:
    print("check_vtimezone: the 'icalendar' package is required (pip install icalendar)", file=sys.stderr)
    sys.exit(2)

ONE_SECOND = timedelta(seconds=1)


def fmt_offset(td):
    secs = int(td.total_seconds())
    sign = "-" if secs < 0 else "+"
    secs = abs(secs)
    h, m, s = secs // 3600, secs // 60 % 60, secs % 60
    return f"{sign}{h:02}{m:02}" + (f"{s:02}" if s else "")


def zone_offset(zone, instant):
    """UTC offset of `zone` at the aware UTC datetime `instant`."""
    return instant.astimezone(zone).utcoffset()


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
        instant = (dtstart - off_from).replace(tzinfo=timezone.utc)
        actual = zone_offset(zone, instant)
        if actual != off_to:
            errors.append(
                f"{where}: TZOFFSETTO {fmt_offset(off_to)} but zoneinfo has "
                f"{fmt_offset(actual)} at {instant:%Y-%m-%dT%H:%M:%SZ}"
            )
        if off_from != off_to:
            before = zone_offset(zone, instant - ONE_SECOND)
            if before != off_from:
                errors.append(
                    f"{where}: TZOFFSETFROM {fmt_offset(off_from)} but zoneinfo has "
                    f"{fmt_offset(before)} just before {instant:%Y-%m-%dT%H:%M:%SZ}"
                )
    return errors


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    path = argv[1]
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        print(f"check_vtimezone: cannot read {path}: {e}", file=sys.stderr)
        return 2
    try:
        cal = icalendar.Calendar.from_ical(data)
    except Exception as e:  # noqa: BLE001
        print(f"check_vtimezone: {path} does not parse: {e!r}", file=sys.stderr)
        return 1

    vtimezones = cal.walk("VTIMEZONE")
    if not vtimezones:
        print(f"check_vtimezone: {path} has no VTIMEZONE", file=sys.stderr)
        return 1
    errors = []
    count = 0
    for vtz in vtimezones:
        errors.extend(check_vtimezone(vtz))
        count += sum(1 for c in vtz.subcomponents if c.name in ("STANDARD", "DAYLIGHT"))
    if errors:
        for e in errors:
            print(f"check_vtimezone: {e}", file=sys.stderr)
        print(f"check_vtimezone: {len(errors)} mismatch(es) in {path}", file=sys.stderr)
        return 1
    print(f"check_vtimezone: {len(vtimezones)} VTIMEZONE(s), {count} observance(s) OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
