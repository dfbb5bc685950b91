"""Drawing intervals, one convention on every figure: a target is the band of values that meet
it (:func:`draw_band`), an achievement or an estimate the line of values it allows, with open,
closed or unbounded ends (:func:`draw_span`)."""

from __future__ import annotations

import math
from typing import Any

from fazhi_stats.compare.intervals import Interval


def draw_span(
    ax: Any,
    y: float,
    span: Interval,
    *,
    limits: tuple[float, float],
    colour: str,
    linewidth: float = 2.5,
    marker_size: float = 6.0,
    zorder: float = 3,
) -> None:
    """An interval as a line with end markers: filled for a closed end, hollow for an open
    one, an arrow where the interval is unbounded."""
    lo_axis, hi_axis = limits
    lower = span.lower if math.isfinite(span.lower) else lo_axis
    upper = span.upper if math.isfinite(span.upper) else hi_axis
    if not span.is_point:
        ax.plot(
            [lower, upper],
            [y, y],
            color=colour,
            linewidth=linewidth,
            zorder=zorder,
            solid_capstyle="butt",
        )
    for bound, closed in ((span.lower, span.lower_closed), (span.upper, span.upper_closed)):
        if math.isfinite(bound):
            ax.plot(
                [bound],
                [y],
                marker="o",
                markersize=marker_size,
                zorder=zorder + 1,
                markerfacecolor=colour if closed else "white",
                markeredgecolor=colour,
                markeredgewidth=1.5,
                linestyle="",
            )
        else:
            end = hi_axis if bound > 0 else lo_axis
            ax.plot(
                [end],
                [y],
                marker=">" if bound > 0 else "<",
                markersize=marker_size,
                color=colour,
                zorder=zorder + 1,
                linestyle="",
            )
        if span.is_point:
            break


def draw_band(
    ax: Any,
    y: float,
    span: Interval,
    *,
    limits: tuple[float, float],
    colour: str,
    hatch: str | None = None,
    height: float = 0.62,
    gid: str | None = None,
    url: str | None = None,
) -> None:
    """A target as the band of the values that meet it, clipped to the axis: a solid edge at a
    bound the target includes, a dashed one at a bound it excludes, none where it is unbounded.
    ``gid`` and ``url`` go to the band (an SVG group and its link)."""
    lo_axis, hi_axis = limits
    lower = span.lower if math.isfinite(span.lower) else lo_axis
    upper = span.upper if math.isfinite(span.upper) else hi_axis
    width = upper - lower
    if width <= 0:  # a point target: a thin band around it
        width = (hi_axis - lo_axis) * 0.006
        lower -= width / 2
    (bar,) = ax.barh(
        y,
        width,
        left=lower,
        height=height,
        color=colour,
        alpha=0.22,
        hatch=hatch,
        edgecolor=colour if hatch else None,
        linewidth=0,
    )
    if gid:
        bar.set_gid(gid)
    if url:
        bar.set_url(url)
    for bound, closed in ((span.lower, span.lower_closed), (span.upper, span.upper_closed)):
        if math.isfinite(bound):
            ax.plot(
                [bound, bound],
                [y - height / 2, y + height / 2],
                color=colour,
                linewidth=2,
                linestyle="-" if closed else (0, (2, 1.5)),
                solid_capstyle="butt",
            )


def axis_limits(
    spans: list[Interval | None], *, floor_zero: bool = True, pad: float = 0.12
) -> tuple[float, float]:
    """x limits that show every finite bound, with room for arrows of unbounded ends."""
    finite = [b for s in spans if s is not None for b in s.finite_bounds()]
    if not finite:
        return (0.0, 1.0)
    lo, hi = min(finite), max(finite)
    if floor_zero and lo >= 0:
        lo = 0.0
    width = hi - lo or abs(hi) or 1.0
    return (lo - (0 if floor_zero and lo == 0 else pad * width), hi + pad * width)
