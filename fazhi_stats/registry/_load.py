"""Loading and validating the registries."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal, cast

from fazhi_stats._yaml import read_yaml
from fazhi_stats.errors import Problem, RegistryError
from fazhi_stats.text.quantities import COMPARATORS

_HERE = Path(__file__).parent

Direction = Literal["higher_is_better", "lower_is_better", "neutral"]
Grade = Literal["same", "proxy", "not_comparable"]
# Indicator families with their names (Chinese, English); the first four are the study's.
FAMILY_NAMES: dict[str, tuple[str, str]] = {
    "mediation": ("调解", "Mediation"),
    "court_appearance": ("出庭应诉", "Court appearance"),
    "online_services": ("网上办理", "Online services"),
    "training": ("学法培训", "Training"),
    "legality_review": ("合法性审查", "Legality review"),
    "legal_advisers": ("法律顾问", "Legal advisers"),
    "normative_documents": ("规范性文件", "Normative documents"),
    "reconsideration_litigation": ("复议与诉讼", "Reconsideration and litigation"),
    "inspection": ("双随机抽查", "Random inspections"),
    "approval_reform": ("审批改革", "Approval reform"),
    "fiscal": ("财政", "Fiscal"),
    "exams": ("学法考试", "Law exams"),
    "legal_publicity": ("普法", "Legal publicity"),
    "staffing": ("人员配备", "Staffing"),
    "reporting": ("报告制度", "Reporting"),
    "enforcement": ("行政执法", "Enforcement"),
    "credit": ("信用", "Credit"),
    "other": ("其他", "Other"),
}
FAMILIES = tuple(FAMILY_NAMES)
STUDY_FAMILIES = ("mediation", "court_appearance", "online_services", "training")


def registry_path(name: str) -> Path:
    """Path of a shipped registry file, e.g. ``registry_path("indicators")``."""
    return _HERE / f"{name}.yml"


@dataclass(frozen=True)
class Region:
    code: str
    name_zh: str
    name_en: str
    level: Literal["province", "prefecture", "county"]
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
class UnitSpec:
    unit_std: str
    assumption: str | None = None


@dataclass(frozen=True)
class PeriodWord:
    per: str
    per_year: int


@dataclass(frozen=True)
class UnitRegistry:
    assumptions: Mapping[str, float]
    standard_units: Mapping[str, Mapping[str, str]]
    magnitudes: Mapping[str, int]
    units: Mapping[str, UnitSpec]
    measure_words: tuple[str, ...]
    periods: Mapping[str, PeriodWord]

    def standard_unit_names(self) -> frozenset[str]:
        base = set(self.standard_units)
        return frozenset(base | {f"{u}_per_year" for u in base})

    def unit_std_of(self, written: str) -> str | None:
        """Standard unit of a unit as written (with an optional magnitude prefix), else None."""
        if written in self.units:
            return self.units[written].unit_std
        if written in self.measure_words:
            return "count"
        for mag in sorted(self.magnitudes, key=len, reverse=True):
            if written.startswith(mag) and len(written) > len(mag):
                return self.unit_std_of(written[len(mag) :])
        return None


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
    assumptions = {k: float(v["value"]) for k, v in data.get("assumptions", {}).items()}
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
            f"one of {COMPARATORS}",
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
        if item["level"] not in ("province", "prefecture", "county"):
            problems.append(Problem(str(file), name, f"unknown level {item['level']!r}"))
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
                Problem(str(file), name, f"unknown family {item['family']!r}", f"one of {FAMILIES}")
            )
        if item["direction"] not in ("higher_is_better", "lower_is_better", "neutral"):
            problems.append(Problem(str(file), name, f"unknown direction {item['direction']!r}"))
        if ind_id in out:
            problems.append(Problem(str(file), name, "duplicate id"))
        links = []
        for link in item.get("comparable", []) or []:
            grade = link.get("grade")
            if grade not in ("same", "proxy", "not_comparable") or not link.get("other"):
                problems.append(
                    Problem(
                        str(file),
                        name,
                        f"bad comparability entry {link!r}",
                        "other: <id>, grade: same|proxy|not_comparable, note",
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
