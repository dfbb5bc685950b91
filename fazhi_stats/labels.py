"""Bilingual labels ("中文 / English") for figures, tables and pages.

One convention throughout the study: Chinese first, then English, separated by `` / ``
(:func:`bilingual`). Names of regions and indicators come from the registries; the small
vocabularies below (families, kinds, comparators, document kinds, statuses) are labels, not data.

>>> bilingual("调解", "Mediation")
'调解 / Mediation'
>>> family_label("court_appearance")
'出庭应诉 / Court appearance'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fazhi_stats.registry._load import FAMILY_NAMES as _REGISTRY_FAMILY_NAMES

SEPARATOR = " / "

# Family names live with the registry's list of families (one vocabulary, one place).
FAMILY_NAMES: Mapping[str, tuple[str, str]] = _REGISTRY_FAMILY_NAMES

KIND_NAMES: Mapping[str, tuple[str, str]] = {
    "target": ("目标", "target"),
    "actual": ("实绩", "achievement"),
    "mixed": ("混合", "mixed"),
}

DOC_KIND_NAMES: Mapping[str, tuple[str, str]] = {
    "plan": ("方案", "plan"),
    "work_points": ("工作安排", "work points"),
    "report": ("报告", "report"),
    "national": ("国家文件", "national"),
}

COMPARATOR_SYMBOLS: Mapping[str, str] = {
    "eq": "=",
    "ge": "≥",
    "gt": ">",
    "le": "≤",
    "lt": "<",
    "approx": "≈",
}

STATUS_NAMES: Mapping[str, tuple[str, str]] = {
    "met": ("达到", "met"),
    "not_met": ("未达到", "not met"),
    "indeterminate": ("无法判定", "indeterminate"),
    "not_comparable": ("不可比", "not comparable"),
    "consistent": ("一致", "consistent"),
    "inconsistent": ("不一致", "inconsistent"),
    "no_target": ("无可比目标", "no comparable target"),
    "no_actual": ("无对应实绩", "no actual"),
    "not_assessed": ("未评估", "not assessed"),
    "underdetermined": ("无法判定", "underdetermined"),
}

GRADE_NAMES: Mapping[str, tuple[str, str]] = {
    "same": ("同一指标", "same"),
    "proxy": ("近似指标", "proxy"),
    "not_comparable": ("不可比", "not comparable"),
}

UNIT_NAMES: Mapping[str, tuple[str, str]] = {
    "percent": ("百分比", "percent"),
    "count": ("数量", "count"),
    "count_per_year": ("次数/年", "times per year"),
    "hour_per_year": ("小时/年", "hours per year"),
    "hour": ("小时", "hours"),
    "year": ("年", "years"),
    "yuan": ("元", "yuan"),
    "person": ("人", "persons"),
}

UNKNOWN_REGION = ("地区不明", "Unknown region")


def bilingual(zh: str | None, en: str | None) -> str:
    """``"中文 / English"``; one side alone when the other is missing."""
    parts = [p for p in (zh, en) if p]
    return SEPARATOR.join(parts)


def _lookup(table: Mapping[str, tuple[str, str]], key: str | None) -> str:
    if key is None:
        return ""
    zh, en = table.get(key, (key, key.replace("_", " ")))
    return bilingual(zh, en) if zh != en else zh


def family_label(family: str | None) -> str:
    """Bilingual name of an indicator family (unknown ids are shown as they are)."""
    return _lookup(FAMILY_NAMES, family)


def kind_label(kind: str | None) -> str:
    """Bilingual name of an observation kind (target, actual, mixed)."""
    return _lookup(KIND_NAMES, kind)


def doc_kind_label(doc_kind: str | None) -> str:
    """Bilingual name of a document kind (plan, work_points, report, national)."""
    return _lookup(DOC_KIND_NAMES, doc_kind)


def status_label(status: str | None) -> str:
    """Bilingual name of an attainment or consistency status."""
    return _lookup(STATUS_NAMES, status)


def grade_label(grade: str | None) -> str:
    """Bilingual name of a comparability grade (same, proxy, not_comparable)."""
    return _lookup(GRADE_NAMES, grade)


def unit_label(unit_std: str | None) -> str:
    """Bilingual name of a standard unit ("次数/年 / times per year")."""
    return _lookup(UNIT_NAMES, unit_std)


def indicator_label(indicator_id: str | None, *, lines: int = 1) -> str:
    """Bilingual indicator name from the registry (the id itself when unknown)."""
    from fazhi_stats.registry import load_indicators

    if not indicator_id:
        return ""
    ind = load_indicators().get(indicator_id)
    if ind is None:
        return indicator_id
    return f"{ind.name_zh}\n{ind.name_en}" if lines == 2 else bilingual(ind.name_zh, ind.name_en)


def comparator_symbol(comparator: str | None) -> str:
    """Symbol of a comparator: ``≥`` for ``ge``, ``=`` for ``eq``; empty when unknown."""
    return COMPARATOR_SYMBOLS.get(comparator or "", "")


def region_label(code: str | None, *, short: bool = False) -> str:
    """Bilingual region name from the registry ("海沧区 / Haicang District").

    ``short`` drops the administrative level in English ("海沧区 / Haicang").
    """
    from fazhi_stats.registry import load_regions

    if not code:
        return bilingual(*UNKNOWN_REGION)
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
        zh_region, en_region = UNKNOWN_REGION
    start, end = row.get("period_start"), row.get("period_end")
    if start is None and end is None:
        zh_years, en_years = "年份不明", "undated"
    else:
        zh_years = en_years = years_text(start, end)
    kind_zh, kind_en = DOC_KIND_NAMES.get(str(row.get("doc_kind")), ("", ""))
    if lines == 3:  # narrow columns: region, years, kind
        if region is None:
            en_region = "Unknown"
        years = zh_years if zh_years == en_years else bilingual(zh_years, en_years)
        return "\n".join((bilingual(zh_region, en_region), years, bilingual(kind_zh, kind_en)))
    zh = f"{zh_region} {zh_years} {kind_zh}".strip()
    en = f"{en_region} {en_years} {kind_en}".strip()
    return f"{zh}\n{en}" if lines == 2 else bilingual(zh, en)
