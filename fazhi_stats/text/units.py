"""Standard units: the value of a number, as written, in its indicator's unit.

Written units are resolved by the unit registry (:meth:`UnitRegistry.resolve`); the factor of
a unit that rests on an assumption (学时) comes from :class:`~fazhi_stats.settings.Settings`.
Quantities (:mod:`fazhi_stats.text.quantities`) and observations both convert through
:func:`conversion`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from fazhi_stats.registry import Indicator, load_units
from fazhi_stats.settings import DEFAULT_SETTINGS, Settings


@dataclass(frozen=True)
class Conversion:
    """How a unit as written becomes a standard unit: multiply by ``factor``."""

    unit_std: str
    factor: Decimal
    assumption: str | None  # the name of the assumption the factor rests on


@dataclass(frozen=True)
class Standardised:
    value_std: float
    value_std_upper: float | None
    unit_std: str
    assumption: str | None  # as a reader is told it: "1 学时 = 45 minutes"


class UnitMismatch(ValueError):
    """The unit as written does not convert to the indicator's standard unit."""


def conversion(written: str, *, settings: Settings = DEFAULT_SETTINGS) -> Conversion | None:
    """The conversion of a unit as written (``亿元``, ``学时``, ``万``), None when unknown.

    >>> c = conversion("学时")
    >>> c.unit_std, c.factor, c.assumption
    ('hour', Decimal('0.75'), 'class_hour_minutes')
    >>> conversion("万元").factor
    Decimal('10000')
    """
    resolved = load_units().resolve(written)
    if resolved is None:
        return None
    factor = Decimal(resolved.magnitude)
    if resolved.assumption == "class_hour_minutes":
        factor *= Decimal(repr(settings.class_hour_minutes)) / Decimal(60)
    return Conversion(resolved.unit_std, factor, resolved.assumption)


def _decimal(x: float) -> Decimal:
    return Decimal(repr(x))


def standardise(
    value: float,
    unit: str,
    indicator: Indicator,
    *,
    value_upper: float | None = None,
    per: str | None = None,
    single_year: bool = True,
    settings: Settings = DEFAULT_SETTINGS,
) -> Standardised:
    """Convert a value with its unit as written into ``indicator.unit``.

    A recurring value (``per="quarter"``) becomes a rate per year. A count or amount stated for
    one calendar year is already a rate per year. Raises UnitMismatch with the reason otherwise.

    >>> from fazhi_stats.registry import load_indicators
    >>> standardise(4.87, "亿元", load_indicators()["tax_fee_reduction_yuan"]).value_std
    487000000.0
    """
    conv = conversion(unit, settings=settings)
    if conv is None:
        raise UnitMismatch(f"unknown unit {unit!r} (not in the unit registry)")
    factor = conv.factor
    assumption = settings.describe("class_hour_minutes") if conv.assumption else None
    target = indicator.unit
    if target.endswith("_per_year"):
        target_base = target.removesuffix("_per_year")
        if per is not None:
            per_year = load_units().per_year(per)
            if per_year is None:
                raise UnitMismatch(f"unknown recurrence {per!r}")
            factor *= per_year
        elif not single_year:
            raise UnitMismatch(
                f"{indicator.id} is a rate per year but the value covers several years "
                "and has no `per`"
            )
    else:
        target_base = target
        if per is not None:
            raise UnitMismatch(
                f"{indicator.id} is not a rate per year but the value recurs `per: {per}`"
            )
    if conv.unit_std != target_base:
        raise UnitMismatch(
            f"unit {unit!r} is {conv.unit_std}, indicator {indicator.id} is in {indicator.unit}"
        )
    v = float(_decimal(value) * factor)
    vu = float(_decimal(value_upper) * factor) if value_upper is not None else None
    return Standardised(v, vu, target, assumption)
