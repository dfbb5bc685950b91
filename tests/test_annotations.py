"""Validation of the curated annotations, on the real data and on broken copies."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

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
    entry = (
        '  - indicator_id: immediate_service_share\n    kind: actual\n    value: 150\n    unit: "%"\n'
        '    year: 2019\n    scope: 测试\n    quote: "即办件占比达45%"\n'
    )
    _edit(study, JIAOCHENG, "observations:\n", "observations:\n" + entry)
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


# -- dating and hedging (issue 12) -------------------------------------------------------------

ZHAOQING = "zhaoqing-2016-2018-implementation-plan"
GUCHENG = "gucheng-2014-2016-work-plan"


def _by_quote(repo: Project) -> tuple[dict[str, Any], dict[str, Any]]:
    observations, milestones = load_annotations(
        repo.annotations_dir, load_sources(repo.documents_dir)
    )
    return {o.quote: o for o in observations}, {m.quote: m for m in milestones}


def test_year_to_date_and_running_totals_carry_their_as_of(repo: Project) -> None:
    obs, _ = _by_quote(repo)
    for quote, kind in (
        ("今年来,法制股参加区政府常务会议、部分专题会议等共计85次", "year_to_date"),
        ("今年,区政府共收到10起行政复议申请", "year_to_date"),
        ("区政府作为被复议机关的案件24起", "year_to_date"),
        ("截止目前,共随机抽取357家市场主体", "running_total"),
        ("目前我区政府共聘请2名法律顾问", "state"),
    ):
        assert obs[quote].as_of == dt.date(2020, 12, 18), quote
        assert obs[quote].as_of_kind == kind, quote
    # every as-of statement says what it counts
    assert all((o.as_of is None) == (o.as_of_kind is None) for o in obs.values())


def test_a_standing_rule_has_a_start_year_and_no_target_year(repo: Project) -> None:
    obs, _ = _by_quote(repo)
    rule = obs["自2018年起,一般每隔5年进行一次规章清理"]
    assert (rule.from_year, rule.year, rule.period_start, rule.period_end) == (
        2018,
        None,
        2018,
        None,
    )
    assert rule.hedge == "一般"


def test_the_baseline_is_an_observation_of_its_own(repo: Project) -> None:
    obs, _ = _by_quote(repo)
    baseline = obs["原来5个"]
    assert (baseline.kind, baseline.value, baseline.year) == ("baseline", 5.0, None)
    assert obs["流转环节由原来5个缩减到3至4个"].kind == "actual"


def test_hedges_are_the_words_as_written(repo: Project) -> None:
    obs, milestones = _by_quote(repo)
    online = obs["到2016年底前,努力使行政审批事项网上全流程办理率达80%以上"]
    assert online.hedge == "努力" and online.hedged  # 努力使, not 力争
    assert obs["各地、各部门可采取灵活多样的方式,每半年开展一次执法案卷评查"].hedge == "可"
    assert milestones["力争到2017年县、乡两级法治政府基本建成"].hedge == "力争"
    docs = load_sources(repo.documents_dir)
    for o in obs.values():
        if o.hedge is not None:
            sentence_start = docs[o.document_id].text.rfind("。", 0, o.char_start) + 1
            assert o.hedge in docs[o.document_id].text[sentence_start : o.char_end + 40]


def test_starts_recurring_deadlines_and_the_2021_plan_in_the_milestones(repo: Project) -> None:
    _, milestones = _by_quote(repo)
    start = milestones[
        "自2016年起,将行政监督部门履行监督职责抓政风行风建设纳入落实党风廉政建设主体责任的重要内容"
    ]
    assert (start.kind, start.start, start.deadline) == ("start", dt.date(2016, 1, 1), None)
    yearly = milestones["各地和县直各行政执法部门每年初制定培训计划,并报县政府法制办备案"]
    assert (yearly.kind, yearly.per) == ("recurring", "year")
    jiaocheng = [m for m in milestones.values() if m.document_id == JIAOCHENG]
    assert len(jiaocheng) >= 15
    assert all(m.deadline == dt.date(2021, 12, 31) for m in jiaocheng)
    assert milestones["完善“双随机、一公开”监管,推动日常监管全覆盖"].deadline_text == "2021年"


def test_bad_time_and_hedge_fields_are_reported(study: Project) -> None:
    path = _edit(
        study,
        ZHAOQING,
        "    from_year: 2018\n    hedge: 一般\n",
        "    from_year: 2018\n    year: 2018\n    hedge: 力争\n",
    )
    _edit(study, JIAOCHENG, "    as_of_kind: running_total\n", "")
    _edit(
        study,
        JIAOCHENG,
        "    hedge: 努力\n    comparator: ge\n",
        "    hedged: true\n    comparator: ge\n",
    )
    _edit(study, GUCHENG, "    hedge: 可\n", "    hedge: 也许\n")
    _edit(
        study,
        ZHAOQING,
        "    kind: start\n    start: 2016-01-01\n",
        "    kind: start\n    start: 2016-01-01\n    deadline: 2016-12-31\n",
    )
    _edit(
        study,
        GUCHENG,
        "    kind: recurring\n    per: year\n",
        "    kind: recurring\n",
    )
    _edit(
        study,
        "haicang-2017-work-plan",
        "    deadline: 2017-12-31\n",
        "    deadline: 2017-12-31\n    kind: someday\n",
    )
    problems = _problems(study)

    def has(fragment: str, file: str) -> bool:
        return any(fragment in p and file in p for p in problems)

    assert has("both `year` and `from_year` (expected one of year, period, from_year)", str(path))
    assert has("hedge '力争' does not occur (as a hedge) in the sentence of the quote", ZHAOQING)
    assert has("`as_of` without `as_of_kind`", JIAOCHENG)
    assert has("`hedged` without the word that hedges", JIAOCHENG)
    assert has("unknown hedge '也许'", GUCHENG)
    assert has("a start with a deadline", ZHAOQING)
    assert has("a recurring deadline without `per`", GUCHENG)
    assert has("unknown kind 'someday' (expected one of deadline, start, recurring)", "haicang")
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(
        i for i, text in enumerate(lines, 1) if "indicator_id: regulation_cleanup_interval" in text
    )
    assert any(p.startswith(f"{path}:{line}: observation ") and "from_year" in p for p in problems)
