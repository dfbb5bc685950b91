"""``fazhi-stats add-document``: a document copied into the study, with its sidecar written."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from fazhi_stats.cli._common import add_root_option, print_error, project_of
from fazhi_stats.errors import FazhiError


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _period(text: str) -> tuple[int, int]:
    from fazhi_stats.sources.adding import parse_period

    try:
        return parse_period(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from fazhi_stats.sources.adding import ID_RULE_TEXT
    from fazhi_stats.vocabulary import DOC_KINDS

    parser = subparsers.add_parser(
        "add-document",
        help="copy a document into the study and write its metadata sidecar",
        description="Copy FILE byte for byte into data/raw/documents/ID.txt, check that it is "
        "text (UTF-8, UTF-8 or UTF-16 with BOM, GB18030), and write ID.yml with its metadata "
        "and sha256. Nothing is written when anything is wrong; every problem is listed.",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="the document, as captured")
    parser.add_argument(
        "--id", required=True, dest="document_id", help=f"document id: {ID_RULE_TEXT}"
    )
    parser.add_argument(
        "--region", default=None, help="GB/T 2260 code (declare new ones in registry/regions.yml)"
    )
    parser.add_argument("--kind", required=True, choices=DOC_KINDS.ids, help="document kind")
    parser.add_argument(
        "--period", type=_period, default=None, help="year or years covered: 2020, 2014-2016"
    )
    parser.add_argument("--title", default=None, help="title in Chinese")
    parser.add_argument("--issuer", default=None, help="issuing body in Chinese")
    parser.add_argument("--issued", type=_date, default=None, help="date of issue, YYYY-MM-DD")
    parser.add_argument("--published", type=_date, default=None, help="date published, YYYY-MM-DD")
    parser.add_argument("--number", default=None, help="document number (文号)")
    parser.add_argument("--url", default=None, help="address of the original")
    parser.add_argument(
        "--note", default=None, help="remarks (required when the region is unknown)"
    )
    add_root_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from fazhi_stats.sources.adding import NewDocument, add_document

    title = args.title if args.title is not None else _title_of_text(args.file)
    new = NewDocument(
        document_id=args.document_id,
        region_code=args.region,
        doc_kind=args.kind,
        period=args.period,
        title_zh=title,
        issuer_zh=args.issuer,
        date_issued=args.issued,
        date_published=args.published,
        doc_number=args.number,
        source_url=args.url,
        note=args.note,
    )
    try:
        written = add_document(project_of(args), args.file, new)
    except FazhiError as exc:
        print_error(exc)
        return 1
    for path in written:
        print(f"wrote {path}", file=sys.stdout)
    if args.title is None and title is not None:
        print(
            f"title_zh: {title} (read from the text's title line; edit {written[1].name} if it "
            "is not the title)",
            file=sys.stderr,
        )
    elif args.title is None:
        print(
            f"title_zh: none (no line near the top reads as a report's or a plan's title; give "
            f"--title, or write it in {written[1].name})",
            file=sys.stderr,
        )
    print(
        f"next: fazhi-stats annotate --propose {new.document_id}, review the draft, then build",
        file=sys.stderr,
    )
    return 0


def _title_of_text(file: Path) -> str | None:
    """The title line of the text at ``file``, when it decodes (else add_document says why)."""
    from fazhi_stats.extract.sections import title_line
    from fazhi_stats.sources.documents import read_text

    try:
        text, _encoding = read_text(file)
    except (OSError, FazhiError):
        return None
    return title_line(text)
