"""Registry entries → registry objects, validated; every problem names the entry's file and line.

An :class:`Entry` is one item of a registry file with where it came from, so entries of the
package and of a study can be merged first (:mod:`fazhi_stats.registry.load`) and validated as
one registry: a study's indicator may link to a shipped one, a relation to a study's indicator.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from fazhi_stats.errors import Problem
from fazhi_stats.registry.model import (
    ComparabilityLink,
    Indicator,
    PartWhole,
    PeriodWord,
    Qualifiers,
    Region,
    RegionFigure,
    UnitRegistry,
    UnitSpec,
)
from fazhi_stats.vocabulary import (
    COMPARATORS,
    DIRECTIONS,
    FAMILIES,
    GRADES,
    RECURRENCES,
    REGION_LEVELS,
    is_region_code,
)

#: Standard units whose values add up (a count of a superset bounds the count of a subset).
ADDITIVE_UNITS = frozenset({"count", "yuan", "hour", "day", "month", "year"})


def is_additive(unit: str) -> bool:
    return unit.removesuffix("_per_year") in ADDITIVE_UNITS


@dataclass(frozen=True)
class Entry:
    """One item of a registry file: its fields, the file and the line it starts on."""

    data: Mapping[str, Any]
    file: str
    line: int | None = None

    def problem(self, entry: str, message: str, expected: str = "") -> Problem:
        return Problem(self.file, entry, message, expected, self.line)


def _require(entry: Entry, keys: Sequence[str], name: str, problems: list[Problem]) -> bool:
    missing = [k for k in keys if entry.data.get(k) in (None, "")]
    problems.extend(entry.problem(name, f"missing field {k!r}") for k in missing)
    return not missing


# -- units and qualifiers: mappings merged section by section ----------------------------------


@dataclass(frozen=True)
class Section:
    """One mapping of units.yml or qualifiers.yml (``units``, ``before`` …), entry by entry."""

    values: Mapping[str, Entry]


def parse_units(sections: Mapping[str, Section], measure_words: Sequence[str]) -> UnitRegistry:
    """The unit registry from its merged sections; raises nothing — see :func:`unit_problems`."""

    def values(name: str) -> dict[str, Any]:
        section = sections.get(name)
        return {k: e.data["value"] for k, e in (section.values.items() if section else ())}

    std = values("standard_units")
    assumptions = {
        k: str((v or {}).get("description", "")).strip() for k, v in values("assumptions").items()
    }
    units = {
        k: UnitSpec(str(v.get("unit_std")), v.get("assumption")) for k, v in values("units").items()
    }
    periods = {
        k: PeriodWord(str(v["per"]), int(v["per_year"])) for k, v in values("periods").items()
    }
    return UnitRegistry(
        assumptions=assumptions,
        standard_units=std,
        magnitudes={k: int(v) for k, v in values("magnitudes").items()},
        units=units,
        measure_words=tuple(dict.fromkeys(measure_words)),
        periods=periods,
    )


def unit_problems(sections: Mapping[str, Section]) -> list[Problem]:
    """Units whose standard unit or assumption is unknown, recurrences outside the vocabulary."""
    problems: list[Problem] = []
    std = set(sections["standard_units"].values) if "standard_units" in sections else set()
    assumptions = set(sections["assumptions"].values) if "assumptions" in sections else set()
    for written, entry in sections["units"].values.items() if "units" in sections else ():
        spec = entry.data["value"]
        if not isinstance(spec, Mapping) or spec.get("unit_std") not in std:
            unit_std = spec.get("unit_std") if isinstance(spec, Mapping) else spec
            problems.append(
                entry.problem(
                    f"unit {written!r}",
                    f"unknown standard unit {unit_std!r}",
                    f"one of {sorted(std)}",
                )
            )
        elif spec.get("assumption") is not None and spec["assumption"] not in assumptions:
            problems.append(
                entry.problem(f"unit {written!r}", f"unknown assumption {spec['assumption']!r}")
            )
    for word, entry in sections["periods"].values.items() if "periods" in sections else ():
        spec = entry.data["value"]
        ok = isinstance(spec, Mapping) and spec.get("per") in RECURRENCES
        if not ok or not isinstance(spec.get("per_year"), int):
            per = spec.get("per") if isinstance(spec, Mapping) else spec
            problems.append(
                entry.problem(
                    f"period {word!r}",
                    f"unknown recurrence {per!r}",
                    f"per: {'|'.join(RECURRENCES.ids)} and per_year: a whole number",
                )
            )
    for word, entry in sections["magnitudes"].values.items() if "magnitudes" in sections else ():
        if not isinstance(entry.data["value"], int) or entry.data["value"] <= 0:
            problems.append(
                entry.problem(
                    f"magnitude {word!r}",
                    f"{entry.data['value']!r} is not a factor",
                    "a whole number > 0",
                )
            )
    return problems


def parse_qualifiers(sections: Mapping[str, Section], problems: list[Problem]) -> Qualifiers:
    """Words before and after a number → comparator."""
    sides: dict[str, dict[str, str]] = {"before": {}, "after": {}}
    for side, words in sides.items():
        section = sections.get(side)
        for word, entry in section.values.items() if section else ():
            comparator = entry.data["value"]
            if comparator not in COMPARATORS:
                problems.append(
                    entry.problem(
                        f"{side} {word!r}",
                        f"unknown comparator {comparator!r}",
                        COMPARATORS.expected(),
                    )
                )
                continue
            words[word] = str(comparator)
    return Qualifiers(before=sides["before"], after=sides["after"])


# -- regions, indicators, relations: lists of entries with ids ------------------------------


def _figures(entry: Entry, name: str, problems: list[Problem]) -> tuple[RegionFigure, ...]:
    figures = []
    for raw in entry.data.get("figures") or []:
        if not isinstance(raw, Mapping):
            problems.append(entry.problem(name, f"figure {raw!r} is not a mapping"))
            continue
        missing = [
            k for k in ("name", "value", "unit", "source", "quote") if raw.get(k) in (None, "")
        ]
        if missing:
            problems.append(
                entry.problem(
                    name,
                    f"figure {raw.get('name', '?')!r} lacks {', '.join(missing)}",
                    "name, value, unit, year, source and the quote the value comes from",
                )
            )
            continue
        try:
            value = float(raw["value"])
        except (TypeError, ValueError):
            problems.append(
                entry.problem(name, f"figure {raw['name']!r}: {raw['value']!r} is not a number")
            )
            continue
        year = raw.get("year")
        figures.append(
            RegionFigure(
                str(raw["name"]),
                value,
                str(raw["unit"]),
                int(year) if year is not None else None,
                str(raw["source"]),
                str(raw["quote"]),
            )
        )
    return tuple(figures)


def parse_regions(entries: Iterable[Entry], problems: list[Problem]) -> dict[str, Region]:
    """Regions by code (6 digits, a township's 9); parents must be in the registry too."""
    regions: dict[str, Region] = {}
    where: dict[str, Entry] = {}
    for entry in entries:
        item = entry.data
        code = str(item.get("code", ""))
        name = f"region {code or '?'}"
        if not _require(entry, ("code", "name_zh", "name_en", "level"), name, problems):
            continue
        if not is_region_code(code):
            problems.append(
                entry.problem(
                    name,
                    "code is neither 6 nor 9 digits",
                    "a GB/T 2260 code (6 digits), or a township's 9 digits",
                )
            )
        elif (len(code) == 9) != (item["level"] == "township"):
            problems.append(
                entry.problem(
                    name,
                    f"a code of {len(code)} digits with level {item['level']!r}",
                    "9 digits for a township, 6 for every other level",
                )
            )
        if item["level"] not in REGION_LEVELS:
            problems.append(
                entry.problem(name, f"unknown level {item['level']!r}", REGION_LEVELS.expected())
            )
        parent = item.get("parent_code")
        regions[code] = Region(
            code,
            str(item["name_zh"]),
            str(item["name_en"]),
            item["level"],
            str(parent) if parent else None,
            _figures(entry, name, problems),
        )
        where[code] = entry
    for region in regions.values():
        if region.parent_code and region.parent_code not in regions:
            problems.append(
                where[region.code].problem(
                    f"region {region.code}",
                    f"parent {region.parent_code} is not in the registry",
                    "a parent declared in regions.yml (the study's or the package's)",
                )
            )
    return regions


def parse_indicators(
    entries: Iterable[Entry], units: UnitRegistry, problems: list[Problem]
) -> dict[str, Indicator]:
    """Indicators by id, validated against the unit registry and each other."""
    std_units = units.standard_unit_names()
    out: dict[str, Indicator] = {}
    where: dict[str, Entry] = {}
    for entry in entries:
        item = entry.data
        ind_id = str(item.get("id", "?"))
        name = f"indicator {ind_id}"
        if item.get("reviewed") is False:
            problems.append(
                entry.problem(
                    name,
                    "draft indicator not yet reviewed (reviewed: false)",
                    "a curator to check id, names, unit, direction and definition, then remove "
                    "`reviewed: false`",
                )
            )
            continue
        required = ("id", "name_zh", "name_en", "family", "unit", "direction", "definition")
        if not _require(entry, required, name, problems):
            continue
        if item["unit"] not in std_units:
            problems.append(
                entry.problem(
                    name, f"unknown unit {item['unit']!r}", f"a standard unit: {sorted(std_units)}"
                )
            )
        if item["family"] not in FAMILIES:
            problems.append(
                entry.problem(name, f"unknown family {item['family']!r}", FAMILIES.expected())
            )
        if item["direction"] not in DIRECTIONS:
            problems.append(
                entry.problem(
                    name, f"unknown direction {item['direction']!r}", DIRECTIONS.expected()
                )
            )
        links = []
        for link in item.get("comparable", []) or []:
            grade = GRADES.of(link.get("grade")) if isinstance(link, Mapping) else None
            if grade is None or not link.get("other"):
                problems.append(
                    entry.problem(
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
        where[ind_id] = entry
    for ind in out.values():
        entry, name = where[ind.id], f"indicator {ind.id}"
        for ref in (ind.numerator, ind.denominator, *(link.other for link in ind.comparable)):
            if ref is not None and ref not in out:
                problems.append(
                    entry.problem(
                        name, f"refers to unknown indicator {ref!r}", "an id of a registry"
                    )
                )
        for link in ind.comparable:
            other = out.get(link.other)
            if (
                link.grade in ("broader", "narrower")
                and other is not None
                and not (is_additive(ind.unit) and is_additive(other.unit))
            ):
                problems.append(
                    entry.problem(
                        name,
                        f"grade {link.grade} with {link.other} joins {ind.unit} and {other.unit}",
                        "broader/narrower between counts or amounts (a share of a superset "
                        "bounds nothing); use proxy",
                    )
                )
        if (ind.numerator is None) != (ind.denominator is None):
            problems.append(entry.problem(name, "relation needs both numerator and denominator"))
    return out


def parse_relations(
    entries: Iterable[Entry], indicators: Mapping[str, Indicator], problems: list[Problem]
) -> tuple[PartWhole, ...]:
    """Part–whole relations between count indicators."""
    out: list[PartWhole] = []
    for entry in entries:
        item = entry.data
        rel_id = str(item.get("id", "?"))
        name = f"relation {rel_id}"
        if not _require(entry, ("id", "kind", "note"), name, problems):
            continue
        kind = item["kind"]
        if kind == "sum":
            whole, parts = item.get("whole"), item.get("parts") or []
            if not whole or len(parts) < 2:
                problems.append(entry.problem(name, "a sum needs a whole and two or more parts"))
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
                problems.append(entry.problem(name, "an order needs a chain of two or more"))
                continue
            relation = PartWhole(
                rel_id, "order", str(item["note"]).strip(), chain=tuple(str(c) for c in chain)
            )
        else:
            problems.append(entry.problem(name, f"unknown kind {kind!r}", "sum or order"))
            continue
        problems.extend(
            entry.problem(name, f"unknown indicator {i!r}", "an id of the indicator registry")
            for i in relation.indicator_ids
            if i not in indicators
        )
        found = {indicators[i].unit for i in relation.indicator_ids if i in indicators}
        if len(found) > 1 or not all(is_additive(u) for u in found):
            problems.append(
                entry.problem(
                    name,
                    f"joins indicators in {', '.join(sorted(found))}",
                    "counts or amounts in one unit (parts of a share do not add up)",
                )
            )
        out.append(relation)
    return tuple(out)
