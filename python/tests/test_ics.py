"""Docket.ics: the iCalendar feed, as `docket ics` writes it."""

from __future__ import annotations

import datetime as dt
import pathlib
import re

import pytest

import docket


def unfold(text: str) -> str:
    return text.replace("\r\n ", "")


def test_feed_of_a_docket(examples: pathlib.Path) -> None:
    feed = docket.Docket.load(examples / "lexington.toml").ics(domain="calendar.example.com")
    assert feed.startswith("BEGIN:VCALENDAR\r\n") and feed.endswith("END:VCALENDAR\r\n")
    text = unfold(feed)
    # The bullet summary: an all-day event on 2009-04-22 with a stable UID.
    block = text.split("UID:lexington/bullet-summary/1@calendar.example.com\r\n", 1)[1].split("END:VEVENT", 1)[0]
    assert "DTSTART;VALUE=DATE:20090422\r\n" in block
    assert "DTEND;VALUE=DATE:20090423\r\n" in block
    assert text.count("BEGIN:VEVENT") == text.count("END:VEVENT") > 5
    # No clock in the feed: the same docket gives the same bytes.
    again = docket.Docket.load(examples / "lexington.toml").ics(domain="calendar.example.com")
    assert again == feed


def test_party_alarms_stamp_name(examples: pathlib.Path) -> None:
    d = docket.Docket.load(examples / "lexington.toml")
    lenders = unfold(d.ics(party="lenders", alarms=[7, 1], name="Lenders", stamp=dt.datetime(2009, 4, 20, 12, 0)))
    assert "lexington/bullet-summary/1@" not in lenders
    assert "lexington/status-report/3@" in lenders
    assert "X-WR-CALNAME:Lenders\r\n" in lenders
    assert "TRIGGER:-P7D" in lenders and "TRIGGER:-P1D" in lenders
    assert set(re.findall(r"DTSTAMP:(\S+)\r\n", lenders)) == {"20090420T120000Z"}
    aware = dt.datetime(2009, 4, 20, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=-4)))
    assert unfold(d.ics(party="lenders", alarms=[7, 1], name="Lenders", stamp=aware)) == lenders


def test_timed_events_carry_their_zone(examples: pathlib.Path) -> None:
    d = docket.Docket.load(examples / "chapter11.toml")
    local = unfold(d.ics())
    assert "DTSTART;TZID=America/New_York:20240626T100000\r\n" in local
    assert "BEGIN:VTIMEZONE" in local
    utc = unfold(d.ics(utc=True))
    assert "DTSTART:20240626T140000Z\r\n" in utc


def test_window_and_method(examples: pathlib.Path) -> None:
    d = docket.Docket.load(examples / "lexington.toml")
    text = unfold(d.ics(from_="2009-04-20", to="2009-05-01", method="PUBLISH"))
    assert "METHOD:PUBLISH\r\n" in text
    assert "lexington/bullet-summary/1@" in text and "lexington/status-report/1@" not in text
    with pytest.raises(docket.DocketError, match="method"):
        d.ics(method="PUB LISH")
    with pytest.raises(docket.DocketError, match="no party"):
        d.ics(party="nobody")
