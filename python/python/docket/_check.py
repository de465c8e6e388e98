"""``docket.check``: validate docket files, every problem at once."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Union

from . import _docket
from ._convert import plain
from ._errors import Problem

__all__ = ["CheckReport", "FileSummary", "check"]


@dataclass(frozen=True)
class FileSummary:
    """A valid docket, as ``docket check --json`` sums it up."""

    #: The file.
    file: Optional[str]
    #: The case id.
    case: str
    #: The caption.
    caption: Optional[str]
    #: The court id.
    court: Optional[str]
    #: Party ids and names.
    parties: Dict[str, str]
    #: How many events.
    events: int
    #: How many obligations.
    obligations: int
    #: The changes log: ``{"index", "on", "by", "action"}`` each.
    changes: List[Dict[str, Any]]
    #: How many deadlines the schedule lists.
    deadlines: int

    @classmethod
    def _from(cls, d: Dict[str, Any]) -> "FileSummary":
        return cls(
            file=d.get("file"),
            case=str(d["case"]),
            caption=d.get("caption"),
            court=d.get("court"),
            parties={str(p["id"]): str(p["name"]) for p in d.get("parties", [])},
            events=int(d["events"]),
            obligations=int(d["obligations"]),
            changes=[dict(c) for c in d.get("changes", [])],
            deadlines=int(d["deadlines"]),
        )


@dataclass(frozen=True)
class CheckReport:
    """The result of :func:`check`."""

    #: A summary of each valid docket, in order.
    files: List[FileSummary]
    #: Every problem of the others: ``{"file", "item", "field", "message"}``.
    problems: List[Problem]
    _json: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        """True when every docket is valid."""
        return not self.problems

    def to_dict(self) -> Dict[str, Any]:
        """The object ``docket check --json`` prints."""
        return plain(self._json)

    def to_json(self) -> str:
        """The JSON ``docket check --json`` prints."""
        return json.dumps(self._json, indent=2, ensure_ascii=False) + "\n"


def check(*paths: Union[str, "os.PathLike[str]"]) -> CheckReport:
    """Checks docket files (``.toml``, ``.json``) as ``docket check`` does:
    each parses, validates and schedules. Problems are returned, not
    raised: every problem of every file at once.

    >>> docket.check("examples/data/lexington.toml").ok  # doctest: +SKIP
    True
    """
    data = json.loads(_docket.check([os.fspath(p) for p in paths]))
    return CheckReport(
        files=[FileSummary._from(f) for f in data.get("files", [])],
        problems=[dict(p) for p in data.get("problems", [])],
        _json=data,
    )
