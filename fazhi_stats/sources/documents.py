"""Documents and their metadata sidecars.

A corpus directory holds ``<document_id>.txt`` (the source text, byte for byte) and
``<document_id>.yml`` (its metadata). :func:`load_sources` validates both and decodes the text.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast, get_args

from fazhi_stats._yaml import read_yaml
from fazhi_stats.errors import DataError, DecodeError, FazhiError, Problem
from fazhi_stats.text.textmap import NormalisedText, normalise_text

DocKind = Literal["plan", "work_points", "report", "national"]
Encoding = Literal["utf-8", "utf-8-sig", "utf-16", "gb18030"]
SIDECAR_FIELDS = (
    "document_id",
    "title_zh",
    "issuer_zh",
    "region_code",
    "doc_kind",
    "period",
    "date_issued",
    "date_published",
    "doc_number",
    "source_file",
    "source_url",
    "sha256",
)
_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class DocumentMeta:
    """The sidecar of a document. Dates and fields the source does not give are None."""

    document_id: str
    title_zh: str
    issuer_zh: str | None
    region_code: str | None
    doc_kind: DocKind
    period_start: int | None
    period_end: int | None
    date_issued: dt.date | None
    date_published: dt.date | None
    doc_number: str | None
    source_file: str | None
    source_url: str | None
    sha256: str
    licence: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Document:
    meta: DocumentMeta
    text: str
    encoding: Encoding
    path: Path

    @property
    def document_id(self) -> str:
        return self.meta.document_id

    def normalised(self) -> NormalisedText:
        """NFKC, whitespace-collapsed view whose spans map back to offsets in :attr:`text`."""
        return normalise_text(self.text)


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# Control characters (but not line breaks and tabs), private-use code points and the replacement
# character: what binary data or a wrong encoding leaves in decoded text.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ufffd]")


def _looks_like_text(text: str) -> bool:
    if not text:
        return True
    bad = len(_NOT_TEXT.findall(text))
    return bad / len(text) < 0.001


def _not_a_character(ch: str) -> bool:
    """A control (but a tab or line end), private-use, surrogate or unassigned code point."""
    return ch not in "\r\t\f\v" and unicodedata.category(ch) in ("Cn", "Co", "Cs", "Cc")


def _check_declared(
    text: str, encoding: str, source: str, byte_offset: Callable[[str], int]
) -> None:
    """A text whose byte-order mark declares its encoding must decode to text, every character.

    Bytes that are not in that encoding often still decode (UTF-16 reads any even number of
    bytes), into control characters, private-use or unassigned code points: refuse them, naming
    the first one and where it is.
    """
    line_start = 0
    for line in text.split("\n"):
        start, line_start = line_start, line_start + len(line) + 1
        if line.isprintable():  # the common case, at C speed
            continue
        bad = next((j for j, ch in enumerate(line) if _not_a_character(ch)), None)
        if bad is None:
            continue
        i, ch = start + bad, line[bad]
        raise DecodeError(
            [
                Problem(
                    source,
                    "",
                    f"its byte-order mark declares {encoding}, but the bytes do not decode "
                    f"cleanly: U+{ord(ch):04X} at character {i} (byte {byte_offset(text[:i])})",
                    f"{encoding} text, or no byte-order mark",
                )
            ]
        )


def decode_bytes(data: bytes, *, source: str = "<bytes>") -> tuple[str, Encoding]:
    """Decode a document: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK.

    The encoding is detected, not guessed: a BOM decides, and the bytes after it must decode
    cleanly (every character text: no control, private-use or unassigned code point);
    otherwise strict UTF-8 is tried, then strict GB18030, and a GB18030 result is accepted only
    if it reads as text. Empty, binary and undecodable input raise DecodeError naming
    ``source`` and, where the bytes go wrong, the offset.
    """
    if not data:
        raise DecodeError([Problem(source, "", "the document is empty", "a non-empty text file")])
    if data.startswith(codecs.BOM_UTF8):
        try:
            text = data[len(codecs.BOM_UTF8) :].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DecodeError(
                [
                    Problem(
                        source,
                        "",
                        f"UTF-8 BOM but invalid UTF-8 at byte {exc.start + len(codecs.BOM_UTF8)}",
                        "UTF-8 text after the byte-order mark",
                    )
                ]
            ) from None
        _check_declared(
            text, "UTF-8", source, lambda head: len(codecs.BOM_UTF8) + len(head.encode())
        )
        return text, "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeError(
                [
                    Problem(
                        source,
                        "",
                        f"UTF-16 BOM but invalid UTF-16 at byte {exc.start + 2}: {exc.reason}",
                        "UTF-16 text after the byte-order mark",
                    )
                ]
            ) from None
        little = data.startswith(codecs.BOM_UTF16_LE)
        codec = "utf-16-le" if little else "utf-16-be"
        _check_declared(text, "UTF-16", source, lambda head: 2 + len(head.encode(codec)))
        return text, "utf-16"
    if b"\x00" in data:
        raise DecodeError(
            [
                Problem(
                    source,
                    "",
                    "binary data (NUL bytes), not a text document",
                    "UTF-8 or GB18030 text",
                )
            ]
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise DecodeError(
                [
                    Problem(
                        source,
                        "",
                        f"neither UTF-8 (bad byte at {utf8_error.start}) nor GB18030",
                        "UTF-8, UTF-8 with BOM, UTF-16 with BOM or GB18030/GBK text",
                    )
                ]
            ) from None
        if not _looks_like_text(text):
            raise DecodeError(
                [
                    Problem(
                        source,
                        "",
                        "bytes decode as GB18030 but do not read as text",
                        "UTF-8 or GB18030 text",
                    )
                ]
            ) from None
        return text, "gb18030"
    if not _looks_like_text(text):
        raise DecodeError(
            [Problem(source, "", "control characters in the text; binary file?", "plain text")]
        )
    return text, "utf-8"


def read_text(path: Path) -> tuple[str, Encoding]:
    """Decode the file at ``path`` (see :func:`decode_bytes`)."""
    return decode_bytes(Path(path).read_bytes(), source=str(path))


def _date(value: Any, file: Path, name: str, problems: list[Problem]) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        problems.append(Problem(str(file), name, f"not an ISO date: {value!r}", "YYYY-MM-DD"))
        return None


def read_sidecar(path: Path) -> DocumentMeta:
    """Read and validate one ``<document_id>.yml`` sidecar (not the text it describes)."""
    data = read_yaml(path)
    problems: list[Problem] = []
    if not isinstance(data, dict):
        raise DataError([Problem(str(path), "", "expected a mapping of metadata fields")])
    for key in SIDECAR_FIELDS:
        if key not in data:
            problems.append(
                Problem(str(path), key, "missing field", "every sidecar field, null where unknown")
            )
    doc_id = str(data.get("document_id", ""))
    if doc_id != path.stem:
        problems.append(
            Problem(
                str(path), "document_id", f"{doc_id!r} differs from the file name {path.stem!r}"
            )
        )
    if not _ID_RE.fullmatch(doc_id):
        problems.append(
            Problem(
                str(path),
                "document_id",
                f"{doc_id!r} is not a readable id",
                "lower-case-words-with-dashes",
            )
        )
    kind = data.get("doc_kind")
    if kind not in get_args(DocKind):
        problems.append(
            Problem(str(path), "doc_kind", f"unknown kind {kind!r}", f"one of {get_args(DocKind)}")
        )
    region = data.get("region_code")
    if region is not None:
        from fazhi_stats.registry import load_regions

        region = str(region)
        if region not in load_regions():
            problems.append(
                Problem(
                    str(path),
                    "region_code",
                    f"unknown region {region!r}",
                    "a code in the region registry",
                )
            )
    elif not data.get("note"):
        problems.append(
            Problem(str(path), "region_code", "null without a note saying why", "a note")
        )
    period = data.get("period") or [None, None]
    if not (isinstance(period, list) and len(period) == 2):
        problems.append(
            Problem(
                str(path), "period", f"{period!r}", "[first_year, last_year] (null when unknown)"
            )
        )
        period = [None, None]
    sha = str(data.get("sha256", ""))
    if not re.fullmatch(r"[0-9a-f]{64}", sha):
        problems.append(Problem(str(path), "sha256", f"{sha!r} is not a sha256 hex digest"))
    meta = DocumentMeta(
        document_id=doc_id,
        title_zh=str(data.get("title_zh") or ""),
        issuer_zh=data.get("issuer_zh"),
        region_code=region,
        doc_kind=cast(DocKind, kind) if kind in get_args(DocKind) else "plan",
        period_start=period[0],
        period_end=period[1],
        date_issued=_date(data.get("date_issued"), path, "date_issued", problems),
        date_published=_date(data.get("date_published"), path, "date_published", problems),
        doc_number=data.get("doc_number"),
        source_file=data.get("source_file"),
        source_url=data.get("source_url"),
        sha256=sha,
        licence=data.get("licence"),
        note=data.get("note"),
    )
    if problems:
        raise DataError(problems)
    return meta


def load_source(text_path: Path) -> Document:
    """Load one document: check its sidecar and checksum, decode its text.

    Every problem is reported together: a sidecar missing a field still has its sha256
    compared with the text, and the text is still decoded.
    """
    text_path = Path(text_path)
    sidecar = text_path.with_suffix(".yml")
    if not sidecar.exists():
        raise DataError(
            [
                Problem(
                    str(text_path),
                    "",
                    f"no metadata sidecar {sidecar.name}",
                    "a <document_id>.yml beside every document",
                )
            ]
        )
    problems: list[Problem] = []
    meta: DocumentMeta | None = None
    try:
        meta = read_sidecar(sidecar)
        declared: str | None = meta.sha256
    except DataError as exc:
        problems.extend(exc.problems)
        declared = _declared_sha256(sidecar)
    actual = sha256_of(text_path)
    if declared is not None and actual != declared:
        problems.append(
            Problem(
                str(sidecar),
                "sha256",
                f"the text's sha256 is {actual}, the sidecar says {declared}",
                "the raw document unchanged; corrections belong in annotations, not in the text",
            )
        )
    try:
        text, encoding = read_text(text_path)
    except DataError as exc:
        problems.extend(exc.problems)
    if problems:
        raise DataError(problems)
    assert meta is not None
    return Document(meta=meta, text=text, encoding=encoding, path=text_path)


def _declared_sha256(sidecar: Path) -> str | None:
    """The sha256 a sidecar declares, read leniently (for a sidecar with other problems)."""
    try:
        data = read_yaml(sidecar)
    except DataError:
        return None
    sha = data.get("sha256") if isinstance(data, dict) else None
    return str(sha) if sha is not None and re.fullmatch(r"[0-9a-f]{64}", str(sha)) else None


def iter_sources(directory: Path) -> Iterator[Document]:
    """Documents of a corpus directory in id order, one at a time (for large corpora)."""
    for path in sorted(Path(directory).glob("*.txt")):
        yield load_source(path)


def load_sources(directory: Path | str | None = None) -> dict[str, Document]:
    """All documents of a directory by id; every problem of every file is reported together.

    ``directory``: a folder of documents, or a study directory (its ``data/raw/documents``), as
    the other loaders take; by default the study directory containing the working directory.
    Regions are checked against the registry of the study the documents belong to.
    """
    from contextlib import nullcontext

    from fazhi_stats.registry import use_study

    folder, study = _documents_folder(directory)
    with use_study(study) if study is not None else nullcontext():
        docs, problems = read_sources(folder)
    if problems:
        raise DataError(problems)
    return docs


def _documents_folder(directory: Path | str | None) -> tuple[Path, Path | None]:
    """The folder of documents meant, and the root of the study it is in (if it is one's)."""
    from fazhi_stats.project import Project

    if directory is None:
        project = Project.discover()
        return project.documents_dir, project.root
    folder = Path(directory)
    inside = Project(folder).documents_dir
    # a study's root holds study.yml and _quarto.yml, which are no sidecars
    if inside.is_dir() and not any(folder.glob("*.txt")):
        return inside, folder
    try:
        project = Project.discover(folder)
    except FazhiError:
        return folder, None
    same = folder.resolve() == project.documents_dir.resolve()
    return folder, project.root if same else None


def read_sources(directory: Path) -> tuple[dict[str, Document], list[Problem]]:
    """The documents that load, and the problems of those that do not (nothing raised)."""
    directory = Path(directory)
    if not directory.is_dir():
        return {}, [Problem(str(directory), "", "not a directory of documents")]
    docs: dict[str, Document] = {}
    problems: list[Problem] = []
    for path in sorted(directory.glob("*.txt")):
        try:
            doc = load_source(path)
        except DataError as exc:
            problems.extend(exc.problems)
            continue
        docs[doc.document_id] = doc
    for sidecar in sorted(directory.glob("*.yml")):
        if not sidecar.with_suffix(".txt").exists():
            problems.append(
                Problem(
                    str(sidecar), "", "sidecar without a document", f"{sidecar.stem}.txt beside it"
                )
            )
    return docs, problems
