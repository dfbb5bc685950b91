"""Draft annotations proposed by the extractor, for a person to review.

:func:`propose_annotations` turns the claims of a document into entries in the format of
``data/raw/annotations/`` (see its README): a quote around each number that is unique in the
document, the kind, the indicator id where the registry knows one, and ``reviewed: false``.
Scope is left for the reviewer, who knows who or what a number is about.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml

from fazhi_stats.extract.claims import Claim, extract_claims
from fazhi_stats.extract.rules import CLAUSE_END, SENTENCE_END, SUBSENTENCE_END
from fazhi_stats.extract.sections import Genre, Period

_MAX_QUOTE = 80  # characters; longer clauses are cut around the number
_QUOTE_WINDOW = 30
_DRAFT_NOTE = "Proposed by the extractor: check value, kind, indicator and scope against the text."
HEADER = (
    "# DRAFT proposed by `fazhi-stats annotate --propose`. Every entry has reviewed: false.\n"
    "# For each entry: check the value, kind and indicator_id against the quote, fill in scope\n"
    "# (who or what the number is about) and year or period, then set reviewed: true — or\n"
    "# delete the entry if the number is not an observation.\n"
)


def _segment(text: str, start: int, end: int, level: int) -> tuple[int, int]:
    """Clause (0), sub-sentence (1) or sentence (2) of ``text`` around ``start:end``."""
    pattern = (CLAUSE_END, SUBSENTENCE_END, SENTENCE_END)[level]
    seg_start = 0
    for m in pattern.finditer(text, max(0, start - 2000), start):
        seg_start = m.end()
    after = pattern.search(text, end, end + 2000)
    seg_end = after.start() if after else min(len(text), end + 2000)
    return seg_start, max(seg_end, end)


def _trim(text: str, span: tuple[int, int], claim: tuple[int, int]) -> tuple[int, int]:
    """Strip blanks; cut a long span to a window around the claim."""
    start, end = span
    if end - start > _MAX_QUOTE:
        start = max(start, claim[0] - _QUOTE_WINDOW)
        end = min(end, claim[1] + _QUOTE_WINDOW)
    while start < claim[0] and text[start].isspace():
        start += 1
    while end > claim[1] and text[end - 1].isspace():
        end -= 1
    return start, end


def unique_quote(text: str, start: int, end: int) -> tuple[str, int | None]:
    """A quote around ``text[start:end]``: the clause, widened until unique in ``text``.

    Returns the quote and, when even the sentence occurs more than once, its 1-based
    ``occurrence`` among the (non-overlapping) matches.

    >>> unique_quote("共办理10件，其中8件已办结。", 8, 10)
    ('其中8件已办结', None)
    """
    span = (start, end)
    for level in range(3):
        span = _trim(text, _segment(text, start, end, level), (start, end))
        quote = text[span[0] : span[1]]
        if text.count(quote) == 1:
            return quote, None
    occurrence, pos = 0, 0
    while (found := text.find(quote, pos)) != -1 and found <= span[0]:
        occurrence += 1
        pos = found + len(quote)
    return quote, max(occurrence, 1)


def _number(value: float) -> int | float:
    return int(value) if value.is_integer() else value


def observation_entry(claim: Claim, text: str) -> dict[str, Any]:
    """One draft observation in the annotation format."""
    quote, occurrence = unique_quote(text, claim.char_start, claim.char_end)
    kind: str | None = claim.kind
    if claim.kind == "unknown":
        kind = "mixed" if claim.hedged else None
    entry: dict[str, Any] = {
        "indicator_id": claim.indicator_id,
        "kind": kind,
        "comparator": claim.comparator,
        "value": _number(claim.value),
    }
    if claim.value_upper is not None:
        entry["value_upper"] = _number(claim.value_upper)
    entry["unit"] = claim.unit
    if claim.per is not None:
        entry["per"] = claim.per
    entry["year"] = claim.year
    if claim.hedged:
        entry["hedged"] = True
    entry["scope"] = None
    entry["quote"] = quote
    if occurrence is not None:
        entry["occurrence"] = occurrence
    entry["note"] = _DRAFT_NOTE
    entry["reviewed"] = False
    return entry


def propose_annotations(
    text: str, document_id: str, *, genre: Genre | None = None, period: Period | None = None
) -> dict[str, Any]:
    """The draft annotation file of a document, as a mapping ready for YAML.

    Kind, year and indicator are the claims' own (:func:`extract_claims` with the same
    ``genre`` and ``period`` as ``fazhi-stats extract`` reads from the sidecar).
    """
    claims: Sequence[Claim] = extract_claims(
        text, document_id=document_id, genre=genre, period=period
    )
    return {
        "document_id": document_id,
        "observations": [observation_entry(c, text) for c in claims],
        "milestones": [],
    }


def draft_yaml(draft: dict[str, Any]) -> str:
    """The draft as YAML text with the review instructions on top."""
    body = yaml.safe_dump(draft, allow_unicode=True, sort_keys=False, width=1000)
    return HEADER + body
