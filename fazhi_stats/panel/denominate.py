"""Values per denominator: per case, per 10,000 residents, … from a frame the user supplies.

The denominators frame has one row per region × year × denominator: ``region_code, year,
denominator`` (its name, e.g. ``residents``), ``value`` and ``source`` (where the number comes
from — required, so a derived rate always says what it was divided by). Denominated rows keep
their indicator id; their unit becomes ``<unit> per <scale> <denominator>`` and ``derivation``
names the source. A row without a denominator, or with one that is not positive, keeps no
value and says why in ``note``.

>>> import polars as pl
>>> panel = pl.DataFrame({
...     "region_code": ["a"], "year": [2020], "indicator_id": ["x"],
...     "direction": ["higher_is_better"], "unit_std": ["count"],
...     "value_lower": [30.0], "value_upper": [30.0],
... })
>>> people = pl.DataFrame({"region_code": ["a"], "year": [2020], "denominator": ["residents"],
...                        "value": [600000.0], "source": ["yearbook 2021, table 3"]})
>>> row = denominate(panel, people, per="residents", scale=10_000).row(0, named=True)
>>> row["value_lower"], row["unit_std"]
(0.5, 'count per 10000 residents')
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from fazhi_stats.errors import DataError, Problem
from fazhi_stats.panel.columns import PANEL
from fazhi_stats.panel.normalise import complete_panel
from fazhi_stats.schema.backends import conform, to_polars

if TYPE_CHECKING:
    import polars as pl
    from narwhals.typing import IntoFrameT

_NEEDED = ("region_code", "year", "denominator", "value", "source")
_NOT_DIVISIBLE = ("percent", "percentage_point", "ratio")


def denominate(
    panel: IntoFrameT,
    denominators: Any,
    *,
    per: str,
    scale: float = 1.0,
    indicators: Sequence[str] | None = None,
) -> IntoFrameT:
    """The panel with the rows of ``indicators`` divided by denominator ``per`` × ``scale``.

    ``indicators``: which to divide (default: every indicator not measured in percent or
    percentage points). Raises :class:`~fazhi_stats.errors.DataError` for missing columns,
    rows without a source, two denominators for one cell, an unknown ``per``, and shares
    named in ``indicators``.
    """
    import polars as pl

    frame, back = to_polars(panel)
    frame = complete_panel(frame)
    table = _denominators(denominators, per)
    if indicators is None:
        chosen = frame.filter(~pl.col("unit_std").is_in(_NOT_DIVISIBLE))["indicator_id"]
        selected = set(chosen.to_list())
    else:
        selected = set(indicators)
        units = dict(frame.select("indicator_id", "unit_std").unique().iter_rows())
        bad = [
            Problem(
                "denominate",
                f"indicator {i}",
                f"measured in {units[i]}",
                "counts or amounts (a share is not divided by a population)",
            )
            for i in sorted(selected)
            if units.get(i) in _NOT_DIVISIBLE
        ]
        bad += [
            Problem("denominate", f"indicator {i}", "not in the panel", "an indicator of it")
            for i in sorted(selected - set(units))
        ]
        if bad:
            raise DataError(bad)
    joined = frame.join(table, on=["region_code", "year"], how="left", maintain_order="left")
    pick = pl.col("indicator_id").is_in(sorted(selected))
    usable = pl.col("den_value") > 0
    factor = scale / pl.col("den_value")
    out = joined.with_columns(
        pl.when(pick & usable)
        .then(pl.col("value_lower") * factor)
        .when(pick)
        .then(None)
        .otherwise(pl.col("value_lower"))
        .alias("value_lower"),
        pl.when(pick & usable)
        .then(pl.col("value_upper") * factor)
        .when(pick)
        .then(None)
        .otherwise(pl.col("value_upper"))
        .alias("value_upper"),
        pl.when(pick)
        .then(pl.format("{} per {} {}", pl.col("unit_std"), pl.lit(f"{scale:g}"), pl.lit(per)))
        .otherwise(pl.col("unit_std"))
        .alias("unit_std"),
        pl.when(pick & usable)
        .then(
            pl.format(
                "per {} {} (source: {})", pl.lit(f"{scale:g}"), pl.lit(per), pl.col("den_source")
            )
        )
        .otherwise(pl.col("derivation"))
        .alias("derivation"),
        pl.when(pick & pl.col("den_value").is_null())
        .then(pl.format("no {} for {} {}", pl.lit(per), pl.col("region_code"), pl.col("year")))
        .when(pick & ~usable)
        .then(pl.format("{} is {}: not a positive denominator", pl.lit(per), pl.col("den_value")))
        .otherwise(pl.col("note"))
        .alias("note"),
    )
    # an emptied value is missing, not unbounded
    out = out.with_columns(
        pl.when(pick & ~usable.fill_null(False)).then(False).otherwise(pl.col(c)).alias(c)
        for c in ("lower_open", "upper_open")
    )
    return back(conform(out, PANEL))  # type: ignore[no-any-return]


def _denominators(denominators: Any, per: str) -> pl.DataFrame:
    import polars as pl

    table, _ = to_polars(denominators)
    missing = [c for c in _NEEDED if c not in table.columns]
    if missing:
        raise DataError(
            [Problem("denominators", "", f"missing column(s) {missing}", ", ".join(_NEEDED))]
        )
    table = table.select(
        pl.col("region_code").cast(pl.String),
        pl.col("year").cast(pl.Int64),
        pl.col("denominator").cast(pl.String),
        pl.col("value").cast(pl.Float64),
        pl.col("source").cast(pl.String),
    )
    names = sorted(set(table["denominator"].drop_nulls().to_list()))
    if per not in names:
        raise DataError(
            [Problem("denominators", f"denominator {per}", "not in the frame", f"one of {names}")]
        )
    table = table.filter(pl.col("denominator") == per)
    problems = [
        Problem("denominators", f"{r} {y} {per}", "no source", "where the number comes from")
        for r, y in table.filter(pl.col("source").is_null() | (pl.col("source") == ""))
        .select("region_code", "year")
        .iter_rows()
    ]
    problems += [
        Problem("denominators", f"{r} {y} {per}", "given twice", "one value per region and year")
        for r, y in table.filter(pl.struct("region_code", "year").is_duplicated())
        .select("region_code", "year")
        .unique()
        .sort("region_code", "year")
        .iter_rows()
    ]
    if problems:
        raise DataError(problems)
    return table.select(
        "region_code",
        "year",
        pl.col("value").alias("den_value"),
        pl.col("source").alias("den_source"),
    )
