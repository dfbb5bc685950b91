"""How ambitious the targets are: every target in its standard unit, region by region."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from fazhi_stats.compare.intervals import Interval
from fazhi_stats.labels import family_label, unit_label, years_text
from fazhi_stats.plots._intervals import axis_limits, draw_span
from fazhi_stats.plots._style import (
    DEFAULT_STYLE,
    GREY,
    REGION_COLOURS,
    FigureStyle,
    add_note,
    add_title,
    finalise,
    new_figure,
    require_columns,
    styled,
    to_polars,
)
from fazhi_stats.settings import DEFAULT_SETTINGS, Settings
from fazhi_stats.vocabulary import UNKNOWN_REGION

if TYPE_CHECKING:
    from matplotlib.figure import Figure

_COLUMNS = (
    "family",
    "indicator_id",
    "indicator_name_zh",
    "indicator_name_en",
    "region_code",
    "region_name_zh",
    "region_name_en",
    "period_start",
    "period_end",
    "as_written",
    "unit_std",
    "target_lower",
    "target_upper",
    "target_lower_open",
    "target_upper_open",
    "scope",
    "observation_id",
)
SCOPE_CHARS = 18


def ambition_panels(
    ambition: Any, *, families: Sequence[str] | None = None, focus: Sequence[str] = ()
) -> list[Any]:
    """The ambition table split into panels: one per family and standard unit, the ``focus``
    families first; each panel a polars frame sorted by indicator, region and period."""
    import polars as pl

    frame = to_polars(ambition)
    require_columns(frame, _COLUMNS, "plot_ambition")
    if families is not None:
        frame = frame.filter(pl.col("family").is_in(list(families)))
    order = {f: i for i, f in enumerate(focus)}
    frame = frame.with_columns(
        _order=pl.col("family").replace_strict(order, default=len(order))
    ).sort(
        "_order",
        "family",
        "unit_std",
        "indicator_id",
        "region_code",
        "period_start",
        "observation_id",
        nulls_last=True,
    )
    keys = frame.select("family", "unit_std").unique(maintain_order=True).iter_rows()
    return [
        frame.filter((pl.col("family") == f) & (pl.col("unit_std") == u)).drop("_order")
        for f, u in keys
    ]


def _label(row: dict[str, Any]) -> str:
    years = years_text(row["period_start"], row["period_end"])
    years_zh, years_en = years.split(" / ") if " / " in years else (years, years)
    region_zh = row["region_name_zh"] if row["region_code"] else UNKNOWN_REGION.zh
    region_en = (
        str(row["region_name_en"]).rsplit(" ", 1)[0] if row["region_code"] else UNKNOWN_REGION.en
    )
    return (
        f"{region_zh} {years_zh}：{row['indicator_name_zh']}\n"
        f"{region_en} {years_en}: {row['indicator_name_en']}"
    )


def plot_ambition(
    ambition: Any,
    *,
    families: Sequence[str] | None = None,
    focus: Sequence[str] = (),
    settings: Settings = DEFAULT_SETTINGS,
    style: FigureStyle = DEFAULT_STYLE,
) -> Figure:
    """Dot-and-interval chart of every target (``ambition.csv``), one panel per family and
    standard unit, coloured by region, with the target as written and its scope on the right.

    Recurring targets are per year (每季度一次 → 4 per year; 学时 in hours under
    ``settings.class_hour_minutes``), so targets of different regions line up on one axis.
    ``families``: only these; ``focus``: these first; ``settings``: the assumptions the note
    states (the study's).
    Returns a matplotlib Figure.
    """
    from matplotlib.lines import Line2D

    from fazhi_stats.labels import region_label

    panels = ambition_panels(ambition, families=families, focus=focus)
    n_rows = sum(p.height for p in panels)
    with styled(style):
        fig = new_figure(style.width, 1.8 + 0.42 * n_rows + 0.55 * len(panels), style=style)
        if not panels:
            ax = fig.add_subplot()
            ax.text(
                0.5, 0.5, "没有目标 / No targets", ha="center", va="center", transform=ax.transAxes
            )
            ax.set_axis_off()
            finalise(fig)
            return fig
        grid = fig.add_gridspec(len(panels), 1, height_ratios=[p.height for p in panels])
        regions: dict[str | None, None] = {}
        for k, panel in enumerate(panels):
            ax = fig.add_subplot(grid[k])
            rows = panel.to_dicts()
            spans = [Interval.from_row(r, "target") for r in rows]
            limits = axis_limits(spans)
            unit = rows[0]["unit_std"]
            if unit == "percent":
                limits = (0.0, max(limits[1], 105.0))
            for y, (row, span) in enumerate(zip(rows, spans, strict=True)):
                colour = REGION_COLOURS.get(row["region_code"] or "", GREY)
                regions[row["region_code"]] = None
                if span is not None:
                    draw_span(ax, y, span, limits=limits, colour=colour)
                scope = str(row["scope"] or "")
                if len(scope) > SCOPE_CHARS:
                    scope = scope[: SCOPE_CHARS - 1] + "…"
                ax.annotate(
                    f"{row['as_written']}\n{scope}",
                    xy=(1.0, y),
                    xycoords=("axes fraction", "data"),
                    xytext=(6, 0),
                    textcoords="offset points",
                    va="center",
                    fontsize=7,
                    color="#333333",
                )
            ax.set_yticks(range(len(rows)), [_label(r) for r in rows], fontsize=7.5)
            ax.set_ylim(len(rows) - 0.5, -0.5)
            ax.set_xlim(*limits)
            ax.set_title(
                f"{family_label(rows[0]['family'])} · {unit_label(unit)}",
                loc="left",
                fontsize=style.font_size,
            )
            ax.grid(axis="x")
            ax.set_axisbelow(True)
            ax.tick_params(axis="y", length=0)
        add_title(fig, "各地目标的高低 / How high the targets are set", style=style)
        handles = [
            Line2D(
                [],
                [],
                marker="o",
                linestyle="-",
                color=REGION_COLOURS.get(c or "", GREY),
                label=region_label(c, short=True),
            )
            for c in regions
        ]
        fig.axes[0].legend(
            handles=handles,
            loc="lower right",
            bbox_to_anchor=(1.0, 1.0),
            # in font sizes: clears the panel title under the legend
            ncols=3,
            borderaxespad=2.2,
        )
        add_note(
            fig,
            "线段：目标要求的取值（实心端点含该值，箭头为无上限，如“不少于”）。右侧：原文写法与适用范围。"
            f"\n周期性目标按每年计；{settings.describe_zh('class_hour_minutes')}。\n"
            "Lines: values the target asks for (filled end: included; arrow: no upper limit). "
            "Right: the target as written and who it applies to.\n"
            f"Recurring targets per year; {settings.describe('class_hour_minutes')}.",
            style=style,
        )
        finalise(fig)
    return fig
