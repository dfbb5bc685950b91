"""The list structure of a plan: paragraphs, list markers, headings, items and task sentences.

Rules about the genre, never about one document:

- a paragraph is a line of the text; its list marker is one of 一、 (rank 1), (一) (rank 2; also
  when the capture lost a bracket or the numeral: 一) or ``)``), 1. / 1、 (rank 3), (1) (rank 4);
- a numbered paragraph with numbered paragraphs below it is a *heading*; one that is a short
  title (总体目标, 完善行政决策机制。) with only unnumbered paragraphs below it is a heading too,
  and each of those paragraphs is an *item*; any other numbered paragraph is an *item*, with its
  责任单位 line and the unnumbered paragraphs that continue it before its next sibling;
- unnumbered paragraphs of a section that has items (an opening before them, a closing after an
  item that named its responsible unit, or after the last item) are cut into *sentences*
  (。！？); a fragment without a sentence end (a label such as 工作措施:, an introduction ending
  in 如下:, a signature, a date, page chrome) is not a commitment;
- sections headed 指导思想 / 基本原则 / 工作原则 (without 目标) state principles: not commitments;
- a commitment is a *goal* under a heading that names 目标 (总体目标, 目标任务), when labelled
  工作目标: / 总体目标:, or as the opening sentence of a section; otherwise a *task*.

>>> text = "一、推进审批改革。\\n责任单位:区审改办牵头\\n二、落实学法制度,举办讲座。\\n各部门要报告。"
>>> [(s.form, text[s.start:s.end]) for s in segment_text(text)]
[('item', '一、推进审批改革。\\n责任单位:区审改办牵头'), ('item', '二、落实学法制度,举办讲座。'), ('sentence', '各部门要报告。')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from fazhi_stats.sources.commitments.flags import RESPONSIBILITY_LABEL, inline_responsibility

_CN = "一二三四五六七八九十百"
_MARKERS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"[{_CN}]{{1,3}}\s*[、．.]\s*")),
    (2, re.compile(rf"(?:[(（]\s*[{_CN}]{{1,3}}\s*[)）]|[{_CN}]{{1,3}}[)）]|[(（][)）]|[)）])\s*")),
    (3, re.compile(r"\d{1,3}\s*(?:、|[．.](?!\d))\s*")),
    (4, re.compile(r"[(（]\s*\d{1,3}\s*[)）]\s*")),
)
_SENTENCE = re.compile(r"[^。！？!?]*[。！？!?]+")
_TITLE_MAX = 30
_TITLE_PUNCTUATION = re.compile(r"[,，;；:：。！？!?]")
_PRINCIPLES = re.compile(r"指导思想|基本原则|工作原则")
_GOAL_HEADING = re.compile(r"目标")
_GOAL_LABEL = re.compile(r"^(?:工作目标|总体目标|主要目标|目标)\s*[:：]")


@dataclass(frozen=True)
class Paragraph:
    """One non-empty line: offsets of its text (stripped) and of its body after the marker."""

    start: int
    end: int
    body_start: int
    marker: str
    rank: int  # 0 when unnumbered


@dataclass(frozen=True)
class Segment:
    """A commitment as the rules cut it (offsets into the text)."""

    start: int
    end: int
    form: str  # item | sentence
    role: str  # task | goal
    marker: str
    headings: tuple[tuple[int, int], ...]  # spans of the headings above it, outermost first


@dataclass
class _Node:
    para: Paragraph | None  # None for the root of a section
    blocks: list[_Node | Paragraph] = field(default_factory=list)
    responsibility: Paragraph | None = None

    @property
    def rank(self) -> int:
        return self.para.rank if self.para is not None else 0

    def children(self) -> list[_Node]:
        return [b for b in self.blocks if isinstance(b, _Node)]

    def contents(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]


def paragraphs(text: str, start: int = 0, end: int | None = None) -> Iterator[Paragraph]:
    """The non-empty lines of ``text[start:end]`` with their list markers."""
    end = len(text) if end is None else end
    for match in re.finditer(r"[^\n]+", text[:end]):
        if match.end() <= start:
            continue
        line = match.group()
        stripped = line.strip()
        if not stripped:
            continue
        p_start = max(match.start() + line.index(stripped[0]), start)
        p_end = match.start() + len(line.rstrip())
        marker, rank = "", 0
        for marker_rank, pattern in _MARKERS:
            found = pattern.match(text, p_start, p_end)
            if found and found.end() < p_end:
                marker, rank = text[p_start : found.end()].strip(), marker_rank
                break
        body = p_start + len(marker) if marker else p_start
        while body < p_end and text[body].isspace():
            body += 1
        yield Paragraph(p_start, p_end, body, marker, rank)


def _is_title(text: str, para: Paragraph) -> bool:
    body = text[para.body_start : para.end].rstrip("。")
    return len(body) <= _TITLE_MAX and not _TITLE_PUNCTUATION.search(body)


def _closed(text: str, node: _Node) -> bool:
    """An item is closed once it has named its responsible unit (a 责任单位 line or clause)."""
    if node.responsibility is not None or node.para is None:
        return node.responsibility is not None
    return inline_responsibility(text, node.para.body_start, node.para.end) is not None


def _tree(text: str, paras: list[Paragraph]) -> _Node:
    root = _Node(None)
    stack = [root]
    for para in paras:
        if para.rank:
            while len(stack) > 1 and stack[-1].rank >= para.rank:
                stack.pop()
            node = _Node(para)
            stack[-1].blocks.append(node)
            stack.append(node)
        elif RESPONSIBILITY_LABEL.match(text, para.start) and stack[-1].para is not None:
            if stack[-1].responsibility is None:
                stack[-1].responsibility = para
            else:
                stack[-1].blocks.append(para)
        else:
            while len(stack) > 1 and _closed(text, stack[-1]):
                stack.pop()
            stack[-1].blocks.append(para)
    _lift_closings(text, root)
    return root


def _lift_closings(text: str, node: _Node) -> None:
    """Unnumbered paragraphs after the last item of a section close the section, not the item."""
    children = node.children()
    if children:
        last = children[-1]
        if last.para is not None and not last.children() and not _is_title(text, last.para):
            trailing = last.contents()
            if trailing:
                last.blocks = [b for b in last.blocks if isinstance(b, _Node)]
                node.blocks.extend(trailing)
    for child in node.children():
        _lift_closings(text, child)


def _sentences(text: str, para: Paragraph) -> Iterator[tuple[int, int]]:
    for match in _SENTENCE.finditer(text, para.start, para.end):
        start = match.start()
        while start < match.end() and text[start].isspace():
            start += 1
        if start < match.end():
            yield start, match.end()


def _walk(
    text: str, node: _Node, headings: tuple[tuple[int, int], ...], goal: bool
) -> Iterator[Segment]:
    children = node.children()
    if node.para is not None:
        title = text[node.para.body_start : node.para.end]
        if _PRINCIPLES.search(title) and not _GOAL_HEADING.search(title):
            return
        goal = goal or (bool(_GOAL_HEADING.search(title)) and bool(children or node.contents()))
    contents = node.contents()
    if node.para is not None and not children:
        para = node.para
        if contents and _is_title(text, para):
            inner = (*headings, (para.start, para.end))
            for content in contents:
                yield _segment(text, content.start, content.end, "item", "", inner, goal, False)
            return
        last = node.responsibility or (contents[-1] if contents else para)
        end = max(last.end, para.end)
        yield _segment(text, para.start, end, "item", para.marker, headings, goal, False)
        return
    inner = headings if node.para is None else (*headings, (node.para.start, node.para.end))
    seen_child = False
    for block in node.blocks:
        if isinstance(block, _Node):
            seen_child = True
            yield from _walk(text, block, inner, goal)
            continue
        opening = not seen_child and bool(children)
        for start, end in _sentences(text, block):
            yield _segment(text, start, end, "sentence", "", inner, goal, opening)


def _segment(
    text: str,
    start: int,
    end: int,
    form: str,
    marker: str,
    headings: tuple[tuple[int, int], ...],
    goal: bool,
    opening: bool,
) -> Segment:
    body = text[start + len(marker) : end].lstrip() if marker else text[start:end]
    is_goal = goal or opening or bool(_GOAL_LABEL.match(body))
    return Segment(start, end, form, "goal" if is_goal else "task", marker, headings)


def segment_text(text: str, start: int = 0, end: int | None = None) -> list[Segment]:
    """The commitments of ``text[start:end]`` as the rules cut them, in text order.

    The part before the first numbered paragraph (a notice, a preamble) is left out.
    """
    paras = list(paragraphs(text, start, end))
    first = next((i for i, p in enumerate(paras) if p.rank), None)
    if first is None:
        return []
    return list(_walk(text, _tree(text, paras[first:]), (), False))
