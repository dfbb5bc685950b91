"""Registries shipped with the package: regions, indicators, units, qualifiers, family words.

Each is a YAML file beside this module, validated on load; errors name the file and the entry.
A user with their own registry passes a path to the loader.
"""

from fazhi_stats.registry._families import load_family_keywords
from fazhi_stats.registry._load import (
    ComparabilityLink,
    Indicator,
    PeriodWord,
    Qualifiers,
    Region,
    UnitRegistry,
    UnitSpec,
    load_indicators,
    load_qualifiers,
    load_regions,
    load_units,
    registry_path,
)

__all__ = [
    "ComparabilityLink",
    "Indicator",
    "PeriodWord",
    "Qualifiers",
    "Region",
    "UnitRegistry",
    "UnitSpec",
    "load_family_keywords",
    "load_indicators",
    "load_qualifiers",
    "load_regions",
    "load_units",
    "registry_path",
]
