"""Type stubs of the native module (``docket._docket``, built from
``python/src``). Its functions take texts and return JSON text; use the
``docket`` package, which turns them into typed objects."""

from typing import List, Optional, Tuple

def due(
    court: str,
    trigger: str,
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
    rules_as_of: Optional[str] = None,
    rules: Optional[str] = None,
    closures: List[str] = ...,
    settle: List[str] = ...,
    authority: Optional[str] = None,
    rule: Optional[str] = None,
    us_party: bool = False,
    conditions: List[str] = ...,
    first_set: Optional[str] = None,
    packs: List[str] = ...,
) -> str: ...
def check(paths: List[str]) -> str: ...
def courts(query: Optional[str] = None) -> str: ...

class Docket:
    @staticmethod
    def from_toml(text: str, source: Optional[str] = None) -> "Docket": ...
    @staticmethod
    def from_json(text: str, source: Optional[str] = None) -> "Docket": ...
    @staticmethod
    def load(path: str) -> "Docket": ...
    @property
    def source(self) -> Optional[str]: ...
    def to_toml(self) -> str: ...
    def to_json(self) -> str: ...
    def schedule(
        self,
        *,
        from_: Optional[str] = None,
        to: Optional[str] = None,
        horizon: Optional[str] = None,
        party: Optional[str] = None,
        as_of: Optional[str] = None,
        rules_as_of: Optional[str] = None,
    ) -> str: ...
    def reschedule(
        self,
        *,
        move_event: Optional[str] = None,
        extend: Optional[str] = None,
        vacate: Optional[str] = None,
        file: Optional[str] = None,
        reinstate: Optional[str] = None,
        cancel: Optional[str] = None,
        to: Optional[str] = None,
        fold: Optional[str] = None,
        occurrence: Optional[int] = None,
        by: Optional[str] = None,
        on: Optional[str] = None,
        write: bool = False,
    ) -> Tuple["Docket", str, str]: ...
    def diff(self, other: "Docket") -> Tuple[str, str]: ...
    def ics(
        self,
        *,
        party: Optional[str] = None,
        domain: str = "docket.invalid",
        name: Optional[str] = None,
        alarms: List[int] = ...,
        keep_vacated: bool = False,
        utc: bool = False,
        stamp: Optional[str] = None,
        refresh_minutes: int = 720,
        method: Optional[str] = None,
        organizer: Optional[str] = None,
        from_: Optional[str] = None,
        to: Optional[str] = None,
        horizon: Optional[str] = None,
    ) -> str: ...
