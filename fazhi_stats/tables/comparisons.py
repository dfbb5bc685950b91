"""Tables of the comparisons with targets: achievements against targets, and the targets side by
side. A target is shown as the values that meet it, the same convention as the figures."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from fazhi_stats.labels import (
    comparison_status_label,
    family_label,
    grade_label,
    unit_label,
    years_text,
)
from fazhi_stats.schema.comparisons import AMBITION, ATTAINMENT
from fazhi_stats.schema.validate import check_frame
from fazhi_stats.settings import DEFAULT_SETTINGS, Settings
from fazhi_stats.study.links import ROOT_LINKS, SiteLinks
from fazhi_stats.tables._build import (
    MISSING,
    Source,
    display_frame,
    indicator_cell,
    interval_text,
    new_table,
    observation_sources,
    region_cell,
    sourced,
    with_notes,
)

if TYPE_CHECKING:
    from great_tables import GT

#: The statuses of pairs of an achievement and a target (the table's default).
PAIRED = ("met", "not_met", "indeterminate", "baseline", "not_comparable")
INTERVAL_NOTE = (
    "区间：方括号含端点，圆括号不含；+inf 为无上限。"
    "Intervals: [ ] include the bound, ( ) exclude it; +inf is unbounded."
)
MEETS_NOTE = (
    "目标以达到它的取值表示（“不少于4次”即 [4, +inf)）。"
    "A target is shown as the values that meet it (“at least 4” is [4, +inf))."
)


def _side(
    row: Mapping[str, Any],
    side: str,
    interval: str,
    sources: Mapping[str, Source],
    links: SiteLinks,
) -> str:
    """``region years: interval`` of one side of a comparison, the interval linked to its quote."""
    if row[f"{side}_observation_id"] is None:
        return MISSING
    years = years_text(row[f"{side}_period_start"], row[f"{side}_period_end"])
    source = sources.get(row[f"{side}_observation_id"])
    return (
        f"{region_cell(row[f'{side}_region_code'], links)} {years}: "
        f"{sourced(interval_text(row, interval), source, links)}"
    )


def table_attainment(
    attainment: Any,
    observations: Any,
    *,
    statuses: Sequence[str] = PAIRED,
    links: SiteLinks = ROOT_LINKS,
    table_id: str = "attainment",
) -> GT:
    """Each achievement against each target it can be held against: the values the achievement
    allows and the values that meet the target (both linked to their sentences), the
    comparability grade and its note, the status (*benchmark* for another region's target), the
    year gap and the gap in value."""
    import polars as pl

    att = check_frame(attainment, ATTAINMENT, source="table_attainment")
    att = att.filter(pl.col("status").is_in(list(statuses)))
    sources = observation_sources(observations)
    rows = []
    for row in att.iter_rows(named=True):
        gap_years = row["year_gap"]
        rows.append(
            {
                "_group": family_label(row["family"]),
                "actual_indicator": indicator_cell(row["actual_indicator_id"], links),
                "actual": _side(row, "actual", "actual", sources, links),
                "target_indicator": indicator_cell(row["target_indicator_id"], links)
                if row["target_observation_id"] is not None
                else MISSING,
                "target": _side(row, "target", "met", sources, links),
                "grade": grade_label(row["grade"]) or None,
                "status": comparison_status_label(row["status"], row["relation"]),
                "year_gap": None if gap_years is None else f"{gap_years:+d}",
                "gap": interval_text(row, "gap") if row["gap_lower"] is not None else None,
                "note": row["comparability_note"],
            }
        )
    columns = (
        "_group",
        "actual_indicator",
        "actual",
        "target_indicator",
        "target",
        "grade",
        "status",
        "year_gap",
        "gap",
        "note",
    )
    table = new_table(
        display_frame(rows, columns),
        table_id,
        {
            "actual_indicator": "实绩指标 / Achievement",
            "actual": "实绩取值 / Values it allows",
            "target_indicator": "目标指标 / Target",
            "target": "达标取值 / Values that meet it",
            "grade": "可比性 / Comparability",
            "status": "判定 / Status",
            "year_gap": "年份差 / Year gap",
            "gap": "差距 / Gap",
            "note": "说明 / Note",
        },
        ["actual_indicator", "actual", "target_indicator", "target"],
    )
    return with_notes(
        table,
        INTERVAL_NOTE,
        column_notes={
            "target": MEETS_NOTE,
            "year_gap": "目标年份减实绩年份。Target period minus achievement period, in years.",
            "gap": "实绩减目标，标准单位。Achievement minus target, in the standard unit.",
        },
    )


def table_ambition(
    ambition: Any,
    *,
    settings: Settings = DEFAULT_SETTINGS,
    links: SiteLinks = ROOT_LINKS,
    table_id: str = "ambition",
    hide: Sequence[str] = (),
) -> GT:
    """Every target side by side by family: region, period, indicator, as written (linked to
    its sentence), the values that meet it in the standard unit per year, scope; without the
    columns of ``hide``."""
    amb = check_frame(ambition, AMBITION, source="table_ambition")
    rows = []
    for row in amb.iter_rows(named=True):
        source = (
            Source(row["document_id"], row["quote"], row["observation_id"])
            if row["quote"]
            else None
        )
        hedge = "（限定 / hedged）" if row["hedged"] else ""
        rows.append(
            {
                "_group": family_label(row["family"]),
                "indicator": indicator_cell(row["indicator_id"], links),
                "region": region_cell(row["region_code"], links),
                "years": years_text(row["period_start"], row["period_end"]),
                "written": sourced(str(row["as_written"]) + hedge, source, links),
                "interval": f"{interval_text(row, 'target')} {unit_label(row['unit_std'])}",
                "scope": row["scope"],
            }
        )
    columns = ("_group", "indicator", "region", "years", "written", "interval", "scope")
    table = new_table(
        display_frame(rows, columns),
        table_id,
        {
            "indicator": "指标 / Indicator",
            "region": "地区 / Region",
            "years": "年份 / Years",
            "written": "原文 / As written",
            "interval": "达标取值 / Values that meet it",
            "scope": "适用范围 / Scope",
        },
        ["indicator", "region", "written"],
        hide=hide,
    )
    return with_notes(
        table,
        INTERVAL_NOTE,
        f"周期性目标按每年计；{settings.describe_zh('class_hour_minutes')}。"
        f"Recurring targets per year; {settings.describe('class_hour_minutes')}.",
        column_notes={"interval": MEETS_NOTE},
    )


__all__ = ["PAIRED", "table_ambition", "table_attainment"]
