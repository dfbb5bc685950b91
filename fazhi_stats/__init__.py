"""fazhi_stats: comparable, source-linked indicators from Chinese rule-of-law government documents.

The public API is re-exported here and imported lazily, so ``import fazhi_stats`` stays cheap:
heavy dependencies (polars, scipy, matplotlib, pandas) load when a function first needs them.

>>> import fazhi_stats
>>> fazhi_stats.parse_quantity("90%以上").comparator
'ge'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS: dict[str, str] = {
    # quantities and text
    "parse_quantity": "fazhi_stats.text.quantities",
    "parse_number": "fazhi_stats.text.quantities",
    "Quantity": "fazhi_stats.text.quantities",
    "NormalisationSettings": "fazhi_stats.text.quantities",
    "normalise_text": "fazhi_stats.text.textmap",
    "NormalisedText": "fazhi_stats.text.textmap",
    "standardise": "fazhi_stats.text.units",
    # corpus and annotations
    "Document": "fazhi_stats.sources.documents",
    "DocumentMeta": "fazhi_stats.sources.documents",
    "load_document": "fazhi_stats.sources.documents",
    "read_text": "fazhi_stats.sources.documents",
    "decode_bytes": "fazhi_stats.sources.documents",
    "load_annotations": "fazhi_stats.sources.annotations",
    "Observation": "fazhi_stats.sources.annotations",
    "Milestone": "fazhi_stats.sources.annotations",
    "Project": "fazhi_stats.project",
    # processed tables
    "load_observations": "fazhi_stats.schema.load",
    "load_documents": "fazhi_stats.schema.load",
    "load_milestones": "fazhi_stats.schema.load",
    "load_table": "fazhi_stats.schema.load",
    # comparisons
    "assess_targets": "fazhi_stats.compare.targets",
    "ambition_table": "fazhi_stats.compare.targets",
    "check_consistency": "fazhi_stats.compare.consistency",
    "proportion_intervals": "fazhi_stats.compare.proportions",
    # panel: normalisation across regions and years, composites, uncertainty
    "build_panel": "fazhi_stats.panel.build",
    "denominate": "fazhi_stats.panel.denominate",
    "change": "fazhi_stats.panel.change",
    "normalise_panel": "fazhi_stats.panel.normalise",
    "aggregate": "fazhi_stats.panel.aggregate",
    "Method": "fazhi_stats.panel.method",
    "compare_methods": "fazhi_stats.panel.method",
    "rank_uncertainty": "fazhi_stats.panel.uncertainty",
    "Vary": "fazhi_stats.panel.uncertainty",
    # figures, tables, site
    "plot_coverage": "fazhi_stats.plots",
    "plot_gaps": "fazhi_stats.plots",
    "plot_attainment": "fazhi_stats.plots",
    "plot_ambition": "fazhi_stats.plots",
    "plot_timeline": "fazhi_stats.plots",
    "plot_proportions": "fazhi_stats.plots",
    "export_figure": "fazhi_stats.plots.export",
    "table_observations": "fazhi_stats.tables.study_tables",
    "table_attainment": "fazhi_stats.tables.study_tables",
    "table_ambition": "fazhi_stats.tables.study_tables",
    "table_consistency": "fazhi_stats.tables.study_tables",
    "table_proportions": "fazhi_stats.tables.study_tables",
    "table_documents": "fazhi_stats.tables.study_tables",
    "table_codebook": "fazhi_stats.tables.study_tables",
    "table_downloads": "fazhi_stats.tables.study_tables",
    "table_coverage": "fazhi_stats.tables.study_tables",
    "table_gaps": "fazhi_stats.tables.study_tables",
    "table_milestones": "fazhi_stats.tables.study_tables",
    "load_study": "fazhi_stats.study.facts",
    "render_site": "fazhi_stats.build.site",
    # extraction
    "extract_claims": "fazhi_stats.extract.claims",
    "Claim": "fazhi_stats.extract.claims",
    "iter_claims_in_files": "fazhi_stats.extract.claims",
    # registries
    "load_indicators": "fazhi_stats.registry",
    "load_regions": "fazhi_stats.registry",
    "load_units": "fazhi_stats.registry",
    # errors
    "FazhiError": "fazhi_stats.errors",
    "DataError": "fazhi_stats.errors",
    "QuantityError": "fazhi_stats.errors",
    "DecodeError": "fazhi_stats.errors",
}
_RENAMED: dict[str, tuple[str, str]] = {
    # the corpus loader returns Document objects; load_documents returns the table
    "load_corpus": ("fazhi_stats.sources.documents", "load_documents"),
}

__all__ = sorted([*_EXPORTS, *_RENAMED, "__version__"])


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
    elif name in _RENAMED:
        module, attr = _RENAMED[name]
        value = getattr(importlib.import_module(module), attr)
    else:
        raise AttributeError(f"module 'fazhi_stats' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:
    from fazhi_stats.build.site import render_site
    from fazhi_stats.compare.consistency import check_consistency
    from fazhi_stats.compare.proportions import proportion_intervals
    from fazhi_stats.compare.targets import ambition_table, assess_targets
    from fazhi_stats.errors import DataError, DecodeError, FazhiError, QuantityError
    from fazhi_stats.extract.claims import Claim, extract_claims, iter_claims_in_files
    from fazhi_stats.panel.aggregate import aggregate
    from fazhi_stats.panel.build import build_panel
    from fazhi_stats.panel.change import change
    from fazhi_stats.panel.denominate import denominate
    from fazhi_stats.panel.method import Method, compare_methods
    from fazhi_stats.panel.normalise import normalise_panel
    from fazhi_stats.panel.uncertainty import Vary, rank_uncertainty
    from fazhi_stats.plots import (
        plot_ambition,
        plot_attainment,
        plot_coverage,
        plot_gaps,
        plot_proportions,
        plot_timeline,
    )
    from fazhi_stats.plots.export import export_figure
    from fazhi_stats.project import Project
    from fazhi_stats.registry import load_indicators, load_regions, load_units
    from fazhi_stats.schema.load import (
        load_documents,
        load_milestones,
        load_observations,
        load_table,
    )
    from fazhi_stats.sources.annotations import Milestone, Observation, load_annotations
    from fazhi_stats.sources.documents import (
        Document,
        DocumentMeta,
        decode_bytes,
        load_document,
        read_text,
    )
    from fazhi_stats.sources.documents import load_documents as load_corpus
    from fazhi_stats.study.facts import load_study
    from fazhi_stats.tables.study_tables import (
        table_ambition,
        table_attainment,
        table_codebook,
        table_consistency,
        table_coverage,
        table_documents,
        table_downloads,
        table_gaps,
        table_milestones,
        table_observations,
        table_proportions,
    )
    from fazhi_stats.text.quantities import (
        NormalisationSettings,
        Quantity,
        parse_number,
        parse_quantity,
    )
    from fazhi_stats.text.textmap import NormalisedText, normalise_text
    from fazhi_stats.text.units import standardise
