"""Row charts laid out in inches: each row's label above its bar, wrapped to the figure's width.

The attainment and ambition charts have long bilingual labels; as y tick labels they squeeze the
axes to nothing on a phone-wide figure. Here every label sits above its row, wrapped to the
width, and the figure is as tall as its rows need, so the same chart reads at 8 inches and at 4.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fazhi_stats.plots._style import DEFAULT_STYLE, FigureStyle, finalise, new_figure, wrap_label

if TYPE_CHECKING:
    from matplotlib.figure import Figure

ROW_HEIGHT = 0.34  # inches of a bar
LINE_HEIGHT = 0.15  # inches of a line of label text
GAP = 0.12  # inches between a bar and the next label
AXIS_ROOM = 0.5  # ticks and unit label under each panel
LABEL_SIZE = 7.5


@dataclass(frozen=True)
class RowItem:
    """A heading (text only) or a row (its text above, then ``draw(ax, y)`` at its bar's y)."""

    label: str
    draw: Callable[[Any, float], None] | None = None
    gid: str | None = None  # SVG group of the label (``<gid>-label``), for its tooltip
    url: str | None = None  # the label's link


@dataclass(frozen=True)
class RowPanel:
    """A panel of rows on one x axis."""

    items: Sequence[RowItem]
    limits: tuple[float, float]
    xlabel: str
    title: str = ""
    extra: Sequence[str] = field(default=())  # text under the title


def _wrapped(item: RowItem, width: float) -> str:
    return wrap_label(item.label, width, LABEL_SIZE)


def _panel_height(panel: RowPanel, width: float) -> float:
    lines: float = sum(_wrapped(i, width).count("\n") + 1 for i in panel.items)
    if panel.title:
        lines += wrap_label(panel.title, width, LABEL_SIZE + 1).count("\n") + 1.4
    bars = sum(1 for i in panel.items if i.draw is not None)
    return lines * LINE_HEIGHT + bars * (ROW_HEIGHT + GAP) + 0.05


def _draw_panel(ax: Any, panel: RowPanel, width: float) -> None:
    from matplotlib.transforms import blended_transform_factory

    at = blended_transform_factory(ax.transAxes, ax.transData)
    y = 0.0
    if panel.title:
        title = wrap_label(panel.title, width, LABEL_SIZE + 1)
        ax.text(0.0, y, title, transform=at, va="top", ha="left", fontsize=LABEL_SIZE + 1)
        y += (title.count("\n") + 1.4) * LINE_HEIGHT
    for item in panel.items:
        text = _wrapped(item, width)
        heading = item.draw is None
        artist = ax.text(
            0.0,
            y,
            text,
            transform=at,
            va="top",
            ha="left",
            fontsize=LABEL_SIZE + (0.5 if heading else 0),
            color="#222222" if heading else "#444444",
            linespacing=1.25,
        )
        if item.gid:
            artist.set_gid(f"{item.gid}-label")
        if item.url:
            artist.set_url(item.url)
        y += (text.count("\n") + 1) * LINE_HEIGHT
        if item.draw is not None:
            item.draw(ax, y + ROW_HEIGHT / 2)
            y += ROW_HEIGHT + GAP
    ax.set_ylim(y, -0.05)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_xlim(*panel.limits)
    ax.set_xlabel(panel.xlabel, fontsize=8)
    ax.grid(axis="x")
    ax.set_axisbelow(True)


def row_chart(
    panels: Sequence[RowPanel],
    *,
    title: str,
    handles: Sequence[Any],
    note: str,
    empty: str,
    style: FigureStyle = DEFAULT_STYLE,
) -> Figure:
    """The figure: title, legend, the panels one under the other, the note."""
    columns = 3 if style.width >= 6 else 2 if style.width >= 4.5 else 1
    legend_rows = -(-len(handles) // columns)
    note = wrap_label(note, style.width - 0.3, style.font_size - 1.5)
    width = style.width - 0.3
    heights = [_panel_height(p, width) for p in panels]
    top = 0.45 + 0.2 * legend_rows
    bottom = 0.2 + 0.13 * (note.count("\n") + 1)
    height = max(top + sum(h + AXIS_ROOM for h in heights) + bottom, 2.0)
    fig = new_figure(style.width, height, style=style)
    fig.set_layout_engine("none")
    fig.text(0.01, 1 - 0.12 / height, title, fontsize=style.title_size, va="top", ha="left")
    if not panels:
        fig.text(0.5, 0.5, empty, ha="center", va="center")
        finalise(fig)
        return fig
    left, right = 0.12, 0.12
    y = height - top
    for panel, h in zip(panels, heights, strict=True):
        ax = fig.add_axes(
            (
                left / style.width,
                (y - h) / height,
                (style.width - left - right) / style.width,
                h / height,
            )
        )
        _draw_panel(ax, panel, width)
        y -= h + AXIS_ROOM
    if handles:
        fig.legend(
            handles=list(handles),
            loc="upper left",
            bbox_to_anchor=(0.1 / style.width, 1 - 0.42 / height),
            ncols=columns,
            borderaxespad=0,
        )
    fig.text(
        0.01,
        0.12 / height,
        note,
        fontsize=style.font_size - 1.5,
        color="#444444",
        va="bottom",
        ha="left",
        linespacing=1.4,
    )
    finalise(fig)
    return fig
