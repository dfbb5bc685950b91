"""How ambitious the targets are: every target in its standard unit, region by region."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from fazhi_stats.compare.intervals import Interval
from fazhi_stats.labels import family_label, unit_label, years_text
from fazhi_stats.plots._intervals import axis_limits, draw_band
from fazhi_stats.plots._rows import RowItem, RowPanel, row_chart
from fazhi_stats.plots._style import (
    DEFAULT_STYLE,
    GREY,
    FigureStyle,
    region_colours,
    require_columns,
    styled,
    to_polars,
)
from fazhi_stats.plots.export import hover_id
from fazhi_stats.settings import DEFAULT_SETTINGS, Settings
from fazhi_stats.study.links import SiteLinks
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
    links: SiteLinks | None = None,
) -> Figure:
    """Every target (``ambition.csv``) as the band of values that meet it, one panel per family
    and standard unit, coloured by region, with the target as written and its scope on the
    right.

    Recurring targets are per year (每季度一次 → 4 per year; 学时 in hours under
    ``settings.class_hour_minutes``), so targets of different regions line up on one axis.
    ``families``: only these; ``focus``: these first; ``settings``: the assumptions the note
    states (the study's). ``links``: where the figure's file sits on the site; each band then
    links to its sentence (in the SVG, with :func:`~fazhi_stats.plots.export.hover_id` as
    the group id of the row, for its tooltip).
    Returns a matplotlib Figure.
    """
    from matplotlib.patches import Patch

    from fazhi_stats.labels import region_label

    panels = ambition_panels(ambition, families=families, focus=focus)
    colours = region_colours([c for p in panels for c in p["region_code"].to_list()])
    chart = []
    regions: dict[str | None, None] = {}
    for panel in panels:
        rows = panel.to_dicts()
        spans = [Interval.from_row(r, "target") for r in rows]
        limits = axis_limits(spans)
        unit = rows[0]["unit_std"]
        if unit == "percent":
            limits = (0.0, max(limits[1], 105.0))
        items = []
        for row, span in zip(rows, spans, strict=True):
            colour = colours.get(row["region_code"], GREY)
            regions[row["region_code"]] = None
            gid = hover_id(row["observation_id"])
            url = links.source(row["document_id"], row["observation_id"]) if links else None

            def draw(
                ax: Any,
                y: float,
                span: Interval | None = span,
                colour: str = colour,
                gid: str = gid,
                url: str | None = url,
                limits: tuple[float, float] = limits,
            ) -> None:
                if span is not None:
                    draw_band(
                        ax, y, span, limits=limits, colour=colour, height=0.27, gid=gid, url=url
                    )

            scope = f" · {row['scope']}" if row["scope"] else ""
            items.append(
                RowItem(f"{_label(row)}\n{row['as_written']}{scope}", draw, gid=gid, url=url)
            )
        chart.append(
            RowPanel(
                items,
                limits,
                unit_label(unit),
                title=f"{family_label(rows[0]['family'])} · {unit_label(unit)}",
            )
        )
    with styled(style):
        return row_chart(
            chart,
            title="各地目标的高低 / How high the targets are set",
            handles=[
                Patch(facecolor=colours.get(c, GREY), alpha=0.45, label=region_label(c, short=True))
                for c in regions
            ],
            note="色带：达到目标的取值（实线边界含该值，虚线不含；无边界处延伸到坐标轴尽头，如“不少于”）。"
            f"每行下方：原文写法与适用范围。周期性目标按每年计；{settings.describe_zh('class_hour_minutes')}。\n"
            "Band: the values that meet the target (solid edge: included; dashed: excluded; it "
            "runs to the axis where the target has no limit). Under each row: the target as "
            "written and who it applies to. Recurring targets per year; "
            f"{settings.describe('class_hour_minutes')}.",
            empty="没有目标 / No targets",
            style=style,
        )
