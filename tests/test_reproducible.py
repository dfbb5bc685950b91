"""Two builds from clean copies give byte-identical data, figures and tables."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from outputs import STAGED, output_hashes

from fazhi_stats.build.pipeline import run_stages
from fazhi_stats.project import Project

REPO = Path(__file__).resolve().parents[1]


def _clean_copy(dest: Path) -> Project:
    """What a fresh clone holds of the inputs: raw data and the pages, no outputs."""
    shutil.copytree(REPO / "data" / "raw", dest / "data" / "raw")
    shutil.copy2(REPO / "study.yml", dest / "study.yml")
    return Project(dest)


@pytest.mark.slow
def test_two_clean_builds_are_byte_identical(tmp_path: Path) -> None:
    first, second = _clean_copy(tmp_path / "a"), _clean_copy(tmp_path / "b")
    run_stages(first, STAGED)
    run_stages(second, STAGED)
    a, b = output_hashes(first.root), output_hashes(second.root)
    assert a, "the build wrote nothing"
    assert any(k.startswith("reports/figures/") and k.endswith(".svg") for k in a)
    assert any(k.startswith("reports/tables/") for k in a)
    assert a == b
    committed = output_hashes(REPO)
    stale = sorted(k for k in a if committed.get(k) != a[k])
    assert stale == [], (
        f"committed outputs differ from a clean build: {stale}; run `fazhi-stats build` and commit"
    )


def test_outputs_carry_no_machine_paths_or_dates() -> None:
    import re

    date = re.compile(
        r"20(2[2-9])-\d\d-\d\dT\d\d:\d\d"
    )  # build timestamps, not the documents' dates
    for rel, _ in output_hashes(REPO).items():
        path = REPO / rel
        if path.suffix in (".csv", ".json", ".svg", ".html"):
            text = path.read_text(encoding="utf-8")
            assert "/work/" not in text and "/tmp/" not in text and "/root/" not in text, rel
            assert not date.search(text), rel
