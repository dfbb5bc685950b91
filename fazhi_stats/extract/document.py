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
from dataclasses import dataclass
from functools import cached_property
from typing import Generic, TypeVar

from fazhi_stats.extract import rules
from fazhi_stats.extract.indicators import vocabulary
from fazhi_stats.extract.sections import Genre, Layout, Period, document_layout
from fazhi_stats.extract.tables import TableIndex
from fazhi_stats.text.textmap import NormalisedText, normalise_text

T = TypeVar("T")
Span = tuple[int, int]

_SEGMENT_LIMIT = 400  # characters searched for a separator on each side
# A year mention: ("range", first, last), ("year", year, year) or ("relative", offset, 0).
YearMention = tuple[str, int, int]


class Segments:
    """Segments of a text between separators (sentences, clauses): the one around a span.

    The start is found by searching the reversed text, so no pass over the whole text is needed.
    """

    def __init__(self, text: str, reversed_text: str, separator: re.Pattern[str]) -> None:
        self.text = text
        self.reversed = reversed_text
        self.separator = separator

    def around(self, start: int, end: int) -> Span:
        n = len(self.text)
        after = self.separator.search(self.text, end, end + _SEGMENT_LIMIT)
        seg_end = after.start() if after else min(n, end + _SEGMENT_LIMIT)
        before = self.separator.search(self.reversed, n - start, n - start + _SEGMENT_LIMIT)
        seg_start = n - before.start() if before else max(0, start - _SEGMENT_LIMIT)
        return seg_start, max(seg_end, end)


@dataclass(frozen=True)
class Parts:
    """A sentence and its phrase, clause and sub-sentence separators (runs, in text order)."""

    sentence: Span
    runs: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]  # (starts, ends) per level

    def around(self, level: int, start: int, end: int) -> Span:
        """The segment of ``level`` (0 phrase, 1 clause, 2 sub-sentence) around a span."""
        starts, ends = self.runs[level]
        i = bisect.bisect_right(ends, start) - 1
        seg_start = ends[i] if i >= 0 else self.sentence[0]
        j = bisect.bisect_left(starts, end)
        seg_end = starts[j] if j < len(starts) else self.sentence[1]
        return max(seg_start, start - _SEGMENT_LIMIT), max(min(seg_end, end + _SEGMENT_LIMIT), end)


class Sentences:
    """The sentence around a span and its parts, split once per sentence and kept."""

    _CLAUSE_CHARS = frozenset(",:，：;；。!?！？\n")
    _SUBSENTENCE_CHARS = frozenset(";；。!?！？\n")

    def __init__(self, text: str, reversed_text: str) -> None:
        self.text = text
        self.segments = Segments(text, reversed_text, rules.SENTENCE_END)
        self.cache: dict[Span, Parts] = {}

    def parts(self, start: int, end: int) -> Parts:
        sentence = self.segments.around(start, end)
        found = self.cache.get(sentence)
        if found is None:
            # one pass over the phrase separators (、 , ; …), each run sorted into its levels
            levels: tuple[list[int], ...] = ([], [], [], [], [], [])
            text = self.text
            for m in rules.PHRASE_END.finditer(text, *sentence):
                a, b = m.span()
                chars = set(text[a:b])
                levels[0].append(a)
                levels[1].append(b)
                if chars & self._CLAUSE_CHARS:
                    levels[2].append(a)
                    levels[3].append(b)
                    if chars & self._SUBSENTENCE_CHARS:
                        levels[4].append(a)
                        levels[5].append(b)
            runs = tuple((tuple(levels[2 * i]), tuple(levels[2 * i + 1])) for i in range(3))
            found = self.cache[sentence] = Parts(sentence, runs)
        return found


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
        read = self.read
        return [h for h in map(read, self.pattern.finditer(self.text, start, end)) if h[1] <= end]


def _keyword(m: re.Match[str]) -> tuple[int, int, str]:
    word = m.group(1)
    return m.start(), m.start() + len(word), word


def _year_mention(m: re.Match[str]) -> tuple[int, int, YearMention]:
    if m.group("first"):
        return m.start(), m.end(), ("range", int(m.group("first")), int(m.group("last")))
    if m.group("relative"):
        return m.start(), m.end(), ("relative", rules.RELATIVE_YEAR[m.group("relative")], 0)
    year = int(m.group("year") or m.group("bare"))
    return m.start(), m.end(), ("year", year, year)


class ParsedText:
    """A document's normalised text and the context its claims share, computed lazily."""

    def __init__(self, original: str, *, genre: Genre | None, period: Period | None) -> None:
        self.view: NormalisedText = normalise_text(original, collapse_whitespace=False)
        text = self.text = self.view.text
        rev = text[::-1]
        self.sentences = Sentences(text, rev)
        self.lines = Segments(text, rev, rules.LINE_END)
        self.layout: Layout = document_layout(text, genre=genre, period=period)
        words = vocabulary()
        self.keywords = Mentions(text, words.pattern, _keyword)
        self.years = Mentions(text, rules.YEAR_MENTION, _year_mention)
        self._keywords: dict[Span, list[tuple[int, int, str]]] = {}
        self._years: dict[Span, list[tuple[int, int, YearMention]]] = {}
        self._families: dict[tuple[Span, bool], str | None] = {}

    def sentence_keywords(self, parts: Parts) -> list[tuple[int, int, str]]:
        """Keyword hits of a sentence (found once per sentence)."""
        found = self._keywords.get(parts.sentence)
        if found is None:
            found = self._keywords[parts.sentence] = self.keywords.within(*parts.sentence)
        return found

    def sentence_years(self, parts: Parts) -> list[tuple[int, int, YearMention]]:
        """Year mentions of a sentence (found once per sentence)."""
        found = self._years.get(parts.sentence)
        if found is None:
            found = self._years[parts.sentence] = self.years.within(*parts.sentence)
        return found

    def family_near(self, scope: Span, *, last: bool) -> str | None:
        """The family of the first (or the last) family word in ``scope``, found once per scope.

        A paragraph before a sentence names its topic nearest the sentence (its last word);
        a heading or a caption first.
        """
        key = (scope, last)
        if key in self._families:
            return self._families[key]
        families = vocabulary().families
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
        counts = Counter(
            int(m.group("year"))
            for m in rules.YEAR_MENTION.finditer(self.text)
            if m.group("year") and not rules.DATE_AFTER_YEAR.match(self.text, m.end())
        )
        if not counts:
            return None
        (year, n), *_ = counts.most_common(1)
        return year if 2 * n >= sum(counts.values()) and n >= 2 else None

    def mask_end(self, pos: int) -> int | None:
        """End of the masked span (title, date, slogan, chrome …) that holds ``pos``, if any."""
        title_end = self.title_end(pos)
        if title_end is not None:
            return title_end
        window_start = max(0, pos - rules.MASK_REACH)
        for m in rules.MASK_PATTERN.finditer(self.text, window_start, pos + rules.MASK_REACH):
            if m.start() > pos:
                break
            if m.end() > pos:
                return m.end()
        return None

    def title_end(self, pos: int) -> int | None:
        """End of the 《title》 around ``pos`` (on one line), if it is in one."""
        text = self.text
        lo = max(0, pos - rules.TITLE_MAX)
        for opening, closing in zip(rules.TITLE_OPEN, rules.TITLE_CLOSE, strict=True):
            start = text.rfind(opening, lo, pos)
            if start < 0 or closing in text[start:pos] or "\n" in text[start:pos]:
                continue
            end = text.find(closing, pos, start + rules.TITLE_MAX + 2)
            if end >= 0 and "\n" not in text[pos:end]:
                return end + 1
        return None
