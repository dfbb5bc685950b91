"""A curator's corrections of the segmentation, kept as data in the annotation files.

Each annotation file may list, under ``commitments:``, corrections of what the rules of
:mod:`~fazhi_stats.sources.commitments.structure` and
:mod:`~fazhi_stats.sources.commitments.flags` found; every correction quotes the text it is
about and gives its ``reason``:

- ``add`` — a commitment the rules miss; the quote is its text;
- ``exclude`` — the commitment holding the quote is not one;
- ``merge`` — the commitment holding the quote and the next one are one;
- ``split`` — a new commitment starts where the quote starts;
- ``family`` (with ``family:``), ``hedge`` (with ``hedge:``, a word or null) and ``role``
  (with ``role:``) — the value for the commitment holding the quote, overriding the rule.

A correction that changes nothing (a family the rule already gives) is reported, so the list
stays the list of real disagreements with the rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fazhi_stats._yaml import read_yaml
from fazhi_stats.errors import DataError, Problem
from fazhi_stats.sources.documents import Document
from fazhi_stats.sources.entries import entry_lines, find_quote
from fazhi_stats.vocabulary import (
    COMMITMENT_ROLES,
    CORRECTION_ACTIONS,
    FAMILIES,
    HEDGES,
    Vocabulary,
)

_VALUE_FIELD = {"family": "family", "hedge": "hedge", "role": "role"}
_VOCABULARIES: dict[str, Vocabulary[Any]] = {
    "family": FAMILIES,
    "hedge": HEDGES,
    "role": COMMITMENT_ROLES,
}
_FIELDS = frozenset({"action", "quote", "occurrence", "reason", "family", "hedge", "role"})


@dataclass(frozen=True)
class CommitmentCorrection:
    """One correction of one document's commitments, located in its text."""

    document_id: str
    index: int  # 1-based position in the file's `commitments:` list
    action: str
    quote: str
    start: int
    end: int
    reason: str
    value: str | None = None  # the family, hedge word (None: no hedge) or role
    file: str = ""
    line: int | None = None

    @property
    def label(self) -> str:
        return f"commitment correction {self.index} ({self.action})"

    def problem(self, message: str, expected: str = "") -> Problem:
        return Problem(self.file, self.label, message, expected, self.line)


def _check(
    item: Any, index: int, file: str, line: int | None, doc: Document, problems: list[Problem]
) -> CommitmentCorrection | None:
    label = f"commitment correction {index}"
    n_before = len(problems)

    def bad(message: str, expected: str = "") -> None:
        problems.append(Problem(file, label, message, expected, line))

    if not isinstance(item, dict):
        bad("expected a mapping", "action, quote, reason")
        return None
    action = item.get("action")
    if action not in CORRECTION_ACTIONS:
        bad(f"unknown action {action!r}", CORRECTION_ACTIONS.expected())
    unknown = sorted(set(item) - _FIELDS)
    if unknown:
        bad(f"unknown field(s) {unknown}", f"fields among {sorted(_FIELDS)}")
    if not str(item.get("reason") or "").strip():
        bad("no reason", "reason: why the rules are wrong here, in a sentence")
    value: str | None = None
    field = _VALUE_FIELD.get(str(action))
    for other in _VALUE_FIELD.values():
        if other in item and other != field:
            bad(f"`{other}` on a {action} correction", f"`{other}` only with action: {other}")
    if field is not None:
        if field not in item:
            bad(f"a {action} correction without `{field}`", f"{field}: the value to use")
        raw = item.get(field)
        vocabulary = _VOCABULARIES[field]
        if raw is None and field == "hedge":
            value = None
        elif raw not in vocabulary:
            bad(f"unknown {field} {raw!r}", vocabulary.expected())
        else:
            value = str(raw)
    span = find_quote(doc.text, str(item.get("quote") or ""), item.get("occurrence"))
    if isinstance(span, str):
        bad(span, "a verbatim substring of the document, unique or with `occurrence`")
    if len(problems) > n_before or isinstance(span, str):
        return None
    return CommitmentCorrection(
        document_id=doc.document_id,
        index=index,
        action=str(action),
        quote=str(item["quote"]),
        start=span[0],
        end=span[1],
        reason=str(item["reason"]).strip(),
        value=value,
        file=file,
        line=line,
    )


def read_corrections(
    annotations_dir: Path, documents: Mapping[str, Document]
) -> tuple[dict[str, list[CommitmentCorrection]], list[Problem]]:
    """The well-formed corrections of every annotation file, and the problems of the others."""
    problems: list[Problem] = []
    out: dict[str, list[CommitmentCorrection]] = {}
    for path in sorted(Path(annotations_dir).glob("*.yml")):
        try:
            data = read_yaml(path)
        except DataError as exc:
            problems.extend(exc.problems)
            continue
        if not isinstance(data, dict) or "commitments" not in data:
            continue
        doc = documents.get(path.stem)
        if doc is None:
            continue  # reported by load_annotations
        items = data.get("commitments") or []
        if not isinstance(items, list):
            problems.append(Problem(str(path), "commitments", "expected a list of corrections"))
            continue
        lines = entry_lines(path.read_text(encoding="utf-8"), "commitments")
        for i, item in enumerate(items):
            line = lines[i] if i < len(lines) else None
            found = _check(item, i + 1, str(path), line, doc, problems)
            if found is not None:
                out.setdefault(doc.document_id, []).append(found)
    return out, problems


def load_corrections(
    annotations_dir: Path, documents: Mapping[str, Document]
) -> dict[str, list[CommitmentCorrection]]:
    """The ``commitments:`` corrections of every annotation file, by document id.

    Raises :class:`DataError` listing every malformed correction of every file.
    """
    out, problems = read_corrections(annotations_dir, documents)
    if problems:
        raise DataError(problems)
    return out
