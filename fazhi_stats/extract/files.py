"""Claims of many files: reading, decoding, the sidecar's genre and period, in parallel.

A text file may have a metadata sidecar beside it (``<name>.yml``). Its document kind and
period tell the extractor the genre and the years covered, exactly as the study's corpus does
for ``audit``: ``doc_kind``/``period`` (the study's format) or ``doc_type``/``year_covered``
(free text such as ``"2015 (plus 2016 plans)"``). A sidecar that cannot be read is ignored:
the text alone then decides.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sized
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from fazhi_stats._yaml import load_yaml_keys
from fazhi_stats.errors import DecodeError
from fazhi_stats.extract.claims import Claim, extract_claims
from fazhi_stats.extract.sections import Genre, Period, genre_of_kind, period_of

if TYPE_CHECKING:
    from fazhi_stats.sources.documents import Document, DocumentMeta

T = TypeVar("T")
_HINT_KEYS = ("doc_kind", "doc_type", "period", "year_covered")


@dataclass(frozen=True)
class DocumentHints:
    """What a sidecar says about a text: its genre and the years it covers (None: unknown)."""

    genre: Genre | None = None
    period: Period | None = None


def read_hints(text_path: Path) -> DocumentHints:
    """The genre and period from the sidecar beside ``text_path``, if there is a readable one.

    >>> read_hints(Path("no-such-file.txt"))
    DocumentHints(genre=None, period=None)
    """
    import yaml

    # the path with its suffix replaced, as Path.with_suffix makes it, by os.path: building
    # Path objects cost more than the check itself, once per file read
    sidecar = os.path.splitext(text_path)[0] + ".yml"  # noqa: PTH122
    # most texts have none: a failed stat costs less than a failed open. os.path.isfile, not
    # Path.is_file: that raises on a stat it may not make (PermissionError), this is False
    if not os.path.isfile(sidecar):  # noqa: PTH113
        return DocumentHints()
    try:
        # only the four fields read below are built: building a whole sidecar (titles, notes,
        # URLs) takes about as long as extracting a short document
        with open(sidecar, encoding="utf-8") as stream:  # noqa: PTH123
            data = load_yaml_keys(stream.read(), _HINT_KEYS)
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError):
        return DocumentHints()
    if not isinstance(data, dict):
        return DocumentHints()
    kind = data.get("doc_kind", data.get("doc_type"))
    period = data.get("period", data.get("year_covered"))
    return DocumentHints(genre_of_kind(kind if isinstance(kind, str) else None), period_of(period))


def hints_of_meta(meta: DocumentMeta) -> DocumentHints:
    """The genre and period of a study document's validated sidecar."""
    period = None
    if meta.period_start is not None and meta.period_end is not None:
        period = (meta.period_start, meta.period_end)
    return DocumentHints(genre_of_kind(meta.doc_kind), period)


def document_claims(document: Document) -> list[Claim]:
    """The claims of a study document, read with its sidecar's genre and period.

    ``audit``, ``evaluate`` and ``annotate --propose`` all read documents this way, and
    ``extract`` reads the same sidecar beside a file: one claim, one kind, one year.
    """
    hints = hints_of_meta(document.meta)
    return extract_claims(
        document.text, document_id=document.document_id, genre=hints.genre, period=hints.period
    )


@dataclass(frozen=True)
class FileClaims:
    """The claims of one file, or why the file could not be read (``error``)."""

    path: Path
    document: str
    claims: tuple[Claim, ...] = ()
    error: str | None = None
    n_bytes: int = 0


def document_name(path: Path, root: Path | None = None) -> str:
    """A file's document name: its path below ``root`` without suffix, or its stem."""
    if root is not None:
        return path.relative_to(root).with_suffix("").as_posix()
    return path.stem


def collect_files(paths: Iterable[Path]) -> Iterator[tuple[Path, str]]:
    """Files given and the ``*.txt`` files below directories given, each with its name.

    Directories are walked in sorted order, so the output order is deterministic.
    """
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*.txt") if p.is_file()):
                yield file, document_name(file, path)
        else:
            yield path, document_name(path)


def claims_in_file(item: tuple[Path, str]) -> FileClaims:
    """Read, decode and extract one file; problems become ``error``, never exceptions."""
    from fazhi_stats.sources.documents import decode_bytes

    path, name = item
    try:
        data = path.read_bytes()
    except OSError as exc:
        return FileClaims(path, name, error=exc.strerror or str(exc))
    try:
        text, _encoding = decode_bytes(data, source=str(path))
    except DecodeError as exc:
        reason = "; ".join(p.message for p in exc.problems) or str(exc)
        return FileClaims(path, name, error=reason, n_bytes=len(data))
    hints = read_hints(path)
    claims = extract_claims(text, document_id=name, genre=hints.genre, period=hints.period)
    return FileClaims(path, name, tuple(claims), n_bytes=len(data))


def warm_up() -> None:
    """Build the extractor's tables and patterns, and import what reading a file needs, now:
    worker processes forked afterwards share them instead of each building its own."""
    import yaml  # noqa: F401 - read_hints needs it

    from fazhi_stats.sources import documents  # noqa: F401 - claims_in_file needs it

    extract_claims("2020年共办理案件12件。")


def iter_file_results(
    files: Iterable[tuple[Path, str]],
    worker: Callable[[tuple[Path, str]], T],
    *,
    jobs: int = 1,
    chunksize: int | None = None,
) -> Iterator[T]:
    """``worker`` of each (path, document name) pair, in their order, in ``jobs`` processes.

    With ``jobs > 1`` a pool of processes runs the worker (``imap``) on tasks of up to 32
    files (:func:`pool_chunksize`): results come in the order of the files, as soon as their
    task is done, so only a few tasks' results are in memory at a time.
    """
    if jobs <= 1:
        yield from map(worker, files)
        return
    import multiprocessing

    if chunksize is None:
        chunksize = pool_chunksize(len(files) if isinstance(files, Sized) else None, jobs)
    warm_up()
    with multiprocessing.get_context().Pool(jobs) as pool:
        yield from pool.imap(worker, files, chunksize=chunksize)


_MAX_CHUNK = 32  # files a worker takes at a time, at most


def pool_chunksize(n_files: int | None, jobs: int) -> int:
    """Files per task of the pool: many, so that the parent passes few messages (each costs
    it a pipe read, an unpickling and a thread switch, while the workers want both cores),
    but a quarter of each worker's share at most, so that the work stays even at the end.

    >>> pool_chunksize(2500, 2), pool_chunksize(40, 2), pool_chunksize(3, 2), pool_chunksize(None, 2)
    (32, 5, 1, 4)
    """
    if n_files is None:
        return 4  # an iterator of unknown length: small tasks
    return max(1, min(_MAX_CHUNK, n_files // (4 * jobs)))


def iter_file_claims(
    files: Iterable[tuple[Path, str]], *, jobs: int = 1, chunksize: int | None = None
) -> Iterator[FileClaims]:
    """Claims of (path, document name) pairs, one :class:`FileClaims` each, in their order
    (see :func:`iter_file_results`)."""
    return iter_file_results(files, claims_in_file, jobs=jobs, chunksize=chunksize)


def iter_claims_in_files(paths: Iterable[Path], *, jobs: int = 1) -> Iterator[FileClaims]:
    """Claims of many files (directories stand for the ``*.txt`` below them), in file order.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = (Path(d) / "a.txt").write_text("共办理案件12件。", encoding="utf-8")
    ...     [(r.document, [c.value for c in r.claims]) for r in iter_claims_in_files([Path(d)])]
    [('a', [12.0])]
    """
    return iter_file_claims(collect_files(paths), jobs=jobs)
