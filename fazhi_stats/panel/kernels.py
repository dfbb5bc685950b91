"""Score bounds on dense arrays: one row per normalisation group, NaN where a member is absent.

Every function takes the lower and upper ends of each member's value (``lo``, ``hi``: arrays of
shape ``(groups, members)``, ±inf for unbounded ends) and returns the lower and upper ends of
each member's score, such that the score of every choice of values inside the intervals lies
between them. For point values (``lo == hi``) both ends equal the ordinary score. The same
functions serve the deterministic path (intervals) and the Monte Carlo draws (points, many
groups stacked).

>>> import numpy as np
>>> lo = np.array([[10.0, 20.0, 40.0]]); hi = np.array([[10.0, 30.0, 40.0]])
>>> s_lo, s_hi = minmax(lo, hi)
>>> [round(float(x), 4) for x in s_lo[0]], [round(float(x), 4) for x in s_hi[0]]
([0.0, 0.3333, 1.0], [0.0, 0.6667, 1.0])
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Array = NDArray[np.float64]


def present(lo: Array) -> NDArray[np.bool_]:
    import numpy as np

    return ~np.isnan(lo)


def count(lo: Array) -> NDArray[np.int64]:
    import numpy as np

    out: NDArray[np.int64] = np.sum(present(lo), axis=1, keepdims=True)
    return out


def _leave_one_out(values: Array, *, largest: bool) -> Array:
    """Per member, the smallest (largest) value of the *other* members of its row."""
    import numpy as np

    fill = -np.inf if largest else np.inf
    x = np.where(np.isnan(values), fill, values)
    if largest:
        x = -x
    if x.shape[1] < 2:
        out = np.full_like(x, np.inf)
    else:
        # two passes of min (faster than a partition): the smallest, and the smallest of the rest
        first = x.min(axis=1, keepdims=True)
        is_first = x == first
        rest = np.where(is_first, np.inf, x).min(axis=1, keepdims=True)
        second = np.where(is_first.sum(axis=1, keepdims=True) > 1, first, rest)
        out = np.where(is_first, second, first)
    return -out if largest else out


def minmax(lo: Array, hi: Array) -> tuple[Array, Array]:
    """(x − min) / (max − min), exact bounds over the intervals.

    The score falls as any other member's value rises, so the lowest score puts the member at
    its lower end and every other member at its upper end, and the highest the reverse.
    """
    import numpy as np

    if lo is hi:  # point values (the Monte Carlo draws): the ordinary formula
        return _minmax_points(lo)
    with np.errstate(invalid="ignore", divide="ignore"):
        m = np.minimum(lo, _leave_one_out(hi, largest=False))
        big = np.maximum(lo, _leave_one_out(hi, largest=True))
        low = np.where(np.isneginf(lo) | np.isposinf(big) | (big == m), 0.0, (lo - m) / (big - m))
        m = np.minimum(hi, _leave_one_out(lo, largest=False))
        big = np.maximum(hi, _leave_one_out(lo, largest=True))
        high = np.where(np.isposinf(hi) | np.isneginf(m) | (big == m), 1.0, (hi - m) / (big - m))
    return _clip(low, lo, 0.0, 1.0), _clip(high, lo, 0.0, 1.0)


def _minmax_points(x: Array) -> tuple[Array, Array]:
    import numpy as np

    with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-empty rows
        low = np.nanmin(x, axis=1, keepdims=True)
        span = np.nanmax(x, axis=1, keepdims=True) - low
        score = np.where(span > 0, (x - low) / span, 0.0)
    score = np.where(np.isnan(x), np.nan, score)
    return score, score


def _zscore_points(x: Array) -> tuple[Array, Array]:
    import numpy as np

    with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # rows of one member have no sd
        sd = np.nanstd(x, axis=1, ddof=1, keepdims=True)
        z = np.where(sd > 0, (x - np.nanmean(x, axis=1, keepdims=True)) / sd, 0.0)
    z = np.where(np.isnan(x), np.nan, z)
    return z, z


def zscore(lo: Array, hi: Array) -> tuple[Array, Array]:
    """(x − mean) / sd with the sample sd (n − 1); bounds that hold over the intervals.

    The numerator's bounds are exact (the mean is monotone); the sd's lower bound is the
    exact minimum over the intervals and its upper bound a minimax bound, both equal to the
    sd for point values. A z-score never exceeds (n − 1)/√n in size, which bounds open ends.
    """
    import numpy as np

    if lo is hi:  # point values (the Monte Carlo draws): the ordinary formula
        return _zscore_points(lo)
    n = count(lo).astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        num_lo = lo - (lo + _others_sum(hi, lo)) / n
        num_hi = hi - (hi + _others_sum(lo, hi)) / n
        sd_lo, sd_hi = _sd_bounds(lo, hi)
        cap = (n - 1) / np.sqrt(n)
        z_lo = np.where(num_lo >= 0, num_lo / sd_hi, num_lo / sd_lo)
        z_hi = np.where(num_hi >= 0, num_hi / sd_lo, num_hi / sd_hi)
    z_lo = np.where(np.isnan(z_lo), -cap, z_lo)
    z_hi = np.where(np.isnan(z_hi), cap, z_hi)
    return _clip(z_lo, lo, -cap, cap), _clip(z_hi, lo, -cap, cap)


def _others_sum(values: Array, own: Array) -> Array:
    """Per member, the sum of ``values`` over the other members (±inf where one is unbounded)."""
    import numpy as np

    finite = np.where(np.isfinite(values), values, 0.0)
    total = np.sum(finite, axis=1, keepdims=True) - finite
    pos = np.sum(np.isposinf(values), axis=1, keepdims=True) - np.isposinf(values)
    neg = np.sum(np.isneginf(values), axis=1, keepdims=True) - np.isneginf(values)
    total = np.where(pos > 0, np.inf, total)
    total = np.where(neg > 0, -np.inf, total)
    return np.where(np.isnan(own), np.nan, total)


def _sd_bounds(lo: Array, hi: Array) -> tuple[Array, Array]:
    """Lower and upper bounds of the sample sd over the intervals, per row (shape (G, 1))."""
    import numpy as np

    n = count(lo).astype(np.float64)
    points = np.all((lo == hi) | np.isnan(lo), axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # rows of one member have no sd
        exact = np.nanstd(np.where(points, lo, np.nan), axis=1, ddof=1, keepdims=True)
        sd_lo, sd_hi = exact.copy(), exact.copy()
        rows = np.flatnonzero(~points[:, 0])  # only rows with intervals need the search
        if rows.size:
            r_lo, r_hi, r_n = lo[rows], hi[rows], n[rows]
            # var = min_c Σ(x − c)²/(n − 1), so the smallest variance over the box is
            # min_c Σ dist(c, I_j)² / (n − 1): convex in c, minimised by bisection.
            var_lo = _minimise(r_lo, r_hi, _dist_slope, _dist_value) / (r_n - 1)
            unbounded = np.any(np.isinf(r_lo) | np.isinf(r_hi), axis=1, keepdims=True)
            var_hi = np.where(
                unbounded, np.inf, _minimise(r_lo, r_hi, _far_slope, _far_value) / (r_n - 1)
            )
            sd_lo[rows] = np.sqrt(np.maximum(var_lo, 0.0))
            sd_hi[rows] = np.sqrt(np.maximum(var_hi, 0.0))
    return sd_lo, sd_hi


def _dist_slope(c: Array, lo: Array, hi: Array) -> Array:
    import numpy as np

    out: Array = np.nansum(np.where(hi < c, c - hi, 0.0) - np.where(lo > c, lo - c, 0.0), axis=1)
    return out


def _dist_value(c: Array, lo: Array, hi: Array) -> Array:
    import numpy as np

    d = np.where(hi < c, c - hi, 0.0) + np.where(lo > c, lo - c, 0.0)
    out: Array = np.nansum(np.where(np.isnan(lo), 0.0, d) ** 2, axis=1)
    return out


def _far_slope(c: Array, lo: Array, hi: Array) -> Array:
    import numpy as np

    mid, half = (lo + hi) / 2, (hi - lo) / 2
    out: Array = np.nansum((np.abs(c - mid) + half) * np.sign(c - mid), axis=1)
    return out


def _far_value(c: Array, lo: Array, hi: Array) -> Array:
    import numpy as np

    mid, half = (lo + hi) / 2, (hi - lo) / 2
    out: Array = np.nansum((np.abs(c - mid) + half) ** 2, axis=1)
    return out


def _minimise(lo: Array, hi: Array, slope: object, value: object) -> Array:
    """min over c of a convex function of the row, by bisection on its slope."""
    import numpy as np

    finite_lo = np.where(np.isfinite(lo), lo, np.nan)
    finite_hi = np.where(np.isfinite(hi), hi, np.nan)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-empty rows have no extremes
        a = np.fmin(np.nanmin(finite_lo, axis=1), np.nanmin(finite_hi, axis=1))
        b = np.fmax(np.nanmax(finite_lo, axis=1), np.nanmax(finite_hi, axis=1))
    a, b = np.nan_to_num(a), np.nan_to_num(b)
    x_lo, x_hi = lo.copy(), hi.copy()
    slope_f = slope  # the callables share one signature
    for _ in range(64):
        c = (a + b) / 2
        rising = slope_f(c[:, None], x_lo, x_hi) > 0  # type: ignore[operator]
        b = np.where(rising, c, b)
        a = np.where(rising, a, c)
    return value((a + b)[:, None] / 2, x_lo, x_hi)[:, None]  # type: ignore[operator, no-any-return]


def _less(values: Array, queries: Array, *, or_equal: bool) -> Array:
    """Per query member, how many members' ``values`` of its row are below it (or equal)."""
    import numpy as np

    m = values.shape[1]
    v = np.where(np.isnan(values), np.inf, values)
    q = np.where(np.isnan(queries), np.inf, queries)
    # A stable sort keeps the order of equal keys: values first counts them as "below".
    both = np.concatenate([v, q] if or_equal else [q, v], axis=1)
    is_value = np.zeros_like(both, dtype=np.int64)
    if or_equal:
        is_value[:, :m] = 1
    else:
        is_value[:, m:] = 1
    is_value[np.isnan(np.concatenate([values, queries] if or_equal else [queries, values], 1))] = 0
    order = np.argsort(both, axis=1, kind="stable")
    sorted_is_value = np.take_along_axis(is_value, order, axis=1)
    before = np.cumsum(sorted_is_value, axis=1) - sorted_is_value
    counts = np.empty_like(before)
    np.put_along_axis(counts, order, before, axis=1)
    out = counts[:, m:] if or_equal else counts[:, :m]
    return out.astype(np.float64)


def rank(lo: Array, hi: Array) -> tuple[Array, Array]:
    """Rank within the row (1 = lowest; ties share the average rank), bounds over intervals."""
    import numpy as np

    if np.array_equal(lo, hi, equal_nan=True):
        r = _point_rank(lo)
        return r, r
    below_lo = _less(hi, lo, or_equal=False)
    ties_lo = _less(hi, lo, or_equal=True) - below_lo
    below_hi = _less(lo, hi, or_equal=False)
    ties_hi = _less(lo, hi, or_equal=True) - below_hi
    point = lo == hi
    # a member counts itself once among the ties (point) or among the lower ends (interval)
    r_lo = 1 + below_lo + 0.5 * (ties_lo - point)
    r_hi = 1 + below_hi - ~point + 0.5 * (ties_hi - point)
    return _clip(r_lo, lo, 1.0, np.inf), _clip(r_hi, lo, 1.0, np.inf)


def _point_rank(x: Array) -> Array:
    """Average ranks within each row (ties share the mean of their ranks); NaN stays NaN."""
    import numpy as np

    v = np.where(np.isnan(x), np.inf, x)
    m = v.shape[1]
    order = np.argsort(v, axis=1)  # ties form one run whatever their order
    s = np.take_along_axis(v, order, axis=1)
    starts = np.ones_like(s, dtype=bool)
    starts[:, 1:] = s[:, 1:] != s[:, :-1]
    ends = np.ones_like(s, dtype=bool)
    ends[:, :-1] = starts[:, 1:]
    position = np.broadcast_to(np.arange(m), s.shape)
    first = np.maximum.accumulate(np.where(starts, position, 0), axis=1)
    last = np.minimum.accumulate(np.where(ends, position, m)[:, ::-1], axis=1)[:, ::-1]
    ranks = np.empty_like(v)
    np.put_along_axis(ranks, order, (first + last) / 2 + 1, axis=1)
    return np.where(np.isnan(x), np.nan, ranks)


def percentile_rank(lo: Array, hi: Array) -> tuple[Array, Array]:
    """(rank − 1) / (n − 1): 0 for the lowest, 1 for the highest."""
    import numpy as np

    n = count(lo).astype(np.float64)
    r_lo, r_hi = rank(lo, hi)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (r_lo - 1) / (n - 1), (r_hi - 1) / (n - 1)


def goalposts(lo: Array, hi: Array, lower: Array, upper: Array) -> tuple[Array, Array]:
    """(x − lower) / (upper − lower), clipped to [0, 1]; monotone, so the ends map."""
    import numpy as np

    with np.errstate(invalid="ignore"):
        return (
            np.clip((lo - lower) / (upper - lower), 0.0, 1.0),
            np.clip((hi - lower) / (upper - lower), 0.0, 1.0),
        )


def distance_to_target(
    lo: Array, hi: Array, target: Array, *, lower_is_better: NDArray[np.bool_]
) -> tuple[Array, Array]:
    """min(1, x / target), or min(1, target / x) where lower is better (1 for x ≤ 0)."""
    import numpy as np

    with np.errstate(invalid="ignore", divide="ignore"):
        up_lo, up_hi = np.minimum(1.0, lo / target), np.minimum(1.0, hi / target)
        down_lo = np.where(hi <= 0, 1.0, np.minimum(1.0, target / hi))
        down_hi = np.where(lo <= 0, 1.0, np.minimum(1.0, target / lo))
    s_lo = np.where(lower_is_better, down_lo, up_lo)
    s_hi = np.where(lower_is_better, down_hi, up_hi)
    return np.clip(s_lo, 0.0, 1.0), np.clip(s_hi, 0.0, 1.0)


def _clip(x: Array, like: Array, low: float | Array, high: float | Array) -> Array:
    """``x`` clipped, and NaN where the member is absent."""
    import numpy as np

    return np.where(np.isnan(like), np.nan, np.clip(x, low, high))


def weighted_mean(
    lo: Array,
    hi: Array,
    weights: Array,
    *,
    geometric: bool = False,
    offset: float = 0.0,
) -> tuple[Array, Array, NDArray[np.int64]]:
    """Per row, the weighted mean of the present members' scores, weights renormalised.

    Geometric means are taken of ``score + offset`` and shifted back, so a zero score (the
    lowest min–max score) lowers the index instead of zeroing it. Both means are monotone in
    every score, so the ends of the score intervals give the ends of the index interval.
    Returns the lower and upper index and the number of members that entered.
    """
    import numpy as np

    w = np.where(np.isnan(lo), 0.0, np.broadcast_to(weights, lo.shape))
    total = np.sum(w, axis=1)
    n = np.sum(w > 0, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        if geometric:
            mean = [
                np.exp(np.sum(w * np.log(np.where(w > 0, x + offset, 1.0)), axis=1) / total)
                - offset
                for x in (lo, hi)
            ]
        else:
            mean = [np.sum(w * np.where(w > 0, x, 0.0), axis=1) / total for x in (lo, hi)]
    empty = total <= 0
    return np.where(empty, np.nan, mean[0]), np.where(empty, np.nan, mean[1]), n
