"""Value intervals from comparators: the set of values a written number allows.

"60余场" is more than 60, "90%以上" at least 90: comparisons work on the interval a number
stands for, not on a point guess. With ``v`` the value and ``u`` the upper value of a range
(both in the standard unit):

========  ==========================================================================
eq        ``[v, v]``, or ``[v, u]`` for a range (3至4个)
ge        ``[v, +inf)``
gt        ``(v, +inf)``
le        ``(-inf, v]``
lt        ``(-inf, v)``
approx    ``[v·(1−t), u·(1+t)]`` with ``t`` the ``approx_tolerance`` of
          :class:`~fazhi_stats.settings.Settings` (0.05 by default). This is an assumption —
          约, 左右 and 近 carry no stated precision — and is recorded as such.
========  ==========================================================================

Infinite bounds are always open. Two implementations share these rules: :class:`Interval` for
single values, and :func:`interval_exprs` with :func:`subset_expr` / :func:`disjoint_expr` for
polars columns (tests check that they agree).

>>> interval_of("gt", 60).text()
'(60, +inf)'
>>> interval_of("eq", 100).is_subset_of(interval_of("ge", 90))
True
>>> interval_of("approx", 80, approx_tolerance=0.1).text()
'[72, 88]'
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from fazhi_stats.errors import FazhiError
from fazhi_stats.io import format_value
from fazhi_stats.settings import DEFAULT_SETTINGS, Settings
from fazhi_stats.vocabulary import COMPARATORS, Comparator

if TYPE_CHECKING:
    import polars as pl

INF = math.inf
DECIMALS = 6  # derived numbers are rounded to this many decimals before they are written
_DEFAULT_TOLERANCE = DEFAULT_SETTINGS.approx_tolerance


@dataclass(frozen=True)
class Interval:
    """A real interval with open or closed ends; infinite ends are open."""

    lower: float
    upper: float
    lower_closed: bool = True
    upper_closed: bool = True

    def __post_init__(self) -> None:
        if math.isnan(self.lower) or math.isnan(self.upper):
            raise FazhiError(f"interval bounds must be numbers, got {self.lower}, {self.upper}")
        if math.isinf(self.lower):
            object.__setattr__(self, "lower_closed", False)
        if math.isinf(self.upper):
            object.__setattr__(self, "upper_closed", False)
        empty = self.lower > self.upper or (
            self.lower == self.upper and not (self.lower_closed and self.upper_closed)
        )
        if empty:
            raise FazhiError(f"empty interval: {self.text()}")

    @classmethod
    def point(cls, value: float) -> Interval:
        return cls(value, value)

    @property
    def is_point(self) -> bool:
        return self.lower == self.upper

    def contains(self, x: float) -> bool:
        above = x > self.lower or (x == self.lower and self.lower_closed)
        below = x < self.upper or (x == self.upper and self.upper_closed)
        return above and below

    def is_subset_of(self, other: Interval) -> bool:
        """Every value of ``self`` lies in ``other``."""
        lower_ok = self.lower > other.lower or (
            self.lower == other.lower and (other.lower_closed or not self.lower_closed)
        )
        upper_ok = self.upper < other.upper or (
            self.upper == other.upper and (other.upper_closed or not self.upper_closed)
        )
        return lower_ok and upper_ok

    def is_disjoint_from(self, other: Interval) -> bool:
        """No value lies in both."""
        return _ends_before(self, other) or _ends_before(other, self)

    def __sub__(self, other: Interval) -> Interval:
        """``{x − y : x ∈ self, y ∈ other}``."""
        return Interval(
            self.lower - other.upper,
            self.upper - other.lower,
            self.lower_closed and other.upper_closed,
            self.upper_closed and other.lower_closed,
        )

    def finite_bounds(self) -> list[float]:
        return [b for b in (self.lower, self.upper) if math.isfinite(b)]

    def text(self) -> str:
        return interval_text(self.lower, self.upper, self.lower_closed, self.upper_closed)

    @classmethod
    def from_row(cls, row: Mapping[str, Any], name: str) -> Interval | None:
        """The interval stored in a table row as ``<name>_lower``, ``<name>_upper``,
        ``<name>_lower_open`` and ``<name>_upper_open`` (empty bounds: unbounded); None when
        the row has no such interval.

        >>> Interval.from_row({"met_lower": 4.0, "met_upper": None, "met_lower_open": False,
        ...                    "met_upper_open": True}, "met").text()
        '[4, +inf)'
        """
        lower_open, upper_open = row.get(f"{name}_lower_open"), row.get(f"{name}_upper_open")
        if lower_open is None or upper_open is None:
            return None
        lower, upper = row.get(f"{name}_lower"), row.get(f"{name}_upper")
        return cls(
            -INF if lower is None else float(lower),
            INF if upper is None else float(upper),
            not lower_open,
            not upper_open,
        )


def _ends_before(a: Interval, b: Interval) -> bool:
    return a.upper < b.lower or (a.upper == b.lower and not (a.upper_closed and b.lower_closed))


def bound_text(x: float) -> str:
    """A bound as text: shortest form, rounded to :data:`DECIMALS`, ``±inf`` for infinity."""
    if math.isinf(x):
        return "+inf" if x > 0 else "-inf"
    return format_value(round(x, DECIMALS) + 0.0)  # + 0.0 turns -0.0 into 0.0


def interval_text(lower: float, upper: float, lower_closed: bool, upper_closed: bool) -> str:
    """``[4, +inf)``-style text of an interval."""
    left = "[" if lower_closed and not math.isinf(lower) else "("
    right = "]" if upper_closed and not math.isinf(upper) else ")"
    return f"{left}{bound_text(lower)}, {bound_text(upper)}{right}"


def check_comparator(comparator: object, *, where: str = "") -> Comparator:
    if comparator not in COMPARATORS:
        hint = "a target or actual must say how its number is to be read"
        raise FazhiError(
            f"{where + ': ' if where else ''}comparator {comparator!r} is not one of "
            f"{', '.join(COMPARATORS.ids)} ({hint})"
        )
    return comparator  # type: ignore[return-value]


def interval_of(
    comparator: str,
    value: float,
    value_upper: float | None = None,
    *,
    approx_tolerance: float = _DEFAULT_TOLERANCE,
) -> Interval:
    """The interval a written number stands for (see the module's table)."""
    comp = check_comparator(comparator)
    if value_upper is not None and comp not in ("eq", "approx"):
        raise FazhiError(
            f"a range ({value}–{value_upper}) with comparator {comp!r} is ambiguous; "
            "ranges take eq or approx"
        )
    upper = value if value_upper is None else value_upper
    if comp == "eq":
        return Interval(value, upper)
    if comp == "ge":
        return Interval(value, INF)
    if comp == "gt":
        return Interval(value, INF, lower_closed=False)
    if comp == "le":
        return Interval(-INF, value)
    if comp == "lt":
        return Interval(-INF, value, upper_closed=False)
    t = Settings(approx_tolerance=approx_tolerance).approx_tolerance
    return Interval(min(value * (1 - t), value * (1 + t)), max(upper * (1 - t), upper * (1 + t)))


class BoundExprs(NamedTuple):
    """An interval per row, as four polars expressions."""

    lower: pl.Expr
    upper: pl.Expr
    lower_closed: pl.Expr
    upper_closed: pl.Expr


def interval_exprs(
    comparator: pl.Expr,
    value: pl.Expr,
    value_upper: pl.Expr,
    *,
    approx_tolerance: float = _DEFAULT_TOLERANCE,
) -> BoundExprs:
    """Per-row intervals of columns, by the same rules as :func:`interval_of`.

    Rows are expected to be validated (known comparator, no range with a one-sided comparator).
    """
    import polars as pl

    t = Settings(approx_tolerance=approx_tolerance).approx_tolerance
    upper = pl.coalesce(value_upper, value)
    lower = (
        pl.when(comparator.is_in(["eq", "ge", "gt"]))
        .then(value)
        .when(comparator == "approx")
        .then(pl.min_horizontal(value * (1 - t), value * (1 + t)))
        .otherwise(pl.lit(-INF))
    )
    upper_bound = (
        pl.when(comparator == "eq")
        .then(upper)
        .when(comparator.is_in(["le", "lt"]))
        .then(value)
        .when(comparator == "approx")
        .then(pl.max_horizontal(upper * (1 - t), upper * (1 + t)))
        .otherwise(pl.lit(INF))
    )
    return BoundExprs(
        lower.cast(pl.Float64),
        upper_bound.cast(pl.Float64),
        comparator.is_in(["eq", "ge", "approx"]),
        comparator.is_in(["eq", "le", "approx"]),
    )


def subset_expr(a: BoundExprs, b: BoundExprs) -> pl.Expr:
    """Row-wise: every value of ``a`` lies in ``b`` (as :meth:`Interval.is_subset_of`)."""
    lower_ok = (a.lower > b.lower) | ((a.lower == b.lower) & (b.lower_closed | ~a.lower_closed))
    upper_ok = (a.upper < b.upper) | ((a.upper == b.upper) & (b.upper_closed | ~a.upper_closed))
    return lower_ok & upper_ok


def disjoint_expr(a: BoundExprs, b: BoundExprs) -> pl.Expr:
    """Row-wise: no value lies in both (as :meth:`Interval.is_disjoint_from`)."""

    def ends_before(x: BoundExprs, y: BoundExprs) -> pl.Expr:
        touching = (x.upper == y.lower) & ~(x.upper_closed & y.lower_closed)
        return (x.upper < y.lower) | touching

    return ends_before(a, b) | ends_before(b, a)
