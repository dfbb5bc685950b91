"""The interval each observation stands for, and the values that meet it as a target.

Both are polars expressions over prepared observations (:mod:`fazhi_stats.compare.inputs`),
written to the comparison tables as numbers: ``<name>_lower``, ``<name>_upper`` (empty when
unbounded) and ``<name>_lower_open``, ``<name>_upper_open``. Natural bounds are applied: a share
lies in [0, 100] (90%以上 is [90, 100]), a count or an amount is never negative (不超过5件 is
[0, 5]); a change (同比增长, 减少20%) has no natural bound.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fazhi_stats.compare.intervals import DECIMALS, INF, BoundExprs, interval_exprs
from fazhi_stats.registry import ADDITIVE_UNITS
from fazhi_stats.settings import Settings

if TYPE_CHECKING:
    import polars as pl

#: The four columns of an interval called ``name``, as written to the comparison tables.
SUFFIXES = ("lower", "upper", "lower_open", "upper_open")


def natural_bounds() -> tuple[pl.Expr, pl.Expr]:
    """Lowest and highest value an observation's indicator can take (per row)."""
    import polars as pl

    unit = pl.col("unit_std").str.strip_suffix("_per_year")
    level = ~pl.col("change").fill_null(False)
    share = level & (pl.col("unit_std") == "percent")
    additive = level & unit.is_in(list(ADDITIVE_UNITS))
    lowest = pl.when(share | additive).then(pl.lit(0.0)).otherwise(pl.lit(-INF))
    highest = pl.when(share).then(pl.lit(100.0)).otherwise(pl.lit(INF))
    return lowest, highest


def clamp(bounds: BoundExprs, lowest: pl.Expr, highest: pl.Expr) -> BoundExprs:
    """``bounds`` cut to [lowest, highest]; an end moved to a natural bound is closed."""
    import polars as pl

    below, above = bounds.lower < lowest, bounds.upper > highest
    return BoundExprs(
        pl.when(below).then(lowest).otherwise(bounds.lower),
        pl.when(above).then(highest).otherwise(bounds.upper),
        bounds.lower_closed | (below & lowest.is_finite()),
        bounds.upper_closed | (above & highest.is_finite()),
    )


def with_value_intervals(obs: pl.DataFrame, settings: Settings) -> pl.DataFrame:
    """Add ``natural_lower``/``natural_upper`` (the range of the indicator), ``lower``/``upper``/
    ``*_closed`` (the values the observation allows), ``met_*``
    (the values that meet it as a target: extended towards "better") and ``p_start``/``p_end``
    (its period, from ``year`` when it has a single year)."""
    import polars as pl

    lowest, highest = natural_bounds()
    values = clamp(
        interval_exprs(
            pl.col("comparator"),
            pl.col("value_std"),
            pl.col("value_std_upper"),
            approx_tolerance=settings.approx_tolerance,
        ),
        lowest,
        highest,
    )
    obs = obs.with_columns(
        natural_lower=lowest,
        natural_upper=highest,
        lower=values.lower,
        upper=values.upper,
        lower_closed=values.lower_closed,
        upper_closed=values.upper_closed,
        p_start=pl.coalesce("period_start", "year"),
        p_end=pl.coalesce("period_end", "year"),
    )
    # A target with a floor is met by anything above it ("达到45%" is met by 60%), and mirrored.
    higher = (pl.col("direction") == "higher_is_better") & (pl.col("lower") > -INF)
    lower = (pl.col("direction") == "lower_is_better") & (pl.col("upper") < INF)
    met = clamp(
        BoundExprs(
            pl.when(lower).then(pl.lit(-INF)).otherwise(pl.col("lower")),
            pl.when(higher).then(pl.lit(INF)).otherwise(pl.col("upper")),
            pl.col("lower_closed") & ~lower,
            pl.col("upper_closed") & ~higher,
        ),
        lowest,
        highest,
    )
    return obs.with_columns(
        met_lower=met.lower,
        met_upper=met.upper,
        met_lower_closed=met.lower_closed,
        met_upper_closed=met.upper_closed,
    )


def columns_of(prefix: str) -> BoundExprs:
    """The bound expressions of the interval stored under ``prefix`` (``"actual_"``, ``""``)."""
    import polars as pl

    return BoundExprs(
        pl.col(f"{prefix}lower"),
        pl.col(f"{prefix}upper"),
        pl.col(f"{prefix}lower_closed"),
        pl.col(f"{prefix}upper_closed"),
    )


def output_columns(name: str, bounds: BoundExprs) -> list[pl.Expr]:
    """The four written columns of an interval: numbers rounded to :data:`DECIMALS`, empty
    when unbounded, and whether each end is open."""
    import polars as pl

    def number(x: pl.Expr) -> pl.Expr:
        return pl.when(x.is_finite()).then(x.round(DECIMALS) + 0.0)  # + 0.0: no -0

    return [
        number(bounds.lower).alias(f"{name}_lower"),
        number(bounds.upper).alias(f"{name}_upper"),
        (~bounds.lower_closed | ~bounds.lower.is_finite()).alias(f"{name}_lower_open"),
        (~bounds.upper_closed | ~bounds.upper.is_finite()).alias(f"{name}_upper_open"),
    ]
