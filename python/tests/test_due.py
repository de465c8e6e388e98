"""docket.due: units, direction, service, readings, hours, as the rules say."""

from __future__ import annotations

import datetime as dt

import pytest

import docket

D = dt.date


def test_founding_letter_fourteen_days_bankruptcy() -> None:
    # Lexington status letter of April 16, 2009: 14 days -> April 30.
    r = docket.due("nysb", D(2009, 4, 16), days=14)
    assert r.due == D(2009, 4, 30)
    assert isinstance(r.due, dt.date) and not isinstance(r.due, dt.datetime)
    assert r.readings == [] and r.latest is None
    assert "Fed. R. Bankr. P. 9006" in r.rules


def test_keywords_and_iso_strings_agree() -> None:
    a = docket.due(court="nysb", trigger="2009-04-16", days=14)
    b = docket.due("nysb", D(2009, 4, 16), days=14)
    assert a == b


def test_state_holiday_rolls_with_explained_steps() -> None:
    # Day 14 after 2025-01-29 is Lincoln's Birthday, a New York holiday.
    r = docket.due("nysd", D(2025, 1, 29), days=14)
    assert r.due == D(2025, 2, 13)
    assert any("Lincoln's Birthday" in s for s in r.steps)
    assert all(isinstance(s, str) for s in r.steps)
    # Ends at midnight in New York: 05:00 UTC on the 14th.
    assert r.ends_at is not None and r.ends_at.tzinfo is not None
    assert r.ends_at.astimezone(dt.timezone.utc) == dt.datetime(2025, 2, 14, 5, 0, tzinfo=dt.timezone.utc)


def test_unsettled_executive_order_closure_lists_the_later_reading() -> None:
    # Day 14 after 2018-11-21 is 2018-12-05, the National Day of Mourning
    # for President Bush (Exec. Order 13852): closed by executive order,
    # a holiday or not is unsettled. due is the earlier date, the later
    # reading is listed with its question, reason and citations.
    r = docket.due("nysd", D(2018, 11, 21), days=14)
    assert r.due == D(2018, 12, 5)
    assert len(r.readings) == 1
    reading = r.readings[0]
    assert reading.date == D(2018, 12, 6)
    assert reading.question == "eo-closure"
    assert "13852" in reading.reason
    assert reading.cites and all(isinstance(c, str) for c in reading.cites)
    assert reading.steps and reading.steps[-1].endswith("2018-12-06")
    assert r.latest == D(2018, 12, 6) and r.latest_reason == reading.reason
    assert all(x.date >= r.due for x in r.readings)


def test_settling_the_question_removes_the_reading() -> None:
    r = docket.due(
        "nysd",
        D(2018, 11, 21),
        days=14,
        settle={"eo-closure": "closed"},
        authority="Order of the court",
    )
    assert r.due == D(2018, 12, 6) and r.readings == []
    assert any("Order of the court" in s for s in r.steps)
    with pytest.raises(docket.DocketError, match="authority"):
        docket.due("nysd", D(2018, 11, 21), days=14, settle={"eo-closure": "closed"})


def test_weeks_months_years_court_days() -> None:
    # 2 weeks from Wednesday 2009-04-01 (the second Lexington status report).
    assert docket.due("nysb", D(2009, 4, 1), weeks=2).due == D(2009, 4, 15)
    # Month-end clamped: January 31 + 1 month = February 28 (2025).
    assert docket.due("nysd", D(2025, 1, 31), months=1).due == D(2025, 2, 28)
    # February 29 + 1 year = February 28 of the next year (a Friday).
    assert docket.due("nysd", D(2024, 2, 29), years=1).due == D(2025, 2, 28)
    # 5 court days before Tuesday 2025-10-14, past Columbus Day (10-13).
    assert docket.due("nysd", D(2025, 10, 14), court_days=5, before=True).due == D(2025, 10, 6)


def test_before_rolls_backward_off_a_federal_holiday() -> None:
    # 7 days before Wednesday 2024-06-26 is Juneteenth: back to Tuesday.
    assert docket.due("deb", D(2024, 6, 26), days=7, before=True).due == D(2024, 6, 18)
    # 28 days before is Wednesday 2024-05-29, a court day.
    assert docket.due("deb", D(2024, 6, 26), days=28, before=True).due == D(2024, 5, 29)


def test_mail_service_adds_three_days_after_the_period() -> None:
    # 14 days after Monday 2025-03-03 is Monday 03-17; FRCP 6(d) adds 3.
    plain = docket.due("nysd", D(2025, 3, 3), days=14)
    mailed = docket.due("nysd", D(2025, 3, 3), days=14, service="mail")
    assert plain.due == D(2025, 3, 17)
    assert mailed.due == D(2025, 3, 20)
    assert any("6(d)" in s for s in mailed.steps)
    # Electronic service adds nothing since Dec. 1, 2016.
    assert docket.due("nysd", D(2025, 3, 3), days=14, service="electronic").due == D(2025, 3, 17)


def test_rules_as_of_applies_an_older_edition() -> None:
    # Before Dec. 1, 2009 a period under 11 days left out intermediate
    # Saturdays and Sundays: 10 days from Monday 2025-03-03 are 10 business
    # days (Monday 03-17); under today's rule, Thursday 03-13.
    old = docket.due("nysd", D(2025, 3, 3), days=10, rules_as_of=D(2009, 1, 1))
    new = docket.due("nysd", D(2025, 3, 3), days=10)
    assert new.due == D(2025, 3, 13)
    assert old.due == D(2025, 3, 17)
    assert old.rules != new.rules


def test_hours_from_a_naive_local_time() -> None:
    # 24 hours from Friday 09:00 ends on Saturday: runs to Monday 09:00.
    r = docket.due("nysd", dt.datetime(2025, 1, 10, 9, 0), hours=24)
    assert r.at == dt.datetime(2025, 1, 13, 9, 0)
    assert r.due == D(2025, 1, 13)
    assert docket.due("nysd", "2025-01-10T09:00", hours=24).at == r.at


def test_hours_from_an_aware_time_is_read_at_the_court() -> None:
    utc = dt.datetime(2025, 1, 10, 14, 0, tzinfo=dt.timezone.utc)  # 09:00 in New York
    r = docket.due("nysd", utc, hours=24)
    assert r.at == dt.datetime(2025, 1, 13, 9, 0)


def test_a_time_that_occurs_twice_is_refused() -> None:
    # 01:30 on 2025-11-02 happens twice in New York: no instant is chosen
    # silently.
    with pytest.raises(docket.DocketError, match="occurs twice.*fold=earlier or fold=later"):
        docket.due("nysd", dt.datetime(2025, 11, 2, 1, 30), hours=1)
    assert docket.due("nysd", dt.datetime(2025, 11, 3, 14, 0, tzinfo=dt.timezone.utc), hours=1).at == dt.datetime(
        2025, 11, 3, 10, 0
    )


def test_fold_chooses_which_repeated_hour_a_trigger_means() -> None:
    # Two hours from 01:30 EDT end at 02:30 EST, from 01:30 EST at 03:30 EST;
    # on a Sunday, so the time runs to the same time on Monday.
    trigger = dt.datetime(2025, 11, 2, 1, 30)
    earlier = docket.due("nysd", trigger, hours=2, fold="earlier")
    later = docket.due("nysd", trigger, hours=2, fold="later")
    assert earlier.at == dt.datetime(2025, 11, 3, 2, 30)
    assert later.at == dt.datetime(2025, 11, 3, 3, 30)
    assert docket.due("nysd", "2025-11-02T01:30", hours=2, fold="later") == later
    # An aware datetime is one instant: its fold is known (05:30 UTC is the
    # first 01:30 in New York, 06:30 UTC the second).
    first = dt.datetime(2025, 11, 2, 5, 30, tzinfo=dt.timezone.utc)
    second = dt.datetime(2025, 11, 2, 6, 30, tzinfo=dt.timezone.utc)
    assert docket.due("nysd", first, hours=2).at == earlier.at
    assert docket.due("nysd", second, hours=2).at == later.at
    assert docket.due("nysd", second, hours=2, fold="later").at == later.at
    with pytest.raises(docket.DocketError, match="fold=earlier: the trigger's instant is the later"):
        docket.due("nysd", second, hours=2, fold="earlier")
    with pytest.raises(docket.DocketError, match="fold is used only with hours"):
        docket.due("nysd", D(2025, 11, 2), days=2, fold="later")
    with pytest.raises(docket.DocketError, match='unknown fold "sideways"') as e:
        docket.due("nysd", trigger, hours=2, fold="sideways")
    assert e.value.problems[0]["field"] == "fold"


def test_a_rules_deadline() -> None:
    # FRCP 12(a)(1)(A)(i): answer 21 days after service on Wednesday
    # 2025-01-22: Wednesday 02-12 is Lincoln's Birthday in New York -> 02-13.
    r = docket.due("nysd", D(2025, 1, 22), rule="frcp-12-a-1-A-i")
    assert r.due == D(2025, 2, 13)
    assert r.rule is not None and r.rule["cite"] == "Fed. R. Civ. P. 12(a)(1)(A)(i)"
    assert r.rule["counted_from"] == "2025-01-22"
    with pytest.raises(docket.DocketError, match="does not go with rule"):
        docket.due("nysd", D(2025, 1, 22), rule="frcp-12-a-1-A-i", days=3)
    with pytest.raises(docket.DocketError, match="us_party is used only with rule"):
        docket.due("nysd", D(2025, 1, 22), days=21, us_party=True)


def test_to_json_is_the_cli_object() -> None:
    r = docket.due("nysd", D(2018, 11, 21), days=14)
    d = r.to_dict()
    assert d["due"] == "2018-12-05" and d["latest"] == "2018-12-06"
    assert d["readings"][0]["question"] == "eo-closure"
    assert r.to_json().endswith("\n")


def test_courts_lists_and_finds_the_built_in_courts() -> None:
    cs = {c.id: c for c in docket.courts()}
    assert cs["nysb"].family == "bankruptcy" and cs["nysb"].time_zone == "America/New_York"
    assert cs["ca2"].family == "appellate"
    assert cs["nysd"].state == "NY" and cs["nysd"].citation == "S.D.N.Y."
    assert docket.courts("N.D. Ill.")[0].id == "ilnd"
    assert docket.courts("Bankr. S.D.N.Y.")[0].id == "nysb"
    assert docket.courts("no such court anywhere") == []
