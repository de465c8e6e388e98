"""DocketError: every problem at once, each with its file, item and field."""

from __future__ import annotations

import datetime as dt
import pathlib
import pickle

import pytest

import docket

BAD = """
[case]
id = "a"
court = "nysd"
[obligations.x]
title = ""
due = "2025-01-10"
[events.e]
title = "E"
"""


def test_unknown_court_suggests_the_near_one() -> None:
    with pytest.raises(docket.DocketError) as e:
        docket.due("nysdd", dt.date(2025, 1, 2), days=3)
    assert 'unknown court "nysdd"' in str(e.value) and '"nysd"' in str(e.value)
    assert e.value.kind == "invalid"
    assert isinstance(e.value, ValueError)
    assert e.value.problems == [{"file": None, "item": None, "field": "court", "message": str(e.value)}]


def test_period_arguments() -> None:
    with pytest.raises(docket.DocketError, match="give a period: days, court_days"):
        docket.due("nysd", "2025-01-02")
    with pytest.raises(docket.DocketError, match="days and weeks: give one period"):
        docket.due("nysd", "2025-01-02", days=3, weeks=1)
    with pytest.raises(docket.DocketError, match="cannot be negative"):
        docket.due("nysd", "2025-01-02", days=-3)
    with pytest.raises(docket.DocketError) as e:
        docket.due("nysd", "2025-01-02", days=10**9)
    assert e.value.kind == "range"
    with pytest.raises(TypeError):
        docket.due("nysd", "2025-01-02", days="3")  # type: ignore[arg-type]
    with pytest.raises(docket.DocketError, match="only with hours"):
        docket.due("nysd", dt.datetime(2025, 1, 2, 9, 0), days=3)
    with pytest.raises(docket.DocketError, match="seconds"):
        docket.due("nysd", dt.datetime(2025, 1, 2, 9, 0, 30), hours=3)


def test_bad_dates_name_the_argument() -> None:
    with pytest.raises(docket.DocketError) as e:
        docket.due("nysd", "2025-13-01", days=3)
    assert e.value.problems[0]["field"] == "trigger"
    with pytest.raises(docket.DocketError) as e:
        docket.due("nysd", "2025-01-02", days=3, rules_as_of="2009/01/01")
    assert e.value.problems[0]["field"] == "rules_as_of"
    with pytest.raises(docket.DocketError) as e:
        docket.due("nysd", "2025-01-02", days=3, service="pigeon")
    assert e.value.problems[0]["field"] == "service"
    assert "pigeon" in str(e.value.problems[0]["message"])


def test_every_problem_of_a_docket_with_item_and_field() -> None:
    with pytest.raises(docket.DocketError) as e:
        docket.Docket.from_toml(BAD)
    problems = e.value.problems
    assert len(problems) == 2
    by_item = {p["item"]: p for p in problems}
    assert by_item["x"]["field"] == "title"
    assert by_item["x"]["message"] == 'obligation "x": title is empty'
    assert by_item["e"]["file"] is None
    assert "`date` or `at`" in str(by_item["e"]["message"])
    assert str(e.value).startswith("2 problems:")


def test_a_file_error_names_the_file(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(BAD)
    with pytest.raises(docket.DocketError) as e:
        docket.Docket.load(path)
    assert {p["file"] for p in e.value.problems} == {str(path)}
    assert {p["item"] for p in e.value.problems} == {"x", "e"}
    assert all(str(path) in line for line in str(e.value).splitlines()[1:])


def test_parse_errors_and_missing_files(tmp_path: pathlib.Path) -> None:
    with pytest.raises(docket.DocketError) as e:
        docket.Docket.from_toml('[case]\nid = "a"\ncourt = "nysd"\njudgee = "x"\n')
    assert e.value.kind == "parse" and "judgee" in str(e.value)
    with pytest.raises(docket.DocketError) as e:
        docket.Docket.from_json('{"case": {"id": "a", "id": "b"}}')
    assert "duplicate key" in str(e.value)
    with pytest.raises(docket.DocketError) as e:
        docket.Docket.load(tmp_path / "missing.toml")
    assert e.value.kind == "io" and "missing.toml" in str(e.value)
    with pytest.raises(docket.DocketError):
        docket.Docket.load(tmp_path / "docket.yaml")


def test_references_and_cycles() -> None:
    text = """
    [case]
    id = "a"
    court = "nysd"
    [obligations.x]
    title = "X"
    due = { days = 3, after = "y" }
    [obligations.y]
    title = "Y"
    due = { days = 3, after = "x" }
    [obligations.z]
    title = "Z"
    due = { days = 3, after = "hearnig" }
    """
    with pytest.raises(docket.DocketError) as e:
        docket.Docket.from_toml(text, source="cycle.toml")
    assert all(p["file"] == "cycle.toml" for p in e.value.problems)
    assert "hearnig" in str(e.value) or "cycle" in str(e.value)


def test_schedule_arguments(examples: pathlib.Path) -> None:
    d = docket.Docket.load(examples / "lexington.toml")
    with pytest.raises(docket.DocketError, match="no party") as e:
        d.schedule(party="trustee")
    assert "lenders" in str(e.value)
    with pytest.raises(docket.DocketError, match="after"):
        d.schedule(from_="2009-05-01", to="2009-04-01")
    with pytest.raises(docket.DocketError) as e:
        d.schedule(to=dt.datetime(2009, 5, 1, 0, 0))
    assert e.value.problems[0]["field"] == "to"


def test_an_oversized_text_is_refused_before_parsing() -> None:
    with pytest.raises(docket.DocketError) as e:
        docket.Docket.from_toml("#" * (16 * 1024 * 1024 + 1))
    assert e.value.kind == "range"


def test_errors_pickle_with_their_problems() -> None:
    with pytest.raises(docket.DocketError) as e:
        docket.Docket.from_toml(BAD)
    again = pickle.loads(pickle.dumps(e.value))
    assert (str(again), again.kind, again.problems) == (str(e.value), e.value.kind, e.value.problems)


def test_check_reports_every_file(examples: pathlib.Path, tmp_path: pathlib.Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(BAD)
    report = docket.check(examples / "lexington.toml", bad, tmp_path / "missing.toml", examples / "civil.toml")
    assert not report.ok
    assert [f.case for f in report.files] == ["lexington", "acme-v-widget"]
    lex = report.files[0]
    assert lex.file == str(examples / "lexington.toml")
    assert lex.parties["lenders"] == "Prepetition Senior Lenders"
    assert lex.events == 4 and lex.obligations == 2 and lex.deadlines > 0
    files = [p["file"] for p in report.problems]
    assert files.count(str(bad)) == 2
    assert any("missing.toml" in str(p["message"]) for p in report.problems)
    assert {p["item"] for p in report.problems if p["file"] == str(bad)} == {"x", "e"}
    good = docket.check(*sorted(examples.glob("*.toml")))
    assert good.ok and len(good.files) == 3 and good.problems == []
