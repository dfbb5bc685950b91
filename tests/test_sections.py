"""Genre, title, period and headings of a document, read from its text."""

from __future__ import annotations

from fazhi_stats.extract.sections import Heading, document_layout, find_headings

_TITLE = "关于2020年法治政府建设情况的报告"  # 18 characters


def test_a_title_line_padded_beyond_the_limit_is_a_title_once_stripped() -> None:
    # 80 ideographic spaces before and dashes after: over 90 characters raw, 18 stripped
    for line in ("\u3000" * 80 + _TITLE, _TITLE + "-" * 80 + "\r", " " * 40 + _TITLE + "\t" * 40):
        text = "某市人民政府\n" + line + "\n一、主要成效\n共办理10件。"
        layout = document_layout(text)
        assert (layout.genre, layout.period) == ("report", (2020, 2020))
        assert layout.title_end == len("某市人民政府\n" + line + "\n")


def test_a_long_line_with_a_hint_is_a_paragraph_not_a_title() -> None:
    paragraph = "关于2020年法治政府建设情况的报告" + "要" * 80  # 98 characters, nothing to strip
    layout = document_layout(paragraph + "\n一、主要成效\n共办理10件。")
    assert layout.title_end == 0
    assert layout.period is None


def test_a_title_at_the_end_of_the_head_ends_there() -> None:
    # the line starts at 3986 and runs on past 4000: what the head holds of it is the title
    text = "。" * 3985 + "\n关于2020年工作的报告" + "工作情况" * 5
    layout = document_layout(text)
    assert (layout.genre, layout.title_end) == ("report", 4000)  # cut by the head, no line end
    assert layout.period == (2020, 2020)


def test_headings_with_their_levels_targets_and_years() -> None:
    text = "一、2020年的成效\n(一)2019年和2020年的对比\n1.共办理10件\n二、2021年工作打算\n正文"
    assert find_headings(text) == (
        Heading(0, 10, 1, False, 2020),
        Heading(11, 28, 2, False, None),  # two years: none is the section's
        Heading(29, 37, 3, False, None),
        Heading(38, 49, 1, True, 2021),
    )


def test_a_years_enforcement_statistics_are_a_report_on_that_year() -> None:
    """The figures departments publish under the 行政执法公示 rules account for a year."""
    for title in (
        "第一部分 庆元县2024年度行政执法数据表",
        "郑州市城市管理局2024年度行政执法统计情况",
        "某市2024年度行政执法工作统计年报",
        "全区2024年安全生产行政执法统计情况通报",
    ):
        layout = document_layout(f"目 录\n{title}\n表一\n申请数量 | 受理数量 |\n12 | 10 |\n")
        assert (layout.genre, layout.period) == ("report", (2024, 2024)), title
    # a notice about compiling them asks for work: a plan
    notice = document_layout("关于做好2024年度行政执法数据统计工作的通知\n各单位:\n")
    assert notice.genre == "plan"
