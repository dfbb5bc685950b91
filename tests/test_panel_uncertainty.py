"""rank_uncertainty and the Sobol' indices: determinism, collapse, bounds, refusals."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
from panel_data import panel_rows

from fazhi_stats import Method, Vary, rank_uncertainty
from fazhi_stats.errors import DataError
from fazhi_stats.panel.sensitivity import design, indices


def small_panel(intervals: bool = True) -> pl.DataFrame:
    rng = np.random.default_rng(7)
    rows = []
    for k, ind in enumerate(("x", "y", "z")):
        values = {}
        for r in range(6):
            lo = float(rng.integers(0, 100))
            width = float(rng.integers(1, 30)) if intervals and r % 2 else 0.0
            values[f"r{r}"] = (lo, lo + width)
        rows += panel_rows(
            values, indicator=ind, direction="lower_is_better" if k == 2 else "higher_is_better"
        )
    return pl.DataFrame(rows)


def test_same_seed_same_numbers(backend) -> None:
    panel = backend.frame(small_panel())
    vary = Vary(weights=0.3, normalisations=("rank",))
    one = rank_uncertainty(panel, Method(), draws=160, seed=11, vary=vary)
    two = rank_uncertainty(panel, Method(), draws=160, seed=11, vary=vary)
    assert backend.result(one.ranks).equals(backend.result(two.ranks))
    assert backend.result(one.sensitivity).equals(backend.result(two.sensitivity))
    other = rank_uncertainty(panel, Method(), draws=160, seed=12, vary=vary)
    assert not backend.result(one.sensitivity).equals(backend.result(other.sensitivity))
    assert one.factors == ("values", "weights", "normalisation")
    assert one.n_evaluations == 32 * 5  # N(k + 2) with N a power of two


def test_point_inputs_collapse_to_the_deterministic_rank() -> None:
    panel = small_panel(intervals=False)
    result = rank_uncertainty(panel, Method(), draws=100, seed=1)
    ranks = result.ranks.sort("region_code")
    deterministic = Method().apply(panel).sort("region_code")
    assert deterministic["rank_best"].equals(deterministic["rank_worst"])
    for column in ("nominal_rank", "median_rank", "rank_p05", "rank_p95"):
        assert ranks[column].to_list() == deterministic["rank_best"].to_list(), column
    assert ranks["median_index"].to_list() == pytest.approx(deterministic["index_lower"].to_list())
    sens = result.sensitivity.row(0, named=True)
    assert (sens["first_order"], sens["total_order"]) == (0.0, 0.0)
    assert sens["note"] == "the ranks do not vary: every index is 0"


def test_drawn_ranks_stay_inside_the_interval_rank_bounds() -> None:
    panel = small_panel()
    result = rank_uncertainty(panel, Method(), draws=300, seed=5)
    bounds = Method().apply(panel).select("region_code", "rank_best", "rank_worst")
    joined = result.ranks.join(bounds, on="region_code")
    assert (joined["rank_p05"] >= joined["rank_best"]).all()
    assert (joined["rank_p95"] <= joined["rank_worst"]).all()
    assert (joined["rank_p05"] <= joined["median_rank"]).all()
    assert (joined["median_rank"] <= joined["rank_p95"]).all()
    assert (joined["rank_p05"] < joined["rank_p95"]).any()  # the intervals do move ranks


def test_an_input_that_changes_nothing_has_zero_indices() -> None:
    # no value of the panel is in 学时, so varying its minutes can change no rank
    result = rank_uncertainty(
        small_panel(), Method(), draws=200, seed=3, vary=Vary(class_hour_minutes=(40.0, 60.0))
    )
    sens = {r["factor"]: r for r in result.sensitivity.iter_rows(named=True)}
    assert sens["class_hour_minutes"]["first_order"] == 0.0
    assert sens["class_hour_minutes"]["total_order"] == 0.0
    assert sens["values"]["total_order"] > 0.5


def test_class_hours_and_tolerance_move_the_values_they_govern() -> None:
    panel = pl.DataFrame(panel_rows({"a": 30.0, "b": 31.0, "c": 20.0})).with_columns(
        class_hour_minutes=pl.when(pl.col("region_code") == "a").then(45.0),
    )
    result = rank_uncertainty(
        panel, Method(), draws=200, seed=3, vary=Vary(values=False, class_hour_minutes=(40.0, 50.0))
    )
    a = result.ranks.filter(pl.col("region_code") == "a").row(0, named=True)
    # 30 h at 45 min per 学时 is 26.7–33.3 h at 40–50 min: above or below b's 31 h
    assert (a["rank_p05"], a["rank_p95"]) == (1.0, 2.0)
    assert result.sensitivity["total_order"][0] > 0.9


def test_refuses_where_there_is_nothing_to_rank() -> None:
    one_region = pl.DataFrame(
        panel_rows({"350902": 5.0}) + panel_rows({"350902": 7.0}, indicator="y")
    )
    with pytest.raises(DataError) as info:
        rank_uncertainty(one_region, Method(), draws=50)
    assert "year 2020: 1 region in this year: nothing to rank against" in str(info.value)


def test_bad_ranges_are_named() -> None:
    with pytest.raises(DataError) as info:
        Vary(approx_tolerance=(0.2, 0.1), weights=1.5, normalisations=("nope",))  # type: ignore[arg-type]
    message = str(info.value)
    assert "approx_tolerance" in message and "weights" in message and "nope" in message


def test_sobol_indices_of_the_ishigami_function() -> None:
    """The SALib wrappers against the analytic indices of Ishigami (a = 7, b = 0.1)."""
    bounds = [(-np.pi, np.pi)] * 3
    x = design(bounds, 2**12 * 5, seed=2)
    y = np.sin(x[:, 0]) + 7 * np.sin(x[:, 1]) ** 2 + 0.1 * x[:, 2] ** 4 * np.sin(x[:, 0])
    out = indices(["x1", "x2", "x3"], bounds, y, seed=2)
    assert out["first_order"].to_list() == pytest.approx([0.3139, 0.4424, 0.0], abs=0.05)
    assert out["total_order"].to_list() == pytest.approx([0.5576, 0.4424, 0.2437], abs=0.05)
