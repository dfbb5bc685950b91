"""fazhi_stats: comparable, source-linked indicators from Chinese rule-of-law government documents.

The library core is re-exported here: parsing, loading, extraction, comparisons, and the panel
stage (normalisation across regions and years, composites, rank uncertainty). Figures,
tables and the study's pages live in namespaces (:mod:`fazhi_stats.plots`,
:mod:`fazhi_stats.tables`, :mod:`fazhi_stats.study`). Names are imported lazily, so
``import fazhi_stats`` stays cheap: polars, pandas, scipy and matplotlib load when a function
first needs them.

>>> import fazhi_stats as fz
>>> fz.parse_quantity("90%以上").comparator
'ge'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__all__ = [
    "Claim",
    "DataError",
    "FazhiError",
    "Method",
    "Quantity",
    "Settings",
    "Vary",
    "__version__",
    "aggregate",
    "ambition_table",
    "assess_targets",
    "build_panel",
    "change",
    "check_consistency",
    "claims_table",
    "commitment_profile",
    "compare_methods",
    "denominate",
    "extract_claims",
    "load_commitments",
    "load_documents",
    "load_indicators",
    "load_milestones",
    "load_observations",
    "load_regions",
    "load_sources",
    "load_table",
    "normalise_panel",
    "parse_quantity",
    "proportion_intervals",
    "rank_uncertainty",
    "use_study",
]

# where each public name lives (imported on first use)
_EXPORTS: dict[str, str] = {
    "DataError": "fazhi_stats.errors",
    "FazhiError": "fazhi_stats.errors",
    "Quantity": "fazhi_stats.text.quantities",
    "parse_quantity": "fazhi_stats.text.quantities",
    "Settings": "fazhi_stats.settings",
    "load_sources": "fazhi_stats.sources.documents",
    "load_table": "fazhi_stats.schema.load",
    "load_observations": "fazhi_stats.schema.load",
    "load_documents": "fazhi_stats.schema.load",
    "load_milestones": "fazhi_stats.schema.load",
    "load_commitments": "fazhi_stats.schema.load",
    "extract_claims": "fazhi_stats.extract.claims",
    "claims_table": "fazhi_stats.extract.table",
    "Claim": "fazhi_stats.extract.claims",
    "assess_targets": "fazhi_stats.compare.attainment",
    "ambition_table": "fazhi_stats.compare.ambition",
    "check_consistency": "fazhi_stats.compare.consistency",
    "proportion_intervals": "fazhi_stats.compare.proportions",
    "commitment_profile": "fazhi_stats.compare.commitments",
    "load_indicators": "fazhi_stats.registry",
    "load_regions": "fazhi_stats.registry",
    "use_study": "fazhi_stats.registry",
    "build_panel": "fazhi_stats.panel.build",
    "denominate": "fazhi_stats.panel.denominate",
    "change": "fazhi_stats.panel.change",
    "normalise_panel": "fazhi_stats.panel.normalise",
    "aggregate": "fazhi_stats.panel.aggregate",
    "Method": "fazhi_stats.panel.method",
    "compare_methods": "fazhi_stats.panel.method",
    "rank_uncertainty": "fazhi_stats.panel.uncertainty",
    "Vary": "fazhi_stats.panel.uncertainty",
}


def _version() -> str:
    """The installed version (read from the package metadata, which takes longer to import
    than the rest of ``import fazhi_stats``: looked up when first asked for)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("fazhi-stats")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
        return "0+unknown"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        globals()[name] = found = _version()
        return found
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'fazhi_stats' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:
    __version__: str
    from fazhi_stats.compare.ambition import ambition_table as ambition_table
    from fazhi_stats.compare.attainment import assess_targets as assess_targets
    from fazhi_stats.compare.commitments import commitment_profile as commitment_profile
    from fazhi_stats.compare.consistency import check_consistency as check_consistency
    from fazhi_stats.compare.proportions import proportion_intervals as proportion_intervals
    from fazhi_stats.errors import DataError as DataError
    from fazhi_stats.errors import FazhiError as FazhiError
    from fazhi_stats.extract.claims import Claim as Claim
    from fazhi_stats.extract.claims import extract_claims as extract_claims
    from fazhi_stats.extract.table import claims_table as claims_table
    from fazhi_stats.panel.aggregate import aggregate as aggregate
    from fazhi_stats.panel.build import build_panel as build_panel
    from fazhi_stats.panel.change import change as change
    from fazhi_stats.panel.denominate import denominate as denominate
    from fazhi_stats.panel.method import Method as Method
    from fazhi_stats.panel.method import compare_methods as compare_methods
    from fazhi_stats.panel.normalise import normalise_panel as normalise_panel
    from fazhi_stats.panel.uncertainty import Vary as Vary
    from fazhi_stats.panel.uncertainty import rank_uncertainty as rank_uncertainty
    from fazhi_stats.registry import load_indicators as load_indicators
    from fazhi_stats.registry import load_regions as load_regions
    from fazhi_stats.registry import use_study as use_study
    from fazhi_stats.schema.load import load_commitments as load_commitments
    from fazhi_stats.schema.load import load_documents as load_documents
    from fazhi_stats.schema.load import load_milestones as load_milestones
    from fazhi_stats.schema.load import load_observations as load_observations
    from fazhi_stats.schema.load import load_table as load_table
    from fazhi_stats.settings import Settings as Settings
    from fazhi_stats.sources.documents import load_sources as load_sources
    from fazhi_stats.text.quantities import Quantity as Quantity
    from fazhi_stats.text.quantities import parse_quantity as parse_quantity
