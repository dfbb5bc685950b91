"""One document as the extractor reads it: normalised text, segments, masks, headings, tables.

Context is looked up lazily around each number, not over the whole text: most of a document
holds no number, and a whole-text pass of every rule would cost more than the rest. Keyword and
year mentions are searched in the scopes a number asks about.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable
from functools import cached_property
from typing import Generic, TypeVar

import fazhi_stats.extract.rules as rules
from fazhi_stats.extract.indicators import (
    base_unit,
    indicator_candidates,
    outcome_candidates,
    vocabulary,
)
from fazhi_stats.extract.sections import Genre, Layout, Period, document_layout
from fazhi_stats.extract.tables import TableIndex
from fazhi_stats.extract.topics import NOT_KEYWORDS
from fazhi_stats.registry import active_registry
from fazhi_stats.text.reader import QuantityReader
from fazhi_stats.text.textmap import NormalisedText, normalise_text
from fazhi_stats.text.variants import as_simplified

T = TypeVar("T")
Span = tuple[int, int]

_SEGMENT_LIMIT = 400  # characters searched for a separator on each side
_CITED_TITLE = re.compile(r"《[^》\n]*》")
_CUES = {
    "hedge": rules.HEDGE,
    "target": rules.TARGET_CUE,
    "actual": rules.ACTUAL_CUE,
    "report_target": rules.REPORT_TARGET_CUE,
    "plan_actual": rules.PLAN_ACTUAL_CUE,
}
_TITLE_MARKS = tuple(zip(rules.TITLE_OPEN, rules.TITLE_CLOSE, strict=True))
# A year mention: ("range", first, last), ("year", year, year) or ("relative", offset, 0).
YearMention = tuple[str, int, int]


class Segments:
    """Segments of a text between separators (sentences, clauses): the one around a span.

    ``separator`` matches runs of the characters ``chars``. The start is the character after
    the nearest separator before the span, found with ``str.rfind`` per separator character:
    no pass over the whole text, and no reversed copy of it.
    """

    def __init__(self, text: str, separator: re.Pattern[str], chars: str) -> None:
        self.text = text
        self.separator = separator
        self.chars = chars

    def around(self, start: int, end: int) -> Span:
        text = self.text
        n = len(text)
        after = self.separator.search(text, end, end + _SEGMENT_LIMIT)
        seg_end = after.start() if after else min(n, end + _SEGMENT_LIMIT)
        lo = start - _SEGMENT_LIMIT if start > _SEGMENT_LIMIT else 0
        last = max([text.rfind(ch, lo, start) for ch in self.chars])
        seg_start = last + 1 if last >= 0 else lo
        return seg_start, max(seg_end, end)


KeywordHit = tuple[int, int, str]  # start, end, keyword
IndicatorCandidates = list[tuple[KeywordHit, tuple[tuple[str, int], ...]]]


class Parts:
    """A sentence and its phrase, clause and sub-sentence separators (runs, in text order),
    with what its numbers share, found when first asked: its keyword hits, year mentions,
    the words that decide a kind, the indicator keywords by unit.

    One is made per sentence (claims come in text order), so what it holds lives as long as
    the sentence is being read.
    """

    __slots__ = ("asides", "candidates", "cues", "keywords", "runs", "sentence", "years")

    def __init__(
        self, sentence: Span, runs: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]
    ) -> None:
        self.sentence = sentence
        self.runs = runs  # (starts, ends) per level
        self.keywords: list[KeywordHit] | None = None
        self.years: list[tuple[int, int, YearMention]] | None = None
        self.cues: dict[str, tuple[list[int], list[int]]] = {}
        self.candidates: dict[str, IndicatorCandidates] = {}
        self.asides: list[Span] | None = None

    def __repr__(self) -> str:
        return f"Parts(sentence={self.sentence!r})"

    def around(self, level: int, start: int, end: int) -> Span:
        """The segment of ``level`` (0 phrase, 1 clause, 2 sub-sentence) around a span."""
        starts, ends = self.runs[level]
        i = bisect.bisect_right(ends, start) - 1
        seg_start = ends[i] if i >= 0 else self.sentence[0]
        j = bisect.bisect_left(starts, end)
        seg_end = starts[j] if j < len(starts) else self.sentence[1]
        # comparisons rather than max/min: this runs several times for every number
        lo, hi = start - _SEGMENT_LIMIT, end + _SEGMENT_LIMIT
        seg_start = seg_start if seg_start > lo else lo
        seg_end = seg_end if seg_end < hi else hi
        return seg_start, seg_end if seg_end > end else end


_CLAUSE_CHARS = frozenset(",:，：;；。!?！？\n")
_SUBSENTENCE_CHARS = frozenset(";；。!?！？\n")


class Sentences:
    """The sentence around a span and its parts, split once while its numbers are read."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.segments = Segments(text, rules.SENTENCE_END, rules.SENTENCE_END_CHARS)
        self.last: Parts | None = None

    def parts(self, start: int, end: int) -> Parts:
        last = self.last
        if last is not None:
            a, b = last.sentence
            # a sentence shorter than the search limit is the same for every span inside it
            if a <= start and end <= b and b - a < _SEGMENT_LIMIT:
                return last
        sentence = self.segments.around(start, end)
        if last is not None and last.sentence == sentence:
            return last
        found = Parts(sentence, separator_runs(self.text, sentence))
        self.last = found
        return found


def separator_runs(text: str, span: Span) -> tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]:
    """The separator runs inside ``span`` of each level, as (starts, ends): phrase (any of
    、 , : ; 。 ! ? and line breaks), clause (the runs holding one of , : ; 。 ! ?), sub-sentence
    (those holding one of ; 。 ! ?).

    >>> separator_runs("甲、乙，丙；丁", (0, 7))
    (((1, 3, 5), (2, 4, 6)), ((3, 5), (4, 6)), ((5,), (6,)))
    """
    # one pass of one pattern (most runs are one character: a set lookup tells the levels);
    # a pattern per level costs more than these filters
    phrase = [m.span() for m in rules.PHRASE_END.finditer(text, *span)]
    clause = _runs_holding(text, phrase, _CLAUSE_CHARS)
    subsentence = _runs_holding(text, clause, _SUBSENTENCE_CHARS)
    return _starts_and_ends(phrase), _starts_and_ends(clause), _starts_and_ends(subsentence)


def _runs_holding(text: str, runs: list[Span], chars: frozenset[str]) -> list[Span]:
    """The runs of ``text`` that hold one of ``chars``."""
    return [
        (a, b)
        for a, b in runs
        if ((text[a] in chars) if b - a == 1 else not chars.isdisjoint(text[a:b]))
    ]


_NO_RUNS: tuple[tuple[int, ...], tuple[int, ...]] = ((), ())


def _starts_and_ends(runs: list[Span]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    if not runs:
        return _NO_RUNS
    starts, ends = zip(*runs, strict=True)
    return starts, ends


class Mentions(Generic[T]):
    """Matches of a pattern inside a span of the text, found when asked.

    A number's scopes are short (a clause, a sentence): searching them directly costs less
    than indexing the whole text. ``read`` turns a match into (start, end, payload).
    """

    def __init__(
        self,
        text: str,
        pattern: re.Pattern[str],
        read: Callable[[re.Match[str]], tuple[int, int, T]],
    ) -> None:
        self.text = text
        self.pattern = pattern
        self.read = read

    def within(self, start: int, end: int) -> list[tuple[int, int, T]]:
        """Matches lying inside ``start:end``, in text order."""
        if end <= start:
            return []
        found = map(self.read, self.pattern.finditer(self.text, start, end))
        return [h for h in found if h[1] <= end]


_NOT_KEYWORDS = re.compile("|".join(map(re.escape, NOT_KEYWORDS)))
_NOT_KEYWORD_REACH = max(map(len, NOT_KEYWORDS))


def outside_other_words(
    text: str, hits: list[KeywordHit], start: int, end: int
) -> list[KeywordHit]:
    """The keyword hits of ``text[start:end]`` that are not inside a word that holds them
    without being about them (:data:`~fazhi_stats.extract.topics.NOT_KEYWORDS`: the 调解 of
    协调解决).

    >>> text = "协调解决企业困难128个,调解纠纷5起"
    >>> outside_other_words(text, [(1, 3, "调解"), (13, 15, "调解")], 0, len(text))
    [(13, 15, '调解')]
    """
    if not hits:
        return hits
    words = [
        m.span() for m in _NOT_KEYWORDS.finditer(text, max(0, start - _NOT_KEYWORD_REACH), end)
    ]
    if not words:
        return hits
    return [h for h in hits if not any(a <= h[0] and h[1] <= b for a, b in words)]


class KeywordMentions(Mentions[str]):
    """Keyword hits in a span, without those inside a word that is not about them."""

    def within(self, start: int, end: int) -> list[tuple[int, int, str]]:
        return outside_other_words(self.text, super().within(start, end), start, end)


def _keyword(m: re.Match[str]) -> tuple[int, int, str]:
    word = m.group(1)
    return m.start(), m.start() + len(word), word


def _year_mention(m: re.Match[str]) -> tuple[int, int, YearMention]:
    start, end = m.span("hit")
    if m.group("first"):
        return start, end, ("range", int(m.group("first")), int(m.group("last")))
    if m.group("relative"):
        return start, end, ("relative", rules.RELATIVE_YEAR[m.group("relative")], 0)
    year = int(m.group("year") or m.group("bare"))
    return start, end, ("year", year, year)


class ParsedText:
    """A document's normalised text and the context its claims share, computed lazily."""

    def __init__(self, original: str, *, genre: Genre | None, period: Period | None) -> None:
        self.view: NormalisedText = normalise_text(
            original, collapse_whitespace=False, drop_glosses=True, drop_digit_spacing=True
        )
        # a text in traditional characters is read in simplified ones, one for one: the
        # offsets stay the view's
        text = self.text = as_simplified(self.view.text)
        self.sentences = Sentences(text)
        self.lines = Segments(text, rules.LINE_END, "\n")
        self.layout: Layout = document_layout(text, genre=genre, period=period)
        registry = active_registry()  # looked up once per document, not per number
        self.words = words = vocabulary(registry)
        self.quantities = QuantityReader(registry)
        self.keywords = KeywordMentions(text, words.pattern, _keyword)
        self.years = Mentions(text, rules.YEAR_MENTION, _year_mention)
        self._families: dict[tuple[Span, bool], str | None] = {}
        # whether the time clause opening a paragraph dates its numbers, by the paragraph's start
        self.paragraph_years: dict[int, tuple[bool, int | None]] = {}

    def sentence_keywords(self, parts: Parts) -> list[KeywordHit]:
        """Keyword hits of a sentence (found once per sentence)."""
        found = parts.keywords
        if found is None:
            found = parts.keywords = self.keywords.within(*parts.sentence)
        return found

    def sentence_asides(self, parts: Parts) -> list[Span]:
        """The remarks in brackets of a sentence, ``(…)`` on one line (found once per sentence)."""
        found = parts.asides
        if found is None:
            start, end = parts.sentence
            text = self.text
            found = parts.asides = (
                [m.span() for m in rules.REMARK.finditer(text, start, end)]
                if text.find("(", start, end) >= 0
                else []
            )
        return found

    def sentence_indicator_candidates(
        self, parts: Parts, unit_std: str | None
    ) -> IndicatorCandidates:
        """The keyword hits of a sentence that name an indicator of ``unit_std``'s base unit
        (found once per sentence and unit)."""
        key = base_unit(unit_std)
        found = parts.candidates.get(key)
        if found is None:
            hits = self.sentence_keywords(parts)
            fitting = indicator_candidates(self.words, hits, unit_std)
            found = parts.candidates[key] = outcome_candidates(self.words, self.text, fitting)
        return found

    def sentence_cue(self, parts: Parts, name: str) -> tuple[list[int], list[int]]:
        """Where the words of one class that decide a kind (``hedge``, ``target``, ``actual``,
        ``report_target``, ``plan_actual``) stand in a sentence: their starts and ends.

        Words inside a cited 《title》 do not count (a 《…计划》 is a name, not a plan).
        """
        found = parts.cues.get(name)
        if found is None:
            text = self.text
            start, end = parts.sentence
            spans = [m.span() for m in _CUES[name].finditer(text, start, end)]
            if spans and "《" in text[start:end]:
                titles = [m.span() for m in _CITED_TITLE.finditer(text, start, end)]
                spans = [s for s in spans if not any(a <= s[0] < b for a, b in titles)]
            found = parts.cues[name] = ([a for a, _ in spans], [b for _, b in spans])
        return found

    def sentence_years(self, parts: Parts) -> list[tuple[int, int, YearMention]]:
        """Year mentions of a sentence (found once per sentence)."""
        found = parts.years
        if found is None:
            found = parts.years = self.years.within(*parts.sentence)
        return found

    def family_near(self, scope: Span, *, last: bool) -> str | None:
        """The family of the first (or the last) family word in ``scope``, found once per scope.

        The sentence before a sentence names its topic nearest the sentence (its last word);
        a heading or a caption first.
        """
        key = (scope, last)
        if key in self._families:
            return self._families[key]
        families = self.words.families
        found = [families[w] for _, _, w in self.keywords.within(*scope) if w in families]
        family = (found[-1] if last else found[0]) if found else None
        self._families[key] = family
        return family

    @cached_property
    def tables(self) -> TableIndex:
        return TableIndex(self.text)

    @cached_property
    def year(self) -> int | None:
        """The year the document covers: its period's, else (a report without a title) the
        year its text names most often, when that is at least half of its year mentions."""
        if self.layout.period is not None:
            return self.layout.year
        if self.layout.genre == "plan":
            return None
        counts = Counter(rules.YEAR_NAMED.findall(self.text))
        if not counts:
            return None
        (year, n), *_ = counts.most_common(1)
        return int(year) if 2 * n >= sum(counts.values()) and n >= 2 else None

    def mask_end(self, pos: int, *, in_cell: bool = False) -> int | None:
        """End of the masked span (title, date, slogan, chrome …) that holds ``pos``, if any;
        ``in_cell``: ``pos`` is in a table's cell, where a number alone on its line is a
        figure, not a list marker."""
        title_end = self.title_end(pos)
        if title_end is not None:
            return title_end
        search = (rules.CELL_MASK_PATTERN if in_cell else rules.MASK_PATTERN).search
        text, at, stop = self.text, max(0, pos - rules.MASK_REACH), pos + rules.MASK_REACH
        while (m := search(text, at, stop)) is not None and m.start() <= pos:
            start, end = m.span("hit")
            if end > pos:
                return end
            at = end if end > start else start + 1
        return None

    def title_end(self, pos: int) -> int | None:
        """End of the 《title》 around ``pos`` (on one line), if it is in one."""
        text = self.text
        lo = max(0, pos - rules.TITLE_MAX)
        # find() within bounds rather than `in` on slices: no copy of the text per number
        find = text.find
        for opening, closing in _TITLE_MARKS:
            start = text.rfind(opening, lo, pos)
            if start < 0 or find(closing, start, pos) >= 0 or find("\n", start, pos) >= 0:
                continue
            end = find(closing, pos, start + rules.TITLE_MAX + 2)
            if end >= 0 and find("\n", pos, end) < 0:
                return end + 1
        return None
