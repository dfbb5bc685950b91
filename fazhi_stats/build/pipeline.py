"""The build, in order: process → compare → evaluate → report → pages → site (datapackage with
them).

Each stage reads only files (:mod:`fazhi_stats.build.stage`). The stages that write data,
figures and tables run into a staging copy of ``data/processed``, ``reports/figures`` and
``reports/tables``, which replaces them only when every one of those stages succeeded; a
failure anywhere leaves the previous outputs as they were, as a set. The site swaps its own
folder afterwards. The Data Package is rewritten whenever ``data/processed`` is, so its hashes
always describe the files beside it.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fazhi_stats.build.compare import CompareStage
from fazhi_stats.build.datapackage import DatapackageStage
from fazhi_stats.build.evaluate import EvaluateStage
from fazhi_stats.build.inputs import require_fresh
from fazhi_stats.build.order import STAGE_NAMES
from fazhi_stats.build.pages_stage import PagesStage
from fazhi_stats.build.process import ProcessStage
from fazhi_stats.build.report import ReportStage
from fazhi_stats.build.site_stage import SiteStage
from fazhi_stats.build.stage import Stage, StageRun
from fazhi_stats.errors import FazhiError
from fazhi_stats.io import swap_directory
from fazhi_stats.project import Project

AnyStage = Stage[Any, Any]

_BY_NAME: dict[str, AnyStage] = {
    stage.name: stage
    for stage in (
        ProcessStage(),
        CompareStage(),
        EvaluateStage(),
        DatapackageStage(),
        ReportStage(),
        PagesStage(),
        SiteStage(),
    )
}
assert set(_BY_NAME) == set(STAGE_NAMES), "every stage has its place in build.order"
#: The stages in build order (the order is declared once, in :mod:`fazhi_stats.build.order`).
STAGES: tuple[AnyStage, ...] = tuple(_BY_NAME[name] for name in STAGE_NAMES)
_WRITES_PROCESSED = ("process", "compare")


@dataclass
class BuildResult:
    """What a build read, wrote and has to tell."""

    runs: list[StageRun] = field(default_factory=list)

    @property
    def written(self) -> list[Path]:
        return [p for run in self.runs for p in run.written]

    @property
    def notices(self) -> list[str]:
        return [n for run in self.runs for n in run.notices]


def select_stages(names: Sequence[str] | None) -> tuple[AnyStage, ...]:
    """The stages called ``names``, in build order (all of them for None); the Data Package
    joins any selection that rewrites ``data/processed``."""
    if not names:
        return STAGES
    unknown = sorted(set(names) - set(STAGE_NAMES))
    if unknown:
        raise FazhiError(
            f"unknown stage(s) {', '.join(unknown)} (stages: {', '.join(STAGE_NAMES)})"
        )
    wanted = set(names)
    if wanted & set(_WRITES_PROCESSED):
        wanted.add("datapackage")
    return tuple(s for s in STAGES if s.name in wanted)


@contextmanager
def staged_outputs(project: Project) -> Iterator[Project]:
    """A copy of the output directories to build into; swapped in if the block succeeds."""
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=project.root))
    try:
        for rel in Project.OUTPUT_DIRS:
            current = project.root / rel
            if current.is_dir():
                shutil.copytree(current, staging / rel)
            else:
                (staging / rel).mkdir(parents=True)
        yield project.staged(staging)
        for rel in Project.OUTPUT_DIRS:
            swap_directory(staging / rel, project.root / rel)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _unstage(run: StageRun, project: Project) -> StageRun:
    """The run with paths in the staging copy told as the paths they were swapped to."""
    out = project.output_root
    if out is None:
        return run

    def real(path: Path) -> Path:
        return project.root / path.relative_to(out) if path.is_relative_to(out) else path

    return StageRun(
        run.stage,
        tuple(real(p) for p in run.inputs),
        tuple(real(p) for p in run.written),
        run.notices,
    )


def run_stages(
    project: Project,
    stages: Sequence[AnyStage] = STAGES,
    *,
    on_start: Callable[[AnyStage], None] | None = None,
    on_done: Callable[[AnyStage, StageRun], None] | None = None,
) -> BuildResult:
    """Run ``stages`` in order: staged ones into a staging copy swapped in on success, then the
    rest. A selection without ``process`` first checks that ``data/processed`` was built from
    the inputs on disk, and stops with the changed files if not. Everything runs with the
    study's registry (the package's plus its ``registry/`` folder)."""
    from fazhi_stats.registry import use_registry

    with use_registry(project.registry):
        return _run_stages(project, stages, on_start=on_start, on_done=on_done)


def _run_stages(
    project: Project,
    stages: Sequence[AnyStage],
    *,
    on_start: Callable[[AnyStage], None] | None,
    on_done: Callable[[AnyStage, StageRun], None] | None,
) -> BuildResult:
    result = BuildResult()
    names = {s.name for s in stages}
    if "process" not in names and names & {"compare", "report", "datapackage", "pages", "site"}:
        first = next(s.name for s in stages if s.name != "evaluate")
        require_fresh(project, first)

    def run(stage: AnyStage, where: Project) -> None:
        if on_start:
            on_start(stage)
        done = _unstage(stage.run(where), where)
        result.runs.append(done)
        if on_done:
            on_done(stage, done)

    staged = [s for s in stages if s.staged]
    if staged:
        with staged_outputs(project) as staging:
            for stage in staged:
                run(stage, staging)
    for stage in stages:
        if not stage.staged:
            run(stage, project)
    return result
