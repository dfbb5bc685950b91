"""Shared helpers of the CLI commands: consoles, project discovery, error printing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fazhi_stats.errors import DataError, FazhiError
from fazhi_stats.project import Project


def add_root_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--root",
        type=Path,
        default=None,
        help="study directory (default: the one containing the working directory)",
    )


def project_of(args: argparse.Namespace) -> Project:
    return Project.discover(args.root) if args.root else Project.discover()


def print_error(exc: FazhiError) -> None:
    """Print a data error as a list of problems, without a traceback, to stderr."""
    if isinstance(exc, DataError) and exc.problems:
        n = len(exc.problems)
        print(f"error: {n} problem{'s' if n != 1 else ''} found:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  - {problem}", file=sys.stderr)
    else:
        print(f"error: {exc}", file=sys.stderr)
