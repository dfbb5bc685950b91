"""The indicator registry as a table: definitions, units, families and comparability links."""

from __future__ import annotations

import html
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fazhi_stats.labels import family_label, grade_label, indicator_label, unit_label
from fazhi_stats.study.links import ROOT_LINKS, SiteLinks
from fazhi_stats.tables._build import display_frame, linked, new_table
from fazhi_stats.vocabulary import DIRECTIONS, FAMILIES

if TYPE_CHECKING:
    from great_tables import GT


def table_indicators(
    observations: Any | None = None,
    *,
    links: SiteLinks = ROOT_LINKS,
    table_id: str = "indicators",
) -> GT:
    """Every indicator of the active registry, grouped by family: its id (anchored, so a link
    to ``#indicator-<id>`` lands on it), names, standard unit, direction, definition, its
    declared comparability links (each linked to the other indicator, with grade and note),
    where it is declared, and how many observations of the study use it."""
    from fazhi_stats.registry import active_registry

    registry = active_registry()
    counts: Mapping[str, int] = {}
    if observations is not None:
        from fazhi_stats.schema.backends import to_polars

        obs, _ = to_polars(observations)
        counts = {
            str(k): int(n)
            for k, n in obs.group_by("indicator_id").len().iter_rows()
            if k is not None
        }
    package = Path(__file__).resolve().parents[1] / "registry"
    order: dict[str, int] = {f: i for i, f in enumerate(FAMILIES.ids)}
    rows = []
    for ind in sorted(registry.indicators.values(), key=lambda i: (order.get(i.family, 99), i.id)):
        comparable = "<br>".join(
            f"{html.escape(grade_label(link.grade))} → "
            f"{linked(indicator_label(link.other), links.indicator(link.other))}："
            f"{html.escape(link.note)}"
            for link in ind.comparable
        )
        origin = registry.origin("indicator", ind.id)
        declared = (
            "本包 / package"
            if Path(origin.split(":")[0]).resolve().is_relative_to(package)
            else "本研究 / study"
        )
        rows.append(
            {
                "_group": family_label(ind.family),
                "id": f'<span class="fz-anchor" id="indicator-{html.escape(ind.id, quote=True)}">'
                f"<code>{html.escape(ind.id)}</code></span>",
                "name": f"{ind.name_zh} / {ind.name_en}",
                "unit": unit_label(ind.unit),
                "direction": DIRECTIONS.label(ind.direction),
                "definition": ind.definition,
                "comparable": comparable or None,
                "declared": declared,
                "n": str(counts.get(ind.id, 0)),
            }
        )
    columns = (
        "_group",
        "id",
        "name",
        "unit",
        "direction",
        "definition",
        "comparable",
        "declared",
        "n",
    )
    return new_table(
        display_frame(rows, columns),
        table_id,
        {
            "id": "编号 / Id",
            "name": "名称 / Name",
            "unit": "标准单位 / Unit",
            "direction": "方向 / Direction",
            "definition": "定义 / Definition",
            "comparable": "可比性 / Comparable with",
            "declared": "来源 / Declared in",
            "n": "观测 / Observations",
        },
        ["id", "comparable"],
    )
