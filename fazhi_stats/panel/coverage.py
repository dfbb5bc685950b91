"""How much of a panel a composite can use: coverage per year, and whether ranking is possible.

>>> import polars as pl
>>> panel = pl.DataFrame({
...     "region_code": ["a", "a", "b"], "year": [2020] * 3, "indicator_id": ["x", "y", "x"],
...     "value_lower": [1.0, 2.0, 3.0], "value_upper": [1.0, 2.0, 3.0],
... })
>>> panel_coverage(panel).select("n_regions", "n_indicators", "n_cells", "n_shared").row(0)
(2, 2, 3, 1)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fazhi_stats.schema.backends import to_polars

if TYPE_CHECKING:
    from narwhals.typing import IntoFrameT

    from fazhi_stats.panel.method import Method


def panel_coverage(panel: IntoFrameT) -> IntoFrameT:
    """Per year: regions, indicators, filled cells, their share of the grid, and the number of
    indicators measured in two or more regions (``n_shared``) — the only ones a ranking can use.
    """
    import polars as pl

    frame, back = to_polars(panel)
    cells = frame.select("region_code", "year", "indicator_id").unique()
    per_indicator = cells.group_by("year", "indicator_id").agg(n=pl.len())
    shared = per_indicator.group_by("year").agg(n_shared=(pl.col("n") >= 2).sum().cast(pl.Int64))
    out = (
        cells.group_by("year")
        .agg(
            n_regions=pl.col("region_code").n_unique().cast(pl.Int64),
            n_indicators=pl.col("indicator_id").n_unique().cast(pl.Int64),
            n_cells=pl.len().cast(pl.Int64),
        )
        .join(shared, on="year")
        .with_columns(density=pl.col("n_cells") / (pl.col("n_regions") * pl.col("n_indicators")))
        .sort("year")
    )
    return back(out)  # type: ignore[no-any-return]


def composite_readiness(panel: IntoFrameT, method: Method) -> IntoFrameT:
    """Per year: regions, regions with an index under ``method``, and why a ranking is or is not
    possible there (``ready``: at least two regions have an index).
    """
    import polars as pl

    frame, back = to_polars(panel)
    index = method.apply(frame)
    out = (
        index.group_by("year")
        .agg(
            n_regions=pl.col("region_code").n_unique().cast(pl.Int64),
            n_with_index=pl.col("index_lower").is_not_null().sum().cast(pl.Int64),
            n_expected=pl.col("n_expected").max(),
            reasons=pl.col("reason").drop_nulls().unique().sort().str.join("; "),
        )
        .with_columns(ready=pl.col("n_with_index") >= 2)
        .with_columns(
            reason=pl.when(pl.col("ready"))
            .then(pl.lit(None, pl.String))
            .when(pl.col("n_regions") < 2)
            .then(pl.format("{} region in this year: nothing to rank against", pl.col("n_regions")))
            .otherwise(
                pl.format(
                    "{} of {} regions have an index ({})",
                    pl.col("n_with_index"),
                    pl.col("n_regions"),
                    pl.col("reasons"),
                )
            )
        )
        .drop("reasons")
        .sort("year")
    )
    return back(out)  # type: ignore[no-any-return]
