"""The genre of a document and the sections that change what its numbers mean.

A plan (方案, 安排, 要点) states targets; a report (情况的报告) states achievements, and often next
year's targets in a closing section (下一步工作计划). :func:`document_layout` reads both from the
text alone, so it works on documents without metadata.

>>> layout = document_layout("关于2020年法治政府建设情况的报告\\n一、主要成效\\n共办理10件。\\n"
...                          "二、下一步工作计划\\n力争达到100%。")
>>> layout.genre
'report'
>>> layout.section_kind(layout.target_sections[0][0] + 3)
'target'
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Literal

from fazhi_stats.extract.rules import (
    PLAN_OPENING,
    PLAN_TITLE,
    REPORT_OPENING,
    REPORT_TITLE,
    TARGET_HEADING,
    TOP_HEADING,
)

Genre = Literal["report", "plan", "unknown"]
GENRES: tuple[Genre, ...] = ("report", "plan", "unknown")

_HEAD_CHARS = 4000  # the title is near the top; page chrome can come first
_TITLE_MAX = 90  # a title line is short
_TITLE_HINTS = ("关于", "法治", "依法行政", "法制", "《")


@dataclass(frozen=True)
class Layout:
    """Genre and target sections (start, end offsets in the text that was analysed)."""

    genre: Genre
    target_sections: tuple[tuple[int, int], ...] = ()

    def section_kind(self, pos: int) -> Literal["target"] | None:
        """``"target"`` if ``pos`` lies in a section of targets (下一步工作计划 …), else None."""
        starts = [s for s, _ in self.target_sections]
        i = bisect.bisect_right(starts, pos) - 1
        if i >= 0 and pos < self.target_sections[i][1]:
            return "target"
        return None


def detect_genre(text: str) -> Genre:
    """``report`` or ``plan`` from the first title-like line near the top, else ``unknown``.

    >>> detect_genre("关于印发《某县法治政府建设工作方案》的通知\\n……")
    'plan'
    """
    head = text[:_HEAD_CHARS]
    for line in head.splitlines():
        line = line.strip(" \t\u3000-")
        if not line or len(line) > _TITLE_MAX or not any(h in line for h in _TITLE_HINTS):
            continue
        if REPORT_TITLE.search(line):
            return "report"
        if PLAN_TITLE.search(line):
            return "plan"
    if REPORT_OPENING.search(head):  # no title (a page without its header): the preamble
        return "report"
    if PLAN_OPENING.search(head):
        return "plan"
    return "unknown"


def _target_sections(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of top-level sections (一、 二、 …) whose heading announces targets."""
    headings = [
        (m.start(), TARGET_HEADING.search(m.group(1)) is not None)
        for m in TOP_HEADING.finditer(text)
    ]
    spans = []
    for i, (start, is_target) in enumerate(headings):
        if is_target:
            end = headings[i + 1][0] if i + 1 < len(headings) else len(text)
            spans.append((start, end))
    return tuple(spans)


def document_layout(text: str, *, genre: Genre | None = None) -> Layout:
    """Genre (detected unless given) and, for reports, the sections that state targets."""
    found = genre or detect_genre(text)
    sections = _target_sections(text) if found == "report" else ()
    return Layout(found, sections)
