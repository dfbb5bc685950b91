"""normalise_panel: the issue's hand-worked examples, interval properties, bad input."""

from __future__ import annotations

import math

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from panel_data import panel_rows

from fazhi_stats import normalise_panel
from fazhi_stats.errors import DataError

THREE = {"a": 10.0, "b": 20.0, "c": 40.0}


def scores(rows: list[dict], backend=None, **kw) -> pl.DataFrame:
    frame = pl.DataFrame(rows)
    if backend is None:
        return normalise_panel(frame, **kw).sort("region_code", "year")
    return backend.result(normalise_panel(backend.frame(frame), **kw)).sort("region_code", "year")


def test_minmax_and_zscore_of_10_20_40(backend) -> None:
    mm = scores(panel_rows(THREE), backend, method="minmax")
    assert mm["score_lower"].to_list() == pytest.approx([0, 1 / 3, 1])
    assert mm["score_upper"].to_list() == mm["score_lower"].to_list()
    z = scores(panel_rows(THREE), backend, method="zscore")
    mean, sd = 70 / 3, math.sqrt(((10 - 70 / 3) ** 2 + (20 - 70 / 3) ** 2 + (40 - 70 / 3) ** 2) / 2)
    assert sd == pytest.approx(15.275, abs=1e-3)
    assert z["score_lower"].to_list() == pytest.approx([(x - mean) / sd for x in (10, 20, 40)])
    # the parameters used travel with the scores
    row = z.row(0, named=True)
    assert (row["param_min"], row["param_max"], row["n_group"]) == (10.0, 40.0, 3)
    assert (row["param_mean"], row["param_sd"]) == pytest.approx((mean, sd))


def test_lower_is_better_flips_the_order() -> None:
    flipped = scores(panel_rows(THREE, direction="lower_is_better"), method="minmax")
    assert flipped["score_lower"].to_list() == pytest.approx([1, 2 / 3, 0])
    ranked = scores(panel_rows(THREE, direction="lower_is_better"), method="rank")
    assert ranked["score_lower"].to_list() == [3.0, 2.0, 1.0]


def test_an_interval_between_10_and_40_scores_one_third_to_two_thirds(backend) -> None:
    rows = panel_rows({"a": 10.0, "b": (20.0, 30.0), "c": 40.0})
    b = scores(rows, backend, method="minmax").row(1, named=True)
    assert (b["score_lower"], b["score_upper"]) == pytest.approx((1 / 3, 2 / 3))


def test_goalposts_clip(backend) -> None:
    rows = panel_rows({"a": 99.7, "b": 120.0}, unit="percent")
    out = scores(rows, backend, method="goalposts", goalposts={"x": (0.0, 100.0)})
    assert out["score_lower"].to_list() == pytest.approx([0.997, 1.0])
    assert out["param_goal_upper"].to_list() == [100.0, 100.0]
    down = scores(
        panel_rows({"a": 25.0}, direction="lower_is_better"),
        method="goalposts",
        goalposts={"x": (0.0, 100.0)},
    )
    assert down["score_lower"].to_list() == pytest.approx([0.75])


def test_distance_to_target_and_a_zero_target(backend) -> None:
    rows = panel_rows({"a": 45.0, "b": (60.0, None)})
    out = scores(rows, backend, method="distance_to_target", targets={"x": 90.0})
    assert out["score_lower"].to_list() == pytest.approx([0.5, 60 / 90])
    assert out["score_upper"].to_list() == pytest.approx([0.5, 1.0])
    per_cell = pl.DataFrame(
        {"region_code": ["a"], "year": [2020], "indicator_id": ["x"], "target": [0.0]}
    )
    zero = scores(rows, method="distance_to_target", targets=per_cell)
    assert zero["score_lower"].to_list() == [None, None]
    assert zero["score_note"].to_list() == ["target is not positive: no ratio", "no target"]


def test_constant_and_single_values_get_no_score_with_a_reason() -> None:
    flat = scores(panel_rows({"a": 5.0, "b": 5.0}), method="zscore")
    assert flat["score_lower"].to_list() == [None, None]
    assert set(flat["score_note"]) == {"no spread: every value in the group is the same"}
    single = scores(panel_rows({"a": 5.0}), method="minmax")
    assert single["score_note"].to_list() == ["a single value in its group: no spread"]
    ranked = scores(panel_rows({"a": 5.0, "b": 5.0}), method="rank")
    assert ranked["score_lower"].to_list() == [1.5, 1.5]  # ties share the average rank


def test_by_year_or_pooled() -> None:
    rows = panel_rows({"a": 10.0, "b": 20.0}, year=2019) + panel_rows({"a": 30.0, "b": 40.0})
    per_year = scores(rows, method="minmax", by="year")
    assert per_year["score_lower"].to_list() == [0.0, 0.0, 1.0, 1.0]
    pooled = scores(rows, method="minmax", by=None)
    assert pooled["score_lower"].to_list() == pytest.approx([0, 2 / 3, 1 / 3, 1])
    assert set(pooled["normalised_by"]) == {"all"}


def test_bad_input_is_named() -> None:
    mixed = panel_rows({"a": 1.0}) + panel_rows({"b": 2.0}, unit="percent")
    with pytest.raises(DataError, match=r"indicator x: values in several units"):
        normalise_panel(pl.DataFrame(mixed))
    with pytest.raises(DataError) as info:
        normalise_panel(
            pl.DataFrame(panel_rows(THREE)),
            method="goalposts",
            goalposts={"x": (100.0, 100.0), "y": (0.0, 1.0)},
        )
    message = str(info.value)
    assert "lower 100.0 is not below upper 100.0" in message
    assert "indicator y: not in the panel" in message
    with pytest.raises(DataError, match="missing column"):
        normalise_panel(pl.DataFrame({"region_code": ["a"]}))


# -- properties -------------------------------------------------------------------------------

METHODS = ("minmax", "zscore", "rank", "percentile_rank")
value = st.floats(-1000, 1000, allow_nan=False).map(lambda x: round(x, 3))


@st.composite
def interval_panels(draw: st.DrawFn) -> list[tuple[float, float]]:
    n = draw(st.integers(2, 7))
    out = []
    for _ in range(n):
        lo = draw(value)
        width = draw(st.sampled_from([0.0, 0.0, 1.0, 10.0, 100.0]))
        out.append((lo, lo + width))
    return out


def _score_bounds(intervals, method, direction="higher_is_better"):
    rows = panel_rows({f"r{i}": iv for i, iv in enumerate(intervals)}, direction=direction)
    out = scores(rows, method=method)
    return out["score_lower"].to_numpy(), out["score_upper"].to_numpy(), out["score_note"]


@settings(max_examples=60)
@given(interval_panels(), st.sampled_from(METHODS), st.data())
def test_interval_scores_contain_the_scores_of_sampled_points(intervals, method, data) -> None:
    s_lo, s_hi, notes = _score_bounds(intervals, method)
    if notes.null_count() < len(notes):
        return  # no spread: documented as no score
    assert np.all(np.isfinite(s_lo)) and np.all(s_lo <= s_hi + 1e-12)
    for _ in range(3):
        u = [data.draw(st.floats(0, 1)) for _ in intervals]
        points = [lo + t * (hi - lo) for (lo, hi), t in zip(intervals, u, strict=True)]
        p_lo, p_hi, p_notes = _score_bounds([(p, p) for p in points], method)
        if p_notes.null_count() < len(p_notes):
            continue
        assert np.array_equal(p_lo, p_hi)
        assert np.all(p_lo >= s_lo - 1e-9) and np.all(p_lo <= s_hi + 1e-9)


@settings(max_examples=40)
@given(st.lists(value, min_size=2, max_size=8, unique=True), st.sampled_from(METHODS))
def test_order_is_kept_and_direction_flips_it(points, method) -> None:
    up, _, _ = _score_bounds([(p, p) for p in points], method)
    down, _, _ = _score_bounds([(p, p) for p in points], method, "lower_is_better")
    order = np.argsort(points)
    assert np.all(np.diff(up[order]) > 0)
    assert np.all(np.diff(down[order]) < 0)


def test_open_ends_give_finite_scores_never_nan_or_inf() -> None:
    rows = panel_rows({"a": (60.0, None), "b": (None, 5.0), "c": 20.0, "d": (10.0, 30.0)})
    for method in METHODS:
        out = scores(rows, method=method)
        s = out.select("score_lower", "score_upper").to_numpy()
        assert np.all(np.isfinite(s)), method
        assert np.all(s[:, 0] <= s[:, 1]), method
