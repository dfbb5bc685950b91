"""Normalised scores of a panel: min–max, z-score, rank, percentile rank, goalposts, targets.

Every method scores "higher is better": ``lower_is_better`` indicators are scored on the negated
values (``goalposts`` then run from the upper goalpost to the lower), ``neutral`` ones as they
are. ``by="year"`` scores each year's cross-section; ``by=None`` pools the years of an
indicator so that scores compare over time.

An interval value gets an interval score holding the score of every value in the interval,
whatever the other members' values are within theirs (:mod:`fazhi_stats.panel.kernels`).
Where there is no score, ``score_note`` says why: a single value in the group, no spread
(min–max, z-score), no goalposts or target, a target that is not positive, no value.

>>> import polars as pl
>>> panel = pl.DataFrame({
...     "region_code": ["a", "b", "c"], "year": [2020] * 3,
...     "indicator_id": ["x"] * 3, "direction": ["higher_is_better"] * 3,
...     "unit_std": ["count"] * 3,
...     "value_lower": [10.0, 20.0, 40.0], "value_upper": [10.0, 30.0, 40.0],
... })
>>> scores = normalise_panel(panel, method="minmax")
>>> [round(x, 4) for x in scores["score_lower"]], [round(x, 4) for x in scores["score_upper"]]
([0.0, 0.3333, 1.0], [0.0, 0.6667, 1.0])
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, get_args

import fazhi_stats.panel.kernels as kernels
from fazhi_stats.errors import DataError, Problem
from fazhi_stats.panel.columns import PANEL, SCORES
from fazhi_stats.panel.dense import layout
from fazhi_stats.schema.backends import conform, to_polars

if TYPE_CHECKING:
    import numpy as np
    import polars as pl
    from narwhals.typing import IntoFrameT
    from numpy.typing import NDArray

Normalisation = Literal[
    "minmax", "zscore", "rank", "percentile_rank", "goalposts", "distance_to_target"
]
NORMALISATIONS: tuple[str, ...] = get_args(Normalisation)
By = Literal["year"] | None
NEEDED = (
    "region_code",
    "year",
    "indicator_id",
    "direction",
    "unit_std",
    "value_lower",
    "value_upper",
)


def normalise_panel(
    panel: IntoFrameT,
    *,
    method: Normalisation = "minmax",
    by: By = "year",
    goalposts: Mapping[str, tuple[float, float]] | None = None,
    targets: Mapping[str, float] | Any = None,
) -> IntoFrameT:
    """The panel with ``score_lower``, ``score_upper``, ``score_note`` and the parameters used.

    ``method``: one of :data:`NORMALISATIONS`. ``by``: ``"year"`` or ``None`` (years pooled).
    ``goalposts`` (for ``goalposts``): ``{indicator_id: (worst, best)}`` in the indicator's
    unit, lower first; values outside are clipped. ``targets`` (for ``distance_to_target``):
    ``{indicator_id: reference value}`` or a frame with ``region_code, year, indicator_id,
    target``; the score is ``min(1, x / target)`` (``min(1, target / x)`` where lower is
    better). Raises :class:`~fazhi_stats.errors.DataError` for mixed units within an
    indicator, goalposts with lower ≥ upper or for indicators the panel lacks, and missing
    columns.
    """
    import numpy as np
    import polars as pl

    frame, back = to_polars(panel)
    frame = complete_panel(frame)
    _check(frame, method, goalposts)
    lo, hi, note = value_bounds(frame)
    flip = (frame["direction"] == "lower_is_better").to_numpy()
    groups = ["year", "indicator_id"] if by == "year" else ["indicator_id"]
    members = ["region_code"] if by == "year" else ["region_code", "year"]
    where = layout(frame, groups, members)
    s_lo, s_hi = _scores(
        frame, method, lo, hi, flip, where.scatter, where.gather, goalposts, targets
    )
    d_lo, d_hi = where.scatter(lo), where.scatter(hi)
    # per-group figures, then one look-up per row
    n = kernels.count(d_lo)[:, 0][where.group]
    spread = _spread(d_lo, d_hi)[where.group]
    reason = _reasons(method, note, n, spread, s_lo, frame, targets, goalposts)
    params = _params(d_lo, d_hi, where.group)
    scored = frame.with_columns(
        normalisation=pl.lit(method),
        normalised_by=pl.lit("year" if by == "year" else "all"),
        score_lower=pl.Series(np.where(reason.is_null().to_numpy(), s_lo, np.nan)),
        score_upper=pl.Series(np.where(reason.is_null().to_numpy(), s_hi, np.nan)),
        score_note=reason,
        n_group=pl.Series(n.astype(np.int64)),
        param_goal_lower=goal_column(frame, goalposts, 0) if method == "goalposts" else None,
        param_goal_upper=goal_column(frame, goalposts, 1) if method == "goalposts" else None,
        param_target=target_column(frame, targets) if method == "distance_to_target" else None,
        **params,
    ).with_columns(pl.col("score_lower", "score_upper").fill_nan(None))
    return back(conform(scored, SCORES))  # type: ignore[no-any-return]


def complete_panel(frame: pl.DataFrame) -> pl.DataFrame:
    """The panel's optional columns added empty, so a hand-made panel is accepted."""
    import polars as pl

    from fazhi_stats.schema.frames import polars_dtype

    missing = [c for c in NEEDED if c not in frame.columns]
    if missing:
        raise DataError(
            [
                Problem(
                    "panel",
                    "",
                    f"missing column(s) {missing}",
                    f"the columns of build_panel, at least {list(NEEDED)}",
                )
            ]
        )
    extra = [
        pl.lit(None, polars_dtype(c.type)).alias(c.name)
        for c in PANEL.columns
        if c.name not in frame.columns
    ]
    out = frame.with_columns(extra)
    return out.with_columns(
        pl.col("lower_open").fill_null(False),
        pl.col("upper_open").fill_null(False),
        pl.col("value_lower", "value_upper").cast(pl.Float64),
    )


def _check(
    frame: pl.DataFrame, method: str, goalposts: Mapping[str, tuple[float, float]] | None
) -> None:
    import polars as pl

    problems: list[Problem] = []
    if method not in NORMALISATIONS:
        problems.append(
            Problem(
                "normalise_panel", "method", f"unknown method {method!r}", ", ".join(NORMALISATIONS)
            )
        )
    units = frame.group_by("indicator_id").agg(pl.col("unit_std").unique().sort())
    for ind, found in (
        units.filter(pl.col("unit_std").list.len() > 1).sort("indicator_id").iter_rows()
    ):
        problems.append(
            Problem(
                "panel",
                f"indicator {ind}",
                f"values in several units {found}",
                "one standard unit per indicator",
            )
        )
    if method == "goalposts":
        present = set(frame["indicator_id"].unique().to_list())
        given = dict(goalposts or {})
        for ind in sorted(present - set(given)):
            problems.append(
                Problem(
                    "goalposts",
                    f"indicator {ind}",
                    "no goalposts",
                    "a (lower, upper) pair for every indicator of the panel",
                )
            )
        for ind in sorted(set(given) - present):
            problems.append(
                Problem(
                    "goalposts",
                    f"indicator {ind}",
                    "not in the panel",
                    "goalposts only for indicators of the panel",
                )
            )
        for ind, (low, high) in sorted(given.items()):
            if not low < high:
                problems.append(
                    Problem(
                        "goalposts",
                        f"indicator {ind}",
                        f"lower {low} is not below upper {high}",
                        "lower < upper",
                    )
                )
    if problems:
        raise DataError(problems)


def value_bounds(frame: pl.DataFrame) -> tuple[NDArray[np.float64], NDArray[np.float64], pl.Series]:
    """Value ends as arrays (±inf for unbounded ends), and why a row has no value."""
    import numpy as np
    import polars as pl

    lo = frame.select(
        pl.when(pl.col("value_lower").is_null() & pl.col("lower_open"))
        .then(-np.inf)
        .otherwise(pl.col("value_lower"))
    ).to_series()
    hi = frame.select(
        pl.when(pl.col("value_upper").is_null() & pl.col("upper_open"))
        .then(np.inf)
        .otherwise(pl.col("value_upper"))
    ).to_series()
    missing = lo.is_null() | hi.is_null() | lo.is_nan() | hi.is_nan()
    note = frame.select(pl.when(missing).then(pl.coalesce("note", pl.lit("no value")))).to_series()
    lo_a = lo.fill_null(np.nan).to_numpy().astype(np.float64)
    hi_a = hi.fill_null(np.nan).to_numpy().astype(np.float64)
    gone = missing.to_numpy()
    return np.where(gone, np.nan, lo_a), np.where(gone, np.nan, hi_a), note


def _scores(
    frame: pl.DataFrame,
    method: str,
    lo: Any,
    hi: Any,
    flip: Any,
    scatter: Any,
    gather: Any,
    goalposts: Mapping[str, tuple[float, float]] | None,
    targets: Any,
) -> tuple[Any, Any]:
    import numpy as np

    if method == "distance_to_target":
        target = target_column(frame, targets).to_numpy().astype(np.float64)
        target = np.where(target > 0, target, np.nan)
        return kernels.distance_to_target(lo, hi, target, lower_is_better=flip)
    f_lo, f_hi = np.where(flip, -hi, lo), np.where(flip, -lo, hi)
    if method == "goalposts":
        g_lo = goal_column(frame, goalposts, 0).to_numpy().astype(np.float64)
        g_hi = goal_column(frame, goalposts, 1).to_numpy().astype(np.float64)
        return kernels.goalposts(
            f_lo, f_hi, np.where(flip, -g_hi, g_lo), np.where(flip, -g_lo, g_hi)
        )
    kernel = {
        "minmax": kernels.minmax,
        "zscore": kernels.zscore,
        "rank": kernels.rank,
        "percentile_rank": kernels.percentile_rank,
    }[method]
    d_lo, d_hi = kernel(scatter(f_lo), scatter(f_hi))
    return gather(d_lo), gather(d_hi)


def _spread(lo: Any, hi: Any) -> Any:
    """Per group: do the intervals allow any two members to differ?"""
    import numpy as np

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        top, bottom = np.nanmax(hi, axis=1), np.nanmin(lo, axis=1)
    return top > bottom


def _reasons(
    method: str,
    note: pl.Series,
    n: Any,
    spread: Any,
    s_lo: Any,
    frame: pl.DataFrame,
    targets: Any,
    goalposts: Any,
) -> pl.Series:
    import numpy as np
    import polars as pl

    needs_spread = method in ("minmax", "zscore", "percentile_rank")
    single = needs_spread & (n < 2)
    flat = (method in ("minmax", "zscore")) & ~spread & ~single
    extra: dict[str, Any] = {
        "single": single,
        "flat": flat,
        "s_nan": np.isnan(s_lo),
    }
    rules: list[tuple[Any, Any]] = [
        (note.is_not_null(), note),
        (pl.Series(extra["single"]), pl.lit("a single value in its group: no spread")),
        (pl.Series(extra["flat"]), pl.lit("no spread: every value in the group is the same")),
    ]
    if method == "distance_to_target":
        target = target_column(frame, targets)
        rules += [
            (target.is_null(), pl.lit("no target")),
            (target <= 0, pl.lit("target is not positive: no ratio")),
            (
                frame["direction"] == "neutral",
                pl.lit("neutral indicator: no side of the target is better"),
            ),
        ]
    rules.append((pl.Series(extra["s_nan"]), pl.lit("no score")))
    reason: Any = pl
    for condition, text in rules:
        reason = reason.when(condition).then(text)
    return frame.select(reason.otherwise(pl.lit(None, pl.String)).alias("score_note")).to_series()


def _params(d_lo: Any, d_hi: Any, group: Any) -> dict[str, Any]:
    """Min, max, mean and sd of each group (in the unit of the values), per row."""
    import numpy as np
    import polars as pl

    mid = np.where(np.isfinite(d_lo) & np.isfinite(d_hi), (d_lo + d_hi) / 2, np.nan)
    fin_lo, fin_hi = np.where(np.isinf(d_lo), np.nan, d_lo), np.where(np.isinf(d_hi), np.nan, d_hi)
    with warnings.catch_warnings(), np.errstate(invalid="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        stats = {
            "param_min": np.nanmin(fin_lo, axis=1),
            "param_max": np.nanmax(fin_hi, axis=1),
            "param_mean": np.nanmean(mid, axis=1),
            "param_sd": np.nanstd(mid, axis=1, ddof=1),
        }
    return {k: pl.Series(v[group]).fill_nan(None) for k, v in stats.items()}


def goal_column(
    frame: pl.DataFrame, goalposts: Mapping[str, tuple[float, float]] | None, end: int
) -> pl.Series:
    import polars as pl

    mapping = {k: float(v[end]) for k, v in (goalposts or {}).items()}
    return frame["indicator_id"].replace_strict(mapping, default=None, return_dtype=pl.Float64)


def target_column(frame: pl.DataFrame, targets: Any) -> pl.Series:
    """The target of each row: from a mapping per indicator, or a frame per region and year."""
    import polars as pl

    if targets is None:
        return pl.Series("param_target", [None] * frame.height, dtype=pl.Float64)
    if isinstance(targets, Mapping):
        mapping = {k: float(v) for k, v in targets.items()}
        return frame["indicator_id"].replace_strict(mapping, default=None, return_dtype=pl.Float64)
    table, _ = to_polars(targets)
    needed = {"region_code", "year", "indicator_id", "target"}
    if not needed <= set(table.columns):
        raise DataError(
            [
                Problem(
                    "targets",
                    "",
                    f"missing column(s) {sorted(needed - set(table.columns))}",
                    "region_code, year, indicator_id, target",
                )
            ]
        )
    table = table.select(
        pl.col("region_code").cast(pl.String),
        pl.col("year").cast(pl.Int64),
        pl.col("indicator_id").cast(pl.String),
        pl.col("target").cast(pl.Float64),
    )
    dup = table.filter(pl.struct("region_code", "year", "indicator_id").is_duplicated())
    if dup.height:
        raise DataError(
            Problem("targets", f"{r} {y} {i}", "more than one target", "one per cell")
            for r, y, i, _ in dup.iter_rows()
        )
    joined = frame.select("region_code", "year", "indicator_id").join(
        table, on=["region_code", "year", "indicator_id"], how="left", maintain_order="left"
    )
    return joined["target"].alias("param_target")
