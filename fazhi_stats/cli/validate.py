"""``fazhi-stats validate``: check documents and annotations; write nothing."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from fazhi_stats.cli._common import add_root_option, print_error, project_of
from fazhi_stats.errors import FazhiError


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check documents, sidecars and annotations (writes nothing)",
        description="Check every document against its sidecar (sha256, fields) and every annotation "
        "against its document and the registries, and the commitments of the plans with their "
        "corrections. Reports all problems; exit 1 if any.",
    )
    add_root_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from fazhi_stats.sources.corpus import validate_corpus

    try:
        project = project_of(args)
        corpus = validate_corpus(project)
    except FazhiError as exc:
        print_error(exc)
        return 1
    print(
        f"ok: {len(corpus.documents)} documents, {len(corpus.observations)} observations, "
        f"{len(corpus.milestones)} milestones, {len(corpus.commitments)} commitments",
        file=sys.stdout,
    )
    return 0
