"""Intervals from comparators: the table, the set relations, and scalar = vectorised."""

from __future__ import annotations

import math

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from fazhi_stats.compare.intervals import (
    Interval,
    disjoint_expr,
    interval_exprs,
    interval_of,
    subset_expr,
)
from fazhi_stats.errors import FazhiError
from fazhi_stats.settings import Settings
from fazhi_stats.vocabulary import COMPARATORS


@pytest.mark.parametrize(
    ("comparator", "value", "upper", "expected"),
    [
        ("eq", 99.7, None, "[99.7, 99.7]"),
        ("eq", 3, 4, "[3, 4]"),
        ("ge", 90, None, "[90, +inf)"),
        ("gt", 60, None, "(60, +inf)"),
        ("le", 1, None, "(-inf, 1]"),
        ("lt", 5, None, "(-inf, 5)"),
        ("approx", 80, None, "[76, 84]"),
        ("approx", 3, 4, "[2.85, 4.2]"),
        ("approx", -10, None, "[-10.5, -9.5]"),
    ],
)
def test_comparator_table(
    comparator: str, value: float, upper: float | None, expected: str
) -> None:
    assert interval_of(comparator, value, upper).text() == expected


def test_approx_tolerance_is_an_option_and_validated() -> None:
    assert interval_of("approx", 80, approx_tolerance=0.1).text() == "[72, 88]"
    assert interval_of("approx", 80, approx_tolerance=0).text() == "[80, 80]"
    with pytest.raises(FazhiError, match="approx_tolerance"):
        Settings(approx_tolerance=1.5)
    assert "±5 %" in Settings().describe("approx_tolerance")


def test_set_relations() -> None:
    more_than_60 = interval_of("gt", 60)
    at_least_4 = interval_of("ge", 4)
    assert more_than_60.is_subset_of(at_least_4)  # 60余场 meets 不少于4次
    assert not at_least_4.is_subset_of(more_than_60)
    # at least 78 against at least 80: some values meet it, some do not
    at_least_78, at_least_80 = interval_of("ge", 78), interval_of("ge", 80)
    assert not at_least_78.is_subset_of(at_least_80)
    assert not at_least_78.is_disjoint_from(at_least_80)
    # touching ends: disjoint only when one of them is open
    assert interval_of("lt", 5).is_disjoint_from(interval_of("ge", 5))
    assert not interval_of("le", 5).is_disjoint_from(interval_of("ge", 5))
    assert interval_of("le", 5).is_disjoint_from(interval_of("gt", 5))
    assert Interval.point(100).is_subset_of(interval_of("ge", 100))
    assert not Interval.point(100).is_subset_of(interval_of("gt", 100))
    assert interval_of("eq", 45).contains(45) and not interval_of("gt", 45).contains(45)


def test_difference_is_interval_arithmetic() -> None:
    assert (interval_of("gt", 60) - Interval.point(4)).text() == "(56, +inf)"
    assert (interval_of("eq", 3, 4) - interval_of("eq", 1, 2)).text() == "[1, 3]"
    assert (Interval.point(75) - Interval.point(80)).text() == "[-5, -5]"


def test_subtraction_keeps_each_open_end() -> None:
    # x − y is open at an end where x or the opposite end of y is open
    assert (Interval(1, 2) - Interval(0, 1, lower_closed=False)).text() == "[0, 2)"
    assert (Interval(1, 2, lower_closed=False) - Interval(0, 1)).text() == "(0, 2]"
    assert (Interval(1, 2) - Interval(0, 1, upper_closed=False)).text() == "(0, 2]"
    assert (Interval(1, 2, upper_closed=False) - Interval(0, 1)).text() == "[0, 2)"


def test_membership_at_open_and_closed_ends() -> None:
    closed, open_ = Interval(1, 2), Interval(1, 2, lower_closed=False, upper_closed=False)
    assert [closed.contains(x) for x in (0.5, 1, 1.5, 2, 2.5)] == [False, True, True, True, False]
    assert [open_.contains(x) for x in (0.5, 1, 1.5, 2, 2.5)] == [False, False, True, False, False]


def test_finite_bounds_leave_out_infinite_ends() -> None:
    assert Interval(1, 2).finite_bounds() == [1, 2]
    assert interval_of("gt", 60).finite_bounds() == [60]
    assert interval_of("le", 5).finite_bounds() == [5]
    assert Interval(-math.inf, math.inf).finite_bounds() == []


def test_infinite_ends_are_open_and_empty_intervals_are_refused() -> None:
    assert not Interval(1, math.inf, True, True).upper_closed
    with pytest.raises(FazhiError, match="empty interval"):
        Interval(2, 1)
    with pytest.raises(FazhiError, match="empty interval"):
        Interval(1, 1, lower_closed=False)


def test_bad_comparators_and_ranges() -> None:
    with pytest.raises(FazhiError, match="comparator None is not one of"):
        interval_of(None, 4)  # type: ignore[arg-type]
    with pytest.raises(FazhiError, match="ambiguous"):
        interval_of("ge", 3, 4)


comparators = st.sampled_from(COMPARATORS.ids)
values = st.integers(-5, 5).map(float)  # small integers make touching ends likely


@st.composite
def written(draw: st.DrawFn) -> tuple[str, float, float | None]:
    comparator = draw(comparators)
    value = draw(values)
    if comparator in ("eq", "approx") and draw(st.booleans()):
        return comparator, value, value + draw(st.integers(0, 3))
    return comparator, value, None


@given(st.lists(st.tuples(written(), written()), min_size=1, max_size=20))
def test_vectorised_relations_agree_with_scalar_ones(
    pairs: list[tuple[tuple[str, float, float | None], tuple[str, float, float | None]]],
) -> None:
    frame = pl.DataFrame(
        {
            "ca": [a[0] for a, _ in pairs],
            "va": [a[1] for a, _ in pairs],
            "ua": [a[2] for a, _ in pairs],
            "cb": [b[0] for _, b in pairs],
            "vb": [b[1] for _, b in pairs],
            "ub": [b[2] for _, b in pairs],
        },
        schema={
            c: pl.String if c.startswith("c") else pl.Float64
            for c in ("ca", "va", "ua", "cb", "vb", "ub")
        },
    )
    a = interval_exprs(pl.col("ca"), pl.col("va"), pl.col("ua"))
    b = interval_exprs(pl.col("cb"), pl.col("vb"), pl.col("ub"))
    out = frame.select(
        subset=subset_expr(a, b),
        disjoint=disjoint_expr(a, b),
        lower=a.lower,
        upper=a.upper,
        lower_closed=a.lower_closed,
        upper_closed=a.upper_closed,
    )
    for (wa, wb), row in zip(pairs, out.iter_rows(named=True), strict=True):
        ia, ib = interval_of(*wa), interval_of(*wb)
        assert row["subset"] == ia.is_subset_of(ib), (ia, ib)
        assert row["disjoint"] == ia.is_disjoint_from(ib), (ia, ib)
        assert Interval(row["lower"], row["upper"], row["lower_closed"], row["upper_closed"]) == ia
        # a non-empty interval cannot be inside and outside another at once
        assert not (row["subset"] and row["disjoint"])
        assert ia.is_subset_of(ia)
