"""``fazhi-stats build``: the whole study, stage by stage."""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path
from typing import Any

from fazhi_stats.cli._common import add_root_option, print_error, project_of
from fazhi_stats.errors import FazhiError


def add_parser(subparsers: Any) -> None:
    from fazhi_stats.build.order import STAGE_NAMES  # not the stages: --help stays quick

    parser = subparsers.add_parser(
        "build",
        help="build the study: process, compare, evaluate, figures and tables, site",
        description="Validate the corpus, write data/processed, then the later stages. Outputs are "
        "written atomically; a failing stage leaves earlier outputs as they were. Stages: "
        + ", ".join(STAGE_NAMES)
        + ".",
    )
    add_root_option(parser)
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="STAGE",
        help="run only these stages (in build order), from the files on disk",
    )
    parser.set_defaults(run=run)


def inputs_summary(paths: tuple[Path, ...], root: Path) -> str:
    """``data/raw/documents (10 files), study.yml`` — where a stage's inputs came from."""
    folders: Counter[str] = Counter()
    for path in paths:
        rel = path.relative_to(root) if path.is_relative_to(root) else path
        folders[str(rel.parent) if len(paths) > 3 and rel.parent != Path() else str(rel)] += 1
    return ", ".join(
        f"{where} ({n} files)" if n > 1 else where for where, n in sorted(folders.items())
    )


def run(args: argparse.Namespace) -> int:
    from rich.console import Console

    from fazhi_stats.build.pipeline import AnyStage, run_stages, select_stages
    from fazhi_stats.build.stage import StageRun

    console = Console(stderr=True, highlight=False)
    started: dict[str, float] = {}
    finished: list[AnyStage] = []
    try:
        stages = select_stages(args.only)
    except FazhiError as exc:  # a usage error: exit 2
        print_error(exc)
        return 2
    try:
        project = project_of(args)

        def on_start(stage: AnyStage) -> None:
            started[stage.name] = time.perf_counter()
            console.print(f"[bold]▶ {stage.name}[/bold]: {stage.description} …")

        def on_done(stage: AnyStage, done: StageRun) -> None:
            finished.append(stage)
            seconds = time.perf_counter() - started[stage.name]
            console.print(
                f"  [green]✓[/green] {stage.name} ({seconds:.1f} s); read "
                f"{inputs_summary(done.inputs, project.root) or 'nothing'}"
            )

        result = run_stages(project, stages, on_start=on_start, on_done=on_done)
    except FazhiError as exc:
        print_error(exc)
        failed = next((s for s in stages if s.name in started and s not in finished), None)
        if failed is not None and not failed.staged:
            kept = f"the previous {failed.name} output is unchanged; data, figures and tables were updated"
        else:
            kept = (
                "data/processed, reports/figures, reports/tables and _site are as before this build"
            )
        where = f"at stage {failed.name}" if failed else "before any stage ran"
        console.print(f"[red]build stopped[/red] {where}: {kept}")
        return 1
    for notice in result.notices:
        console.print(f"[yellow]notice:[/yellow] {notice}")
    console.print(f"[green]build complete[/green]: {len(result.written)} files written")
    return 0
