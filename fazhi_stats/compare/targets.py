"""Target attainment and the ambition of targets.

:func:`assess_targets` judges every actual against every target it can be judged by;
:func:`ambition_table` puts every region's targets side by side. Both take observations as a
pandas or polars frame (the columns of ``observations.csv``) and return the caller's type.

How a target is judged
----------------------
Each value becomes an interval (:mod:`fazhi_stats.compare.intervals`): "60余场" is ``(60, +inf)``.
The values that *meet* a target are its interval, extended towards "better": for a
``higher_is_better`` indicator a target with a finite lower bound is met by anything at or above
it (so exceeding "达到45%" meets it), and mirrored for ``lower_is_better``; for ``neutral``
indicators the target's interval itself. Then:

- ``met`` — every value the actual allows meets the target;
- ``not_met`` — none does;
- ``indeterminate`` — some do and some do not (e.g. "至少80" against a target of 90).

"60余场" against "每年不少于4次" is therefore ``met``: every value above 60 is at least 4.

Which targets judge an actual
-----------------------------
Targets of the same indicator, and of indicators the registry links to it
(:mod:`fazhi_stats.compare.comparability`). ``relation`` says how the target relates to the actual:

- ``own_target_same_year`` — same region; the actual's period lies within the target's;
- ``own_next_year_target`` — same region; the target starts the year after the actual's
  period ends (a report's plans for next year, 蕉城 2021 against 蕉城 2020);
- ``own_target_other_period`` — same region, any other or an unknown period;
- ``cross_region_benchmark`` — another region's target, or a target or actual whose region is
  unknown. Years need not match: a benchmark is the level another government asked for.

Links graded ``not_comparable`` give a row with status ``not_comparable`` and no gap or score,
so a reader sees that the look-alike was considered and refused; undeclared pairs give no row.
An actual with no ``same``/``proxy`` target gets a ``no_target`` row, a target with no
``same``/``proxy`` actual a ``no_actual`` row, and a ``mixed`` observation (a hedged report
sentence, neither an achievement nor a target) a ``not_assessed`` row.

Gap and score
-------------
``gap`` is actual − target value as an interval (the actual's interval minus the written target
value, or its range), in the standard unit. The distance-to-target score is
``min(1, actual / target)`` for ``higher_is_better`` and ``min(1, target / actual)`` for
``lower_is_better`` (clipped to [0, 1], bounds over the actual's interval); it is left empty for
neutral indicators and for targets that are not a positive floor (ceiling). A score of 1 with
status ``not_met`` is possible only for strict targets (``gt``) reached exactly.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from fazhi_stats.compare.comparability import links_frame
from fazhi_stats.compare.inputs import prepare_observations
from fazhi_stats.compare.intervals import (
    DECIMALS,
    INF,
    BoundExprs,
    disjoint_expr,
    interval_exprs,
    interval_text,
    subset_expr,
)
from fazhi_stats.io import format_value
from fazhi_stats.registry import Indicator
from fazhi_stats.schema.backends import conform, to_polars
from fazhi_stats.schema.comparisons import AMBITION, ATTAINMENT
from fazhi_stats.settings import DEFAULT_SETTINGS, Settings
from fazhi_stats.vocabulary import RECURRENCES, comparator_prefix

if TYPE_CHECKING:
    import polars as pl

_SIDE_COLUMNS = (
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
    observations: Any,
    *,
    settings: Settings = DEFAULT_SETTINGS,
    cross_region: bool = True,
    indicators: Mapping[str, Indicator] | None = None,
) -> Any:
    """Every actual against the targets that apply to it, with status, gap and score.

    ``observations``: a pandas or polars frame with the columns of ``observations.csv`` (at
    least observation_id, indicator_id, kind, comparator, value_std, unit_std). Options:
    ``settings`` (the width of 约/左右 values, among others), ``cross_region`` (include
    other regions' targets as benchmarks), ``indicators`` (a registry other than the shipped
    one). Returns the columns of :data:`~fazhi_stats.schema.comparisons.ATTAINMENT`, in the
    caller's frame type. Raises :class:`~fazhi_stats.errors.DataError` for bad input (a target
    without a comparator, a value in another unit than its indicator's, a share above 100 %).

    >>> import polars as pl
    >>> obs = pl.DataFrame({
    ...     "observation_id": ["r/lectures/1", "p/lectures/1"],
    ...     "indicator_id": ["law_lectures_held_count", "leader_law_lectures_per_year"],
    ...     "kind": ["actual", "target"], "comparator": ["gt", "ge"],
    ...     "value_std": [60.0, 4.0], "unit_std": ["count_per_year", "count_per_year"],
    ...     "region_code": ["350902", "420625"], "year": [2020, None],
    ... })
    >>> row = assess_targets(obs).row(0, named=True)
    >>> row["status"], row["relation"], row["grade"], row["gap_interval"]
    ('met', 'cross_region_benchmark', 'proxy', '(56, +inf)')
    """
    import polars as pl

    frame, back = to_polars(observations)
    obs = _with_intervals(prepare_observations(frame, indicators=indicators), settings)
    actuals = _side(obs.filter(pl.col("kind") == "actual"), "actual")
    targets = _side(obs.filter(pl.col("kind") == "target"), "target")
    links = links_frame(indicators).rename(
        {"indicator_id": "actual_indicator_id", "other_id": "target_indicator_id"}
    )
    pairs = actuals.join(links, on="actual_indicator_id").join(targets, on="target_indicator_id")
    pairs = pairs.with_columns(_relation())
    if not cross_region:
        pairs = pairs.filter(pl.col("relation") != "cross_region_benchmark")
    pairs = pairs.with_columns(_judgement())
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
    rows = pl.concat([pairs, no_target, no_actual, not_assessed], how="diagonal_relaxed")
    rows = rows.with_columns(
        family=pl.coalesce("actual_family", "target_family"),
        unit_std=pl.coalesce("actual_unit_std", "target_unit_std"),
        direction=pl.coalesce("actual_direction", "target_direction"),
        observation_ids=_ids("actual_observation_id", "target_observation_id"),
    )
    rows = rows.with_columns(
        _texts(rows, settings),
        **{c: _finite(c) for c in ("gap_lower", "gap_upper", "score_lower", "score_upper")},
    )
    return back(conform(rows, ATTAINMENT))


def ambition_table(
    observations: Any,
    *,
    settings: Settings = DEFAULT_SETTINGS,
    indicators: Mapping[str, Indicator] | None = None,
) -> Any:
    """Every target, family by family and indicator by indicator, in standard units per year.

    One row per target, so "谷城 asked for at least 4 lectures a year for government members,
    海沧 for at least 2 for its leadership" is two adjacent rows of
    ``leader_law_lectures_per_year``, with their scopes. ``n_regions`` counts the known regions
    with a target of the indicator. Returns the columns of
    :data:`~fazhi_stats.schema.comparisons.AMBITION` in the caller's type.
    """
    import polars as pl

    frame, back = to_polars(observations)
    obs = _with_intervals(prepare_observations(frame, indicators=indicators), settings)
    targets = obs.filter(pl.col("kind") == "target").with_columns(
        per_year=pl.col("unit_std").str.ends_with("_per_year"),
        n_regions=pl.col("region_code").drop_nulls().n_unique().over("indicator_id"),
        observation_ids=pl.col("observation_id"),
    )
    texts: dict[str, list[str | None]] = {
        "target_interval": [
            interval_text(*b)
            for b in targets.select("lower", "upper", "lower_closed", "upper_closed").iter_rows()
        ],
        "as_written": [
            _as_written(*r)
            for r in targets.select("comparator", "value", "value_upper", "unit", "per").iter_rows()
        ],
        "assumption": [
            _assumptions([a], [c], settings)
            for a, c in targets.select("assumption", "comparator").iter_rows()
        ],
    }
    targets = targets.with_columns(pl.Series(k, v, dtype=pl.String) for k, v in texts.items())
    return back(conform(targets, AMBITION))


def _with_intervals(obs: pl.DataFrame, settings: Settings) -> pl.DataFrame:
    """Add the value interval, the interval that meets it as a target, and the period."""
    import polars as pl

    bounds = interval_exprs(
        pl.col("comparator"),
        pl.col("value_std"),
        pl.col("value_std_upper"),
        approx_tolerance=settings.approx_tolerance,
    )
    obs = obs.with_columns(
        lower=bounds.lower,
        upper=bounds.upper,
        lower_closed=bounds.lower_closed,
        upper_closed=bounds.upper_closed,
        p_start=pl.coalesce("period_start", "year"),
        p_end=pl.coalesce("period_end", "year"),
    )
    # Values that meet the observation as a target: extended towards "better".
    higher = (pl.col("direction") == "higher_is_better") & (pl.col("lower") > -INF)
    lower = (pl.col("direction") == "lower_is_better") & (pl.col("upper") < INF)
    obs = obs.with_columns(
        met_lower=pl.when(lower).then(pl.lit(-INF)).otherwise(pl.col("lower")),
        met_upper=pl.when(higher).then(pl.lit(INF)).otherwise(pl.col("upper")),
        met_lower_closed=pl.col("lower_closed") & ~lower,
        met_upper_closed=pl.col("upper_closed") & ~higher,
    )
    # A share lies in [0, 100]: "90%以上" is [90, 100], not [90, +inf).
    share = pl.col("unit_std") == "percent"
    clamped = []
    for lo, hi, lo_closed, hi_closed in (
        ("lower", "upper", "lower_closed", "upper_closed"),
        ("met_lower", "met_upper", "met_lower_closed", "met_upper_closed"),
    ):
        clamped += [
            pl.when(share & (pl.col(lo) < 0)).then(pl.lit(0.0)).otherwise(pl.col(lo)).alias(lo),
            pl.when(share & (pl.col(hi) > 100)).then(pl.lit(100.0)).otherwise(pl.col(hi)).alias(hi),
            (pl.col(lo_closed) | (share & (pl.col(lo) < 0))).alias(lo_closed),
            (pl.col(hi_closed) | (share & (pl.col(hi) > 100))).alias(hi_closed),
        ]
    return obs.with_columns(clamped)


def _side(obs: pl.DataFrame, role: str) -> pl.DataFrame:
    import polars as pl

    return obs.select(pl.col(c).alias(f"{role}_{c}") for c in _SIDE_COLUMNS)


def _bounds(prefix: str) -> BoundExprs:
    import polars as pl

    return BoundExprs(
        pl.col(f"{prefix}lower"),
        pl.col(f"{prefix}upper"),
        pl.col(f"{prefix}lower_closed"),
        pl.col(f"{prefix}upper_closed"),
    )


def _relation() -> pl.Expr:
    import polars as pl

    a, t = "actual_", "target_"
    same_region = (pl.col(f"{a}region_code") == pl.col(f"{t}region_code")).fill_null(False)
    within = (
        (pl.col(f"{t}p_start") <= pl.col(f"{a}p_start"))
        & (pl.col(f"{a}p_end") <= pl.col(f"{t}p_end"))
    ).fill_null(False)
    next_year = (pl.col(f"{t}p_start") == pl.col(f"{a}p_end") + 1).fill_null(False)
    return (
        pl.when(same_region & within)
        .then(pl.lit("own_target_same_year"))
        .when(same_region & next_year)
        .then(pl.lit("own_next_year_target"))
        .when(same_region)
        .then(pl.lit("own_target_other_period"))
        .otherwise(pl.lit("cross_region_benchmark"))
        .alias("relation")
    )


def _judgement() -> list[pl.Expr]:
    """Status, gap and score of actual/target pairs."""
    import polars as pl

    actual = _bounds("actual_")
    met = _bounds("target_met_")
    compared = pl.col("grade") != "not_comparable"
    status = (
        pl.when(~compared)
        .then(pl.lit("not_comparable"))
        .when(subset_expr(actual, met))
        .then(pl.lit("met"))
        .when(disjoint_expr(actual, met))
        .then(pl.lit("not_met"))
        .otherwise(pl.lit("indeterminate"))
        .alias("status")
    )
    ref_lower = pl.col("target_value_std")
    ref_upper = pl.coalesce("target_value_std_upper", "target_value_std")
    direction = pl.col("target_direction")
    floor = (direction == "higher_is_better") & (pl.col("target_lower") > -INF) & (ref_lower > 0)
    ceiling = (direction == "lower_is_better") & (pl.col("target_upper") < INF) & (ref_upper >= 0)

    def lower_better(a: pl.Expr) -> pl.Expr:
        return pl.when(a <= 0).then(pl.lit(1.0)).otherwise((ref_upper / a).clip(0, 1))

    score_lower = (
        pl.when(compared & floor)
        .then((actual.lower / ref_lower).clip(0, 1))
        .when(compared & ceiling)
        .then(lower_better(actual.upper))
    )
    score_upper = (
        pl.when(compared & floor)
        .then((actual.upper / ref_lower).clip(0, 1))
        .when(compared & ceiling)
        .then(lower_better(actual.lower))
    )
    return [
        status,
        pl.when(compared).then(actual.lower - ref_upper).alias("gap_lower"),
        pl.when(compared).then(actual.upper - ref_lower).alias("gap_upper"),
        score_lower.alias("score_lower"),
        score_upper.alias("score_upper"),
    ]


def _finite(column: str) -> pl.Expr:
    """Rounded to :data:`DECIMALS`; infinite bounds become empty (unbounded)."""
    import polars as pl

    return pl.when(pl.col(column).is_finite()).then(pl.col(column).round(DECIMALS))


def _ids(*columns: str) -> pl.Expr:
    import polars as pl

    return pl.concat_list(columns).list.drop_nulls().list.sort().list.join(";")


def _texts(rows: pl.DataFrame, settings: Settings) -> list[pl.Series]:
    """Readable intervals and the assumptions of each row."""
    import polars as pl

    def texts(prefix: str, rows_: pl.DataFrame) -> list[str | None]:
        cols = [
            f"{prefix}lower",
            f"{prefix}upper",
            f"{prefix}lower_closed",
            f"{prefix}upper_closed",
        ]
        return [
            None if b[0] is None or b[1] is None else interval_text(*b)
            for b in rows_.select(cols).iter_rows()
        ]

    # the gap keeps the actual's open or closed ends (the written target value is a point or range)
    gap_bounds = rows.select(
        pl.col("gap_lower").alias("lower"),
        pl.col("gap_upper").alias("upper"),
        pl.col("actual_lower_closed").alias("lower_closed"),
        pl.col("actual_upper_closed").alias("upper_closed"),
    )
    assumptions = [
        _assumptions([aa, ta], [ac, tc], settings)
        for aa, ta, ac, tc in rows.select(
            "actual_assumption", "target_assumption", "actual_comparator", "target_comparator"
        ).iter_rows()
    ]
    return [
        pl.Series("actual_interval", texts("actual_", rows), dtype=pl.String),
        pl.Series("met_interval", texts("target_met_", rows), dtype=pl.String),
        pl.Series("gap_interval", texts("", gap_bounds), dtype=pl.String),
        pl.Series("assumption", assumptions, dtype=pl.String),
    ]


def _assumptions(
    written: list[str | None], comparators: list[str | None], settings: Settings
) -> str | None:
    items = [a for a in written if a]
    if "approx" in comparators:
        items.append(settings.describe("approx_tolerance"))
    return "; ".join(dict.fromkeys(items)) or None


def _as_written(
    comparator: str, value: float, value_upper: float | None, unit: str | None, per: str | None
) -> str:
    upper = "" if value_upper is None else f"–{format_value(value_upper)}"
    number = format_value(value) + upper
    recurrence = "" if per is None else " " + RECURRENCES[per].en
    return f"{comparator_prefix(comparator)}{number}{unit or ''}{recurrence}"
