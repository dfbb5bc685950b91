"""The `report` stage: every figure and table, from data/processed only, byte-stable."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest

pytest.importorskip("matplotlib")

from fazhi_stats.build.pipeline import STAGES
from fazhi_stats.build.report import ReportStage
from fazhi_stats.project import Project

# what the pages of the study embed and link
FIGURE_NAMES = ("coverage", "gaps", "timeline", "ambition", "attainment", "proportions", "plans")
PHONE_FIGURES = ("ambition", "attainment", "plans")  # drawn again at phone width
TABLE_NAMES = (
    "observations",
    "attainment",
    "ambition",
    "consistency",
    "proportions",
    "documents",
    "coverage",
    "gaps",
    "milestones",
    "codebook",
    "plans",
    "commitments",
    "statuses",
    "indicators",
)

REPO = Path(__file__).resolve().parents[1]


def _processed_only(root: Path) -> Project:
    shutil.copytree(REPO / "data" / "processed", root / "data" / "processed")
    (root / "data" / "raw" / "documents").mkdir(parents=True)
    shutil.copy2(REPO / "study.yml", root / "study.yml")
    return Project(root)


def project_relative(paths: tuple[Path, ...], root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in paths}


def test_stage_order() -> None:
    names = [s.name for s in STAGES]
    assert names.index("datapackage") < names.index("report") < names.index("site")
    assert names[-1] == "site"
    site = next(s for s in STAGES if s.name == "site")
    assert site.staged is False  # the site swaps its own folder


def test_report_writes_every_figure_and_table_and_the_committed_ones_are_its_output(
    tmp_path: Path,
) -> None:
    # determinism of figures and tables, tested once: a fresh render equals what is committed
    # (rendered by another process, in another build); any warning, a missing glyph among
    # them, fails the render
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = ReportStage().run(_processed_only(tmp_path / "a"))
    assert project_relative(run.inputs, tmp_path / "a") >= {"data/processed/attainment.csv"}
    rel = sorted(str(p.relative_to(tmp_path / "a")) for p in run.written)
    expected = sorted(
        [f"reports/figures/{n}.{ext}" for n in FIGURE_NAMES for ext in ("svg", "png", "csv")]
        + [f"reports/figures/{n}-phone.{ext}" for n in PHONE_FIGURES for ext in ("svg", "png")]
        + [f"reports/tables/{n}.html" for n in TABLE_NAMES]
    )
    assert rel == expected
    stale = [
        name for name in rel if (REPO / name).read_bytes() != (tmp_path / "a" / name).read_bytes()
    ]
    assert stale == [], f"{stale} differ from a fresh render: run `fazhi-stats build` and commit"
    svg = (tmp_path / "a" / "reports" / "figures" / "attainment.svg").read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "<dc:date>" not in svg
    # the text is text (searchable, in the reader's CJK font), rows carry their quotes and
    # open their sentence in the page
    assert "<text" in svg and "实绩对照目标" in svg
    assert "<title>" in svg and 'target="_top"' in svg
    assert 'xlink:href="../../reports/sources/' in svg


def test_report_fails_without_comparison_tables(tmp_path: Path) -> None:
    from fazhi_stats.errors import FazhiError

    project = _processed_only(tmp_path / "s")
    (project.processed_dir / "attainment.csv").unlink()
    with pytest.raises(FazhiError, match=r"attainment\.csv"):
        ReportStage().run(project)
    assert not (project.root / "reports" / "figures").exists()


def test_a_missing_study_extra_is_named() -> None:
    from fazhi_stats.build.report import require_study_extra
    from fazhi_stats.errors import FazhiError

    require_study_extra("matplotlib")  # installed here: no error
    with pytest.raises(FazhiError, match=r"no_such_module_x.*uv sync --all-extras"):
        require_study_extra("no_such_module_x")
