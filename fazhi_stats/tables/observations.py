"""The table of every observation, grouped by family, each number linked to its sentence."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from fazhi_stats.labels import family_label, kind_label, years_text
from fazhi_stats.schema.processed import OBSERVATIONS
from fazhi_stats.schema.validate import check_frame
from fazhi_stats.study.links import ROOT_LINKS, SiteLinks
from fazhi_stats.tables._build import (
    display_frame,
    indicator_cell,
    new_table,
    observation_sources,
    region_cell,
    sourced,
    standard_text,
    written_text,
)

if TYPE_CHECKING:
    from great_tables import GT


def table_observations(
    observations: Any,
    *,
    families: Sequence[str] | None = None,
    kinds: Sequence[str] | None = None,
    links: SiteLinks = ROOT_LINKS,
    table_id: str = "observations",
    hide: Sequence[str] = (),
) -> GT:
    """Every observation, grouped by family: region, period, indicator, kind, the number as
    written (linked to its sentence) and in its standard unit, scope; without the columns
    of ``hide`` (``("region",)`` on a region's own page)."""
    import polars as pl

    obs = check_frame(observations, OBSERVATIONS, source="table_observations")
    if families is not None:
        obs = obs.filter(pl.col("family").is_in(list(families)))
    if kinds is not None:
        obs = obs.filter(pl.col("kind").is_in(list(kinds)))
    sources = observation_sources(obs)
    rows = [
        {
            "_group": family_label(row["family"]),
            "region": region_cell(row["region_code"], links),
            "years": years_text(row["period_start"], row["period_end"]),
            "indicator": indicator_cell(
                row["indicator_id"], links, label=row.get("indicator_name_zh")
            ),
            "kind": kind_label(row["kind"]),
            "written": sourced(written_text(row), sources.get(row["observation_id"]), links),
            "standard": standard_text(row),
            "scope": row["scope"],
        }
        for row in obs.iter_rows(named=True)
    ]
    columns = ("_group", "region", "years", "indicator", "kind", "written", "standard", "scope")
    return new_table(
        display_frame(rows, columns),
        table_id,
        {
            "region": "地区 / Region",
            "years": "年份 / Years",
            "indicator": "指标 / Indicator",
            "kind": "类型 / Kind",
            "written": "原文数值 / As written",
            "standard": "标准单位 / Standard unit",
            "scope": "适用范围 / Scope",
        },
        ["region", "indicator", "written"],
        hide=hide,
    )
