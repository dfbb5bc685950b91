"""Confidence intervals for proportions whose counts are known.

For every rate the registry defines as numerator / denominator and whose counts a document
gives (or implies uniquely: a rate rounded to 99.75 % and 3622 participants leave only
N = 3631), three intervals for the binomial proportion ``k / n``:

- ``wilson`` (the default) — the score interval; good coverage down to small ``n``;
- ``jeffreys`` — equal-tailed quantiles of Beta(k + ½, n − k + ½), with the ends set to 0
  (k = 0) and 1 (k = n) as in Brown, Cai & DasGupta (2001);
- ``clopper_pearson`` — the "exact" interval from Beta quantiles; conservative.

A complete count (all disputes mediated in a year) is not a sample; the intervals read it as
one realisation of the process that produced it (a superpopulation view), which is what makes
two regions' rates comparable beyond their rounding. ``small_count_warning`` flags
``n < 30``, ``n·p < 5`` or ``n·(1 − p) < 5``.

>>> lower, upper = proportion_interval(2447, 2454)
>>> round(lower, 4), round(upper, 4)
(0.9941, 0.9986)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, cast

from fazhi_stats.compare.inputs import prepare_observations
from fazhi_stats.compare.intervals import DECIMALS
from fazhi_stats.compare.rates import RateCheck, exact_count, rate_checks
from fazhi_stats.errors import FazhiError
from fazhi_stats.registry import Indicator
from fazhi_stats.schema.backends import conform, to_polars
from fazhi_stats.schema.comparisons import PROPORTIONS
from fazhi_stats.schema.frames import polars_schema
from fazhi_stats.settings import DEFAULT_SETTINGS, Settings
from fazhi_stats.vocabulary import PROPORTION_METHODS, ProportionMethod

if TYPE_CHECKING:
    from narwhals.typing import IntoFrameT

METHODS = PROPORTION_METHODS.ids


def proportion_interval(
    successes: int,
    trials: int,
    *,
    method: ProportionMethod = "wilson",
    confidence: float = DEFAULT_SETTINGS.confidence_level,
) -> tuple[float, float]:
    """Two-sided interval for ``successes / trials`` (as fractions in [0, 1]).

    >>> proportion_interval(0, 10, method="clopper_pearson")[0]
    0.0
    """
    from scipy.stats import beta, norm

    k, n = successes, trials
    if not (0 <= k <= n) or n == 0:
        raise FazhiError(f"need 0 ≤ successes ≤ trials and trials > 0, got {k} of {n}")
    if not 0 < confidence < 1:
        raise FazhiError(f"confidence must be between 0 and 1, got {confidence!r}")
    alpha = 1 - confidence
    if method == "wilson":
        z = float(norm.ppf(1 - alpha / 2))
        p = k / n
        denominator = 1 + z * z / n
        centre = (p + z * z / (2 * n)) / denominator
        half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
        return max(0.0, centre - half), min(1.0, centre + half)
    if method == "jeffreys":
        lower = float(beta.ppf(alpha / 2, k + 0.5, n - k + 0.5)) if k > 0 else 0.0
        upper = float(beta.ppf(1 - alpha / 2, k + 0.5, n - k + 0.5)) if k < n else 1.0
        return lower, upper
    if method == "clopper_pearson":
        lower = float(beta.ppf(alpha / 2, k, n - k + 1)) if k > 0 else 0.0
        upper = float(beta.ppf(1 - alpha / 2, k + 1, n - k)) if k < n else 1.0
        return lower, upper
    raise FazhiError(f"unknown method {method!r}; use one of {', '.join(METHODS)}")


def small_count_reasons(successes: int, trials: int) -> list[str]:
    """Why counts are too small for normal approximations (empty when they are not)."""
    k, n = successes, trials
    reasons = []
    if n < 30:
        reasons.append(f"n = {n} < 30")
    if k < 5:
        reasons.append(f"n·p = {k} < 5")
    if n - k < 5:
        reasons.append(f"n·(1−p) = {n - k} < 5")
    return reasons


def proportion_intervals(
    observations: IntoFrameT,
    *,
    settings: Settings = DEFAULT_SETTINGS,
    methods: Iterable[ProportionMethod] = METHODS,
    implied: bool = True,
    indicators: Mapping[str, Indicator] | None = None,
) -> IntoFrameT:
    """Intervals for every rate whose counts are known, one row per rate and method.

    ``implied``: also use a count implied uniquely by a rounded rate and the other count
    (``counts_source`` says so). The confidence level is ``settings.confidence_level``.
    Rates whose counts contradict each other (numerator above
    denominator) get a row without interval and a ``warning`` saying why. Returns the columns of
    :data:`~fazhi_stats.schema.comparisons.PROPORTIONS` in the caller's frame type.
    """
    import polars as pl

    chosen = tuple(dict.fromkeys(methods))
    unknown = [m for m in chosen if m not in METHODS]
    if unknown or not chosen:
        raise FazhiError(f"unknown method(s) {unknown}; use one or more of {', '.join(METHODS)}")
    confidence = settings.confidence_level
    frame, back = to_polars(observations)
    obs = prepare_observations(frame, indicators=indicators)
    rows = [
        row
        for result in rate_checks(obs, settings=settings, indicators=indicators)
        for row in _rows(result, chosen, confidence, implied=implied)
    ]
    table = conform(pl.DataFrame(rows, schema=polars_schema(PROPORTIONS)), PROPORTIONS)
    return cast("IntoFrameT", back(table))


def _counts(result: RateCheck, *, implied: bool) -> tuple[int, int, str] | None:
    case = result.case
    k, n = exact_count(case.numerator), exact_count(case.denominator)
    if k is not None and n is not None:
        return k, n, "reported"
    unique = result.implied_unique
    if not implied or unique is None or result.status != "derived":
        return None
    if case.check == "implied_denominator" and k is not None:
        return k, unique, "implied_denominator"
    if case.check == "implied_numerator" and n is not None:
        return unique, n, "implied_numerator"
    return None


def _rows(
    result: RateCheck, methods: tuple[ProportionMethod, ...], confidence: float, *, implied: bool
) -> list[dict[str, Any]]:
    counts = _counts(result, implied=implied)
    if counts is None:
        return []
    k, n, source = counts
    case = result.case
    first = case.first
    parts = (case.numerator, case.denominator, case.rate)
    base = {
        "family": case.rate_indicator.family,
        "rate_indicator_id": case.rate_indicator.id,
        "document_id": first["document_id"],
        "region_code": first["region_code"],
        "kind": first["kind"],
        "period_start": first["p_start"],
        "period_end": first["p_end"],
        "numerator_observation_id": None
        if case.numerator is None
        else case.numerator["observation_id"],
        "denominator_observation_id": None
        if case.denominator is None
        else case.denominator["observation_id"],
        "rate_observation_id": None if case.rate is None else case.rate["observation_id"],
        "successes": k,
        "trials": n,
        "counts_source": source,
        "rate": round(100 * k / n, DECIMALS) if n > 0 else None,
        "reported_rate": None if case.rate is None else case.rate["value_std"],
        "confidence": confidence,
        "observation_ids": ";".join(sorted(r["observation_id"] for r in parts if r is not None)),
    }
    if n == 0 or k > n:
        problem = "no trials" if n == 0 else f"numerator {k} exceeds denominator {n}"
        warning = f"{problem}: no interval (see consistency.csv)"
        return [
            base
            | {
                "method": m,
                "lower": None,
                "upper": None,
                "small_count_warning": True,
                "warning": warning,
            }
            for m in methods
        ]
    reasons = small_count_reasons(k, n)
    rows = []
    for method in methods:
        lower, upper = proportion_interval(k, n, method=method, confidence=confidence)
        rows.append(
            base
            | {
                "method": method,
                "lower": round(100 * lower, DECIMALS),
                "upper": round(100 * upper, DECIMALS),
                "small_count_warning": bool(reasons),
                "warning": "; ".join(reasons) or None,
            }
        )
    return rows
