"""Court deadlines you can trust, from Python.

``docket`` computes due dates exactly as the federal time-computation rules
do (Fed. R. Civ. P. 6, Fed. R. Bankr. P. 9006, Fed. R. App. P. 26, with
their earlier editions), on court calendars whose holidays carry their legal
source, and explains every step. It is the Rust crate ``docket``, built as a
native module.

>>> import datetime, docket
>>> docket.due("nysb", datetime.date(2009, 4, 16), days=14).due
datetime.date(2009, 4, 30)
>>> d = docket.Docket.load("examples/data/lexington.toml")  # doctest: +SKIP
>>> [x.due for x in d.schedule(to="2009-05-15", party="lenders")]  # doctest: +SKIP

Every failure raises :class:`DocketError` with its problems.
"""

from ._check import CheckReport, FileSummary, check
from ._due import Court, Due, Reading, courts, due
from ._errors import DocketError, Problem
from ._model import Case, Docket, Rescheduled
from ._schedule import (
    ChangeRef,
    Deadline,
    Diff,
    Event,
    Item,
    Moved,
    Schedule,
    StatusChange,
    Truncation,
)

__all__ = [
    "Case",
    "CheckReport",
    "ChangeRef",
    "Court",
    "Deadline",
    "Diff",
    "Docket",
    "DocketError",
    "Due",
    "Event",
    "FileSummary",
    "Item",
    "Moved",
    "Problem",
    "Reading",
    "Rescheduled",
    "Schedule",
    "StatusChange",
    "Truncation",
    "check",
    "courts",
    "due",
]
