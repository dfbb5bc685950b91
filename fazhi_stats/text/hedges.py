"""Hedge words in text: where 力争, 努力, 逐步, 原则上 or the permissive 可 weaken a sentence.

The words are those of :data:`fazhi_stats.vocabulary.HEDGES`; an occurrence inside a word
that is no hedge (许可, 方可, 可操作性, 一般程序) does not count.

>>> find_hedges("各地、各部门可采取灵活多样的方式,每半年开展一次执法案卷评查")
[('可', 6)]
>>> find_hedges("严格控制新设行政许可,对进入一般程序的案件")
[]
>>> text = "第一句。到2016年底前,努力使办理率达80%以上。第三句"
>>> start, end = sentence_span(text, text.index("80%"), text.index("80%") + 3)
>>> text[start:end]
'到2016年底前,努力使办理率达80%以上。'
"""

from __future__ import annotations

import re

from fazhi_stats.vocabulary import HEDGES

# Words that contain a hedge word without being one.
_NOT_HEDGES: dict[str, tuple[str, ...]] = {
    "可": (
        "许可",
        "认可",
        "不可",
        "方可",
        "即可",
        "宁可",
        "尽可能",
        "可能",
        "可行",
        "可操作",
        "可比",
        "可衔接",
        "可靠",
        "可持续",
        "可取",
        "可控",
        "可信",
        "可视",
        "可见",
        "可查",
        "可追溯",
        "可复制",
        "可推广",
        "可供",
        "可喜",
        "可观",
    ),
    "一般": ("一般程序", "一般性", "一般工作人员", "一般干部", "一般公共预算", "一般纳税人"),
    "努力": ("努力方向",),
}
_SENTENCE_END = re.compile(r"[。！？!?\n]")


def _inside_non_hedge(text: str, word: str, pos: int) -> bool:
    for compound in _NOT_HEDGES.get(word, ()):
        offset = compound.find(word)
        while offset >= 0:
            start = pos - offset
            if start >= 0 and text.startswith(compound, start):
                return True
            offset = compound.find(word, offset + 1)
    return False


def find_hedges(text: str) -> list[tuple[str, int]]:
    """Every hedge word of ``text`` that is used as one, with its offset, in text order."""
    found: list[tuple[str, int]] = []
    taken: set[int] = set()
    for word in sorted(HEDGES.ids, key=len, reverse=True):
        for match in re.finditer(re.escape(word), text):
            pos = match.start()
            span = set(range(pos, pos + len(word)))
            if span & taken or _inside_non_hedge(text, word, pos):
                continue
            taken |= span
            found.append((word, pos))
    return sorted(found, key=lambda item: item[1])


def hedge_words(text: str) -> list[str]:
    """The distinct hedge words of ``text``, in order of first occurrence."""
    return list(dict.fromkeys(word for word, _ in find_hedges(text)))


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (up to 。！？ or a line break) around ``text[start:end]``, as offsets."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right_match = _SENTENCE_END.search(text, max(end, start))
    right = right_match.end() if right_match else len(text)
    return left, right
