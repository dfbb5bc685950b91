"""``fazhi-stats annotate --propose``: a draft annotation file from the extractor's claims."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fazhi_stats.cli._common import add_root_option, print_error, project_of
from fazhi_stats.errors import FazhiError

if TYPE_CHECKING:
    from fazhi_stats.extract.claims import Claim


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "annotate",
        help="propose a draft annotation file for a document (entries marked reviewed: false)",
        description="Write a draft <document_id>.yml in the format of data/raw/annotations: one "
        "entry per claim the extractor finds, with a quote unique in the document, the kind and "
        "the indicator id where known, each marked reviewed: false. An existing file is kept "
        "unless --force; the file is written atomically.",
    )
    parser.add_argument(
        "document",
        metavar="DOCUMENT",
        help="a document id of the study, or the path of a text file",
    )
    parser.add_argument(
        "--propose",
        action="store_true",
        required=True,
        help="propose entries from the extractor (the only mode so far)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=None,
        metavar="FILE",
        help="where to write (default: <annotations dir>/<document_id>.yml)",
    )
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")
    add_root_option(parser)
    parser.set_defaults(run=run)


def _locate(document: str, args: argparse.Namespace) -> tuple[Path, str, Path]:
    """(text file, document id, output file) for a document id or a path."""
    given = Path(document)
    if given.is_file():
        if args.output is not None:
            return given, given.stem, args.output
        project = project_of(args)
        return given, given.stem, project.annotations_dir / f"{given.stem}.yml"
    project = project_of(args)
    text_path = project.documents_dir / f"{document}.txt"
    if not text_path.is_file():
        known = sorted(p.stem for p in project.documents_dir.glob("*.txt"))
        raise FazhiError(
            f"no document {document!r}: neither a file nor an id in {project.documents_dir} "
            f"(ids: {', '.join(known) or 'none'})"
        )
    return text_path, document, args.output or project.annotations_dir / f"{document}.yml"


def run(args: argparse.Namespace) -> int:
    """Write the draft; 1 if the document cannot be read or the file exists (without --force)."""
    from fazhi_stats.extract.files import read_hints
    from fazhi_stats.extract.propose import annotation_draft, draft_yaml, proposed_entries
    from fazhi_stats.io import atomic_write_bytes
    from fazhi_stats.sources.documents import read_text

    try:
        text_path, document_id, output = _locate(args.document, args)
        if output.exists() and not args.force:
            print(
                f"error: {output} exists; it may hold reviewed annotations. "
                "Use --force to overwrite it, or --output to write elsewhere.",
                file=sys.stderr,
            )
            return 1
        text, _encoding = read_text(text_path)
        hints = read_hints(text_path)  # the sidecar's genre and period, as `extract` reads them
        proposed = proposed_entries(
            text,
            document_id,
            genre=hints.genre,
            period=hints.period,
            scope=_draft_scope(text_path),
        )
        draft = annotation_draft(document_id, [entry for _, entry in proposed])
        written = [output]
        atomic_write_bytes(output, draft_yaml(draft).encode("utf-8"))
        drafts = _write_draft_indicators(draft, text, text_path)
        if drafts is not None:
            written.append(drafts)
    except FazhiError as exc:
        print_error(exc)
        return 1
    except OSError as exc:
        print(f"error: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    n = len(draft["observations"])
    unclassified = sum(1 for e in draft["observations"] if e["indicator_id"] is None)
    print(
        f"wrote {output}: {n} proposed observation{'s' if n != 1 else ''} (reviewed: false), "
        f"{unclassified} of them unclassified"
    )
    if len(written) > 1:
        print(
            f"wrote {written[1]}: draft indicators for them, to review and move into "
            f"{written[1].parent.parent / 'indicators.yml'}"
        )
    _tell_uncommitted(text_path, proposed)
    return 0


def _draft_scope(text_path: Path) -> str | None:
    """Who the numbers of a document are about, as a draft: its issuer, else its region."""
    from fazhi_stats.registry import load_regions
    from fazhi_stats.sources.documents import read_sidecar

    sidecar = text_path.with_suffix(".yml")
    if not sidecar.is_file():
        return None
    try:
        meta = read_sidecar(sidecar)
    except FazhiError:
        return None
    region = load_regions().get(meta.region_code or "")
    return meta.issuer_zh or (region.name_zh if region else None)


def _write_draft_indicators(draft: dict[str, object], text: str, text_path: Path) -> Path | None:
    """Append draft indicators for the unclassified numbers to registry/drafts/indicators.yml
    of the study the document belongs to (kept apart: the build does not read drafts); none
    for a text outside a study's documents folder."""
    from fazhi_stats.extract.propose import add_draft_indicators
    from fazhi_stats.project import Project

    try:
        project = Project.discover(text_path.parent)
    except FazhiError:  # a text outside any study: no registry to draft into
        return None
    if text_path.resolve().parent != project.documents_dir.resolve():
        return None
    path = project.registry_dir / "drafts" / "indicators.yml"
    return path if add_draft_indicators(path, draft, text) else None


def _tell_uncommitted(text_path: Path, proposed: list[tuple[Claim, dict[str, Any]]]) -> None:
    """Name the proposed observations that lie where the document holds commitments but in
    none of them (a plan's indicator table, say): ``validate`` refuses them until the curator
    gives each a commitment or deletes it."""
    from fazhi_stats.sources.commitments.build import outside_commitments
    from fazhi_stats.sources.documents import load_source

    if not text_path.with_suffix(".yml").is_file():
        return  # not a study document: it has no commitments yet
    try:
        document = load_source(text_path)
    except FazhiError:
        return  # validate names what is wrong with the sidecar
    outside = set(outside_commitments(document, [(c.char_start, c.char_end) for c, _ in proposed]))
    quotes = [e["quote"] for c, e in proposed if (c.char_start, c.char_end) in outside]
    if quotes:
        n = len(quotes)
        print(
            f"note: {n} proposed observation{'s lie' if n != 1 else ' lies'} in no commitment "
            f"of the document, which validate refuses: {'; '.join(quotes)}. Give each a "
            "commitment (an `add` correction under `commitments:` of the annotation file) or "
            "delete it.",
            file=sys.stderr,
        )
