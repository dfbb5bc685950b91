"""Numbers whose indicator no registry has: kept as unclassified observations, drafted as
indicators by ``annotate --propose``, refused as registry entries until reviewed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fazhi_stats.errors import DataError, RegistryError
from fazhi_stats.extract.claims import extract_claims
from fazhi_stats.extract.propose import draft_indicators, label_of, propose_annotations
from fazhi_stats.project import Project
from fazhi_stats.registry import load_registry
from fazhi_stats.sources.annotations import Observation, load_annotations
from fazhi_stats.sources.documents import load_sources

JIAOCHENG = "jiaocheng-2020-report"
MEETINGS = "  - indicator_id: legal_office_meeting_attendance_count\n"


def _unclassify(study: Project, label: str | None, *, family: str = "legality_review") -> Path:
    """Turn the 85 meetings of the 蕉城 report into an unclassified number."""
    path = study.annotations_dir / f"{JIAOCHENG}.yml"
    text = path.read_text(encoding="utf-8")
    assert MEETINGS in text
    entry = "  - indicator_id: null\n"
    if label is not None:
        entry += f"    label_zh: {label}\n    family: {family}\n"
    path.write_text(text.replace(MEETINGS, entry, 1), encoding="utf-8")
    return path


def _load(study: Project) -> list[Observation]:
    observations, _ = load_annotations(study.annotations_dir, load_sources(study.documents_dir))
    return list(observations)


def test_an_unclassified_number_is_kept_with_its_label(study: Project) -> None:
    _unclassify(study, "参加区政府会议")
    kept = [o for o in _load(study) if o.indicator_id is None]
    assert len(kept) == 1
    o = kept[0]
    assert (o.label_zh, o.family, o.value, o.unit) == (
        "参加区政府会议",
        "legality_review",
        85,
        "次",
    )
    assert o.quote == "今年来,法制股参加区政府常务会议、部分专题会议等共计85次"


def test_an_unclassified_number_needs_a_label(study: Project) -> None:
    path = _unclassify(study, None)
    with pytest.raises(DataError) as info:
        _load(study)
    messages = [str(p) for p in info.value.problems]
    assert any(str(path) in m and "no indicator_id and no label_zh" in m for m in messages), (
        messages
    )


def test_unclassified_numbers_are_facts_by_label_and_unit(study: Project) -> None:
    """Two unclassified numbers of one document are different facts when their labels differ."""
    path = _unclassify(study, "参加区政府会议")
    text = path.read_text(encoding="utf-8")
    other = "  - indicator_id: enforcement_case_file_review_units_count\n"
    path.write_text(
        text.replace(other, "  - indicator_id: null\n    label_zh: 评查单位\n    family: other\n"),
        encoding="utf-8",
    )
    assert sum(1 for o in _load(study) if o.indicator_id is None) == 2


def test_same_label_same_unit_contradiction_names_the_label(study: Project) -> None:
    path = _unclassify(study, "参加区政府会议")
    text = path.read_text(encoding="utf-8")
    start = text.index("  - indicator_id: null\n")
    end = text.index("  - indicator_id:", start + 1)
    twin = text[start:end].replace("comparator: eq", "comparator: ge", 1)
    assert twin != text[start:end]
    path.write_text(text[:end] + twin + text[end:], encoding="utf-8")
    with pytest.raises(DataError) as info:
        _load(study)
    messages = [str(p) for p in info.value.problems]
    assert any(
        "unclassified 参加区政府会议 (line" in m and "disagrees with line" in m for m in messages
    ), messages


def test_labels_say_what_the_number_counts() -> None:
    text = "全年共审查区级党政规范性文件24件，对9份重大行政合同进行合法性审查，筛选出4项决策事项。"
    labels = [label_of(c, text) for c in extract_claims(text)]
    assert labels == ["审查区级党政规范性文件", "重大行政合同", "决策事项"]


def test_propose_drafts_one_indicator_per_label(tmp_path: Path) -> None:
    text = "全年共受理法律援助案件325件，办结法律援助案件320件。全年共受理法律援助案件325件。"
    draft = propose_annotations(text, "x-2020-report", genre="report", period=(2020, 2020))
    unclassified = [e for e in draft["observations"] if e["indicator_id"] is None]
    assert {e["label_zh"] for e in unclassified} == {"受理法律援助案件", "办结法律援助案件"}
    drafts = draft_indicators(draft, text, existing=["draft_other_1"])
    assert [d["name_zh"] for d in drafts] == ["受理法律援助案件", "办结法律援助案件"]
    assert all(d["reviewed"] is False and d["unit"] == "count" for d in drafts)
    assert drafts[0]["id"] != "draft_other_1"  # numbered on after the taken ids
    assert len({d["id"] for d in drafts}) == 2


def test_an_unreviewed_indicator_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "study" / "registry"
    folder.mkdir(parents=True)
    (folder / "indicators.yml").write_text(
        "indicators:\n- id: draft_other_1\n  name_zh: 受理法律援助案件\n  name_en: ''\n"
        "  family: other\n  unit: count\n  direction: neutral\n  definition: d\n"
        "  reviewed: false\n",
        encoding="utf-8",
    )
    with pytest.raises(RegistryError) as info:
        load_registry(tmp_path / "study")
    assert "indicators.yml:2: indicator draft_other_1: draft indicator not yet reviewed" in str(
        info.value
    )


def test_proposing_again_adds_no_second_draft_of_the_same_number(tmp_path: Path) -> None:
    from fazhi_stats.extract.propose import add_draft_indicators

    text = "全年共受理法律援助案件325件，办结法律援助案件320件。"
    draft = propose_annotations(text, "x-2020-report", genre="report", period=(2020, 2020))
    path = tmp_path / "registry" / "drafts" / "indicators.yml"
    assert add_draft_indicators(path, draft, text) == 2
    first = path.read_bytes()
    assert add_draft_indicators(path, draft, text) == 0  # annotate --propose --force again
    assert path.read_bytes() == first
    assert first.startswith(b"# DRAFT indicators")


def test_a_label_is_the_words_of_the_numbers_own_list_item() -> None:
    text = "对标对表归纳梳理、汇总存档材料1000余份、下发工作提示函45份、工作督导29次。"
    labels = [label_of(c, text) for c in extract_claims(text)]
    assert labels == ["汇总存档材料", "下发工作提示函", "工作督导"]
    # a number that counts the list keeps the list
    listed = "开展法治讲座、法律咨询等共计85次。"
    assert [label_of(c, listed) for c in extract_claims(listed)] == ["开展法治讲座、法律咨询等"]


def _targets_of(root: Path) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """(classified, unclassified) target rows of a built study's observations."""
    import csv

    with (root / "data/processed/observations.csv").open(encoding="utf-8", newline="") as fh:
        targets = [r for r in csv.DictReader(fh) if r["kind"] == "target"]
    return [r for r in targets if r["indicator_id"]], [r for r in targets if not r["indicator_id"]]


def test_a_regions_unclassified_targets_are_listed_under_its_targets(tmp_path: Path) -> None:
    """A report's required levels (市考核指标45%以上) with no registry indicator are targets of
    its region: its page lists them where the summary counts them, not "no target", and the
    analysis page counts them beside the classified ones."""
    import yaml

    from fazhi_stats.cli.main import main
    from fazhi_stats.study import load_study
    from fazhi_stats.study.page import StudyPage

    root = tmp_path / "study"
    assert main(["init", str(root), "--region", "330602"]) == 0
    (root / "registry" / "regions.yml").write_text(
        "regions:\n"
        "  - {code: '330000', name_zh: 浙江省, name_en: Zhejiang, level: province}\n"
        "  - {code: '330600', name_zh: 绍兴市, name_en: Shaoxing, level: prefecture, "
        "parent_code: '330000'}\n"
        "  - {code: '330602', name_zh: 越城区, name_en: Yuecheng, level: county, "
        "parent_code: '330600'}\n",
        encoding="utf-8",
    )
    text = (
        Path(__file__).parent
        / "data/second_curator/texts/yuecheng_sfj_2022_fzzf_gongzuo_baogao.txt"
    )
    options = ["--id", "yuecheng-2022-report", "--region", "330602", "--kind", "report"]
    assert main(["add-document", str(text), "--root", str(root), *options, "--period", "2022"]) == 0
    assert main(["annotate", "--propose", "yuecheng-2022-report", "--root", str(root)]) == 0
    draft = root / "data/raw/annotations/yuecheng-2022-report.yml"
    draft.write_text(draft.read_text(encoding="utf-8").replace("  reviewed: false\n", ""), "utf-8")
    build = ["build", "--root", str(root), "--only", "process", "compare", "pages"]
    assert main(build) == 0

    classified, unclassified = _targets_of(root)
    assert classified and unclassified
    page = (root / "reports/regions/330602.qmd").read_text(encoding="utf-8")
    section = page.split("## 目标 / Targets")[1].split("\n## ")[0]
    assert 'id="r-targets"' in section  # the classified ones, with their ambition
    k = len(unclassified)
    assert f"{k} unclassified targets (no registry indicator, never compared)" in section
    for row in unclassified:  # each links to its sentence
        assert f'yuecheng-2022-report.html#{row["observation_id"]}"' in section
    en = str(StudyPage(load_study(root)).answer("ambition", "en"))
    assert f"Of {len(classified)} target" in en and f"{k} more targets are unclassified" in en
    with (root / "data/processed/consistency.csv").open(encoding="utf-8") as fh:
        assert len(fh.read().splitlines()) == 2  # one check: the loss rate and its counts
    consistency = str(StudyPage(load_study(root)).answer("consistency", "en"))
    assert "are checked against each other 1 time: " in re.sub(
        r"\[(\d+)\]\([^)]*\)", r"\1", consistency
    )

    # a curator who finds no registry indicator for any target: all unclassified
    annotations = yaml.safe_load(draft.read_text(encoding="utf-8"))
    for entry in annotations["observations"]:
        if entry["kind"] == "target" and entry["indicator_id"] is not None:
            entry |= {"indicator_id": None, "label_zh": "行政诉讼败诉率目标", "family": "other"}
    draft.write_text(yaml.safe_dump(annotations, allow_unicode=True), encoding="utf-8")
    assert main(build) == 0
    classified, unclassified = _targets_of(root)
    assert not classified and unclassified
    page = (root / "reports/regions/330602.qmd").read_text(encoding="utf-8")
    section = page.split("## 目标 / Targets")[1].split("\n## ")[0]
    n = len(unclassified)
    assert f"{n} unclassified targets (no registry indicator, never compared)" in section
    assert "没有目标 / no target" not in page
    assert "没有归类的目标 / no classified target" in section
    study_page = StudyPage(load_study(root))
    en = str(study_page.answer("ambition", "en"))
    assert f"The study's {n} numeric targets are all unclassified (no registry indicator)" in en
    assert "holds no numeric target" not in en
    assert f"本研究的 {n} 个数量目标都未归类" in str(study_page.answer("ambition", "zh"))
    figure = str(study_page.figure("ambition"))
    assert "at least one classified target (with a registry indicator)" in figure
