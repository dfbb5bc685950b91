"""The ``fazhi-stats`` command line: thin sub-commands over the library.

Exit codes: 0 ok, 1 data problems (listed, without a traceback), 2 usage errors.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import sys
from collections.abc import Sequence
from typing import Any

from fazhi_stats.cli._common import print_error
from fazhi_stats.errors import FazhiError

# command modules of this package, in the order `fazhi-stats --help` lists them
COMMANDS = (
    "init",
    "add_document",
    "annotate",
    "validate",
    "build",
    "extract",
    "audit",
    "evaluate",
)


class _VersionAction(argparse.Action):
    """``--version``: the installed version, looked up only when asked for (reading the
    package metadata costs more than building the whole parser)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        kwargs.update(nargs=0, default=argparse.SUPPRESS)
        super().__init__(option_strings, argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from fazhi_stats import __version__

        print(f"fazhi-stats {__version__}")
        parser.exit()


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fazhi-stats",
        description="Comparable, source-linked indicators from 法治政府建设 documents.",
    )
    parser.add_argument("--version", action=_VersionAction, help="show the version and exit")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"fazhi_stats.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"fazhi_stats.cli.{name}":
                raise
            continue  # a command whose module is not installed in this version
        module.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help(sys.stderr)
        return 2
    try:
        with _study_registry(args):
            code: int = args.run(args)
    except FazhiError as exc:  # the study's own registry is invalid
        print_error(exc)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    return code


def _study_registry(args: argparse.Namespace) -> contextlib.AbstractContextManager[object]:
    """The registry of the study the command works in (when it works in one)."""
    from fazhi_stats.project import Project
    from fazhi_stats.registry import use_registry

    if not hasattr(args, "root"):
        return contextlib.nullcontext()
    try:
        project = Project.discover(args.root) if args.root else Project.discover()
    except FazhiError:  # no study here: the command says so itself
        return contextlib.nullcontext()
    return use_registry(project.registry)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
