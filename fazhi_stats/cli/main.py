"""The ``fazhi-stats`` command line: thin sub-commands over the library.

Exit codes: 0 ok, 1 data problems (listed, without a traceback), 2 usage errors.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from fazhi_stats import __version__

COMMANDS = ("build", "validate", "extract", "annotate", "audit", "evaluate")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fazhi-stats",
        description="Comparable, source-linked indicators from 法治政府建设 documents.",
    )
    parser.add_argument("--version", action="version", version=f"fazhi-stats {__version__}")
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
        code: int = args.run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
