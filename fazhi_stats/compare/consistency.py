"""Can a document's figures all be true together? Rates against counts, parts against wholes.

:func:`check_consistency` runs both kinds of check of the registry on every document: the
rates declared as numerator / denominator (:mod:`fazhi_stats.compare.rates`) and the part–whole
relations of ``relations.yml`` (:mod:`fazhi_stats.compare.parts`). Statuses: ``consistent``,
``inconsistent``, ``underdetermined`` (the intervals cannot decide) and ``derived`` (a count
implied by a rate and one other count: it shows that count, not agreement).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, cast

from fazhi_stats.compare.inputs import prepare_observations
from fazhi_stats.compare.parts import part_checks, part_row
from fazhi_stats.compare.rates import rate_checks, rate_row
from fazhi_stats.registry import Indicator
from fazhi_stats.schema.backends import conform, to_polars
from fazhi_stats.schema.comparisons import CONSISTENCY
from fazhi_stats.schema.frames import polars_schema
from fazhi_stats.settings import DEFAULT_SETTINGS, Settings

if TYPE_CHECKING:
    from narwhals.typing import IntoFrameT


def check_consistency(
    observations: IntoFrameT,
    *,
    settings: Settings = DEFAULT_SETTINGS,
    indicators: Mapping[str, Indicator] | None = None,
) -> IntoFrameT:
    """Every rate against its counts and every declared sum or funnel, document by document.

    Returns the columns of :data:`~fazhi_stats.schema.comparisons.CONSISTENCY` in the caller's
    frame type (pandas or polars). Raises :class:`~fazhi_stats.errors.DataError` for counts that
    are not whole numbers and for the bad input :func:`assess_targets` refuses.

    >>> import polars as pl
    >>> obs = pl.DataFrame({
    ...     "observation_id": ["r/resolved", "r/mediated", "r/rate"], "document_id": ["r"] * 3,
    ...     "indicator_id": ["disputes_resolved_count", "disputes_mediated_count",
    ...                      "mediation_success_rate"],
    ...     "kind": ["actual"] * 3, "comparator": ["eq"] * 3, "year": [2020] * 3,
    ...     "value_std": [2447.0, 2454.0, 99.7], "unit_std": ["count", "count", "percent"],
    ... })
    >>> table = check_consistency(obs)
    >>> table.select("check", "status", "arithmetic").rows()[0]
    ('order', 'consistent', '2454 ≥ 2447; not given: disputes_screened_count')
    >>> rate = table.filter(pl.col("check") == "rate_vs_counts").row(0, named=True)
    >>> rate["status"], rate["recomputed_rate"], rate["tolerance"]
    ('consistent', 99.714751, 0.05)
    """
    import polars as pl

    frame, back = to_polars(observations)
    obs = prepare_observations(frame, indicators=indicators)
    rows = [rate_row(c) for c in rate_checks(obs, settings=settings, indicators=indicators)]
    rows += [part_row(c) for c in part_checks(obs, settings=settings)]
    table = pl.DataFrame(rows, schema=polars_schema(CONSISTENCY))
    return cast("IntoFrameT", back(conform(table, CONSISTENCY)))
