"""The panel stage: region × year × indicator panels, normalised scores, composites, uncertainty.

=================  ==========================================================================
module             job
=================  ==========================================================================
build              observations → panel rows with interval values; duplicates; exclusions
denominate         values per case, per 10,000 residents, … from the user's denominators
change             absolute and relative changes between years, as rows of their own
normalise          min–max, z-score, rank, percentile rank, goalposts, distance to target
kernels            the score arithmetic on dense arrays, with interval bounds
dense              long frames ↔ dense arrays
impute             explicit filling of empty cells (none, mean, median, latest)
aggregate          arithmetic or geometric composites with coverage rules and rank bounds
method             the frozen Method record; compare_methods
coverage           coverage per year; whether a ranking is possible
draws              the Monte Carlo model
uncertainty        rank_uncertainty
sensitivity        Sobol' indices through SALib
=================  ==========================================================================
"""

from fazhi_stats.panel.aggregate import aggregate
from fazhi_stats.panel.build import build_panel, panel_exclusions
from fazhi_stats.panel.change import change
from fazhi_stats.panel.coverage import composite_readiness, panel_coverage
from fazhi_stats.panel.denominate import denominate
from fazhi_stats.panel.impute import impute
from fazhi_stats.panel.method import Method, compare_methods
from fazhi_stats.panel.normalise import NORMALISATIONS, normalise_panel
from fazhi_stats.panel.uncertainty import RankUncertainty, Vary, rank_uncertainty

__all__ = [
    "NORMALISATIONS",
    "Method",
    "RankUncertainty",
    "Vary",
    "aggregate",
    "build_panel",
    "change",
    "compare_methods",
    "composite_readiness",
    "denominate",
    "impute",
    "normalise_panel",
    "panel_coverage",
    "panel_exclusions",
    "rank_uncertainty",
]
