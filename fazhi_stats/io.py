"""Writing outputs: atomically, with stable bytes.

Every file is written to a temporary file in the same directory and renamed into place, so a
failed build never leaves a half-written output. Numbers are formatted with :func:`format_value`
(shortest round-trip representation, no trailing ``.0``), so the same data gives the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_umask()


def format_value(value: Any) -> str:
    """Stable text for a cell: '' for missing, shortest float repr, ISO dates, true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def neutralise_formula(text: str) -> str:
    """Prefix a text cell that a spreadsheet would run as a formula with an apostrophe.

    Only for exports meant for spreadsheets; the data files keep quotes verbatim so that
    ``quote == text[char_start:char_end]`` holds.
    """
    return "'" + text if text.startswith(_FORMULA_PREFIXES) else text


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file and a rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).chmod(_FILE_MODE)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def atomic_path(path: Path) -> Any:
    """A temporary path to write to; renamed to ``path`` only if the block succeeds."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        Path(tmp).chmod(_FILE_MODE)
        Path(tmp).replace(path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def csv_bytes(
    rows: Iterable[Mapping[str, Any]], columns: Sequence[str], *, for_spreadsheet: bool = False
) -> bytes:
    """CSV (UTF-8, LF line ends, minimal quoting) of ``rows`` restricted to ``columns``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        cells = [format_value(row.get(c)) for c in columns]
        if for_spreadsheet:
            cells = [
                neutralise_formula(cell) if isinstance(row.get(c), str) else cell
                for cell, c in zip(cells, columns, strict=True)
            ]
        writer.writerow(cells)
    return buffer.getvalue().encode("utf-8")


def write_csv(path: Path, rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> None:
    atomic_write_bytes(path, csv_bytes(rows, columns))


def json_bytes(data: Any) -> bytes:
    """Pretty, key-sorted JSON with a final newline."""
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def swap_directory(new: Path, target: Path) -> None:
    """Replace the directory ``target`` by ``new`` with two renames (same file system).

    If the second rename fails, the old directory is put back; the old one is deleted last.
    """
    target = Path(target)
    old: Path | None = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{time.time_ns()}")
        target.rename(old)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        Path(new).rename(target)
    except BaseException:
        if old is not None:
            old.rename(target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
