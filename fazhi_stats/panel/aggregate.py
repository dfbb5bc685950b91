"""Composite indices: weighted arithmetic or geometric means of scores, with coverage rules.

One index per region × year (``level="index"``) or per region × year × family
(``level="family"``). Weights are renormalised over the indicators a unit has; an indicator is
*expected* in a year (and family) when any region has a score for it there, and a unit whose
share of expected weighted indicators is below ``min_coverage`` gets no index and the reason.
``neutral`` indicators enter only when ``weights`` names them.

Geometric means need scores ≥ 0 (z-scores are refused). Zeros — which min–max gives the lowest
member of every group — follow ``zeros``: ``"offset"`` takes the mean of ``score + offset``
and shifts it back; ``"exclude"`` treats a zero as missing (it then counts against coverage);
``"error"`` refuses them.

>>> import polars as pl
>>> scores = pl.DataFrame({
...     "region_code": ["a", "a", "b", "b"], "year": [2020] * 4,
...     "indicator_id": ["x", "y", "x", "y"], "family": ["f"] * 4,
...     "direction": ["higher_is_better"] * 4,
...     "score_lower": [0.0, 1.0, 1.0, 0.5], "score_upper": [0.0, 1.0, 1.0, 0.5],
... })
>>> index = aggregate(scores)
>>> index["index_lower"].to_list(), index["rank_best"].to_list()
([0.5, 0.75], [2.0, 1.0])
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

import fazhi_stats.panel.kernels as kernels
from fazhi_stats.errors import DataError, Problem
from fazhi_stats.panel.columns import INDEX
from fazhi_stats.panel.dense import layout
from fazhi_stats.schema.backends import conform, to_polars

if TYPE_CHECKING:
    import polars as pl
    from narwhals.typing import IntoFrameT

Aggregation = Literal["arithmetic", "geometric"]
Level = Literal["index", "family"]
Zeros = Literal["offset", "exclude", "error"]
NEEDED = (
    "region_code",
    "year",
    "indicator_id",
    "family",
    "direction",
    "score_lower",
    "score_upper",
)


def aggregate(
    scores: IntoFrameT,
    *,
    weights: Mapping[str, float] | None = None,
    method: Aggregation = "arithmetic",
    min_coverage: float = 0.5,
    level: Level = "index",
    zeros: Zeros = "offset",
    zero_offset: float = 0.01,
    label: str | None = None,
) -> IntoFrameT:
    """Index intervals per region × year (× family), with coverage, rank bounds and reasons.

    ``scores``: the output of :func:`~fazhi_stats.panel.normalise.normalise_panel`.
    ``weights``: ``{indicator_id: weight ≥ 0}``; ``None`` weighs every non-neutral indicator
    equally. ``min_coverage``: the least share (0–1) of expected indicators a unit needs.
    ``label``: the method as text for the ``method`` column (built from the options if not
    given). Ranks are within year (and family), 1 = best; ``rank_best`` and ``rank_worst`` are
    the ranks the index intervals allow. Raises :class:`~fazhi_stats.errors.DataError` for
    weights of indicators the scores lack, negative weights, negative scores with the
    geometric mean, and zeros with ``zeros="error"``.
    """
    import numpy as np
    import polars as pl

    frame, back = to_polars(scores)
    missing = [c for c in NEEDED if c not in frame.columns]
    if missing:
        raise DataError(
            [
                Problem(
                    "scores", "", f"missing column(s) {missing}", "the columns of normalise_panel"
                )
            ]
        )
    if not 0 <= min_coverage <= 1:
        raise DataError(
            [Problem("aggregate", "min_coverage", f"{min_coverage!r}", "a share between 0 and 1")]
        )
    frame = frame.with_columns(
        pl.col("family") if level == "family" else pl.lit(None, pl.String).alias("family")
    )
    frame = _zeros(frame, method, zeros)
    where = layout(frame, ["region_code", "year", "family"], ["indicator_id"])
    indicators = where.member_keys.get_column("indicator_id").to_list()
    neutral = np.zeros(where.shape[1], dtype=bool)
    neutral[where.member] = (frame.get_column("direction") == "neutral").to_numpy()
    weight = _weights(indicators, neutral, weights)
    lo = where.scatter(frame["score_lower"].fill_null(np.nan).to_numpy().astype(np.float64))
    hi = where.scatter(frame["score_upper"].fill_null(np.nan).to_numpy().astype(np.float64))
    ind_lo, ind_hi, n = kernels.weighted_mean(
        lo,
        hi,
        weight,
        geometric=method == "geometric",
        offset=zero_offset if zeros == "offset" else 0.0,
    )
    # an indicator is expected in a year (and family) when any region has a score for it there
    units = where.group_keys
    cohort = layout(units, ["year", "family"], [])
    scored = (~np.isnan(lo)) & (weight > 0)
    flat = cohort.group[:, None] * where.shape[1] + np.arange(where.shape[1])
    counts = np.bincount(
        flat.ravel(), weights=scored.ravel(), minlength=cohort.shape[0] * where.shape[1]
    )
    expected = (counts.reshape(cohort.shape[0], where.shape[1]) > 0).sum(axis=1)
    result = units.with_columns(
        index_lower=pl.Series(ind_lo),
        index_upper=pl.Series(ind_hi),
        n_indicators=pl.Series(n.astype(np.int64)),
        n_expected=pl.Series(expected[cohort.group].astype(np.int64)),
    )
    result = _judge(result, min_coverage)
    result = _ranks(result)
    text = label or describe_aggregation(
        frame.head(1), weights, method, min_coverage, level, zeros, zero_offset
    )
    return back(conform(result.with_columns(method=pl.lit(text)), INDEX))  # type: ignore[no-any-return]


def _weights(indicators: list[str], neutral: Any, weights: Mapping[str, float] | None) -> Any:
    """The weight of each indicator (in ``indicators`` order); checks a given mapping."""
    import numpy as np

    if weights is None:
        return np.where(neutral, 0.0, 1.0)
    known = set(indicators)
    problems = [
        Problem(
            "weights",
            f"indicator {i}",
            "not in the scores",
            "weights only for indicators of the scores",
        )
        for i in sorted(set(weights) - known)
    ]
    problems += [
        Problem("weights", f"indicator {i}", f"weight {w!r}", "a finite weight ≥ 0")
        for i, w in sorted(weights.items())
        if not (isinstance(w, int | float) and 0 <= w < float("inf"))
    ]
    if problems:
        raise DataError(problems)
    return np.array([float(weights.get(i, 0.0)) for i in indicators])


def _zeros(frame: pl.DataFrame, method: Aggregation, zeros: Zeros) -> pl.DataFrame:
    import polars as pl

    if method != "geometric":
        return frame
    negative = frame.filter((pl.col("score_lower") < 0).fill_null(False))
    if negative.height:
        raise DataError(
            Problem(
                "scores",
                f"{r} {y} {i}",
                f"score {s:g} is negative",
                "scores ≥ 0 for a geometric mean (min–max, rank, percentile rank, goalposts "
                "or distance to target; z-scores only with the arithmetic mean)",
            )
            for r, y, i, s in negative.select(
                "region_code", "year", "indicator_id", "score_lower"
            ).iter_rows()
        )
    zero = (pl.col("score_lower") == 0).fill_null(False)
    if zeros == "error" and frame.filter(zero).height:
        raise DataError(
            Problem(
                "scores",
                f"{r} {y} {i}",
                "score 0 in a geometric mean",
                "zeros='offset' or zeros='exclude', or scores > 0",
            )
            for r, y, i in frame.filter(zero)
            .select("region_code", "year", "indicator_id")
            .iter_rows()
        )
    if zeros == "exclude":
        return frame.with_columns(
            pl.when(~zero).then(pl.col("score_lower")).alias("score_lower"),
            pl.when(~zero).then(pl.col("score_upper")).alias("score_upper"),
        )
    return frame


def _judge(result: pl.DataFrame, min_coverage: float) -> pl.DataFrame:
    import polars as pl

    n, expected = pl.col("n_indicators").fill_null(0), pl.col("n_expected").fill_null(0)
    coverage = pl.when(expected > 0).then(n / expected)
    share = (coverage * 100).round(0).cast(pl.Int64)
    reason = (
        pl.when(expected == 0)
        .then(pl.lit("no indicator has a score in this year"))
        .when(coverage < min_coverage)
        .then(
            pl.format(
                "coverage {} of {} indicators ({}%) is below min_coverage {}%",
                n,
                expected,
                share,
                pl.lit(round(min_coverage * 100)),
            )
        )
    )
    return result.with_columns(
        n_indicators=n, n_expected=expected, coverage=coverage, reason=reason
    ).with_columns(
        pl.when(pl.col("reason").is_null()).then(pl.col(c)).alias(c)
        for c in ("index_lower", "index_upper")
    )


def _ranks(result: pl.DataFrame) -> pl.DataFrame:
    """Best and worst rank within year (and family) the index intervals allow."""
    import polars as pl

    ranked = result.filter(pl.col("index_lower").is_not_null())
    if not ranked.height:
        return result.with_columns(
            rank_best=pl.lit(None, pl.Float64), rank_worst=pl.lit(None, pl.Float64)
        )
    where = layout(ranked, ["year", "family"], ["region_code"])
    lo = where.scatter(-ranked["index_upper"].to_numpy())
    hi = where.scatter(-ranked["index_lower"].to_numpy())
    best, worst = kernels.rank(lo, hi)
    ranked = ranked.select("region_code", "year", "family").with_columns(
        rank_best=pl.Series(where.gather(best)), rank_worst=pl.Series(where.gather(worst))
    )
    return result.join(ranked, on=["region_code", "year", "family"], how="left", nulls_equal=True)


def describe_aggregation(
    scores: Any,
    weights: Mapping[str, float] | None,
    method: str,
    min_coverage: float,
    level: str,
    zeros: str,
    zero_offset: float,
) -> str:
    """The aggregation options (and the scores' normalisation) as one line of text."""
    norm = ""
    if "normalisation" in scores.columns and scores.height:
        by = scores["normalised_by"][0] if "normalised_by" in scores.columns else ""
        norm = f"{scores['normalisation'][0]} by {by}; "
    zero_rule = f"; zeros {zeros}" + (f" {zero_offset:g}" if zeros == "offset" else "")
    return (
        f"{norm}{method} mean{zero_rule if method == 'geometric' else ''}; "
        f"{'equal weights' if weights is None else 'weights given'}; level {level}; "
        f"min coverage {min_coverage * 100:g}%"
    )
