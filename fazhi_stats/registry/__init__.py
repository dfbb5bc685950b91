"""Registries: regions, indicators, relations between counts, units, qualifier words, and the
topic words of the indicator families.

The package ships one of each (YAML beside this module); a study may add its own in its
``registry/`` folder (:mod:`fazhi_stats.registry.load`). The loaders return the active
registry's entries (:mod:`fazhi_stats.registry.active`): the study's where there is one.
"""

from fazhi_stats.registry._families import load_family_keywords
from fazhi_stats.registry.active import (
    active_registry,
    load_indicators,
    load_qualifiers,
    load_regions,
    load_relations,
    load_units,
    use_registry,
    use_study,
)
from fazhi_stats.registry.load import (
    STUDY_REGISTRY_DIR,
    build_registry,
    load_registry,
    registry_path,
    shipped_registry,
)
from fazhi_stats.registry.model import (
    ComparabilityLink,
    Indicator,
    PartWhole,
    PeriodWord,
    Qualifiers,
    Region,
    RegionFigure,
    Registry,
    ResolvedUnit,
    UnitRegistry,
    UnitSpec,
)
from fazhi_stats.registry.parse import ADDITIVE_UNITS, is_additive

__all__ = [
    "ADDITIVE_UNITS",
    "STUDY_REGISTRY_DIR",
    "ComparabilityLink",
    "Indicator",
    "PartWhole",
    "PeriodWord",
    "Qualifiers",
    "Region",
    "RegionFigure",
    "Registry",
    "ResolvedUnit",
    "UnitRegistry",
    "UnitSpec",
    "active_registry",
    "build_registry",
    "is_additive",
    "load_family_keywords",
    "load_indicators",
    "load_qualifiers",
    "load_regions",
    "load_registry",
    "load_relations",
    "load_units",
    "registry_path",
    "shipped_registry",
    "use_registry",
    "use_study",
]
