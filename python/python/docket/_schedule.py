"""Schedules and diffs: typed views of the JSON the CLI prints."""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass, field
from typing import Any, Dict, Iterator, List, Mapping, Optional

from ._convert import plain, strings, to_date, to_datetime, to_time
from ._due import Reading

__all__ = [
    "ChangeRef",
    "Deadline",
    "Diff",
    "Event",
    "Item",
    "Moved",
    "Schedule",
    "StatusChange",
    "Truncation",
]


def _date(d: Mapping[str, Any], key: str) -> _dt.date:
    value = to_date(d[key])
    assert value is not None
    return value


def _dumps(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


@dataclass(frozen=True)
class ChangeRef:
    """A change of the docket's log that bears on an item."""

    #: Position in the changes log, from 1.
    index: int
    #: The change's date.
    on: _dt.date
    #: Its authority ("Stipulated order").
    by: str

    @classmethod
    def _from(cls, d: Mapping[str, Any]) -> "ChangeRef":
        return cls(index=int(d["index"]), on=_date(d, "on"), by=str(d["by"]))


def _readings(d: Mapping[str, Any]) -> List[Reading]:
    if "readings" in d:
        return [Reading._from(r) for r in d["readings"]]
    latest = to_date(d.get("latest"))
    if latest is None:
        return []
    # A schedule that names only its latest reading: the question is the
    # one its reason names ("question eo-closure: ...").
    reason = str(d.get("latest_reason") or "")
    question = ""
    if reason.startswith("question ") and ":" in reason:
        question = reason[len("question ") : reason.index(":")]
    return [Reading(date=latest, question=question, reason=reason)]


@dataclass(frozen=True)
class Deadline:
    """One deadline: an obligation, or one occurrence of a recurring duty."""

    #: Stable id: ``case/obligation/n``.
    id: str
    #: The obligation's id.
    obligation: str
    #: The occurrence, from 1.
    occurrence: int
    #: What is due.
    title: str
    #: The last day to act (the earliest safe reading).
    due: _dt.date
    #: ``"open"``, ``"filed"``, ``"late"`` or ``"vacated"``.
    status: str
    #: Who must act (party ids).
    parties: List[str]
    #: How the date was found, step by step, with citations.
    explain: List[str]
    #: How the date is set, in brief ("7 days before confirmation-hearing").
    basis: str
    #: Every later reading of the rules, in date order.
    readings: List[Reading] = field(default_factory=list)
    #: The latest date another reading gives (``None`` when settled).
    latest: Optional[_dt.date] = None
    #: Why the latest reading exists.
    latest_reason: Optional[str] = None
    #: The last moment, a local date-time at the court (periods in hours).
    at: Optional[_dt.datetime] = None
    #: When it was filed.
    filed: Optional[_dt.date] = None
    #: The rule or order that imposes it.
    cite: Optional[str] = None
    #: Changes that bear on it, in log order.
    changes: List[ChangeRef] = field(default_factory=list)
    #: Ids of the events and obligations it counts from.
    depends_on: List[str] = field(default_factory=list)
    #: Open and due before the schedule's ``as_of`` (``None`` without one).
    overdue: Optional[bool] = None

    @classmethod
    def _from(cls, d: Mapping[str, Any]) -> "Deadline":
        return cls(
            id=str(d["id"]),
            obligation=str(d["obligation"]),
            occurrence=int(d["occurrence"]),
            title=str(d["title"]),
            due=_date(d, "due"),
            status=str(d["status"]),
            parties=strings(d.get("parties")),
            explain=strings(d.get("explain")),
            basis=str(d.get("basis", "")),
            readings=_readings(d),
            latest=to_date(d.get("latest")),
            latest_reason=d.get("latest_reason"),
            at=to_datetime(d.get("at")),
            filed=to_date(d.get("filed")),
            cite=d.get("cite"),
            changes=[ChangeRef._from(c) for c in d.get("changes", [])],
            depends_on=strings(d.get("depends_on")),
            overdue=d.get("overdue"),
        )


@dataclass(frozen=True)
class Event:
    """An event of a schedule (a hearing, a meeting, an order)."""

    #: The event's id.
    id: str
    #: What happens.
    title: str
    #: The day.
    date: _dt.date
    #: ``"scheduled"``, ``"held"`` or ``"cancelled"``.
    status: str
    #: Who takes part (party ids; empty: everyone).
    parties: List[str]
    #: The local date-time at the court, for timed events.
    at: Optional[_dt.datetime] = None
    #: When it ends (local time).
    ends: Optional[_dt.time] = None
    #: Where.
    location: Optional[str] = None
    #: How the date was found.
    explain: List[str] = field(default_factory=list)
    #: Changes that moved it, in log order.
    changes: List[ChangeRef] = field(default_factory=list)

    @classmethod
    def _from(cls, d: Mapping[str, Any]) -> "Event":
        return cls(
            id=str(d["id"]),
            title=str(d["title"]),
            date=_date(d, "date"),
            status=str(d["status"]),
            parties=strings(d.get("parties")),
            at=to_datetime(d.get("at")),
            ends=to_time(d.get("ends")),
            location=d.get("location"),
            explain=strings(d.get("explain")),
            changes=[ChangeRef._from(c) for c in d.get("changes", [])],
        )


@dataclass(frozen=True)
class Truncation:
    """A recurring duty whose expansion stopped at the horizon."""

    #: The obligation.
    obligation: str
    #: Occurrences listed.
    occurrences: int
    #: The horizon used.
    horizon: _dt.date

    @classmethod
    def _from(cls, d: Mapping[str, Any]) -> "Truncation":
        return cls(
            obligation=str(d["obligation"]),
            occurrences=int(d["occurrences"]),
            horizon=_date(d, "horizon"),
        )


@dataclass(frozen=True)
class Schedule:
    """A docket's schedule: deadlines in due-date order, events in date order."""

    #: The case id.
    case: str
    #: Deadlines in due-date order (then by id).
    deadlines: List[Deadline]
    #: Events in date order.
    events: List[Event]
    #: Recurring duties cut at the horizon (more occurrences would follow).
    truncated: List[Truncation] = field(default_factory=list)
    #: The date overdue deadlines are judged on (``as_of=``), if given.
    as_of: Optional[_dt.date] = None
    _json: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def _from(cls, d: Dict[str, Any]) -> "Schedule":
        return cls(
            case=str(d["case"]),
            deadlines=[Deadline._from(x) for x in d.get("deadlines", [])],
            events=[Event._from(x) for x in d.get("events", [])],
            truncated=[Truncation._from(x) for x in d.get("truncated", [])],
            as_of=to_date(d.get("as_of")),
            _json=d,
        )

    def __iter__(self) -> Iterator[Deadline]:
        """The deadlines, in due-date order."""
        return iter(self.deadlines)

    def __len__(self) -> int:
        return len(self.deadlines)

    def deadline(self, id: str) -> Deadline:
        """The deadline with this id (``case/obligation/n``, or
        ``obligation/n``, or an obligation id for its first occurrence).

        Raises:
            KeyError: no such deadline in the schedule.
        """
        for d in self.deadlines:
            if id in (d.id, f"{d.obligation}/{d.occurrence}") or (d.obligation == id and d.occurrence == 1):
                return d
        raise KeyError(id)

    def to_dict(self) -> Dict[str, Any]:
        """The object ``docket schedule --json`` prints (dates as ISO text)."""
        return plain(self._json)

    def to_json(self) -> str:
        """The JSON ``docket schedule --json`` prints."""
        return _dumps(self._json)


@dataclass(frozen=True)
class Moved:
    """A deadline or event whose date changed."""

    #: The deadline id or event id.
    id: str
    #: ``"deadline"`` or ``"event"``.
    kind: str
    #: Its title.
    title: str
    #: The old date (``from`` in JSON).
    from_: _dt.date
    #: The new date.
    to: _dt.date
    #: Calendar days moved (negative: earlier).
    days: int
    #: What moved it, from the first moved source to this item.
    chain: List[str]
    #: The new date is before the change's date: already past.
    past: bool
    #: The old local date-time, for timed items.
    from_at: Optional[_dt.datetime] = None
    #: The new local date-time, for timed items.
    to_at: Optional[_dt.datetime] = None

    @classmethod
    def _from(cls, d: Mapping[str, Any]) -> "Moved":
        return cls(
            id=str(d["id"]),
            kind=str(d["kind"]),
            title=str(d["title"]),
            from_=_date(d, "from"),
            to=_date(d, "to"),
            days=int(d["days"]),
            chain=strings(d.get("chain")),
            past=bool(d.get("past", False)),
            from_at=to_datetime(d.get("from_at")),
            to_at=to_datetime(d.get("to_at")),
        )


@dataclass(frozen=True)
class Item:
    """A deadline or event added, removed or vacated."""

    #: The deadline id or event id.
    id: str
    #: ``"deadline"`` or ``"event"``.
    kind: str
    #: Its title.
    title: str
    #: Its date.
    date: _dt.date
    #: The date is before the change's date.
    past: bool

    @classmethod
    def _from(cls, d: Mapping[str, Any]) -> "Item":
        return cls(
            id=str(d["id"]),
            kind=str(d["kind"]),
            title=str(d["title"]),
            date=_date(d, "date"),
            past=bool(d.get("past", False)),
        )


@dataclass(frozen=True)
class StatusChange:
    """A deadline whose status changed without moving (filed, reinstated)."""

    #: The deadline id.
    id: str
    #: Its title.
    title: str
    #: The old status (``from`` in JSON).
    from_: str
    #: The new status.
    to: str

    @classmethod
    def _from(cls, d: Mapping[str, Any]) -> "StatusChange":
        return cls(id=str(d["id"]), title=str(d["title"]), from_=str(d["from"]), to=str(d["to"]))


@dataclass(frozen=True)
class Diff:
    """What changed between two schedules, keyed by the stable ids."""

    #: Items whose date moved.
    moved: List[Moved]
    #: Items only in the new schedule.
    added: List[Item]
    #: Items only in the old schedule.
    removed: List[Item]
    #: Deadlines newly vacated.
    vacated: List[Item]
    #: Deadlines whose status changed otherwise (filed, reinstated).
    status_changed: List[StatusChange]
    #: Ids of the items that did not change.
    unchanged: List[str]
    #: Loud warnings (a deadline moved into the past, different cases).
    warnings: List[str]
    #: The report as ``docket diff`` prints it.
    report: str = field(default="", repr=False)
    _json: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def _from(cls, d: Dict[str, Any], report: str = "") -> "Diff":
        return cls(
            moved=[Moved._from(x) for x in d.get("moved", [])],
            added=[Item._from(x) for x in d.get("added", [])],
            removed=[Item._from(x) for x in d.get("removed", [])],
            vacated=[Item._from(x) for x in d.get("vacated", [])],
            status_changed=[StatusChange._from(x) for x in d.get("status_changed", [])],
            unchanged=strings(d.get("unchanged")),
            warnings=strings(d.get("warnings")),
            report=report,
            _json={k: d.get(k, []) for k in _DIFF_KEYS},
        )

    def is_empty(self) -> bool:
        """True when nothing moved, appeared, disappeared or changed status."""
        return not (self.moved or self.added or self.removed or self.vacated or self.status_changed)

    def to_dict(self) -> Dict[str, Any]:
        """The object ``docket diff --json`` prints."""
        return plain(self._json)

    def to_json(self) -> str:
        """The JSON ``docket diff --json`` prints."""
        return _dumps(self._json)


_DIFF_KEYS = ("moved", "added", "removed", "vacated", "status_changed", "unchanged", "warnings")
