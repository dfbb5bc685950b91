"""The claim extractor: what it finds, what it leaves out, its offsets and its quality."""

from __future__ import annotations

import dataclasses
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from fazhi_stats.extract.claims import RECORD_FIELDS, Claim, extract_claims
from fazhi_stats.extract.files import FileClaims, iter_claims_in_files
from fazhi_stats.extract.propose import propose_annotations, unique_quote
from fazhi_stats.extract.quality import (
    Comparison,
    Expected,
    compare,
    compare_documents,
    quality_table,
)
from fazhi_stats.extract.sections import detect_genre, document_layout
from fazhi_stats.project import Project
from fazhi_stats.sources.corpus import Corpus, validate_corpus
from fazhi_stats.sources.documents import Document
from fazhi_stats.text.quantities import CHINESE_NUMERAL_CHARS, quantity_pattern

RULE_EXAMPLES = Path(__file__).parent / "data" / "extraction_rule_examples.yml"


@pytest.fixture(scope="module")
def corpus(repo: Project) -> Corpus:
    return validate_corpus(repo)


def only(text: str, **kwargs: object) -> Claim:
    claims = extract_claims(text, **kwargs)  # type: ignore[arg-type]
    assert len(claims) == 1, [c.text for c in claims]
    return claims[0]


# --------------------------------------------------------------------------- quality on the corpus


def test_recall_and_precision_on_the_five_documents(corpus: Corpus) -> None:
    rows = quality_table(compare_documents(corpus.documents, corpus.observations))
    total = rows[-1]
    assert total.document_id == "all"
    assert [r.document_id for r in rows[:-1]] == sorted(corpus.documents)
    assert total.annotations == len(corpus.observations) >= 50
    assert total.recall is not None and total.recall >= 0.95
    assert total.precision is not None and total.precision >= 0.90
    # kind and indicator are reported; guard against regressions, not only print them
    assert total.kind_accuracy is not None and total.kind_accuracy >= 0.9
    assert total.indicator_accuracy is not None and total.indicator_accuracy >= 0.9


def _rule_examples() -> list[dict[str, object]]:
    items: list[dict[str, object]] = yaml.safe_load(RULE_EXAMPLES.read_text(encoding="utf-8"))[
        "items"
    ]
    return items


def _compare_examples(items: list[dict[str, object]]) -> list[Comparison]:
    """Each example against the claims a reader finds in it (same value, anywhere in it)."""
    out = []
    for item in items:
        text = str(item["text"])
        expected = [
            Expected(float(c["value"]), str(c["kind"]), c.get("indicator_id"), 0, len(text), "")
            for c in item.get("claims") or []  # type: ignore[attr-defined]
        ]
        claims = extract_claims(text, genre=item.get("genre"))  # type: ignore[arg-type]
        out.append(compare(str(item["id"]), claims, expected))
    return out


def test_rule_examples_pass(corpus: Corpus) -> None:
    """Self-written examples of single rules (not a measure of quality on unseen text)."""
    items = _rule_examples()
    assert len(items) >= 40
    texts = [doc.text for doc in corpus.documents.values()]
    for item in items:  # no example is copied from a corpus document
        sentence = str(item["text"]).strip().splitlines()[-1]
        assert not any(sentence in text for text in texts), item["id"]
    total = quality_table(_compare_examples(items))[-1]
    assert total.annotations >= 90
    assert total.precision is not None and total.precision >= 0.95
    assert total.recall is not None and total.recall >= 0.95
    assert total.kind_accuracy is not None and total.kind_accuracy >= 0.95
    assert total.indicator_accuracy is not None and total.indicator_accuracy >= 0.8


# Page chrome of the five documents: none of it may be inside a claim.
PAGE_CHROME = {
    "gucheng-2014-2016-work-plan": [
        "13995730051",
        "QQ:451072406",
        "鄂ICP备13008052-1号",
        "鄂公网安备 42062502000007号",
        "CopyRight 2017",
        "2013年12月17日 16:24",
        "2013年12月11日",
        "国发[2010]33号",
        "“12345”",
        "“六五”普法",
    ],
    "jiaocheng-2020-report": [
        "ND01100-0301-2020-00065",
        "宁区政文〔2020〕228号",
        "2020-12-18",
        "2020-12-31 17:48",
        "19959339217",
        "“12348”",
        "12345便民服务平台",
        "2020年12月18日",
        "宁委发〔2017〕5号",
        "中办发〔2006〕27号",
    ],
    "zhaoqing-2016-2018-implementation-plan": [
        "007141332/2016-13530",
        "肇府办函〔2016〕48号",
        "2016-04-07",
        "2016年4月7日",
        "2016年4月20日",
        "12345全民服务热线",
    ],
    "haicang-2017-work-plan": [
        "XM04101-03-02-2017-002",
        "厦海政办〔2017〕43号",
        "2017-05-11",
        "2017年5月11日",
        "2017年12月15日",
    ],
    "civil-affairs-bureau-undated-plan": ["2022-06-02 10:36:00", "5月1日"],
}
NOT_CLAIMS = {  # slogans, ordinals, names, list markers, tallies, baselines
    "jiaocheng-2020-report": [
        "“四个意识”",
        "“两个维护”",
        "第一责任人",
        "十九届二中",
        "十九届五中全会",
        "“一个统筹、四大职能”",
        "“三级四同”",
        "“3+X”",
        "3项基本职能",
        "“1+X”",
        "原来5个",
        "一个领域内一支队伍",
        "行政执法三项制度",
        "“七五”普法",
        "第一时间",
        "一、主要举措和成效",
        "三、下一步工作计划",
    ],
    "zhaoqing-2016-2018-implementation-plan": [
        "“四个全面”",
        "十八届三中",
        "一个内设机构",
        "第二批",
        "第四季度",
        "四级行政服务体系",
    ],
    "gucheng-2014-2016-work-plan": ["十八届三中全会", "(1)", "“四落实”", "“三集中、三到位”"],
    "haicang-2017-work-plan": ["“五分开”", "二十九、"],
    "civil-affairs-bureau-undated-plan": ["1完善", "19要把", "“三个代表”"],
}


def _overlapping(doc: Document, needle: str) -> list[str]:
    text = doc.text
    start = text.find(needle)
    assert start >= 0, f"{needle!r} is not in {doc.document_id}"
    spans = []
    while start >= 0:
        spans.append((start, start + len(needle)))
        start = text.find(needle, start + 1)
    claims = extract_claims(text)
    return [c.text for c in claims for a, b in spans if c.char_start < b and a < c.char_end]


@pytest.mark.parametrize(
    ("doc_id", "needle"),
    [(d, n) for table in (PAGE_CHROME, NOT_CLAIMS) for d, ns in table.items() for n in ns],
)
def test_page_chrome_and_context_numbers_are_not_claims(
    corpus: Corpus, doc_id: str, needle: str
) -> None:
    assert _overlapping(corpus.documents[doc_id], needle) == []


def test_offsets_index_the_original_text_of_every_document(corpus: Corpus) -> None:
    for doc in corpus.documents.values():
        for claim in extract_claims(doc.text, document_id=doc.document_id):
            assert doc.text[claim.char_start : claim.char_end] == claim.text
            assert claim.document == doc.document_id
            assert claim.text in claim.sentence


# --------------------------------------------------------------------------- claims in sentences


def test_mediation_sentence_values_units_and_indicators() -> None:
    text = "2020年，各级人民调解组织共排查出各类矛盾纠纷2512起，调解2454起，调处成功2447起，调处成功率达99.7%。"
    got = [(c.value, c.unit, c.indicator_id) for c in extract_claims(text, genre="report")]
    assert got == [
        (2512.0, "起", "disputes_screened_count"),
        (2454.0, "起", "disputes_mediated_count"),
        (2447.0, "起", "disputes_resolved_count"),
        (99.7, "%", "mediation_success_rate"),
    ]


def test_full_width_digits_give_offsets_in_the_original() -> None:
    text = "全年共受理投诉１０９７件。"
    claim = only(text, genre="report")
    assert (claim.char_start, claim.char_end) == (7, 12)
    assert claim.text == "１０９７件"
    assert claim.value == 1097.0 and claim.unit == "件" and claim.unit_std == "count"


def test_qualifiers_magnitudes_ranges_and_recurrences() -> None:
    assert only("开展普法活动300余场。").comparator == "gt"
    money = only("新增减税降费4.87亿元。")
    assert (money.value, money.unit, money.value_std, money.unit_std) == (
        4.87,
        "亿元",
        487000000.0,
        "yuan",
    )
    steps = only("流转环节由原来5个缩减到3至4个。")  # 5 is the baseline, not a claim
    assert (steps.value, steps.value_upper, steps.text) == (3.0, 4.0, "3至4个")
    release = only("每年每季度发布一次诚信“红黑榜”。", genre="plan")
    assert (release.value, release.per, release.value_std, release.unit_std) == (
        1.0,
        "quarter",
        4.0,
        "count_per_year",
    )
    hours = only("保证行政执法人员每年参加法律知识集中培训的时间不少于40学时。", genre="plan")
    assert (hours.comparator, hours.value_std, hours.unit_std) == ("ge", 30.0, "hour_per_year")
    assert hours.indicator_id == "enforcement_staff_training_hours_per_year"
    rate = only("调处成功率达到百分之九十九点七。")
    assert (rate.value, rate.unit) == (99.7, "%")


def test_a_distant_qualifier_sets_the_comparator_and_joins_the_span() -> None:
    claim = only("区政府每年至少举办一期领导干部法治专题培训班。", genre="plan")
    assert (claim.text, claim.comparator, claim.value, claim.unit) == (
        "至少举办一期",
        "ge",
        1.0,
        "期",
    )
    assert claim.indicator_id == "leader_law_training_courses_per_year"


@pytest.mark.parametrize(
    "text",
    [
        "坚持以“四个意识”为引领，做到“两个维护”。",
        "全面推行行政执法三项制度，深入开展七五普法。",
        "采用“3+X”建设模式。",
        "严格落实第一责任人职责，第一时间响应。",
        "认真贯彻党的十九届五中全会精神。",
        "落实省委十届十次全会、市委四届十次全会和县委十二届十次全会部署。",
        "（三）推进依法行政\n1.加强制度建设。\n一、总体要求",
        "按照宁政办〔2021〕15号文件要求，于2021年3月31日前报送。",
        "到2016年底前完成清理工作。",
        "索引号：ND01100-0301-2020-00065 发布日期：2020-12-18 17:48",
        "联系电话：0591-87654321 QQ：123456789 闽ICP备05012345号 浏览次数：1563次",
        "版权所有 © 2022 某某县人民政府",
        "由一个内设机构统一受理，调整一批职能事项，推进一体化建设。",
        "扎实推进法治政府建设三年行动计划。",
        "其中，报备数量前三位的分别是市农业农村局、市财政局。考核位列全省前10名。",
        "进一步突出法律援助、人民调解、法律咨询3项基本职能。",
        "",
        "没有任何数字的句子。",
    ],
)
def test_context_numbers_are_not_claims(text: str) -> None:
    assert extract_claims(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("近三年来，共办理案件120件。", [(120.0, "件")]),  # a period of context
        ("每两年开展一次评估。", [(2.0, "年")]),  # the 一次 belongs to the interval
        ("市四套班子领导参加，召开推进会4次。", [(4.0, "次")]),
        ("根据《行政处罚法》三十二条规定，共立案15件。", [(15.0, "件")]),
        ("先后召开会议二十余次，参训人员1.5万余人次。", [(20.0, "次"), (1.5, "万人次")]),
        # a number after 、 opens the next item of a list: it counts that item, not the list
        ("建立1个学习宣传教育阵地、2个法治人才培训基地。", [(1.0, "个"), (2.0, "个")]),
        ("连续三届三次获评先进单位。", [(3.0, "次")]),  # 届…次 names a session only before 全会
        ("目前3名工作人员在岗，提前2名完成。", [(3.0, "名"), (2.0, "名")]),  # 前 of 目前: no rank
    ],
)
def test_only_the_counts_of_a_sentence_are_claims(
    text: str, expected: list[tuple[float, str]]
) -> None:
    assert [(c.value, c.unit) for c in extract_claims(text)] == expected


def test_interval_keeps_the_years_and_drops_its_once() -> None:
    claim = only("自2018年起，一般每隔5年进行一次规章清理。", genre="plan")
    assert (claim.value, claim.unit_std, claim.year) == (5.0, "year", None)  # 2018 is a start
    assert claim.indicator_id == "regulation_cleanup_interval_years"


def test_enumerated_items_with_an_open_list_are_counted() -> None:
    claim = only("先后成立了医患纠纷、消费维权等8个专业性行业性调解组织。", genre="report")
    assert claim.value == 8.0
    assert claim.indicator_id == "professional_mediation_organisations_count"


def test_year_is_the_nearest_year_of_the_sentence() -> None:
    claim = only("到2016年底前，努力使行政审批事项网上全流程办理率达80%以上。", genre="plan")
    assert (claim.year, claim.comparator, claim.kind) == (2016, "ge", "target")
    assert claim.hedged is True
    titled = only("根据《纲要(2015-2020年)》，共办理12件。", genre="report")
    assert titled.year is None  # years inside a title are not the claim's


# --------------------------------------------------------------------------- kind and sections

REPORT = """某区人民政府关于2020年法治政府建设情况的报告
一、主要举措和成效
全年共办理行政复议案件10件，努力实现90%以上事项“最多跑一趟”。
二、下一步工作计划
保持重大行政决策合法性审查率100%。
"""


def test_kind_follows_genre_section_and_hedges() -> None:
    assert detect_genre(REPORT) == "report"
    claims = extract_claims(REPORT)
    assert [(c.value, c.kind, c.hedged) for c in claims] == [
        (10.0, "actual", False),
        (90.0, "unknown", True),
        (100.0, "target", False),
    ]
    layout = document_layout(REPORT)
    assert layout.section_kind(REPORT.index("保持")) == "target"
    assert layout.section_kind(REPORT.index("全年")) is None


def test_genre_from_the_preamble_when_the_title_is_missing() -> None:
    text = "2021年，我局扎实推进法治政府建设。现将我局2021年法治政府建设情况报告如下：\n累计召开例会4次。"
    assert detect_genre(text) == "report"
    assert [c.kind for c in extract_claims(text)] == ["actual"]
    assert detect_genre("为加快建设法治政府，特制定本方案。\n每年举办讲座2次。") == "plan"


def test_kind_in_plans_and_without_a_genre() -> None:
    plan = "关于印发《某县法治政府建设工作方案》的通知\n每年组织集中学习不少于2次。"
    assert [c.kind for c in extract_claims(plan)] == ["target"]
    assert only("截至目前，全市已建成工作站136个。").kind == "actual"
    assert only("力争到2024年底，覆盖率达到95%以上。").kind == "target"
    assert only("调解率为95%。").kind == "unknown"
    assert only("调解率为95%。", genre="plan").kind == "target"


# --------------------------------------------------------------------------- robustness


@given(st.text())
def test_spans_lie_in_any_text_and_hold_their_number(text: str) -> None:
    _check_spans(text)


_GENRE_WORDS = [
    "以上",
    "不少于",
    "每年",
    "至少",
    "达",
    "第",
    "百分之",
    "学时",
    "万元",
    "亿元",
    "共计",
]
_GENRE_ALPHABET = st.sampled_from(
    [*"0123456789０１２.,%％年月日次件名个项余一二两三十百千万〇点“”《》、，。；\n ", *_GENRE_WORDS]
)


@given(st.lists(_GENRE_ALPHABET, max_size=80).map("".join))
def test_spans_hold_their_number_in_number_dense_text(text: str) -> None:
    _check_spans(text)


def _check_spans(text: str) -> None:
    for claim in extract_claims(text):
        assert 0 <= claim.char_start < claim.char_end <= len(text)
        assert text[claim.char_start : claim.char_end] == claim.text
        normalised = unicodedata.normalize("NFKC", claim.text)
        found = list(quantity_pattern().finditer(normalised))
        assert any(ch.isdigit() or ch in CHINESE_NUMERAL_CHARS for ch in normalised)
        assert found, claim


def test_a_ten_megabyte_single_line_is_handled(corpus: Corpus) -> None:
    page = "".join(doc.text.replace("\n", "") for doc in corpus.documents.values())
    once = extract_claims(page)
    text = page * (10_000_000 // len(page.encode("utf-8")) + 1)
    assert len(text.encode("utf-8")) >= 10_000_000 and "\n" not in text
    claims = extract_claims(text)
    assert len(claims) == len(once) * (len(text) // len(page))
    last, first = claims[-1], once[-1]
    assert last.char_start == first.char_start + len(text) - len(page)
    assert text[last.char_start : last.char_end] == last.text == first.text


def test_dense_text_without_punctuation_is_handled() -> None:
    unit = "全年共办理行政复议案件27件并持续推进依法行政工作"
    text = unit * 4_000  # 100,000 characters in one sentence
    claims = extract_claims(text)
    assert len(claims) == 4_000
    assert all(text[c.char_start : c.char_end] == "27件" for c in claims[::97])
    assert max(len(c.sentence) for c in claims) <= 2 * 120 + len("27件")


def test_files_in_order_with_errors_reported(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_bytes("共办理案件12件。".encode("gb18030"))
    (tmp_path / "a.txt").write_text("全年举办讲座6场。", encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(b"\x00\x01binary\x00")
    (tmp_path / "d.txt").write_bytes(b"")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "e.txt").write_text("没有数字。", encoding="utf-8")
    one = list(iter_claims_in_files([tmp_path], jobs=1))
    two = list(iter_claims_in_files([tmp_path], jobs=2))
    assert one == two
    assert [r.document for r in one] == ["a", "b", "c", "d", "sub/e"]
    by_name: dict[str, FileClaims] = {r.document: r for r in one}
    assert [c.value for c in by_name["a"].claims] == [6.0]
    assert [c.text for c in by_name["b"].claims] == ["12件"]  # GBK decoded, offsets in the text
    assert by_name["c"].error is not None and "binary" in by_name["c"].error
    assert by_name["d"].error is not None and "empty" in by_name["d"].error
    assert by_name["sub/e"].claims == () and by_name["sub/e"].error is None
    missing = list(iter_claims_in_files([tmp_path / "nope.txt"]))
    assert missing[0].error is not None and "No such file" in missing[0].error


def test_record_has_the_documented_fields() -> None:
    record = only("共办理案件12件。").to_record()
    assert tuple(record) == RECORD_FIELDS


def test_extracted_claims_are_whole_frozen_claims() -> None:
    """The extractor makes claims without the dataclass's __init__ (speed): each must still be
    a claim equal to the one __init__ makes, with every field, and stay frozen."""
    claims = extract_claims("2020年，共排查矛盾纠纷2512起，调处成功率达99.7%，培训不少于40学时。")
    assert [c.text for c in claims] == ["2512起", "达99.7%", "不少于40学时"]
    for claim in claims:
        assert list(vars(claim)) == [f.name for f in dataclasses.fields(Claim)]
        rebuilt = Claim(**vars(claim))
        assert rebuilt == claim and hash(rebuilt) == hash(claim) and repr(rebuilt) == repr(claim)
        with pytest.raises(dataclasses.FrozenInstanceError):
            claim.value = 0.0  # type: ignore[misc]


# --------------------------------------------------------------------------- matching and drafts


def _claim(value: float, start: int, end: int, kind: str = "actual") -> Claim:
    return Claim(
        None, start, end, "", "", value, None, "件", value, None, "count", "eq", kind, None
    )  # type: ignore[arg-type]


def test_matching_needs_same_value_and_overlap_and_is_one_to_one() -> None:
    expected = [
        Expected(12.0, "actual", None, 0, 10, "a"),
        Expected(12.0, "mixed", None, 5, 20, "b"),
    ]
    claims = [_claim(12.0, 6, 8, "unknown"), _claim(12.0, 30, 32), _claim(3.0, 0, 2)]
    result = compare("d", claims, expected)
    assert len(result.matched) == 1 and result.matched[0][1].label == "b"  # larger overlap
    assert [c.char_start for c in result.extra_claims] == [30, 0]
    assert [e.label for e in result.missed] == ["a"]


def test_a_document_annotated_with_nothing_counts_every_claim_as_false(corpus: Corpus) -> None:
    doc = corpus.documents["haicang-2017-work-plan"]
    [result] = compare_documents({doc.document_id: doc}, [], document_ids=[doc.document_id])
    assert (result.n_expected, len(result.extra_claims), result.matched) == (0, 2, ())
    assert compare_documents({doc.document_id: doc}, []) == []  # not annotated: not compared


def test_unique_quote_widens_until_unique() -> None:
    text = "共办理10件。共办理10件，其中8件已办结。"
    quote, occurrence = unique_quote(text, text.index("10件", 5), text.index("10件", 5) + 3)
    assert (quote, occurrence) == ("共办理10件，其中8件已办结", None)
    twice = "共办理10件。共办理10件。"
    assert unique_quote(twice, 10, 13) == ("共办理10件", 2)


def test_proposed_entries_quote_the_document(corpus: Corpus) -> None:
    doc = corpus.documents["jiaocheng-2020-report"]
    draft = propose_annotations(doc.text, doc.document_id)
    entries = draft["observations"]
    assert len(entries) >= 30
    for entry in entries:
        assert entry["reviewed"] is False
        count = doc.text.count(entry["quote"])
        assert count == 1 or entry.get("occurrence"), entry
    kinds = {e["kind"] for e in entries}
    assert kinds <= {"actual", "target", "mixed", None}
