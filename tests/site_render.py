"""Render the study's real site once per test session (fallback renderer), for site tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fazhi_stats.project import Project

REPO = Path(__file__).resolve().parents[1]
_RENDERED: dict[str, Path] = {}


def copy_study(dest: Path) -> Project:
    """The pages, the processed data and the outputs of the report stage, as in a clone
    after `fazhi-stats build --only ... report`."""
    for rel in ("data", "analysis", "reports"):
        shutil.copytree(REPO / rel, dest / rel, ignore=shutil.ignore_patterns(".*", "__pycache__"))
    for rel in ("index.qmd", "_quarto.yml", "styles.css", "uv.lock", "study.yml"):
        shutil.copy2(REPO / rel, dest / rel)
    return Project(dest)


def rendered_site(factory: pytest.TempPathFactory) -> Path:
    """Root of a rendered copy of the study (its site is ``<root>/_site``)."""
    from fazhi_stats.build.site import RenderSettings, render_site

    if "root" not in _RENDERED:
        project = copy_study(factory.mktemp("rendered") / "study")
        render_site(project, settings=RenderSettings(renderer="fallback"))
        _RENDERED["root"] = project.root
    return _RENDERED["root"]
