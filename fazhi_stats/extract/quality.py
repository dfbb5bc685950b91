"""How well the extractor finds the curated observations: matching, precision, recall.

A claim *matches* an observation when it has the same value and its span overlaps the
observation's quote. Each claim and each observation is used at most once. On matched pairs the
kind and the indicator id are compared; an observation of kind ``mixed`` (a hedged report
sentence, neither target nor achievement) agrees with a claim of kind ``unknown``.

Precision counts every claim without an observation as a false positive, so page chrome,
slogans and list markers that slip through lower it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fazhi_stats.extract.claims import Claim, extract_claims

if TYPE_CHECKING:
    from fazhi_stats.sources.annotations import Observation
    from fazhi_stats.sources.documents import Document

#: Columns of ``reports/tables/extraction_quality.csv``.
QUALITY_COLUMNS = (
    "document_id",
    "annotations",
    "claims",
    "matched",
    "precision",
    "recall",
    "kind_accuracy",
    "indicator_accuracy",
)
ALL_DOCUMENTS = "all"
_KIND_OF_ANNOTATION = {"target": "target", "actual": "actual", "mixed": "unknown"}


@dataclass(frozen=True)
class Expected:
    """What a claim should be: an observation, or an entry of the holdout set."""

    value: float
    kind: str
    indicator_id: str | None
    char_start: int
    char_end: int
    label: str  # the quote or text shown in listings

    @classmethod
    def from_observation(cls, obs: Observation) -> Expected:
        return cls(obs.value, obs.kind, obs.indicator_id, obs.char_start, obs.char_end, obs.quote)


@dataclass(frozen=True)
class Comparison:
    """Claims against expectations for one document."""

    document_id: str
    matched: tuple[tuple[Claim, Expected], ...]
    extra_claims: tuple[Claim, ...]  # no expectation: false positives
    missed: tuple[Expected, ...]  # not found: false negatives

    @property
    def n_claims(self) -> int:
        return len(self.matched) + len(self.extra_claims)

    @property
    def n_expected(self) -> int:
        return len(self.matched) + len(self.missed)


def _overlap(claim: Claim, exp: Expected) -> int:
    return min(claim.char_end, exp.char_end) - max(claim.char_start, exp.char_start)


def _same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def compare(document_id: str, claims: Sequence[Claim], expected: Sequence[Expected]) -> Comparison:
    """Match claims to expectations one to one: same value, overlapping spans.

    Pairs with the largest overlap are taken first, then the nearest.
    """
    pairs = []
    for i, claim in enumerate(claims):
        for j, exp in enumerate(expected):
            overlap = _overlap(claim, exp)
            if overlap > 0 and _same_value(claim.value, exp.value):
                distance = abs(claim.char_start - exp.char_start)
                pairs.append((-overlap, distance, i, j))
    used_claims: set[int] = set()
    used_expected: set[int] = set()
    matched = []
    for _, _, i, j in sorted(pairs):
        if i not in used_claims and j not in used_expected:
            used_claims.add(i)
            used_expected.add(j)
            matched.append((i, j))
    matched.sort()
    return Comparison(
        document_id,
        tuple((claims[i], expected[j]) for i, j in matched),
        tuple(c for i, c in enumerate(claims) if i not in used_claims),
        tuple(e for j, e in enumerate(expected) if j not in used_expected),
    )


def kind_agrees(claim: Claim, exp: Expected) -> bool:
    """Whether the claim's kind is the expected one (``mixed`` ↔ ``unknown``)."""
    return claim.kind == _KIND_OF_ANNOTATION.get(exp.kind, exp.kind)


@dataclass(frozen=True)
class Quality:
    """Counts and rates of one document (or of all of them)."""

    document_id: str
    annotations: int
    claims: int
    matched: int
    kind_correct: int
    indicator_correct: int

    @property
    def precision(self) -> float | None:
        return self.matched / self.claims if self.claims else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.annotations if self.annotations else None

    @property
    def kind_accuracy(self) -> float | None:
        return self.kind_correct / self.matched if self.matched else None

    @property
    def indicator_accuracy(self) -> float | None:
        return self.indicator_correct / self.matched if self.matched else None

    @classmethod
    def of(cls, comparison: Comparison) -> Quality:
        pairs = comparison.matched
        return cls(
            comparison.document_id,
            comparison.n_expected,
            comparison.n_claims,
            len(pairs),
            sum(kind_agrees(c, e) for c, e in pairs),
            sum(c.indicator_id == e.indicator_id for c, e in pairs),
        )

    @classmethod
    def total(cls, rows: Iterable[Quality], document_id: str = ALL_DOCUMENTS) -> Quality:
        rows = list(rows)
        return cls(
            document_id,
            sum(r.annotations for r in rows),
            sum(r.claims for r in rows),
            sum(r.matched for r in rows),
            sum(r.kind_correct for r in rows),
            sum(r.indicator_correct for r in rows),
        )

    def row(self) -> dict[str, Any]:
        """The CSV row: counts as integers, rates with four decimals ('' when undefined)."""

        def rate(x: float | None) -> str:
            return "" if x is None else f"{x:.4f}"

        return {
            "document_id": self.document_id,
            "annotations": self.annotations,
            "claims": self.claims,
            "matched": self.matched,
            "precision": rate(self.precision),
            "recall": rate(self.recall),
            "kind_accuracy": rate(self.kind_accuracy),
            "indicator_accuracy": rate(self.indicator_accuracy),
        }


def compare_documents(
    documents: Mapping[str, Document],
    observations: Iterable[Observation],
    *,
    document_ids: Iterable[str] | None = None,
) -> list[Comparison]:
    """Extraction of annotated documents against their observations, by document id.

    ``document_ids`` are the annotated documents (default: those with an observation); a
    document whose annotation file lists no observation counts every claim as a false positive.
    """
    by_doc: dict[str, list[Expected]] = {}
    for obs in observations:
        by_doc.setdefault(obs.document_id, []).append(Expected.from_observation(obs))
    ids = sorted(set(by_doc if document_ids is None else document_ids) & set(documents))
    return [
        compare(
            doc_id,
            extract_claims(documents[doc_id].text, document_id=doc_id),
            by_doc.get(doc_id, []),
        )
        for doc_id in ids
    ]


def quality_table(comparisons: Iterable[Comparison]) -> list[Quality]:
    """One row per document (sorted by id) and a last row ``all`` over every document."""
    rows = sorted((Quality.of(c) for c in comparisons), key=lambda q: q.document_id)
    return [*rows, Quality.total(rows)]


def write_quality_csv(path: Path, rows: Sequence[Quality]) -> None:
    """Write the table with stable bytes (sorted rows, fixed float format), atomically."""
    from fazhi_stats.io import atomic_write_bytes, csv_bytes

    atomic_write_bytes(path, csv_bytes([r.row() for r in rows], QUALITY_COLUMNS))


# --------------------------------------------------------------------------- holdout set


def load_holdout(path: Path) -> list[tuple[str, str, Any, list[Expected]]]:
    """Items of a holdout file: (id, text, genre or None, expected claims).

    The file (see ``tests/data/extraction_holdout.yml``) lists short texts, each with the
    claims a reader finds in it (value, unit, kind, indicator_id). Expected claims have no
    offsets; they span the whole item, so a match needs the same value only.
    """
    from fazhi_stats._yaml import read_yaml
    from fazhi_stats.errors import DataError, Problem

    data = read_yaml(path)
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise DataError([Problem(str(path), "", "expected a mapping with a list `items`")])
    out = []
    for n, item in enumerate(items, start=1):
        text = str(item.get("text", ""))
        item_id = str(item.get("id", n))
        expected = [
            Expected(
                float(c["value"]),
                str(c.get("kind", "unknown")),
                c.get("indicator_id"),
                0,
                len(text),
                f"{c['value']}{c.get('unit', '')}",
            )
            for c in item.get("claims") or []
        ]
        out.append((item_id, text, item.get("genre"), expected))
    return out


def compare_holdout(path: Path) -> list[Comparison]:
    """Extraction of every holdout item against the claims it is expected to contain."""
    return [
        compare(item_id, extract_claims(text, document_id=item_id, genre=genre), expected)
        for item_id, text, genre, expected in load_holdout(path)
    ]


def evaluate_corpus(
    documents: Mapping[str, Document],
    observations: Iterable[Observation],
    *,
    annotated: Iterable[str],
    tables_dir: Path,
    holdout: Path | None = None,
) -> tuple[list[Quality], list[Quality] | None, list[Path]]:
    """Evaluate extraction on the annotated documents (and a holdout set) and write the tables.

    Writes ``extraction_quality.csv`` (one row per document and ``all``) and, when ``holdout``
    exists, ``extraction_quality_holdout.csv``. Returns both tables and the paths written.
    """
    rows = quality_table(compare_documents(documents, observations, document_ids=annotated))
    path = tables_dir / "extraction_quality.csv"
    write_quality_csv(path, rows)
    written = [path]
    holdout_rows = None
    if holdout is not None and holdout.exists():
        holdout_rows = quality_table(compare_holdout(holdout))
        path = tables_dir / "extraction_quality_holdout.csv"
        write_quality_csv(path, holdout_rows)
        written.append(path)
    return rows, holdout_rows, written
