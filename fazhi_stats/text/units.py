"""Standard units, recurrence and periods: the value of an observation in its indicator's unit."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from fazhi_stats.registry import Indicator, load_units
from fazhi_stats.text.quantities import DEFAULT_SETTINGS, NormalisationSettings


@dataclass(frozen=True)
class Standardised:
    value_std: float
    value_std_upper: float | None
    unit_std: str
    assumption: str | None


class UnitMismatch(ValueError):
    """The unit as written does not convert to the indicator's standard unit."""


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
    settings: NormalisationSettings = DEFAULT_SETTINGS,
) -> Standardised:
    """Convert a value with its unit as written into ``indicator.unit``.

    A recurring value (``per="quarter"``) becomes a rate per year. A count or amount stated for
    one calendar year is already a rate per year. Raises UnitMismatch with the reason otherwise.

    >>> from fazhi_stats.registry import load_indicators
    >>> standardise(4.87, "亿元", load_indicators()["tax_fee_reduction_yuan"]).value_std
    487000000.0
    """
    units = load_units()
    factor = Decimal(1)
    written = unit
    for mag in sorted(units.magnitudes, key=len, reverse=True):
        if written.startswith(mag) and len(written) > len(mag):
            factor = Decimal(units.magnitudes[mag])
            written = written[len(mag) :]
            break
    base = units.unit_std_of(written)
    if base is None:
        raise UnitMismatch(f"unknown unit {unit!r} (not in the unit registry)")
    assumption = None
    spec = units.units.get(written)
    if spec is not None and spec.assumption == "class_hour_minutes":
        factor *= Decimal(repr(settings.class_hour_minutes)) / Decimal(60)
        assumption = f"1 学时 = {settings.class_hour_minutes:g} minutes"
    target = indicator.unit
    if target.endswith("_per_year"):
        target_base = target.removesuffix("_per_year")
        if per is not None:
            per_year = {p.per: p.per_year for p in units.periods.values()}
            if per not in per_year:
                raise UnitMismatch(f"unknown recurrence {per!r}")
            factor *= per_year[per]
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
    if base != target_base:
        raise UnitMismatch(
            f"unit {unit!r} is {base}, indicator {indicator.id} is in {indicator.unit}"
        )
    v = float(_decimal(value) * factor)
    vu = float(_decimal(value_upper) * factor) if value_upper is not None else None
    return Standardised(v, vu, target, assumption)
