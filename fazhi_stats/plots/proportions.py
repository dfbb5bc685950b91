"""Rates recomputed from their counts, with confidence intervals by three methods."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fazhi_stats.plots._style import (
    DEFAULT_STYLE,
    OKABE_ITO,
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

METHOD_NAMES = {
    "wilson": "Wilson",
    "jeffreys": "Jeffreys",
    "clopper_pearson": "Clopper–Pearson",
}
METHOD_COLOURS = {
    "wilson": OKABE_ITO["blue"],
    "jeffreys": OKABE_ITO["orange"],
    "clopper_pearson": OKABE_ITO["bluish_green"],
}
COUNTS_SOURCE_NAMES = {
    "reported": "计数均为原文 / both counts reported",
    "implied_denominator": "分母由比率与分子推得 / denominator implied by the rate",
    "implied_numerator": "分子由比率与分母推得 / numerator implied by the rate",
}
_COLUMNS = (
    "rate_indicator_id",
    "document_id",
    "region_code",
    "period_start",
    "period_end",
    "successes",
    "trials",
    "counts_source",
    "rate",
    "reported_rate",
    "method",
    "confidence",
    "lower",
    "upper",
)


def proportion_groups(proportions: Any) -> list[Any]:
    """The proportions table grouped by rate and counts: one polars frame per rate, its rows
    the interval methods in a fixed order."""
    import polars as pl

    frame = to_polars(proportions)
    require_columns(frame, _COLUMNS, "plot_proportions")
    order = {m: i for i, m in enumerate(METHOD_NAMES)}
    frame = frame.with_columns(
        _order=pl.col("method").replace_strict(order, default=len(order))
    ).sort(
        "rate_indicator_id",
        "document_id",
        "period_start",
        "successes",
        "trials",
        "_order",
        nulls_last=True,
    )
    keys = frame.select("rate_indicator_id", "document_id", "successes", "trials").unique(
        maintain_order=True
    )
    return [
        frame.join(key, on=key.columns, how="semi").drop("_order")
        for key in (keys.slice(i, 1) for i in range(keys.height))
    ]


def plot_proportions(proportions: Any, *, style: FigureStyle = DEFAULT_STYLE) -> Figure:
    """Each rate whose counts are known (``proportions.csv``): the recomputed rate k/n, the
    rate as the document reports it, and the confidence interval of each method.

    One panel per rate, zoomed to its intervals (rates near 100 % need it). Returns a
    matplotlib Figure.
    """
    from matplotlib.lines import Line2D

    from fazhi_stats.labels import indicator_label, region_label, years_text

    groups = proportion_groups(proportions)
    with styled(style):
        fig = new_figure(style.width, 1.6 + 1.55 * max(len(groups), 1), style=style)
        if not groups:
            ax = fig.add_subplot()
            ax.text(
                0.5,
                0.5,
                "没有已知计数的比率 / No rates with known counts",
                ha="center",
                va="center",
                transform=ax.transAxes,
            )
            ax.set_axis_off()
            finalise(fig)
            return fig
        grid = fig.add_gridspec(len(groups), 1)
        for k, group in enumerate(groups):
            ax = fig.add_subplot(grid[k])
            rows = group.to_dicts()
            first = rows[0]
            for y, row in enumerate(rows):
                colour = METHOD_COLOURS.get(row["method"], "#444444")
                if row["lower"] is not None and row["upper"] is not None:
                    ax.plot(
                        [row["lower"], row["upper"]],
                        [y, y],
                        color=colour,
                        linewidth=3,
                        solid_capstyle="butt",
                    )
                    for bound in (row["lower"], row["upper"]):
                        ax.plot([bound, bound], [y - 0.18, y + 0.18], color=colour, linewidth=1.5)
                ax.plot(
                    [row["rate"]],
                    [y],
                    marker="D",
                    color="#222222",
                    markersize=5,
                    linestyle="",
                    zorder=4,
                )
            if first["reported_rate"] is not None:
                ax.axvline(
                    first["reported_rate"],
                    color=OKABE_ITO["vermillion"],
                    linestyle="--",
                    linewidth=1.2,
                )
            ax.set_yticks(
                range(len(rows)),
                [
                    f"{METHOD_NAMES.get(r['method'], r['method'])} {r['confidence'] * 100:g}%"
                    for r in rows
                ],
            )
            ax.set_ylim(len(rows) - 0.4, -0.6)
            bounds = [b for r in rows for b in (r["lower"], r["upper"], r["rate"]) if b is not None]
            if first["reported_rate"] is not None:
                bounds.append(first["reported_rate"])
            lo, hi = min(bounds), max(bounds)
            pad = max((hi - lo) * 0.15, 0.05)
            ax.set_xlim(lo - pad, min(hi + pad, 100.0 + pad))
            ax.grid(axis="x")
            ax.set_axisbelow(True)
            ax.tick_params(axis="y", length=0)
            years = years_text(first["period_start"], first["period_end"])
            ax.set_title(
                f"{indicator_label(first['rate_indicator_id'])} · "
                f"{region_label(first['region_code'], short=True)} {years}\n"
                f"k/n = {first['successes']}/{first['trials']} · "
                f"{COUNTS_SOURCE_NAMES.get(first['counts_source'], first['counts_source'])}",
                loc="left",
                fontsize=style.font_size - 0.5,
            )
            ax.set_xlabel("百分比 / percent", fontsize=8)
        add_title(fig, "比率的置信区间 / Confidence intervals of the rates", style=style)
        handles = [
            Line2D(
                [],
                [],
                marker="D",
                color="#222222",
                linestyle="",
                label="由计数重算 / recomputed k/n",
            ),
            Line2D(
                [],
                [],
                color=OKABE_ITO["vermillion"],
                linestyle="--",
                label="原文报告值 / as reported",
            ),
        ]
        fig.axes[-1].legend(
            handles=handles, loc="upper left", bbox_to_anchor=(0.0, -0.35), ncols=2, borderaxespad=0
        )
        add_note(
            fig,
            "区间把计数视为二项分布（超总体视角），不是抽样误差。"
            "Intervals treat the counts as binomial (a superpopulation view), not as a sample.",
            style=style,
        )
        finalise(fig)
    return fig
