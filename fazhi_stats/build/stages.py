"""The build: validate → process → compare → figures and tables → site.

Each stage reads only the outputs of the stages before it. A stage is a function taking the
shared :class:`BuildContext`; the CLI shows progress per stage.

Outputs are staged: the data, figure and table stages write into a staging copy of the output
directories, which replaces ``data/processed``, ``reports/figures`` and ``reports/tables`` only
when every one of those stages succeeded. A failure anywhere leaves the previous outputs as they
were, as a set. Stages marked ``staged=False`` (the site, which swaps its own folder) run after.
"""

from __future__ import annotations

import importlib
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fazhi_stats.io import swap_directory
from fazhi_stats.project import Project


@dataclass
class BuildContext:
    project: Project
    options: dict[str, Any] = field(default_factory=dict)
    results: dict[str, Any] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Stage:
    name: str
    description: str
    target: str  # "module:function", imported when the stage runs
    staged: bool = True  # writes into the staged outputs (see the module docstring)

    def load(self) -> Callable[[BuildContext], None]:
        module, _, func = self.target.partition(":")
        fn: Callable[[BuildContext], None] = getattr(importlib.import_module(module), func)
        return fn


def stage_validate(ctx: BuildContext) -> None:
    from fazhi_stats.sources.corpus import validate_corpus

    ctx.results["corpus"] = validate_corpus(ctx.project)


def stage_process(ctx: BuildContext) -> None:
    from fazhi_stats.sources.commitments import write_commitments
    from fazhi_stats.sources.corpus import write_processed

    ctx.written += write_processed(ctx.results["corpus"], ctx.project.processed_dir)
    ctx.written += write_commitments(ctx.results["corpus"].commitments, ctx.project.processed_dir)


def stage_compare(ctx: BuildContext) -> None:
    """Attainment, ambition, consistency and proportions from the observations just written."""
    from fazhi_stats.compare.consistency import check_consistency
    from fazhi_stats.compare.proportions import proportion_intervals
    from fazhi_stats.compare.targets import ambition_table, assess_targets
    from fazhi_stats.schema.comparisons import AMBITION, ATTAINMENT, CONSISTENCY, PROPORTIONS
    from fazhi_stats.schema.frames import write_table
    from fazhi_stats.schema.load import load_observations

    # the processed directory, not the root: during a build it is the staging copy
    directory = ctx.project.processed_dir
    observations = load_observations(directory)
    tables = {
        ATTAINMENT: assess_targets(observations),
        AMBITION: ambition_table(observations),
        CONSISTENCY: check_consistency(observations),
        PROPORTIONS: proportion_intervals(observations),
    }
    for schema, frame in tables.items():
        ctx.written += write_table(frame.to_dicts(), schema, directory)


def stage_evaluate(ctx: BuildContext) -> None:
    from fazhi_stats.extract.quality import evaluate_corpus

    corpus = ctx.results["corpus"]
    _, _, written = evaluate_corpus(
        corpus.documents,
        corpus.observations,
        annotated=sorted(p.stem for p in ctx.project.annotations_dir.glob("*.yml")),
        tables_dir=ctx.project.tables_dir,
        holdout=ctx.project.extraction_holdout_path,
    )
    ctx.written += written


def stage_datapackage(ctx: BuildContext) -> None:
    from fazhi_stats.schema.datapackage import write_datapackage

    ctx.written.append(write_datapackage(ctx.project))


STAGES: tuple[Stage, ...] = (
    Stage(
        "validate", "validate documents and annotations", "fazhi_stats.build.stages:stage_validate"
    ),
    Stage(
        "process",
        "write observations, documents, milestones, commitments",
        "fazhi_stats.build.stages:stage_process",
    ),
    Stage(
        "compare",
        "write attainment, ambition, consistency and proportions",
        "fazhi_stats.build.stages:stage_compare",
    ),
    Stage(
        "evaluate",
        "extraction against the annotations and the holdout set",
        "fazhi_stats.build.stages:stage_evaluate",
    ),
    Stage(
        "datapackage", "describe the processed files", "fazhi_stats.build.stages:stage_datapackage"
    ),
    Stage(
        "report",
        "figures (SVG, PNG) and tables (HTML) from the processed data",
        "fazhi_stats.build.report:stage_report",
    ),
    Stage(
        "site",
        "render the website into _site/ (quarto, or the nbclient fallback)",
        "fazhi_stats.build.site:stage_site",
        staged=False,
    ),
)


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


def _run(
    ctx: BuildContext,
    stages: Sequence[Stage],
    on_start: Callable[[Stage], None] | None,
    on_done: Callable[[Stage], None] | None,
) -> None:
    for stage in stages:
        if on_start:
            on_start(stage)
        stage.load()(ctx)
        if on_done:
            on_done(stage)


def run_stages(
    ctx: BuildContext,
    stages: Sequence[Stage] = STAGES,
    *,
    on_start: Callable[[Stage], None] | None = None,
    on_done: Callable[[Stage], None] | None = None,
) -> BuildContext:
    """Run ``stages`` in order: staged ones into a staging copy swapped in on success, then the rest."""
    staged = [s for s in stages if s.staged]
    unstaged = [s for s in stages if not s.staged]
    if staged:
        project = ctx.project
        with staged_outputs(project) as staging:
            ctx.project = staging
            try:
                _run(ctx, staged, on_start, on_done)
            finally:
                ctx.project = project
        out = staging.output_root
        assert out is not None
        ctx.written = [
            project.root / p.relative_to(out) if p.is_relative_to(out) else p for p in ctx.written
        ]
    _run(ctx, unstaged, on_start, on_done)
    return ctx
