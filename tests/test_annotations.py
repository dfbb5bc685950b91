"""Validation of the curated annotations, on the real data and on broken copies."""

from __future__ import annotations

from pathlib import Path

import pytest

from fazhi_stats.errors import DataError
from fazhi_stats.project import Project
from fazhi_stats.sources.annotations import load_annotations
from fazhi_stats.sources.documents import load_sources

JIAOCHENG = "jiaocheng-2020-report"


def _load(project: Project) -> None:
    load_annotations(project.annotations_dir, load_sources(project.documents_dir))


def _edit(project: Project, doc_id: str, old: str, new: str) -> Path:
    path = project.annotations_dir / f"{doc_id}.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _problems(project: Project) -> list[str]:
    with pytest.raises(DataError) as info:
        _load(project)
    return [str(p) for p in info.value.problems]


def test_real_annotations_validate(repo: Project) -> None:
    observations, milestones = load_annotations(
        repo.annotations_dir, load_sources(repo.documents_dir)
    )
    assert len(observations) >= 50
    assert len(milestones) >= 50
    docs = load_sources(repo.documents_dir)
    for o in observations:
        assert docs[o.document_id].text[o.char_start : o.char_end] == o.quote


def test_quote_not_in_document(study: Project) -> None:
    path = _edit(
        study, JIAOCHENG, 'quote: "提前实现即办件占比达45%"', 'quote: "提前实现即办件占比达46%"'
    )
    problems = _problems(study)
    assert any(
        str(path) in p and "quote not found" in p and "immediate_service_share" in p
        for p in problems
    )


def test_value_not_in_quote(study: Project) -> None:
    _edit(study, JIAOCHENG, "    value: 45\n", "    value: 54\n")
    problems = _problems(study)
    assert any("value 54 does not occur in the quote" in p for p in problems), problems


def test_unknown_indicator(study: Project) -> None:
    _edit(
        study, JIAOCHENG, "indicator_id: immediate_service_share", "indicator_id: happiness_index"
    )
    problems = _problems(study)
    assert any(
        "unknown indicator 'happiness_index'" in p
        and "expected an id of the indicator registry" in p
        for p in problems
    )


def test_percentage_over_100(study: Project) -> None:
    text = (study.annotations_dir / f"{JIAOCHENG}.yml").read_text(encoding="utf-8")
    text += (
        '  - indicator_id: immediate_service_share\n    kind: actual\n    value: 150\n    unit: "%"\n'
        '    year: 2019\n    scope: 测试\n    quote: "即办件占比达45%"\n'
    )
    # the appended entry is under `milestones:` unless observations is last; rebuild the file
    path = study.annotations_dir / f"{JIAOCHENG}.yml"
    path.write_text(text.replace("milestones: []\n", "") + "milestones: []\n", encoding="utf-8")
    problems = _problems(study)
    assert any("percentage 150 outside 0–100" in p for p in problems), problems


def test_yaml_syntax_error_gives_the_line(study: Project) -> None:
    path = study.annotations_dir / f"{JIAOCHENG}.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[6] = "    value: [45"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = _problems(study)
    assert any(p.startswith(f"{path}:") and "YAML syntax error" in p for p in problems), problems


def test_duplicate_observation(study: Project) -> None:
    path = study.annotations_dir / "haicang-2017-work-plan.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - indicator_id:")
    end = text.index("  - indicator_id:", start + 1)
    entry = text[start:end]
    path.write_text(text[:end] + entry + text[end:], encoding="utf-8")
    problems = _problems(study)
    assert any("duplicate of the observation at line" in p for p in problems), problems


def test_two_observations_disagree_on_the_same_fact(study: Project) -> None:
    path = study.annotations_dir / "haicang-2017-work-plan.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - indicator_id:")
    end = text.index("  - indicator_id:", start + 1)
    entry = text[start:end]
    assert "comparator: ge" in entry
    changed = entry.replace("comparator: ge", "comparator: eq")
    path.write_text(text[:end] + changed + text[end:], encoding="utf-8")
    problems = _problems(study)
    assert any("disagrees with line" in p and "same fact" in p for p in problems), problems


def test_negative_count(study: Project) -> None:
    _edit(study, JIAOCHENG, "    value: 357\n", "    value: -357\n")
    problems = _problems(study)
    assert any("negative value -357" in p for p in problems), problems


def test_numerator_above_denominator(study: Project) -> None:
    # a curator mistakes the screened count (2512) for the resolved count: 2512 > 2454 mediated
    _edit(
        study,
        JIAOCHENG,
        '    value: 2447\n    unit: 起\n    year: 2020\n    scope: 蕉城区各级人民调解组织\n    quote: "调处成功2447起"',
        '    value: 2512\n    unit: 起\n    year: 2020\n    scope: 蕉城区各级人民调解组织\n    quote: "共排查出各类矛盾纠纷2512起"',
    )
    problems = _problems(study)
    assert any(
        "numerator 2512 exceeds its denominator disputes_mediated_count = 2454" in p
        and "disputes_resolved_count <= disputes_mediated_count" in p
        for p in problems
    ), problems


def test_unit_that_does_not_convert(study: Project) -> None:
    _edit(
        study,
        JIAOCHENG,
        'unit: "%"\n    year: 2020\n    scope: 蕉城区政务服务审批事项',
        "unit: 万元\n    year: 2020\n    scope: 蕉城区政务服务审批事项",
    )
    problems = _problems(study)
    assert any(
        "unit '万元' is yuan, indicator immediate_service_share is in percent" in p
        for p in problems
    ), problems


def test_all_problems_reported_in_one_run(study: Project) -> None:
    _edit(study, JIAOCHENG, "indicator_id: immediate_service_share", "indicator_id: nope_one")
    _edit(study, "haicang-2017-work-plan", "kind: target", "kind: wish")
    problems = _problems(study)
    assert any("nope_one" in p for p in problems)
    assert any("unknown kind 'wish'" in p for p in problems)


def test_milestone_quote_that_occurs_twice_needs_an_occurrence(study: Project) -> None:
    path = study.annotations_dir / "haicang-2017-work-plan.yml"
    text = path.read_text(encoding="utf-8")
    head, sep, tail = text.partition("milestones:\n")
    entry = "  - what: 测试\n    deadline: null\n    quote: 责任单位:区法制办牵头\n"
    path.write_text(head + sep + entry + tail, encoding="utf-8")
    problems = _problems(study)
    assert any(
        "milestone 1" in p and "quote occurs" in p and "add `occurrence`" in p for p in problems
    ), problems
