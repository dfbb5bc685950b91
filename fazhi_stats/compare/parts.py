"""Parts against their whole, and counts along a funnel: the sums a document lets us check.

The registry declares the relations (``registry/relations.yml``). Observations of one document,
one period and one kind are grouped, as for rates, and each relation whose counts are there is
checked with interval arithmetic (a count written 60余 is ``(60, +inf)``):

- ``sum`` — parts of a whole never add up to more than it: ``inconsistent`` when the parts'
  total exceeds the whole for certain; when the registry says the parts are ``exhaustive`` and
  the document gives all of them, they must add up to the whole exactly (10 applications =
  8 decided + 2 pending is ``consistent``).
- ``order`` — a funnel: each count is at most the one before (2512 screened ≥ 2454 mediated ≥
  2447 resolved).

``underdetermined`` is for what the intervals cannot decide.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fazhi_stats.compare.intervals import Interval, bound_text
from fazhi_stats.compare.rates import Row, count_interval
from fazhi_stats.registry import PartWhole, load_indicators, load_relations
from fazhi_stats.settings import DEFAULT_SETTINGS, Settings
from fazhi_stats.vocabulary import Check, CheckStatus

if TYPE_CHECKING:
    import polars as pl


@dataclass(frozen=True)
class PartCheck:
    """One relation checked on the observations of one document, period and kind."""

    relation: PartWhole
    rows: tuple[Row, ...]  # whole first (sum), or the chain in order (order)
    status: CheckStatus
    arithmetic: str
    total: Interval | None = None  # the parts' total (sum)
    missing: tuple[str, ...] = ()  # parts the document does not give

    @property
    def check(self) -> Check:
        return self.relation.kind


def part_checks(
    obs: pl.DataFrame,
    *,
    settings: Settings = DEFAULT_SETTINGS,
    relations: Sequence[PartWhole] | None = None,
) -> list[PartCheck]:
    """Check every declared relation on prepared observations (see the module docstring)."""
    import polars as pl

    chosen = load_relations() if relations is None else relations
    keyed = obs.with_columns(
        p_start=pl.coalesce("period_start", "year"), p_end=pl.coalesce("period_end", "year")
    ).sort("observation_id")
    checks: list[PartCheck] = []
    for relation in chosen:
        wanted = set(relation.indicator_ids)
        groups: dict[tuple[Any, ...], dict[str, list[Row]]] = {}
        for row in keyed.filter(pl.col("indicator_id").is_in(list(wanted))).iter_rows(named=True):
            key = (row["document_id"], row["kind"], row["p_start"], row["p_end"])
            groups.setdefault(key, {}).setdefault(row["indicator_id"], []).append(row)
        for key in sorted(groups, key=lambda k: tuple((v is not None, v or 0) for v in k)):
            members = groups[key]
            if relation.kind == "sum":
                checks.extend(_sums(relation, members, settings))
            else:
                checks.extend(_orders(relation, members, settings))
    return checks


def _text(interval: Interval) -> str:
    """A count as written in arithmetic: ``8`` for a point, the interval otherwise."""
    return bound_text(interval.lower) if interval.is_point else interval.text()


def _sums(
    relation: PartWhole, members: Mapping[str, list[Row]], settings: Settings
) -> Iterator[PartCheck]:
    assert relation.whole is not None
    given = [p for p in relation.parts if p in members]
    if relation.whole not in members or not given:
        return
    missing = tuple(p for p in relation.parts if p not in members)
    for whole, *parts in itertools.product(members[relation.whole], *(members[p] for p in given)):
        w = count_interval(whole, settings)
        items = [count_interval(p, settings) for p in parts]
        total = Interval(
            sum(i.lower for i in items),
            sum(i.upper for i in items),
            all(i.lower_closed for i in items),
            all(i.upper_closed for i in items),
        )
        terms = " + ".join(_text(i) for i in items)
        complete = relation.exhaustive and not missing
        if complete:
            if total.is_point and w.is_point:
                status: CheckStatus = "consistent" if total.lower == w.lower else "inconsistent"
                sign = "=" if status == "consistent" else "≠"
                text = f"{terms} = {_text(total)} {sign} {_text(w)} (all parts of the whole)"
            elif total.is_disjoint_from(w):
                status, text = "inconsistent", f"{terms} = {_text(total)} cannot equal {_text(w)}"
            else:
                status, text = "underdetermined", f"{terms} = {_text(total)} may equal {_text(w)}"
        elif total.lower > w.upper or (total.lower == w.upper and not total.lower_closed):
            status, text = "inconsistent", f"{terms} = {_text(total)} > {_text(w)}"
        elif total.upper <= w.lower:
            status, text = "consistent", f"{terms} = {_text(total)} ≤ {_text(w)}"
        else:
            status = "underdetermined"
            text = f"{terms} = {_text(total)} against {_text(w)}: may exceed it"
        if missing:
            names = ", ".join(missing)
            text += f"; not given: {names}"
        elif not relation.exhaustive:
            text += "; other parts not in the registry would add the rest"
        yield PartCheck(relation, (whole, *parts), status, text, total, missing)


def _orders(
    relation: PartWhole, members: Mapping[str, list[Row]], settings: Settings
) -> Iterator[PartCheck]:
    present = [c for c in relation.chain if c in members]
    if len(present) < 2:
        return
    for chain in itertools.product(*(members[c] for c in present)):
        values = [count_interval(r, settings) for r in chain]
        pairs = list(itertools.pairwise(values))
        if any(_below(a, b) for a, b in pairs):
            status: CheckStatus = "inconsistent"
        elif all(a.lower >= b.upper for a, b in pairs):
            status = "consistent"
        else:
            status = "underdetermined"
        text = " ≥ ".join(_text(v) for v in values)
        if status == "inconsistent":
            text += " does not hold"
        elif status == "underdetermined":
            text += " may not hold"
        missing = tuple(c for c in relation.chain if c not in members)
        if missing:
            text += f"; not given: {', '.join(missing)}"
        yield PartCheck(relation, tuple(chain), status, text, missing=missing)


def _below(a: Interval, b: Interval) -> bool:
    """Every value of ``a`` is smaller than every value of ``b``: ``a ≥ b`` cannot hold."""
    return a.upper < b.lower or (a.upper == b.lower and not (a.upper_closed and b.lower_closed))


def part_row(result: PartCheck) -> dict[str, Any]:
    """The consistency-table row of a checked relation."""
    relation, first = result.relation, result.rows[0]
    indicators = load_indicators()
    family = indicators[relation.indicator_ids[0]].family
    ids = sorted(r["observation_id"] for r in result.rows)
    whole = first if relation.kind == "sum" else None
    total = result.total
    return {
        "family": family,
        "relation_id": relation.id,
        "document_id": first["document_id"],
        "region_code": first["region_code"],
        "kind": first["kind"],
        "period_start": first["p_start"],
        "period_end": first["p_end"],
        "check": result.check,
        "status": result.status,
        "whole_observation_id": whole["observation_id"] if whole else None,
        "whole": whole["value_std"] if whole else None,
        "parts_total_lower": total.lower if total else None,
        "parts_total_upper": total.upper if total and total.upper != float("inf") else None,
        "parts_not_given": ";".join(result.missing) or None,
        "arithmetic": result.arithmetic,
        "observation_ids": ";".join(ids),
    }
