"""Registries shipped in the package: loaded, validated, and errors that name the entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from fazhi_stats.errors import QuantityError, RegistryError
from fazhi_stats.extract.claims import extract_claims
from fazhi_stats.project import Project
from fazhi_stats.registry import (
    load_indicators,
    load_qualifiers,
    load_regions,
    load_registry,
    load_units,
    use_study,
)
from fazhi_stats.text.quantities import parse_quantity


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


NEW_INDICATOR = """indicators:
- id: legal_aid_cases_count
  name_zh: 法律援助案件数
  name_en: Legal aid cases
  family: other
  unit: {unit}
  direction: higher_is_better
  definition: Legal aid cases handled in the year.
"""


def study_registry(tmp_path: Path, **files: str) -> Path:
    """A study directory whose registry/ folder holds ``files`` (name → YAML text)."""
    folder = tmp_path / "study" / "registry"
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / f"{name}.yml").write_text(text, encoding="utf-8")
    return tmp_path / "study"


def test_indicator_with_unknown_unit_is_reported_with_its_file_and_line(tmp_path: Path) -> None:
    study = study_registry(tmp_path, indicators=NEW_INDICATOR.format(unit="dollars"))
    with pytest.raises(RegistryError) as info:
        load_registry(study)
    message = str(info.value)
    assert f"{study / 'registry' / 'indicators.yml'}:2: indicator legal_aid_cases_count" in message
    assert "unknown unit 'dollars'" in message


def test_unit_with_unknown_standard_unit(tmp_path: Path) -> None:
    study = study_registry(tmp_path, units="units:\n  件次: {unit_std: parts}\n")
    with pytest.raises(
        RegistryError, match=r"units.yml:2: unit '件次'.*unknown standard unit 'parts'"
    ):
        load_registry(study)


def test_a_study_registry_adds_to_the_shipped_one(tmp_path: Path) -> None:
    study = study_registry(
        tmp_path,
        indicators=NEW_INDICATOR.format(unit="count"),
        regions="regions:\n  - {code: '120118', name_zh: 静海区, name_en: Jinghai District, "
        "level: county}\n",
        units="measure_words: [宗次]\n",
    )
    registry = load_registry(study)
    assert registry.indicators["legal_aid_cases_count"].family == "other"
    assert "mediation_success_rate" in registry.indicators  # the shipped ones stay
    assert registry.regions["120118"].name_en == "Jinghai District"
    assert registry.units.unit_std_of("宗次") == "count"
    assert registry.origin("indicator", "legal_aid_cases_count").endswith("indicators.yml:2")
    # the package's own registry is untouched
    assert "legal_aid_cases_count" not in load_registry().indicators


def test_a_shipped_entry_is_replaced_only_when_the_study_says_so(tmp_path: Path) -> None:
    entry = "regions:\n  - {code: '350205', name_zh: 海沧区, name_en: Haicang, level: county%s}\n"
    conflict = study_registry(tmp_path / "a", regions=entry % "")
    with pytest.raises(RegistryError) as info:
        load_registry(conflict)
    assert "region 350205: the package already has region 350205" in str(info.value)
    assert "replaces: true" in str(info.value)
    replaced = study_registry(tmp_path / "b", regions=entry % ", replaces: true")
    assert load_registry(replaced).regions["350205"].name_en == "Haicang"
    typo = study_registry(
        tmp_path / "c", regions=entry.replace("350205", "350299") % ", replaces: true"
    )
    with pytest.raises(RegistryError, match="the package has no such entry"):
        load_registry(typo)


def test_every_problem_of_the_study_registry_in_one_run(tmp_path: Path) -> None:
    study = study_registry(
        tmp_path,
        indicators="indicators: [\n",  # a YAML syntax error
        regions="regions:\n  - {code: '12011', name_zh: 静海区, name_en: Jinghai, level: town}\n",
        notes="anything: 1\n",
    )
    with pytest.raises(RegistryError) as info:
        load_registry(study)
    messages = [str(p) for p in info.value.problems]
    assert any("indicators.yml:2: YAML syntax error" in m for m in messages), messages
    assert any("regions.yml:2: region 12011: code is neither 6 nor 9 digits" in m for m in messages)
    assert any("unknown level 'town'" in m for m in messages)
    assert any("notes.yml: not a registry file" in m for m in messages)


def test_a_study_declares_the_country_and_a_township(tmp_path: Path) -> None:
    """A ministry's report is the country's (100000); a town's report is its township's, under
    its county (9 digits: the county's code and 3 more)."""
    regions = (
        "regions:\n"
        "  - {code: '100000', name_zh: 中华人民共和国, name_en: China, level: national}\n"
        "  - {code: '350205001', name_zh: 海沧街道, name_en: Haicang Subdistrict, level: township,"
        " parent_code: '350205'}\n"
    )
    registry = load_registry(study_registry(tmp_path / "ok", regions=regions))
    assert registry.regions["100000"].level == "national"
    assert registry.regions["350205001"].parent_code == "350205"
    wrong = regions.replace("level: township", "level: county")
    with pytest.raises(RegistryError) as info:
        load_registry(study_registry(tmp_path / "wrong", regions=wrong))
    assert "a code of 9 digits with level 'county'" in str(info.value)


def test_the_active_registry_follows_the_study(tmp_path: Path) -> None:
    study = study_registry(tmp_path, indicators=NEW_INDICATOR.format(unit="count"))
    assert "legal_aid_cases_count" not in load_indicators()
    with use_study(study):
        assert load_indicators()["legal_aid_cases_count"].unit == "count"
    assert "legal_aid_cases_count" not in load_indicators()


def test_a_study_measure_word_reaches_the_quantity_parser(tmp_path: Path) -> None:
    study = study_registry(tmp_path, units="measure_words: [宗次]\n")
    with pytest.raises(QuantityError):
        parse_quantity("3宗次")
    with use_study(study):
        assert parse_quantity("3宗次").unit_std == "count"


def test_a_study_indicator_outside_its_study_names_the_registry_and_use_study(
    tmp_path: Path,
) -> None:
    import polars as pl

    import fazhi_stats as fz

    study = study_registry(tmp_path, indicators=NEW_INDICATOR.format(unit="count"))
    obs = pl.DataFrame(
        {
            "observation_id": ["d/legal_aid_cases_count/1"],
            "document_id": ["d"],
            "region_code": ["350205"],
            "indicator_id": ["legal_aid_cases_count"],
            "kind": ["actual"],
            "comparator": ["eq"],
            "year": [2020],
            "value_std": [3.0],
            "unit_std": ["count"],
        }
    )
    with pytest.raises(fz.DataError) as info:
        fz.assess_targets(obs)  # the working directory's registry: not the study's
    message = str(info.value)
    assert "unknown indicator legal_aid_cases_count" in message
    assert "fz.use_study(STUDY_DIR)" in message
    with fz.use_study(study):
        assessed = fz.assess_targets(obs)
    assert assessed.get_column("status").to_list() == ["no_target"]


def test_a_study_registry_file_without_its_key_says_how_to_start_it(tmp_path: Path) -> None:
    study = study_registry(
        tmp_path,
        regions="- {code: '500107', name_zh: 九龙坡区, name_en: Jiulongpo, level: county}\n",
    )
    with pytest.raises(RegistryError) as info:
        load_registry(study)
    message = str(info.value)
    assert "regions.yml: a list without the key" in message
    assert "the file to start with `regions:`" in message


def test_a_study_indicator_whose_keyword_holds_the_change_takes_the_change(
    tmp_path: Path,
) -> None:
    # a curator promotes the draft for 一审败诉率同比下降17.65%: its keyword holds the verb, so
    # the number takes it, although the indicator does not say change: true
    fall = """indicators:
- id: litigation_loss_rate_fall
  name_zh: 一审败诉率同比降幅
  name_en: Fall of the first-instance loss rate
  family: reconsideration_litigation
  unit: percent
  direction: higher_is_better
  definition: How much the first-instance loss rate fell on the year before.
  keywords: [一审败诉率同比下降]
"""
    text = "全县一审行政诉讼案件已审结16件,一审败诉率同比下降17.65%。"
    assert extract_claims(text, genre="report")[-1].indicator_id is None
    with use_study(study_registry(tmp_path, indicators=fall)):
        claim = extract_claims(text, genre="report")[-1]
    assert (claim.text, claim.indicator_id) == ("17.65%", "litigation_loss_rate_fall")
