"""Registries shipped with the package: regions, indicators, relations, units, qualifiers,
family words.

Each is a YAML file beside this module, validated on load; errors name the file and the entry.
A user with their own registry passes a path to the loader.
"""

from fazhi_stats.registry._families import load_family_keywords
from fazhi_stats.registry._load import (
    ADDITIVE_UNITS,
    ComparabilityLink,
    Indicator,
    PartWhole,
    PeriodWord,
    Qualifiers,
    Region,
    UnitRegistry,
    UnitSpec,
    load_indicators,
    load_qualifiers,
    load_regions,
    load_relations,
    load_units,
    registry_path,
)

__all__ = [
    "ADDITIVE_UNITS",
    "ComparabilityLink",
    "Indicator",
    "PartWhole",
    "PeriodWord",
    "Qualifiers",
    "Region",
    "UnitRegistry",
    "UnitSpec",
    "load_family_keywords",
    "load_indicators",
    "load_qualifiers",
    "load_regions",
    "load_relations",
    "load_units",
    "registry_path",
]
