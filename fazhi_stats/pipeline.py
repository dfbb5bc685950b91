"""The build: validate → process → compare → figures and tables → site.

Each stage reads only the outputs of the stages before it. A stage is a function taking the
project and the shared :class:`BuildContext`; the CLI shows progress per stage.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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

    def load(self) -> Callable[[BuildContext], None]:
        module, _, func = self.target.partition(":")
        fn: Callable[[BuildContext], None] = getattr(importlib.import_module(module), func)
        return fn


def stage_validate(ctx: BuildContext) -> None:
    from fazhi_stats.process import validate_corpus

    ctx.results["corpus"] = validate_corpus(ctx.project)


def stage_process(ctx: BuildContext) -> None:
    from fazhi_stats.process import write_processed

    ctx.written += write_processed(ctx.results["corpus"], ctx.project.processed_dir)


def stage_datapackage(ctx: BuildContext) -> None:
    from fazhi_stats.datapackage import write_datapackage

    ctx.written.append(write_datapackage(ctx.project))


STAGES: tuple[Stage, ...] = (
    Stage("validate", "validate documents and annotations", "fazhi_stats.pipeline:stage_validate"),
    Stage("process", "write observations, documents, milestones", "fazhi_stats.pipeline:stage_process"),
    Stage("datapackage", "describe the processed files", "fazhi_stats.pipeline:stage_datapackage"),
)


def run_stages(
    ctx: BuildContext,
    stages: Sequence[Stage] = STAGES,
    *,
    on_start: Callable[[Stage], None] | None = None,
    on_done: Callable[[Stage], None] | None = None,
) -> BuildContext:
    for stage in stages:
        if on_start:
            on_start(stage)
        stage.load()(ctx)
        if on_done:
            on_done(stage)
    return ctx
