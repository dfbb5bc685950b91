"""The ambition of targets: every region's targets side by side, in standard units per year."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, cast

from fazhi_stats.compare.bounds import columns_of, output_columns, with_value_intervals
from fazhi_stats.compare.inputs import prepare_observations
from fazhi_stats.io import format_value
from fazhi_stats.registry import Indicator
from fazhi_stats.schema.backends import conform, to_polars
from fazhi_stats.schema.comparisons import AMBITION
from fazhi_stats.settings import DEFAULT_SETTINGS, Settings
from fazhi_stats.vocabulary import RECURRENCES, comparator_prefix

if TYPE_CHECKING:
    import polars as pl
    from narwhals.typing import IntoFrameT


def ambition_table(
    observations: IntoFrameT,
    *,
    settings: Settings = DEFAULT_SETTINGS,
    indicators: Mapping[str, Indicator] | None = None,
) -> IntoFrameT:
    """Every target, family by family and indicator by indicator, in standard units per year.

    One row per target, so "谷城 asked for at least 4 lectures a year for government members,
    海沧 for at least 2 for its leadership" is two adjacent rows of
    ``leader_law_lectures_per_year``, with their scopes. ``target_*`` are the values the target
    asks for (numbers; empty when unbounded). ``n_regions`` counts the known regions with a
    target of the indicator. Returns the columns of
    :data:`~fazhi_stats.schema.comparisons.AMBITION` in the caller's type.

    >>> import polars as pl
    >>> obs = pl.DataFrame({
    ...     "observation_id": ["p/hours/1"], "indicator_id": ["enforcement_staff_training_hours_per_year"],
    ...     "kind": ["target"], "comparator": ["ge"], "value": [40.0], "unit": ["学时"],
    ...     "per": ["year"], "value_std": [30.0], "unit_std": ["hour_per_year"],
    ...     "assumption": ["1 学时 = 45 minutes"],
    ... })
    >>> row = ambition_table(obs).row(0, named=True)
    >>> row["as_written"], row["target_lower"], row["target_upper"], row["target_upper_open"]
    ('≥40学时 per year', 30.0, None, True)
    """
    import polars as pl

    frame, back = to_polars(observations)
    obs = with_value_intervals(prepare_observations(frame, indicators=indicators), settings)
    targets = obs.filter(pl.col("kind") == "target").with_columns(
        *output_columns("target", columns_of("")),
        per_year=pl.col("unit_std").str.ends_with("_per_year"),
        n_regions=pl.col("region_code").drop_nulls().n_unique().over("indicator_id"),
        observation_ids=pl.col("observation_id"),
        assumption=_assumption(settings),
    )
    written = [
        as_written(*r)
        for r in targets.select("comparator", "value", "value_upper", "unit", "per").iter_rows()
    ]
    targets = targets.with_columns(pl.Series("as_written", written, dtype=pl.String))
    return cast("IntoFrameT", back(conform(targets, AMBITION)))


def _assumption(settings: Settings) -> pl.Expr:
    import polars as pl

    approx = pl.when(pl.col("comparator") == "approx").then(
        pl.lit(settings.describe("approx_tolerance"))
    )
    parts = pl.concat_list(pl.col("assumption"), approx).list.drop_nulls().list.join("; ")
    return pl.when(parts != "").then(parts).cast(pl.String)


def as_written(
    comparator: str, value: float, value_upper: float | None, unit: str | None, per: str | None
) -> str:
    """A target as written, compactly: ``≥40学时 per year``, ``3–4个``."""
    upper = "" if value_upper is None else f"–{format_value(value_upper)}"
    number = format_value(value) + upper
    recurrence = "" if per is None else " " + RECURRENCES[per].en
    return f"{comparator_prefix(comparator)}{number}{unit or ''}{recurrence}"
