"""Which indicator and which family a claim is about, from the words around its number.

Indicator keywords come from the indicator registry (the shipped one, or a study's); family
words from :mod:`fazhi_stats.extract.topics`. Both are found with one pattern, block by block,
and scored in scopes that widen from the phrase of the number to the headings above it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from fazhi_stats.extract import rules
from fazhi_stats.extract.rules import trie_pattern
from fazhi_stats.extract.topics import FAMILY_WORDS

Hit = tuple[int, int, str]  # start, end, keyword
Span = tuple[int, int]


@dataclass(frozen=True)
class Vocabulary:
    """Keywords → indicators (id, base unit) and keywords → families."""

    indicators: dict[str, tuple[tuple[str, str], ...]]
    families: dict[str, str]  # keyword → family (indicator keywords: their indicator's)
    family_of_indicator: dict[str, str]
    pattern: re.Pattern[str]
    longest: int


def base_unit(unit: str | None) -> str:
    """A standard unit without its ``_per_year`` (a count and a count per year both count)."""
    return (unit or "").removesuffix("_per_year")


@cache
def vocabulary() -> Vocabulary:
    """The keyword tables of the indicator registry and the family words, and their pattern."""
    from fazhi_stats.registry import load_indicators

    table: dict[str, list[tuple[str, str]]] = defaultdict(list)
    families: dict[str, str] = {}
    family_of_indicator: dict[str, str] = {}
    for family, family_words in FAMILY_WORDS.items():
        for word in family_words:
            families.setdefault(word, family)
    for indicator in load_indicators().values():
        family_of_indicator[indicator.id] = indicator.family
        for keyword in indicator.keywords:
            table[keyword].append((indicator.id, base_unit(indicator.unit)))
            families.setdefault(keyword, indicator.family)
    words = sorted(set(table) | set(families))
    first = re.escape("".join(sorted({k[0] for k in words})))
    # a lookahead at every position: keywords overlap (全部聘请法律顾问); the one-character
    # guard rejects most positions before the tree is tried
    pattern = re.compile(f"(?=[{first}])(?=({trie_pattern(words)}))")
    return Vocabulary(
        indicators={k: tuple(v) for k, v in table.items()},
        families=families,
        family_of_indicator=family_of_indicator,
        pattern=pattern,
        longest=max(map(len, words)),
    )


def _distance(hit: Hit, span: Span) -> int:
    if hit[1] <= span[0]:
        return span[0] - hit[1]
    if hit[0] >= span[1]:
        return hit[0] - span[1]
    return 0


def _names_a_measure(text: str, clause: Span, span: Span) -> bool:
    """Whether the clause says what it counts (其中维持19件, 合格率99.6%), not only how many."""
    rest = text[clause[0] : span[0]] + text[span[1] : clause[1]]
    return len(rules.GENERIC_WORDS.sub("", rest)) >= 2


def match_indicator(
    text: str,
    hits_in: Callable[[Span], Sequence[Hit]],
    scopes: Sequence[Span],
    span: Span,
    unit_std: str | None,
) -> str | None:
    """The indicator whose keyword is longest, then nearest, in the narrowest scope with one.

    Scopes go from the phrase to the sentence; a phrase that names its own measure does not
    borrow from wider scopes. Only indicators whose standard unit fits the claim count. A tie
    between indicators sharing the same keywords is ambiguous: None. ``hits_in(scope)`` gives
    the keyword hits of a scope (at least).
    """
    table = vocabulary().indicators
    base = base_unit(unit_std)
    for n, scope in enumerate(scopes):
        if n > 0 and _names_a_measure(text, scopes[0], span):
            return None
        scores: dict[str, tuple[int, int, int]] = {}
        for hit in hits_in(scope):
            if hit[0] < scope[0] or hit[1] > scope[1] or hit[2] not in table:
                continue
            score = (len(hit[2]), -_distance(hit, span))
            for indicator_id, unit in table[hit[2]]:
                if unit == base:
                    best = scores.get(indicator_id)
                    count = best[2] + 1 if best else 1
                    top = max(score, best[:2]) if best else score
                    scores[indicator_id] = (*top, count)
        if scores:
            ranked = sorted(scores.values(), reverse=True)
            if len(ranked) > 1 and ranked[0] == ranked[1]:
                return None
            return max(scores, key=lambda i: scores[i])
    return None


def match_family(hits: Sequence[Hit], scope: Span, span: Span | None) -> str | None:
    """The family of the family word in ``scope`` nearest ``span`` (the longer on a tie), or
    of the first one when ``span`` is None (a caption or heading names its topic first)."""
    families = vocabulary().families
    best: tuple[int, int] | None = None
    found: str | None = None
    for hit in hits:
        if hit[0] < scope[0] or hit[1] > scope[1]:
            continue
        family = families.get(hit[2])
        if family is None:
            continue
        if span is None:
            return family
        score = (-_distance(hit, span), len(hit[2]))
        if best is None or score > best:
            best, found = score, family
    return found
