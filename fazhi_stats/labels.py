"""Bilingual labels ("中文 / English") for figures, tables and pages.

One convention throughout the study: Chinese first, then English, separated by `` / ``
(:func:`bilingual`). Names of regions, indicators and units come from the registries, names of
families, kinds, statuses and grades from :mod:`fazhi_stats.vocabulary`.

>>> bilingual("调解", "Mediation")
'调解 / Mediation'
>>> family_label("court_appearance")
'出庭应诉 / Court appearance'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fazhi_stats.vocabulary import (
    CHECK_STATUSES,
    DOC_KINDS,
    FAMILIES,
    GRADES,
    KINDS,
    SEPARATOR,
    STATUSES,
    UNKNOWN_REGION,
    comparator_prefix,
)


def bilingual(zh: str | None, en: str | None) -> str:
    """``"中文 / English"``; one side alone when the other is missing."""
    parts = [p for p in (zh, en) if p]
    return SEPARATOR.join(parts)


def family_label(family: str | None) -> str:
    """Bilingual name of an indicator family (unknown ids are shown as they are)."""
    return FAMILIES.label(family)


def kind_label(kind: str | None) -> str:
    """Bilingual name of an observation kind (target, actual, mixed)."""
    return KINDS.label(kind)


def doc_kind_label(doc_kind: str | None) -> str:
    """Bilingual name of a document kind (plan, work_points, report, national)."""
    return DOC_KINDS.label(doc_kind)


def status_label(status: str | None) -> str:
    """Bilingual name of an attainment or consistency status."""
    vocabulary = CHECK_STATUSES if status in CHECK_STATUSES else STATUSES
    return vocabulary.label(status)


def comparison_status_label(status: str | None, relation: str | None) -> str:
    """The status of an achievement–target pair, with the word *benchmark* when the target is
    another region's (a benchmark is never a test of the region's own target).

    >>> comparison_status_label("indeterminate", "cross_region_benchmark")
    '无法判定（跨地区基准） / indeterminate (benchmark)'
    >>> comparison_status_label("baseline", "own_target_later_period")
    '基线 / baseline'
    """
    term = STATUSES.get(status)
    if term is None:
        return status or ""
    if relation == "cross_region_benchmark":
        return f"{term.zh}（跨地区基准）{SEPARATOR}{term.en} (benchmark)"
    return term.label


def grade_label(grade: str | None) -> str:
    """Bilingual name of a comparability grade (same, broader, narrower, proxy, not_comparable)."""
    return GRADES.label(grade)


def unit_label(unit_std: str | None) -> str:
    """Bilingual name of a standard unit ("次数/年 / times per year"), from the unit registry."""
    from fazhi_stats.registry import load_units

    if not unit_std:
        return ""
    names = load_units().unit_names(unit_std)
    return bilingual(*names) if names is not None else unit_std


def indicator_label(indicator_id: str | None, *, lines: int = 1) -> str:
    """Bilingual indicator name from the registry (the id itself when unknown)."""
    from fazhi_stats.registry import load_indicators

    if not indicator_id:
        return ""
    ind = load_indicators().get(indicator_id)
    if ind is None:
        return indicator_id
    return f"{ind.name_zh}\n{ind.name_en}" if lines == 2 else bilingual(ind.name_zh, ind.name_en)


def indicator_names(indicator_id: str | None) -> tuple[str, str]:
    """(Chinese, English) name of an indicator; an id the registry lacks is shown as it is,
    an unclassified number (no indicator) as such."""
    from fazhi_stats.registry import load_indicators

    if not indicator_id:
        return ("未归类", "unclassified")
    ind = load_indicators().get(indicator_id)
    if ind is None:
        return (indicator_id, indicator_id)
    return (ind.name_zh, ind.name_en)


def region_names(code: str | None) -> tuple[str, str]:
    """(Chinese, short English) name of a region: ``("蕉城区", "Jiaocheng")``; the unknown
    region's label when there is no code, the code when the registry lacks it."""
    from fazhi_stats.registry import load_regions

    if not code:
        return (UNKNOWN_REGION.zh, UNKNOWN_REGION.en)
    region = load_regions().get(code)
    if region is None:
        return (code, code)
    en = region.name_en
    return (region.name_zh, en.rsplit(" ", 1)[0] if " " in en else en)


def comparator_symbol(comparator: str | None) -> str:
    """Symbol written before a number: ``≥`` for ``ge``, nothing for ``eq`` or unknown."""
    return comparator_prefix(comparator) if comparator else ""


def region_label(code: str | None, *, short: bool = False) -> str:
    """Bilingual region name from the registry ("海沧区 / Haicang District").

    ``short`` drops the administrative level in English ("海沧区 / Haicang").
    """
    from fazhi_stats.registry import load_regions

    if not code:
        return UNKNOWN_REGION.label
    region = load_regions().get(code)
    if region is None:
        return code
    en = region.name_en
    if short:
        en = en.rsplit(" ", 1)[0] if " " in en else en
    return bilingual(region.name_zh, en)


def years_text(start: Any, end: Any) -> str:
    """``"2014–2016"``, ``"2017"``, or ``"年份不明 / undated"`` when no year is known."""
    if start is None and end is None:
        return bilingual("年份不明", "undated")
    if start is None or end is None or start == end:
        return str(start if start is not None else end)
    return f"{start}–{end}"


def document_label(row: Mapping[str, Any], *, lines: int = 1) -> str:
    """A short bilingual label of a document row of the documents table.

    ``lines``: 1 (one line), 2 (Chinese, then English) or 3 (region, years, kind).

    >>> document_label({"region_code": "350205", "period_start": 2017, "period_end": 2017,
    ...                 "doc_kind": "work_points"})
    '海沧区 2017 工作安排 / Haicang 2017 work points'
    """
    from fazhi_stats.registry import load_regions

    code = row.get("region_code")
    region = load_regions().get(code) if code else None
    if region is not None:
        zh_region, en_region = region.name_zh, region.name_en.rsplit(" ", 1)[0]
    else:
        zh_region, en_region = UNKNOWN_REGION.zh, UNKNOWN_REGION.en
    start, end = row.get("period_start"), row.get("period_end")
    if start is None and end is None:
        zh_years, en_years = "年份不明", "undated"
    else:
        zh_years = en_years = years_text(start, end)
    kind = DOC_KINDS.get(row.get("doc_kind"))
    kind_zh, kind_en = (kind.zh, kind.en) if kind is not None else ("", "")
    if lines == 3:  # narrow columns: region, years, kind
        if region is None:
            en_region = "Unknown"
        years = zh_years if zh_years == en_years else bilingual(zh_years, en_years)
        return "\n".join((bilingual(zh_region, en_region), years, bilingual(kind_zh, kind_en)))
    zh = f"{zh_region} {zh_years} {kind_zh}".strip()
    en = f"{en_region} {en_years} {kind_en}".strip()
    return f"{zh}\n{en}" if lines == 2 else bilingual(zh, en)
