"""What a panel holds: indicators per region × year, for one or more panels side by side."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from fazhi_stats.labels import region_label
from fazhi_stats.plots._style import (
    DEFAULT_STYLE,
    LIGHT_GREY,
    FigureStyle,
    add_note,
    add_title,
    finalise,
    new_figure,
    require_columns,
    styled,
    to_polars,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def panel_cells(panel: Any) -> Any:
    """Indicators per region × year of a panel, and how many of them another region shares
    in that year (polars frame: ``region_code, year, n_indicators, n_shared``)."""
    import polars as pl

    frame = to_polars(panel)
    require_columns(frame, ("region_code", "year", "indicator_id"), "panel_cells")
    cells = frame.select("region_code", "year", "indicator_id").unique()
    spread = cells.group_by("year", "indicator_id").agg(n_regions=pl.len())
    return (
        cells.join(spread, on=["year", "indicator_id"])
        .group_by("region_code", "year")
        .agg(
            n_indicators=pl.len().cast(pl.Int64),
            n_shared=(pl.col("n_regions") >= 2).sum().cast(pl.Int64),
        )
        .sort("region_code", "year")
    )


def plot_panel_coverage(panels: Mapping[str, Any], *, style: FigureStyle = DEFAULT_STYLE) -> Figure:
    """One grid per panel (``{title: panel}``): regions × years, each cell the number of
    indicators, with the number shared with another region of that year in brackets.

    A composite can rank only where a column has two or more filled cells that share
    indicators. Returns a matplotlib Figure.
    """
    import numpy as np

    grids = {title: panel_cells(p) for title, p in panels.items()}
    with styled(style):
        heights = [max(len(set(g["region_code"].to_list())), 1) for g in grids.values()]
        fig = new_figure(style.width, 1.6 + 0.45 * sum(heights) + 0.6 * len(grids), style=style)
        axes = fig.subplots(len(grids), 1, squeeze=False, height_ratios=heights)[:, 0]
        for ax, (title, cells) in zip(axes, grids.items(), strict=True):
            regions = sorted(set(cells["region_code"].to_list()))
            years = sorted(set(cells["year"].to_list()))
            values = np.zeros((len(regions), len(years)))
            shared = np.zeros_like(values)
            for row in cells.iter_rows(named=True):
                i, j = regions.index(row["region_code"]), years.index(row["year"])
                values[i, j], shared[i, j] = row["n_indicators"], row["n_shared"]
            if values.size == 0:  # an empty panel (a new study): say so instead of a grid
                ax.text(
                    0.5,
                    0.5,
                    f"{title}：无数据 / no data",
                    ha="center",
                    va="center",
                    transform=ax.transAxes,
                )
                ax.set_axis_off()
                continue
            ax.pcolormesh(
                np.arange(len(years) + 1) - 0.5,
                np.arange(len(regions) + 1) - 0.5,
                np.ma.masked_equal(values, 0),
                cmap=_blues().with_extremes(bad="white"),
                vmin=0,
                vmax=max(float(values.max()), 1.0),
                edgecolors=LIGHT_GREY,
                linewidth=0.5,
            )
            for i in range(len(regions)):
                for j in range(len(years)):
                    n = int(values[i, j])
                    text = f"{n} ({int(shared[i, j])})" if n else "–"
                    ax.text(j, i, text, ha="center", va="center", fontsize=8, color="#222222")
            ax.set_yticks(range(len(regions)), [region_label(r, short=True) for r in regions])
            ax.set_xticks(range(len(years)), [str(y) for y in years])
            ax.set_ylim(len(regions) - 0.5, -0.5)
            ax.tick_params(length=0)
            for spine in ax.spines.values():
                spine.set_visible(False)
            ax.set_title(title, loc="left", fontsize=style.font_size)
        add_title(fig, "面板覆盖 / What the panel holds", style=style)
        add_note(
            fig,
            "单元格：指标数（括号内：同年另一地区也有的指标数）；“–”：没有数字。\n"
            "Cells: indicators (in brackets: those another region also has that year); "
            "“–”: no numbers.",
            style=style,
        )
        finalise(fig)
    return fig


def _blues() -> Any:
    from matplotlib.colors import LinearSegmentedColormap

    return LinearSegmentedColormap.from_list("fazhi_blues", ["#DCEBF5", "#56B4E9", "#0072B2"])
