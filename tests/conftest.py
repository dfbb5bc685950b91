"""Shared fixtures: the repository's study directory and disposable copies of it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from fazhi_stats.project import Project

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def repo() -> Project:
    """The study directory of this repository (read-only use)."""
    return Project(REPO)


@pytest.fixture
def study(tmp_path: Path) -> Project:
    """A copy of the raw data (documents, annotations) in a temporary study directory."""
    root = tmp_path / "study"
    shutil.copytree(REPO / "data" / "raw", root / "data" / "raw")
    (root / "data" / "processed").mkdir(parents=True)
    return Project(root)


# Hypothesis profiles: the default for the test run, `fuzz` for the long campaign.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("FAZHI_FUZZ_EXAMPLES", "20000")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("default", deadline=None)
settings.load_profile("default")
