"""Chinese quantities: numerals, magnitudes, qualifiers, units, ranges."""

from __future__ import annotations

from typing import Any

import cn2an
import pytest
from hypothesis import given
from hypothesis import strategies as st

from fazhi_stats import parse_quantity
from fazhi_stats.errors import QuantityError
from fazhi_stats.settings import Settings
from fazhi_stats.text.quantities import parse_chinese_numeral, parse_number


@pytest.mark.parametrize(
    ("text", "value", "comparator", "unit", "value_std", "unit_std"),
    [
        ("六十余场", 60, "gt", "场", 60, "count"),
        ("4.87亿元", 4.87, "eq", "亿元", 487_000_000, "yuan"),
        ("53.64万元", 53.64, "eq", "万元", 536_400, "yuan"),
        ("百分之九十九点七", 99.7, "eq", "%", 99.7, "percent"),
        ("90%以上", 90, "ge", "%", 90, "percent"),
        ("不少于40学时", 40, "ge", "学时", 30, "hour"),
        ("两名", 2, "eq", "名", 2, "count"),
        ("60余场", 60, "gt", "场", 60, "count"),
        ("２５１２起", 2512, "eq", "起", 2512, "count"),
        ("99.75%", 99.75, "eq", "%", 99.75, "percent"),
        ("达到100%", 100, "eq", "%", 100, "percent"),
        ("两期以上", 2, "ge", "期", 2, "count"),
        ("1年内", 1, "le", "年", 1, "year"),
        ("约300人", 300, "approx", "人", 300, "count"),
        ("不超过5个工作日", 5, "le", "个工作日", 5, "day"),
        ("1万余人", 1, "gt", "万人", 10_000, "count"),
        ("三千万元", 3000, "eq", "万元", 30_000_000, "yuan"),
    ],
)
def test_examples(
    text: str, value: float, comparator: str, unit: str, value_std: float, unit_std: str
) -> None:
    q = parse_quantity(text)
    assert (q.value, q.comparator, q.unit) == (value, comparator, unit)
    assert q.value_std == pytest.approx(value_std, rel=1e-12)
    assert q.unit_std == unit_std
    assert not q.is_calendar_year


def test_range_has_upper_bound() -> None:
    q = parse_quantity("3至4个")
    assert (q.value, q.value_upper, q.unit, q.is_range) == (3, 4, "个", True)
    assert (q.value_std, q.value_std_upper) == (3, 4)


def test_full_width_year_is_a_date_not_a_quantity() -> None:
    for text in ("２０２０年", "2020年", "二〇二〇年"):
        q = parse_quantity(text)
        assert q.is_calendar_year, text
        assert q.value == 2020
        assert q.value_std is None and q.unit_std is None


def test_duration_in_years_is_a_quantity() -> None:
    q = parse_quantity("5年")
    assert not q.is_calendar_year
    assert (q.value_std, q.unit_std) == (5, "year")


def test_recurrence_becomes_rate_per_year() -> None:
    q = parse_quantity("每季度一次")
    assert (q.value, q.per, q.value_std, q.unit_std) == (1, "quarter", 4, "count_per_year")
    half = parse_quantity("每半年1次")
    assert (half.value_std, half.unit_std) == (2, "count_per_year")
    hours = parse_quantity("每年不少于40学时")
    assert (hours.comparator, hours.value_std, hours.unit_std) == ("ge", 30, "hour_per_year")


def test_class_hour_assumption_is_configurable() -> None:
    q = parse_quantity("40学时", settings=Settings(class_hour_minutes=60))
    assert q.value_std == 40
    assert q.assumption == "class_hour_minutes"


@pytest.mark.parametrize("text", ["", "   ", "第一", "四个意识", "abc", "3只猫咪", "十十"])
def test_unparseable_text_raises_clear_error(text: str) -> None:
    with pytest.raises(QuantityError) as info:
        parse_quantity(text)
    assert str(info.value)  # a message, not an empty exception


def test_error_message_names_the_text_and_the_expectation() -> None:
    with pytest.raises(QuantityError, match=r"not a quantity: '第一'.*expected a number"):
        parse_quantity("第一")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("六十", 60),
        ("十", 10),
        ("十五", 15),
        ("一百零五", 105),
        ("两千零五", 2005),
        ("一万二千", 12000),
        ("三亿零五十万", 300_500_000),
        ("九十九点七五", 99.75),
        ("二〇二〇", 2020),
        ("零点五", 0.5),
        ("一千零一十", 1010),
    ],
)
def test_chinese_numerals(text: str, value: float) -> None:
    assert float(parse_chinese_numeral(text)) == value


def test_parse_number_full_width_and_percent_words() -> None:
    assert float(parse_number("１２３.５")) == 123.5
    assert float(parse_number("百分之九十")) == 90
    assert float(parse_number("1,234")) == 1234


@given(st.integers(min_value=0, max_value=10**12))
def test_integer_round_trip_through_cn2an(n: int) -> None:
    """cn2an writes the numeral; our parser must read it back."""
    written = cn2an.an2cn(n)
    assert int(parse_chinese_numeral(written)) == n


@given(st.integers(min_value=0, max_value=10**8), st.integers(min_value=1, max_value=99))
def test_decimal_round_trip_through_cn2an(whole: int, frac: int) -> None:
    text = f"{whole}.{frac:02d}".rstrip("0")
    written = cn2an.an2cn(text)
    assert str(parse_chinese_numeral(written)) == text


@given(st.integers(min_value=0, max_value=10**9))
def test_our_numerals_agree_with_cn2an_parser(n: int) -> None:
    written = cn2an.an2cn(n)
    assert int(parse_chinese_numeral(written)) == int(cn2an.cn2an(written, "strict"))


@given(st.integers(min_value=0, max_value=10**6), st.sampled_from(["场", "件", "%", "万元", "名"]))
def test_arabic_quantities_round_trip(n: int, unit: str) -> None:
    q = parse_quantity(f"{n}{unit}")
    assert q.value == n
    assert q.unit == unit


@pytest.mark.parametrize(
    ("sentence", "value", "comparator"),
    [
        # real sentences of the five documents: the quantity part each carries
        ("为政府组成人员举办的法治讲座每年不得少于4次", 4, "ge"),
        ("保证行政执法人员每年参加法律知识集中培训的时间不少于40学时", 40, "ge"),
        ("网上全流程办理率达80%以上", 80, "ge"),
        ("调处成功率达99.7%", 99.7, "eq"),
        ("举办法律知识、行政执法等各类讲座60余场", 60, "gt"),
        ("2020年1-10月新增减税降费4.87亿元", 4.87, "eq"),
        ("区政府领导班子每年应当举办两期以上法治专题讲座", 2, "ge"),
    ],
)
def test_quantities_in_real_sentences(sentence: str, value: float, comparator: str) -> None:
    from fazhi_stats.text.quantities import quantity_from_match, quantity_pattern

    found = [
        quantity_from_match(m, m.group())
        for m in quantity_pattern().finditer(sentence)
        if not m.group().isdigit() or True
    ]
    matches = [q for q in found if q.value == value and not q.is_calendar_year]
    assert matches, [q.text for q in found]
    assert matches[-1].comparator == comparator


def test_magnitude_before_percent_belongs_to_the_number() -> None:
    """Found by the fuzz campaign: 一万% lost its 万 in the unit as written."""
    q = parse_quantity("一万%")
    assert (q.value, q.unit, q.value_std) == (10000, "%", 10000)


def test_numbers_too_large_are_refused() -> None:
    """Found by the fuzz campaign: a 400-digit number became inf."""
    with pytest.raises(QuantityError, match="too large"):
        parse_quantity("1" + "0" * 400 + "元")


def test_standardise_reads_a_value_in_its_indicators_unit() -> None:
    from fazhi_stats.registry import load_indicators
    from fazhi_stats.text.units import standardise

    indicators = load_indicators()
    hours = indicators["enforcement_staff_training_hours_per_year"]
    # 40 class hours of 45 minutes are 30 hours; the reader is told the assumption
    std = standardise(40, "学时", hours)
    assert (std.value_std, std.value_std_upper, std.unit_std, std.assumption) == (
        30.0,
        None,
        "hour_per_year",
        "1 学时 = 45 minutes",
    )
    hour_long = standardise(40, "学时", hours, settings=Settings(class_hour_minutes=60))
    assert (hour_long.value_std, hour_long.assumption) == (40.0, "1 学时 = 60 minutes")
    # once a quarter is four times a year; a count stated for one year already is a yearly rate
    releases = indicators["credit_red_black_list_releases_per_year"]
    assert standardise(1, "次", releases, per="quarter").value_std == 4.0
    assert standardise(3, "次", releases).value_std == 3.0
    # a range keeps its upper value, converted; a unit without an assumption states none
    money = indicators["tax_fee_reduction_yuan"]
    ranged = standardise(3, "万元", money, value_upper=4.5)
    assert (ranged.value_std, ranged.value_std_upper, ranged.unit_std, ranged.assumption) == (
        30_000.0,
        45_000.0,
        "yuan",
        None,
    )


@pytest.mark.parametrize(
    ("value", "unit", "indicator", "options", "message"),
    [
        (3, "只猫", "tax_fee_reduction_yuan", {}, "unknown unit '只猫' (not in the unit registry)"),
        (
            3,
            "次",
            "credit_red_black_list_releases_per_year",
            {"per": "fortnight"},
            "unknown recurrence 'fortnight'",
        ),
        (
            3,
            "次",
            "credit_red_black_list_releases_per_year",
            {"single_year": False},
            "credit_red_black_list_releases_per_year is a rate per year but the value covers "
            "several years and has no `per`",
        ),
        (
            3,
            "件",
            "normative_documents_issued_count",
            {"per": "quarter"},
            "normative_documents_issued_count is not a rate per year but the value recurs "
            "`per: quarter`",
        ),
        (
            3,
            "万元",
            "normative_documents_issued_count",
            {},
            "unit '万元' is yuan, indicator normative_documents_issued_count is in count",
        ),
    ],
)
def test_standardise_says_why_a_value_does_not_convert(
    value: float, unit: str, indicator: str, options: dict[str, Any], message: str
) -> None:
    from fazhi_stats.registry import load_indicators
    from fazhi_stats.text.units import UnitMismatch, standardise

    with pytest.raises(UnitMismatch) as info:
        standardise(value, unit, load_indicators()[indicator], **options)
    assert str(info.value) == message


def test_running_text_gives_the_longest_unit_and_qualifier() -> None:
    """In running text the pattern takes the longest word that fits (个工作日, not 个)."""
    from fazhi_stats.text.quantities import quantity_from_match, quantity_pattern

    sentence = "承诺办理时限不超过5个工作日，培训不少于40学时以上"
    found = [quantity_from_match(m, m.group()) for m in quantity_pattern().finditer(sentence)]
    assert [(q.text, q.unit, q.comparator) for q in found] == [
        ("不超过5个工作日", "个工作日", "le"),
        ("不少于40学时以上", "学时", "ge"),
    ]


# -- what mutation testing showed untested in text.quantities ---------------------------------


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("三点五", "3.5"),
        ("点五", "0.5"),
        ("两千三百", "2300"),
        ("两万", "20000"),
        ("一千零五", "1005"),
        ("三亿五千万", "350000000"),
        ("一万亿", "1000000000000"),
        ("二三", "23"),
    ],
)
def test_decimals_two_and_magnitudes_in_chinese_numerals(numeral: str, value: str) -> None:
    from decimal import Decimal

    from fazhi_stats.text.quantities import parse_chinese_numeral

    assert parse_chinese_numeral(numeral) == Decimal(value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("三点", "not a Chinese numeral: '三点' (digits expected after 点)"),
        ("十百", "not a Chinese numeral: '十百' (百 out of order)"),
        ("百", "not a Chinese numeral: '百' (百 without a digit)"),
        ("万", "not a Chinese numeral: '万' (万 without a number)"),
        ("一万一万", "not a Chinese numeral: '一万一万' (万 twice)"),
        ("一万二万", "not a Chinese numeral: '一万二万' (万 twice)"),
        ("abc", "not a Chinese numeral: 'abc'"),
    ],
)
def test_what_is_not_a_chinese_numeral_says_why(text: str, message: str) -> None:
    from fazhi_stats.text.quantities import parse_chinese_numeral

    with pytest.raises(QuantityError) as info:
        parse_chinese_numeral(text)
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty text is not a quantity"),
        (" ", "empty text is not a quantity"),
        ("5至3件", "range with its upper bound below its lower bound: '5至3件'"),
        ("百分之九十件", "百分之 with a unit: '百分之九十件'"),
    ],
)
def test_what_is_not_a_quantity_says_why(text: str, message: str) -> None:
    with pytest.raises(QuantityError) as info:
        parse_quantity(text)
    assert str(info.value) == message


def test_a_quantity_of_the_wrong_type_names_the_type() -> None:
    with pytest.raises(QuantityError, match=r"^expected text, got int$"):
        parse_quantity(5)  # type: ignore[arg-type]


def test_fields_of_parsed_quantities() -> None:
    year = parse_quantity("2020年")
    assert (year.text, year.value, year.unit, year.comparator, year.is_calendar_year) == (
        "2020年",
        2020,
        "年",
        "eq",
        True,
    )
    assert (year.value_std, year.unit_std) == (None, None)
    plain = parse_quantity("12项")
    assert (plain.value_std, plain.unit_std, plain.assumption, plain.per) == (
        12,
        "count",
        None,
        None,
    )
    assert not plain.is_calendar_year and not plain.is_percent_words
    tenthousands = parse_quantity("五万人")
    assert (tenthousands.value, tenthousands.value_std) == (5, 50000)
    ranged = parse_quantity("3至5万人")  # the magnitude written once applies to both ends
    assert (ranged.value_std, ranged.value_std_upper) == (30000, 50000)
    same = parse_quantity("5至5件")
    assert (same.value, same.value_upper) == (5, 5)
    quarterly = parse_quantity("每季度1至2次")
    assert (quarterly.per, quarterly.unit_std) == ("quarter", "count_per_year")
    assert (quarterly.value_std, quarterly.value_std_upper) == (4, 8)
    words = parse_quantity("百分之三十至五十")
    assert words.is_percent_words
    assert (words.value_std, words.value_std_upper, words.unit_std) == (30, 50, "percent")


@pytest.mark.parametrize(
    ("sentence", "number", "quantity"),
    [
        ("组织培训每年不少于2次。", "2", "每年不少于2次"),  # recurrence and qualifier before it
        ("办结率达到98%以上，", "98", "达到98%以上"),  # 达到 (reaching) is part of it
        ("办结率98%以上，", "98", "98%以上"),  # 率 before it qualifies nothing
        ("共受理325件", "325", "325件"),
        ("7", "7", "7"),  # the number opens the text
        ("约有12个", "12", "12个"),  # 约 is not right before the number: not its qualifier
    ],
)
def test_the_quantity_at_a_number_takes_the_words_that_qualify_it(
    sentence: str, number: str, quantity: str
) -> None:
    from fazhi_stats.text.quantities import quantity_at
    from fazhi_stats.text.reader import QuantityReader

    start = sentence.index(number)
    match = quantity_at(sentence, start)
    assert match is not None and match.group() == quantity
    reader = QuantityReader()  # the same through a reader that keeps the vocabulary
    again = reader.at(sentence, start)
    assert again is not None and again.group() == quantity
    assert reader.read(again, again.group()).text == quantity


def test_no_quantity_where_no_number_starts() -> None:
    from fazhi_stats.text.quantities import quantity_at

    assert quantity_at("依法行政", 2) is None


def test_a_reader_remembers_what_it_read_and_why_it_failed() -> None:
    """Quantities read once are not read again (a bounded table); a refusal is raised again,
    each time as a new error with the same message."""
    import fazhi_stats.text.quantities as quantities
    import fazhi_stats.text.reader as readers

    reader = readers.QuantityReader()
    text = "共办理案件12件"
    match = quantities.quantity_at(text, text.index("12"), reader.vocabulary)
    assert match is not None
    first = reader.read(match, match.group())
    assert reader.read(match, match.group()) is first
    assert (first.value, first.unit_std) == (12.0, "count")
    assert reader.parse("不少于40学时").value_std == 30.0
    with pytest.raises(QuantityError, match="not a quantity") as one:
        reader.parse("学时")
    with pytest.raises(QuantityError, match="not a quantity") as two:
        reader.parse("学时")
    assert one.value is not two.value and str(one.value) == str(two.value)
    memo = reader.vocabulary.read_before
    for n in range(readers.READ_BEFORE_LIMIT + 10):
        reader.parse(f"{n}件")
    assert 0 < len(memo) <= readers.READ_BEFORE_LIMIT
    assert reader.parse("4095件").value == 4095.0


def test_a_ratio_against_one_is_its_first_term() -> None:
    q = parse_quantity("1.04:1")
    assert (q.value, q.unit, q.value_std, q.unit_std) == (1.04, ":1", 1.04, "ratio")
    assert parse_quantity("1.2∶1").unit_std == "ratio"  # the ratio sign U+2236


def test_a_ratio_in_a_report_is_a_claim_and_a_clock_time_is_not() -> None:
    from fazhi_stats.extract.claims import extract_claims

    text = "截止10月底达到1.04:1,会议于10:15召开,办理案件12件。"
    claims = [(c.text, c.value, c.unit_std) for c in extract_claims(text, genre="report")]
    assert claims == [("达到1.04:1", 1.04, "ratio"), ("12件", 12.0, "count")]


def test_minutes_and_us_dollars_are_units_of_their_own() -> None:
    assert (parse_quantity("10分钟").value_std, parse_quantity("10分钟").unit_std) == (10, "minute")
    dollars = parse_quantity("1.98亿美元")
    assert (dollars.value_std, dollars.unit_std) == (198_000_000, "usd")  # not yuan


def test_shi_fen_is_very_not_ten_minutes() -> None:
    from fazhi_stats.extract.claims import extract_claims

    claims = extract_claims("这项工作十分重要,最快三十分钟办结。", genre="report")
    assert [(c.text, c.value, c.unit_std) for c in claims] == [("三十分钟", 30.0, "minute")]


def test_case_times_count_as_cases_with_their_unit_kept() -> None:
    """件次 (cases × times, as 人次 is persons × times), 家次 (firms × visits), 场次, 批次 and 轮次
    are counts written whole, not 件, 家, 场 or 批 and a stray 次."""
    from fazhi_stats.extract.claims import extract_claims

    claims = extract_claims(
        "行政机关负责人出庭应诉38件次,新增规范性文件备案12件次。", genre="report"
    )
    assert [(c.text, c.unit, c.unit_std) for c in claims] == [
        ("38件次", "件次", "count"),
        ("12件次", "件次", "count"),
    ]
    claims = extract_claims(
        "举办法治讲座200余场次,开展42批次抽查,完成案卷2轮次评查。", genre="report"
    )
    assert [(c.text, c.unit) for c in claims] == [
        ("200余场次", "场次"),
        ("42批次", "批次"),
        ("2轮次", "轮次"),
    ]
    [visits] = extract_claims("开展行政执法检查457家次。", genre="report")
    assert (visits.text, visits.unit, visits.unit_std) == ("457家次", "家次", "count")
