"""docket.Docket: reading dockets, their schedules and the schedule's filters."""

from __future__ import annotations

import datetime as dt
import json
import pathlib

import pytest

import docket

D = dt.date


def lexington(examples: pathlib.Path) -> docket.Docket:
    return docket.Docket.load(examples / "lexington.toml")


def test_every_example_loads_and_schedules(examples: pathlib.Path) -> None:
    for path in sorted(examples.glob("*.toml")):
        d = docket.Docket.load(path)
        assert d.source == str(path)
        s = d.schedule()
        assert s.case == d.case.id
        assert s.deadlines, path
        dues = [x.due for x in s.deadlines]
        assert dues == sorted(dues)
        assert all(isinstance(x.due, dt.date) for x in s.deadlines)
        assert all(x.id.startswith(f"{d.case.id}/") for x in s.deadlines)


def test_lexington_dates_as_the_format_reference_gives_them(examples: pathlib.Path) -> None:
    # docs/format.md: report 1 due 04-01 and filed that day; report 2 due
    # 04-15 (2 weeks after the 04-01 filing), filed 04-16, one day late; the
    # bullet summary due 04-22 (fixed by order); report 3 due 04-30 (2 weeks
    # after the 04-16 filing); report 4 due 05-14; the mediation on 04-29.
    d = lexington(examples)
    assert d.case.caption == "In re Lexington Precision Corp., et al."
    assert d.case.court == "nysb"
    assert d.parties["lenders"] == "Prepetition Senior Lenders"
    s = d.schedule(to="2009-05-15")
    got = [(x.id, x.due, x.status, x.filed) for x in s.deadlines]
    assert got == [
        ("lexington/status-report/1", D(2009, 4, 1), "filed", D(2009, 4, 1)),
        ("lexington/status-report/2", D(2009, 4, 15), "late", D(2009, 4, 16)),
        ("lexington/bullet-summary/1", D(2009, 4, 22), "open", None),
        ("lexington/status-report/3", D(2009, 4, 30), "open", None),
        ("lexington/status-report/4", D(2009, 5, 14), "open", None),
    ]
    bullet = s.deadline("bullet-summary")
    assert bullet.basis == "fixed by order"
    assert any("does not roll" in line for line in bullet.explain)
    assert bullet.parties == ["debtors", "committee"]
    mediation = next(e for e in s.events if e.id == "mediation")
    assert mediation.date == D(2009, 4, 29) and mediation.status == "scheduled"
    # --to cut the recurring reports off: the schedule says so.
    assert [t.obligation for t in s.truncated] == ["status-report"]
    assert s.truncated[0].horizon == D(2009, 5, 15)
    assert len(s) == 5 and list(s) == s.deadlines


def test_horizon_expands_recurring_duties(examples: pathlib.Path) -> None:
    d = lexington(examples)
    short = d.schedule(to="2009-05-15")
    longer = d.schedule(horizon=D(2009, 6, 30), to=D(2009, 6, 30))
    reports = [x.due for x in longer.deadlines if x.obligation == "status-report"]
    assert reports[:4] == [x.due for x in short.deadlines if x.obligation == "status-report"]
    # Each later report is 2 weeks after the previous due date (unfiled).
    assert reports[4:] == [D(2009, 5, 28), D(2009, 6, 11), D(2009, 6, 25)]


def test_party_filter_by_id_or_name(examples: pathlib.Path) -> None:
    d = lexington(examples)
    by_id = d.schedule(to="2009-05-15", party="lenders")
    by_name = d.schedule(to="2009-05-15", party="prepetition senior lenders")
    assert by_id == by_name
    assert {x.obligation for x in by_id.deadlines} == {"status-report"}
    assert all("lenders" in x.parties for x in by_id.deadlines)
    # Events without parties concern everyone; the mediation is not theirs.
    ids = [e.id for e in by_id.events]
    assert "mediation" not in ids and "mediation-order" in ids
    mediator = d.schedule(to="2009-05-15", party="mediator")
    assert mediator.deadlines == [] and "mediation" in [e.id for e in mediator.events]


def test_window_and_as_of(examples: pathlib.Path) -> None:
    d = lexington(examples)
    s = d.schedule(from_=D(2009, 4, 20), to=D(2009, 5, 1), as_of=D(2009, 4, 23))
    assert [x.id for x in s.deadlines] == ["lexington/bullet-summary/1", "lexington/status-report/3"]
    assert [e.id for e in s.events] == ["mediation"]
    assert s.as_of == D(2009, 4, 23)
    assert s.deadline("lexington/bullet-summary/1").overdue is True
    assert s.deadline("status-report/3").overdue is False
    assert d.schedule(to="2009-05-01").deadlines[0].overdue is None
    with pytest.raises(KeyError):
        s.deadline("lexington/nothing/1")


def test_from_toml_from_json_and_back(examples: pathlib.Path) -> None:
    text = (examples / "chapter11.toml").read_text()
    a = docket.Docket.from_toml(text)
    assert a.source is None
    b = docket.Docket.from_json(a.to_json())
    c = docket.Docket.from_toml(a.to_toml(), source="copy.toml")
    assert c.source == "copy.toml"
    assert a.to_dict() == b.to_dict() == c.to_dict()
    assert a.schedule().to_dict() == b.schedule().to_dict() == c.schedule().to_dict()
    assert json.loads(a.to_json())["case"]["id"] == "harbor-freight-lines"


def test_chapter11_timeline_and_timed_event(examples: pathlib.Path) -> None:
    s = docket.Docket.load(examples / "chapter11.toml").schedule(to="2024-12-31")
    due = {x.obligation: x.due for x in s.deadlines if x.occurrence == 1}
    assert due["confirmation-notice"] == D(2024, 5, 29)
    assert due["plan-objections"] == D(2024, 6, 18)
    assert due["confirmation-reply"] == D(2024, 6, 21)
    hearing = next(e for e in s.events if e.id == "confirmation-hearing")
    assert hearing.at == dt.datetime(2024, 6, 26, 10, 0)
    assert hearing.ends == dt.time(13, 0)
    assert hearing.location and "Wilmington" in hearing.location
    reply = s.deadline("confirmation-reply")
    assert reply.depends_on == ["plan-objections"]


def test_schedule_json_round_trips(examples: pathlib.Path) -> None:
    s = lexington(examples).schedule(to="2009-05-15", as_of="2009-04-23")
    again = json.loads(s.to_json())
    assert again == s.to_dict()
    assert again["deadlines"][2]["id"] == "lexington/bullet-summary/1"
    assert again["deadlines"][2]["overdue"] is True
    assert again["as_of"] == "2009-04-23"


def test_an_unsettled_deadline_lists_its_reading() -> None:
    d = docket.Docket.from_toml(
        """
        [case]
        id = "mourning"
        court = "nysd"
        [events.served]
        title = "Motion served"
        date = "2018-11-21"
        [obligations.opposition]
        title = "Opposition"
        due = { days = 14, after = "served" }
        """
    )
    x = d.schedule().deadline("opposition")
    assert x.due == D(2018, 12, 5)
    assert x.latest == D(2018, 12, 6)
    assert [(r.date, r.question) for r in x.readings] == [(D(2018, 12, 6), "eo-closure")]
