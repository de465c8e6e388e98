"""Docket.reschedule and Docket.diff: what moves when a court order changes
the docket, by how much and through which chain."""

from __future__ import annotations

import datetime as dt
import json
import pathlib

import pytest

import docket

D = dt.date
CASE = "harbor-freight-lines"


@pytest.fixture()
def ch11(examples: pathlib.Path) -> docket.Docket:
    return docket.Docket.load(examples / "chapter11.toml")


def moved(r: docket.Rescheduled) -> "dict[str, docket.Moved]":
    return {m.id: m for m in r.diff.moved}


def test_moving_the_hearing_moves_what_counts_from_it(ch11: docket.Docket) -> None:
    r = ch11.reschedule(
        move="confirmation-hearing",
        to=dt.datetime(2024, 7, 2, 10, 0),
        on=D(2024, 6, 1),
        by="Order adjourning the hearing",
    )
    m = moved(r)
    hearing = m["confirmation-hearing"]
    assert (hearing.kind, hearing.from_, hearing.to, hearing.days) == ("event", D(2024, 6, 26), D(2024, 7, 2), 6)
    assert hearing.to_at == dt.datetime(2024, 7, 2, 10, 0)
    # 7 days before Tuesday 07-02 is Tuesday 06-25 (was 06-18, Juneteenth rolled back).
    objections = m[f"{CASE}/plan-objections/1"]
    assert (objections.from_, objections.to, objections.days) == (D(2024, 6, 18), D(2024, 6, 25), 7)
    assert objections.chain[0].startswith("Hearing to consider confirmation of the plan moved to 2024-07-02")
    # The reply counts 3 days after the objections: Friday 06-28.
    reply = m[f"{CASE}/confirmation-reply/1"]
    assert (reply.from_, reply.to) == (D(2024, 6, 21), D(2024, 6, 28))
    assert len(reply.chain) == 3
    # 28 days before Tuesday 07-02: Tuesday 06-04.
    assert m[f"{CASE}/confirmation-notice/1"].to == D(2024, 6, 4)
    assert not any(x.past for x in r.diff.moved) and r.diff.warnings == []
    # The new docket has the change in its log; the old one is untouched.
    assert r.change["move"] == "confirmation-hearing" and r.change["to"] == "2024-07-02T10:00"
    assert r.docket.changes[-1]["by"] == "Order adjourning the hearing"
    assert len(r.docket.changes) == len(ch11.changes) + 1
    assert ch11.schedule().deadline("plan-objections").due == D(2024, 6, 18)
    assert r.docket.schedule().deadline("plan-objections").due == D(2024, 6, 25)
    assert (r.on, r.on_is_today) == (D(2024, 6, 1), False)
    assert "plan-objections" in r.diff.report


def test_diff_between_dockets_matches_the_reschedule(ch11: docket.Docket) -> None:
    r = ch11.reschedule(move="confirmation-hearing", to="2024-07-02T10:00", on="2024-06-01", by="Order")
    d = ch11.diff(r.docket)
    assert d.moved == r.diff.moved
    assert not d.is_empty() and ch11.diff(ch11).is_empty()
    back = r.docket.diff(ch11)
    assert {m.id: (m.from_, m.to) for m in back.moved} == {m.id: (m.to, m.from_) for m in d.moved}
    assert d.to_dict()["moved"][0]["from"] == d.moved[0].from_.isoformat()


def test_extend_one_deadline(ch11: docket.Docket) -> None:
    r = ch11.reschedule(extend="confirmation-reply", to=D(2024, 6, 24), on=D(2024, 6, 10), by="Stipulation")
    assert [(m.id, m.from_, m.to, m.days) for m in r.diff.moved] == [
        (f"{CASE}/confirmation-reply/1", D(2024, 6, 21), D(2024, 6, 24), 3)
    ]


def test_filing_early_moves_the_reply(ch11: docket.Docket) -> None:
    # Objections filed Friday 06-14: the reply counts 3 days from the filing.
    r = ch11.reschedule(file="plan-objections", on=D(2024, 6, 14), by="ECF No. 412")
    changed = {c.id: (c.from_, c.to) for c in r.diff.status_changed}
    assert changed[f"{CASE}/plan-objections/1"] == ("open", "filed")
    reply = moved(r)[f"{CASE}/confirmation-reply/1"]
    assert (reply.from_, reply.to) == (D(2024, 6, 21), D(2024, 6, 17))
    assert r.docket.schedule().deadline("plan-objections").filed == D(2024, 6, 14)


def test_vacate_then_reinstate(ch11: docket.Docket) -> None:
    v = ch11.reschedule(vacate="plan-objections", on=D(2024, 6, 1), by="Order")
    assert f"{CASE}/plan-objections/1" in [i.id for i in v.diff.vacated]
    assert v.docket.schedule().deadline("plan-objections").status == "vacated"
    back = v.docket.reschedule(reinstate="plan-objections", on=D(2024, 6, 3), by="Order")
    assert back.docket.schedule().deadline("plan-objections").status == "open"
    assert len(back.docket.changes) == 2


def test_cancel_an_event(ch11: docket.Docket) -> None:
    r = ch11.reschedule(cancel="confirmation-hearing", on=D(2024, 6, 1), by="Order")
    s = r.docket.schedule()
    assert next(e for e in s.events if e.id == "confirmation-hearing").status == "cancelled"
    # What counts from a cancelled hearing is vacated with it.
    assert s.deadline("plan-objections").status == "vacated"
    assert f"{CASE}/plan-objections/1" in [i.id for i in r.diff.vacated]


def test_an_added_obligation_shows_in_the_diff(ch11: docket.Docket) -> None:
    data = ch11.to_dict()
    data["obligations"]["witness-list"] = {
        "title": "Witness list",
        "due": {"days": 14, "before": "confirmation-hearing"},
    }
    added = ch11.diff(docket.Docket.from_json(json.dumps(data)))
    # 14 days before Wednesday 06-26: Wednesday 06-12.
    assert [(i.id, i.date) for i in added.added] == [(f"{CASE}/witness-list/1", D(2024, 6, 12))]


def test_a_move_to_a_time_that_occurs_twice_needs_fold(ch11: docket.Docket) -> None:
    # 01:30 on 2024-11-03 happens twice in Wilmington.
    with pytest.raises(docket.DocketError, match="occurs twice"):
        ch11.reschedule(move="confirmation-hearing", to="2024-11-03T01:30", on="2024-06-01", by="Order")
    r = ch11.reschedule(
        move="confirmation-hearing", to=dt.datetime(2024, 11, 3, 1, 30), fold="later", on="2024-06-01", by="Order"
    )
    assert r.change["fold"] == "later"
    assert moved(r)["confirmation-hearing"].to_at == dt.datetime(2024, 11, 3, 1, 30)


def test_a_change_dated_after_a_deadline_warns(ch11: docket.Docket) -> None:
    r = ch11.reschedule(extend="plan-objections", to="2024-06-10", on="2024-06-20", by="Order")
    assert r.diff.moved[0].past is True
    assert r.diff.warnings


def test_on_defaults_to_today(ch11: docket.Docket) -> None:
    r = ch11.reschedule(extend="confirmation-reply", to="2024-06-24")
    assert r.on_is_today is True
    assert abs((r.on - dt.date.today()).days) <= 1
    assert r.to_dict()["on_is_today"] is True and r.to_dict()["written"] is False


def test_bad_changes_raise(ch11: docket.Docket) -> None:
    with pytest.raises(docket.DocketError, match="exactly one"):
        ch11.reschedule(on="2024-06-01")
    with pytest.raises(docket.DocketError, match="exactly one"):
        ch11.reschedule(vacate="plan-objections", cancel="confirmation-hearing", on="2024-06-01")
    with pytest.raises(docket.DocketError, match="confirmation-hearin"):
        ch11.reschedule(move="confirmation-hearin", to="2024-07-02", on="2024-06-01", by="Order")
    with pytest.raises(docket.DocketError, match="to"):
        ch11.reschedule(move="confirmation-hearing", on="2024-06-01", by="Order")
    with pytest.raises(docket.DocketError):
        ch11.reschedule(extend="confirmation-reply", to="2024-06-31", on="2024-06-01")
    with pytest.raises(TypeError):
        ch11.diff("not a docket")  # type: ignore[arg-type]


def test_write_appends_the_change_to_the_file(examples: pathlib.Path, tmp_path: pathlib.Path) -> None:
    path = tmp_path / "case.toml"
    path.write_text((examples / "chapter11.toml").read_text())
    d = docket.Docket.load(path)
    r = d.reschedule(
        move="confirmation-hearing", to="2024-07-02T10:00", on="2024-06-01", by="Order adjourning", write=True
    )
    assert r.to_dict()["written"] is True
    text = path.read_text()
    assert text.startswith("# A Chapter 11 confirmation timeline")  # comments kept
    again = docket.Docket.load(path)
    assert again.changes == r.docket.changes and again.changes[-1]["by"] == "Order adjourning"
    assert again.schedule().deadline("plan-objections").due == D(2024, 6, 25)
    # The returned docket is the file's content: the next change writes on.
    r.docket.reschedule(extend="confirmation-reply", to="2024-07-01", on="2024-06-02", by="Stipulation", write=True)
    assert len(docket.Docket.load(path).changes) == 2
    # A docket read before those writes is stale: its write is refused.
    with pytest.raises(docket.DocketError) as e:
        d.reschedule(vacate="plan-objections", on="2024-06-03", by="Order", write=True)
    assert e.value.kind == "conflict" and str(path) in str(e.value)
    assert len(docket.Docket.load(path).changes) == 2


def test_write_needs_a_file_an_authority_and_no_what_if(examples: pathlib.Path, tmp_path: pathlib.Path) -> None:
    path = tmp_path / "case.toml"
    path.write_text((examples / "chapter11.toml").read_text())
    d = docket.Docket.load(path)
    with pytest.raises(docket.DocketError, match="by"):
        d.reschedule(vacate="plan-objections", on="2024-06-03", write=True)
    what_if = d.reschedule(vacate="plan-objections", on="2024-06-03", by="Order")
    assert what_if.to_dict()["written"] is False
    with pytest.raises(docket.DocketError, match="not the content of a file"):
        what_if.docket.reschedule(reinstate="plan-objections", on="2024-06-04", by="Order", write=True)
    with pytest.raises(docket.DocketError, match="not the content of a file"):
        docket.Docket.from_toml(path.read_text()).reschedule(
            vacate="plan-objections", on="2024-06-03", by="Order", write=True
        )
    assert path.read_text() == (examples / "chapter11.toml").read_text()
