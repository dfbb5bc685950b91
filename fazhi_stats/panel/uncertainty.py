"""How sure a ranking is: Monte Carlo over intervals, assumptions, weights and methods.

:func:`rank_uncertainty` draws every uncertain input of a composite together — the values inside
their intervals, the minutes of a 学时, the tolerance of 约, the weights, and the choice among
normalisation methods — on a Sobol' design (SALib), evaluates the composite for each draw, and
reports per region × year the median rank, the 5th and 95th percentile ranks and the median
index; with first- and total-order sensitivity indices of the mean absolute rank shift (against
the nominal ranks) per uncertain input (:mod:`fazhi_stats.panel.sensitivity`).

Values are drawn uniformly inside their intervals. An unbounded end (60余场 is "more than 60")
cannot be drawn from: it is read as reaching ``open_end_span`` × the bound beyond it (60 →
(60, 90] with the default 0.5) — an assumption, recorded in :class:`Vary`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic

from narwhals.typing import IntoFrameT

from fazhi_stats.errors import DataError, Problem
from fazhi_stats.panel.normalise import NORMALISATIONS, Normalisation
from fazhi_stats.schema.backends import to_polars

if TYPE_CHECKING:
    import numpy as np
    import polars as pl
    from numpy.typing import NDArray

    from fazhi_stats.panel.draws import Draws, Model
    from fazhi_stats.panel.method import Method


@dataclass(frozen=True)
class Vary:
    """What the Monte Carlo varies, each with its range.

    ``values``: values inside their intervals. ``class_hour_minutes``: (low, high) minutes of
    a 学时. ``approx_tolerance``: (low, high) relative half-width of 约 values. ``weights``: each
    weight is multiplied by a factor drawn from [1 − w, 1 + w]. ``normalisations``: methods
    drawn with equal chance (the method's own is added). ``open_end_span``: how far an
    unbounded end is read to reach, relative to its bound.
    """

    values: bool = True
    class_hour_minutes: tuple[float, float] | None = None
    approx_tolerance: tuple[float, float] | None = None
    weights: float | None = None
    normalisations: tuple[Normalisation, ...] = ()
    open_end_span: float = 0.5

    def __post_init__(self) -> None:
        problems = []
        for name in ("class_hour_minutes", "approx_tolerance"):
            span = getattr(self, name)
            if span is not None and not (0 <= span[0] <= span[1]):
                problems.append(Problem("Vary", name, repr(span), "(low, high), 0 ≤ low ≤ high"))
        if self.approx_tolerance is not None and self.approx_tolerance[1] >= 1:
            problems.append(
                Problem(
                    "Vary", "approx_tolerance", repr(self.approx_tolerance), "tolerances below 1"
                )
            )
        if self.weights is not None and not 0 <= self.weights < 1:
            problems.append(Problem("Vary", "weights", repr(self.weights), "0 ≤ w < 1"))
        problems += [
            Problem("Vary", "normalisations", repr(n), ", ".join(NORMALISATIONS))
            for n in self.normalisations
            if n not in NORMALISATIONS
        ]
        if self.open_end_span <= 0:
            problems.append(Problem("Vary", "open_end_span", repr(self.open_end_span), "> 0"))
        if problems:
            raise DataError(problems)


@dataclass(frozen=True)
class RankUncertainty(Generic[IntoFrameT]):
    """The result of :func:`rank_uncertainty`, with the method and design that made it.

    ``ranks``: per region × year (× family) ``nominal_rank, median_rank, rank_p05, rank_p95,
    median_index, n_ranked`` (with the normalisation varied, draws mix index scales: compare
    ranks, not indices). ``sensitivity``: per uncertain input ``first_order``,
    ``first_order_conf``, ``total_order``, ``total_order_conf`` and a ``note``.
    """

    ranks: IntoFrameT
    sensitivity: IntoFrameT
    method: Method
    vary: Vary
    draws: int
    n_evaluations: int
    seed: int
    factors: tuple[str, ...] = field(default=())


def rank_uncertainty(
    panel: IntoFrameT,
    method: Method,
    *,
    draws: int = 1000,
    seed: int = 0,
    vary: Vary | None = None,
    class_hour_minutes: float | None = None,
    approx_tolerance: float | None = None,
) -> RankUncertainty[IntoFrameT]:
    """Median rank, 5th–95th percentile ranks and median index per region × year, and Sobol'
    indices of each uncertain input; the same ``seed`` gives the same numbers.

    ``draws``: the most model evaluations to spend; the Sobol' design uses N(k + 2) of them for k
    uncertain inputs, N the largest power of two that fits (``n_evaluations`` says how many).
    ``class_hour_minutes`` / ``approx_tolerance``: the nominal assumptions (default: those the
    panel was built with). Raises :class:`~fazhi_stats.errors.DataError` when no year has two
    regions with an index under ``method``, with the coverage figures of every year.
    """
    import numpy as np

    from fazhi_stats.panel.coverage import composite_readiness
    from fazhi_stats.panel.draws import Model
    from fazhi_stats.settings import Settings

    vary = vary or Vary()
    frame, back = to_polars(panel)
    readiness = composite_readiness(frame, method)
    if not readiness["ready"].any():
        raise (
            DataError(
                Problem(
                    "rank_uncertainty",
                    f"year {year}",
                    str(reason),
                    "two or more regions with an index in some year",
                )
                for year, reason in readiness.select("year", "reason").iter_rows()
            )
            if readiness.height
            else DataError([Problem("rank_uncertainty", "panel", "no rows", "a panel with values")])
        )
    model = Model(frame, method, open_end_span=vary.open_end_span)
    defaults = Settings()
    nominal_minutes = _nominal(model.hours, class_hour_minutes, defaults.class_hour_minutes)
    nominal_tol = _nominal(
        model.frame["approx_tolerance"].fill_null(np.nan).to_numpy(),
        approx_tolerance,
        defaults.approx_tolerance,
    )
    methods = tuple(dict.fromkeys((method.normalisation, *vary.normalisations)))
    factors, bounds = _factors(vary, methods)
    base = _draws(model, np.empty((1, 0)), [], vary, seed, nominal_minutes, nominal_tol)
    nominal_rank, _ = model.evaluate(method.normalisation, base)
    if factors:
        from fazhi_stats.panel.sensitivity import design

        x = design(bounds, draws, seed=seed)
    else:
        x = np.empty((1, 0))
    ranks, index = _run(model, x, factors, vary, seed, methods, nominal_minutes, nominal_tol)
    shift = np.nanmean(np.abs(ranks - nominal_rank), axis=1)
    shift = np.where(np.isnan(shift), 0.0, shift)
    table = _rank_table(model, ranks, index, nominal_rank)
    if factors:
        from fazhi_stats.panel.sensitivity import indices

        sensitivity = indices(factors, bounds, shift, seed=seed)
    else:
        sensitivity = _empty_sensitivity()
    return RankUncertainty(
        ranks=back(table),
        sensitivity=back(sensitivity),
        method=method,
        vary=vary,
        draws=draws,
        n_evaluations=int(x.shape[0]),
        seed=seed,
        factors=tuple(factors),
    )


def _nominal(column: NDArray[np.float64], given: float | None, default: float) -> float:
    import numpy as np

    if given is not None:
        return float(given)
    known = column[~np.isnan(column)]
    return float(known[0]) if known.size else default


def _factors(
    vary: Vary, methods: tuple[Normalisation, ...]
) -> tuple[list[str], list[tuple[float, float]]]:
    names: list[str] = []
    bounds: list[tuple[float, float]] = []
    if vary.values:
        names.append("values")
        bounds.append((0.0, 1.0))
    if vary.class_hour_minutes is not None:
        names.append("class_hour_minutes")
        bounds.append(vary.class_hour_minutes)
    if vary.approx_tolerance is not None:
        names.append("approx_tolerance")
        bounds.append(vary.approx_tolerance)
    if vary.weights is not None:
        names.append("weights")
        bounds.append((0.0, 1.0))
    if len(methods) > 1:
        names.append("normalisation")
        bounds.append((0.0, 1.0))
    return names, bounds


def _stream(seed: int, salt: int, u: float, size: int) -> NDArray[np.float64]:
    """Uniform numbers that depend only on the seed and the factor's value ``u``."""
    import numpy as np

    return np.random.default_rng([seed, salt, int(u * 2**53)]).random(size)


def _draws(
    model: Model,
    x: NDArray[np.float64],
    factors: list[str],
    vary: Vary,
    seed: int,
    minutes: float,
    tolerance: float,
) -> Draws:
    import numpy as np

    from fazhi_stats.panel.draws import Draws

    b = max(x.shape[0], 1)
    col = {name: x[:, i] for i, name in enumerate(factors)}
    n_rows, n_ind = model.lo.shape[0], len(model.indicators)
    if "values" in col:
        value_u = np.stack([_stream(seed, 0, u, n_rows) for u in col["values"]])
    else:
        value_u = np.full((b, n_rows), 0.5)
    if "weights" in col:
        w = vary.weights or 0.0
        factor = np.stack([1 - w + 2 * w * _stream(seed, 1, u, n_ind) for u in col["weights"]])
        weights = model.base_weights * factor
    else:
        weights = np.broadcast_to(model.base_weights, (b, n_ind))
    return Draws(
        value_u=value_u,
        minutes=col.get("class_hour_minutes", np.full(b, minutes)),
        tolerance=col.get("approx_tolerance", np.full(b, tolerance)),
        weights=np.asarray(weights, dtype=np.float64),
    )


def _run(
    model: Model,
    x: NDArray[np.float64],
    factors: list[str],
    vary: Vary,
    seed: int,
    methods: tuple[Normalisation, ...],
    minutes: float,
    tolerance: float,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Ranks and index of every evaluation, in batches that keep memory bounded."""
    import numpy as np

    n = x.shape[0]
    if "normalisation" in factors:
        u = x[:, factors.index("normalisation")]
        norm_of = np.minimum((u * len(methods)).astype(np.int64), len(methods) - 1)
    else:
        norm_of = np.zeros(n, dtype=np.int64)
    units = model.unit_keys.height
    ranks = np.full((n, units), np.nan)
    index = np.full((n, units), np.nan)
    batch = max(1, 2_000_000 // max(model.lo.shape[0], 1))
    for k, name in enumerate(methods):
        rows = np.flatnonzero(norm_of == k)
        for start in range(0, rows.size, batch):
            chunk = rows[start : start + batch]
            draws = _draws(model, x[chunk], factors, vary, seed, minutes, tolerance)
            ranks[chunk], index[chunk] = model.evaluate(name, draws)
    return ranks, index


def _rank_table(
    model: Model,
    ranks: NDArray[np.float64],
    index: NDArray[np.float64],
    nominal: NDArray[np.float64],
) -> pl.DataFrame:
    import warnings

    import numpy as np
    import polars as pl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # units never ranked are all-NaN
        p05, p50, p95 = np.nanpercentile(ranks, [5, 50, 95], axis=0)
        med_index = np.nanmedian(index, axis=0)
    n_ranked = np.sum(~np.isnan(ranks), axis=0)
    never = n_ranked == 0

    def col(a: NDArray[np.float64]) -> pl.Series:
        return pl.Series(np.where(never, np.nan, a)).fill_nan(None)

    return model.unit_keys.with_columns(
        nominal_rank=col(nominal[0]),
        median_rank=col(p50),
        rank_p05=col(p05),
        rank_p95=col(p95),
        median_index=col(med_index),
        n_ranked=pl.Series(n_ranked.astype(np.int64)),
        reason=pl.Series([("no index in any draw" if x else None) for x in never], dtype=pl.String),
    ).sort("year", "family", "region_code")


def _empty_sensitivity() -> pl.DataFrame:
    import polars as pl

    return pl.DataFrame(
        schema={
            "factor": pl.String,
            "first_order": pl.Float64,
            "first_order_conf": pl.Float64,
            "total_order": pl.Float64,
            "total_order_conf": pl.Float64,
            "note": pl.String,
        }
    )
