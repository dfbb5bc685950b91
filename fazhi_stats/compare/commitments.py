"""How specific the plans are: per region and family, the share of commitments that carry a
number, a deadline, a responsible unit, and a hedge — the comparison every plan supports
without any report of results.

Each share is a proportion of the group's commitments, with an interval
(:func:`~fazhi_stats.compare.proportions.proportion_interval`, Wilson by default). The interval
reads a plan's commitments as one realisation of how such plans are written (the same
superpopulation view as for complete counts); with a handful of commitments it is wide, and it
says so.

>>> import polars as pl
>>> frame = pl.DataFrame({"region_code": ["350205"] * 4, "family": ["training"] * 4,
...     "quantified": [True, False, False, False], "dated": [False] * 4,
...     "has_responsible_unit": [True] * 4, "hedged": [False, True, False, False]})
>>> row = commitment_profile(frame).row(0, named=True)
>>> row["n_commitments"], row["n_quantified"], row["share_quantified"]
(4, 1, 25.0)
>>> round(row["share_quantified_lower"], 2), round(row["share_quantified_upper"], 2)
(4.56, 69.94)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from fazhi_stats.compare.intervals import DECIMALS
from fazhi_stats.compare.proportions import METHODS, proportion_interval
from fazhi_stats.errors import DataError, FazhiError, Problem
from fazhi_stats.schema.backends import conform, to_polars
from fazhi_stats.schema.commitments import PROFILE_FLAGS, profile_schema
from fazhi_stats.settings import DEFAULT_SETTINGS, Settings
from fazhi_stats.vocabulary import ProportionMethod

#: The boolean column of the commitments table behind each flag of the profile.
FLAG_COLUMNS = {
    "quantified": "quantified",
    "dated": "dated",
    "responsible_unit": "has_responsible_unit",
    "hedged": "hedged",
}


def commitment_profile(
    commitments: Any,
    *,
    by: Sequence[str] = ("region_code", "family"),
    roles: Iterable[str] | None = None,
    method: ProportionMethod = "wilson",
    settings: Settings = DEFAULT_SETTINGS,
) -> Any:
    """Counts and shares of quantified, dated, assigned and hedged commitments per group.

    ``commitments``: the commitments table (pandas, polars, …; see ``load_table("commitments")``).
    ``by``: the grouping columns (a missing region stays a group of its own). ``roles``: keep
    only commitments of these roles (e.g. ``("task",)`` to leave goal statements out). The
    confidence level is ``settings.confidence_level``. Returns the caller's frame type with the
    columns of :func:`fazhi_stats.schema.commitments.profile_schema`.
    """
    import polars as pl

    if method not in METHODS:
        raise FazhiError(f"unknown method {method!r}; use one of {', '.join(METHODS)}")
    frame, back = to_polars(commitments)
    by = tuple(by)
    needed = (*by, *FLAG_COLUMNS.values(), *(("role",) if roles is not None else ()))
    missing = [c for c in dict.fromkeys(needed) if c not in frame.columns]
    if missing:
        raise DataError(
            [
                Problem(
                    "commitments",
                    "",
                    f"missing column(s) {missing}",
                    "the columns of commitments.csv (load_table('commitments'))",
                )
            ]
        )
    if roles is not None:
        frame = frame.filter(pl.col("role").is_in(list(roles)))
    counts = frame.group_by(list(by)).agg(
        pl.len().alias("n_commitments"),
        *(
            pl.col(column).cast(pl.Boolean).fill_null(False).sum().alias(f"n_{flag}")
            for flag, column in FLAG_COLUMNS.items()
        ),
    )
    rows = [_shares(row, method, settings.confidence_level) for row in counts.iter_rows(named=True)]
    schema = profile_schema(by)
    if not rows:
        return back(
            conform(pl.DataFrame(schema={c.name: pl.String for c in schema.columns}), schema)
        )
    return back(conform(pl.DataFrame(rows, infer_schema_length=None), schema))


def _shares(row: dict[str, Any], method: ProportionMethod, confidence: float) -> dict[str, Any]:
    n = int(row["n_commitments"])
    out = dict(row) | {"method": method, "confidence": confidence}
    for flag in PROFILE_FLAGS:
        k = int(row[f"n_{flag}"])
        lower, upper = proportion_interval(k, n, method=method, confidence=confidence)
        out |= {
            f"share_{flag}": round(100 * k / n, DECIMALS),
            f"share_{flag}_lower": round(100 * lower, DECIMALS),
            f"share_{flag}_upper": round(100 * upper, DECIMALS),
        }
    return out
