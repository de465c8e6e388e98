"""The exception every failing call raises."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

__all__ = ["DocketError", "Problem"]

#: One problem: ``{"file", "item", "field", "message"}``, the shape of
#: ``docket check --json``. ``file`` is the path read (``None`` for text),
#: ``item`` the event, obligation or party id (or ``"case"``,
#: ``"calendar"``, ``"change N"``), ``field`` the field of the docket format
#: or the keyword argument; each is ``None`` when the problem has none.
Problem = Dict[str, Optional[str]]


class DocketError(ValueError):
    """A docket, a date or an option was wrong, or a file could not be read.

    ``str(error)`` is the message for a person (every problem, each naming
    the file, the item and the field). ``error.problems`` lists the problems
    as dicts with ``file``, ``item``, ``field`` and ``message``;
    ``error.kind`` is ``"invalid"``, ``"range"``, ``"parse"``, ``"io"`` or
    ``"conflict"``.
    """

    kind: str
    problems: List[Problem]

    def __init__(self, message: str, kind: str = "invalid", problems: Optional[List[Problem]] = None) -> None:
        super().__init__(message)
        self.kind = kind
        if problems is None:
            problems = [{"file": None, "item": None, "field": None, "message": message}]
        self.problems = [dict(p) for p in problems]

    def __reduce__(self) -> Any:
        return (type(self), (str(self), self.kind, self.problems))


def _argument_error(field: str, message: str) -> DocketError:
    """A bad keyword argument, named like the crate's own messages."""
    return DocketError(
        f"{field}: {message}",
        "invalid",
        [{"file": None, "item": None, "field": field, "message": message}],
    )
