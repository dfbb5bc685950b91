"""Adding a document to a study: the text copied byte for byte, and its sidecar written for it.

Everything is checked before anything is written — the id, that the file is text, that neither
the id nor the same bytes are in the study already, that the region is declared — and every
problem is reported at once. The text is then copied and the sidecar written atomically.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from fazhi_stats.errors import DataError, Problem
from fazhi_stats.io import atomic_write_bytes
from fazhi_stats.project import Project
from fazhi_stats.vocabulary import DOC_KINDS, NATIONAL_CODE, is_region_code

#: What a document id looks like: readable words of lower-case letters and digits, with dashes.
ID_RULE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ID_RULE_TEXT = (
    "lower-case letters and digits in words joined by single dashes, e.g. "
    "jinghai-2020-report (no capitals, spaces or underscores)"
)


@dataclass(frozen=True)
class NewDocument:
    """What a curator knows about a document when adding it; None where the source is silent."""

    document_id: str
    region_code: str | None
    doc_kind: str
    period: tuple[int, int] | None = None
    title_zh: str | None = None
    issuer_zh: str | None = None
    date_issued: dt.date | None = None
    date_published: dt.date | None = None
    doc_number: str | None = None
    source_url: str | None = None
    note: str | None = None


def parse_period(text: str) -> tuple[int, int]:
    """``"2020"`` → (2020, 2020); ``"2014-2016"`` → (2014, 2016).

    >>> parse_period("2014-2016")
    (2014, 2016)
    """
    match = re.fullmatch(r"((?:19|20)\d\d)(?:\s*[-–]\s*((?:19|20)\d\d))?", text.strip())
    if match is None:
        raise ValueError(f"{text!r} is not a year or a range of years (2020, 2014-2016)")
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if last < first:
        raise ValueError(f"{text!r} ends before it starts")
    return first, last


def _problems(project: Project, source: Path, new: NewDocument) -> list[Problem]:
    from fazhi_stats.sources.documents import read_text

    where = str(source)
    problems: list[Problem] = []
    if not ID_RULE.fullmatch(new.document_id):
        problems.append(
            Problem(where, "--id", f"{new.document_id!r} is not a document id", ID_RULE_TEXT)
        )
    if new.doc_kind not in DOC_KINDS:
        problems.append(
            Problem(where, "--kind", f"unknown kind {new.doc_kind!r}", DOC_KINDS.expected())
        )
    if new.region_code is not None and new.region_code not in project.registry.regions:
        registry = project.registry_dir / REGIONS_FILE
        problems.append(
            Problem(
                where,
                "--region",
                f"unknown region {new.region_code!r}",
                unknown_region_expected(new.region_code, registry, project.registry.regions),
            )
        )
    if new.region_code is None and not new.note:
        problems.append(
            Problem(
                where, "--region", "no region and no note saying why", "--region CODE, or --note"
            )
        )
    if not source.is_file():
        problems.append(Problem(where, "", "no such file", "a text file to add"))
        return problems
    try:
        read_text(source)
    except DataError as exc:
        problems.extend(exc.problems)
        return problems
    target = project.documents_dir / f"{new.document_id}.txt"
    if target.exists() or target.with_suffix(".yml").exists():
        problems.append(
            Problem(
                where, "--id", f"the study already has a document {new.document_id!r}", "a new id"
            )
        )
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    if project.documents_dir.is_dir():
        for other in sorted(project.documents_dir.glob("*.txt")):
            if other != target and hashlib.sha256(other.read_bytes()).hexdigest() == digest:
                problems.append(
                    Problem(
                        where,
                        "",
                        f"the same bytes are already in the study as {other.name}",
                        "a new document",
                    )
                )
    return problems


def sidecar_text(new: NewDocument, *, source_file: str, sha256: str) -> str:
    """The sidecar of a new document, in the field order of ``data/raw/documents/README.md``."""
    fields: dict[str, Any] = {
        "document_id": new.document_id,
        "title_zh": new.title_zh,
        "issuer_zh": new.issuer_zh,
        "region_code": new.region_code,
        "doc_kind": new.doc_kind,
        "period": list(new.period) if new.period else [None, None],
        "date_issued": new.date_issued,
        "date_published": new.date_published,
        "doc_number": new.doc_number,
        "source_file": source_file,
        "source_url": new.source_url,
        "sha256": sha256,
    }
    if new.note:
        fields["note"] = new.note
    return yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=100)


def add_document(project: Project, source: Path, new: NewDocument) -> list[Path]:
    """Copy ``source`` into the study as ``<id>.txt`` and write its sidecar; return both paths.

    Raises :class:`DataError` with every problem, and writes nothing, when the id breaks the
    rule, the file is not text, the document or its bytes are already there, or the region is
    not declared.
    """
    problems = _problems(project, source, new)
    if problems:
        raise DataError(problems)
    data = source.read_bytes()
    target = project.documents_dir / f"{new.document_id}.txt"
    sidecar = target.with_suffix(".yml")
    text = sidecar_text(new, source_file=source.name, sha256=hashlib.sha256(data).hexdigest())
    atomic_write_bytes(target, data)
    atomic_write_bytes(sidecar, text.encode("utf-8"))
    return [target, sidecar]


_MUNICIPALITIES = ("11", "12", "31", "50")  # their districts sit right under the province level


REGIONS_FILE = "regions.yml"  # the study's own regions, in its registry folder


def region_declaration(code: str, registry_file: Path, known: Collection[str] = frozenset()) -> str:
    """How to declare a region code the registry lacks: its entry in the study's registry, with
    the level and parent its structure gives, and the entry of each parent that ``known`` (the
    codes the registries have) lacks too, up to one it has.

    >>> region_declaration("330399", Path("registry/regions.yml"))  # doctest: +ELLIPSIS
    "declare it in registry/regions.yml, under `regions:`, as `  - {code: '330399', ..."
    >>> print(region_declaration("440704", Path("regions.yml"), known={"440000"}))
    declare it in regions.yml, under `regions:`, as `  - {code: '440704', name_zh: …, name_en: …, level: county, parent_code: '440700'}` and its parent `  - {code: '440700', name_zh: …, name_en: …, level: prefecture, parent_code: '440000'}` (level and parent read from the code; check them; 440000 is in the registry already)
    """
    chain = [code]
    while (parent := _parent(chain[-1])) is not None and parent not in known:
        chain.append(parent)
    entries = [
        f"`  - {{code: '{c}', name_zh: …, name_en: …, {_level_and_parent(c)}}}`" for c in chain
    ]
    parents = f" and its parent{'s' if len(entries) > 2 else ''} {', '.join(entries[1:])}"
    has = _parent(chain[-1])
    return (
        f"declare it in {registry_file}, under `regions:`, as {entries[0]}"
        f"{parents if entries[1:] else ''} (level and parent read from the code; check them"
        f"{f'; {has} is in the registry already' if has is not None and known else ''})"
    )


def unknown_region_expected(
    code: str, registry_file: Path, known: Collection[str] = frozenset()
) -> str:
    """The ``expected`` of a problem naming a region code the registries lack."""
    return f"a code of the region registry, or {region_declaration(code, registry_file, known)}"


def _parent(code: str) -> str | None:
    """The parent a GB/T 2260 code's structure gives (None for a province, the country or no
    code); a township's is its county.

    >>> _parent("440704"), _parent("120118"), _parent("330300"), _parent("440000")
    ('440700', '120000', '330000', None)
    >>> _parent("440704003")
    '440704'
    """
    if len(code) == 9 and is_region_code(code):
        return code[:6]
    if not (len(code) == 6 and is_region_code(code)) or code.endswith("0000"):
        return None
    if code.endswith("00") or code[:2] in _MUNICIPALITIES:
        return f"{code[:2]}0000"
    return f"{code[:4]}00"


def _level_and_parent(code: str) -> str:
    """``level: …, parent_code: …`` as a GB/T 2260 code's structure says: ``XX0000`` a
    province, ``XXXX00`` a prefecture under ``XX0000``, else a county under ``XXXX00`` (under
    ``XX0000`` in Beijing, Tianjin, Shanghai and Chongqing).

    >>> _level_and_parent("330300"), _level_and_parent("430725")
    ("level: prefecture, parent_code: '330000'", "level: county, parent_code: '430700'")
    >>> _level_and_parent("120118"), _level_and_parent("440000")
    ("level: county, parent_code: '120000'", 'level: province')
    >>> _level_and_parent("100000"), _level_and_parent("440704003")
    ('level: national', "level: township, parent_code: '440704'")
    """
    if code == NATIONAL_CODE:
        return "level: national"
    if not is_region_code(code):
        return "level: …, parent_code: …"
    parent = _parent(code)
    if parent is None:
        return "level: province"
    level = "township" if len(code) == 9 else "prefecture" if code.endswith("00") else "county"
    return f"level: {level}, parent_code: '{parent}'"
