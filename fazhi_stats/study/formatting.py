"""The one number formatter of the pages, figures and tables, and markdown-safe text.

Numbers read the same everywhere: thousands separated from 10 000 on, the shortest exact form
of a value as written, and fixed decimals for computed values by unit (percentages to two
places, money to the yuan). Values as the document writes them (``4.87亿元``) are shown as
written, with the standard value beside them (:func:`as_written_with_standard`).

>>> num(2447.0), num(487000000.0), num(99.714751, 2), num(None)
('2447', '487,000,000', '99.71', '–')
>>> computed(99.88654, "percent"), computed(536400.0, "yuan"), computed(2.0, "count_per_year")
('99.89', '536,400', '2')
>>> as_written_with_standard("4.87亿元", 4.87, 487000000.0, "yuan")
'4.87亿元 (487,000,000 元)'
"""

from __future__ import annotations

import math
from typing import Any

from fazhi_stats.io import format_value

#: Decimals of a computed value (a recomputed rate, an interval bound) by standard unit; units
#: not listed get the shortest form, at most two decimals.
DECIMALS_BY_UNIT: dict[str, int] = {
    "percent": 2,
    "percentage_points": 2,
    "share": 1,  # a share of counted items (commitments): one decimal
    "yuan": 0,
    "hour": 1,
    "hour_per_year": 1,
}
#: The unit word written after a standard value (the registry's Chinese name is longer).
UNIT_SUFFIX: dict[str, str] = {
    "percent": "%",
    "share": "%",
    "yuan": " 元",
    "hour": " 小时",
    "hour_per_year": " 小时/年",
}


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def num(value: float | int | None, decimals: int | None = None) -> str:
    """A number for reading: shortest form (or ``decimals`` places), thousands separated from
    10 000 on; ``–`` when missing.

    >>> num(12345.5), num(3), num(0.5, 1)
    ('12,345.5', '3', '0.5')
    """
    if _missing(value):
        return "–"
    assert value is not None
    big = abs(value) >= 10_000
    if decimals is not None:
        return f"{value:,.{decimals}f}" if big else f"{value:.{decimals}f}"
    if float(value).is_integer():
        return f"{int(value):,}" if big else str(int(value))
    text = format_value(float(value))
    if big:
        whole, _, frac = text.partition(".")
        return f"{int(whole):,}" + (f".{frac}" if frac else "")
    return text


def pct(value: float | None, decimals: int | None = None) -> str:
    """``num(value) + "%"``; ``–`` when missing.

    >>> pct(99.7), pct(None)
    ('99.7%', '–')
    """
    return "–" if _missing(value) else num(value, decimals) + "%"


def computed(value: float | None, unit: str | None = None) -> str:
    """A computed value (not one a document wrote) with the fixed decimals of its unit."""
    if _missing(value):
        return "–"
    assert value is not None
    decimals = DECIMALS_BY_UNIT.get(unit or "")
    if decimals is None:
        rounded = round(float(value), 2)
        return num(rounded)
    if decimals == 0:
        return num(round(float(value)))
    return num(float(value), decimals)


def with_unit(value: float | None, unit: str | None) -> str:
    """A computed value and the short unit word: ``99.71%``, ``536,400 元``."""
    text = computed(value, unit)
    if text == "–":
        return text
    return text + UNIT_SUFFIX.get(unit or "", "")


def standard(value_std: float | None, unit_std: str | None) -> str:
    """A value in its standard unit, in its shortest form, with the short unit word."""
    text = num(value_std)
    return text if text == "–" else text + UNIT_SUFFIX.get(unit_std or "", "")


def as_written_with_standard(
    as_written: str, value: float | None, value_std: float | None, unit_std: str | None
) -> str:
    """The value as the document writes it, with the standard value beside it when the number
    changed on the way (万, 亿, 学时, a recurring target counted per year)."""
    if _missing(value_std) or value == value_std:
        return as_written
    return f"{as_written} ({standard(value_std, unit_std)})"


class Markdown(str):
    """Text that is markdown: shown as markdown by Jupyter, Quarto and the fallback renderer
    (inline code and cell output alike), and usable as a plain string."""

    __slots__ = ()

    def _repr_markdown_(self) -> str:
        return str(self)


_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]<>#|~$"})


def md(text: Any) -> str:
    """Text from a document, escaped for markdown (a quote is shown, never interpreted).

    >>> print(md("a*b*<i>"))
    a\\*b\\*\\<i\\>
    """
    return str(text).translate(_MARKDOWN_SPECIAL)
