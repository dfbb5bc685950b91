"""change and denominate."""

from __future__ import annotations

import polars as pl
import pytest
from panel_data import panel_rows

from fazhi_stats import change, denominate
from fazhi_stats.errors import DataError


def test_changes_are_intervals(backend) -> None:
    rows = panel_rows({"a": 40.0}, year=2019) + panel_rows({"a": (50.0, 60.0)})
    out = backend.result(change(backend.frame(pl.DataFrame(rows)))).sort("indicator_id")
    absolute, relative = out.iter_rows(named=True)
    assert (absolute["value_lower"], absolute["value_upper"]) == (10.0, 20.0)
    assert absolute["derivation"] == "change from 2019"
    assert (relative["value_lower"], relative["value_upper"]) == pytest.approx((25.0, 50.0))
    assert relative["unit_std"] == "percent"


def test_relative_change_needs_a_positive_base_and_open_ends_stay_open() -> None:
    rows = panel_rows({"a": 0.0, "b": 10.0}, year=2019) + panel_rows({"a": 5.0, "b": (12.0, None)})
    out = change(pl.DataFrame(rows)).sort("indicator_id", "region_code")
    rel_a = out.filter(
        (pl.col("indicator_id") == "x.relative_change") & (pl.col("region_code") == "a")
    ).row(0, named=True)
    assert rel_a["value_lower"] is None and rel_a["note"].startswith("base value of 2019")
    abs_b = out.filter((pl.col("indicator_id") == "x.change") & (pl.col("region_code") == "b")).row(
        0, named=True
    )
    assert (abs_b["value_lower"], abs_b["value_upper"], abs_b["upper_open"]) == (2.0, None, True)
    with pytest.raises(DataError, match="lag"):
        change(pl.DataFrame(rows), lag=0)


DENOMINATORS = pl.DataFrame(
    {
        "region_code": ["a", "b"],
        "year": [2020, 2020],
        "denominator": ["residents"] * 2,
        "value": [500_000.0, 0.0],
        "source": ["census table 1", "census table 1"],
    }
)


def test_per_10000_residents_with_the_source(backend) -> None:
    rows = panel_rows({"a": (50.0, 100.0), "b": 10.0, "c": 3.0}) + panel_rows(
        {"a": 90.0}, indicator="share", unit="percent"
    )
    out = backend.result(
        denominate(
            backend.frame(pl.DataFrame(rows)),
            backend.frame(DENOMINATORS),
            per="residents",
            scale=10_000,
        )
    )
    out = out.sort("indicator_id", "region_code")
    share, a, b, c = out.iter_rows(named=True)
    assert (share["value_lower"], share["unit_std"]) == (90.0, "percent")  # shares untouched
    assert (a["value_lower"], a["value_upper"]) == (1.0, 2.0)
    assert a["unit_std"] == "count per 10000 residents"
    assert a["derivation"] == "per 10000 residents (source: census table 1)"
    assert b["value_lower"] is None and b["note"] == "residents is 0.0: not a positive denominator"
    assert c["value_lower"] is None and c["note"] == "no residents for c 2020"


def test_denominators_without_source_or_for_shares_are_refused() -> None:
    rows = pl.DataFrame(
        panel_rows({"a": 1.0}) + panel_rows({"a": 9.0}, indicator="s", unit="percent")
    )
    with pytest.raises(DataError, match="no source"):
        denominate(rows, DENOMINATORS.with_columns(source=pl.lit("")), per="residents")
    with pytest.raises(DataError, match="indicator s: measured in percent"):
        denominate(rows, DENOMINATORS, per="residents", indicators=["s"])
    with pytest.raises(DataError, match="denominator cases: not in the frame"):
        denominate(rows, DENOMINATORS, per="cases")
