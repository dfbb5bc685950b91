"""The reporting calendar: which documents would let each region be tested against its own
targets.

A plan states targets for the years it covers; the government's annual report on each of those
years states what was achieved (since 2019 it must be public by 1 April of the next year). A
report is tested against a plan covering its year. So, for every region, the reports missing
for the years its plans cover, and the plans missing for the years its reports cover, are the
documents that would close the gap — computed from the documents' periods only.

>>> import polars as pl
>>> docs = pl.DataFrame({"document_id": ["p", "r"], "region_code": ["1", "2"],
...     "doc_kind": ["plan", "report"], "period_start": [2018, 2020],
...     "period_end": [2019, 2021]})
>>> [(m.region_code, m.kind, m.year, m.due) for m in missing_documents(docs).missing]
[('1', 'report', 2018, datetime.date(2019, 4, 1)), ('1', 'report', 2019, datetime.date(2020, 4, 1)), ('2', 'plan', 2020, None), ('2', 'report', 2021, datetime.date(2022, 4, 1))]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

#: An annual report on year Y is due by this month and day of year Y + 1 …
REPORT_DUE = (4, 1)
#: … for reports published from this year on (the rule of 2019; domain notes).
REPORT_DUE_SINCE = 2019
PLAN_KINDS = ("plan", "work_points")


def report_due(year: int) -> dt.date | None:
    """The latest publication date of the annual report on ``year`` (None before the rule).

    >>> report_due(2017), report_due(2020)
    (None, datetime.date(2021, 4, 1))
    """
    if year + 1 < REPORT_DUE_SINCE:
        return None
    return dt.date(year + 1, *REPORT_DUE)


@dataclass(frozen=True)
class MissingDocument:
    """A document the study lacks: the annual report on ``year`` (of a year a plan covers),
    or a plan covering ``year`` (a year a report covers)."""

    region_code: str
    kind: Literal["report", "plan"]
    year: int
    due: dt.date | None  # a report's publication deadline
    because: tuple[str, ...]  # the documents whose years need it


@dataclass(frozen=True)
class ReportingGaps:
    """What the corpus lacks for own-target tests."""

    missing: tuple[MissingDocument, ...]
    unplaced: tuple[str, ...]  # documents without a region or a year: they fit no calendar

    def of_region(self, code: str | None) -> tuple[MissingDocument, ...]:
        return tuple(m for m in self.missing if m.region_code == code)

    @property
    def regions(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.region_code for m in self.missing))

    def kind(self, kind: str) -> tuple[MissingDocument, ...]:
        return tuple(m for m in self.missing if m.kind == kind)


def _years(start: int | None, end: int | None) -> range:
    if start is None:
        return range(0)
    return range(start, (end if end is not None else start) + 1)


def document_years(row: dict[str, Any]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(years it sets targets for, years it reports on) of one document row.

    A plan's targets cover its period; a report reports on its first year and, in a closing
    plan section, sets targets for the years after it (its period's end).
    """
    start, end = row.get("period_start"), row.get("period_end")
    kind = row.get("doc_kind")
    if kind in PLAN_KINDS:
        return tuple(_years(start, end)), ()
    if kind == "report" and start is not None:
        return tuple(_years(start + 1, end)) if end and end > start else (), (start,)
    return (), ()


def missing_documents(documents: Any, *, regions: Iterable[str] | None = None) -> ReportingGaps:
    """The reports and plans each region would need to be tested against its own targets
    (``regions``: only these codes, in this order; default: every region of the documents)."""
    from fazhi_stats.schema.backends import to_polars

    frame, _ = to_polars(documents)
    targets: dict[str, dict[int, list[str]]] = {}
    reports: dict[str, dict[int, list[str]]] = {}
    unplaced: list[str] = []
    for row in frame.sort("document_id").iter_rows(named=True):
        code = row.get("region_code")
        target_years, report_years = document_years(row)
        if not code or not (target_years or report_years):
            unplaced.append(str(row["document_id"]))
            continue
        for year in target_years:
            targets.setdefault(code, {}).setdefault(year, []).append(row["document_id"])
        for year in report_years:
            reports.setdefault(code, {}).setdefault(year, []).append(row["document_id"])
    order = list(regions) if regions is not None else sorted({*targets, *reports})
    missing: list[MissingDocument] = []
    for code in order:
        planned, reported = targets.get(code, {}), reports.get(code, {})
        for year in sorted({*planned, *reported}):
            if year in reported and year not in planned:
                missing.append(MissingDocument(code, "plan", year, None, tuple(reported[year])))
            if year in planned and year not in reported:
                missing.append(
                    MissingDocument(code, "report", year, report_due(year), tuple(planned[year]))
                )
    return ReportingGaps(tuple(missing), tuple(unplaced))
