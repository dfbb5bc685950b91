"""Commitments of the plans: hand counts of real plans, the rules of the genre, corrections."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml

from fazhi_stats.compare.commitments import commitment_profile
from fazhi_stats.compare.proportions import proportion_interval
from fazhi_stats.errors import DataError
from fazhi_stats.project import Project
from fazhi_stats.sources.commitments import Commitment, rows_of, segment_text
from fazhi_stats.sources.commitments.flags import (
    classify_family,
    inline_responsibility,
    lead_unit,
    unit_text,
)
from fazhi_stats.sources.corpus import Corpus, validate_corpus
from fazhi_stats.text.hedges import hedge_words

if TYPE_CHECKING:
    from conftest import FrameBackend

HAND_COUNTS = Path(__file__).parent / "data" / "commitments_hand_counts.yml"


@pytest.fixture(scope="module")
def corpus(repo: Project) -> Corpus:
    return validate_corpus(repo)


def _counts(commitments: list[Commitment]) -> dict[str, Counter[str]]:
    out: dict[str, Counter[str]] = {}
    for c in commitments:
        n = out.setdefault(c.document_id, Counter())
        n["total"] += 1
        n["quantified"] += c.quantified
        n["dated"] += c.dated
        n["responsible_unit"] += c.responsible_unit is not None
        n["hedged"] += c.hedged
        n["goals"] += c.role == "goal"
    return out


def test_counts_equal_the_hand_counts(corpus: Corpus) -> None:
    hand = yaml.safe_load(HAND_COUNTS.read_text(encoding="utf-8"))
    assert len(hand) >= 2
    counts = _counts(corpus.commitments)
    for doc_id, expected in hand.items():
        got = {k: counts[doc_id][k] for k in expected if k != "reasoning"}
        assert got == {k: v for k, v in expected.items() if k != "reasoning"}, doc_id


def test_profile_per_region_equals_the_hand_counts(corpus: Corpus, backend: FrameBackend) -> None:
    import polars as pl

    hand = yaml.safe_load(HAND_COUNTS.read_text(encoding="utf-8"))
    frame = pl.DataFrame(rows_of(corpus.commitments))
    profile = backend.result(commitment_profile(backend.frame(frame), by=("region_code",)))
    by_region = {r["region_code"]: r for r in profile.iter_rows(named=True)}
    for doc_id, expected in hand.items():
        region = corpus.documents[doc_id].meta.region_code
        row = by_region[region]
        assert row["n_commitments"] == expected["total"]
        for flag in ("quantified", "dated", "responsible_unit", "hedged"):
            k, n = expected[flag], expected["total"]
            assert row[f"n_{flag}"] == k
            assert row[f"share_{flag}"] == pytest.approx(100 * k / n)
            lower, upper = proportion_interval(k, n)
            assert row[f"share_{flag}_lower"] == pytest.approx(100 * lower, abs=1e-6)
            assert row[f"share_{flag}_upper"] == pytest.approx(100 * upper, abs=1e-6)


def test_quotes_are_the_text_at_their_offsets(corpus: Corpus, repo: Project) -> None:
    from fazhi_stats.schema.load import load_commitments

    for c in corpus.commitments:
        text = corpus.documents[c.document_id].text
        assert text[c.char_start : c.char_end] == c.quote
    written = load_commitments(repo.root)
    assert written.height == len(corpus.commitments)
    for row in written.iter_rows(named=True):
        text = corpus.documents[row["document_id"]].text
        assert text[row["char_start"] : row["char_end"]] == row["quote"]


def test_every_plan_observation_and_milestone_is_in_a_commitment(corpus: Corpus) -> None:
    linked = {i for c in corpus.commitments for i in (*c.observation_ids, *c.milestone_ids)}
    plans = {d for d, doc in corpus.documents.items() if doc.meta.doc_kind != "report"}
    for o in corpus.observations:
        if o.document_id in plans:
            assert o.observation_id in linked
    for m in corpus.milestones:
        if m.document_id in plans:
            assert m.milestone_id in linked


def test_a_report_contributes_only_its_plan_section(corpus: Corpus) -> None:
    report = [c for c in corpus.commitments if c.doc_kind == "report"]
    text = corpus.documents[report[0].document_id].text
    section = text.index("三、下一步工作计划")
    assert report and all(c.char_start > section for c in report)


def test_a_start_is_not_a_deadline(corpus: Corpus) -> None:
    (item,) = [c for c in corpus.commitments if "自2016年起,将行政监督部门" in c.quote]
    (start,) = [m for m in corpus.milestones if m.milestone_id in item.milestone_ids]
    assert start.kind == "start" and not item.dated


def _segments(text: str) -> list[tuple[str, str, str]]:
    return [(s.form, s.role, text[s.start : s.end]) for s in segment_text(text)]


def test_rule_title_heading_makes_each_paragraph_an_item() -> None:
    text = "前言。\n一、完善决策机制。\n第一段要做。\n第二段要做。\n二、加强培训,每年培训。\n"
    assert _segments(text) == [
        ("item", "task", "第一段要做。"),
        ("item", "task", "第二段要做。"),
        ("item", "task", "二、加强培训,每年培训。"),
    ]


def test_rule_principles_are_not_commitments_and_goals_are_marked() -> None:
    text = "一、指导思想\n1、坚持以法治为指导。\n二、目标任务\n1、总体目标\n到2017年基本建成。\n"
    assert _segments(text) == [("item", "goal", "到2017年基本建成。")]


def test_rule_closing_paragraph_is_cut_into_sentences_and_chrome_dropped() -> None:
    text = "一、推进改革。\n责任单位:区法制办牵头\n各部门要报告。区政府要检查。\n附件:\n"
    forms = _segments(text)
    assert [f for f, _, _ in forms] == ["item", "sentence", "sentence"]
    assert forms[2][2] == "区政府要检查。"


def test_rule_a_marker_damaged_in_the_capture_still_starts_an_item() -> None:
    text = "三、下一步工作计划\n(一)推进改革。持续推进。\n)提升能力。继续落实。\n"
    assert [q for _, _, q in _segments(text)] == [
        "(一)推进改革。持续推进。",
        ")提升能力。继续落实。",
    ]


def test_rule_responsible_unit_as_written() -> None:
    text = "5.推进清单。〔责任单位:市经济研究室(市政府顾问团办公室)、市法制局(列第一的为牵头单位,下同)〕"
    assert unit_text(text, inline_responsibility(text, 0, len(text))) == (
        "市经济研究室(市政府顾问团办公室)、市法制局"
    )
    text = "(一)强化领导。市依法行政工作领导小组负责统筹领导。"
    assert unit_text(text, lead_unit(text, 0, len(text))) == "市依法行政工作领导小组"
    text = "按照谁决策、谁负责的原则;法制机构负责人应当列席会议;要有专人负责。"
    assert lead_unit(text, 0, len(text)) is None


def test_rule_hedges_and_their_look_alikes() -> None:
    assert hedge_words("各地、各部门可采取灵活多样的方式,逐步推行") == ["可", "逐步"]
    assert hedge_words("严格控制新设行政许可,方可取得证件,对一般程序案件,提高可操作性") == []


def test_rule_family_from_topic_words_then_headings() -> None:
    assert classify_family(["建立健全领导干部学法制度。"]) == ("training", "text")
    assert classify_family(["落实集体讨论制度。"], ["(五)深化行政执法体制改革"]) == (
        "enforcement",
        "heading",
    )
    assert classify_family(["落实集体讨论制度。"]) == ("other", "none")


# -- corrections, on a copy of the study -------------------------------------------------------

HAICANG = "haicang-2017-work-plan"


def _append(study: Project, doc_id: str, text: str) -> Path:
    path = study.annotations_dir / f"{doc_id}.yml"
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    return path


def _problems(study: Project) -> list[str]:
    with pytest.raises(DataError) as info:
        validate_corpus(study)
    return [str(p) for p in info.value.problems]


def _haicang(study: Project) -> list[Commitment]:
    return [c for c in validate_corpus(study).commitments if c.document_id == HAICANG]


def test_exclude_merge_and_split_corrections(study: Project) -> None:
    before = _haicang(study)
    _append(
        study,
        HAICANG,
        "  - action: exclude\n    quote: 区政府办(区法制办)要结合年度重点工作安排\n    reason: test\n"
        "  - action: merge\n    quote: 一、推进行政审批事项清理工作\n    reason: test\n"
        "  - action: split\n    quote: 创新市场监管方式,探索信用监管、智能监管。\n    reason: test\n",
    )
    after = _haicang(study)
    assert len(after) == len(before) - 1 - 1 + 1
    merged = after[0]
    assert merged.quote.startswith("一、") and "二、按照省、市的部署" in merged.quote
    assert merged.curator_note == "test"
    assert any(c.quote.startswith("创新市场监管方式,探索信用监管") for c in after)
    assert not any("区政府办(区法制办)要结合年度重点工作安排" in c.quote for c in after)


def test_bad_corrections_are_reported_with_file_line_and_expectation(study: Project) -> None:
    path = _append(
        study,
        HAICANG,
        "  - action: rename\n    quote: 一、推进行政审批事项清理工作\n    reason: test\n"
        "  - action: family\n    quote: 一、推进行政审批事项清理工作\n    family: approval_reform\n"
        "    reason: test\n"
        "  - action: family\n    quote: 二、按照省、市的部署\n    family: happiness\n    reason: test\n"
        "  - action: exclude\n    quote: 不在文中的句子\n    reason: test\n"
        "  - action: hedge\n    quote: 附件\n    hedge: null\n    reason: test\n"
        "  - action: exclude\n    quote: 三十一、大力开展\n",
    )
    problems = _problems(study)
    text = path.read_text(encoding="utf-8").splitlines()
    first_line = next(i for i, line in enumerate(text, 1) if "action: rename" in line)

    def has(fragment: str, *, line: int | None = None) -> bool:
        return any(
            fragment in p and str(path) in p and (line is None or f"{path}:{line}:" in p)
            for p in problems
        )

    assert has("unknown action 'rename'", line=first_line)
    assert has("the rules already give family approval_reform")
    assert has("unknown family 'happiness'")
    assert has("quote not found in the document")
    assert has("the quote lies in no commitment")
    assert has("no reason (expected reason:")


def test_an_observation_outside_every_commitment_is_reported(study: Project) -> None:
    path = study.annotations_dir / "civil-affairs-bureau-undated-plan.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("commitments:")], encoding="utf-8")
    problems = _problems(study)
    assert any(
        "milestone civil-affairs-bureau-undated-plan/milestone/2" in p
        and "lies in no commitment" in p
        and "`add`" in p
        for p in problems
    ), problems


def test_profile_filters_roles_and_rejects_a_frame_without_flags(corpus: Corpus) -> None:
    import polars as pl

    frame = pl.DataFrame(rows_of(corpus.commitments))
    tasks = commitment_profile(frame, by=("document_id",), roles=("task",))
    gucheng = tasks.filter(pl.col("document_id") == "gucheng-2014-2016-work-plan").row(
        0, named=True
    )
    assert gucheng["n_commitments"] == 37 - 8
    with pytest.raises(DataError, match="missing column"):
        commitment_profile(frame.drop("hedged"))
