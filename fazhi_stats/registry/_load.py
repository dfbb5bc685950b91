"""Loading and validating the registries."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal, cast

from fazhi_stats._yaml import read_yaml
from fazhi_stats.errors import Problem, RegistryError
from fazhi_stats.vocabulary import (
    COMPARATORS,
    DIRECTIONS,
    FAMILIES,
    GRADES,
    RECURRENCES,
    REGION_LEVELS,
    Direction,
    Grade,
    RegionLevel,
)

_HERE = Path(__file__).parent


def registry_path(name: str) -> Path:
    """Path of a shipped registry file, e.g. ``registry_path("indicators")``."""
    return _HERE / f"{name}.yml"


@dataclass(frozen=True)
class Region:
    code: str
    name_zh: str
    name_en: str
    level: RegionLevel
    parent_code: str | None


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


def _require(
    entry: Mapping[str, Any], keys: tuple[str, ...], file: Path, name: str, problems: list[Problem]
) -> bool:
    missing = [k for k in keys if entry.get(k) in (None, "")]
    for key in missing:
        problems.append(Problem(str(file), name, f"missing field {key!r}"))
    return not missing


def _as_list(data: Any, file: Path, key: str) -> list[Mapping[str, Any]]:
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise RegistryError([Problem(str(file), "", f"expected a list of mappings under {key!r}")])
    return cast(list[Mapping[str, Any]], items)


@cache
def load_units(path: Path | None = None) -> UnitRegistry:
    """The unit registry: standard units, magnitudes, units as written, recurrence words."""
    file = path or registry_path("units")
    data = read_yaml(file, error=RegistryError)
    problems: list[Problem] = []
    std = data.get("standard_units", {})
    units: dict[str, UnitSpec] = {}
    assumptions = {
        str(k): str((v or {}).get("description", "")).strip()
        for k, v in data.get("assumptions", {}).items()
    }
    for written, spec in data.get("units", {}).items():
        unit_std = spec.get("unit_std")
        if unit_std not in std:
            problems.append(
                Problem(
                    str(file),
                    f"unit {written!r}",
                    f"unknown standard unit {unit_std!r}",
                    f"one of {sorted(std)}",
                )
            )
            continue
        assumption = spec.get("assumption")
        if assumption is not None and assumption not in assumptions:
            problems.append(
                Problem(str(file), f"unit {written!r}", f"unknown assumption {assumption!r}")
            )
        units[str(written)] = UnitSpec(unit_std, assumption)
    periods = {
        str(w): PeriodWord(str(p["per"]), int(p["per_year"]))
        for w, p in data.get("periods", {}).items()
    }
    problems.extend(
        Problem(str(file), f"period {w!r}", f"unknown recurrence {p.per!r}", RECURRENCES.expected())
        for w, p in periods.items()
        if p.per not in RECURRENCES
    )
    if problems:
        raise RegistryError(problems)
    return UnitRegistry(
        assumptions=assumptions,
        standard_units=std,
        magnitudes={str(k): int(v) for k, v in data.get("magnitudes", {}).items()},
        units=units,
        measure_words=tuple(str(w) for w in data.get("measure_words", [])),
        periods=periods,
    )


@cache
def load_qualifiers(path: Path | None = None) -> Qualifiers:
    """Qualifier vocabulary: words before and after a number → comparator."""
    file = path or registry_path("qualifiers")
    data = read_yaml(file, error=RegistryError)
    problems = [
        Problem(
            str(file),
            f"{side} {word!r}",
            f"unknown comparator {comp!r}",
            COMPARATORS.expected(),
        )
        for side in ("before", "after")
        for word, comp in data.get(side, {}).items()
        if comp not in COMPARATORS
    ]
    if problems:
        raise RegistryError(problems)
    return Qualifiers(before=dict(data["before"]), after=dict(data["after"]))


@cache
def load_regions(path: Path | None = None) -> dict[str, Region]:
    """Regions by 6-digit administrative code (GB/T 2260)."""
    file = path or registry_path("regions")
    problems: list[Problem] = []
    regions: dict[str, Region] = {}
    for item in _as_list(read_yaml(file, error=RegistryError), file, "regions"):
        code = str(item.get("code", ""))
        name = f"region {code or '?'}"
        if not _require(item, ("code", "name_zh", "name_en", "level"), file, name, problems):
            continue
        if not (len(code) == 6 and code.isdigit()):
            problems.append(Problem(str(file), name, "code is not 6 digits", "a GB/T 2260 code"))
        if item["level"] not in REGION_LEVELS:
            problems.append(
                Problem(
                    str(file), name, f"unknown level {item['level']!r}", REGION_LEVELS.expected()
                )
            )
        if code in regions:
            problems.append(Problem(str(file), name, "duplicate code"))
        parent = item.get("parent_code")
        regions[code] = Region(
            code, item["name_zh"], item["name_en"], item["level"], str(parent) if parent else None
        )
    for region in regions.values():
        if region.parent_code and region.parent_code not in regions:
            problems.append(
                Problem(
                    str(file),
                    f"region {region.code}",
                    f"parent {region.parent_code} is not in the registry",
                )
            )
    if problems:
        raise RegistryError(problems)
    return regions


@cache
def load_indicators(path: Path | None = None) -> dict[str, Indicator]:
    """Indicators by id, validated against the unit registry and each other."""
    file = path or registry_path("indicators")
    std_units = load_units().standard_unit_names()
    problems: list[Problem] = []
    out: dict[str, Indicator] = {}
    for item in _as_list(read_yaml(file, error=RegistryError), file, "indicators"):
        ind_id = str(item.get("id", "?"))
        name = f"indicator {ind_id}"
        required = ("id", "name_zh", "name_en", "family", "unit", "direction", "definition")
        if not _require(item, required, file, name, problems):
            continue
        if item["unit"] not in std_units:
            problems.append(
                Problem(
                    str(file),
                    name,
                    f"unknown unit {item['unit']!r}",
                    f"a standard unit: {sorted(std_units)}",
                )
            )
        if item["family"] not in FAMILIES:
            problems.append(
                Problem(str(file), name, f"unknown family {item['family']!r}", FAMILIES.expected())
            )
        if item["direction"] not in DIRECTIONS:
            problems.append(
                Problem(
                    str(file),
                    name,
                    f"unknown direction {item['direction']!r}",
                    DIRECTIONS.expected(),
                )
            )
        if ind_id in out:
            problems.append(Problem(str(file), name, "duplicate id"))
        links = []
        for link in item.get("comparable", []) or []:
            grade = link.get("grade")
            if grade not in GRADES or not link.get("other"):
                problems.append(
                    Problem(
                        str(file),
                        name,
                        f"bad comparability entry {link!r}",
                        f"other: <id>, grade: {'|'.join(GRADES.ids)}, note",
                    )
                )
                continue
            links.append(ComparabilityLink(str(link["other"]), grade, str(link.get("note", ""))))
        relation = item.get("relation") or {}
        out[ind_id] = Indicator(
            id=ind_id,
            name_zh=str(item["name_zh"]),
            name_en=str(item["name_en"]),
            family=str(item["family"]),
            unit=str(item["unit"]),
            direction=item["direction"],
            definition=str(item["definition"]).strip(),
            keywords=tuple(str(k) for k in item.get("keywords", []) or []),
            change=bool(item.get("change", False)),
            numerator=relation.get("numerator"),
            denominator=relation.get("denominator"),
            comparable=tuple(links),
        )
    for ind in out.values():
        for ref in (ind.numerator, ind.denominator, *(link.other for link in ind.comparable)):
            if ref is not None and ref not in out:
                problems.append(
                    Problem(
                        str(file), f"indicator {ind.id}", f"refers to unknown indicator {ref!r}"
                    )
                )
        for link in ind.comparable:
            other = out.get(link.other)
            if (
                link.grade in ("broader", "narrower")
                and other is not None
                and not (_is_additive(ind.unit) and _is_additive(other.unit))
            ):
                problems.append(
                    Problem(
                        str(file),
                        f"indicator {ind.id}",
                        f"grade {link.grade} with {link.other} joins {ind.unit} and {other.unit}",
                        "broader/narrower between counts or amounts (a share of a superset "
                        "bounds nothing); use proxy",
                    )
                )
        if (ind.numerator is None) != (ind.denominator is None):
            problems.append(
                Problem(
                    str(file),
                    f"indicator {ind.id}",
                    "relation needs both numerator and denominator",
                )
            )
    if problems:
        raise RegistryError(problems)
    return out


#: Standard units whose values add up (a count of a superset bounds the count of a subset).
ADDITIVE_UNITS = frozenset({"count", "yuan", "hour", "day", "month", "year"})


def _is_additive(unit: str) -> bool:
    return unit.removesuffix("_per_year") in ADDITIVE_UNITS


@cache
def load_relations(path: Path | None = None) -> tuple[PartWhole, ...]:
    """Part–whole relations between count indicators (``relations.yml``), validated."""
    file = path or registry_path("relations")
    indicators = load_indicators()
    problems: list[Problem] = []
    out: list[PartWhole] = []
    seen: set[str] = set()
    for item in _as_list(read_yaml(file, error=RegistryError), file, "relations"):
        rel_id = str(item.get("id", "?"))
        name = f"relation {rel_id}"
        if not _require(item, ("id", "kind", "note"), file, name, problems):
            continue
        if rel_id in seen:
            problems.append(Problem(str(file), name, "duplicate id"))
        seen.add(rel_id)
        kind = item["kind"]
        if kind == "sum":
            whole, parts = item.get("whole"), item.get("parts") or []
            if not whole or len(parts) < 2:
                problems.append(
                    Problem(str(file), name, "a sum needs a whole and two or more parts")
                )
                continue
            relation = PartWhole(
                rel_id,
                "sum",
                str(item["note"]).strip(),
                whole=str(whole),
                parts=tuple(str(p) for p in parts),
                exhaustive=bool(item.get("exhaustive", False)),
            )
        elif kind == "order":
            chain = item.get("chain") or []
            if len(chain) < 2:
                problems.append(Problem(str(file), name, "an order needs a chain of two or more"))
                continue
            relation = PartWhole(
                rel_id, "order", str(item["note"]).strip(), chain=tuple(str(c) for c in chain)
            )
        else:
            problems.append(Problem(str(file), name, f"unknown kind {kind!r}", "sum or order"))
            continue
        unknown = [i for i in relation.indicator_ids if i not in indicators]
        problems.extend(
            Problem(str(file), name, f"unknown indicator {i!r}", "an id of the indicator registry")
            for i in unknown
        )
        units = {indicators[i].unit for i in relation.indicator_ids if i in indicators}
        if len(units) > 1 or not all(_is_additive(u) for u in units):
            problems.append(
                Problem(
                    str(file),
                    name,
                    f"joins indicators in {', '.join(sorted(units))}",
                    "counts or amounts in one unit (parts of a share do not add up)",
                )
            )
        out.append(relation)
    if problems:
        raise RegistryError(problems)
    return tuple(out)
