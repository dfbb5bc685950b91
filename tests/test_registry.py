"""Registries shipped in the package: loaded, validated, and errors that name the entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from fazhi_stats.errors import RegistryError
from fazhi_stats.project import Project
from fazhi_stats.registry import (
    load_indicators,
    load_qualifiers,
    load_regions,
    load_units,
    registry_path,
)


def test_study_regions_and_parents() -> None:
    regions = load_regions()
    assert {c: regions[c].name_en for c in ("350205", "420625", "350902", "441200")} == {
        "350205": "Haicang District",
        "420625": "Gucheng County",
        "350902": "Jiaocheng District",
        "441200": "Zhaoqing City",
    }
    assert regions["350205"].parent_code == "350200"
    assert regions[regions["420625"].parent_code or ""].name_zh == "襄阳市"


def test_indicators_cover_the_studys_families_and_name_standard_units(repo: Project) -> None:
    indicators = load_indicators()
    families = {i.family for i in indicators.values()}
    assert set(repo.config.families) <= families
    std = load_units().standard_unit_names()
    assert all(i.unit in std for i in indicators.values())
    rate = indicators["mediation_success_rate"]
    assert (rate.numerator, rate.denominator) == (
        "disputes_resolved_count",
        "disputes_mediated_count",
    )
    assert "调处成功率" in rate.keywords


def test_units_magnitudes_and_assumptions() -> None:
    units = load_units()
    assert units.magnitudes["亿"] == 100_000_000
    assert units.magnitudes["万"] == 10_000
    assert "学时" in units.assumptions["class_hour_minutes"]
    assert units.unit_std_of("亿元") == "yuan"
    assert units.unit_std_of("场") == "count"
    assert units.periods["每季度"].per_year == 4


def test_qualifier_vocabulary() -> None:
    q = load_qualifiers()
    assert q.before["不少于"] == "ge"
    assert q.after["以上"] == "ge"
    assert q.after["余"] == "gt"
    assert q.before["不超过"] == "le"
    assert q.after["左右"] == "approx"


def test_indicator_with_unknown_unit_is_reported_with_its_entry(tmp_path: Path) -> None:
    text = registry_path("indicators").read_text(encoding="utf-8")
    bad = text.replace("unit: yuan", "unit: dollars", 1)
    path = tmp_path / "indicators.yml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(RegistryError) as info:
        load_indicators(path)
    message = str(info.value)
    assert str(path) in message
    assert "unknown unit 'dollars'" in message
    assert "indicator " in message


def test_unit_with_unknown_standard_unit(tmp_path: Path) -> None:
    text = registry_path("units").read_text(encoding="utf-8")
    path = tmp_path / "units.yml"
    path.write_text(
        text.replace('"%": {unit_std: percent}', '"%": {unit_std: parts}'), encoding="utf-8"
    )
    with pytest.raises(RegistryError, match=r"unit '%'.*unknown standard unit 'parts'"):
        load_units(path)
