"""Rates against their counts: do the reported rates agree with the reported counts?

The registry declares rates as ``relation: {numerator, denominator}``
(``mediation_success_rate = disputes_resolved_count / disputes_mediated_count``). For every such
rate, observations of one document, one period and one kind are paired, whatever their scopes
say (the scopes are shown), and checked:

- ``rate_vs_counts`` — counts and rate: the recomputed rate ``100·k/n`` against the reported
  rate, allowing for the reported rounding. A rate written with ``d`` decimals (99.7 → 1, read
  from the quote, so 99.70 counts 2) stands for ``[r − h, r + h]`` with ``h = ½·10⁻ᵈ``: 2447 of
  2454 = 99.714751 % lies in [99.65, 99.75], so 99.7 % is ``consistent``.
- ``implied_denominator`` / ``implied_numerator`` — a rate and one count: the set of integer
  counts that give the rate (3622 participants at 99.75 % → ``N ∈ {3631}`` people eligible).
  The missing count is derived from the rate itself, so this cannot show agreement: the status is
  ``derived`` (what it shows is the implied count) when the set is not empty, and
  ``inconsistent`` when no integer works.
- ``counts_only`` — both counts, no rate: ``consistent`` when numerator ≤ denominator.

``underdetermined`` is for what the data cannot decide: a count with a one-sided comparator
(60余), a recomputed range that only partly fits the reported rate, a zero denominator.
Comparators widen the reported rate as in :mod:`fazhi_stats.compare.intervals` (``ge 90`` → ``[90 − h,
+inf)``). Arithmetic on exact inputs uses fractions, so boundary cases are decided exactly.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from fazhi_stats.compare.inputs import SOURCE
from fazhi_stats.compare.intervals import (
    DECIMALS,
    Interval,
    bound_text,
    interval_of,
)
from fazhi_stats.errors import DataError, Problem
from fazhi_stats.io import format_value
from fazhi_stats.registry import Indicator, load_indicators
from fazhi_stats.settings import DEFAULT_SETTINGS, Settings
from fazhi_stats.vocabulary import Check, CheckStatus, comparator_prefix

if TYPE_CHECKING:
    import polars as pl

Row = Mapping[str, Any]
_ROLES = ("numerator", "denominator", "rate")
_LISTED = 12  # implied sets up to this size are listed in full
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True)
class RateCase:
    """Observations of one rate relation in one document, period and kind."""

    rate_indicator: Indicator
    numerator: Row | None
    denominator: Row | None
    rate: Row | None

    @property
    def first(self) -> Row:
        return next(r for r in (self.rate, self.numerator, self.denominator) if r is not None)

    @property
    def check(self) -> Check:
        """Which check the observations present allow."""
        if self.rate is None:
            return "counts_only"
        if self.numerator is not None and self.denominator is not None:
            return "rate_vs_counts"
        return "implied_denominator" if self.numerator is not None else "implied_numerator"


@dataclass(frozen=True)
class RateCheck:
    """The outcome of checking one :class:`RateCase`."""

    case: RateCase
    status: CheckStatus
    arithmetic: str
    decimals: int | None = None
    tolerance: Fraction | None = None
    recomputed: Fraction | None = None
    implied_min: int | None = None
    implied_max: int | None = None  # None: unbounded (when implied_min is set)

    @property
    def implied_unique(self) -> int | None:
        unique = self.implied_min is not None and self.implied_min == self.implied_max
        return self.implied_min if unique else None


@dataclass(frozen=True)
class _Range:
    """An exact real interval; None is an infinite end."""

    lower: Fraction | None
    upper: Fraction | None
    lower_closed: bool
    upper_closed: bool

    def contains(self, x: Fraction) -> bool:
        above = self.lower is None or x > self.lower or (x == self.lower and self.lower_closed)
        below = self.upper is None or x < self.upper or (x == self.upper and self.upper_closed)
        return above and below

    def interval(self) -> Interval:
        lo = -math.inf if self.lower is None else float(self.lower)
        hi = math.inf if self.upper is None else float(self.upper)
        return Interval(lo, hi, self.lower_closed, self.upper_closed)

    def text(self) -> str:
        return self.interval().text()


def rate_cases(
    obs: pl.DataFrame, *, indicators: Mapping[str, Indicator] | None = None
) -> list[RateCase]:
    """Pair prepared observations by rate relation, document, period and kind.

    Every combination is a case when a role has several observations (each carries its ids);
    a group with fewer than two of the three roles has nothing to check and gives no case.
    """
    import polars as pl

    inds = load_indicators() if indicators is None else indicators
    keyed = obs.with_columns(
        p_start=pl.coalesce("period_start", "year"), p_end=pl.coalesce("period_end", "year")
    )
    cases: list[RateCase] = []
    for ind in sorted(inds.values(), key=lambda i: i.id):
        if ind.numerator is None or ind.denominator is None:
            continue
        roles = {ind.numerator: "numerator", ind.denominator: "denominator", ind.id: "rate"}
        part = keyed.filter(pl.col("indicator_id").is_in(list(roles))).sort("observation_id")
        groups: dict[tuple[Any, ...], dict[str, list[Row]]] = {}
        for row in part.iter_rows(named=True):
            key = (row["document_id"], row["kind"], row["p_start"], row["p_end"])
            groups.setdefault(key, {r: [] for r in _ROLES})[roles[row["indicator_id"]]].append(row)
        for key in sorted(groups, key=lambda k: tuple((v is not None, v or 0) for v in k)):
            members = groups[key]
            if sum(bool(members[r]) for r in _ROLES) < 2:
                continue
            options = [_or_none(members[r]) for r in _ROLES]
            cases.extend(RateCase(ind, n, d, r) for n, d, r in itertools.product(*options))
    _check_counts(cases)
    return cases


def _or_none(rows: list[Row]) -> list[Row | None]:
    options: list[Row | None] = list(rows)
    return options or [None]


def rate_checks(
    obs: pl.DataFrame,
    *,
    settings: Settings = DEFAULT_SETTINGS,
    indicators: Mapping[str, Indicator] | None = None,
) -> list[RateCheck]:
    """Check every :class:`RateCase` of prepared observations."""
    return [_evaluate(case, settings) for case in rate_cases(obs, indicators=indicators)]


def written_decimals(value: float, quote: str | None = None) -> int:
    """Decimals of a number as written: from the quote when it holds the number, else its repr.

    >>> written_decimals(99.7, "调处成功率达99.70%")
    2
    >>> written_decimals(99.75)
    2
    """
    if quote:
        for match in _NUMBER.finditer(unicodedata.normalize("NFKC", quote)):
            text = match.group()
            if float(text) == value:
                return len(text.partition(".")[2])
    text = format_value(float(value))
    return len(text.partition(".")[2]) if "e" not in text else 0


def _check_counts(cases: list[RateCase]) -> None:
    problems: set[Problem] = set()
    for case in cases:
        for row in (case.numerator, case.denominator):
            if row is None:
                continue
            for column in ("value_std", "value_std_upper"):
                v = row[column]
                if v is not None and (v < 0 or not float(v).is_integer()):
                    problems.add(
                        Problem(
                            SOURCE,
                            f"observation {row['observation_id']}",
                            f"count {format_value(v)} is not a whole number ≥ 0",
                            "counts of people, cases or events",
                        )
                    )
    if problems:
        raise DataError(sorted(problems))


def _exact(x: float) -> Fraction:
    return Fraction(format_value(float(x)))


def _reported_range(rate: Row, settings: Settings) -> tuple[_Range, int, Fraction]:
    """The rates the reported figure allows, widened by half a unit of its last decimal."""
    decimals = written_decimals(rate["value"], rate["quote"])
    value, value_std = _exact(rate["value"]), _exact(rate["value_std"])
    scale = value_std / value if value else Fraction(1)
    h = Fraction(1, 2 * 10**decimals) * scale
    upper = value_std if rate["value_std_upper"] is None else _exact(rate["value_std_upper"])
    comparator = rate["comparator"]
    t = Fraction(format_value(settings.approx_tolerance))
    lo: Fraction | None = value_std - h
    hi: Fraction | None = upper + h
    if comparator in ("ge", "gt"):
        hi = None
    elif comparator in ("le", "lt"):
        lo, hi = None, value_std + h
    elif comparator == "approx":
        lo, hi = (
            min(value_std * (1 - t), value_std * (1 + t)) - h,
            max(upper * (1 - t), upper * (1 + t)) + h,
        )
    closed_lo = comparator != "gt"
    closed_hi = comparator != "lt"
    return _Range(lo, hi, closed_lo, closed_hi), decimals, h


def exact_count(row: Row | None) -> int | None:
    """The count when it is exact (eq, no range), else None."""
    if row is None or row["comparator"] != "eq" or row["value_std_upper"] is not None:
        return None
    return int(row["value_std"])


def _num(x: Fraction | float) -> str:
    return bound_text(float(x))


def _evaluate(case: RateCase, settings: Settings) -> RateCheck:
    if case.rate is None:
        return _counts_only(case, settings)
    reported, decimals, h = _reported_range(case.rate, settings)
    plural = "s" if decimals != 1 else ""
    rate_text = (
        f"reported {_comparator_text(case.rate)}{_num(case.rate['value_std'])} % "
        f"({decimals} decimal{plural}, ±{_num(h)}) allows {reported.text()}"
    )
    outcome = (
        _rate_vs_counts(case, reported, settings)
        if case.check == "rate_vs_counts"
        else _implied(case, reported)
    )
    return RateCheck(
        case,
        outcome.status,
        f"{rate_text}; {outcome.text}",
        decimals,
        h,
        outcome.recomputed,
        outcome.implied_min,
        outcome.implied_max,
    )


@dataclass(frozen=True)
class _Outcome:
    status: CheckStatus
    text: str
    recomputed: Fraction | None = None
    implied_min: int | None = None
    implied_max: int | None = None


def _rate_vs_counts(case: RateCase, reported: _Range, settings: Settings) -> _Outcome:
    k, n = exact_count(case.numerator), exact_count(case.denominator)
    if k is None or n is None:
        return _inexact_rate(case, reported, settings)
    if k > n:
        return _Outcome("inconsistent", f"numerator {k} > denominator {n}")
    if n == 0:
        return _Outcome("underdetermined", "denominator 0: no rate")
    p = Fraction(100 * k, n)
    inside = reported.contains(p)
    where = "inside" if inside else "outside"
    text = f"100 × {k} / {n} = {_num(p)} % lies {where}"
    return _Outcome("consistent" if inside else "inconsistent", text, recomputed=p)


def _inexact_rate(case: RateCase, reported: _Range, settings: Settings) -> _Outcome:
    """Rate against counts where a count is a range or one-sided: interval arithmetic."""
    num = count_interval(case.numerator, settings)
    den = count_interval(case.denominator, settings)
    if num.lower > den.upper:
        return _Outcome("inconsistent", f"numerator {num.text()} > denominator {den.text()}")
    if den.lower <= 0:
        return _Outcome("underdetermined", f"denominator {den.text()} may be 0")
    recomputed = Interval(
        100 * num.lower / den.upper,
        100 * num.upper / den.lower,
        num.lower_closed and den.upper_closed,
        num.upper_closed and den.lower_closed,
    )
    text = f"100 × {num.text()} / {den.text()} = {recomputed.text()} %"
    if recomputed.is_subset_of(reported.interval()):
        return _Outcome("consistent", f"{text} lies inside")
    if recomputed.is_disjoint_from(reported.interval()):
        return _Outcome("inconsistent", f"{text} lies outside")
    return _Outcome("underdetermined", f"{text} lies partly inside")


def _implied(case: RateCase, reported: _Range) -> _Outcome:
    """The integer counts that, with the one count given, yield the reported rate."""
    denominator_missing = case.check == "implied_denominator"
    given = case.numerator if denominator_missing else case.denominator
    known = exact_count(given)
    if known is None:
        role = "numerator" if denominator_missing else "denominator"
        what = f"{_comparator_text(given)}{_num(_value(given, 'value_std'))}"
        return _Outcome("underdetermined", f"the {role} {what} is not an exact count")
    if denominator_missing:
        symbol, (lo, hi) = "N", _implied_denominators(known, reported)
        equation = f"100 × {known} / N in {reported.text()}"
        bounds = _real_bounds(Fraction(100 * known), reported, invert=True)
    else:
        symbol, (lo, hi) = "k", _implied_numerators(known, reported)
        equation = f"100 × k / {known} in {reported.text()}"
        bounds = _real_bounds(Fraction(known, 100), reported, invert=False)
    if hi is not None and hi < lo:
        return _Outcome("inconsistent", f"{equation} ⇔ {bounds}: no integer {symbol}")
    text = f"{equation} ⇔ {bounds} ⇔ {symbol} ∈ {implied_set_text(lo, hi)}"
    return _Outcome("derived", text, implied_min=lo, implied_max=hi)


def _real_bounds(c: Fraction, rate: _Range, *, invert: bool) -> str:
    """``a ≤ X ≤ b`` where X = c / rate (invert) or X = c · rate, as text."""

    def at(x: Fraction | None, *, high: bool) -> str:
        if x is None or (invert and x <= 0):
            return "+inf" if high else "-inf"
        return _num(c / x if invert else c * x)

    if invert:  # c / rate falls as the rate rises
        lo, hi = at(rate.upper, high=False), at(rate.lower, high=True)
    else:
        lo, hi = at(rate.lower, high=False), at(rate.upper, high=True)
    symbol = "N" if invert else "k"
    return f"{lo} ≤ {symbol} ≤ {hi}"


def _counts_only(case: RateCase, settings: Settings) -> RateCheck:
    k, n = exact_count(case.numerator), exact_count(case.denominator)
    if k is not None and n is not None:
        if k > n:
            return RateCheck(case, "inconsistent", f"numerator {k} > denominator {n}")
        if n == 0:
            return RateCheck(case, "consistent", "0 ≤ 0; no rate (denominator 0)")
        p = Fraction(100 * k, n)
        text = f"{k} ≤ {n}; 100 × {k} / {n} = {_num(p)} % (no rate reported)"
        return RateCheck(case, "consistent", text, recomputed=p)
    num = count_interval(case.numerator, settings)
    den = count_interval(case.denominator, settings)
    text = f"numerator {num.text()}, denominator {den.text()}"
    if num.lower > den.upper:
        return RateCheck(case, "inconsistent", f"{text}: numerator > denominator")
    if num.upper <= den.lower:
        return RateCheck(case, "consistent", f"{text}: numerator ≤ denominator")
    return RateCheck(case, "underdetermined", f"{text}: their order depends on unstated values")


def count_interval(row: Row | None, settings: Settings) -> Interval:
    assert row is not None
    found = interval_of(
        row["comparator"],
        row["value_std"],
        row["value_std_upper"],
        approx_tolerance=settings.approx_tolerance,
    )
    if found.lower < 0:  # a count is never negative
        return Interval(0, found.upper, True, found.upper_closed)
    return found


def _lowest(x: Fraction, closed: bool) -> int:
    """Smallest integer ≥ x (closed) or > x (open)."""
    return math.ceil(x) if closed else math.floor(x) + 1


def _highest(x: Fraction, closed: bool) -> int:
    """Largest integer ≤ x (closed) or < x (open)."""
    return math.floor(x) if closed else math.ceil(x) - 1


def _implied_denominators(k: int, rate: _Range) -> tuple[int, int | None]:
    """Integers N ≥ max(k, 1) with 100·k/N in ``rate``: (min, max or None when unbounded)."""
    least = max(k, 1)
    if k == 0:  # 100·0/N = 0 for every N
        return (least, None) if rate.contains(Fraction(0)) else (least, least - 1)
    lo, hi = rate.lower, rate.upper
    if hi is not None and hi <= 0:
        return least, least - 1
    n_min = least if hi is None else max(least, _lowest(Fraction(100 * k) / hi, rate.upper_closed))
    if lo is None or lo <= 0:
        return n_min, None
    return n_min, _highest(Fraction(100 * k) / lo, rate.lower_closed)


def _implied_numerators(n: int, rate: _Range) -> tuple[int, int | None]:
    """Integers 0 ≤ k ≤ n with 100·k/n in ``rate``: (min, max)."""
    if n == 0:
        return 0, -1
    k_min = 0 if rate.lower is None else max(0, _lowest(rate.lower * n / 100, rate.lower_closed))
    k_max = n if rate.upper is None else min(n, _highest(rate.upper * n / 100, rate.upper_closed))
    return k_min, k_max


def implied_set_text(lowest: int, highest: int | None) -> str:
    """A run of integers as a set: ``{3631}``, ``{7, 8, 9}``, ``{10, 11, …, 99} (90 integers)``."""
    if highest is None:
        return f"{{{lowest}, {lowest + 1}, …}} (unbounded)"
    size = highest - lowest + 1
    if size <= _LISTED:
        return "{" + ", ".join(str(i) for i in range(lowest, highest + 1)) + "}"
    return f"{{{lowest}, {lowest + 1}, …, {highest}}} ({size} integers)"


def _comparator_text(row: Row | None) -> str:
    return "" if row is None else comparator_prefix(row["comparator"])


def _value(row: Row | None, column: str) -> Any:
    return None if row is None else row[column]


def _rounded(x: Fraction | None) -> float | None:
    return None if x is None else round(float(x), DECIMALS) + 0.0


def rate_row(result: RateCheck) -> dict[str, Any]:
    """The consistency-table row of a checked rate."""
    case = result.case
    ind, first = case.rate_indicator, case.first
    num, den, rate = case.numerator, case.denominator, case.rate
    reported = _value(rate, "value_std")
    difference = (
        None
        if result.recomputed is None or reported is None
        else result.recomputed - _exact(reported)
    )
    ids = sorted(r["observation_id"] for r in (num, den, rate) if r is not None)
    return {
        "family": ind.family,
        "relation_id": ind.id,
        "rate_indicator_id": ind.id,
        "numerator_indicator_id": ind.numerator,
        "denominator_indicator_id": ind.denominator,
        "document_id": first["document_id"],
        "region_code": first["region_code"],
        "kind": first["kind"],
        "period_start": first["p_start"],
        "period_end": first["p_end"],
        "check": case.check,
        "status": result.status,
        "numerator_observation_id": _value(num, "observation_id"),
        "numerator": _value(num, "value_std"),
        "numerator_comparator": _value(num, "comparator"),
        "numerator_scope": _value(num, "scope"),
        "denominator_observation_id": _value(den, "observation_id"),
        "denominator": _value(den, "value_std"),
        "denominator_comparator": _value(den, "comparator"),
        "denominator_scope": _value(den, "scope"),
        "rate_observation_id": _value(rate, "observation_id"),
        "reported_rate": reported,
        "reported_comparator": _value(rate, "comparator"),
        "reported_decimals": result.decimals,
        "rate_scope": _value(rate, "scope"),
        "tolerance": _rounded(result.tolerance),
        "recomputed_rate": _rounded(result.recomputed),
        "difference": _rounded(difference),
        "implied_min": result.implied_min,
        "implied_max": result.implied_max,
        "arithmetic": result.arithmetic,
        "observation_ids": ";".join(ids),
    }
