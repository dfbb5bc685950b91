"""Property-based fuzzing of the parser and the normaliser.

The normal test run uses hypothesis' default number of examples. The long campaign runs the same
properties with the ``fuzz`` profile (see ``benchmarks/fuzz_campaign.py``)::

    python3 -m uv run --locked --all-extras pytest tests/test_fuzz.py --hypothesis-profile=fuzz
"""

from __future__ import annotations

import math
import unicodedata

import cn2an
from hypothesis import given
from hypothesis import strategies as st

from fazhi_stats import parse_quantity
from fazhi_stats.errors import QuantityError
from fazhi_stats.registry import load_indicators, load_qualifiers
from fazhi_stats.text.textmap import normalise_text
from fazhi_stats.text.units import standardise

QUALIFIERS = load_qualifiers()
BEFORE = sorted(QUALIFIERS.before)
AFTER = sorted(w for w in QUALIFIERS.after if w not in ("余", "多"))
UNITS = [
    "场",
    "件",
    "起",
    "名",
    "人",
    "次",
    "期",
    "个",
    "项",
    "家",
    "学时",
    "元",
    "万元",
    "亿元",
    "%",
    "天",
    "小时",
]


def _arabic(n: int, cents: int | None) -> str:
    return f"{n}.{cents:02d}" if cents else str(n)


@st.composite
def written_quantities(draw: st.DrawFn) -> tuple[str, float, str, str]:
    """A quantity assembled from parts, with the value, unit and comparator it must parse to."""
    n = draw(st.integers(min_value=0, max_value=10**9))
    cents = draw(st.none() | st.integers(min_value=1, max_value=99))
    if cents is not None and cents % 10 == 0:
        cents += 1
    chinese = draw(st.booleans())
    number = cn2an.an2cn(_arabic(n, cents)) if chinese else _arabic(n, cents)
    if draw(st.booleans()) and not chinese:
        number = unicodedata.normalize("NFKC", number).translate(
            {ord(c): ord(c) + 0xFEE0 for c in "0123456789."}
        )  # full-width digits
    unit = draw(st.sampled_from(UNITS))
    position = draw(st.sampled_from(["none", "before", "after", "approx"]))
    comparator = "eq"
    text = number + unit
    if position == "before":
        word = draw(st.sampled_from(BEFORE))
        text, comparator = word + text, QUALIFIERS.before[word]
    elif position == "after":
        word = draw(st.sampled_from(AFTER))
        text, comparator = text + word, QUALIFIERS.after[word]
    elif position == "approx" and unit not in ("%",):
        text, comparator = number + "余" + unit, "gt"
    value = float(_arabic(n, cents))
    if chinese and unit in ("万元", "亿元"):
        # a Chinese numeral ending in 万/亿 swallows the magnitude: 三千万元 → 3000 万元
        pass
    return text, value, unit, comparator


@given(written_quantities())
def test_assembled_quantities_parse_back(case: tuple[str, float, str, str]) -> None:
    text, value, unit, comparator = case
    try:
        q = parse_quantity(text)
    except QuantityError:
        # the only legitimate refusal: a calendar-year-like or unit-less reading is not produced
        raise
    if q.is_calendar_year:
        assert unit == "年"
        return
    assert q.comparator == comparator, text
    magnitude = {"万元": 1e4, "亿元": 1e8}.get(unit, 1)
    assert math.isclose(q.value * _written_magnitude(q.unit), value * magnitude, rel_tol=1e-9), (
        text,
        q,
    )


def _written_magnitude(unit: str) -> float:
    return {"万": 1e4, "亿": 1e8}.get(unit[:1], 1) if len(unit) > 1 and unit[:1] in "万亿" else 1


@given(st.text(max_size=40))
def test_random_unicode_never_crashes(text: str) -> None:
    try:
        q = parse_quantity(text)
    except QuantityError as exc:
        assert str(exc)
        return
    assert math.isfinite(q.value) and q.value >= 0
    if q.value_std is not None:
        assert math.isfinite(q.value_std)


@given(
    st.lists(st.sampled_from(BEFORE), min_size=2, max_size=8),
    st.integers(0, 10**6),
    st.lists(st.sampled_from(AFTER), min_size=0, max_size=8),
)
def test_nested_qualifiers_are_refused_cleanly(before: list[str], n: int, after: list[str]) -> None:
    text = "".join(before) + str(n) + "场" + "".join(after)
    try:
        q = parse_quantity(text)
    except QuantityError as exc:
        assert "not a quantity" in str(exc)
        return
    # a qualifier that is itself made of two qualifiers (不 + 超过) may legitimately parse
    assert q.value == n


@given(st.integers(min_value=17, max_value=4000))
def test_huge_numbers_are_refused_or_finite(digits: int) -> None:
    text = "9" * digits + "亿元"
    try:
        q = parse_quantity(text)
    except QuantityError as exc:
        assert "too large" in str(exc)
        return
    assert q.value_std is not None and math.isfinite(q.value_std)


@given(st.text(max_size=300), st.data())
def test_normalised_spans_map_inside_the_original(text: str, data: st.DataObject) -> None:
    view = normalise_text(text)
    start = data.draw(st.integers(0, len(view.text)))
    end = data.draw(st.integers(start, len(view.text)))
    o0, o1 = view.to_original(start, end)
    assert 0 <= o0 <= o1 <= len(text)
    if start < end:
        assert o0 < o1


@given(
    st.floats(min_value=0, max_value=1e12, allow_nan=False), st.sampled_from(["元", "万元", "亿元"])
)
def test_standardise_money_is_exact_scaling(value: float, unit: str) -> None:
    indicator = load_indicators()["tax_fee_reduction_yuan"]
    std = standardise(value, unit, indicator)
    factor = {"元": 1, "万元": 1e4, "亿元": 1e8}[unit]
    assert math.isclose(std.value_std, value * factor, rel_tol=1e-12, abs_tol=1e-9)
    assert std.unit_std == "yuan"
