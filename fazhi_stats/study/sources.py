"""The source viewer: a document's full text with every observation, milestone and commitment
highlighted and anchored by its id.

:func:`highlight` marks spans of a text in HTML, escaping everything else. Spans nest (a
commitment holds its observations); a span that crosses another is split where it must be, and
only its first piece carries the id, so every id is on the page exactly once and a link to
``#<id>`` lands on the start of its sentence (highlighted on arrival by the ``:target`` rule of
the site's stylesheet).

>>> print(highlight("甲乙丙丁", [Span(1, 3, "o/1", "observation", "乙丙")]))
甲<mark class="fz-hl fz-observation" id="o/1" title="乙丙">乙丙</mark>丁
>>> print(highlight("abcd", [Span(0, 4, "c", "commitment"), Span(1, 2, "o", "observation")]))
<mark class="fz-hl fz-commitment" id="c">a<mark class="fz-hl fz-observation" id="o">b</mark>cd</mark>
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

#: Kinds of highlighted spans, outermost first when two start together and end together.
SPAN_KINDS = ("commitment", "milestone", "observation")
KIND_NAMES = {
    "observation": "数字 / number",
    "milestone": "期限 / deadline",
    "commitment": "承诺 / commitment",
}


@dataclass(frozen=True)
class Span:
    """A highlighted stretch of a text: ``text[start:end]``, with an id and a tooltip."""

    start: int
    end: int
    id: str
    kind: str
    title: str = ""


def _open(span: Span, *, first: bool) -> str:
    attrs = f'class="fz-hl fz-{span.kind}{"" if first else " fz-cont"}"'
    if first:
        attrs += f' id="{html.escape(span.id, quote=True)}"'
    else:
        attrs += f' data-of="{html.escape(span.id, quote=True)}"'
    if span.title:
        attrs += f' title="{html.escape(span.title, quote=True)}"'
    return f"<mark {attrs}>"


def highlight(text: str, spans: Sequence[Span]) -> str:
    """``text`` as HTML with ``spans`` marked (``<mark>``), properly nested."""
    for span in spans:
        if not 0 <= span.start < span.end <= len(text):
            raise ValueError(f"span {span.id} [{span.start}, {span.end}) is outside the text")
    rank = {k: i for i, k in enumerate(SPAN_KINDS)}
    ordered = sorted(spans, key=lambda s: (s.start, -s.end, rank.get(s.kind, 9), s.id))
    bounds = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    out: list[str] = []
    stack: list[Span] = []
    opened: set[str] = set()
    i = 0
    for a, b in itertools.pairwise(bounds):
        # close what ends here; spans opened inside one that ends are closed and reopened
        ending = [k for k, s in enumerate(stack) if s.end <= a]
        if ending:
            popped = stack[min(ending) :]
            del stack[min(ending) :]
            out.extend("</mark>" for _ in popped)
            for span in popped:
                if span.end > a:
                    out.append(_open(span, first=False))
                    stack.append(span)
        while i < len(ordered) and ordered[i].start == a:
            span = ordered[i]
            out.append(_open(span, first=span.id not in opened))
            opened.add(span.id)
            stack.append(span)
            i += 1
        out.append(html.escape(text[a:b], quote=False))
    out.extend("</mark>" for _ in stack)
    return "".join(out)


def document_spans(
    document_id: str, observations: Any, milestones: Any, commitments: Any
) -> list[Span]:
    """The spans of one document: its observations, milestones and commitments (polars or
    pandas frames of the processed tables)."""
    import polars as pl

    from fazhi_stats.labels import indicator_label
    from fazhi_stats.schema.backends import to_polars

    spans: list[Span] = []
    for frame, kind, id_column in (
        (observations, "observation", "observation_id"),
        (milestones, "milestone", "milestone_id"),
        (commitments, "commitment", "commitment_id"),
    ):
        rows, _ = to_polars(frame)
        for row in rows.filter(pl.col("document_id") == document_id).iter_rows(named=True):
            if row["char_start"] is None or row["char_end"] is None:
                continue
            if kind == "observation":
                what = indicator_label(row.get("indicator_id")) or row.get("label") or ""
            elif kind == "milestone":
                what = str(row.get("what") or "")
            else:
                what = str(row.get("family") or "")
            title = f"{row[id_column]} [{row['char_start']}–{row['char_end']}] {what}".strip()
            spans.append(Span(row["char_start"], row["char_end"], row[id_column], kind, title))
    return spans


def source_text_html(text: str, spans: Sequence[Span]) -> str:
    """The highlighted text in its container (line breaks kept)."""
    return f'<div class="fz-text" lang="zh-Hans">{highlight(text, spans)}</div>'


def legend_html(spans: Sequence[Span]) -> str:
    """What the highlights mean, with how many of each the text has."""
    counts = {k: sum(1 for s in spans if s.kind == k) for k in SPAN_KINDS}
    items = "".join(
        f'<li><mark class="fz-hl fz-{kind}">{html.escape(KIND_NAMES[kind])}</mark> {counts[kind]}</li>'
        for kind in ("observation", "milestone", "commitment")
    )
    return f'<ul class="fz-legend">{items}</ul>'
