"""How specific the plans are: per region, the share of commitments quantified, dated, with a
responsible unit and hedged, each with its interval."""

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
    wrap_label,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FLAGS = (
    ("quantified", "有数字 / quantified"),
    ("dated", "有期限 / dated"),
    ("responsible_unit", "责任单位 / responsible unit"),
    ("hedged", "有限定词 / hedged"),
)


def plot_plan_profiles(profile: Any, *, style: FigureStyle = DEFAULT_STYLE) -> Figure:
    """One panel per flag, one row per region: the share of its commitments with the flag
    (a dot) and its interval (a line), from a commitment profile by ``region_code``
    (:func:`fazhi_stats.compare.commitments.commitment_profile`). Returns a Figure."""
    from fazhi_stats.labels import region_names

    frame = to_polars(profile)
    require_columns(
        frame, ("region_code", "n_commitments", "share_quantified"), "plot_plan_profiles"
    )
    rows = frame.to_dicts()
    labels = [
        f"{region_names(r['region_code'])[0]} / {region_names(r['region_code'])[1]} "
        f"(n = {r['n_commitments']})"
        for r in rows
    ]
    with styled(style):
        wide = style.width >= 6
        n_grid = 2 if wide else 4
        fig = new_figure(style.width, 1.9 + 0.42 * max(len(rows), 1) * n_grid, style=style)
        if not rows:
            ax = fig.add_subplot()
            ax.text(
                0.5,
                0.5,
                "没有计划的承诺 / No commitments of plans",
                ha="center",
                va="center",
                transform=ax.transAxes,
            )
            ax.set_axis_off()
            finalise(fig)
            return fig
        grid = fig.add_gridspec(2, 2) if wide else fig.add_gridspec(4, 1)
        colour = OKABE_ITO["blue"]
        for k, (flag, title) in enumerate(FLAGS):
            ax = fig.add_subplot(grid[k // 2, k % 2] if wide else grid[k])
            for y, row in enumerate(rows):
                lo, hi = row[f"share_{flag}_lower"], row[f"share_{flag}_upper"]
                ax.plot([lo, hi], [y, y], color=colour, linewidth=2.5, solid_capstyle="butt")
                ax.plot(
                    [row[f"share_{flag}"]],
                    [y],
                    marker="o",
                    color="#222222",
                    markersize=5,
                    linestyle="",
                    zorder=4,
                )
            ax.set_yticks(
                range(len(rows)), labels if (k % 2 == 0 or not wide) else [""] * len(rows)
            )
            ax.set_ylim(len(rows) - 0.5, -0.5)
            ax.set_xlim(-4, 104)  # a dot at 0 % or 100 % is drawn whole
            ax.set_title(title, loc="left", fontsize=style.font_size)
            ax.set_xlabel("承诺的比例 / share of commitments (%)", fontsize=8)
            ax.grid(axis="x")
            ax.set_axisbelow(True)
            ax.tick_params(axis="y", length=0)
        level = rows[0].get("confidence") or 0.95
        add_title(fig, "计划的具体程度 / How specific the plans are", style=style)
        add_note(
            fig,
            wrap_label(
                f"圆点：比例；线段：{level * 100:g}% Wilson 区间（承诺少时区间宽）。"
                f"Dot: share; line: {level * 100:g} % Wilson interval (wide where a plan has few "
                "commitments).",
                style.width - 0.3,
                style.font_size - 1.5,
            ),
            style=style,
        )
        finalise(fig)
    return fig
