"""aggregate, impute, Method and compare_methods."""

from __future__ import annotations

import polars as pl
import pytest
from panel_data import panel_rows

from fazhi_stats import Method, aggregate, compare_methods, normalise_panel
from fazhi_stats.errors import DataError
from fazhi_stats.panel import impute


def score_rows(
    table: dict[str, dict[str, float | None]],
    family: dict[str, str] | None = None,
) -> pl.DataFrame:
    """Scores ``{region: {indicator: score}}`` as normalise_panel would give them."""
    rows = []
    for region, by_indicator in table.items():
        for indicator, score in by_indicator.items():
            rows.append(
                {
                    "region_code": region,
                    "year": 2020,
                    "indicator_id": indicator,
                    "family": (family or {}).get(indicator, "f"),
                    "direction": "higher_is_better",
                    "score_lower": score,
                    "score_upper": score,
                }
            )
    return pl.DataFrame(
        rows, schema_overrides={"score_lower": pl.Float64, "score_upper": pl.Float64}
    )


def test_weights_are_renormalised_over_present_indicators(backend) -> None:
    scores = score_rows({"a": {"x": 0.2, "y": 0.8}, "b": {"x": 1.0}})
    out = backend.result(aggregate(backend.frame(scores), weights={"x": 1.0, "y": 3.0}))
    a, b = out.sort("region_code").iter_rows(named=True)
    assert a["index_lower"] == pytest.approx((0.2 + 3 * 0.8) / 4)
    assert b["index_lower"] == pytest.approx(1.0)  # only x present: its weight becomes 1
    assert (b["n_indicators"], b["n_expected"], b["coverage"]) == (1, 2, 0.5)


def test_a_unit_below_min_coverage_gets_no_index_and_the_reason() -> None:
    scores = score_rows({"a": {"x": 0.2, "y": 0.8, "z": 0.5}, "b": {"x": 1.0}})
    out = aggregate(scores, min_coverage=0.5).sort("region_code")
    b = out.row(1, named=True)
    assert b["index_lower"] is None and b["rank_best"] is None
    assert b["reason"] == "coverage 1 of 3 indicators (33%) is below min_coverage 50%"
    assert out.row(0, named=True)["rank_best"] == 1.0


def test_geometric_mean_takes_zeros_by_a_stated_rule() -> None:
    scores = score_rows({"a": {"x": 0.0, "y": 1.0}, "b": {"x": 1.0, "y": 1.0}})
    offset = aggregate(scores, method="geometric", zero_offset=0.01).sort("region_code")
    expected = ((0.0 + 0.01) * (1.0 + 0.01)) ** 0.5 - 0.01
    assert offset["index_lower"][0] == pytest.approx(expected)
    assert "zeros offset 0.01" in offset["method"][0]
    excluded = aggregate(scores, method="geometric", zeros="exclude", min_coverage=0.0)
    assert excluded.sort("region_code")["index_lower"][0] == pytest.approx(1.0)
    with pytest.raises(DataError, match="score 0 in a geometric mean"):
        aggregate(scores, method="geometric", zeros="error")
    negative = score_rows({"a": {"x": -0.5}, "b": {"x": 0.5}})
    with pytest.raises(DataError, match="z-scores only with the arithmetic mean"):
        aggregate(negative, method="geometric")


def test_weights_for_unknown_indicators_are_refused() -> None:
    scores = score_rows({"a": {"x": 0.5}})
    with pytest.raises(DataError) as info:
        aggregate(scores, weights={"x": 1.0, "nope": 2.0, "x2": -1.0})
    assert "indicator nope: not in the scores" in str(info.value)
    assert "indicator x2" in str(info.value)


def test_family_level_and_interval_ranks() -> None:
    fam = {"x": "f1", "y": "f2"}
    scores = score_rows({"a": {"x": 0.2, "y": 0.9}, "b": {"x": 0.6, "y": 0.1}}, family=fam)
    out = aggregate(scores, level="family").sort("family", "region_code")
    assert out["family"].to_list() == ["f1", "f1", "f2", "f2"]
    assert out["rank_best"].to_list() == [2.0, 1.0, 1.0, 2.0]
    overlapping = pl.DataFrame(panel_rows({"a": (1.0, 5.0), "b": (2.0, 3.0), "c": 10.0}))
    index = Method().apply(overlapping).sort("region_code")
    assert index["rank_best"].to_list() == [2.0, 2.0, 1.0]
    assert index["rank_worst"].to_list() == [3.0, 3.0, 1.0]


def test_imputation_is_explicit_and_recorded(backend) -> None:
    rows = pl.DataFrame(
        panel_rows({"a": 1.0, "b": 3.0, "c": 2.0}) + panel_rows({"a": 7.0, "c": 9.0}, indicator="y")
    )
    filled = backend.result(impute(backend.frame(rows), rule="median"))
    row = filled.filter((pl.col("region_code") == "b") & (pl.col("indicator_id") == "y"))
    assert row["value_lower"].to_list() == [8.0]
    assert row["derivation"].to_list() == ["imputed: median of 2020"]
    assert row["n_observations"].to_list() == [0]
    plain = Method(min_coverage=1.0).apply(rows).sort("region_code")
    assert plain["reason"][1] == "coverage 1 of 2 indicators (50%) is below min_coverage 100%"
    imputed = Method(min_coverage=1.0, imputation="median")
    assert imputed.apply(rows).sort("region_code")["index_lower"][1] is not None
    assert "imputation median" in imputed.describe()


def test_method_is_frozen_and_validated() -> None:
    method = Method(weights={"y": 1.0, "x": 2.0})
    with pytest.raises(AttributeError):
        method.normalisation = "rank"  # type: ignore[misc]
    assert list(method.weights or {}) == ["x", "y"]
    with pytest.raises(DataError, match="geometric mean of z-scores"):
        Method("zscore", aggregation="geometric")
    with pytest.raises(DataError, match="normalisation"):
        Method("bogus")  # type: ignore[arg-type]


def test_compare_methods_side_by_side(backend) -> None:
    rows = panel_rows({"a": 10.0, "b": 39.9, "c": 40.0}) + panel_rows(
        {"a": 9.0, "b": 8.9, "c": 5.0}, indicator="y"
    )
    side = backend.result(
        compare_methods(backend.frame(pl.DataFrame(rows)), [Method("minmax"), Method("rank")])
    )
    side = side.sort("region_code")
    assert side["minmax_rank_best"].to_list() == [2.5, 1.0, 2.5]
    assert side["rank_rank_best"].to_list() == [2.0, 2.0, 2.0]  # rank sums tie at 4
    assert side["rank_spread"].to_list() == pytest.approx([0.5, 1.0, 0.5])
    with pytest.raises(DataError, match="distinct names"):
        compare_methods(pl.DataFrame(rows), [Method(), Method()])


def test_index_carries_the_method_text() -> None:
    rows = pl.DataFrame(panel_rows({"a": 1.0, "b": 2.0}))
    method = Method("percentile_rank", min_coverage=0.25)
    index = method.apply(rows)
    assert set(index["method"]) == {method.describe()}
    assert "percentile_rank by year" in method.describe()
    assert normalise_panel(rows, method="percentile_rank")["score_lower"].to_list() == [0.0, 1.0]
