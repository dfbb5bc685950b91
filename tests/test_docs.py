"""Docs that run: the README's Python examples (module doctests run with --doctest-modules)."""

from __future__ import annotations

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
