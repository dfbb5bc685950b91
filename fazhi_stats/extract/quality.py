"""How well the extractor finds the curated observations: matching, precision, recall.

A claim *matches* an observation when it has the same value and its span overlaps the
observation's quote. Each claim and each observation is used at most once. On matched pairs the
kind, indicator id, year and family are compared; an observation of kind ``mixed`` (a hedged
report sentence, neither target nor achievement) agrees with a claim of kind ``unknown``.

Precision counts every claim without an observation as a false positive, so page chrome,
slogans and list markers that slip through lower it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fazhi_stats.extract.claims import Claim

if TYPE_CHECKING:
    from fazhi_stats.sources.annotations import Observation
    from fazhi_stats.sources.documents import Document

#: Columns of ``reports/tables/extraction_quality*.csv``. ``annotations`` counts the expected
#: claims (curated observations, or the claims of a gold file); accuracies are over matched pairs.
QUALITY_COLUMNS = (
    "document_id",
    "annotations",
    "claims",
    "matched",
    "precision",
    "recall",
    "kind_accuracy",
    "indicator_accuracy",
    "year_accuracy",
    "family_accuracy",
)
ALL_DOCUMENTS = "all"
_KIND_OF_ANNOTATION = {"target": "target", "actual": "actual", "mixed": "unknown"}


@dataclass(frozen=True)
class Expected:
    """What a claim should be: an observation, an entry of a gold file or of the rule examples.

    ``indicator_id`` and ``family`` are compared only where labelled (``indicator_labelled``,
    ``family`` not None); ``year`` always (None: the text ties the number to no year).
    """

    value: float
    kind: str
    indicator_id: str | None
    char_start: int
    char_end: int
    label: str  # the quote or text shown in listings
    year: int | None = None
    family: str | None = None
    indicator_labelled: bool = True
    year_labelled: bool = True

    @classmethod
    def from_observation(cls, obs: Observation) -> Expected:
        from fazhi_stats.registry import load_indicators

        year = obs.year
        if year is None and obs.period_start is not None and obs.period_start == obs.period_end:
            year = obs.period_start
        return cls(
            obs.value,
            obs.kind,
            obs.indicator_id,
            obs.char_start,
            obs.char_end,
            obs.quote,
            year=year,
            family=obs.family_in(load_indicators()),
        )


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


def plain_value(claim: Claim) -> float:
    """The claim's value with its magnitude applied (30.75亿元 → 3075000000), no conversion."""
    from fazhi_stats.registry import load_units

    magnitudes = load_units().magnitudes
    for mag in sorted(magnitudes, key=len, reverse=True):
        if claim.unit.startswith(mag) and len(claim.unit) > len(mag):
            return claim.value * magnitudes[mag]
    return claim.value


def compare(document_id: str, claims: Sequence[Claim], expected: Sequence[Expected]) -> Comparison:
    """Match claims to expectations one to one: same value (as written, or with its 万/亿
    applied), overlapping spans. Pairs with the largest overlap are taken first, then the
    nearest."""
    pairs = []
    for i, claim in enumerate(claims):
        plain = plain_value(claim)
        for j, exp in enumerate(expected):
            overlap = _overlap(claim, exp)
            if overlap > 0 and (
                _same_value(claim.value, exp.value) or _same_value(plain, exp.value)
            ):
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


def _rate(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


@dataclass(frozen=True)
class Quality:
    """Counts and rates of one document (or of all of them).

    ``*_checked`` count the matched pairs whose expectation labels that attribute.
    """

    document_id: str
    annotations: int
    claims: int
    matched: int
    kind_correct: int
    indicator_correct: int
    indicator_checked: int = 0
    year_correct: int = 0
    year_checked: int = 0
    family_correct: int = 0
    family_checked: int = 0

    @property
    def precision(self) -> float | None:
        return _rate(self.matched, self.claims)

    @property
    def recall(self) -> float | None:
        return _rate(self.matched, self.annotations)

    @property
    def kind_accuracy(self) -> float | None:
        return _rate(self.kind_correct, self.matched)

    @property
    def indicator_accuracy(self) -> float | None:
        return _rate(self.indicator_correct, self.indicator_checked)

    @property
    def year_accuracy(self) -> float | None:
        return _rate(self.year_correct, self.year_checked)

    @property
    def family_accuracy(self) -> float | None:
        return _rate(self.family_correct, self.family_checked)

    @classmethod
    def of(cls, comparison: Comparison) -> Quality:
        pairs = comparison.matched
        with_indicator = [(c, e) for c, e in pairs if e.indicator_labelled]
        with_year = [(c, e) for c, e in pairs if e.year_labelled]
        with_family = [(c, e) for c, e in pairs if e.family is not None]
        return cls(
            comparison.document_id,
            comparison.n_expected,
            comparison.n_claims,
            len(pairs),
            sum(kind_agrees(c, e) for c, e in pairs),
            sum(c.indicator_id == e.indicator_id for c, e in with_indicator),
            len(with_indicator),
            sum(c.year == e.year for c, e in with_year),
            len(with_year),
            sum(c.family == e.family for c, e in with_family),
            len(with_family),
        )

    @classmethod
    def total(cls, rows: Iterable[Quality], document_id: str = ALL_DOCUMENTS) -> Quality:
        rows = list(rows)
        counts = [
            sum(getattr(r, f.name) for r in rows) for f in fields(cls) if f.name != "document_id"
        ]
        return cls(document_id, *counts)

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
            "year_accuracy": rate(self.year_accuracy),
            "family_accuracy": rate(self.family_accuracy),
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
    from fazhi_stats.extract.files import document_claims

    return [
        compare(doc_id, document_claims(documents[doc_id]), by_doc.get(doc_id, []))
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
