"""Conversions between Python values and the texts the native module takes."""

from __future__ import annotations

import dataclasses
import datetime as _dt
import json
from typing import Any, Dict, List, Mapping, Optional, Type, TypeVar, Union

from ._errors import _argument_error

DateLike = Union[_dt.date, str]
DateTimeLike = Union[_dt.datetime, _dt.date, str]


def date_text(name: str, value: Optional[DateLike]) -> Optional[str]:
    """A date argument (``datetime.date`` or ``"YYYY-MM-DD"``) as text."""
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        raise _argument_error(name, f"{value.isoformat()} is a date-time; give a date")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value
    raise TypeError(f"{name}: expected a datetime.date or a YYYY-MM-DD string, not {type(value).__name__}")


def local_minute(name: str, value: _dt.datetime) -> str:
    """A date-time to the minute: ``YYYY-MM-DDTHH:MM`` for a naive one, with
    its UTC offset for an aware one. Seconds are refused, not dropped."""
    if value.second or value.microsecond:
        raise _argument_error(name, f"{value.isoformat()}: give a time to the minute (no seconds)")
    if value.tzinfo is not None and value.utcoffset() is not None:
        return value.isoformat(timespec="seconds")
    return value.strftime("%Y-%m-%dT%H:%M")


def when_text(name: str, value: Optional[DateTimeLike]) -> Optional[str]:
    """A date or a local date-time (``datetime``, or an ISO string)."""
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return local_minute(name, value)
    return date_text(name, value)


def to_date(text: Optional[str]) -> Optional[_dt.date]:
    return None if text is None else _dt.date.fromisoformat(text)


def to_datetime(text: Optional[str]) -> Optional[_dt.datetime]:
    return None if text is None else _dt.datetime.fromisoformat(text)


def to_time(text: Optional[str]) -> Optional[_dt.time]:
    return None if text is None else _dt.time.fromisoformat(text)


def plain(value: Any) -> Dict[str, Any]:
    """A deep copy of a JSON object (the caller may change it freely)."""
    out: Dict[str, Any] = json.loads(json.dumps(value))
    return out


T = TypeVar("T")


def known(cls: Type[T], values: Mapping[str, Any]) -> T:
    """A dataclass from the keys of ``values`` it has fields for (JSON
    objects may gain keys)."""
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    return cls(**{k: v for k, v in values.items() if k in names})


def strings(value: Any) -> List[str]:
    return [str(v) for v in (value or [])]
