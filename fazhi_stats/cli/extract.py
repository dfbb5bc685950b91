"""``fazhi-stats extract``: numeric claims of many files, streamed as JSON lines or CSV."""

from __future__ import annotations

import argparse
import contextlib
import csv
import functools
import io
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from json.encoder import encode_basestring
from pathlib import Path
from typing import IO, Any

from fazhi_stats.extract.claims import RECORD_FIELDS, Claim
from fazhi_stats.extract.files import claims_in_file, collect_files, iter_file_results

_PROGRESS_FROM = 10  # files; fewer finish before a bar would help


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not at least 1")
    return value


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="numeric claims of documents (files or directories of .txt) as JSON lines or CSV",
        description="Extract numeric claims (number, unit, qualifier, kind, indicator) with their "
        "offsets in each file's decoded text. Directories stand for the *.txt files below them. "
        "Results are written as they come, in file order; a file that cannot be decoded is "
        "reported on stderr and skipped (exit status 1 at the end).",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or directories")
    parser.add_argument(
        "--format", choices=("jsonl", "csv"), default="jsonl", help="output format (default jsonl)"
    )
    parser.add_argument(
        "--jobs", type=_positive_int, default=1, metavar="N", help="worker processes (default 1)"
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=None,
        metavar="FILE",
        help="write here (atomically) instead of to stdout",
    )
    parser.set_defaults(run=run)


_JSON = json.JSONEncoder(ensure_ascii=False)  # one encoder for every line, not one per call


def json_line(record: dict[str, Any]) -> str:
    """One claim record as a line of JSON (UTF-8 text kept as it is)."""
    return _JSON.encode(record) + "\n"


def claim_json_line(claim: Claim) -> str:
    """``json_line(claim.to_record())``, the same characters, written field by field.

    The general encoder walks a dict and asks each value its type; a claim's fields have
    known types, and a corpus has one line per number. A claim holding anything else (a
    value that is not a finite float, a count that is not an int) takes the general path.
    """
    d = claim.__dict__
    v, vu, vs, vsu = d["value"], d["value_upper"], d["value_std"], d["value_std_upper"]
    start, end, year = d["char_start"], d["char_end"], d["year"]
    if not (
        type(v) is float  # exactly float: a subclass may print otherwise
        and v - v == 0.0  # finite: JSON writes NaN and Infinity its own way
        and (vu is None or (type(vu) is float and vu - vu == 0.0))
        and (vs is None or (type(vs) is float and vs - vs == 0.0))
        and (vsu is None or (type(vsu) is float and vsu - vsu == 0.0))
        and type(start) is int
        and type(end) is int
        and (year is None or type(year) is int)
        and type(d["hedged"]) is bool
    ):
        return json_line(claim.to_record())
    text = encode_basestring
    doc, unit_std, per = d["document"], d["unit_std"], d["per"]
    indicator, label = d["indicator_id"], d["label"]
    return (
        f'{{"document": {"null" if doc is None else text(doc)}, "char_start": {start!r}, '
        f'"char_end": {end!r}, "text": {text(d["text"])}, "value": {v!r}, '
        f'"value_upper": {"null" if vu is None else repr(vu)}, "unit": {text(d["unit"])}, '
        f'"value_std": {"null" if vs is None else repr(vs)}, '
        f'"value_std_upper": {"null" if vsu is None else repr(vsu)}, '
        f'"unit_std": {"null" if unit_std is None else text(unit_std)}, '
        f'"comparator": {text(d["comparator"])}, "kind": {text(d["kind"])}, '
        f'"year": {"null" if year is None else repr(year)}, '
        f'"per": {"null" if per is None else text(per)}, '
        f'"hedged": {"true" if d["hedged"] else "false"}, "family": {text(d["family"])}, '
        f'"indicator_id": {"null" if indicator is None else text(indicator)}, '
        f'"label": {"null" if label is None else text(label)}, '
        f'"sentence": {text(d["sentence"])}}}\n'
    )


def csv_lines(records: Iterable[dict[str, Any]]) -> str:
    """Claim records as CSV rows (without the header)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, RECORD_FIELDS, lineterminator="\n")
    writer.writerows(records)
    return buffer.getvalue()


@dataclass(frozen=True)
class FileOutput:
    """The output text of one file's claims, formatted where they were extracted.

    Workers send text rather than claim objects: a string crosses between processes at a
    fraction of the cost of pickling every claim.
    """

    path: Path
    document: str
    text: str = ""
    n_claims: int = 0
    error: str | None = None


def formatted_claims(item: tuple[Path, str], fmt: str = "jsonl") -> FileOutput:
    """Extract one file and format its claims as JSON lines or CSV rows."""
    result = claims_in_file(item)
    if fmt == "csv":
        text = csv_lines(c.to_record() for c in result.claims)
    else:
        text = "".join(map(claim_json_line, result.claims))
    return FileOutput(result.path, result.document, text, len(result.claims), result.error)


@contextlib.contextmanager
def _output(path: Path | None) -> Iterator[IO[str]]:
    """stdout, or a temporary file renamed to ``path`` only when everything was written."""
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    from fazhi_stats.io import atomic_path

    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline="") as stream:
        yield stream


def _progress_results(files: list[tuple[Path, str]], jobs: int, fmt: str) -> Iterator[FileOutput]:
    """Results with a progress bar on stderr when there are many files and a terminal."""
    worker = functools.partial(formatted_claims, fmt=fmt)
    if len(files) < _PROGRESS_FROM or not _may_be_a_terminal(sys.stderr):
        yield from iter_file_results(files, worker, jobs=jobs)  # no bar: rich is not imported
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    console = Console(stderr=True)
    show = console.is_terminal
    columns = ("{task.description}", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, disable=not show, transient=True) as progress:
        task = progress.add_task("extracting", total=len(files))
        for result in iter_file_results(files, worker, jobs=jobs):
            yield result
            progress.advance(task)


def _may_be_a_terminal(stream: IO[str]) -> bool:
    """False when ``stream`` is surely no terminal (a file or a pipe, and rich is not told to
    treat it as one): then the progress bar's library need not be imported at all."""
    if os.environ.get("FORCE_TERMINAL") or os.environ.get("TTY_INTERACTIVE"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def run(args: argparse.Namespace) -> int:
    """Stream the claims of every file; report unreadable files and return 1 if any."""
    files = list(collect_files(args.paths))
    n_claims = n_skipped = 0
    try:
        with _output(args.output) as stream:
            if args.format == "csv":
                stream.write(",".join(RECORD_FIELDS) + "\n")
            for result in _progress_results(files, args.jobs, args.format):
                if result.error is not None:
                    n_skipped += 1
                    print(f"{result.path}: {result.error} (skipped)", file=sys.stderr)
                    continue
                stream.write(result.text)
                n_claims += result.n_claims
    except BrokenPipeError:
        # the reader stopped early (| head): not an error; keep Python from reporting it at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        where = args.output or "stdout"
        print(f"error: cannot write {where}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    n_read = len(files) - n_skipped
    summary = f"{n_claims} claims from {n_read} file{'s' if n_read != 1 else ''}"
    print(summary + (f"; {n_skipped} skipped" if n_skipped else ""), file=sys.stderr)
    return 1 if n_skipped else 0
