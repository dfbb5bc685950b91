"""What the registries hold: regions, indicators, relations between counts, units, qualifiers."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from fazhi_stats.vocabulary import Direction, Grade, RegionLevel

T = TypeVar("T")


@dataclass(frozen=True)
class RegionFigure:
    """A figure about a region (population, area …) with the source it was taken from."""

    name: str
    value: float
    unit: str
    year: int | None
    source: str
    quote: str


@dataclass(frozen=True)
class Region:
    code: str
    name_zh: str
    name_en: str
    level: RegionLevel
    parent_code: str | None
    figures: tuple[RegionFigure, ...] = ()


@dataclass(frozen=True)
class ComparabilityLink:
    """A declared relation between two indicators; nothing is compared without one."""

    other: str
    grade: Grade
    note: str


@dataclass(frozen=True)
class Indicator:
    id: str
    name_zh: str
    name_en: str
    family: str
    unit: str
    direction: Direction
    definition: str
    keywords: tuple[str, ...] = ()
    change: bool = False
    numerator: str | None = None
    denominator: str | None = None
    comparable: tuple[ComparabilityLink, ...] = field(default=())


@dataclass(frozen=True)
class PartWhole:
    """A declared relation between counts: parts of a whole (``sum``) or a funnel (``order``)."""

    id: str
    kind: Literal["sum", "order"]
    note: str
    whole: str | None = None
    parts: tuple[str, ...] = ()
    exhaustive: bool = False
    chain: tuple[str, ...] = ()

    @property
    def indicator_ids(self) -> tuple[str, ...]:
        return (self.whole, *self.parts) if self.whole else self.chain


@dataclass(frozen=True)
class UnitSpec:
    unit_std: str
    assumption: str | None = None


@dataclass(frozen=True)
class PeriodWord:
    per: str
    per_year: int


@dataclass(frozen=True)
class ResolvedUnit:
    """A unit as written, resolved: its standard unit, magnitude and the assumption it needs."""

    unit_std: str
    magnitude: int = 1
    assumption: str | None = None


@dataclass(frozen=True)
class UnitRegistry:
    assumptions: Mapping[str, str]  # name -> description; values live in fazhi_stats.Settings
    standard_units: Mapping[str, Mapping[str, Any]]
    magnitudes: Mapping[str, int]
    units: Mapping[str, UnitSpec]
    measure_words: tuple[str, ...]
    periods: Mapping[str, PeriodWord]

    def standard_unit_names(self) -> frozenset[str]:
        base = set(self.standard_units)
        return frozenset(base | {f"{u}_per_year" for u in base})

    def resolve(self, written: str) -> ResolvedUnit | None:
        """A unit as written, with an optional magnitude prefix (万元, 亿元) or a bare magnitude
        (万: a count); None when the registry does not know it.

        The one place where written units are read: quantities and standardisation use it.
        """
        if written in self.units:
            spec = self.units[written]
            return ResolvedUnit(spec.unit_std, 1, spec.assumption)
        if written in self.measure_words:
            return ResolvedUnit("count")
        if written in self.magnitudes:
            return ResolvedUnit("count", self.magnitudes[written])
        for mag in sorted(self.magnitudes, key=len, reverse=True):
            if written.startswith(mag) and len(written) > len(mag):
                rest = self.resolve(written[len(mag) :])
                if rest is None or rest.magnitude != 1:
                    return None
                return ResolvedUnit(rest.unit_std, self.magnitudes[mag], rest.assumption)
        return None

    def unit_std_of(self, written: str) -> str | None:
        """Standard unit of a unit as written (with an optional magnitude prefix), else None."""
        resolved = self.resolve(written)
        return resolved.unit_std if resolved is not None else None

    def unit_names(self, unit_std: str) -> tuple[str, str] | None:
        """Chinese and English names of a standard unit (``hour_per_year`` → 小时/年, hours per
        year); None when the unit is not standard."""
        base = unit_std.removesuffix("_per_year")
        spec = self.standard_units.get(base)
        if spec is None:
            return None
        if base == unit_std:
            return str(spec["name_zh"]), str(spec["name_en"])
        named = spec.get("per_year")
        if named is not None:
            return str(named["name_zh"]), str(named["name_en"])
        return f"{spec['name_zh']}/年", f"{spec['name_en']} per year"

    def per_year(self, per: str) -> int | None:
        """Times per year of a recurrence (``quarter`` → 4), None when unknown."""
        return next((p.per_year for p in self.periods.values() if p.per == per), None)


@dataclass(frozen=True)
class Qualifiers:
    before: Mapping[str, str]
    after: Mapping[str, str]


@dataclass(frozen=True)
class Registry:
    """The registries a study works with: the package's, plus the study's own ``registry/``.

    ``origins`` names the file each entry came from (``("indicator", id) → path``), so a
    message about an entry can say where to edit it.
    """

    units: UnitRegistry
    qualifiers: Qualifiers
    regions: Mapping[str, Region]
    indicators: Mapping[str, Indicator]
    relations: tuple[PartWhole, ...]
    origins: Mapping[tuple[str, str], str] = field(default_factory=dict)
    study_dir: str | None = None  # the study registry folder merged in, if any
    _derived: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def origin(self, kind: str, id: str) -> str:
        """The file an entry comes from (``"indicator"``, ``"region"``, ``"relation"``)."""
        return self.origins.get((kind, id), "the shipped registry")

    def derived(self, name: str, build: Callable[[Registry], T]) -> T:
        """A value computed from this registry once (the quantity pattern, comparability links)."""
        if name not in self._derived:
            self._derived[name] = build(self)
        value: T = self._derived[name]
        return value
