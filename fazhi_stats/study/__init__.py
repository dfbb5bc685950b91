"""The study as its pages read it: the facts the prose quotes, computed from processed data."""

from fazhi_stats.study.facts import (
    Colophon,
    Study,
    colophon,
    comparability_counts,
    extraction_quality,
    load_study,
)
from fazhi_stats.study.formatting import Markdown, md, num, pct

__all__ = [
    "Colophon",
    "Markdown",
    "Study",
    "colophon",
    "comparability_counts",
    "extraction_quality",
    "load_study",
    "md",
    "num",
    "pct",
]
