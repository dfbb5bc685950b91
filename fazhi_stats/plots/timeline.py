"""When plans, reports, targets and deadlines fall: one lane per region."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from fazhi_stats.labels import region_label
from fazhi_stats.plots._style import (
    DEFAULT_STYLE,
    GREY,
    KIND_COLOURS,
    OKABE_ITO,
    FigureStyle,
    add_note,
    finalise,
    new_figure,
    region_colours,
    require_columns,
    styled,
    to_polars,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# Vertical offsets inside a region's lane.
_DOC, _MILESTONE, _OBS = 0.0, 0.28, -0.28


def timeline_events(documents: Any, observations: Any, milestones: Any) -> Any:
    """Every dated event of the corpus as one polars frame.

    Columns: ``region_code, event`` (document, issued, target, actual, milestone; a "mixed"
    sentence, reporting effort and result at once, counts as actual), ``start``,
    ``end`` (dates; equal for a point in time), ``n`` (how many items share the event),
    ``document_id``. Items without any year (an undated document) are left out; count them
    with :func:`undated_documents`.
    """
    import polars as pl

    docs = to_polars(documents)
    obs = to_polars(observations)
    mil = to_polars(milestones)
    require_columns(docs, ("document_id", "region_code", "period_start", "period_end"), "timeline")
    require_columns(obs, ("document_id", "region_code", "kind", "period_start"), "timeline")
    require_columns(mil, ("document_id", "region_code", "deadline"), "timeline")

    def year_start(col: str) -> pl.Expr:
        return pl.date(pl.col(col), 1, 1)

    def year_end(col: str) -> pl.Expr:
        return pl.date(pl.col(col), 12, 31)

    doc_events = docs.filter(pl.col("period_start").is_not_null()).select(
        "region_code",
        pl.lit("document").alias("event"),
        year_start("period_start").alias("start"),
        year_end("period_end").alias("end"),
        pl.lit(1, dtype=pl.UInt32).alias("n"),
        "document_id",
    )
    issued = docs.filter(pl.col("date_issued").is_not_null()).select(
        "region_code",
        pl.lit("issued").alias("event"),
        pl.col("date_issued").alias("start"),
        pl.col("date_issued").alias("end"),
        pl.lit(1, dtype=pl.UInt32).alias("n"),
        "document_id",
    )
    obs_events = (
        # a standing rule (from_year, no end) has no target year to place
        obs.filter(pl.col("period_start").is_not_null() & pl.col("period_end").is_not_null())
        .with_columns(
            event=pl.when(pl.col("kind") == "target")
            .then(pl.lit("target"))
            .otherwise(pl.lit("actual"))
        )
        .group_by("region_code", "event", "period_start", "period_end", "document_id")
        .len("n")
        .select(
            "region_code",
            "event",
            year_start("period_start").alias("start"),
            year_end("period_end").alias("end"),
            "n",
            "document_id",
        )
    )
    mil_events = (
        mil.filter(pl.col("deadline").is_not_null())
        .group_by("region_code", "deadline", "document_id")
        .len("n")
        .select(
            "region_code",
            pl.lit("milestone").alias("event"),
            pl.col("deadline").alias("start"),
            pl.col("deadline").alias("end"),
            "n",
            "document_id",
        )
    )
    return pl.concat([doc_events, issued, obs_events, mil_events]).sort(
        "region_code", "event", "start", "end", "document_id", nulls_last=True
    )


def undated_documents(documents: Any) -> list[str]:
    """Ids of documents with neither a period nor a date of issue (they cannot be placed)."""
    import polars as pl

    docs = to_polars(documents)
    return sorted(
        docs.filter(pl.col("period_start").is_null() & pl.col("date_issued").is_null())[
            "document_id"
        ].to_list()
    )


def undated_observations(observations: Any) -> dict[str | None, int]:
    """Numbers that carry no year or period, per region code (None: a document of unknown
    region): the timeline cannot place them.

    >>> import polars as pl
    >>> undated_observations(pl.DataFrame({"region_code": ["331004", "331004", None],
    ...                                    "period_start": [2021, None, None]}))
    {'331004': 1, None: 1}
    """
    import polars as pl

    obs = to_polars(observations)
    missing = obs.filter(pl.col("period_start").is_null())
    counts = missing.group_by("region_code").len().sort("region_code", nulls_last=True)
    return {code: int(n) for code, n in counts.iter_rows()}


def plot_timeline(
    documents: Any,
    observations: Any,
    milestones: Any,
    *,
    years: tuple[int, int] | None = None,
    style: FigureStyle = DEFAULT_STYLE,
) -> Figure:
    """Timeline of the documents' periods, dates of issue, targets, achievements and deadlines.

    One lane per region (in order of its first document); ``years`` fixes the axis (default:
    the years the data covers). Returns a matplotlib Figure.
    """
    import matplotlib.dates as _mdates
    import polars as pl
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    mdates: Any = _mdates  # the locator classes are untyped
    events = timeline_events(documents, observations, milestones)
    undated = undated_documents(documents)
    placed = events.filter(pl.col("region_code").is_not_null())
    first = placed.group_by("region_code").agg(pl.col("start").min()).sort("start", "region_code")
    regions = first["region_code"].to_list()
    if years is None:
        lo = min(placed["start"].min(), placed["end"].min())
        hi = max(placed["start"].max(), placed["end"].max())
        years = (lo.year, hi.year)

    with styled(style):
        fig = new_figure(style.width, 1.2 + 1.0 * len(regions), style=style)
        ax = fig.add_subplot()
        colours = region_colours(regions)
        for lane, code in enumerate(regions):
            colour = colours.get(code, GREY)
            rows = placed.filter(pl.col("region_code") == code)
            for ev in rows.iter_rows(named=True):
                _draw_event(ax, lane, ev, colour)
        ax.set_yticks(range(len(regions)), [region_label(c) for c in regions])
        ax.set_ylim(len(regions) - 0.5, -0.6)
        # matplotlib converts dates through its unit registry; its stubs only name floats
        ax.set_xlim(dt.date(years[0], 1, 1), dt.date(years[1], 12, 31))  # type: ignore[arg-type]
        # Gridlines at 1 January, year labels in the middle of each year: a deadline at
        # 31 December sits at the right edge of its year, not under the next one's label.
        ax.xaxis.set_major_locator(mdates.YearLocator())
        ax.xaxis.set_major_formatter(mdates.DateFormatter(""))
        ax.xaxis.set_minor_locator(mdates.MonthLocator(bymonth=7, bymonthday=1))
        ax.xaxis.set_minor_formatter(mdates.DateFormatter("%Y"))
        ax.tick_params(axis="x", which="minor", length=0)
        ax.grid(axis="x", which="major")
        ax.set_axisbelow(True)
        ax.tick_params(axis="y", length=0)
        ax.spines["left"].set_visible(False)
        ax.set_title("计划、报告、目标与期限 / Plans, reports, targets and deadlines", loc="left")
        handles = [
            Patch(facecolor=GREY, alpha=0.35, label="文件覆盖期 / Period covered"),
            Line2D([], [], marker="v", color=GREY, linestyle="", label="成文日期 / Issued"),
            Line2D(
                [],
                [],
                marker="o",
                color=KIND_COLOURS["target"],
                linestyle="",
                label="数量目标 / Numeric target",
            ),
            Line2D(
                [],
                [],
                marker="s",
                color=KIND_COLOURS["actual"],
                linestyle="",
                label="实绩 / Achievement",
            ),
            Line2D(
                [],
                [],
                marker="D",
                color=OKABE_ITO["black"],
                linestyle="",
                markersize=4,
                label="期限 / Deadline",
            ),
        ]
        ax.legend(handles=handles, ncols=3, loc="upper left", bbox_to_anchor=(0.0, -0.07))
        note = (
            "数字：同一时点的条目数；期限：没有数字的“到…年”“…前完成”。实绩含混合表述。\n"
            "Numbers: items at the same point; deadlines: dated commitments without a number. "
            "Achievements include mixed statements."
        )
        if undated:
            note += f"\n未标注年份、无法放入时间线的文件 / Undated, not shown: {', '.join(undated)}"
        no_year = undated_observations(observations)
        if no_year:
            counts = "; ".join(f"{region_label(code)} {n}" for code, n in no_year.items())
            note += f"\n没有年份、未画出的数字 / Numbers without a year, not shown: {counts}"
        add_note(fig, note, style=style)
        finalise(fig)
    return fig


def _draw_event(ax: Any, lane: int, ev: dict[str, Any], colour: str) -> None:
    start, end, n, event = ev["start"], ev["end"], ev["n"], ev["event"]
    if event == "document":
        ax.barh(lane + _DOC, end - start, left=start, height=0.22, color=colour, alpha=0.35)
        return
    if event == "issued":
        ax.plot([start], [lane + _DOC - 0.16], marker="v", color=colour, markersize=6)
        return
    if event == "milestone":
        y, marker, face = lane + _MILESTONE, "D", OKABE_ITO["black"]
        ax.plot([start], [y], marker=marker, color=face, markersize=4, linestyle="")
    else:
        y = lane + _OBS
        face = KIND_COLOURS[event]
        marker = "o" if event == "target" else "s"
        if end != start and (end - start).days > 366:
            ax.plot([start, end], [y, y], color=face, linewidth=1.5)
        mid = start + (end - start) / 2
        ax.plot([mid], [y], marker=marker, color=face, markersize=5, linestyle="")
        start = mid
    if n > 1:
        ax.annotate(
            str(n),
            (start, y),
            xytext=(0, 4),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=7,
            color="#333333",
        )
