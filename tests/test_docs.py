"""Docs that run: the README's Python examples and the doctests of the core modules."""

from __future__ import annotations

import doctest
import importlib
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def test_readme_python_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = re.findall(
        r"```python\n(.*?)```", (REPO / "README.md").read_text(encoding="utf-8"), re.S
    )
    assert blocks, "README has no Python examples"
    monkeypatch.chdir(REPO)
    namespace: dict[str, object] = {}
    for block in blocks:
        exec(compile(block, "README.md", "exec"), namespace)
    assert namespace["obs"] is not None
    assert len(namespace["claims"]) == 2  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "module",
    [
        "fazhi_stats",
        "fazhi_stats.text.quantities",
        "fazhi_stats.text.textmap",
        "fazhi_stats.text.units",
        "fazhi_stats.compare.intervals",
    ],
)
def test_doctests(module: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{module} has no examples"
    assert result.failed == 0
