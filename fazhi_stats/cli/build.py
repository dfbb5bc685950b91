"""``fazhi-stats build``: the whole study, stage by stage."""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from fazhi_stats.cli._common import add_root_option, print_error, project_of
from fazhi_stats.errors import FazhiError


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "build",
        help="build the study: validate, process, compare, figures and tables, site",
        description="Validate the corpus, write data/processed, then the later stages. Outputs are "
        "written atomically; a failing stage leaves earlier outputs as they were.",
    )
    add_root_option(parser)
    parser.add_argument(
        "--only", nargs="+", metavar="STAGE", help="run only these stages (in build order)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from rich.console import Console

    from fazhi_stats.build.stages import STAGES, BuildContext, Stage, run_stages

    console = Console(stderr=True, highlight=False)
    stages = STAGES
    if args.only:
        unknown = sorted(set(args.only) - {s.name for s in STAGES})
        if unknown:
            print(
                f"error: unknown stage(s) {unknown}; stages: {[s.name for s in STAGES]}",
                file=sys.stderr,
            )
            return 2
        stages = tuple(s for s in STAGES if s.name in args.only)
    started: dict[str, float] = {}
    finished: set[str] = set()

    def on_start(stage: Stage) -> None:
        started[stage.name] = time.perf_counter()
        console.print(f"[bold]▶ {stage.name}[/bold]: {stage.description} …")

    def on_done(stage: Stage) -> None:
        finished.add(stage.name)
        console.print(
            f"  [green]✓[/green] {stage.name} ({time.perf_counter() - started[stage.name]:.1f} s)"
        )

    try:
        ctx = BuildContext(project_of(args))
        run_stages(ctx, stages, on_start=on_start, on_done=on_done)
    except FazhiError as exc:
        print_error(exc)
        failed = next((s for s in stages if s.name in started and s.name not in finished), None)
        if failed is not None and not failed.staged:
            kept = f"the previous {failed.name} output is unchanged; data, figures and tables were updated"
        else:
            kept = (
                "data/processed, reports/figures, reports/tables and _site are as before this build"
            )
        console.print(f"[red]build stopped[/red] at stage {failed.name if failed else '?'}: {kept}")
        return 1
    for notice in ctx.notices:
        console.print(f"[yellow]notice:[/yellow] {notice}")
    console.print(f"[green]build complete[/green]: {len(ctx.written)} files written")
    return 0
