"""Stage 4: the study's HTML tables (great_tables), every number with its source."""

from fazhi_stats.extras import require_extra

require_extra("plots", "fazhi_stats.plots and fazhi_stats.tables")

from fazhi_stats.tables.study_tables import (
    table_ambition,
    table_attainment,
    table_codebook,
    table_consistency,
    table_coverage,
    table_documents,
    table_downloads,
    table_gaps,
    table_html,
    table_milestones,
    table_observations,
    table_proportions,
)

__all__ = [
    "table_ambition",
    "table_attainment",
    "table_codebook",
    "table_consistency",
    "table_coverage",
    "table_documents",
    "table_downloads",
    "table_gaps",
    "table_html",
    "table_milestones",
    "table_observations",
    "table_proportions",
]
