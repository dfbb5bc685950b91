"""Figures of the study: functions that take processed tables and return matplotlib Figures.

They never save or show: export with :func:`fazhi_stats.plots.export.export_figure`, or let a
notebook display the returned figure. Every function accepts polars or pandas frames, draws
Chinese with the Noto Sans CJK font shipped in ``mplfonts`` and uses the Okabe–Ito palette.

>>> from fazhi_stats import load_observations, load_documents      # doctest: +SKIP
>>> fig = plot_coverage(load_observations(), load_documents())      # doctest: +SKIP
"""

from fazhi_stats.extras import require_extra

require_extra("plots", "fazhi_stats.plots and fazhi_stats.tables")

from fazhi_stats.plots._style import (
    DEFAULT_STYLE,
    OKABE_ITO,
    FigureStyle,
    cjk_font_family,
    styled,
)
from fazhi_stats.plots.ambition import ambition_panels, plot_ambition
from fazhi_stats.plots.attainment import attainment_rows, plot_attainment
from fazhi_stats.plots.coverage import coverage_matrix, evidence_gaps, plot_coverage, plot_gaps
from fazhi_stats.plots.panel import panel_cells, plot_panel_coverage
from fazhi_stats.plots.proportions import plot_proportions, proportion_groups
from fazhi_stats.plots.timeline import plot_timeline, timeline_events, undated_documents

__all__ = [
    "DEFAULT_STYLE",
    "OKABE_ITO",
    "FigureStyle",
    "ambition_panels",
    "attainment_rows",
    "cjk_font_family",
    "coverage_matrix",
    "evidence_gaps",
    "panel_cells",
    "plot_ambition",
    "plot_attainment",
    "plot_coverage",
    "plot_gaps",
    "plot_panel_coverage",
    "plot_proportions",
    "plot_timeline",
    "proportion_groups",
    "styled",
    "timeline_events",
    "undated_documents",
]
