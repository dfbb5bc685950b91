"""``fazhi-stats audit``: where the extractor and a document's annotations disagree."""

from __future__ import annotations

import argparse
import sys

from fazhi_stats.cli._common import add_root_option, print_error, project_of
from fazhi_stats.errors import FazhiError


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "audit",
        help="claims of a document without an annotation, and annotations the extractor misses",
        description="Run the extractor on one annotated document and list (1) claims that match "
        "no annotation (same value, overlapping quote) and (2) annotations no claim matches. "
        "Use it to find observations the annotators left out, and numbers the extractor "
        "should not emit.",
    )
    parser.add_argument("document_id", metavar="DOCUMENT_ID", help="a document id of the study")
    add_root_option(parser)
    parser.set_defaults(run=run)


def _context(text: str, start: int, end: int, width: int = 16) -> str:
    before = text[max(0, start - width) : start].replace("\n", " ")
    after = text[end : end + width].replace("\n", " ")
    return f"…{before}[{text[start:end]}]{after}…"


def run(args: argparse.Namespace) -> int:
    """Print both lists; 1 only if the document or its annotations cannot be loaded."""
    from fazhi_stats.extract.files import document_claims
    from fazhi_stats.extract.quality import Expected, compare
    from fazhi_stats.sources.corpus import validate_corpus

    try:
        corpus = validate_corpus(project_of(args))
    except FazhiError as exc:
        print_error(exc)
        return 1
    doc = corpus.documents.get(args.document_id)
    if doc is None:
        known = ", ".join(sorted(corpus.documents)) or "none"
        print(f"error: no document {args.document_id!r} (documents: {known})", file=sys.stderr)
        return 1
    expected = [
        Expected.from_observation(o)
        for o in corpus.observations
        if o.document_id == args.document_id
    ]
    claims = document_claims(doc)  # with the sidecar's genre and period, as `extract` reads it
    result = compare(args.document_id, claims, expected)
    print(
        f"{args.document_id}: {len(claims)} claims, {len(expected)} annotations, "
        f"{len(result.matched)} matched"
    )
    print(f"\nclaims without an annotation ({len(result.extra_claims)}):")
    for c in result.extra_claims:
        print(
            f"  {c.char_start}-{c.char_end}  {c.value:g} {c.unit}  {c.kind}  {c.year or '-'}  "
            f"{c.family}  {c.indicator_id or '-'}  {_context(doc.text, c.char_start, c.char_end)}"
        )
    print(f"\nannotations the extractor misses ({len(result.missed)}):")
    for e in result.missed:
        print(f"  {e.char_start}-{e.char_end}  {e.value:g}  {e.kind}  {e.indicator_id}  {e.label}")
    return 0
