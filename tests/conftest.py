"""Shared fixtures: the repository's study directory and disposable copies of it."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
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
    shutil.copy2(REPO / "study.yml", root / "study.yml")
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
# the mutation run (benchmarks/mutation.py): no example database, so that a mutant's result does
# not depend on the mutants tried before it
settings.register_profile("mutation", deadline=None, database=None)
settings.load_profile("default")


def pytest_runtest_setup(item: pytest.Item) -> None:
    """In a mutation run, every test starts with cold caches.

    mutmut (which sets MUTANT_UNDER_TEST) tries a mutant only against the tests that called the
    mutated function when it recorded them; a function whose result is cached (the quantity
    pattern, the unit conversions) would otherwise count as called by the first such test only.
    """
    if "MUTANT_UNDER_TEST" not in os.environ:
        return
    from fazhi_stats.registry import active_registry
    from fazhi_stats.text import quantities

    active_registry()._derived.clear()
    quantities._conversion.cache_clear()


# Data-frame backends: the comparison tests run once on polars and once on pandas.
from typing import Any  # noqa: E402


class FrameBackend:
    """Turns a polars test frame into the backend's frame and checks results come back in it."""

    def __init__(self, name: str) -> None:
        self.name = name

    def frame(self, data: Any) -> Any:
        import polars as pl

        frame = data if isinstance(data, pl.DataFrame) else pl.DataFrame(data)
        return frame.to_pandas() if self.name == "pandas" else frame

    def result(self, native: Any) -> Any:
        """The result as polars (for uniform assertions), after checking its type."""
        import pandas as pd
        import polars as pl

        if self.name == "pandas":
            assert isinstance(native, pd.DataFrame), type(native)
            return pl.from_pandas(native)
        assert isinstance(native, pl.DataFrame), type(native)
        return native


@pytest.fixture(params=["polars", "pandas"])
def backend(request: pytest.FixtureRequest) -> FrameBackend:
    """The same test on a polars and on a pandas data frame."""
    return FrameBackend(request.param)


@contextmanager
def _one_worker_at_a_time(lock: Path, *, timeout: float = 1200.0) -> Iterator[None]:
    """Hold ``lock`` (a file created exclusively) while the block runs: the pytest-xdist
    workers of one run share what one of them makes."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            break
        except FileExistsError:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{lock} is still held after {timeout:.0f} s") from None
            time.sleep(0.2)
    try:
        yield
    finally:
        os.close(fd)
        lock.unlink()


# The rendered sites, once per session: the study's pages (slow) and the tiny fixture site.
@pytest.fixture(scope="session")
def rendered_study(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Root of a copy of the study rendered with the fallback renderer (site in ``_site/``),
    read-only. Rendered once per test run: the workers of a distributed run share it."""
    pytest.importorskip("nbclient")
    from site_render import copy_study

    from fazhi_stats.build.site import RenderSettings, render_site

    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base  # this run's
    target = shared / "rendered-study"
    with _one_worker_at_a_time(shared / "rendered-study.lock"):
        if not (target / "rendered").is_file():
            shutil.rmtree(target, ignore_errors=True)  # what a failed render left
            project = copy_study(target / "study")
            render_site(project, settings=RenderSettings(renderer="fallback"))
            (target / "rendered").touch()
    return target / "study"


@pytest.fixture(scope="session")
def fixture_render(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny fixture site (tests/site_render.py) rendered with the fallback: its ``_site``."""
    pytest.importorskip("nbclient")
    from site_render import fixture_site

    from fazhi_stats.build.site import FALLBACK_NOTICE, RenderSettings, render_site

    root = fixture_site(tmp_path_factory.mktemp("fixture") / "site")
    result = render_site(root, settings=RenderSettings(renderer="fallback"))
    assert result.renderer == "fallback"
    assert result.notice == FALLBACK_NOTICE
    assert result.pages == ("index.html", "sub/page.html")
    return root / "_site"
