"""Observations as the comparison functions need them: typed, checked, with registry facts.

Every problem of every row is collected and raised together as one :class:`DataError`, naming
the observation and what was expected, so bad input never turns into a silent number.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from fazhi_stats.errors import DataError, Problem
from fazhi_stats.registry import Indicator, active_registry, load_indicators, load_regions
from fazhi_stats.schema.frames import polars_dtype
from fazhi_stats.schema.validate import cast_column
from fazhi_stats.vocabulary import COMPARATORS, KINDS, UNKNOWN_REGION

if TYPE_CHECKING:
    import polars as pl

SOURCE = "observations"
REQUIRED = ("observation_id", "indicator_id", "kind", "comparator", "value_std", "unit_std")


def _column_types() -> dict[str, str]:
    """Schema types of the observation columns the comparisons read (one source: the schema)."""
    from fazhi_stats.schema.processed import OBSERVATIONS

    return {c.name: c.type for c in OBSERVATIONS.columns if c.name in _USED}


_USED = frozenset(
    (
        *REQUIRED,
        "document_id",
        "region_code",
        "region_name_zh",
        "region_name_en",
        "unit",
        "per",
        "scope",
        "quote",
        "assumption",
        "value",
        "value_upper",
        "value_std_upper",
        "year",
        "period_start",
        "period_end",
        "hedged",
    )
)


def prepare_observations(
    frame: pl.DataFrame,
    *,
    indicators: Mapping[str, Indicator] | None = None,
    names: bool = True,
) -> pl.DataFrame:
    """Typed observations with registry facts: family, direction, change, indicator unit and
    names, and region names (:data:`~fazhi_stats.vocabulary.UNKNOWN_REGION` where unknown).

    Optional columns that are missing are added empty; ``value`` defaults to ``value_std``.
    Unclassified numbers (an empty ``indicator_id``) are left out: no comparison applies to
    them (:func:`unclassified_rows` lists them).
    ``names=False`` leaves out the indicator and region names (callers that never show them
    save four text columns per row).
    Raises :class:`DataError` for missing columns, unknown indicators or vocabulary, values
    in a unit other than the indicator's, percentages outside 0–100 (except changes), ranges
    that run backwards or carry a one-sided comparator, and duplicate ids.
    """
    import polars as pl

    inds = load_indicators() if indicators is None else indicators
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise DataError(
            [Problem(SOURCE, "", f"missing column(s) {missing}", f"at least {list(REQUIRED)}")]
        )
    frame = frame.filter(pl.col("indicator_id").is_not_null())
    problems: list[Problem] = []
    columns: list[pl.Expr | pl.Series] = []
    for name, type_ in _column_types().items():
        if name not in frame.columns:
            columns.append(pl.lit(None, dtype=polars_dtype(type_)).alias(name))
            continue
        try:
            columns.append(cast_column(frame.get_column(name), type_))
        except (pl.exceptions.PolarsError, ValueError) as exc:
            problems.append(Problem(SOURCE, f"column {name}", f"cannot be read as {type_}: {exc}"))
    if problems:
        raise DataError(problems)
    facts: dict[str, dict[str, str]] = {
        "family": {i.id: i.family for i in inds.values()},
        "direction": {i.id: i.direction for i in inds.values()},
        "indicator_unit": {i.id: i.unit for i in inds.values()},
    }
    if names:
        facts["indicator_name_zh"] = {i.id: i.name_zh for i in inds.values()}
        facts["indicator_name_en"] = {i.id: i.name_en for i in inds.values()}
    regions = load_regions()
    region_names = {
        "zh": ({c: r.name_zh for c, r in regions.items()}, UNKNOWN_REGION.zh),
        "en": ({c: r.name_en for c, r in regions.items()}, UNKNOWN_REGION.en),
    }
    obs = pl.select(columns).with_columns(
        pl.coalesce("value", "value_std").alias("value"),
        _lookup("indicator_id", {i.id: i.change for i in inds.values()}, pl.Boolean).alias(
            "change"
        ),
        *(_lookup("indicator_id", mapping).alias(name) for name, mapping in facts.items()),
        # names as given, else from the registry, else labelled unknown when the code is
        *(
            pl.coalesce(
                f"region_name_{lang}",
                _lookup("region_code", names_of),
                pl.when(pl.col("region_code").is_null()).then(pl.lit(unknown)),
            ).alias(f"region_name_{lang}")
            for lang, (names_of, unknown) in region_names.items()
            if names
        ),
    )
    _check_rows(obs, problems, known=_registry_in_use() if indicators is None else None)
    if problems:
        raise DataError(problems)
    return obs


def _lookup(column: str, mapping: Mapping[str, Any], dtype: Any = None) -> pl.Expr:
    """``mapping[value]`` per row; empty where the value is not a key."""
    import polars as pl

    dtype = dtype or pl.String
    return pl.col(column).replace_strict(
        mapping, default=pl.lit(None, dtype=dtype), return_dtype=dtype
    )


def _registry_in_use() -> str:
    """Where the indicators come from, and how to use another study's (for messages)."""
    folder = active_registry().study_dir
    where = f"the package's and {folder}" if folder else "the package's"
    # the active registry follows the working directory, not the folder a frame was read from
    return f"({where}); for another study's data, call this inside with fz.use_study(STUDY_DIR):"


def _check_rows(obs: pl.DataFrame, problems: list[Problem], *, known: str | None = None) -> None:
    import polars as pl

    value, upper = pl.col("value_std"), pl.col("value_std_upper")
    percent = (pl.col("unit_std") == "percent") & ~pl.col("change").fill_null(False)
    one_sided = pl.col("comparator").is_in(["ge", "gt", "le", "lt"])
    # distinct hashes prove distinct ids; only when some hash repeats are the texts compared
    ids = obs.get_column("observation_id").drop_nulls()
    repeated = (
        pl.col("observation_id").is_duplicated()
        if ids.hash().n_unique() < ids.len()
        else pl.lit(False)
    )
    checks: list[tuple[pl.Expr, pl.Expr | str, str]] = [
        (pl.col("observation_id").is_null(), "observation_id missing", "an id per row"),
        (
            repeated & pl.col("observation_id").is_not_null(),
            "duplicate observation_id",
            "unique ids",
        ),
        (
            pl.col("family").is_null(),
            pl.format("unknown indicator {}", pl.col("indicator_id")),
            "an id of the indicator registry" + (f" in use {known}" if known else ""),
        ),
        (
            ~pl.col("kind").is_in(KINDS.ids).fill_null(False),
            pl.format("unknown kind {}", pl.col("kind")),
            KINDS.expected(),
        ),
        (
            pl.col("comparator").is_null(),
            pl.format("a {} without a comparator", pl.col("kind")),
            f"a comparator ({', '.join(COMPARATORS.ids)}) saying how the number is to be read",
        ),
        (
            ~pl.col("comparator").is_in(COMPARATORS.ids) & pl.col("comparator").is_not_null(),
            pl.format("unknown comparator {}", pl.col("comparator")),
            COMPARATORS.expected(),
        ),
        (value.is_null() | value.is_nan(), "value_std missing", "a number"),
        (pl.col("unit_std").is_null(), "unit_std missing", "the standard unit of the value"),
        (
            (pl.col("unit_std") != pl.col("indicator_unit")).fill_null(False),
            pl.format(
                "value in {} but indicator {} is measured in {}",
                pl.col("unit_std"),
                pl.col("indicator_id"),
                pl.col("indicator_unit"),
            ),
            "values in the indicator's standard unit",
        ),
        (
            percent & ((value > 100) | (value < 0) | (upper > 100)).fill_null(False),
            pl.format(
                "percentage {} outside 0–100",
                pl.when((value > 100) | (value < 0)).then(value).otherwise(upper),
            ),
            "a share between 0 and 100 percent",
        ),
        (
            (upper < value).fill_null(False),
            "range upper value below its lower value",
            "lower ≤ upper",
        ),
        (
            one_sided & upper.is_not_null(),
            pl.format("a range with comparator {}", pl.col("comparator")),
            "ranges with eq or approx",
        ),
    ]
    # one pass evaluates every check (in parallel); only failed checks are formatted
    flags = obs.select(
        condition.fill_null(False).alias(f"check_{k}") for k, (condition, _, _) in enumerate(checks)
    )
    for k, (_, message, expected) in enumerate(checks):
        failed = flags.get_column(f"check_{k}")
        if not failed.any():
            continue
        label = pl.lit(message) if isinstance(message, str) else message
        bad = obs.filter(failed).select(
            pl.col("observation_id").fill_null("?"), label.fill_null("?").alias("message")
        )
        problems.extend(
            Problem(SOURCE, f"observation {oid}", str(msg), expected)
            for oid, msg in bad.iter_rows()
        )


def unclassified_rows(frame: pl.DataFrame) -> pl.DataFrame:
    """The numbers of ``frame`` without an indicator: id, document, region, kind, family."""
    import polars as pl

    rows = frame.filter(pl.col("indicator_id").is_null())
    wanted = {
        "observation_id": pl.String,
        "document_id": pl.String,
        "region_code": pl.String,
        "kind": pl.String,
        "family": pl.String,
        "unit_std": pl.String,
        "scope": pl.String,
    }
    return rows.select(
        pl.col(c).cast(t) if c in rows.columns else pl.lit(None, dtype=t).alias(c)
        for c, t in wanted.items()
    ).with_columns(pl.col("family").fill_null("other"))
