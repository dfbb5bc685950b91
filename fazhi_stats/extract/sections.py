"""The genre of a document, its headings and sections, and the years it covers.

A plan (方案, 安排, 要点) states targets; a report (情况的报告) states achievements, and often next
year's targets in a closing section (下一步工作计划). :func:`document_layout` reads genre, period
and headings from the text alone, so it works on documents without metadata; what a caller
knows (a sidecar's kind and period) overrides what is read.

>>> layout = document_layout("关于2020年法治政府建设情况的报告\\n一、主要成效\\n共办理10件。\\n"
...                          "二、下一步工作计划\\n力争达到100%。")
>>> (layout.genre, layout.period)
('report', (2020, 2020))
>>> pos = layout.headings[-1].start + 12
>>> (layout.section_kind(pos), layout.section_year(pos))
('target', 2021)
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from fazhi_stats.extract.rules import (
    ACTUAL_CUE,
    COMPARISON_BEFORE,
    HEADING,
    PAST_PARTICLE,
    PLAN_OPENING,
    PLAN_TITLE,
    REPORT_OPENING,
    REPORT_TITLE,
    TARGET_CUE,
    TARGET_HEADING,
    YEAR_IN_HEADING,
    YEAR_RANGE,
)

Genre = Literal["report", "plan", "unknown"]
GENRES: tuple[Genre, ...] = ("report", "plan", "unknown")
Period = tuple[int, int]

_HEAD_CHARS = 4000  # the title is near the top; page chrome can come first
_TITLE_MAX = 90  # a title line is short
_TITLE_STRIP = " \t\u3000-\r"  # stripped from the ends of a title line
_SENTENCE_MARKS = re.compile("[,;。，；]")
_TITLE_HINTS = ("关于", "法治", "依法行政", "法制", "《", "报告")
_TITLE_HINT = re.compile("|".join(_TITLE_HINTS))
# the title of a year's enforcement statistics: 行政执法统计情况, 执法数据表, 执法工作统计年报
# (looked for only in a short line holding 执法 and no other hint)
_STATISTICS_HINT = re.compile("执法统计|执法数据|统计年报")
_OPENING_CHARS = 1500  # where a report without a title says which year it covers
_OPENING_YEAR = re.compile(r"((?:19|20)\d\d)(?<![\d.]\d{4})\s*年(?:度)?\s*(?:[,:]|以来)")
_PREAMBLE_YEAR = re.compile(
    r"现将[^。\n]{0,40}?((?:19|20)\d\d)\s*年[^。\n]{0,40}?(?:报告|汇报)如下"
)
# documents without a title or preamble: achievements outnumber targets this much in a report
_BODY_VOTE_RATIO = 3
_BODY_VOTE_MIN = 4


class Heading(NamedTuple):
    """A numbered heading: level 1 (一、), 2 ((一)) or 3 (1.), its span and what it says.

    A named tuple: a document has dozens, made for every document read.
    """

    start: int
    end: int  # end of the heading's own text (its line, or its first sentence)
    level: int
    is_target: bool  # 下一步工作计划, 2021年工作打算 …
    year: int | None  # the single year the heading names, if any


@dataclass(frozen=True)
class Layout:
    """Genre, the years covered (``period``), and the headings of a text.

    ``title_end`` is the end of the title line (0 when none was found): words of the title
    describe the whole document.
    """

    genre: Genre
    period: Period | None = None
    headings: tuple[Heading, ...] = ()
    title_end: int = 0
    length: int = 0  # of the text
    # for each heading, the headings it sits under (itself first): computed once
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _chains: tuple[tuple[Heading, ...], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        chains: list[tuple[Heading, ...]] = []
        open_: list[Heading] = []  # the headings in force, outermost first
        for heading in self.headings:
            while open_ and open_[-1].level >= heading.level:
                open_.pop()
            open_.append(heading)
            chains.append(tuple(reversed(open_)))
        object.__setattr__(self, "_starts", tuple(h.start for h in self.headings))
        object.__setattr__(self, "_chains", tuple(chains))

    @property
    def year(self) -> int | None:
        """The year the document is about: a report's first year (the one it reports on; a
        period reaching further holds its next-year plans), a plan's only year; else None (a
        multi-year plan, or unknown)."""
        if self.period is None:
            return None
        if self.genre == "report" or self.period[0] == self.period[1]:
            return self.period[0]
        return None

    def enclosing(self, pos: int) -> tuple[Heading, ...]:
        """The headings ``pos`` sits under, innermost first (one per level at most)."""
        i = bisect.bisect_right(self._starts, pos) - 1
        return self._chains[i] if i >= 0 else ()

    def _top(self, pos: int) -> Heading | None:
        for heading in self.enclosing(pos):
            if heading.level == 1:
                return heading
        return None

    @property
    def target_sections(self) -> tuple[tuple[int, int], ...]:
        """Spans of a report's sections of targets (下一步工作计划 …): from each such top-level
        heading to the next top-level heading."""
        if self.genre != "report":
            return ()
        tops = [h for h in self.headings if h.level == 1]
        spans = []
        for i, heading in enumerate(tops):
            if heading.is_target:
                end = tops[i + 1].start if i + 1 < len(tops) else self.length
                spans.append((heading.start, end))
        return tuple(spans)

    def section_kind(self, pos: int) -> Literal["target"] | None:
        """``"target"`` if ``pos`` lies in a report's section of targets (下一步工作计划 …)."""
        if self.genre != "report":
            return None
        top = self._top(pos)
        return "target" if top is not None and top.is_target else None

    def section_year(self, pos: int) -> int | None:
        """The year of the section around ``pos``: a heading's year, or next year's section."""
        for heading in self.enclosing(pos):
            if heading.year is not None:
                return heading.year
        if self.section_kind(pos) == "target" and self.year is not None:
            return self.year + 1
        return None


def _title_lines(text: str) -> Iterator[tuple[int, str]]:
    """Short lines near the top that look like a title, with their end offsets.

    Only lines holding a hint (关于, 法治, 《 …, or the words of enforcement statistics) count.
    A line is searched for one only once it is known to be short: over the whole head the
    search cost more than splitting the lines (a regex finds a class or an alternation
    character by character, not at memchr speed).
    """
    head = text[:_HEAD_CHARS]
    end = -1
    for line in head.split("\n"):
        end += 1 + len(line)
        if len(line) > _TITLE_MAX and line[0] not in _TITLE_STRIP and line[-1] not in _TITLE_STRIP:
            continue  # a paragraph (nothing to strip at either end): too long to be a title
        line = line.strip(_TITLE_STRIP)
        if (
            line
            and len(line) <= _TITLE_MAX
            and (
                _TITLE_HINT.search(line) is not None
                or ("执法" in line and _STATISTICS_HINT.search(line) is not None)
            )
            and _SENTENCE_MARKS.search(line) is None  # a title is short, not a sentence
        ):
            yield end + 1 if end < len(head) else end, line


def _genre_of_title(line: str) -> Genre:
    if REPORT_TITLE.search(line):
        return "report"
    if PLAN_TITLE.search(line):
        return "plan"
    return "unknown"


def _body_vote(text: str) -> Genre:
    """A text without title or preamble (its opening is given): ``report`` when words of an
    account (已, 共, the past particle 了) clearly outnumber words of a plan (要, 确保, 力争),
    ``plan`` the other way."""
    actual = len(ACTUAL_CUE.findall(text)) + len(PAST_PARTICLE.findall(text))
    target = len(TARGET_CUE.findall(text))
    if actual >= _BODY_VOTE_MIN and actual >= _BODY_VOTE_RATIO * max(target, 1):
        return "report"
    if target >= _BODY_VOTE_MIN and target >= _BODY_VOTE_RATIO * max(actual, 1):
        return "plan"
    return "unknown"


def detect_genre(text: str) -> Genre:
    """``report`` or ``plan`` from the title near the top, the preamble, or the wording.

    >>> detect_genre("关于印发《某县法治政府建设工作方案》的通知\\n……")
    'plan'
    """
    return _genre_and_title(text)[0]


def _genre_and_title(text: str) -> tuple[Genre, int, str]:
    """Genre, and the end and text of the title line that decides it (0, '' when none does).

    The title is the first title-like line that decides the genre and names a year, else the
    first that decides the genre (a breadcrumb such as 政府工作报告 decides but names none).
    """
    first: tuple[int, str, Genre] | None = None
    for end, line in _title_lines(text):
        genre = _genre_of_title(line)
        if genre == "unknown" or (first is not None and genre != first[2]):
            continue
        if _years_of(line):
            return genre, end, line
        first = first or (end, line, genre)
    if first is not None:
        return first[2], first[0], first[1]
    head = text[:_HEAD_CHARS]
    if REPORT_OPENING.search(head):  # no title (a page without its header): the preamble
        return "report", 0, ""
    if PLAN_OPENING.search(head):
        return "plan", 0, ""
    return _body_vote(head), 0, ""


_TITLE_LABEL = re.compile(r"^[\s•·]*(?:名称|标题|题目|文件名称)\s*[:：]\s*")


def title_line(text: str) -> str | None:
    r"""The document's title as its text writes it: the title-like line near the top that
    decides its genre (see :func:`document_layout`), or None when no line does.

    >>> title_line("首页 > 政务公开\n静海区2023年度法治政府建设情况报告\n2023年,静海区坚持…")
    '静海区2023年度法治政府建设情况报告'
    >>> title_line("名称: 宁国市2022年行政复议和行政应诉案件办理情况统计分析报告\n…")
    '宁国市2022年行政复议和行政应诉案件办理情况统计分析报告'
    >>> title_line("2023年,全区共办理行政复议案件12件。") is None
    True
    """
    _genre, end, line = _genre_and_title(text)
    if not end:
        return None
    # a page's metadata labels its title: 名称: …, 标题: …
    return _TITLE_LABEL.sub("", line).strip(_TITLE_STRIP) or None


def _years_of(line: str) -> list[int]:
    return [int(y) for y in YEAR_IN_HEADING.findall(line)]


def _period_of_title(title: str) -> Period | None:
    """The years a title covers: a range (2021-2025年), else its first year (a report's)."""
    found = YEAR_RANGE.search(title)
    if found:
        first, last = int(found.group(1)), int(found.group(2))
        if first <= last:
            return first, last
    years = _years_of(title)
    if not years:
        return None
    # 2015年推进依法行政工作情况及2016年工作打算: the report covers the first year
    return years[0], years[0]


def _period_of_opening(text: str) -> Period | None:
    """A report without a title: its preamble's year, else the year its opening starts with."""
    head = text[:_OPENING_CHARS]
    for pattern in (_PREAMBLE_YEAR, _OPENING_YEAR):
        for found in pattern.finditer(head):
            if COMPARISON_BEFORE.search(head, max(0, found.start() - 4), found.start()):
                continue  # 相比于2023年, …: the base of a comparison
            year = int(found.group(1))
            return year, year
    return None


def find_headings(text: str, *, last_year: int | None = None) -> tuple[Heading, ...]:
    """Numbered headings at the start of a line: 一、… (1), (一)… (2), 1.… (3).

    ``last_year`` is the last year the document covers, when known: a heading of that year's
    work (一、2024年主要工作举措和成效 in a report on 2024) is no section of targets, one of a
    later year's (三、2025年主要工作) is.

    >>> [h.is_target for h in find_headings("一、2024年主要工作举措和成效\\n二、2025年主要工作", last_year=2024)]
    [False, True]
    """
    out: list[Heading] = []
    for m in HEADING.finditer("\n" + text):  # offsets below are shifted back by that 1
        l1, l2, body = m.group("l1", "l2", "body")
        level = 1 if l1 else 2 if l2 else 3
        # most headings name no year: 年 is looked for before the pattern is run
        years = _years_of(body) if "年" in body else []
        out.append(
            Heading(
                m.start(),  # the "\n" added before the text: the line's own start
                m.end() - 1,
                level,
                level == 1 and _is_target_heading(body, last_year),
                years[0] if len(set(years)) == 1 else None,
            )
        )
    return tuple(out)


def _is_target_heading(body: str, last_year: int | None) -> bool:
    """Whether a top-level heading opens a section of targets (see :func:`find_headings`)."""
    for found in TARGET_HEADING.finditer(body):
        year = found.group("year_of_work")
        if year is None or last_year is None or int(year) > last_year:
            return True
    return False


def document_layout(
    text: str, *, genre: Genre | None = None, period: Period | None = None
) -> Layout:
    """Genre and period (read from the text unless given) and the headings of ``text``."""
    found, title_end, title = _genre_and_title(text)
    genre = genre or found
    if period is None:
        period = _period_of_title(title) if title else None
        if period is None and genre != "plan":
            period = _period_of_opening(text)
    last_year = period[1] if period is not None else None
    return Layout(genre, period, find_headings(text, last_year=last_year), title_end, len(text))


_GENRE_OF_KIND: dict[str, Genre] = {
    "report": "report",
    "plan": "plan",
    "work_points": "plan",
    "national": "plan",
}


def genre_of_kind(doc_kind: str | None) -> Genre | None:
    """The genre of a sidecar's document kind (``report``, ``plan``, ``work_points`` …).

    >>> genre_of_kind("work_points (an information item)")
    'plan'
    """
    if not doc_kind:
        return None
    word = re.split(r"[\s(（]", doc_kind.strip().lower(), maxsplit=1)[0]
    return _GENRE_OF_KIND.get(word)


def period_of(value: object) -> Period | None:
    """A period from a sidecar: ``[2014, 2016]``, ``2020``, ``"2021-2025"`` or ``"2015 (…)"``.

    >>> period_of([2014, 2016]), period_of("2021-2025"), period_of("2015 (plus 2016 plans)")
    ((2014, 2016), (2021, 2025), (2015, 2015))
    >>> period_of("2025 (the request was 2016-2024)"), period_of("multi-year (about 2021-2025)")
    ((2025, 2025), None)
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return value, value
    if isinstance(value, Sequence) and not isinstance(value, str) and len(value) == 2:
        first, last = value
        if isinstance(first, int) and isinstance(last, int) and first <= last:
            return first, last
        return None
    if isinstance(value, str):
        # the value is what the field starts with; a remark after it (in brackets) is not
        found = re.match(r"\s*((?:19|20)\d\d)(?:\s*[-—–~至到]\s*((?:19|20)\d\d))?\b", value)
        if found:
            first = int(found.group(1))
            last = int(found.group(2)) if found.group(2) else first
            return (first, last) if first <= last else None
    return None
