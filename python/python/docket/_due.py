"""``docket.due``: the last day to act, with every reading and step."""

from __future__ import annotations

import datetime as _dt
import json
import os
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Sequence, Union

from . import _docket
from ._convert import DateLike, date_text, known, local_minute, plain, strings, to_date, to_datetime

__all__ = ["Court", "Due", "Reading", "courts", "due"]

@dataclass(frozen=True)
class Reading:
    """A later date that another reasonable reading of the rules gives: the
    other answer to one unsettled question (``eo-closure``, ...)."""

    #: The later date.
    date: _dt.date
    #: The unsettled question's id (``"eo-closure"``).
    question: str
    #: Why this reading exists, with the question and its authority.
    reason: str
    #: The authorities for the reading.
    cites: List[str] = field(default_factory=list)
    #: The steps of that reading (when an explanation was asked for).
    steps: List[str] = field(default_factory=list)
    #: The later local date-time at the court, for periods in hours.
    at: Optional[_dt.datetime] = None

    @classmethod
    def _from(cls, d: Mapping[str, Any]) -> "Reading":
        date = to_date(d["date"])
        assert date is not None
        return cls(
            date=date,
            question=str(d.get("question", "")),
            reason=str(d.get("reason", "")),
            cites=strings(d.get("cites")),
            steps=strings(d.get("steps")),
            at=to_datetime(d.get("at")),
        )


@dataclass(frozen=True)
class Due:
    """The result of :func:`due`.

    ``due`` is the earliest date any reading of the rules gives (the safe
    date to calendar); ``readings`` lists every later reading, each with its
    question, reason and citations; ``latest`` is the latest of them.
    """

    #: The last day to act.
    due: _dt.date
    #: The rule edition applied ("Fed. R. Civ. P. 6 as amended Dec. 1, 2016").
    rules: str
    #: The explanation, one step a line, with citations.
    steps: List[str]
    #: Every later reading, in date order.
    readings: List[Reading]
    #: The latest date another reading gives (``None`` when settled).
    latest: Optional[_dt.date] = None
    #: Why the latest reading exists.
    latest_reason: Optional[str] = None
    #: The instant the time to act ends, at the court (time-zone aware).
    ends_at: Optional[_dt.datetime] = None
    #: The last moment, a local date-time at the court (periods in hours).
    at: Optional[_dt.datetime] = None
    #: For a rule's deadline (``rule=``): the rule applied (``id``,
    #: ``cite``, ``period``, ``direction``, ``trigger``, ``counted_from``,
    #: ``reasons``, ...), as ``docket due --json`` gives it.
    rule: Optional[Dict[str, Any]] = None
    _json: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def _from(cls, d: Dict[str, Any]) -> "Due":
        due = to_date(d["due"])
        assert due is not None
        return cls(
            due=due,
            rules=str(d.get("rules", "")),
            steps=strings(d.get("steps")),
            readings=[Reading._from(r) for r in d.get("readings", [])],
            latest=to_date(d.get("latest")),
            latest_reason=d.get("latest_reason"),
            ends_at=to_datetime(d.get("ends_at")),
            at=to_datetime(d.get("at")),
            rule=d.get("rule"),
            _json=d,
        )

    def to_dict(self) -> Dict[str, Any]:
        """The object ``docket due --json`` prints (dates as ISO text)."""
        return plain(self._json)

    def to_json(self) -> str:
        """The JSON ``docket due --json`` prints."""
        return json.dumps(self._json, indent=2, ensure_ascii=False) + "\n"


def _settlements(settle: Union[Mapping[str, str], Sequence[str]]) -> List[str]:
    """``{"eo-closure": "closed"}`` as ``["eo-closure=closed"]`` (a reading
    may end in ``@YYYY-MM-DD``); a list of such texts as it is."""
    if isinstance(settle, str):
        return [settle]
    if isinstance(settle, Mapping):
        return [f"{q}={r}" for q, r in settle.items()]
    return [str(s) for s in settle]


def _amount(name: str, value: Optional[int]) -> Optional[int]:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise TypeError(f"{name}: expected an int, not {type(value).__name__}")
    return value


def due(
    court: str,
    trigger: Union[_dt.datetime, DateLike],
    *,
    days: Optional[int] = None,
    court_days: Optional[int] = None,
    weeks: Optional[int] = None,
    months: Optional[int] = None,
    years: Optional[int] = None,
    hours: Optional[int] = None,
    fold: Optional[str] = None,
    before: bool = False,
    service: Optional[str] = None,
    rules_as_of: Optional[DateLike] = None,
    rules: Optional[str] = None,
    closures: Sequence[DateLike] = (),
    settle: Union[Mapping[str, str], Sequence[str], None] = None,
    authority: Optional[str] = None,
    rule: Optional[str] = None,
    us_party: bool = False,
    conditions: Sequence[str] = (),
    first_set: Optional[DateLike] = None,
    packs: Sequence[Union[str, "os.PathLike[str]"]] = (),
) -> Due:
    """Computes the last day to act, as ``docket due`` does.

    Args:
        court: a built-in court id (``"nysb"``, ``"nysd"``, ``"ca2"``, ...; see
            :func:`courts`) or ``"federal"``.
        trigger: the event's date (``datetime.date`` or ``"YYYY-MM-DD"``); for
            ``hours``, a ``datetime.datetime`` (naive: local time at the court;
            aware: converted to the court's zone) or ``"YYYY-MM-DDTHH:MM"``.
        days, court_days, weeks, months, years, hours: the period (exactly one).
        fold: with ``hours``, which moment a naive trigger's local time means
            when it occurs twice at the court (clocks fall back): ``"earlier"``
            or ``"later"`` (``docket due --fold``); required then. An aware
            trigger is one instant: its fold is known (a ``fold`` that
            contradicts it is refused). ``datetime.fold`` is not read: a naive
            datetime's ``fold=0`` is its default, not a choice.
        before: count backward from the trigger ("7 days before the hearing").
        service: ``"mail"``, ``"electronic"``, ``"hand"``, ``"leaving_with_clerk"``
            or ``"other"``: add the service days the rule allows.
        rules_as_of: apply the rules in force on this date (default: the
            trigger date).
        rules: override the court's rule family: ``"civil"``, ``"bankruptcy"``,
            ``"appellate"`` or ``"plain"``.
        closures: days the clerk's office was inaccessible.
        settle: settle unsettled questions: ``{"eo-closure": "closed"}`` (a
            reading may end in ``@YYYY-MM-DD`` for one day), with ``authority``.
        authority: the order or notice relied on to settle.
        rule: instead of a period, a rule's deadline (``docket rules`` lists
            the ids), counted from ``trigger``; with ``us_party`` (a party is
            the United States), ``conditions`` (``"NAME"``, ``"NAME=no"``),
            ``first_set`` (the first date set for a continued event) and
            ``packs`` (rule pack files, the first prevailing).

    Returns:
        a :class:`Due`: ``.due``, ``.readings``, ``.steps``, ...

    Raises:
        DocketError: an unknown court, a bad date, no period or two, a
            negative period, an unknown service method, ...

    >>> import docket, datetime
    >>> docket.due("nysb", datetime.date(2009, 4, 16), days=14).due
    datetime.date(2009, 4, 30)
    """
    if isinstance(trigger, _dt.datetime):
        trigger_text = local_minute("trigger", trigger)
    elif isinstance(trigger, (_dt.date, str)):
        trigger_text = date_text("trigger", trigger) or ""
    else:
        raise TypeError(f"trigger: expected a date, a datetime or an ISO string, not {type(trigger).__name__}")
    text = _docket.due(
        court,
        trigger_text,
        days=_amount("days", days),
        court_days=_amount("court_days", court_days),
        weeks=_amount("weeks", weeks),
        months=_amount("months", months),
        years=_amount("years", years),
        hours=_amount("hours", hours),
        fold=fold,
        before=before,
        service=service,
        rules_as_of=date_text("rules_as_of", rules_as_of),
        rules=rules,
        closures=[date_text("closures", c) or "" for c in closures],
        settle=_settlements(settle) if settle else [],
        authority=authority,
        rule=rule,
        us_party=us_party,
        conditions=[str(c) for c in conditions],
        first_set=date_text("first_set", first_set),
        packs=[os.fspath(p) for p in packs],
    )
    return Due._from(json.loads(text))


@dataclass(frozen=True)
class Court:
    """A built-in court, as ``docket courts --json`` lists it."""

    #: The CourtListener id (``"nysb"``).
    id: str
    #: The court's name.
    name: str
    #: The Bluebook abbreviation (``"Bankr. S.D.N.Y."``).
    citation: str
    #: The postal code of the state whose holidays count.
    state: str
    #: The rule family: ``"civil"``, ``"bankruptcy"`` or ``"appellate"``.
    family: str
    #: The IANA time zone of the clerk's principal office.
    time_zone: str
    #: Why the zone or state is what it is, where that needs a word.
    note: Optional[str] = None


def courts(query: Optional[str] = None) -> List[Court]:
    """The built-in courts matching ``query`` (an id, a Bluebook abbreviation
    such as ``"N.D. Ill."``, a name or a state), best first; every court
    without a query. No match gives an empty list."""
    return [known(Court, c) for c in json.loads(_docket.courts(query))]
