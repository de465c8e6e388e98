"""Type stubs of the native module (``docket._docket``, built from
``python/src``). Its functions take texts and return JSON text; use the
``docket`` package, which turns them into typed objects."""

from typing import Dict, List, Optional, Tuple

def due(
    court: str,
    trigger: str,
    unit: str,
    amount: int,
    *,
    before: bool = False,
    service: Optional[str] = None,
    rules_as_of: Optional[str] = None,
    rules: Optional[str] = None,
    closures: List[str] = ...,
    settle: Optional[str] = None,
    explain: bool = True,
    fold: Optional[str] = None,
) -> str: ...
def courts(query: Optional[str] = None) -> str: ...
def problems(messages: List[str], files: List[str] = ...) -> List[Dict[str, Optional[str]]]: ...

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
        explain: bool = True,
    ) -> str: ...
    def reschedule(self, change: str, on_is_today: bool, write: bool = False) -> Tuple["Docket", str, str]: ...
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
        from_: Optional[str] = None,
        to: Optional[str] = None,
        horizon: Optional[str] = None,
    ) -> str: ...
    def default_horizon(self) -> str: ...
