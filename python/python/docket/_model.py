"""``docket.Docket``: a validated case file, its schedule, changes and feed."""

from __future__ import annotations

import datetime as _dt
import json
import os
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Union

from . import _docket
from ._convert import DateLike, DateTimeLike, date_text, known, plain, to_date, when_text
from ._errors import _argument_error
from ._schedule import Diff, Schedule

__all__ = ["Case", "Docket", "Rescheduled"]


@dataclass(frozen=True)
class Case:
    """The docket's ``[case]`` table."""

    #: Stable slug; part of every deadline id and calendar UID.
    id: str
    #: The case number ("08-11153-MG").
    number: Optional[str] = None
    #: The caption ("In re Lexington Precision Corp., et al.").
    caption: Optional[str] = None
    #: The built-in court id ("nysb").
    court: Optional[str] = None
    #: The judge.
    judge: Optional[str] = None


class Docket:
    """A docket (one case: parties, events, obligations, changes), read and
    validated. Immutable: :meth:`reschedule` returns a new docket.

    Build one with :meth:`from_toml`, :meth:`from_json` or :meth:`load`; the
    format is the crate's (``docs/format.md``).
    """

    __slots__ = ("_native", "_file")

    def __init__(self, native: _docket.Docket) -> None:
        self._native = native
        self._file: Optional[Dict[str, Any]] = None

    @classmethod
    def from_toml(cls, text: str, *, source: Optional[str] = None) -> "Docket":
        """Reads a docket from TOML text; ``source`` names it in errors.

        Raises:
            DocketError: the text does not parse, or the docket is invalid
                (every problem at once).
        """
        return cls(_docket.Docket.from_toml(text, source))

    @classmethod
    def from_json(cls, text: str, *, source: Optional[str] = None) -> "Docket":
        """Reads a docket from JSON text (the same structure as TOML)."""
        return cls(_docket.Docket.from_json(text, source))

    @classmethod
    def load(cls, path: Union[str, "os.PathLike[str]"]) -> "Docket":
        """Reads a docket file (``.toml`` or ``.json``); errors name the file."""
        return cls(_docket.Docket.load(os.fspath(path)))

    # The file's content -------------------------------------------------

    def _data(self) -> Dict[str, Any]:
        if self._file is None:
            self._file = json.loads(self._native.to_json())
        return self._file

    @property
    def source(self) -> Optional[str]:
        """The path it was loaded from (or the ``source`` given with text)."""
        return self._native.source

    @property
    def case(self) -> Case:
        """The ``[case]`` table."""
        return known(Case, self._data()["case"])

    @property
    def parties(self) -> Dict[str, str]:
        """Party ids and their names."""
        return {k: str(v.get("name", "")) for k, v in self._data().get("parties", {}).items()}

    @property
    def changes(self) -> List[Dict[str, Any]]:
        """The changes log, as the file writes it (``on``, ``by``, the action)."""
        return [dict(c) for c in self._data().get("changes", [])]

    def to_toml(self) -> str:
        """The docket as TOML."""
        return self._native.to_toml()

    def to_json(self) -> str:
        """The docket as JSON (the file format)."""
        return self._native.to_json()

    def to_dict(self) -> Dict[str, Any]:
        """The docket as a dict (the file format)."""
        return plain(json.loads(self._native.to_json()))

    def __repr__(self) -> str:
        where = f", source={self.source!r}" if self.source else ""
        return f"<docket.Docket {self.case.id!r}{where}>"

    # Computations --------------------------------------------------------

    def schedule(
        self,
        *,
        from_: Optional[DateLike] = None,
        to: Optional[DateLike] = None,
        horizon: Optional[DateLike] = None,
        party: Optional[str] = None,
        as_of: Optional[DateLike] = None,
        rules_as_of: Optional[DateLike] = None,
    ) -> Schedule:
        """Every deadline and event, explained, as ``docket schedule --json``
        lists them.

        Args:
            from_: only items on or after this date (``--from``).
            to: only items on or before this date; recurring duties are
                expanded to it.
            horizon: expand recurring duties through this date.
            party: only this party's deadlines and events (its id or name).
            as_of: mark open deadlines due before this date ``overdue``.
            rules_as_of: replay under the rules in force on this date (each
                rule's period and every time-computation rule).

        Raises:
            DocketError: a bad date, an unknown party.
        """
        text = self._native.schedule(
            from_=date_text("from_", from_),
            to=date_text("to", to),
            horizon=date_text("horizon", horizon),
            party=party,
            as_of=date_text("as_of", as_of),
            rules_as_of=date_text("rules_as_of", rules_as_of),
        )
        return Schedule._from(json.loads(text))

    def reschedule(
        self,
        *,
        move: Optional[str] = None,
        extend: Optional[str] = None,
        vacate: Optional[str] = None,
        file: Optional[str] = None,
        reinstate: Optional[str] = None,
        cancel: Optional[str] = None,
        to: Optional[DateTimeLike] = None,
        fold: Optional[str] = None,
        occurrence: Optional[int] = None,
        by: Optional[str] = None,
        on: Optional[DateLike] = None,
        write: bool = False,
    ) -> "Rescheduled":
        """Applies one change, as ``docket reschedule`` does (what-if: this
        docket is untouched), and reports what moved.

        Give one action: ``move=EVENT, to=DATE_OR_DATETIME`` (``fold`` for a
        time that occurs twice), ``extend=OBLIGATION, to=DATE``
        (``occurrence=N`` for one occurrence of a recurring duty),
        ``vacate=OBLIGATION``, ``file=OBLIGATION`` (filed on ``on``),
        ``reinstate=OBLIGATION`` or ``cancel=EVENT``.

        Args:
            by: the authority (the order, letter or agreement).
            on: the change's date (the filing date for ``file``); default
                today at the court, and the result says so
                (``on_is_today``).
            write: also append the change to the file's ``[[changes]]`` log
                (as ``docket reschedule --write``: atomically, under the
                file's lock, comments kept). Needs ``by`` and a docket read
                with :meth:`load`; refused (``kind == "conflict"``) when the
                file changed since it was read. The returned docket is the
                file's new content, so changes can be written one after
                another from it.

        Returns:
            a :class:`Rescheduled`: the new docket and the diff.

        Raises:
            DocketError: no action or several, an unknown event or
                obligation, a bad date; with ``write``, a file that changed
                or cannot be written (nothing is written then).
        """
        if write and not (by or "").strip():
            raise _argument_error("by", "write records the change in the file: give by= (the order or agreement)")
        native, report_json, text = self._native.reschedule(
            move_event=move,
            extend=extend,
            vacate=vacate,
            file=file,
            reinstate=reinstate,
            cancel=cancel,
            to=when_text("to", to),
            fold=fold,
            occurrence=occurrence,
            by=by,
            on=date_text("on", on),
            write=write,
        )
        data = json.loads(report_json)
        return Rescheduled(
            docket=Docket(native),
            diff=Diff._from(data, text),
            change=dict(data["change"]),
            on=to_date(data["on"]) or _dt.date.min,
            on_is_today=bool(data["on_is_today"]),
            _json=data,
        )

    def diff(self, other: "Docket") -> Diff:
        """What changed from this docket's schedule to ``other``'s (both
        expanded to the same horizon), as ``docket diff`` reports it."""
        if not isinstance(other, Docket):
            raise TypeError(f"other: expected a docket.Docket, not {type(other).__name__}")
        text, report = self._native.diff(other._native)
        return Diff._from(json.loads(text), report)

    def ics(
        self,
        *,
        party: Optional[str] = None,
        domain: str = "docket.invalid",
        name: Optional[str] = None,
        alarms: Sequence[int] = (),
        keep_vacated: bool = False,
        utc: bool = False,
        stamp: Optional[_dt.datetime] = None,
        refresh_minutes: int = 720,
        method: Optional[str] = None,
        organizer: Optional[str] = None,
        from_: Optional[DateLike] = None,
        to: Optional[DateLike] = None,
        horizon: Optional[DateLike] = None,
    ) -> str:
        """The iCalendar feed (RFC 5545) of the docket, as ``docket ics``
        writes it.

        Args:
            party: only this party's deadlines and events (id or name).
            domain: the UIDs' domain (``case/obligation/n@domain``).
            name: the calendar's name (default: the caption).
            alarms: a reminder this many days before each open deadline.
            keep_vacated: keep vacated items as ``STATUS:CANCELLED``.
            utc: write timed events in UTC instead of the court's zone.
            stamp: the DTSTAMP (UTC; an aware datetime is converted);
                default: the last change's date, never the clock.
            refresh_minutes: the refresh interval for subscribers.
            method: a ``METHOD`` property (``"PUBLISH"``).
            organizer: the ``ORGANIZER`` of every event (``mailto:...``).
            from_, to, horizon: as for :meth:`schedule`.
        """
        stamp_text = None
        if stamp is not None:
            if not isinstance(stamp, _dt.datetime):
                raise TypeError(f"stamp: expected a datetime.datetime, not {type(stamp).__name__}")
            if stamp.tzinfo is not None and stamp.utcoffset() is not None:
                stamp = stamp.astimezone(_dt.timezone.utc).replace(tzinfo=None)
            stamp_text = stamp.replace(microsecond=0).isoformat()
        return self._native.ics(
            party=party,
            domain=domain,
            name=name,
            alarms=list(alarms),
            keep_vacated=keep_vacated,
            utc=utc,
            stamp=stamp_text,
            refresh_minutes=refresh_minutes,
            method=method,
            organizer=organizer,
            from_=date_text("from_", from_),
            to=date_text("to", to),
            horizon=date_text("horizon", horizon),
        )


@dataclass(frozen=True)
class Rescheduled:
    """The result of :meth:`Docket.reschedule`."""

    #: The docket with the change appended to its log.
    docket: Docket
    #: What moved, appeared, disappeared or changed status.
    diff: Diff
    #: The change, as a ``[[changes]]`` entry.
    change: Dict[str, Any]
    #: The change's date.
    on: _dt.date
    #: ``on`` was not given: the change is dated today.
    on_is_today: bool
    _json: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def to_dict(self) -> Dict[str, Any]:
        """The object ``docket reschedule --json`` prints."""
        return plain(self._json)

    def to_json(self) -> str:
        """The JSON ``docket reschedule --json`` prints."""
        return json.dumps(self._json, indent=2, ensure_ascii=False) + "\n"
