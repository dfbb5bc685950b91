"""Entries of annotation files: the line each starts on, and where its quote lies in the text."""

from __future__ import annotations

import re
from typing import Any

import yaml


def entry_lines(text: str, key: str) -> list[int]:
    """1-based line of each item of the top-level sequence ``key`` of a YAML text.

    >>> entry_lines("document_id: x\\nmilestones:\\n  - what: a\\n  - what: b\\n", "milestones")
    [3, 4]
    """
    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    for k, v in root.value:
        if getattr(k, "value", None) == key and isinstance(v, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in v.value]
    return []


def find_quote(text: str, quote: str, occurrence: int | None) -> tuple[int, int] | str:
    """Span of the quote in the text, or the reason it cannot be placed.

    >>> find_quote("甲乙甲", "甲", None)
    'quote occurs 2 times; add `occurrence` (1..2) or lengthen it'
    >>> find_quote("甲乙甲", "甲", 2)
    (2, 3)
    """
    if not quote:
        return "empty quote"
    starts = [m.start() for m in re.finditer(re.escape(quote), text)]
    if not starts:
        return "quote not found in the document"
    if occurrence is None:
        if len(starts) > 1:
            return f"quote occurs {len(starts)} times; add `occurrence` (1..{len(starts)}) or lengthen it"
        return starts[0], starts[0] + len(quote)
    if not isinstance(occurrence, int) or not 1 <= occurrence <= len(starts):
        return f"occurrence {occurrence!r} but the quote occurs {len(starts)} time(s)"
    return starts[occurrence - 1], starts[occurrence - 1] + len(quote)


def number(value: Any) -> float | None:
    """A YAML number as a float; None for anything else (booleans included)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def four_digit_year(value: Any) -> bool:
    """Whether ``value`` is an int that reads as a year (1900–2199)."""
    return isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2199
