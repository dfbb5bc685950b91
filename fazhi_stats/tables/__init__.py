"""Stage 4: the study's HTML tables (great_tables), every number linked to its sentence.

One module per job: :mod:`~._build` (sourced cells, the look, the HTML file),
:mod:`~.observations`, :mod:`~.comparisons` (attainment, targets), :mod:`~.rates` (consistency,
intervals of rates), :mod:`~.corpus` (documents, coverage, gaps, deadlines), :mod:`~.plans`
(commitments), :mod:`~.registry` (indicators), :mod:`~.methods` (statuses and grades, from the
vocabularies), :mod:`~.data` (codebook, downloads). Each takes processed tables (pandas or
polars), checks them against their schema, and returns a ``great_tables.GT``; none saves.
"""

from fazhi_stats.extras import require_extra

require_extra("plots", "fazhi_stats.plots and fazhi_stats.tables")

from fazhi_stats.tables._build import Source, sourced, table_html
from fazhi_stats.tables.comparisons import table_ambition, table_attainment
from fazhi_stats.tables.corpus import (
    table_coverage,
    table_documents,
    table_gaps,
    table_milestones,
    table_regions,
)
from fazhi_stats.tables.data import table_codebook, table_downloads
from fazhi_stats.tables.methods import table_grades, table_statuses
from fazhi_stats.tables.observations import table_observations
from fazhi_stats.tables.plans import table_commitments, table_plan_profiles
from fazhi_stats.tables.rates import table_consistency, table_proportions
from fazhi_stats.tables.registry import table_indicators

__all__ = [
    "Source",
    "sourced",
    "table_ambition",
    "table_attainment",
    "table_codebook",
    "table_commitments",
    "table_consistency",
    "table_coverage",
    "table_documents",
    "table_downloads",
    "table_gaps",
    "table_grades",
    "table_html",
    "table_indicators",
    "table_milestones",
    "table_observations",
    "table_plan_profiles",
    "table_proportions",
    "table_regions",
    "table_statuses",
]
