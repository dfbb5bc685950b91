"""``fazhi-stats evaluate``: precision and recall of the extractor on the annotated documents."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from fazhi_stats.cli._common import add_root_option, print_error, project_of
from fazhi_stats.errors import FazhiError
from fazhi_stats.extract.quality import QUALITY_COLUMNS, Quality

TABLE_NAME = "extraction_quality.csv"


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "evaluate",
        help="precision and recall of the extractor against the annotations",
        description="Extract every annotated document and compare with its annotations: a claim "
        "matches an annotation with the same value whose quote its span overlaps. Prints "
        "precision, recall, and the accuracy of kind and indicator on matched pairs, and writes "
        f"them to reports/tables/{TABLE_NAME} (one row per document and a row 'all').",
    )
    add_root_option(parser)
    parser.add_argument(
        "--holdout",
        type=Path,
        default=None,
        metavar="FILE",
        help="also measure on a holdout file of texts with expected claims "
        "(printed, and written to extraction_quality_holdout.csv)",
    )
    parser.set_defaults(run=run)


def _print_table(title: str, rows: Sequence[Quality]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for column in QUALITY_COLUMNS:
        table.add_column(column, justify="left" if column == "document_id" else "right")
    for row in rows:
        cells = row.row()
        table.add_row(*(str(cells[c]) or "–" for c in QUALITY_COLUMNS))
    # a pipe or a log gets the whole table, not one cut to 80 columns
    Console(highlight=False, width=None if sys.stdout.isatty() else 160).print(table)


def run(args: argparse.Namespace) -> int:
    """Print the table(s) and write the CSV; 1 if the corpus or a holdout file is invalid."""
    from fazhi_stats.extract.quality import evaluate_corpus
    from fazhi_stats.sources.corpus import validate_corpus

    if args.holdout is not None and not args.holdout.is_file():
        print(f"error: {args.holdout}: no such holdout file", file=sys.stderr)
        return 1
    try:
        project = project_of(args)
        corpus = validate_corpus(project)
        rows, holdout, written = evaluate_corpus(
            corpus.documents,
            corpus.observations,
            annotated=sorted(p.stem for p in project.annotations_dir.glob("*.yml")),
            tables_dir=project.tables_dir,
            holdout=args.holdout,
        )
    except FazhiError as exc:
        print_error(exc)
        return 1
    except OSError as exc:
        print(f"error: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    _print_table("Extraction against the annotations", rows)
    if holdout is not None:
        _print_table(f"Extraction on the holdout set {args.holdout}", holdout[-1:])
    for path in written:
        print(f"wrote {path}")
    return 0
