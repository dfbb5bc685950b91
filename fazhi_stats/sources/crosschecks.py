"""Checks across the observations of a corpus: duplicates, contradictions, numerators above
their denominators."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from fazhi_stats.errors import Problem
from fazhi_stats.registry import load_indicators

if TYPE_CHECKING:
    from fazhi_stats.sources.annotations import Observation


def _fact_key(o: Observation) -> tuple[object, ...]:
    # an unclassified number is known by what it counts (its label) and its unit
    what = o.indicator_id if o.indicator_id is not None else ("unclassified", o.label_zh, o.unit)
    return (
        o.region_code or o.document_id,
        what,
        o.kind,
        o.scope,
        o.period_start,
        o.period_end,
        o.month_start,
        o.month_end,
        o.per,
    )


def _name(o: Observation) -> str:
    return o.indicator_id or f"unclassified {o.label_zh}"


def cross_checks(
    observations: Sequence[Observation], files: Mapping[str, str], problems: list[Problem]
) -> None:
    """Duplicates, contradictions, and numerators above their denominators."""
    indicators = load_indicators()
    seen: dict[tuple[object, ...], Observation] = {}
    for o in observations:
        key = _fact_key(o)
        prev = seen.get(key)
        if prev is None:
            seen[key] = o
            continue
        same = (prev.value, prev.value_upper, prev.comparator) == (
            o.value,
            o.value_upper,
            o.comparator,
        )
        where = files[o.document_id]
        if same:
            problems.append(
                Problem(
                    where,
                    f"{_name(o)} (line {o.source_line})",
                    f"duplicate of the observation at line {prev.source_line} of {files[prev.document_id]}",
                    "each fact once",
                )
            )
        else:
            problems.append(
                Problem(
                    where,
                    f"{_name(o)} (line {o.source_line})",
                    f"disagrees with line {prev.source_line} of {files[prev.document_id]} on the same fact "
                    f"({o.comparator} {o.value:g} vs {prev.comparator} {prev.value:g}, scope {o.scope})",
                    "one value per fact; if both are right, make their scope or period differ",
                )
            )
    by_doc_year: dict[tuple[str, int | None, str], dict[str, Observation]] = defaultdict(dict)
    for o in observations:
        if o.kind == "actual" and o.comparator == "eq" and o.indicator_id is not None:
            by_doc_year[(o.document_id, o.period_start, o.kind)][o.indicator_id] = o
    for group in by_doc_year.values():
        for ind in indicators.values():
            if (
                ind.numerator
                and ind.denominator
                and ind.numerator in group
                and ind.denominator in group
            ):
                num, den = group[ind.numerator], group[ind.denominator]
                if num.value_std > den.value_std:
                    problems.append(
                        Problem(
                            files[num.document_id],
                            f"{num.indicator_id} (line {num.source_line})",
                            f"numerator {num.value:g} exceeds its denominator {den.indicator_id} = {den.value:g}",
                            f"{ind.numerator} <= {ind.denominator} (they define {ind.id})",
                        )
                    )
