"""``fazhi-stats evaluate``: how well the extractor does, on the study or on a gold file."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from fazhi_stats.cli._common import add_root_option, print_error, project_of
from fazhi_stats.errors import FazhiError
from fazhi_stats.extract.quality import QUALITY_COLUMNS, Comparison, Quality, kind_agrees

TABLE_NAME = "extraction_quality.csv"


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "evaluate",
        help="precision, recall and attribute accuracy of the extractor",
        description="Without --gold: extract every annotated document of the study and compare "
        f"with its annotations; write reports/tables/{TABLE_NAME} (one row per document and a "
        "row 'all'). With --gold FILE [DIR]: compare with a gold file of hand-labelled numeric "
        "tokens (every claim and non-claim of some texts, paths relative to DIR, default the "
        "gold file's folder). A claim matches an expected one with the same value whose span "
        "it overlaps; precision, recall, and the accuracy of kind, indicator, year and family "
        "on matched pairs are printed.",
    )
    add_root_option(parser)
    parser.add_argument(
        "--gold", type=Path, default=None, metavar="FILE", help="a gold file (JSON) to score"
    )
    parser.add_argument(
        "dir",
        nargs="?",
        type=Path,
        default=None,
        metavar="DIR",
        help="with --gold: the folder its file paths are relative to",
    )
    parser.add_argument(
        "--output", type=Path, default=None, metavar="FILE", help="with --gold: write the CSV here"
    )
    parser.add_argument(
        "--errors",
        action="store_true",
        help="also list false positives, misses and wrong kinds, years and families",
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
    Console(highlight=False, width=None if sys.stdout.isatty() else 200).print(table)


def _print_errors(comparisons: Sequence[Comparison]) -> None:
    """Each disagreement on one line: document, span, what the extractor said, what was expected."""
    for comparison in comparisons:
        doc = comparison.document_id
        for c in comparison.extra_claims:
            print(f"{doc} {c.char_start}-{c.char_end} false positive {c.text!r}")
        for e in comparison.missed:
            print(f"{doc} {e.char_start}-{e.char_end} missed {e.label!r} ({e.value:g})")
        for c, e in comparison.matched:
            wrong = [] if kind_agrees(c, e) else [f"kind {c.kind!r} (expected {e.kind!r})"]
            wrong += [
                f"{name} {got!r} (expected {want!r})"
                for name, got, want, checked in (
                    ("year", c.year, e.year, e.year_labelled),
                    ("family", c.family, e.family, e.family is not None),
                    ("indicator", c.indicator_id, e.indicator_id, e.indicator_labelled),
                )
                if checked and got != want
            ]
            if wrong:
                print(f"{doc} {c.char_start}-{c.char_end} {c.text!r}: " + "; ".join(wrong))


def _run_gold(args: argparse.Namespace) -> int:
    from fazhi_stats.extract.gold import compare_gold
    from fazhi_stats.extract.quality import quality_table, write_quality_csv

    comparisons = compare_gold(args.gold, args.dir)
    rows = quality_table(comparisons)
    _print_table(f"Extraction against {args.gold}", rows)
    if args.errors:
        _print_errors(comparisons)
    if args.output is not None:
        write_quality_csv(args.output, rows)
        print(f"wrote {args.output}")
    return 0


def run(args: argparse.Namespace) -> int:
    """Print the table and write the CSV; 1 if the corpus or the gold file is invalid."""
    from fazhi_stats.extract.quality import compare_documents, quality_table, write_quality_csv
    from fazhi_stats.sources.corpus import validate_corpus

    if args.gold is None and (args.dir is not None or args.output is not None):
        print("error: DIR and --output go with --gold FILE", file=sys.stderr)
        return 2
    try:
        if args.gold is not None:
            return _run_gold(args)
        project = project_of(args)
        corpus = validate_corpus(project)
        annotated = sorted(p.stem for p in project.annotations_dir.glob("*.yml"))
        comparisons = compare_documents(
            corpus.documents, corpus.observations, document_ids=annotated
        )
        rows = quality_table(comparisons)
        path = project.tables_dir / TABLE_NAME
        write_quality_csv(path, rows)
    except FazhiError as exc:
        print_error(exc)
        return 1
    except OSError as exc:
        print(f"error: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    _print_table("Extraction against the annotations", rows)
    if args.errors:
        _print_errors(comparisons)
    print(f"wrote {path}")
    return 0
