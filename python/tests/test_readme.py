"""The Python examples of the READMEs run, and say what they show."""

from __future__ import annotations

import os
import pathlib
import re
from typing import Any, Dict, List

import pytest

from conftest import ROOT


def blocks(path: pathlib.Path) -> List[str]:
    return re.findall(r"```python\n(.*?)```", path.read_text(), flags=re.S)


@pytest.mark.parametrize("readme", ["README.md", "python/README.md"])
def test_readme_examples_run(readme: str, monkeypatch: pytest.MonkeyPatch) -> None:
    code = blocks(ROOT / readme)
    assert code, readme
    monkeypatch.chdir(ROOT)
    for block in code:
        scope: Dict[str, Any] = {}
        exec(compile(block, readme, "exec"), scope)
        # Lines "expr  # value" show a value: check each one that is a literal.
        for line in block.splitlines():
            expr, sep, shown = line.partition("#")
            expr, shown = expr.strip(), shown.strip()
            if sep and expr and "=" not in expr.split("(")[0] and re.match(r"[\[(]|datetime\.", shown):
                assert repr(eval(expr, scope)) == shown, (readme, line)
    assert os.getcwd() == str(ROOT)
