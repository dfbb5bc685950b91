"""The Monte Carlo model: one composite evaluation per draw of the uncertain inputs.

A :class:`Model` is built once from a panel and a method; :meth:`Model.ranks` evaluates a
batch of draws at once (values inside their intervals, 学时 minutes, 约 tolerance, weights,
normalisation) with the same score kernels as the deterministic path, so a draw that changes
nothing reproduces the deterministic ranks exactly.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import fazhi_stats.panel.kernels as kernels
from fazhi_stats.panel.dense import Layout, layout

if TYPE_CHECKING:
    import numpy as np
    import polars as pl
    from numpy.typing import NDArray

    from fazhi_stats.panel.method import Method
    from fazhi_stats.panel.normalise import Normalisation

    Array = NDArray[np.float64]


@dataclass(frozen=True)
class Draws:
    """A batch of draws: one entry (or row) per draw."""

    value_u: Array  # (B, rows) positions inside the intervals, 0–1
    minutes: Array  # (B,) minutes per 学时
    tolerance: Array  # (B,) approx tolerance
    weights: Array  # (B, indicators) weights


class Model:
    """Everything about the panel that does not change between draws."""

    def __init__(self, frame: pl.DataFrame, method: Method, *, open_end_span: float) -> None:
        import numpy as np
        import polars as pl

        from fazhi_stats.panel.impute import impute
        from fazhi_stats.panel.normalise import (
            complete_panel,
            goal_column,
            target_column,
            value_bounds,
        )

        self.method = method
        frame = complete_panel(impute(frame, rule=method.imputation)).sort(
            "region_code", "year", "indicator_id"
        )
        self.frame = frame
        lo, hi, _ = value_bounds(frame)
        self.lo, self.hi = lo, hi
        f = frame
        self.flip = (f["direction"] == "lower_is_better").to_numpy()
        self.percent = (f["unit_std"] == "percent").to_numpy() & (hi <= 100)
        self.hours = f["class_hour_minutes"].fill_null(np.nan).to_numpy().astype(np.float64)
        single_approx = (f["comparator"] == "approx").fill_null(False).to_numpy() & (
            f["n_observations"].fill_null(1).to_numpy() == 1
        )
        self.approx = single_approx & ~np.isnan(lo)
        self.centre_lo = f["value_std"].fill_null(np.nan).to_numpy().astype(np.float64)
        self.centre_hi = f["value_std_upper"].fill_null(np.nan).to_numpy().astype(np.float64)
        self.centre_hi = np.where(np.isnan(self.centre_hi), self.centre_lo, self.centre_hi)
        self.goal = (
            goal_column(f, method.goalposts, 0).fill_null(np.nan).to_numpy(),
            goal_column(f, method.goalposts, 1).fill_null(np.nan).to_numpy(),
        )
        target = target_column(f, method.targets).fill_null(np.nan).to_numpy()
        self.target = np.where(target > 0, target, np.nan)
        self.indicators = sorted(set(f["indicator_id"].to_list()))
        base = method.weights
        directions = dict(f.select("indicator_id", "direction").unique().iter_rows())
        self.base_weights = np.array(
            [
                (1.0 if directions[i] != "neutral" else 0.0)
                if base is None
                else float(base.get(i, 0.0))
                for i in self.indicators
            ]
        )
        self.units = frame.select(
            "region_code",
            "year",
            pl.col("family")
            if method.level == "family"
            else pl.lit(None, pl.String).alias("family"),
        ).with_columns(pl.col("family").cast(pl.String))
        self.unit_layout = layout(
            self.units.with_columns(indicator_id=f["indicator_id"]),
            ["region_code", "year", "family"],
            ["indicator_id"],
        )
        self.unit_keys = (
            self.units.with_columns(unit=pl.Series(self.unit_layout.group))
            .unique("unit")
            .sort("unit")
            .drop("unit")
        )
        self.rank_layout = layout(self.unit_keys, ["year", "family"], ["region_code"])
        self._masks: dict[str, tuple[Any, Any]] = {}
        # an unbounded end is read as reaching open_end_span × its bound (in the panel's units)
        with np.errstate(invalid="ignore"):
            self.finite_hi = np.where(
                np.isposinf(hi), lo + open_end_span * np.maximum(np.abs(lo), 1.0), hi
            )
            reach_down = open_end_span * np.maximum(np.abs(self.finite_hi), 1.0)
            self.finite_lo = np.where(np.isneginf(lo), self.finite_hi - reach_down, lo)
        self.approx_rows = np.flatnonzero(self.approx)
        self.hour_rows = np.flatnonzero(~np.isnan(self.hours))

    def masks(self, normalisation: Normalisation) -> tuple[Any, Any]:
        """Rows with a score and units with an index under ``normalisation`` (deterministic)."""
        from dataclasses import replace

        import numpy as np
        import polars as pl

        if normalisation not in self._masks:
            method = replace(self.method, normalisation=normalisation, imputation="none")
            scores = method.scores(self.frame)
            row_ok = scores["score_lower"].is_not_null().to_numpy()
            index = method.apply(self.frame)
            ok = (
                self.unit_keys.join(
                    index.select(
                        "region_code",
                        "year",
                        pl.col("family").cast(pl.String),
                        ok=pl.col("reason").is_null(),
                    ),
                    on=["region_code", "year", "family"],
                    how="left",
                    nulls_equal=True,
                    maintain_order="left",
                )["ok"]
                .fill_null(False)
                .to_numpy()
            )
            self._masks[normalisation] = (row_ok, np.asarray(ok))
        return self._masks[normalisation]

    def values(self, draws: Draws) -> tuple[Array, Array]:
        """The value interval of every row in every draw, with finite ends."""
        import numpy as np

        b = draws.minutes.shape[0]
        lo = np.repeat(self.finite_lo[None, :], b, axis=0)
        hi = np.repeat(self.finite_hi[None, :], b, axis=0)
        if self.approx_rows.size:
            tol = draws.tolerance[:, None]
            c_lo, c_hi = self.centre_lo[self.approx_rows], self.centre_hi[self.approx_rows]
            a_lo = np.minimum(c_lo * (1 - tol), c_lo * (1 + tol))
            a_hi = np.maximum(c_hi * (1 - tol), c_hi * (1 + tol))
            cap = self.percent[self.approx_rows]
            lo[:, self.approx_rows] = a_lo
            hi[:, self.approx_rows] = np.where(cap, np.minimum(a_hi, 100.0), a_hi)
        if self.hour_rows.size:
            scale = draws.minutes[:, None] / self.hours[self.hour_rows]
            lo[:, self.hour_rows] *= scale
            hi[:, self.hour_rows] *= scale
        return lo, hi

    def evaluate(self, normalisation: Normalisation, draws: Draws) -> tuple[Array, Array]:
        """Ranks (1 = best, within year and family) and index values, shape (B, units)."""
        import numpy as np

        lo, hi = self.values(draws)
        x = lo + draws.value_u * (hi - lo)
        row_ok, unit_ok = self.masks(normalisation)
        scores = self._scores(normalisation, np.where(row_ok, x, np.nan))
        b = x.shape[0]
        dense = np.full((b, *self.unit_layout.shape), np.nan)
        dense[:, self.unit_layout.group, self.unit_layout.member] = scores
        flat = dense.reshape(-1, self.unit_layout.shape[1])
        weights = np.repeat(draws.weights, self.unit_layout.shape[0], axis=0)
        geometric = self.method.aggregation == "geometric"
        offset = self.method.zero_offset if self.method.zeros == "offset" else 0.0
        if geometric and self.method.zeros == "exclude":
            flat = np.where(flat == 0, np.nan, flat)
        index, _, _ = kernels.weighted_mean(flat, flat, weights, geometric=geometric, offset=offset)
        index = np.where(unit_ok, index.reshape(b, -1), np.nan)
        return self._rank(index), index

    def _scores(self, normalisation: str, x: Array) -> Array:
        import numpy as np

        flip = self.flip
        if normalisation == "distance_to_target":
            return kernels.distance_to_target(x, x, self.target, lower_is_better=flip)[0]
        fx = np.where(flip, -x, x)
        if normalisation == "goalposts":
            g_lo, g_hi = self.goal
            return kernels.goalposts(
                fx, fx, np.where(flip, -g_hi, g_lo), np.where(flip, -g_lo, g_hi)
            )[0]
        where = self._group_layout()
        b = x.shape[0]
        dense = np.full((b, *where.shape), np.nan)
        dense[:, where.group, where.member] = fx
        flat = dense.reshape(-1, where.shape[1])
        kernel = {
            "minmax": kernels.minmax,
            "zscore": kernels.zscore,
            "rank": kernels.rank,
            "percentile_rank": kernels.percentile_rank,
        }[normalisation]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            out = kernel(flat, flat)[0].reshape(b, *where.shape)
        return where.gather(out)

    def _group_layout(self) -> Layout:
        if not hasattr(self, "_groups"):
            by_year = self.method.by == "year"
            self._groups = layout(
                self.frame,
                ["year", "indicator_id"] if by_year else ["indicator_id"],
                ["region_code"] if by_year else ["region_code", "year"],
            )
        return self._groups

    def _rank(self, index: Array) -> Array:
        import numpy as np

        where = self.rank_layout
        b = index.shape[0]
        dense = np.full((b, *where.shape), np.nan)
        dense[:, where.group, where.member] = -index
        ranks = kernels._point_rank(dense.reshape(-1, where.shape[1])).reshape(b, *where.shape)
        return where.gather(ranks)
