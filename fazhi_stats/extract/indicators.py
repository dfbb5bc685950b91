"""Which indicator and which family a claim is about, from the words around its number.

Indicator keywords come from the indicator registry (the shipped one, or a study's); family
words from :mod:`fazhi_stats.extract.topics`. Both are found with one pattern, block by block,
and scored in scopes that widen from the phrase of the number to the headings above it.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import fazhi_stats.extract.rules as rules
from fazhi_stats.extract.topics import FAMILY_WORDS
from fazhi_stats.text.patterns import trie_pattern

if TYPE_CHECKING:
    from fazhi_stats.registry import Registry

Hit = tuple[int, int, str]  # start, end, keyword
_DIGIT = re.compile(r"\d")
Span = tuple[int, int]


@dataclass(frozen=True)
class Vocabulary:
    """Keywords → indicators (id, base unit) and keywords → families."""

    # every word found → the indicators of the keywords it starts with (itself included):
    # (indicator id, base unit, keyword length); 全程网办事项 also holds the keyword 全程网办
    indicators: dict[str, tuple[tuple[str, str, int], ...]]
    # the same by the base unit of the claim: word → ((indicator id, keyword length), …)
    by_unit: dict[str, dict[str, tuple[tuple[str, int], ...]]]
    families: dict[str, str]  # keyword → family (indicator keywords: their indicator's)
    family_of_indicator: dict[str, str]
    pattern: re.Pattern[str]
    longest: int
    changes: frozenset[str] = frozenset()  # the indicators that measure a change (审批流程减少N%)
    keywords_of: dict[str, tuple[str, ...]] = field(default_factory=dict)  # indicator → keywords


def base_unit(unit: str | None) -> str:
    """A standard unit without its ``_per_year`` (a count and a count per year both count)."""
    return (unit or "").removesuffix("_per_year")


def vocabulary(registry: Registry | None = None) -> Vocabulary:
    """The keyword tables of ``registry``'s indicators (default: the active registry, a
    study's own where it has them) and the family words, and their pattern; built once per
    registry."""
    if registry is None:
        from fazhi_stats.registry import active_registry

        registry = active_registry()
    return registry.derived("extraction_vocabulary", _build_vocabulary)


def _build_vocabulary(registry: Registry) -> Vocabulary:
    table: dict[str, list[tuple[str, str]]] = defaultdict(list)
    families: dict[str, str] = {}
    family_of_indicator: dict[str, str] = {}
    for family, family_words in FAMILY_WORDS.items():
        for word in family_words:
            families.setdefault(word, family)
    for indicator in registry.indicators.values():
        family_of_indicator[indicator.id] = indicator.family
        for keyword in indicator.keywords:
            table[keyword].append((indicator.id, base_unit(indicator.unit)))
            families.setdefault(keyword, indicator.family)
    words = sorted(set(table) | set(families))
    expanded = {
        word: tuple(
            (indicator_id, unit, n)
            for n in range(len(word), 0, -1)
            for indicator_id, unit in table.get(word[:n], ())
        )
        for word in words
    }
    first = re.escape("".join(sorted({k[0] for k in words})))
    # found at every position (keywords overlap: 全部聘请法律顾问), skipping at C speed to the
    # characters a keyword starts with; group 1 is the keyword
    pattern = re.compile(rules.first_char_guarded(first, trie_pattern(words)))
    return Vocabulary(
        indicators={k: v for k, v in expanded.items() if v},
        by_unit={
            base: {
                word: fit
                for word, entries in expanded.items()
                if (fit := tuple((i, n) for i, unit, n in entries if unit == base))
            }
            for base in {unit for entries in expanded.values() for _, unit, _ in entries}
        },
        families=families,
        family_of_indicator=family_of_indicator,
        pattern=pattern,
        longest=max(map(len, words)),
        changes=frozenset(i.id for i in registry.indicators.values() if i.change),
        keywords_of={i.id: tuple(i.keywords) for i in registry.indicators.values()},
    )


_COUNTED_NOUN_REACH = 6  # characters from a count to the noun it counts (38件报备的规范性文件)


def _distance(hit: Hit, span: Span) -> int:
    if hit[1] <= span[0]:
        return span[0] - hit[1]
    if hit[0] >= span[1]:
        return hit[0] - span[1]
    return 0


def _names_a_measure(text: str, clause: Span, span: Span) -> bool:
    """Whether the clause says what it counts (其中维持19件, 合格率99.6%), not only how many."""
    rest = text[clause[0] : span[0]] + text[span[1] : clause[1]]
    # a remark in brackets (…5%以下(市考核指标5%以下)) names no measure of the number
    return len(rules.GENERIC_WORDS.sub("", rules.REMARK.sub("", rest))) >= 2


def change_candidates(
    words: Vocabulary,
    candidates: Sequence[tuple[Hit, tuple[tuple[str, int], ...]]],
    verb_start: int,
) -> list[tuple[Hit, tuple[tuple[str, int], ...]]]:
    """The candidates for a number that is a change (同比下降17.65%, the verb at
    ``verb_start``): the indicators that measure a change (``change: true``), and those whose
    keyword holds the verb itself (a study's 一审败诉率同比下降), not the level that changed."""
    changes = words.changes
    kept = [
        (hit, fitting if hit[1] > verb_start else tuple(f for f in fitting if f[0] in changes))
        for hit, fitting in candidates
    ]
    return [(hit, fitting) for hit, fitting in kept if fitting]


def outcome_candidates(
    words: Vocabulary,
    text: str,
    candidates: Sequence[tuple[Hit, tuple[tuple[str, int], ...]]],
) -> list[tuple[Hit, tuple[tuple[str, int], ...]]]:
    """The candidates without the indicators of keywords an outcome verb stands before
    (调撤一审行政诉讼案件: the withdrawn lawsuits, not the lawsuits), unless a keyword of the
    indicator holds the verb (the indicator counts that outcome)."""
    if not candidates:
        return []
    # most sentences hold no outcome verb: one search over the keywords' reach says so
    lo, hi = max(0, candidates[0][0][0] - 4), candidates[-1][0][0]
    if rules.OUTCOME_VERB.search(text, lo, hi) is None:
        return list(candidates)
    kept = []
    for hit, fitting in candidates:
        outcome = rules.OUTCOME_BEFORE.search(text, max(0, hit[0] - 4), hit[0])
        if outcome is not None:
            verb = outcome.group("verb")
            keywords_of = words.keywords_of
            fitting = tuple(f for f in fitting if any(verb in k for k in keywords_of.get(f[0], ())))
        if fitting:
            kept.append((hit, fitting))
    return kept


def indicator_candidates(
    words: Vocabulary, hits: Sequence[Hit], unit_std: str | None
) -> list[tuple[Hit, tuple[tuple[str, int], ...]]]:
    """The keyword hits that name an indicator of the claim's standard unit, each with the
    (indicator id, keyword length) pairs it fits."""
    fit = words.by_unit.get(base_unit(unit_std))
    if not fit:
        return []
    found = [(hit, fit[hit[2]]) for hit in hits if hit[2] in fit]
    return _in_own_compounds(words, hits, found) if found else found


# Words of the things a rate is measured of rather than of an activity: 政务服务事项网上可办率 is
# the share of service items that can be done online, a measure of online services.
_ITEMS = ("事项",)


def _written_onto(words: Vocabulary, hits: Sequence[Hit], hit: Hit) -> str | None:
    """The family of the word a rate ``hit`` is written onto (the 备案审查 of 备案审查直接纠错率),
    or None: the word ends where the word ``hit`` is part of (直接纠错率 for 纠错率) starts.

    Only an activity gives its family to the rate written onto it; the items a rate is
    measured of do not (政务服务事项网上可办率, 行政许可事项网上全流程办理率: online services).
    """
    start = hit[0]
    for h in hits:
        if h[0] < start and hit[1] <= h[1]:
            start = h[0]
    families = words.families
    for h in hits:
        if h[1] == start and h[2] in families and not h[2].endswith(_ITEMS):
            return families[h[2]]
    return None


def word_families(words: Vocabulary, hits: Sequence[Hit]) -> list[str | None]:
    """The family each hit speaks of: its word's, except that a rate written onto a word of
    another family is that family's rate (备案审查直接纠错率: the review of documents, not
    reconsideration; 案卷评查合格率: enforcement, not exams)."""
    families = words.families
    out = []
    for hit in hits:
        family = families.get(hit[2])
        if family is not None and hit[2][-1] == "率":
            family = _written_onto(words, hits, hit) or family
        out.append(family)
    return out


def _in_own_compounds(
    words: Vocabulary,
    hits: Sequence[Hit],
    candidates: list[tuple[Hit, tuple[tuple[str, int], ...]]],
) -> list[tuple[Hit, tuple[tuple[str, int], ...]]]:
    """The candidates without the indicators of another family than the one their keyword
    speaks of (:func:`word_families`)."""
    of_indicator = words.family_of_indicator
    kept = []
    for hit, fitting in candidates:
        if hit[2][-1] == "率":
            family = _written_onto(words, hits, hit)
            if family is not None:
                fitting = tuple(f for f in fitting if of_indicator[f[0]] == family)
        if fitting:
            kept.append((hit, fitting))
    return kept


def match_indicator(
    words: Vocabulary,
    text: str,
    hits: Sequence[Hit],
    scopes: Sequence[Span],
    span: Span,
    unit_std: str | None,
    *,
    candidates: Sequence[tuple[Hit, tuple[tuple[str, int], ...]]] | None = None,
) -> str | None:
    """The indicator whose keyword is longest, then nearest, in the narrowest scope with one.

    Scopes go from the phrase to the sentence; a phrase that names its own measure does not
    borrow from wider scopes. In the phrase and the clause a keyword must stand beside the
    number (:func:`_describes`); a clause that borrows (占比81%) takes the sentence's. Only
    indicators whose standard unit fits the claim count (``candidates``: the hits that fit,
    from :func:`indicator_candidates`, when the caller has them). A tie between indicators
    sharing the same keywords is ambiguous: None.
    """
    if candidates is None:
        candidates = indicator_candidates(words, hits, unit_std)
    if not candidates:
        return None
    # scope by scope, the keywords inside it: found by their starts (the hits are in text
    # order), so a narrow scope looks at the few keywords it can hold, not at all of them
    starts = [hit[0] for hit, _ in candidates]
    n_candidates = len(candidates)
    describes: dict[int, bool] = {}
    found: list[tuple[Hit, tuple[tuple[str, int], ...]]] = []
    for narrowest, (lo, hi) in enumerate(scopes):
        k = bisect.bisect_left(starts, lo)
        while k < n_candidates and starts[k] < hi:
            candidate = candidates[k]
            if candidate[0][1] <= hi:
                if narrowest <= 1:
                    ok = describes.get(k)
                    if ok is None:
                        ok = describes[k] = _describes(text, candidate[0], span)
                    if ok:
                        found.append(candidate)
                else:
                    found.append(candidate)
            k += 1
        if found:
            break
    else:
        return None
    if narrowest > 0 and _names_a_measure(text, scopes[0], span):
        return None
    # 6项政务服务事项实现秒批: when several keywords follow the number, the one right after
    # its measure word names the things counted, a later one what is measured of them
    # (the hits are in text order, one per start: ``found`` keeps it)
    after = [hit for hit, _ in found if hit[0] >= span[1]]
    counted = after[0] if len(after) > 1 and after[0][0] - span[1] <= 1 else None
    scores: dict[str, tuple[int, int, int]] = {}
    for hit, fitting in found:
        distance = -_distance(hit, span)
        for indicator_id, length in fitting:
            score = (0 if hit == counted else length, distance)
            best = scores.get(indicator_id)
            if best is None:
                scores[indicator_id] = (*score, 1)
            else:
                scores[indicator_id] = (*max(score, best[:2]), best[2] + 1)
    if len(scores) == 1:
        return next(iter(scores))
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] == ranked[1]:
        return None
    return max(scores, key=lambda i: scores[i])


def _describes(text: str, hit: Hit, span: Span) -> bool:
    """Whether a keyword can say what the number counts.

    A keyword names what follows it (行政许可事项238项), or, right after a measure word, what the
    number counts (16个乡镇政府…). So not when another number stands between them (in
    行政许可事项238项、子项445项 the licensing items are the 238), nor, after the number, when a 的
    does (36个区直单位的行政许可事项: the 36 counts units) or another number follows the keyword
    nearer (38个单位共办理行政处罚案件2156件: the cases are the 2156).
    """
    if hit[1] <= span[0]:
        return _DIGIT.search(text, hit[1], span[0]) is None
    if hit[0] < span[1]:
        return True  # in the number's own span (its unit: 40学时)
    if text.find("的", span[1], hit[0]) >= 0 or _DIGIT.search(text, span[1], hit[0]):
        return False
    # a number the keyword stands before in its clause owns the keyword: one as near after
    # the keyword as the keyword is after this number
    limit = hit[1] + hit[0] - span[1] + 1
    clause_end = rules.CLAUSE_END.search(text, hit[1], limit)
    return _DIGIT.search(text, hit[1], clause_end.start() if clause_end else limit) is None


def match_family(
    words: Vocabulary, hits: Sequence[Hit], scope: Span, span: Span | None
) -> str | None:
    """The family of the family word in ``scope`` nearest ``span`` (the longer on a tie), or
    of the first one when ``span`` is None (a caption or heading names its topic first)."""
    if span is None:
        families = words.families
        for hit in hits:
            if scope[0] <= hit[0] and hit[1] <= scope[1] and hit[2] in families:
                return families[hit[2]]
        return None
    return nearest_family(words, hits, (scope,), span)


def nearest_family(
    words: Vocabulary, hits: Sequence[Hit], scopes: Sequence[Span], span: Span
) -> str | None:
    """:func:`match_family` in the first of ``scopes`` that holds a family word, in one pass
    over the hits: the narrowest scope each word lies in, the narrowest of all wins; in it, a
    word just after the number in its phrase (the noun it counts), else the nearest word."""
    families = words.families
    rated = word_families(words, hits) if any(h[2][-1] == "率" for h in hits) else None
    narrowest = len(scopes)
    best: tuple[bool, int, int] | None = None
    found: str | None = None
    for i, hit in enumerate(hits):
        family = families.get(hit[2]) if rated is None else rated[i]
        if family is None:
            continue
        for n in range(min(narrowest + 1, len(scopes))):
            lo, hi = scopes[n]
            if lo <= hit[0] and hit[1] <= hi:
                break
        else:
            continue
        distance = _distance(hit, span)
        # 审结38件报备的规范性文件: the noun right after the measure word is what is counted
        counted = n == 0 and hit[0] >= span[1] and distance <= _COUNTED_NOUN_REACH
        score = (counted, -distance, len(hit[2]))
        if n < narrowest or best is None or score > best:
            narrowest, best, found = n, score, family
    return found
