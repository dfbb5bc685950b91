"""Observations → a region × year × indicator panel with interval values.

Each observation becomes the interval its comparator allows (:mod:`fazhi_stats.compare.intervals`),
cut to the indicator's natural range: shares (percent, not a change) lie in [0, 100], and every
other non-change amount except percentage points is at least 0. Unbounded ends stay open and are
written empty (``value_upper`` empty with ``upper_open`` true means "no upper bound").

Duplicates (the same region, year and indicator from two or more observations) follow
``duplicates``: ``"hull"`` (the default) keeps one row whose interval is the smallest interval
holding every reported one, lists every observation id and sets ``disagreement`` when their
intervals differ; ``"error"`` refuses them.

>>> import polars as pl
>>> obs = pl.DataFrame({
...     "observation_id": ["a/1", "b/1"], "document_id": ["a", "b"],
...     "region_code": ["350902", "350902"], "year": [2020, 2020],
...     "indicator_id": ["law_lectures_held_count"] * 2, "kind": ["actual"] * 2,
...     "comparator": ["gt", "eq"], "value_std": [60.0, 64.0],
...     "unit_std": ["count_per_year"] * 2,
... })
>>> row = build_panel(obs).row(0, named=True)
>>> row["value_lower"], row["value_upper"], row["observation_ids"], row["disagreement"]
(60.0, None, 'a/1;b/1', True)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Literal

from fazhi_stats.compare.inputs import prepare_observations
from fazhi_stats.compare.intervals import interval_exprs
from fazhi_stats.errors import DataError, Problem
from fazhi_stats.panel.columns import PANEL
from fazhi_stats.registry import Indicator, load_units
from fazhi_stats.schema.backends import conform, to_polars
from fazhi_stats.settings import Settings

if TYPE_CHECKING:
    import polars as pl
    from narwhals.typing import IntoFrameT

Duplicates = Literal["hull", "error"]
KEYS = ("region_code", "year", "indicator_id")
_PANEL_IN_ORDER = replace(PANEL, sort_by=())  # build_panel sorts once, itself


def build_panel(
    observations: IntoFrameT,
    *,
    kinds: Sequence[str] = ("actual",),
    duplicates: Duplicates = "hull",
    expand_periods: bool = False,
    settings: Settings | None = None,
    approx_tolerance: float | None = None,
    class_hour_minutes: float | None = None,
    indicators: Mapping[str, Indicator] | None = None,
) -> IntoFrameT:
    """One row per region × year × indicator with ``value_lower``/``value_upper`` and open ends.

    ``observations``: the columns of ``observations.csv`` (pandas or polars; the same type
    comes back). ``kinds``: which kinds enter (``actual``, ``target``, ``mixed``).
    ``expand_periods``: an observation with a period but no single year (2014–2016) enters
    every year of it; otherwise it stays out (see :func:`panel_exclusions`).
    ``settings``: the study's assumptions (:class:`~fazhi_stats.settings.Settings`, default
    ``Settings()``); ``approx_tolerance`` (half-width of 约 values) and ``class_hour_minutes``
    (the minutes per 学时 the observations were standardised with) override them one by one (recorded on those rows, so the uncertainty
    analysis can vary it). Raises :class:`~fazhi_stats.errors.DataError` for bad observations
    (unknown indicators, values in another unit than the indicator's) and, with
    ``duplicates="error"``, for every duplicated cell.
    """
    import polars as pl

    frame, back = to_polars(observations)
    obs = _placed(frame, kinds=kinds, expand_periods=expand_periods, indicators=indicators)
    obs = obs.filter(pl.col("region_code").is_not_null() & pl.col("panel_year").is_not_null())
    settings = settings or Settings()
    tolerance = settings.approx_tolerance if approx_tolerance is None else approx_tolerance
    minutes = settings.class_hour_minutes if class_hour_minutes is None else class_hour_minutes
    Settings(class_hour_minutes=minutes, approx_tolerance=tolerance)  # checks both
    cells = _intervals(obs, tolerance, minutes).sort(KEYS, nulls_last=False)
    # sorted by cell, a duplicate is a row whose key equals its neighbour's
    same_as_next = pl.all_horizontal(pl.col(k) == pl.col(k).shift(-1) for k in KEYS)
    same_as_previous = pl.all_horizontal(pl.col(k) == pl.col(k).shift(1) for k in KEYS)
    dup = same_as_next.fill_null(False) | same_as_previous.fill_null(False)
    flags = cells.select(dup.alias("dup")).get_column("dup")
    single = cells.filter(~flags).with_columns(
        n_observations=pl.lit(1, pl.Int64),
        observation_ids=pl.col("observation_id"),
        document_ids=pl.col("document_id"),
        disagreement=pl.lit(False),
    )
    repeated = cells.filter(flags)
    if duplicates == "error" and repeated.height:
        raise DataError(
            Problem(
                "observations",
                f"observation {oid}",
                f"{region} {year} {ind} is reported twice",
                "one observation per region, year and indicator (or duplicates='hull')",
            )
            for oid, region, year, ind in repeated.select("observation_id", *KEYS).iter_rows()
        )
    panel = single
    if repeated.height:
        panel = pl.concat([single, _hull(repeated)], how="diagonal_relaxed").sort(KEYS)
    panel = panel.with_columns(
        pl.when(pl.col("value_lower").is_finite()).then(pl.col("value_lower")),
        pl.when(pl.col("value_upper").is_finite()).then(pl.col("value_upper")),
        derivation=pl.lit(None, pl.String),
        note=pl.lit(None, pl.String),
    )
    return back(conform(panel, _PANEL_IN_ORDER))  # type: ignore[no-any-return]


def panel_exclusions(
    observations: IntoFrameT,
    *,
    kinds: Sequence[str] = ("actual",),
    expand_periods: bool = False,
    indicators: Mapping[str, Indicator] | None = None,
) -> IntoFrameT:
    """Every observation that :func:`build_panel` leaves out, and why.

    Columns ``observation_id, document_id, indicator_id, kind, reason``; reasons are
    ``kind not selected``, ``no region``, ``no single year``.
    """
    import polars as pl

    frame, back = to_polars(observations)
    obs = _placed(frame, kinds=None, expand_periods=expand_periods, indicators=indicators)
    reason = (
        pl.when(~pl.col("kind").is_in(list(kinds)))
        .then(pl.lit("kind not selected"))
        .when(pl.col("region_code").is_null())
        .then(pl.lit("no region"))
        .when(pl.col("panel_year").is_null())
        .then(pl.lit("no single year"))
    )
    out = (
        obs.with_columns(reason=reason)
        .filter(pl.col("reason").is_not_null())
        .select("observation_id", "document_id", "indicator_id", "kind", "reason")
        .unique(maintain_order=True)
        .sort("observation_id")
    )
    return back(out)  # type: ignore[no-any-return]


def _placed(
    frame: pl.DataFrame,
    *,
    kinds: Sequence[str] | None,
    expand_periods: bool,
    indicators: Mapping[str, Indicator] | None,
) -> pl.DataFrame:
    """Checked observations with ``panel_year``: the year, or each year of a period."""
    import polars as pl

    obs = prepare_observations(frame, indicators=indicators, names=False)
    if kinds is not None:
        obs = obs.filter(pl.col("kind").is_in(list(kinds)))
    single = pl.when(pl.col("period_start") == pl.col("period_end")).then(pl.col("period_start"))
    year = pl.coalesce("year", single)
    if not expand_periods:
        return obs.with_columns(panel_year=year)
    span = pl.int_ranges(pl.col("period_start"), pl.col("period_end") + 1, dtype=pl.Int64)
    years = pl.when(year.is_not_null()).then(pl.concat_list(year)).otherwise(span)
    return obs.with_columns(panel_year=years).explode("panel_year")


def _intervals(obs: pl.DataFrame, tolerance: float, minutes: float) -> pl.DataFrame:
    """Each observation's interval, cut to the natural range of its indicator."""
    import polars as pl

    bounds = interval_exprs(
        pl.col("comparator"),
        pl.col("value_std"),
        pl.col("value_std_upper"),
        approx_tolerance=tolerance,
    )
    class_hour_units = [
        u for u, spec in load_units().units.items() if spec.assumption == "class_hour_minutes"
    ]
    change = pl.col("change").fill_null(False)
    share = (pl.col("unit_std") == "percent") & ~change
    non_negative = ~change & (pl.col("unit_std") != "percentage_point")
    # the raw bounds once, as columns, then the natural range (each expression evaluated once)
    raw = obs.select(
        "observation_id",
        "document_id",
        "region_code",
        pl.col("panel_year").alias("year"),
        "indicator_id",
        "family",
        "direction",
        "unit_std",
        bounds.lower.alias("raw_lower"),
        bounds.upper.alias("raw_upper"),
        bounds.lower_closed.alias("raw_lower_closed"),
        bounds.upper_closed.alias("raw_upper_closed"),
        share.alias("share"),
        non_negative.alias("non_negative"),
        "comparator",
        "value_std",
        "value_std_upper",
        pl.when(pl.col("unit").is_in(class_hour_units))
        .then(pl.lit(minutes))
        .alias("class_hour_minutes"),
        pl.when(pl.col("comparator") == "approx").then(pl.lit(tolerance)).alias("approx_tolerance"),
    )
    lower = (
        pl.when(pl.col("non_negative") & (pl.col("raw_lower") < 0))
        .then(0.0)
        .otherwise(pl.col("raw_lower"))
    )
    upper = (
        pl.when(pl.col("share") & (pl.col("raw_upper") > 100))
        .then(100.0)
        .otherwise(pl.col("raw_upper"))
    )
    return raw.with_columns(
        value_lower=lower,
        value_upper=upper,
        lower_open=~pl.col("raw_lower_closed") & (lower == pl.col("raw_lower")),
        upper_open=~pl.col("raw_upper_closed") & (upper == pl.col("raw_upper")),
    ).drop(
        "raw_lower", "raw_upper", "raw_lower_closed", "raw_upper_closed", "share", "non_negative"
    )


def _hull(rows: pl.DataFrame) -> pl.DataFrame:
    """One row per duplicated cell: the smallest interval holding all, every id, disagreement."""
    import polars as pl

    lo, hi = pl.col("value_lower"), pl.col("value_upper")
    first: dict[str, Any] = {c: pl.col(c).first() for c in ("family", "direction", "unit_std")}
    return rows.group_by(*KEYS).agg(
        **first,
        value_lower=lo.min(),
        value_upper=hi.max(),
        lower_open=pl.col("lower_open").filter(lo == lo.min()).all(),
        upper_open=pl.col("upper_open").filter(hi == hi.max()).all(),
        n_observations=pl.len().cast(pl.Int64),
        observation_ids=pl.col("observation_id").sort().str.join(";"),
        document_ids=pl.col("document_id").unique().sort().str.join(";"),
        disagreement=pl.struct("value_lower", "value_upper", "lower_open", "upper_open").n_unique()
        > 1,
        class_hour_minutes=pl.when(pl.col("class_hour_minutes").is_not_null().all()).then(
            pl.col("class_hour_minutes").max()
        ),
    )
