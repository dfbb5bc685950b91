"""The time fields of an observation: the year or period it is about, and how it is reckoned.

``year`` or ``period`` name the years a number applies to; ``from_year`` a standing rule that
applies from a year on with no end (自2018年起, 一般每隔5年…: not a 2018 target); ``months`` a part
of a year; ``as_of`` the date a statement is made at, with ``as_of_kind`` saying what it counts:
``year_to_date`` (今年来, 今年), ``running_total`` (截止目前…共, 先后) or ``state`` (目前).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from fazhi_stats.sources.entries import four_digit_year
from fazhi_stats.vocabulary import AS_OF_KINDS

Bad = Callable[..., None]


@dataclass(frozen=True)
class Dating:
    """The normalised time fields of one observation."""

    year: int | None
    period_start: int | None
    period_end: int | None
    from_year: int | None
    month_start: int | None
    month_end: int | None
    as_of: dt.date | None
    as_of_kind: str | None


def check_dating(item: Mapping[str, Any], bad: Bad) -> Dating:
    """Validate the time fields of an annotation entry, reporting problems through ``bad``."""
    year, period, months = item.get("year"), item.get("period"), item.get("months")
    from_year = item.get("from_year")
    given = [k for k in ("year", "period", "from_year") if item.get(k) is not None]
    if len(given) > 1:
        bad(f"both {' and '.join(f'`{k}`' for k in given)}", "one of year, period, from_year")
    if period is not None and not (
        isinstance(period, list)
        and len(period) == 2
        and all(isinstance(y, int) for y in period)
        and period[0] <= period[1]
    ):
        bad(f"period {period!r}", "[first_year, last_year]")
        period = None
    if year is not None and not isinstance(year, int):
        bad(f"year {year!r} is not a year", "a four-digit year")
        year = None
    if from_year is not None and not four_digit_year(from_year):
        bad(
            f"from_year {from_year!r} is not a year",
            "the four-digit year a standing rule starts (自2018年起 → 2018)",
        )
        from_year = None
    if year is None and period is None and from_year is None and not item.get("note"):
        bad("no `year` or `period` and no note saying why", "year, period, or a note")
    if months is not None and not (
        isinstance(months, list)
        and len(months) == 2
        and all(isinstance(m, int) for m in months)
        and all(1 <= m <= 12 for m in months)
    ):
        bad(f"months {months!r}", "[first_month, last_month] with year")
        months = None
    as_of = item.get("as_of")
    if as_of is not None and not isinstance(as_of, dt.date):
        try:
            as_of = dt.date.fromisoformat(str(as_of))
        except ValueError:
            bad(f"as_of {as_of!r} is not a date", "YYYY-MM-DD")
            as_of = None
    as_of_kind = item.get("as_of_kind")
    if as_of_kind is not None and as_of_kind not in AS_OF_KINDS:
        bad(f"unknown as_of_kind {as_of_kind!r}", AS_OF_KINDS.expected())
        as_of_kind = None
    if item.get("as_of") is not None and item.get("as_of_kind") is None:
        bad(
            "`as_of` without `as_of_kind`",
            "as_of_kind: year_to_date (今年来), running_total (截止目前…共) or state (目前)",
        )
    if item.get("as_of_kind") is not None and item.get("as_of") is None:
        bad("`as_of_kind` without `as_of`", "as_of: the date of the statement (YYYY-MM-DD)")
    if (
        as_of_kind == "year_to_date"
        and isinstance(as_of, dt.date)
        and isinstance(year, int)
        and as_of.year != year
    ):
        bad(
            f"year to date of {year} as of {as_of.isoformat()}",
            "as_of in the year the count is about",
        )
    return Dating(
        year=year,
        period_start=period[0] if period else (from_year if from_year is not None else year),
        period_end=period[1] if period else (None if from_year is not None else year),
        from_year=from_year,
        month_start=months[0] if months else None,
        month_end=months[1] if months else None,
        as_of=as_of if isinstance(as_of, dt.date) else None,
        as_of_kind=as_of_kind,
    )
