"""Curated milestones: deadlines, starts and recurring deadlines, validated against their text.

A milestone says *when*, never how much: a number stays an observation. Its ``kind`` keeps a
start (自2016年起: applies from then on) apart from a deadline (到2016年底: done by then) and
from a recurring deadline (每年初, 每年第一季度), so no start is ever read as a due date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from fazhi_stats.errors import Problem
from fazhi_stats.sources.documents import Document
from fazhi_stats.sources.entries import find_quote
from fazhi_stats.text.hedges import find_hedges, sentence_span
from fazhi_stats.vocabulary import HEDGES, MILESTONE_KINDS, RECURRENCES

MILESTONE_FIELDS = frozenset(
    {
        "what",
        "kind",
        "deadline",
        "deadline_text",
        "start",
        "start_text",
        "per",
        "hedge",
        "quote",
        "occurrence",
        "note",
    }
)


@dataclass(frozen=True)
class Milestone:
    """When something is to be done: by a deadline, from a start, or by a recurring deadline."""

    milestone_id: str
    document_id: str
    region_code: str | None
    what: str
    deadline: dt.date | None
    deadline_text: str
    quote: str
    char_start: int
    char_end: int
    note: str | None
    kind: str = "deadline"
    start: dt.date | None = None
    start_text: str = ""
    per: str | None = None
    hedge: str | None = None


def _date(value: Any) -> dt.date | str | None:
    """A date, None, or the problem with the value."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return f"{value!r} is not a date"


def check_hedge(
    hedge: Any, text: str, span: tuple[int, int], bad: Any, *, what: str = "quote"
) -> str | None:
    """The hedge word if it is a vocabulary word that hedges the sentence of ``span``."""
    if hedge is None:
        return None
    if hedge not in HEDGES:
        bad(f"unknown hedge {hedge!r}", HEDGES.expected() + " (the word as written)")
        return None
    start, end = sentence_span(text, *span)
    if hedge not in {w for w, _ in find_hedges(text[start:end])}:
        bad(
            f"hedge {hedge!r} does not occur (as a hedge) in the sentence of the {what}",
            "the hedge word written in that sentence",
        )
        return None
    return str(hedge)


def check_milestone(
    item: Mapping[str, Any],
    index: int,
    file: str,
    line: int | None,
    doc: Document,
    problems: list[Problem],
) -> Milestone | None:
    """Validate one milestone entry; None (with problems added) if it cannot be used."""
    label = f"milestone {index}"
    n_before = len(problems)

    def bad(message: str, expected: str = "") -> None:
        problems.append(Problem(file, label, message, expected, line))

    if not item.get("what") or not item.get("quote"):
        bad("needs `what` and `quote`")
        return None
    unknown = sorted(set(item) - MILESTONE_FIELDS)
    if unknown:
        bad(f"unknown field(s) {unknown}", f"fields among {sorted(MILESTONE_FIELDS)}")
    kind = item.get("kind", "deadline")
    if kind not in MILESTONE_KINDS:
        bad(f"unknown kind {kind!r}", MILESTONE_KINDS.expected())
    # several milestones may quote the same sentence; each quote must still be unique
    span = find_quote(doc.text, str(item["quote"]), item.get("occurrence"))
    if isinstance(span, str):
        bad(span, "a verbatim substring of the document")
        return None
    dates: dict[str, dt.date | None] = {}
    for key in ("deadline", "start"):
        value = _date(item.get(key))
        if isinstance(value, str):
            bad(f"{key} {value}", "YYYY-MM-DD or null")
            value = None
        dates[key] = value
    texts = {k: str(item.get(k) or "") for k in ("deadline_text", "start_text")}
    for key, text in texts.items():
        if text and text not in doc.text:
            bad(f"{key} {text!r} does not occur in the document", "the time words as written")
    per = item.get("per")
    if per is not None and per not in RECURRENCES:
        bad(f"unknown per {per!r}", RECURRENCES.expected())
    if kind == "start":
        if item.get("deadline") is not None or texts["deadline_text"]:
            bad("a start with a deadline", "a start (自…起) has `start` and `start_text` only")
        if not texts["start_text"]:
            bad("a start without `start_text`", "the start as written, e.g. 自2016年起")
        if dates["start"] is None and not item.get("note"):
            bad("a start without a date and no note saying why", "start: YYYY-MM-DD, or a note")
    else:
        if item.get("start") is not None or texts["start_text"]:
            bad(
                f"a {kind} with a start",
                "kind: start for 自…起 / 从…起, or no start fields on a deadline",
            )
        if not texts["deadline_text"]:
            bad(f"a {kind} without `deadline_text`", "the deadline as written, e.g. 到2016年底")
        if dates["deadline"] is None and not item.get("note"):
            bad(
                f"a {kind} without a date and no note saying why",
                "deadline: YYYY-MM-DD, or a note",
            )
    if kind == "recurring" and per is None:
        bad("a recurring deadline without `per`", RECURRENCES.expected())
    if kind != "recurring" and per is not None:
        bad(f"`per` on a {kind}", "kind: recurring for a deadline that repeats")
    hedge = check_hedge(item.get("hedge"), doc.text, span, bad)
    if len(problems) > n_before:
        return None
    return Milestone(
        milestone_id=f"{doc.document_id}/milestone/{index}",
        document_id=doc.document_id,
        region_code=doc.meta.region_code,
        kind=str(kind),
        what=str(item["what"]),
        start=dates["start"],
        start_text=texts["start_text"],
        deadline=dates["deadline"],
        deadline_text=texts["deadline_text"],
        per=per,
        hedge=hedge,
        quote=str(item["quote"]),
        char_start=span[0],
        char_end=span[1],
        note=item.get("note"),
    )
