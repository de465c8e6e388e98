"""Shared fixtures: the repository's example dockets and, when CI built it,
the `docket` command line (DOCKET_BIN) for the tests that compare with it."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
from typing import Any, Callable, Optional

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "data"


@pytest.fixture(scope="session")
def examples() -> pathlib.Path:
    assert (EXAMPLES / "lexington.toml").is_file(), EXAMPLES
    return EXAMPLES


@pytest.fixture(scope="session")
def docket_bin() -> Optional[str]:
    """The `docket` binary named by DOCKET_BIN (CI sets it), else None."""
    path = os.environ.get("DOCKET_BIN")
    if path and not os.path.isabs(path):
        path = str(ROOT / path)
    return path if path and os.path.isfile(path) else None


@pytest.fixture(scope="session")
def cli(docket_bin: Optional[str]) -> Callable[..., Any]:
    """Runs `docket ARGS...` and returns its stdout (parsed when --json)."""
    if docket_bin is None:
        if os.environ.get("CI"):
            pytest.fail("DOCKET_BIN is not set: CI must compare with the command line")
        pytest.skip("DOCKET_BIN not set (CI sets it to the built `docket` binary)")

    def run(*args: str) -> Any:
        out = subprocess.run([docket_bin, *args], cwd=ROOT, capture_output=True, timeout=60)
        assert out.returncode == 0, out.stderr.decode()
        # Bytes decoded as they are: feeds end their lines with CRLF.
        text = out.stdout.decode("utf-8")
        return json.loads(text) if "--json" in args else text

    return run
