"""Changes between years of a panel: absolute and relative, as interval rows of their own.

Each region × indicator with values in year t and t − ``lag`` gets a row for year t with
indicator ``<id>.change`` (in the indicator's unit) and, if asked, ``<id>.relative_change`` (in
percent). Interval arithmetic keeps them honest: the change of [lo₁, hi₁] from [lo₀, hi₀] is
[lo₁ − hi₀, hi₁ − lo₀]. A relative change needs a positive base; otherwise the row's value is
empty and ``note`` says why. A change a document reports itself (同比增长128.78%) stays the
observation of its own indicator; these rows are computed beside it, never instead of it.

>>> import polars as pl
>>> panel = pl.DataFrame({
...     "region_code": ["a", "a"], "year": [2019, 2020], "indicator_id": ["x", "x"],
...     "direction": ["higher_is_better"] * 2, "unit_std": ["count"] * 2,
...     "value_lower": [40.0, 50.0], "value_upper": [40.0, 60.0],
... })
>>> change(panel).select("indicator_id", "value_lower", "value_upper").rows()
[('x.change', 10.0, 20.0), ('x.relative_change', 25.0, 50.0)]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fazhi_stats.errors import DataError, Problem
from fazhi_stats.panel.columns import PANEL
from fazhi_stats.panel.normalise import complete_panel
from fazhi_stats.schema.backends import conform, to_polars

if TYPE_CHECKING:
    from narwhals.typing import IntoFrameT


def change(panel: IntoFrameT, *, lag: int = 1, relative: bool = True) -> IntoFrameT:
    """Rows of change from ``lag`` years before, per region × indicator (panel columns).

    Combine them with the panel by concatenation when both are wanted.
    """
    import polars as pl

    if lag < 1:
        raise DataError([Problem("change", "lag", repr(lag), "a whole number of years ≥ 1")])
    frame, back = to_polars(panel)
    frame = complete_panel(frame)
    inf = float("inf")
    lo = (
        pl.when(pl.col("value_lower").is_null() & pl.col("lower_open"))
        .then(-inf)
        .otherwise(pl.col("value_lower"))
    )
    hi = (
        pl.when(pl.col("value_upper").is_null() & pl.col("upper_open"))
        .then(inf)
        .otherwise(pl.col("value_upper"))
    )
    now = frame.with_columns(lo=lo, hi=hi)
    before = now.select(
        "region_code",
        "indicator_id",
        (pl.col("year") + lag).alias("year"),
        pl.col("lo").alias("lo0"),
        pl.col("hi").alias("hi0"),
        pl.col("lower_open").alias("lower_open0"),
        pl.col("upper_open").alias("upper_open0"),
        pl.col("observation_ids").alias("ids0"),
        pl.col("document_ids").alias("docs0"),
        pl.col("year").alias("base_year"),
    )
    pairs = now.join(before, on=["region_code", "indicator_id", "year"], how="inner")
    pairs = pairs.with_columns(
        observation_ids=pl.concat_str("ids0", "observation_ids", separator=";", ignore_nulls=True),
        document_ids=pl.concat_list(
            pl.col("docs0").str.split(";"), pl.col("document_ids").str.split(";")
        )
        .list.drop_nulls()
        .list.unique()
        .list.sort()
        .list.join(";"),
        n_observations=pl.col("n_observations").fill_null(1) + 1,
        disagreement=pl.lit(False),
    )
    absolute = pairs.with_columns(
        indicator_id=pl.col("indicator_id") + ".change",
        value_lower=pl.col("lo") - pl.col("hi0"),
        value_upper=pl.col("hi") - pl.col("lo0"),
        lower_open=pl.col("lower_open") | pl.col("upper_open0"),
        upper_open=pl.col("upper_open") | pl.col("lower_open0"),
        derivation=pl.format("change from {}", pl.col("base_year")),
        note=pl.lit(None, pl.String),
    )
    parts = [absolute]
    if relative:
        positive = pl.col("lo0") > 0
        parts.append(
            pairs.with_columns(
                indicator_id=pl.col("indicator_id") + ".relative_change",
                unit_std=pl.lit("percent"),
                value_lower=pl.when(positive).then((pl.col("lo") / pl.col("hi0") - 1) * 100),
                value_upper=pl.when(positive).then((pl.col("hi") / pl.col("lo0") - 1) * 100),
                lower_open=positive & (pl.col("lower_open") | pl.col("upper_open0")),
                upper_open=positive & (pl.col("upper_open") | pl.col("lower_open0")),
                derivation=pl.format("relative change from {} (percent)", pl.col("base_year")),
                note=pl.when(~positive).then(
                    pl.format(
                        "base value of {} is not positive: no relative change", pl.col("base_year")
                    )
                ),
            )
        )
    out = (
        pl.concat(parts, how="vertical_relaxed")
        .with_columns(
            pl.when(pl.col(c).is_finite()).then(pl.col(c)).alias(c)
            for c in ("value_lower", "value_upper")
        )
        .with_columns(comparator=None, value_std=None, value_std_upper=None)
    )
    return back(conform(out, PANEL))  # type: ignore[no-any-return]
