"""Target attainment: every actual against every target the registry lets it be judged by.

How a pair is judged
--------------------
Each value becomes an interval (:mod:`fazhi_stats.compare.bounds`): "60余场" is ``(60, +inf)``.
The actual's interval is then read as values of the *target's* indicator, through the declared
comparability grade (:mod:`fazhi_stats.compare.comparability`): ``same`` keeps it; an actual
``broader`` than the target's indicator (lectures for any audience, against lectures for
leaders) bounds it from above only, ``[0, actual]``; a ``narrower`` one from below only,
``[actual, +inf)``; a ``proxy`` bounds nothing. ``position`` says where these implied values lie
against the values that meet the target (its interval extended towards "better"): ``within``,
``outside`` or ``overlapping``.

Statuses
--------
========================  =====================================================================
``met``                   every implied value meets the target (position ``within``)
``not_met``               none does (``outside``)
``indeterminate``         some do, some do not (``overlapping``), e.g. 60余场 for all audiences
                          against 不少于4次 for leaders
``baseline``              the same region's target for a later period (a 2020 report against
                          its own 2021 plan): it shows where the target stands against today's
                          level (``position``), never attainment
``not_comparable``        the registry declares the indicators not comparable (no gap, no score)
``no_target``             an actual with no comparable target
``no_actual``             a target with no comparable actual
``not_assessed``          a mixed (hedged) report sentence: neither an actual nor a target
========================  =====================================================================

Relations
---------
``own_target_same_period`` (same region, the actual's period lies within the target's) is the
only attainment test proper. ``own_target_later_period`` gives ``baseline``;
``own_target_earlier_period`` and ``own_target_other_period`` (overlapping or unknown periods)
compare today's level with an older or differently dated target; ``cross_region_benchmark``
holds an actual against another region's target, or a target or actual of unknown region —
the level another government asked for, not an obligation. ``year_gap`` is the target's period
minus the actual's, in years (0 when they overlap). ``Settings.max_benchmark_gap_years`` (or
``max_gap_years``) drops benchmarks further apart, and those whose gap is unknown.

Gap and score
-------------
``gap`` is the implied values minus the written target value (or range), in the standard unit.
The distance-to-target score is ``min(1, value / target)`` for ``higher_is_better`` and
``min(1, target / value)`` for ``lower_is_better``, bounds over the implied values; empty for
neutral indicators and for targets that are not a positive floor (ceiling).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, cast

from fazhi_stats.compare.bounds import columns_of, output_columns, with_value_intervals
from fazhi_stats.compare.comparability import links_frame
from fazhi_stats.compare.inputs import prepare_observations, unclassified_rows
from fazhi_stats.compare.intervals import INF, BoundExprs, disjoint_expr, subset_expr
from fazhi_stats.registry import Indicator
from fazhi_stats.schema.backends import conform, to_polars
from fazhi_stats.schema.comparisons import ATTAINMENT
from fazhi_stats.settings import DEFAULT_SETTINGS, Settings

if TYPE_CHECKING:
    import polars as pl
    from narwhals.typing import IntoFrameT

SIDE_COLUMNS = (
    "observation_id",
    "indicator_id",
    "document_id",
    "kind",
    "family",
    "direction",
    "unit_std",
    "region_code",
    "region_name_zh",
    "region_name_en",
    "year",
    "period_start",
    "period_end",
    "p_start",
    "p_end",
    "comparator",
    "value_std",
    "value_std_upper",
    "natural_lower",
    "natural_upper",
    "lower",
    "upper",
    "lower_closed",
    "upper_closed",
    "met_lower",
    "met_upper",
    "met_lower_closed",
    "met_upper_closed",
    "scope",
    "hedged",
    "assumption",
)


def assess_targets(
    observations: IntoFrameT,
    *,
    settings: Settings = DEFAULT_SETTINGS,
    cross_region: bool = True,
    max_gap_years: int | None = None,
    indicators: Mapping[str, Indicator] | None = None,
) -> IntoFrameT:
    """Every actual against the targets that apply to it, with status, position, gap and score.

    ``observations``: a pandas or polars frame with the columns of ``observations.csv`` (at
    least observation_id, indicator_id, kind, comparator, value_std, unit_std). Options:
    ``settings`` (the width of 约/左右 values, the benchmark gap), ``cross_region`` (include
    other regions' targets as benchmarks), ``max_gap_years`` (the largest year gap of a
    benchmark; default ``settings.max_benchmark_gap_years``), ``indicators`` (a registry other
    than the shipped one). Returns the columns of :data:`~fazhi_stats.schema.comparisons.ATTAINMENT` in
    the caller's frame type. Raises :class:`~fazhi_stats.errors.DataError` for bad input (a
    target without a comparator, a value in another unit than its indicator's, a share above
    100 %).

    >>> import polars as pl
    >>> obs = pl.DataFrame({
    ...     "observation_id": ["r/lectures/1", "p/lectures/1"],
    ...     "indicator_id": ["law_lectures_held_count", "leader_law_lectures_per_year"],
    ...     "kind": ["actual", "target"], "comparator": ["gt", "ge"],
    ...     "value_std": [60.0, 4.0], "unit_std": ["count_per_year", "count_per_year"],
    ...     "region_code": ["350902", "420625"], "year": [2020, None],
    ... })
    >>> row = assess_targets(obs).row(0, named=True)
    >>> row["status"], row["grade"], row["implied_lower"], row["implied_upper"]
    ('indeterminate', 'broader', 0.0, None)
    """
    import polars as pl

    limit = settings.max_benchmark_gap_years if max_gap_years is None else max_gap_years
    frame, back = to_polars(observations)
    obs = with_value_intervals(prepare_observations(frame, indicators=indicators), settings)
    actuals = _side(obs.filter(pl.col("kind") == "actual"), "actual")
    targets = _side(obs.filter(pl.col("kind") == "target"), "target")
    links = links_frame(indicators).rename(
        {"indicator_id": "actual_indicator_id", "other_id": "target_indicator_id"}
    )
    pairs = actuals.join(links, on="actual_indicator_id").join(targets, on="target_indicator_id")
    pairs = pairs.with_columns(_relation(), _year_gap())
    benchmark = pl.col("relation") == "cross_region_benchmark"
    if not cross_region:
        pairs = pairs.filter(~benchmark)
    elif limit is not None:
        close = pl.col("year_gap").abs() <= limit
        pairs = pairs.filter(~benchmark | close.fill_null(False))
    pairs = pairs.with_columns(_implied()).with_columns(_judgement())
    judged = pairs.filter(pl.col("grade") != "not_comparable")
    no_target = actuals.join(judged, on="actual_observation_id", how="anti").with_columns(
        status=pl.lit("no_target")
    )
    no_actual = targets.join(judged, on="target_observation_id", how="anti").with_columns(
        status=pl.lit("no_actual")
    )
    not_assessed = _side(obs.filter(pl.col("kind") == "mixed"), "actual").with_columns(
        status=pl.lit("not_assessed")
    )
    unclassified = _unclassified(frame)
    rows = pl.concat(
        [pairs, no_target, no_actual, not_assessed, unclassified], how="diagonal_relaxed"
    )
    rows = rows.with_columns(
        family=pl.coalesce("actual_family", "target_family"),
        unit_std=pl.coalesce("actual_unit_std", "target_unit_std"),
        direction=pl.coalesce("actual_direction", "target_direction"),
        observation_ids=_ids("actual_observation_id", "target_observation_id"),
        assumption=_assumptions(settings),
    ).with_columns(
        *output_columns("actual", columns_of("actual_")),
        *output_columns("implied", columns_of("implied_")),
        *output_columns("met", columns_of("target_met_")),
        *output_columns("gap", columns_of("gap_")),
        *(_finite(c) for c in ("score_lower", "score_upper")),
    )
    return cast("IntoFrameT", back(conform(rows, ATTAINMENT)))


def _unclassified(frame: pl.DataFrame) -> pl.DataFrame:
    """A row per unclassified number, on its side (targets as targets), status unclassified."""
    import polars as pl

    rows = unclassified_rows(frame)
    role = pl.when(pl.col("kind") == "target").then(pl.lit("target")).otherwise(pl.lit("actual"))
    return rows.select(
        *(
            pl.when(role == side).then(pl.col(c)).alias(f"{side}_{c}")
            for side in ("actual", "target")
            for c in (
                "observation_id",
                "document_id",
                "region_code",
                "kind",
                "family",
                "unit_std",
                "scope",
            )
        ),
        status=pl.lit("unclassified"),
    )


def _side(obs: pl.DataFrame, role: str) -> pl.DataFrame:
    import polars as pl

    return obs.select(pl.col(c).alias(f"{role}_{c}") for c in SIDE_COLUMNS)


def _relation() -> pl.Expr:
    import polars as pl

    a_start, a_end = pl.col("actual_p_start"), pl.col("actual_p_end")
    t_start, t_end = pl.col("target_p_start"), pl.col("target_p_end")
    same_region = (pl.col("actual_region_code") == pl.col("target_region_code")).fill_null(False)
    within = ((t_start <= a_start) & (a_end <= t_end)).fill_null(False)
    return (
        pl.when(same_region & within)
        .then(pl.lit("own_target_same_period"))
        .when(same_region & (t_start > a_end).fill_null(False))
        .then(pl.lit("own_target_later_period"))
        .when(same_region & (t_end < a_start).fill_null(False))
        .then(pl.lit("own_target_earlier_period"))
        .when(same_region)
        .then(pl.lit("own_target_other_period"))
        .otherwise(pl.lit("cross_region_benchmark"))
        .alias("relation")
    )


def _year_gap() -> pl.Expr:
    """Target period minus actual period in years: 0 when they overlap, empty when unknown."""
    import polars as pl

    a_start, a_end = pl.col("actual_p_start"), pl.col("actual_p_end")
    t_start, t_end = pl.col("target_p_start"), pl.col("target_p_end")
    return (
        pl.when(t_start > a_end)
        .then(t_start - a_end)
        .when(t_end < a_start)
        .then(t_end - a_start)
        .when(t_start.is_not_null() & a_end.is_not_null())
        .then(pl.lit(0))
        .cast(pl.Int64)
        .alias("year_gap")
    )


def _implied() -> list[pl.Expr]:
    """The values of the target's indicator that the actual allows, through the grade."""
    import polars as pl

    grade = pl.col("grade")
    actual = columns_of("actual_")
    low, high = pl.col("target_natural_lower"), pl.col("target_natural_upper")
    keeps_lower = grade.is_in(["same", "narrower"])
    keeps_upper = grade.is_in(["same", "broader"])
    return [
        pl.when(keeps_lower).then(actual.lower).otherwise(low).alias("implied_lower"),
        pl.when(keeps_upper).then(actual.upper).otherwise(high).alias("implied_upper"),
        pl.when(keeps_lower)
        .then(actual.lower_closed)
        .otherwise(low.is_finite())
        .alias("implied_lower_closed"),
        pl.when(keeps_upper)
        .then(actual.upper_closed)
        .otherwise(high.is_finite())
        .alias("implied_upper_closed"),
    ]


def _judgement() -> list[pl.Expr]:
    """Position, status, gap and score of actual/target pairs."""
    import polars as pl

    implied = columns_of("implied_")
    met = columns_of("target_met_")
    compared = pl.col("grade") != "not_comparable"
    position = (
        pl.when(~compared)
        .then(pl.lit(None, dtype=pl.String))
        .when(subset_expr(implied, met))
        .then(pl.lit("within"))
        .when(disjoint_expr(implied, met))
        .then(pl.lit("outside"))
        .otherwise(pl.lit("overlapping"))
    )
    status = (
        pl.when(~compared)
        .then(pl.lit("not_comparable"))
        .when(pl.col("relation") == "own_target_later_period")
        .then(pl.lit("baseline"))
        .otherwise(
            position.replace_strict(
                {"within": "met", "outside": "not_met", "overlapping": "indeterminate"},
                default=None,
            )
        )
    )
    ref_lower = pl.col("target_value_std")
    ref_upper = pl.coalesce("target_value_std_upper", "target_value_std")
    direction = pl.col("target_direction")
    floor = (direction == "higher_is_better") & (pl.col("target_lower") > -INF) & (ref_lower > 0)
    ceiling = (direction == "lower_is_better") & (pl.col("target_upper") < INF) & (ref_upper >= 0)

    def lower_better(value: pl.Expr) -> pl.Expr:
        return pl.when(value <= 0).then(pl.lit(1.0)).otherwise((ref_upper / value).clip(0, 1))

    score_lower = (
        pl.when(compared & floor)
        .then((implied.lower / ref_lower).clip(0, 1))
        .when(compared & ceiling)
        .then(lower_better(implied.upper))
    )
    score_upper = (
        pl.when(compared & floor)
        .then((implied.upper / ref_lower).clip(0, 1))
        .when(compared & ceiling)
        .then(lower_better(implied.lower))
    )
    # the gap keeps the implied values' open or closed ends (the target value is a point or range)
    gap = BoundExprs(
        pl.when(compared).then(implied.lower - ref_upper),
        pl.when(compared).then(implied.upper - ref_lower),
        implied.lower_closed,
        implied.upper_closed,
    )
    return [
        position.alias("position"),
        status.alias("status"),
        gap.lower.alias("gap_lower"),
        gap.upper.alias("gap_upper"),
        gap.lower_closed.alias("gap_lower_closed"),
        gap.upper_closed.alias("gap_upper_closed"),
        score_lower.alias("score_lower"),
        score_upper.alias("score_upper"),
    ]


def _finite(column: str) -> pl.Expr:
    """Rounded like every derived number; infinite values become empty."""
    import polars as pl

    from fazhi_stats.compare.intervals import DECIMALS

    return pl.when(pl.col(column).is_finite()).then(pl.col(column).round(DECIMALS))


def _ids(*columns: str) -> pl.Expr:
    import polars as pl

    return pl.concat_list(columns).list.drop_nulls().list.sort().list.join(";")


def _assumptions(settings: Settings) -> pl.Expr:
    """The assumptions of each row: the sides' own, and the width of 约 when a side uses it."""
    import polars as pl

    approx = settings.describe("approx_tolerance")
    uses_approx = (pl.col("actual_comparator") == "approx") | (
        pl.col("target_comparator") == "approx"
    )
    parts = pl.concat_list(
        pl.col("actual_assumption"),
        pl.col("target_assumption"),
        pl.when(uses_approx.fill_null(False)).then(pl.lit(approx)),
    )
    joined = parts.list.drop_nulls().list.unique(maintain_order=True).list.join("; ")
    return pl.when(joined != "").then(joined).cast(pl.String)
