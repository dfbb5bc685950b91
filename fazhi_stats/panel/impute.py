"""Filling empty cells of a panel, only when asked, and saying so in every filled row.

For ``mean`` and ``median`` the cells are every region with any value in a year × every
indicator with a value in that year; for ``latest``, every region × every year of the panel ×
every indicator the region has a value of. ``mean`` and ``median`` fill a cell with the mean (median)
of the other regions' lower ends and of their upper ends in that year; ``latest`` carries the
region's own most recent earlier value forward. Filled rows have ``n_observations`` 0, no
observation ids and ``derivation`` ``imputed: …``.

>>> import polars as pl
>>> panel = pl.DataFrame({
...     "region_code": ["a", "b", "a"], "year": [2020, 2020, 2020],
...     "indicator_id": ["x", "x", "y"], "direction": ["higher_is_better"] * 3,
...     "unit_std": ["count"] * 3, "value_lower": [1.0, 3.0, 5.0],
...     "value_upper": [1.0, 3.0, 5.0],
... })
>>> filled = impute(panel, rule="mean").filter(pl.col("region_code") == "b")
>>> filled.select("indicator_id", "value_lower", "derivation").rows()
[('x', 3.0, None), ('y', 5.0, 'imputed: mean of 2020')]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, get_args

from fazhi_stats.errors import DataError, Problem
from fazhi_stats.panel.columns import PANEL
from fazhi_stats.panel.normalise import complete_panel
from fazhi_stats.schema.backends import conform, to_polars

if TYPE_CHECKING:
    import polars as pl
    from narwhals.typing import IntoFrameT

Imputation = Literal["none", "mean", "median", "latest"]
IMPUTATIONS: tuple[str, ...] = get_args(Imputation)
_CARRIED = ("family", "direction", "unit_std")


def impute(panel: IntoFrameT, *, rule: Imputation = "none") -> IntoFrameT:
    """The panel with its empty cells filled by ``rule`` (``"none"`` returns it unchanged)."""
    import polars as pl

    if rule not in IMPUTATIONS:
        raise DataError(
            [Problem("impute", "rule", f"unknown rule {rule!r}", ", ".join(IMPUTATIONS))]
        )
    frame, back = to_polars(panel)
    frame = complete_panel(frame)
    if rule == "none":
        return back(conform(frame, PANEL))  # type: ignore[no-any-return]
    have = frame.filter(pl.col("value_lower").is_not_null() | pl.col("lower_open"))
    facts = have.group_by("indicator_id").agg(pl.col(c).first() for c in _CARRIED)
    filled = _latest(frame, have) if rule == "latest" else _central(frame, have, rule)
    filled = filled.join(facts, on="indicator_id", how="left").with_columns(
        n_observations=pl.lit(0, pl.Int64),
        disagreement=pl.lit(False),
    )
    out = pl.concat([frame, filled], how="diagonal_relaxed")
    return back(conform(out, PANEL))  # type: ignore[no-any-return]


def _empty_cells(frame: pl.DataFrame, have: pl.DataFrame, grid: pl.DataFrame) -> pl.DataFrame:
    keys = ["region_code", "year", "indicator_id"]
    return grid.join(frame.select(keys), on=keys, how="anti")


def _central(frame: pl.DataFrame, have: pl.DataFrame, rule: str) -> pl.DataFrame:
    import polars as pl

    regions = frame.select("region_code", "year").unique()
    indicators = have.select("year", "indicator_id").unique()
    grid = regions.join(indicators, on="year")
    cells = _empty_cells(frame, have, grid)
    agg = getattr(pl.Expr, rule)
    # an unbounded end makes the central value of that end unbounded too
    lower = (
        pl.when(pl.col("value_lower").is_null().any())
        .then(None)
        .otherwise(agg(pl.col("value_lower")))
    )
    upper = (
        pl.when(pl.col("value_upper").is_null().any())
        .then(None)
        .otherwise(agg(pl.col("value_upper")))
    )
    central = have.group_by("year", "indicator_id").agg(
        value_lower=lower,
        value_upper=upper,
        lower_open=pl.col("value_lower").is_null().any(),
        upper_open=pl.col("value_upper").is_null().any(),
    )
    return cells.join(central, on=["year", "indicator_id"]).with_columns(
        derivation=pl.format("imputed: {} of {}", pl.lit(rule), pl.col("year"))
    )


def _latest(frame: pl.DataFrame, have: pl.DataFrame) -> pl.DataFrame:
    import polars as pl

    # a region missing a whole year is still carried forward into it
    years = frame.select("region_code").unique().join(frame.select("year").unique(), how="cross")
    grid = years.join(have.select("region_code", "indicator_id").unique(), on="region_code")
    cells = _empty_cells(frame, have, grid).sort("year")
    earlier = have.select(
        "region_code",
        "indicator_id",
        pl.col("year").alias("from_year"),
        "value_lower",
        "value_upper",
        "lower_open",
        "upper_open",
    ).sort("from_year")
    joined = cells.join_asof(
        earlier,
        left_on="year",
        right_on="from_year",
        by=["region_code", "indicator_id"],
        strategy="backward",
        check_sortedness=False,
    )
    return (
        joined.filter(pl.col("from_year").is_not_null())
        .with_columns(derivation=pl.format("imputed: latest, from {}", pl.col("from_year")))
        .drop("from_year")
    )
