"""Achievements against targets: a bullet chart with the intervals of both sides."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from fazhi_stats.compare.intervals import Interval
from fazhi_stats.labels import grade_label, status_label, unit_label, years_text
from fazhi_stats.plots._intervals import axis_limits, draw_band, draw_span
from fazhi_stats.plots._rows import ROW_HEIGHT, RowItem, RowPanel, row_chart
from fazhi_stats.plots._style import (
    DEFAULT_STYLE,
    GREY,
    KIND_COLOURS,
    STATUS_COLOURS,
    FigureStyle,
    require_columns,
    styled,
    to_polars,
)
from fazhi_stats.plots.export import hover_id
from fazhi_stats.study.links import SiteLinks
from fazhi_stats.vocabulary import UNKNOWN_REGION

if TYPE_CHECKING:
    from matplotlib.figure import Figure

PAIRED = ("met", "not_met", "indeterminate", "baseline", "not_comparable")
UNMATCHED = ("no_target", "not_assessed")
_COLUMNS = (
    "family",
    "status",
    "relation",
    "grade",
    "unit_std",
    "actual_observation_id",
    "actual_document_id",
    "actual_indicator_id",
    "actual_region_code",
    "actual_year",
    "actual_period_start",
    "actual_period_end",
    "actual_lower",
    "actual_upper",
    "actual_lower_open",
    "actual_upper_open",
    "target_observation_id",
    "target_indicator_id",
    "target_region_code",
    "target_period_start",
    "target_period_end",
    "met_lower",
    "met_upper",
    "met_lower_open",
    "met_upper_open",
)


def attainment_rows(
    attainment: Any,
    *,
    unmatched_families: Sequence[str] = (),
    regions: Sequence[str] | None = None,
    focus: Sequence[str] = (),
) -> Any:
    """The rows the attainment chart draws, in drawing order (polars frame).

    Every actual paired with a target (met, not_met, indeterminate, not_comparable), plus the
    actuals of ``unmatched_families`` (e.g. a study's families) that have no comparable target
    or are hedged report sentences. ``regions``: keep actuals of these region codes;
    ``focus``: these families first.
    """
    import polars as pl

    frame = to_polars(attainment)
    require_columns(frame, _COLUMNS, "plot_attainment")
    keep = pl.col("status").is_in(list(PAIRED)) | (
        pl.col("status").is_in(list(UNMATCHED)) & pl.col("family").is_in(list(unmatched_families))
    )
    rows = frame.filter(keep & pl.col("actual_observation_id").is_not_null())
    if regions is not None:
        rows = rows.filter(pl.col("actual_region_code").is_in(list(regions)))
    family_order = {f: i for i, f in enumerate(focus)}
    return (
        rows.with_columns(
            _family_order=pl.col("family").replace_strict(family_order, default=len(family_order)),
            _paired=pl.col("status").is_in(list(PAIRED)).not_(),
        )
        .sort(
            "unit_std",
            "_family_order",
            "family",
            "actual_indicator_id",
            "_paired",
            "actual_observation_id",
            "target_observation_id",
            nulls_last=True,
        )
        .drop("_family_order", "_paired")
    )


def _region_short(code: str | None) -> tuple[str, str]:
    from fazhi_stats.registry import load_regions

    region = load_regions().get(code) if code else None
    if region is None:
        return (UNKNOWN_REGION.zh, UNKNOWN_REGION.en)
    return (region.name_zh, region.name_en.rsplit(" ", 1)[0])


def _heading(row: dict[str, Any]) -> str:
    """Label of a group of rows: the actual (region, year, indicator), in two lines."""
    from fazhi_stats.registry import load_indicators

    ind = load_indicators().get(row["actual_indicator_id"])
    name_zh = ind.name_zh if ind else row["actual_indicator_id"]
    name_en = ind.name_en if ind else row["actual_indicator_id"]
    zh, en = _region_short(row["actual_region_code"])
    years = years_text(row["actual_period_start"], row["actual_period_end"])
    years = years.split(" / ")[0] if " / " in years else years
    return f"{zh} {years}：{name_zh}\n{en} {years}: {name_en}"


def _row_label(row: dict[str, Any]) -> str:
    """Label of one comparison: the target the actual is held against, in two lines."""
    from fazhi_stats.registry import load_indicators

    if row["target_observation_id"] is None:
        if row["status"] == "not_assessed":
            return "混合表述，未评估\nmixed statement, not assessed"
        return "无可比目标\nno comparable target"
    ind = load_indicators().get(row["target_indicator_id"])
    name_zh = ind.name_zh if ind else row["target_indicator_id"]
    name_en = ind.name_en if ind else row["target_indicator_id"]
    zh, en = _region_short(row["target_region_code"])
    years = years_text(row["target_period_start"], row["target_period_end"])
    years_zh, years_en = years.split(" / ") if " / " in years else (years, years)
    if row["target_region_code"] == row["actual_region_code"]:
        zh, en = "本地", "own"
    return f"对照 {zh} {years_zh}：{name_zh}\nvs {en} {years_en}: {name_en}"


def _layout(panel: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    """Rows to draw: a heading before each actual's group of comparisons."""
    out: list[tuple[str, dict[str, Any]]] = []
    previous = None
    for row in panel:
        if row["actual_observation_id"] != previous:
            out.append(("heading", row))
            previous = row["actual_observation_id"]
        out.append(("row", row))
    return out


def plot_attainment(
    attainment: Any,
    *,
    unmatched_families: Sequence[str] = (),
    regions: Sequence[str] | None = None,
    focus: Sequence[str] = (),
    style: FigureStyle = DEFAULT_STYLE,
    links: SiteLinks | None = None,
) -> Figure:
    """Bullet chart of achievements against targets, one panel per standard unit.

    Each row pairs an actual with a target from ``attainment.csv``: the shaded band is the
    set of values that meet the target (its ``met_*`` columns), the coloured line the values
    the actual allows (``actual_*``: hollow ends are open, arrows unbounded). Colour
    gives the status; proxy comparisons are hatched and labelled; for not-comparable pairs
    only the actual is drawn. ``links``: where the figure's file sits on the site; each row
    then links to the achievement's sentence (the SVG group of a row has the id
    :func:`~fazhi_stats.plots.export.hover_id` of its two observation ids). Returns a
    matplotlib Figure.
    """
    import polars as pl

    rows = attainment_rows(
        attainment, unmatched_families=unmatched_families, regions=regions, focus=focus
    )
    panels = []
    for unit in rows["unit_std"].unique(maintain_order=True).to_list():
        panel = rows.filter(pl.col("unit_std") == unit).to_dicts()
        panels.append(_panel(panel, unit, links))
    with styled(style):
        return row_chart(
            panels,
            title="实绩对照目标 / Achievements against targets",
            handles=_legend_handles(rows.to_dicts()),
            note="色带：达到目标的取值（实线边界含该值，虚线不含）。线段：实绩允许的取值（空心端点为开区间，"
            "箭头为无上限，如“60余场”）。\n"
            "Band: the values that meet the target (solid edge: included; dashed: excluded). "
            "Line: the values the achievement allows (hollow end: open; arrow: unbounded, e.g. "
            "“60余场” = more than 60).",
            empty="没有可对照的实绩 / No achievements to compare",
            style=style,
        )


def _legend_handles(rows: list[dict[str, Any]]) -> list[Any]:
    """The legend of what the chart shows: the statuses of its rows, the hatch only when a
    proxy is drawn."""
    from matplotlib.patches import Patch

    statuses = {r["status"] for r in rows}
    drawn = [r for r in rows if r["status"] != "not_comparable"]
    handles = [
        Patch(facecolor=KIND_COLOURS["target"], alpha=0.22, label="达标区间 / Meets the target")
    ]
    if any(r.get("grade") != "same" for r in drawn):
        handles.append(
            Patch(
                facecolor=KIND_COLOURS["target"],
                alpha=0.22,
                hatch="///",
                edgecolor=KIND_COLOURS["target"],
                label="近似指标 / Proxy",
            )
        )
    handles += [
        Patch(facecolor=STATUS_COLOURS[s], label=status_label(s))
        for s in ("met", "not_met", "indeterminate", "baseline")
        if s in statuses
    ]
    if "not_comparable" in statuses:
        handles.append(Patch(facecolor=GREY, label="不可比 / Not comparable"))
    return handles


def _status_note(row: dict[str, Any]) -> str:
    status = row["status"]
    note = status_label(status)
    if row.get("relation") == "cross_region_benchmark":
        note += "（基准 / benchmark）"
    if row["grade"] and status != "not_comparable":
        note += f" · {grade_label(row['grade'])}"
    met = Interval.from_row(row, "met")
    if status == "not_comparable" and met is not None:
        note += f" · 目标 / target {met.text()}"
    return note


def _panel(panel: list[dict[str, Any]], unit: str, links: SiteLinks | None) -> RowPanel:
    spans: list[Interval | None] = []
    for row in panel:
        spans.append(Interval.from_row(row, "actual"))
        if row["status"] != "not_comparable":
            spans.append(Interval.from_row(row, "met"))
    limits = axis_limits(spans)
    if unit == "percent":
        limits = (0.0, max(limits[1], 105.0))
    items = []
    for what, row in _layout(panel):
        if what == "heading":
            items.append(RowItem(_heading(row)))
            continue

        def draw(ax: Any, y: float, row: dict[str, Any] = row) -> None:
            _draw_row(ax, y, row, limits, links)

        items.append(
            RowItem(
                _row_label(row) + "\n" + _status_note(row),
                draw,
                gid=hover_id(row["actual_observation_id"], row["target_observation_id"] or ""),
                url=_url(row, links),
            )
        )
    return RowPanel(items, limits, unit_label(unit))


def _url(row: dict[str, Any], links: SiteLinks | None) -> str | None:
    """Where a row links: the achievement's sentence."""
    if links is None or not row.get("actual_document_id"):
        return None
    return links.source(row["actual_document_id"], row["actual_observation_id"])


def _draw_row(
    ax: Any,
    y: float,
    row: dict[str, Any],
    limits: tuple[float, float],
    links: SiteLinks | None,
) -> None:
    status = row["status"]
    colour = STATUS_COLOURS.get(status, GREY)
    gid = hover_id(row["actual_observation_id"], row["target_observation_id"] or "")
    url = _url(row, links)
    met = Interval.from_row(row, "met")
    if met is not None and status != "not_comparable":
        proxy = row["grade"] != "same"
        draw_band(
            ax,
            y,
            met,
            limits=limits,
            colour=KIND_COLOURS["target"],
            hatch="///" if proxy else None,
            height=ROW_HEIGHT * 0.8,
            gid=gid,
            url=url,
        )
    actual = Interval.from_row(row, "actual")
    if actual is not None:
        draw_span(ax, y, actual, limits=limits, colour=colour)
