"""Baselines for the extraction benchmark: the extractor a user writes in an afternoon, and a
bare scan of the digits.

``naive_claims`` takes every number as a claim: one regex for Arabic and Chinese numerals (with
万/亿) and an optional unit, and ``cn2an`` (mode "smart") to read each number. It finds dates, list markers and page
chrome too, and attaches no kind, year, family or indicator: it is the floor of effort, and
the speed a rule-based extractor must beat to earn its rules. ``bare_scan`` only finds runs
of digits: the cost of touching the text at all.
"""

from __future__ import annotations

import re
from typing import Any

import cn2an

NUMBER = re.compile(
    r"(\d+(?:\.\d+)?[万亿]?|[零〇一二两三四五六七八九十百千万亿]+)\s*"
    r"(%|万元|亿元|个百分点|学时|[个项件次人场家名条宗起份台元所期年月日])?"
)
DIGITS = re.compile(r"\d+")


def naive_claims(text: str) -> list[dict[str, Any]]:
    """Every number of ``text`` as a record (span, text, value, unit)."""
    out: list[dict[str, Any]] = []
    for m in NUMBER.finditer(text):
        num = m.group(1)
        try:
            value = float(cn2an.cn2an(num, "smart"))
        except (ValueError, KeyError, IndexError):
            continue  # cn2an refuses what is not a numeral (一一, 万万)
        out.append(
            {
                "char_start": m.start(),
                "char_end": m.end(),
                "text": m.group(),
                "value": value,
                "unit": m.group(2) or "",
            }
        )
    return out


def bare_scan(text: str) -> int:
    """How many runs of digits ``text`` holds."""
    return sum(1 for _ in DIGITS.finditer(text))
