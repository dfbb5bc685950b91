"""Achievements against targets: a bullet chart with the intervals of both sides."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from fazhi_stats.compare.intervals import Interval
from fazhi_stats.labels import grade_label, status_label, unit_label, years_text
from fazhi_stats.plots._intervals import axis_limits, draw_span
from fazhi_stats.plots._style import (
    DEFAULT_STYLE,
    GREY,
    KIND_COLOURS,
    STATUS_COLOURS,
    FigureStyle,
    add_note,
    add_title,
    finalise,
    new_figure,
    require_columns,
    styled,
    to_polars,
)
from fazhi_stats.vocabulary import UNKNOWN_REGION

if TYPE_CHECKING:
    from matplotlib.figure import Figure

PAIRED = ("met", "not_met", "indeterminate", "not_comparable")
UNMATCHED = ("no_target", "not_assessed")
_COLUMNS = (
    "family",
    "status",
    "relation",
    "grade",
    "unit_std",
    "actual_observation_id",
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
) -> Figure:
    """Bullet chart of achievements against targets, one panel per standard unit.

    Each row pairs an actual with a target from ``attainment.csv``: the shaded band is the
    set of values that meet the target (its ``met_*`` columns), the coloured line the values
    the actual allows (``actual_*``: hollow ends are open, arrows unbounded). Colour
    gives the status; proxy comparisons are hatched and labelled; for not-comparable pairs
    only the actual is drawn. Returns a matplotlib Figure.
    """
    import polars as pl
    from matplotlib.patches import Patch

    rows = attainment_rows(
        attainment, unmatched_families=unmatched_families, regions=regions, focus=focus
    )
    units = rows["unit_std"].unique(maintain_order=True).to_list()
    n_rows = max(rows.height, 1)

    with styled(style):
        fig = new_figure(style.width, 2.4 + 0.42 * n_rows + 0.6 * len(units), style=style)
        if rows.height == 0:
            ax = fig.add_subplot()
            ax.text(
                0.5,
                0.5,
                "没有可对照的实绩 / No achievements to compare",
                ha="center",
                va="center",
                transform=ax.transAxes,
            )
            ax.set_axis_off()
            finalise(fig)
            return fig
        heights = [len(_layout(rows.filter(pl.col("unit_std") == u).to_dicts())) for u in units]
        grid = fig.add_gridspec(len(units), 1, height_ratios=heights)
        for k, unit in enumerate(units):
            ax = fig.add_subplot(grid[k])
            panel = rows.filter(pl.col("unit_std") == unit).to_dicts()
            _draw_panel(ax, panel, unit)
        add_title(fig, "实绩对照目标 / Achievements against targets", style=style)
        handles = [
            Patch(
                facecolor=KIND_COLOURS["target"],
                alpha=0.18,
                label="达标区间 / Meets the target",
            ),
            Patch(
                facecolor=KIND_COLOURS["target"],
                alpha=0.18,
                hatch="///",
                edgecolor=KIND_COLOURS["target"],
                label="近似指标 / Proxy",
            ),
            *[
                Patch(facecolor=STATUS_COLOURS[s], label=status_label(s))
                for s in ("met", "not_met", "indeterminate")
            ],
            Patch(facecolor=GREY, label="不可比 / Not comparable"),
        ]
        # An axes legend above the first panel: constrained layout makes room for it (a figure
        # legend would collide with the title or the note).
        fig.axes[0].legend(
            handles=handles,
            loc="lower right",
            bbox_to_anchor=(1.0, 1.02),
            ncols=3,
            borderaxespad=0,
        )
        add_note(
            fig,
            "线段：实绩允许的取值（空心端点为开区间，箭头为无上限，如“60余场”）。"
            "竖线：目标数值。\n"
            "Lines: values the achievement allows (hollow end: open; arrow: unbounded, e.g. "
            "“60余场” = more than 60). Tick: the target as written.",
            style=style,
        )
        finalise(fig)
    return fig


def _draw_panel(ax: Any, panel: list[dict[str, Any]], unit: str) -> None:
    spans: list[Interval | None] = []
    for row in panel:
        spans.append(Interval.from_row(row, "actual"))
        if row["status"] != "not_comparable":
            spans.append(Interval.from_row(row, "met"))
    limits = axis_limits(spans)
    if unit == "percent":
        limits = (0.0, max(limits[1], 105.0))
    layout = _layout(panel)
    labels = []
    for y, (what, row) in enumerate(layout):
        if what == "heading":
            labels.append(_heading(row))
            continue
        labels.append(_row_label(row))
        _draw_row(ax, y, row, limits)
    ax.set_yticks(range(len(layout)), labels, fontsize=7.5)
    for (what, _row), tick in zip(layout, ax.get_yticklabels(), strict=True):
        if what == "row":
            tick.set_color("#555555")
        else:
            tick.set_fontsize(8)
    ax.set_ylim(len(layout) - 0.5, -0.5)
    ax.set_xlim(*limits)
    ax.set_xlabel(unit_label(unit), fontsize=8)
    ax.grid(axis="x")
    ax.set_axisbelow(True)
    ax.tick_params(axis="y", length=0)


def _draw_row(ax: Any, y: int, row: dict[str, Any], limits: tuple[float, float]) -> None:
    status = row["status"]
    colour = STATUS_COLOURS.get(status, GREY)
    met = Interval.from_row(row, "met")
    if met is not None and status != "not_comparable":
        lo = met.lower if met.lower > limits[0] else limits[0]
        hi = met.upper if met.upper < limits[1] else limits[1]
        proxy = row["grade"] != "same"
        ax.barh(
            y,
            hi - lo,
            left=lo,
            height=0.62,
            color=KIND_COLOURS["target"],
            alpha=0.18,
            hatch="///" if proxy else None,
            edgecolor=KIND_COLOURS["target"] if proxy else None,
            linewidth=0,
        )
        written = met.lower if met.lower > limits[0] else met.upper
        ax.plot([written, written], [y - 0.31, y + 0.31], color=KIND_COLOURS["target"], linewidth=2)
    actual = Interval.from_row(row, "actual")
    if actual is not None:
        draw_span(ax, y, actual, limits=limits, colour=colour)
    note = status_label(status)
    if row["grade"] and status != "not_comparable":
        note += f" · {grade_label(row['grade'])}"
    if status == "not_comparable" and met is not None:
        note += f"\n目标 / target {met.text()}"
    ax.annotate(
        note,
        xy=(1.0, y),
        xycoords=("axes fraction", "data"),
        xytext=(6, 0),
        textcoords="offset points",
        va="center",
        fontsize=7.5,
        color="#333333",
    )
