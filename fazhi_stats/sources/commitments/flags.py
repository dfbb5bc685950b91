"""What a commitment says about itself: who is responsible, how it is hedged, its family.

- the responsible unit, as written: the text of a 责任单位: (责任部门, 牵头单位, 试点地区和单位 …)
  line or bracketed clause, else the unit before a …牵头 or …负责 (not 负责人, 负总责);
- the hedge words (:func:`fazhi_stats.text.hedges.hedge_words`) outside that clause;
- the family (:func:`classify_family`; :mod:`.build` first takes the family of the observations
  inside a commitment when they share one): the family whose topic words
  (:func:`fazhi_stats.registry.load_family_keywords`) cover most characters of the
  commitment's first sentence, else of the whole commitment, else of the headings above it
  (nearest first); ``other`` when none matches.

>>> text = "1.推行权责清单制度。〔责任单位:市编办、市法制局(列第一的为牵头单位,下同)〕"
>>> span = inline_responsibility(text, 0, len(text))
>>> unit_text(text, span)
'市编办、市法制局'
>>> classify_family(["推行权责清单制度。"])
('approval_reform', 'text')
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from fazhi_stats.registry import load_family_keywords

_LABELS = "责任单位|责任部门|牵头单位|牵头部门|承办单位|实施单位|试点地区和单位|试点单位"
RESPONSIBILITY_LABEL = re.compile(rf"[(（〔［\[]?\s*(?:{_LABELS})\s*[:：]")
_INLINE = re.compile(rf"(?P<open>[(（〔［\[])?\s*(?:{_LABELS})\s*[:：]\s*")
_OPEN, _CLOSE = "(（〔［[", ")）〕］]"
_REMARK = re.compile(r"[(（][^()（）]*(?:下同|为牵头)[^()（）]*[)）]")
_LEAD = re.compile(r"(?:牵头|负责)(?!人|任|同志)")
_CLAUSE_START = re.compile(r"[,，;；。:：!！?？\n]")
_ORG_END = tuple("局办委府门位组心院室会处科股所站队部厅")


def inline_responsibility(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Span of the unit text of the last responsibility clause in ``text[start:end]``."""
    found = None
    for match in _INLINE.finditer(text, start, end):
        found = match
    if found is None:
        return None
    unit_start = found.end()
    if found.group("open"):
        depth, pos = 1, unit_start
        while pos < end and depth:
            depth += (text[pos] in _OPEN) - (text[pos] in _CLOSE)
            pos += 1
        unit_end = pos - 1 if depth == 0 else end
    else:
        stop = re.compile(r"[。;；]").search(text, unit_start, end)
        unit_end = stop.start() if stop else end
    while unit_end > unit_start and text[unit_end - 1] in " \u3000。,，":
        unit_end -= 1
    return (unit_start, unit_end) if unit_end > unit_start else None


def lead_unit(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Span of the unit before the first …牵头 / …负责 of ``text[start:end]`` that names one."""
    for match in _LEAD.finditer(text, start, end):
        clause = max(
            (m.end() for m in _CLAUSE_START.finditer(text, start, match.start())), default=start
        )
        unit_start = clause + 1 if text.startswith("由", clause) else clause
        unit = text[unit_start : match.start()].strip()
        if unit and unit.endswith(_ORG_END) and "谁" not in unit:
            return unit_start, match.start()
    return None


def unit_text(text: str, span: tuple[int, int] | None) -> str | None:
    """The unit as written, without a remark such as (列第一的为牵头单位,下同)."""
    if span is None:
        return None
    cleaned = _REMARK.sub("", text[span[0] : span[1]]).strip(" \u3000,，、")
    return cleaned or None


def _coverage(text: str, keywords: Mapping[str, Sequence[str]]) -> dict[str, tuple[int, int]]:
    """Characters covered per family (longest words first, no overlaps) and first position."""
    words = sorted(
        ((w, family) for family, ws in keywords.items() for w in ws), key=lambda x: -len(x[0])
    )
    taken = [False] * len(text)
    score: dict[str, tuple[int, int]] = {}
    for word, family in words:
        for match in re.finditer(re.escape(word), text):
            s, e = match.span()
            if any(taken[s:e]):
                continue
            taken[s:e] = [True] * (e - s)
            covered, first = score.get(family, (0, len(text)))
            score[family] = (covered + e - s, min(first, s))
    return score


def classify_family(
    texts: Sequence[str],
    headings: Sequence[str] = (),
    *,
    keywords: Mapping[str, Sequence[str]] | None = None,
) -> tuple[str, str]:
    """``(family, basis)``: the first of ``texts``, then ``headings`` (nearest first), that
    matches a family decides; basis is ``text``, ``heading`` or ``none`` (family ``other``)."""
    words = load_family_keywords() if keywords is None else keywords
    for basis, candidates in (("text", texts), ("heading", headings)):
        for candidate in candidates:
            score = _coverage(candidate, words)
            if score:
                best = max(score.items(), key=lambda item: (item[1][0], -item[1][1]))
                return best[0], basis
    return "other", "none"
