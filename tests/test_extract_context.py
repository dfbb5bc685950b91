"""What a claim carries: year, kind, family, indicator and table labels, one rule at a time.

The sentences here are written to test single rules; quality on real text is measured on the
development set (tests/test_evaluation.py).
"""

from __future__ import annotations

import codecs
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi_stats.errors import DecodeError
from fazhi_stats.extract.claims import Claim, extract_claims
from fazhi_stats.extract.document import separator_runs
from fazhi_stats.vocabulary import FAMILIES


def claims_of(text: str, **kwargs: object) -> list[tuple[str, object]]:
    return [(c.text, c) for c in extract_claims(text, **kwargs)]  # type: ignore[arg-type]


def by_text(text: str, **kwargs: object) -> dict[str, Claim]:
    found = extract_claims(text, **kwargs)  # type: ignore[arg-type]
    out = {c.text: c for c in found}
    assert len(out) == len(found), [c.text for c in found]
    return out


# --------------------------------------------------------------------------- the sentences


def test_the_year_of_a_clause_is_its_own() -> None:
    text = "2023总共需办理复议案件66件,2024年总共需办理复议案件151件。"
    claims = by_text(text, genre="report", period=(2024, 2024))
    assert claims["66件"].year == 2023
    assert claims["151件"].year == 2024


def test_the_base_of_a_comparison_has_the_base_year() -> None:
    text = "2020年,各地报送备案规范性文件38件,较2019年的27件增加40.7%,比2018年同期增长5件。"
    claims = by_text(text, genre="report")
    assert [claims[t].year for t in ("38件", "27件", "40.7%", "5件")] == [2020, 2019, 2020, 2020]


def test_the_reporting_calendar_is_not_a_claim() -> None:
    assert extract_claims("区政府每年第一季度向区委报告上一年度法治政府建设情况。") == []


TABLE = """2024年度行政复议案件办理情况的报告
三、行政复议申请涉及的事项
受理行政复议申请涉及的事项中,市场监管举报投诉类数量最多。具体情况见下表。
申请事项  | 举报投诉处理  | 政府信息公开  | 行政处罚  |
数量  | 75件  | 16件  | 0  |
占新受理数比例  | 49.66%  | 10.59%  | 0  |
"""


def test_table_cells_carry_their_row_and_column_labels() -> None:
    claims = extract_claims(TABLE)
    assert [(c.text, c.label) for c in claims] == [
        ("75件", "数量 / 举报投诉处理"),
        ("16件", "数量 / 政府信息公开"),
        ("0", "数量 / 行政处罚"),
        ("49.66%", "占新受理数比例 / 举报投诉处理"),
        ("10.59%", "占新受理数比例 / 政府信息公开"),
        ("0", "占新受理数比例 / 行政处罚"),
    ]
    zero = claims[2]
    assert (zero.value, zero.unit, zero.unit_std) == (0.0, "", None)
    # the caption and the heading say what the table is about; the column is one category
    assert {c.family for c in claims} == {"reconsideration_litigation"}
    assert {(c.kind, c.year) for c in claims} == {("actual", 2024)}


STACKED = """某市2014年度行政复议工作情况
全年共审结复议案件4696件。具体情况详见下图:
2014年复议案件审结情况(件)

序号

处理方式

数量

比例

1

作出维持决定

3509

74.7%

2

撤回申请后终止

678

14.4%

3

合计

4696

100%
"""


def test_a_table_captured_one_cell_per_line_is_read_as_a_table() -> None:
    claims = extract_claims(STACKED, genre="report")
    assert [(c.text, c.label) for c in claims[1:]] == [
        ("3509", "作出维持决定 / 数量"),
        ("74.7%", "作出维持决定 / 比例"),
        ("678", "撤回申请后终止 / 数量"),  # not a list marker: a cell alone on its line
        ("14.4%", "撤回申请后终止 / 比例"),
        ("4696", "合计 / 数量"),
        ("100%", "合计 / 比例"),
    ]  # the row numbers (1, 2, 3) and the header are labels, not claims
    assert {c.family for c in claims} == {"reconsideration_litigation"}
    two_columns = extract_claims("事项\n数量\n受理\n12\n办结\n10\n", genre="report")
    assert [(c.text, c.label) for c in two_columns] == [
        ("12", "受理 / 数量"),
        ("10", "办结 / 数量"),
    ]


ONE_ROW = """某局2020年度行政执法统计情况
一、行政许可申请总数为2207宗。
行政许可实施数量(宗)
申请数量
受理数量
许可数量
不予许可数量
2207
2207
2207
0
二、行政处罚实施数量(宗)
警告
罚款
没收违法
所得、没收非法财物
合计(宗)
0
293
0
293
说明:统计范围为统计年度。
"""


def test_a_table_of_one_row_captured_one_cell_per_line_is_read_as_a_table() -> None:
    claims = extract_claims(ONE_ROW, genre="report", period=(2020, 2020))
    assert [(c.text, c.label) for c in claims[1:]] == [
        # the caption before the header is no column: it stands in the rows' place
        ("2207", "行政许可实施数量(宗) / 申请数量"),
        ("2207", "行政许可实施数量(宗) / 受理数量"),
        ("2207", "行政许可实施数量(宗) / 许可数量"),
        ("0", "行政许可实施数量(宗) / 不予许可数量"),
        # a label on two lines (没收违法 / 所得、没收非法财物): the columns cannot be told
        ("0", None),
        ("293", None),
        ("0", None),
        ("293", None),
    ]
    assert {(c.kind, c.year) for c in claims} == {("actual", 2020)}


def test_a_table_of_one_row_between_bars_has_no_row_labels() -> None:
    text = (
        "行政处罚实施数量(宗) | ||||\n"
        "警告 | 罚款 | 合计(宗) | 罚没金额(万元) |\n"
        "12175 | 94929 | 108156 | 1753.79 |\n"
        "说明:并处两种以上行政处罚的,算一宗行政处罚。\n"
    )
    claims = extract_claims(text, genre="report")
    assert [(c.text, c.label) for c in claims] == [
        ("12175", "行政处罚实施数量(宗) / 警告"),  # the first figure is a cell, not a label
        ("94929", "行政处罚实施数量(宗) / 罚款"),
        ("108156", "行政处罚实施数量(宗) / 合计(宗)"),
        ("1753.79", "行政处罚实施数量(宗) / 罚没金额(万元)"),
    ]  # and the threshold of the note's condition (两种以上…的,) is no claim
    by_year = extract_claims("年份 | 受理 | 办结 |\n2023 | 12 | 10 |\n", genre="report")
    assert [(c.text, c.label) for c in by_year] == [("12", "2023 / 受理"), ("10", "2023 / 办结")]


def test_a_cell_without_unit_takes_the_one_its_column_or_caption_writes() -> None:
    text = (
        "行政处罚实施数量(宗) | ||||\n警告 | 罚款 | 罚没金额(万元) |\n12175 | 94929 | 1753.79 |\n"
    )
    claims = extract_claims(text, genre="report")
    assert [(c.text, c.value, c.unit, c.value_std, c.unit_std) for c in claims] == [
        ("12175", 12175.0, "宗", 12175.0, "count"),  # the caption's unit
        ("94929", 94929.0, "宗", 94929.0, "count"),
        ("1753.79", 1753.79, "万元", 17537900.0, "yuan"),  # the column's own wins
    ]
    captioned = extract_claims("单位:万元\n项目 | 罚款 | 没收 |\n金额 | 12.5 | 3 |\n")
    assert [(c.text, c.unit) for c in captioned] == [("12.5", "万元"), ("3", "万元")]
    # a bracket that names no unit (续: continued) leaves the cell without one
    continued = extract_claims("表一(续)\n项目 | 罚款 | 没收 |\n数量 | 12 | 3 |\n")
    assert [(c.text, c.unit) for c in continued] == [("12", ""), ("3", "")]
    stacked = by_text(STACKED, genre="report")  # 审结情况(件), a blank line above the header
    assert (stacked["3509"].unit, stacked["74.7%"].unit) == ("件", "%")


def test_rows_of_figures_under_a_header_of_merged_cells_keep_their_row_labels() -> None:
    text = (
        "单位名称 | 行政处罚实施情况 | 被复议应诉数量 | |||\n"
        "立案数量 | 结案数量 | 罚款 | 被行政复议数量 | ||\n"
        "某市自然资源局 | 10 | 10 | 2 | 0 |\n"
        "合计 | 10 | 10 | 2 | 0 |\n"
    )
    claims = extract_claims(text, genre="report")
    # the header's two lines of merged cells do not tell the columns apart: no column labels
    assert [(c.text, c.label) for c in claims] == [
        *[(v, "某市自然资源局") for v in ("10", "10", "2", "0")],
        *[(v, "合计") for v in ("10", "10", "2", "0")],
    ]
    # one row of bars is page chrome, not a table
    assert extract_claims("索引号: | 主题分类: | 814 | |||\n共办理案件12件。")[0].text == "12件"


def test_a_circled_number_is_a_list_marker_not_a_digit_of_the_number_after_it() -> None:
    """NFKC reads ③ as 3: ③13个市州 had become 313个."""
    text = "其中:③13个市州新收行政复议申请4377件;④103个县级政府中,9个收到申请超过40件。"
    claims = extract_claims(text, genre="report")
    assert [(c.text, c.value) for c in claims][:2] == [("13个", 13.0), ("4377件", 4377.0)]
    assert ("103个", 103.0) in [(c.text, c.value) for c in claims]
    assert all(text[c.char_start : c.char_end] == c.text for c in claims)


def test_a_signed_change_in_a_table_keeps_its_sign() -> None:
    text = "单位 | 2014年 | 2013年 | 增降幅度 |\n昆明市 | 375 | 227 | 65.20% |\n玉溪市 | 36 | 45 | -20.00% |\n"
    claims = extract_claims(text, genre="report")
    assert [(c.text, c.value, c.unit) for c in claims][-3:] == [
        ("36", 36.0, ""),
        ("45", 45.0, ""),
        ("-20.00%", -20.0, "%"),  # and the row after it is still read as the table's
    ]
    assert (claims[-1].label, claims[-2].year) == ("玉溪市 / 增降幅度", 2013)


def test_short_lines_without_a_column_of_figures_are_no_table() -> None:
    text = "首页\n政务公开\n通知公告\n1\n2\n3\n全年共办理行政复议案件12件。"
    [claim] = extract_claims(text, genre="report")
    assert claim.label is None and claim.text == "12件"


def test_a_year_glued_to_a_figures_number_is_no_duration() -> None:
    """图1 captured as 12014年复议案件审结情况: 12014 years is no duration."""
    text = "详见下图:\n12014年复议案件审结情况(件)\n服务期限为5年。"
    assert [c.text for c in extract_claims(text, genre="report")] == ["5年"]


def test_spaces_a_page_sets_around_its_numbers_are_not_read() -> None:
    """会议 1 次, 清单 236 项, 办理 1.3 万件: the claim is read, its offsets index the original."""
    text = (
        "全年召开专题会议 1 次,编制事项清单 236 项,网上可办率 94.3%,办理 1.3 万件。\n1 项目管理\n"
    )
    claims = extract_claims(text, genre="report")
    assert [(c.text, c.value, c.unit) for c in claims] == [
        ("1 次", 1.0, "次"),
        ("236 项", 236.0, "项"),
        ("94.3%", 94.3, "%"),
        ("1.3 万件", 1.3, "万件"),
    ]  # the 1 of a list marker at the start of a line is no count of 项
    assert all(text[c.char_start : c.char_end] == c.text for c in claims)


def test_an_earlier_item_of_a_sentence_does_not_name_the_family() -> None:
    """A report's ； separates items of work: the family of 13个 is not the online services of
    the item before it."""
    text = "政务服务事项网上可办率达94.3%;建成13个公共法律服务工作站,办理公证441件。"
    rate, stations, deeds = extract_claims(text, genre="report")
    assert rate.family == "online_services"
    assert stations.family == deeds.family == "other"
    [same] = extract_claims("行政复议方面,全年共受理案件12件。", genre="report")
    assert same.family == "reconsideration_litigation"  # named earlier in its own item


def test_work_of_no_family_named_in_its_sentence_is_other() -> None:
    """The numbers of a sentence on 人大 and 政协 supervision are of that work, not of the
    training the sentence before is about."""
    text = "全年集中学法15场次。主动接受人大监督,全年走访人大代表23人次,办结相关建议11件。"
    claims = by_text(text, genre="report")
    assert claims["15场次"].family == "training"
    assert claims["23人次"].family == claims["11件"].family == "other"


def test_a_service_named_for_what_its_user_wants_plans_nothing() -> None:
    [claim] = extract_claims("推出我要开饭店等25项个性化服务流程。", genre="report")
    assert claim.kind == "actual"  # the 要 of 我要开饭店 is no "shall"


def test_a_menu_with_bars_is_not_a_table() -> None:
    text = "首页 | 政务公开 | 通知公告\n全年共办理行政复议案件12件。"
    [claim] = extract_claims(text)
    assert claim.label is None and claim.text == "12件"


# --------------------------------------------------------------------------- year


REPORT = """某区人民政府关于2020年法治政府建设情况的报告
一、主要举措和成效
全年共办理行政复议案件10件,较2019年增长20%。
2016年4月至2020年3月期间,共承办合同4690件。
二、2021年工作计划
力争行政复议纠错率控制在10%以内。
三、下一步工作打算
确保重大行政决策合法性审查率100%。
"""


def test_year_from_clause_sentence_section_and_document() -> None:
    claims = by_text(REPORT)
    assert claims["10件"].year == 2020  # the document's year (from its title)
    assert claims["20%"].year == 2020  # 较2019年: the base of a comparison
    assert claims["4690件"].year is None  # a period of several years
    assert claims["10%以内"].year == 2021  # the section's heading
    assert claims["100%"].year == 2021  # a report's next-year section


def test_year_from_a_time_clause_a_sidecar_period_and_relative_words() -> None:
    lead = extract_claims("2019年,全县共受理复议案件8件。", period=(2020, 2020))
    assert [c.year for c in lead] == [2019]
    assert [c.year for c in extract_claims("共受理复议案件8件。", period=(2020, 2020))] == [2020]
    relative = extract_claims("去年受理12件,今年受理15件。", genre="report", period=(2020, 2020))
    assert [c.year for c in relative] == [2019, 2020]
    assert [c.year for c in extract_claims("每年举办讲座2次。", genre="plan")] == [None]


def test_a_time_clause_with_a_day_dates_its_sentence() -> None:
    text = "截至2023年3月15日,已召开51期周例会,涉及案件231件。"
    claims = by_text(text, genre="report", period=(2022, 2022))
    assert (claims["51期"].year, claims["231件"].year) == (2023, 2023)
    undated = by_text("已召开51期周例会,涉及案件231件。", genre="report", period=(2022, 2022))
    assert undated["231件"].year == 2022  # the report's year


def test_a_multi_year_plan_gives_its_recurring_targets_no_year() -> None:
    plan = "某县法治政府建设实施方案(2021-2025年)\n每年举办讲座不少于2次,到2023年覆盖率达到90%。"
    claims = by_text(plan)
    assert claims["不少于2次"].year is None
    assert claims["达到90%"].year == 2023


# --------------------------------------------------------------------------- kind


def test_kind_from_genre_section_and_wording() -> None:
    claims = by_text(REPORT)
    assert claims["10件"].kind == "actual"
    assert claims["10%以内"].kind == "target"  # 力争, and the plan section
    assert claims["100%"].kind == "target"
    report = (
        "2020年法治政府建设情况报告\n已布设自助终端50台,努力实现90%事项网上办。力争明年覆盖95%。"
    )
    claims = by_text(report)
    assert (claims["50台"].kind, claims["实现90%"].kind, claims["95%"].kind) == (
        "actual",
        "unknown",
        "target",
    )
    assert claims["实现90%"].hedged and not claims["50台"].hedged


def test_a_heading_of_the_years_work_done_is_no_section_of_targets() -> None:
    report = (
        "某镇2024年法治政府建设年度报告\n一、2024年工作开展情况\n全年召开专题会议6次。\n"
        "二、2025年工作计划\n组织培训不少于4场。\n"
    )
    claims = by_text(report)
    assert (claims["6次"].kind, claims["6次"].year) == ("actual", 2024)
    assert (claims["不少于4场"].kind, claims["不少于4场"].year) == ("target", 2025)


def test_a_heading_of_the_years_work_and_results_is_no_section_of_targets() -> None:
    """2024年主要工作举措和成效 in a report on 2024 is the year's work; 2025年主要工作 its plan."""
    report = (
        "关于2024年法治政府建设情况的报告\n一、2024年主要工作举措和成效\n全年审查文件65件。\n"
        "二、2025年主要工作\n组织培训4场。\n"
    )
    claims = by_text(report, genre="report", period=(2024, 2024))
    assert (claims["65件"].kind, claims["65件"].year) == ("actual", 2024)
    assert (claims["4场"].kind, claims["4场"].year) == ("target", 2025)


def test_a_plan_named_as_a_thing_in_a_report_does_not_make_it_a_plan() -> None:
    text = "编制完成市政府年度立法计划,推动制定出台地方性法规2件、市政府规章3件,废止2件。"
    assert {c.kind for c in extract_claims(text, genre="report")} == {"actual"}
    [planned] = extract_claims("明年计划新增调解组织3个。", genre="report")
    assert planned.kind == "target"  # 计划 as a verb still plans
    [required] = extract_claims("保证执法人员每年培训不少于40学时。", genre="report")
    assert required.kind == "target"  # 保证, as 确保


def test_a_time_clause_after_a_colon_dates_the_targets_it_opens() -> None:
    text = (
        "《方案》定下了目标:到2021年底,指标差距缩小至30%以内,全程网办率提高至90%以上。"
        "到2022年底,全程网办率提高至95%以上。"
    )
    claims = extract_claims(text, genre="plan", period=(2021, 2023))
    assert [(c.text, c.year) for c in claims] == [
        ("30%以内", 2021),
        ("90%以上", 2021),
        ("95%以上", 2022),
    ]
    # a clause after a colon that names no time leaves the year to the sentence's opening
    [claim] = extract_claims("2020年,工作措施:共办理案件12件。", genre="report")
    assert claim.year == 2020


def test_a_time_clause_opening_a_paragraph_dates_its_sentences_in_a_report() -> None:
    text = (
        "2005年,全市共收到行政复议申请63件。其中,市政府收到24件。\n"
        "2006年,全市共收到行政复议申请70件。其中,市政府收到30件。\n"
    )
    claims = extract_claims(text, genre="report", period=(2005, 2006))
    assert [(c.text, c.year) for c in claims] == [
        ("63件", 2005),
        ("24件", 2005),
        ("70件", 2006),
        ("30件", 2006),  # not the first year of the report's period
    ]
    # a plan's recurring target after a paragraph's deadline keeps no year
    plan = extract_claims("到2025年,建成法治政府。各部门每年至少举办一期培训班。", genre="plan")
    assert [(c.text, c.year) for c in plan] == [("至少举办一期", None)]


def test_the_value_of_the_year_before_is_that_years() -> None:
    text = "全省新收行政复议申请1375件,与上年的1068件相比,增长28.75%。"
    claims = by_text(text, genre="report", period=(2014, 2014))
    assert (claims["1375件"].year, claims["1068件"].year) == (2014, 2013)


def test_the_count_done_beside_the_count_planned_is_an_account() -> None:
    text = "全年计划重点检查246家次,实际重点检查253家次,完成率103%。"
    claims = extract_claims(text, genre="report")
    assert [(c.text, c.kind) for c in claims] == [
        ("246家次", "target"),
        ("253家次", "actual"),
        ("103%", "actual"),
    ]
    # 实际 with no count after it (结合实际) is no account
    [planned] = extract_claims("结合实际,计划新增调解组织3个。", genre="report")
    assert planned.kind == "target"


def test_the_documents_a_legality_review_reads_are_no_plan() -> None:
    text = "对拟以政府名义出台的80份文件进行合法性审查,出具审查意见77份。"
    assert {c.kind for c in extract_claims(text, genre="report")} == {"actual"}
    # the session of a people's congress is a name: 市五届人大四次会议
    assert [c.text for c in extract_claims("对市五届人大四次会议的建议3件。")] == ["3件"]


def test_a_title_cited_in_a_report_does_not_make_it_a_plan() -> None:
    [claim] = extract_claims("按照《2022年学法计划》,共组织学法12次。", genre="report")
    assert claim.kind == "actual"
    [drafted] = extract_claims("拟定了实施方案,共印发了15家单位的规定。", genre="report")
    assert drafted.kind == "actual"


def test_a_forecast_in_a_report_is_a_target() -> None:
    claims = by_text("目前,调撤行政诉讼案件102件,调撤率44.35%,有望提升至45%以上。", genre="report")
    assert [claims[t].kind for t in ("102件", "44.35%", "45%以上")] == [
        "actual",
        "actual",
        "target",
    ]


def test_a_required_level_in_brackets_is_a_target() -> None:
    text = "行政复议调撤率达80.9%(市考核指标50%以上),复议后纠错12件(其中撤销3件)。"
    claims = by_text(text, genre="report")
    assert claims["50%以上"].kind == "target"
    assert claims["达80.9%"].kind == claims["12件"].kind == "actual"  # before, after the brackets
    assert claims["3件"].kind == "actual"  # brackets that name no required level
    plain = by_text("一审败诉率5.22%(全市平均6%)。", genre="report")
    assert plain["6%"].kind == "actual"


def test_the_outcomes_of_a_cleanup_of_documents_are_no_plan() -> None:
    """拟继续有效, 拟废止 name what a cleanup decided, not what the government intends."""
    text = "全市累计清理文件411件(拟继续有效206件,修改后继续有效7件,已明令废止22件,拟废止3件)。"
    claims = by_text(text, genre="report")
    assert {t: c.kind for t, c in claims.items()} == dict.fromkeys(
        ("411件", "206件", "7件", "22件", "3件"), "actual"
    )
    [intended] = extract_claims("下一步,拟出台规章3件。", genre="report")
    assert intended.kind == "target"  # 拟 before what is not a cleanup's outcome still plans


def test_a_report_without_title_is_read_from_its_wording() -> None:
    text = "2019年,我县印发了实施方案,完成了改革。共受理复议案件8件,已办结7件,办结率87.5%。"
    assert {(c.kind, c.year) for c in extract_claims(text)} == {("actual", 2019)}


# --------------------------------------------------------------------------- family and indicator


def test_every_claim_has_a_family_of_the_registry() -> None:
    for text, claim in claims_of(REPORT + TABLE + "设立五个专项小组。"):
        assert claim.family in FAMILIES, text  # type: ignore[attr-defined]
    [other] = extract_claims("设立五个专项小组。")
    assert other.family == "other"


def test_indicators_of_reconsideration_follow_the_verb() -> None:
    text = (
        "2024年新受理行政复议案件151件。全年共审结行政复议申请135件,其中纠错29件,"
        "纠错率约19.2%。被申请人为县政府部门的案件140件。"
    )
    claims = by_text(text, genre="report")
    assert claims["151件"].indicator_id == "reconsideration_applications_count"
    assert claims["135件"].indicator_id == "reconsideration_decided_count"
    assert claims["29件"].indicator_id == "reconsideration_corrected_count"
    assert claims["约19.2%"].indicator_id == "reconsideration_correction_rate"
    # the departments are the respondents, not the government itself: no registry id fits
    assert claims["140件"].indicator_id is None
    assert claims["140件"].family == "reconsideration_litigation"


def test_a_forecast_and_a_required_level_borrow_the_rate_they_are_of() -> None:
    text = "行政诉讼败诉率下降至5.22%,有望突破至5%以下(市考核指标5%以下)。"
    claims = extract_claims(text, genre="report")
    assert [(c.text, c.kind, c.indicator_id) for c in claims] == [
        ("5.22%", "actual", "litigation_loss_rate"),
        ("5%以下", "target", "litigation_loss_rate"),  # a clause of a forecast only
        ("5%以下", "target", "litigation_loss_rate"),  # a remark in brackets
    ]


def test_words_of_a_police_report_name_their_own_work() -> None:
    [lectures] = extract_claims("组织开展“法治大讲堂”23次。", genre="report")
    assert lectures.family == "training"  # a 讲堂 is a lecture series, as a 讲座 is
    # 诉讼 of 刑事诉讼法 is criminal procedure, not the administrative litigation of the genre
    [books] = extract_claims("为民警配发《刑事诉讼法适用指南》等书籍380余册。", genre="report")
    assert books.family != "reconsideration_litigation"
    # 八类严重暴力案件 is a category of crime that the law names, not a count
    text = "全市命案、八类严重暴力案件破案率达95%。"
    assert [c.text for c in extract_claims(text, genre="report")] == ["达95%"]


def test_cases_that_contest_an_act_are_of_reconsideration_not_of_the_act() -> None:
    text = "从申请行政复议事项看,不服行政处罚的25件,不服行政许可的2件。"
    claims = extract_claims(text, genre="report")
    assert [(c.text, c.family, c.indicator_id) for c in claims] == [
        ("25件", "reconsideration_litigation", None),  # not the count of penalties imposed
        ("2件", "reconsideration_litigation", None),
    ]


def test_new_market_entities_are_no_count_of_entities_inspected() -> None:
    [new] = extract_claims("2020年,全区新增各类市场主体2311户。", genre="report")
    assert new.indicator_id is None
    [drawn] = extract_claims("共随机抽取357家市场主体开展检查。", genre="report")
    assert drawn.indicator_id == "market_entities_randomly_inspected_count"


def test_a_knowledge_test_is_an_exam() -> None:
    text = "组织78名领导干部参加宪法法律知识测试,全市干部100%参与线上测试。"
    assert {c.family for c in extract_claims(text, genre="report")} == {"exams"}


def test_the_noun_a_count_counts_gives_its_family() -> None:
    """审结 (decided) is a word of reconsideration; what 38件 counts is named after it."""
    [documents] = extract_claims("全年共审结38件报备的规范性文件。", genre="report")
    assert documents.family == "normative_documents"
    [cases] = extract_claims("全年共审结行政复议案件38件。", genre="report")
    assert cases.family == "reconsideration_litigation"


def test_a_rate_written_onto_a_word_of_another_family_is_that_familys() -> None:
    """纠错率 alone is reconsideration's; 备案审查…纠错率 the review of documents', 案卷评查合格率
    enforcement's (not the exams' 合格率)."""
    [review] = extract_claims("备案审查直接纠错率为5.26%。", genre="report")
    assert (review.family, review.indicator_id) == ("normative_documents", None)
    [files] = extract_claims("行政执法案卷评查合格率达98%。", genre="report")
    assert files.family == "enforcement"
    [own] = extract_claims("行政复议直接纠错率为5.26%。", genre="report")
    assert own.indicator_id == "reconsideration_correction_rate"


def test_a_rate_of_items_is_the_rates_own_measure() -> None:
    """政务服务事项网上可办率: the items are what the rate is measured of, not its family."""
    [online] = extract_claims("全县政务服务事项网上可办率达100%。", genre="report")
    assert (online.family, online.indicator_id) == ("online_services", "online_available_rate")
    [full] = extract_claims("行政许可事项网上全流程办理率达85%以上。", genre="plan")
    assert (full.family, full.indicator_id) == ("online_services", "online_full_process_rate")


def test_a_legal_opinion_takes_the_family_of_whoever_wrote_it() -> None:
    text = "对重大行政决策全面落实合法性审查,镇法律顾问全程参与,出具法律意见16余次。"
    [claim] = extract_claims(text, genre="report")
    assert claim.family == "legal_advisers"
    text = "全年共审查规范性文件24件,提出法律意见76条。"
    assert [c.family for c in extract_claims(text, genre="report")] == ["normative_documents"] * 2


def test_a_remark_in_brackets_does_not_name_the_family() -> None:
    text = "备案审查直接纠错率(指自行改正占已审结数量的比率)为5.26%。"
    [claim] = extract_claims(text, genre="report")
    assert claim.family == "normative_documents"  # not the 审结 of the remark
    [only_inside] = extract_claims("全年共办理12件(均为行政复议案件)。", genre="report")
    assert only_inside.family == "reconsideration_litigation"  # nothing outside names it


def test_a_sentence_without_family_words_takes_the_one_before_not_the_paragraphs() -> None:
    text = "今年组织合法性审查13次。召开专题会议5次。接待群众3218人次。"
    claims = by_text(text, genre="report")
    assert claims["5次"].family == "legality_review"  # the sentence before names the topic
    assert claims["3218人次"].family == "other"  # two sentences on, the paragraph has moved on


def test_trainees_are_participants_not_sessions() -> None:
    claims = by_text("举办专题讲座27期,培训学员4300余人次。", genre="report")
    assert claims["4300余人次"].indicator_id == "training_participants_count"


def test_a_class_and_its_pass_rate_have_their_families() -> None:
    claims = by_text("组织全市1.19万人参加网络专题班学习,考核通过率100%。", genre="report")
    assert (claims["1.19万人"].family, claims["100%"].family) == ("training", "exams")


def test_administrative_disputes_are_reconsideration_and_litigation() -> None:
    [claim] = extract_claims("协调化解行政争议案件231件。", genre="report")
    assert claim.family == "reconsideration_litigation"


def test_a_keyword_inside_a_word_about_something_else_is_no_hit() -> None:
    claims = by_text("协调解决企业困难128个,调解纠纷5起。", genre="report")
    assert (claims["128个"].family, claims["128个"].indicator_id) == ("other", None)
    assert claims["5起"].indicator_id == "disputes_mediated_count"
    # 建立法治 (to set up … of the rule of law) holds 立法 (legislation)
    [meetings] = extract_claims("建立法治建设季度例会制度,全年召开专题会议6次。", genre="report")
    assert meetings.family == "other"
    [laws] = extract_claims("全年完成地方立法项目3件。", genre="report")
    assert laws.family == "normative_documents"


def test_an_outcome_before_the_cases_counts_those_cases_only() -> None:
    text = (
        "全年受理一审行政诉讼案件230件,调撤一审行政诉讼案件102件,驳回行政复议申请5件,"
        "纠错行政复议案件7件。"
    )
    claims = by_text(text, genre="report")
    assert claims["230件"].indicator_id == "litigation_cases_count"
    assert claims["102件"].indicator_id is None  # withdrawn after mediation: no registry id
    assert claims["102件"].family == "reconsideration_litigation"
    assert claims["5件"].indicator_id is None  # rejected, not received
    assert claims["7件"].indicator_id == "reconsideration_corrected_count"  # its keyword: 纠错


def test_a_keyword_belongs_to_the_number_it_stands_beside() -> None:
    claims = by_text("区编办梳理全区36个区直单位的行政许可事项238项、子项445项。")
    assert claims["36个"].indicator_id is None  # counts units (…的 licensing items)
    assert claims["238项"].indicator_id == "administrative_licensing_items_count"
    assert claims["445项"].indicator_id is None  # sub-items: the keyword is the 238's
    online = by_text("网上可办率达99%;全程网办事项1627项,占比81%。", genre="report")
    assert online["达99%"].indicator_id == "online_available_rate"
    assert online["1627项"].indicator_id == "online_full_handling_items_count"
    assert online["81%"].indicator_id == "online_full_handling_rate"


def test_counts_of_the_documents_own_parts_are_not_claims() -> None:
    assert extract_claims("工作从八个方面展开。") == []
    assert [c.text for c in extract_claims("将任务细分为七方面21个要点。")] == ["21个"]


def test_a_number_the_capture_cut_off_is_a_claim_without_unit() -> None:
    [claim] = extract_claims("区级取消政务服务事项18项、申请材料525\n")[1:]
    assert (claim.text, claim.unit, claim.value) == ("525", "", 525.0)
    assert [c.text for c in extract_claims("实施方案(20")] == []


def test_a_count_whose_share_follows_is_a_claim_without_unit() -> None:
    claims = extract_claims(
        "居于前两位的是:行政处罚2100,占收到申请总数的33.9%;政府信息公开1060,占17.1%。"
    )
    assert [(c.text, c.unit, c.value) for c in claims] == [
        ("2100", "", 2100.0),
        ("33.9%", "%", 33.9),
        ("1060", "", 1060.0),
        ("17.1%", "%", 17.1),
    ]
    # 占 that is no share (占用) makes no count
    assert [c.text for c in extract_claims("表2,占用场地3处。")] == ["3处"]


# --------------------------------------------------------------------------- input


def test_bytes_are_decoded_and_offsets_index_the_decoded_text() -> None:
    text = "全年共办理案件１２件。"
    for data in (text.encode("utf-8"), text.encode("gb18030"), codecs.BOM_UTF8 + text.encode()):
        [claim] = extract_claims(data)
        assert text[claim.char_start : claim.char_end] == claim.text == "１２件"


def test_bytes_that_do_not_decode_cleanly_are_refused_with_the_offset() -> None:
    garbage = codecs.BOM_UTF16_LE + "共12件\n".encode("utf-16-le") + bytes([0x00, 0xE0, 0x41, 0x42])
    with pytest.raises(DecodeError) as info:
        extract_claims(garbage, document_id="report.txt")
    message = str(info.value)
    assert "report.txt" in message and "U+E000 at character 5 (byte 12)" in message
    assert "declares UTF-16" in message


def test_other_input_is_refused_with_what_is_expected() -> None:
    with pytest.raises(TypeError, match=r"expects a document's text \(str\) or its bytes, got int"):
        extract_claims(12)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- sentence parts

_PHRASE_CHARS = "、,:，：;；。!?！？\n"
_CLAUSE_CHARS = set(_PHRASE_CHARS) - {"、"}
_SUBSENTENCE_CHARS = set(";；。!?！？\n")


@settings(max_examples=300)
@given(st.text(alphabet=_PHRASE_CHARS + "甲乙1", max_size=40), st.data())
def test_sentence_parts_are_the_separator_runs_that_hold_a_level_character(
    text: str, data: st.DataObject
) -> None:
    # level 0: every run of separators; level 1 (clause): the runs holding , : ; 。 ! ?;
    # level 2 (sub-sentence): those holding ; 。 ! ?
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    runs = [m.span() for m in re.finditer(f"[{_PHRASE_CHARS}]+", text[start:end])]
    runs = [(a + start, b + start) for a, b in runs]
    expected = [
        runs,
        [(a, b) for a, b in runs if _CLAUSE_CHARS & set(text[a:b])],
        [(a, b) for a, b in runs if _SUBSENTENCE_CHARS & set(text[a:b])],
    ]
    for level, want in enumerate(expected):
        starts, ends = separator_runs(text, (start, end))[level]
        assert list(zip(starts, ends, strict=True)) == want, level


def test_a_change_takes_only_an_indicator_of_changes() -> None:
    # 同比下降17.65% is how much the loss rate fell, not the loss rate
    fell = by_text(
        "全县一审行政诉讼案件已审结16件,败诉0件,一审败诉率同比下降17.65%。", genre="report"
    )
    assert fell["17.65%"].indicator_id is None
    assert fell["17.65%"].family == "reconsideration_litigation"
    assert fell["0件"].indicator_id == "litigation_lost_count"
    level = by_text("全县一审行政诉讼案件败诉率为5%。", genre="report")
    assert level["5%"].indicator_id == "litigation_loss_rate"
    # an indicator of the registry that measures a change keeps its changes
    cut = by_text("目前,审批流程减少20%。", genre="report")
    assert cut["20%"].indicator_id == "approval_process_reduction_rate"


def test_a_count_of_the_documents_own_parts_is_no_claim() -> None:
    # 本指标体系 / 本办法 is the document itself; 本区 is a region, and its count is a claim
    assert extract_claims("本指标体系共设8项1级指标、32项2级指标、115项3级指标。") == []
    assert extract_claims("本办法共30条。") == []
    assert [c.text for c in extract_claims("本区共办理行政复议案件12件。")] == ["12件"]


def test_a_mirrors_pinyin_glosses_do_not_break_its_words() -> None:
    # 網(wǎng)上…辦理率 is the registry's 网上全流程办理率, 不超過(guò) its 不超过
    text = (
        "到2015年底,全省行政審批事項網(wǎng)上全流程辦理率達30%以上;到現場辦理次數不超過(guò)2次。"
    )
    rate, visits = extract_claims(text, genre="plan")
    assert (rate.indicator_id, rate.family) == ("online_full_process_rate", "online_services")
    assert (visits.text, visits.comparator, visits.year) == ("不超過(guò)2次", "le", 2015)
