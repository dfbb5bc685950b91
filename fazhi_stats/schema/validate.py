"""A frame checked against its table's contract, every failure reported at once.

Types, required values, closed vocabularies (``enum``) and the primary key of each column come
from the schema (:mod:`fazhi_stats.schema.processed`): the same description that writes the
files and ``datapackage.json`` is enforced when a stage or a user reads them back.

>>> import polars as pl
>>> from fazhi_stats.schema.processed import MILESTONES
>>> bad = pl.DataFrame({"milestone_id": ["m/1", "m/1"], "document_id": ["d", None]})
>>> validate_frame(bad, MILESTONES, source="milestones.csv", require_all_columns=False)
Traceback (most recent call last):
...
fazhi_stats.errors.DataError: milestones.csv: column document_id: empty in 1 row (row 2) (expected a value in every row)
milestones.csv: column milestone_id: duplicate key m/1 (rows 1, 2) (expected one row per milestone_id)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fazhi_stats.errors import DataError, Problem
from fazhi_stats.schema.frames import polars_dtype
from fazhi_stats.schema.processed import TableSchema

if TYPE_CHECKING:
    import polars as pl

_SHOWN = 3  # rows named per problem


def _rows(indices: list[int]) -> str:
    shown = ", ".join(str(i + 1) for i in indices[:_SHOWN])
    more = f" and {len(indices) - _SHOWN} more" if len(indices) > _SHOWN else ""
    return f"row{'s' if len(indices) > 1 else ''} {shown}{more}"


def cast_column(series: pl.Series, type_: str) -> pl.Series:
    """``series`` as the schema's type, strictly, undoing what readers without a schema do:
    text (a CSV read as strings) becomes numbers, booleans and dates; codes that pandas read as
    floats (350902.0) become text again."""
    import polars as pl

    dtype = polars_dtype(type_)
    if series.dtype == dtype:
        return series
    if type_ == "string" and series.dtype.is_float():
        whole = series.drop_nulls()
        if (whole == whole.round(0)).all():
            return series.cast(pl.Int64, strict=True).cast(pl.String)
    if series.dtype == pl.String:
        if type_ == "boolean":
            words = {"true": True, "false": False, "1": True, "0": False}
            return series.str.to_lowercase().replace_strict(words, return_dtype=pl.Boolean)
        if type_ == "date":
            return series.str.to_date("%Y-%m-%d", strict=True)
    return series.cast(dtype, strict=True)


def validate_frame(
    frame: pl.DataFrame,
    schema: TableSchema,
    *,
    source: str,
    require_all_columns: bool = True,
) -> pl.DataFrame:
    """``frame`` typed by ``schema``, in its column order; raise one :class:`DataError` listing
    every missing column, unreadable value, empty required value, value outside its vocabulary
    and duplicate key."""
    import polars as pl

    problems: list[Problem] = []
    missing = [c.name for c in schema.columns if c.name not in frame.columns]
    if missing and require_all_columns:
        problems.append(
            Problem(
                source,
                "",
                f"missing column(s) {', '.join(missing)}",
                f"the columns of {schema.name}",
            )
        )
    typed: dict[str, pl.Series] = {}
    for column in schema.columns:
        if column.name not in frame.columns:
            typed[column.name] = pl.Series(
                column.name, [None] * frame.height, polars_dtype(column.type)
            )
            continue
        series = frame.get_column(column.name)
        try:
            typed[column.name] = cast_column(series, column.type).alias(column.name)
        except (pl.exceptions.PolarsError, ValueError) as exc:
            problems.append(
                Problem(
                    source,
                    f"column {column.name}",
                    f"cannot be read as {column.type}: {str(exc).splitlines()[0]}",
                    f"{column.type} values",
                )
            )
            typed[column.name] = pl.Series(
                column.name, [None] * frame.height, polars_dtype(column.type)
            )
    result = pl.DataFrame(typed)
    for column in schema.columns:
        if column.name in missing:
            continue
        values = result.get_column(column.name)
        if column.required:
            empty = values.is_null().arg_true().to_list()
            if empty:
                n = len(empty)
                problems.append(
                    Problem(
                        source,
                        f"column {column.name}",
                        f"empty in {n} row{'s' if n > 1 else ''} ({_rows(empty)})",
                        "a value in every row",
                    )
                )
        if column.enum:
            outside = (~values.is_in(list(column.enum)) & values.is_not_null()).arg_true().to_list()
            if outside:
                found = sorted({str(values[i]) for i in outside})
                problems.append(
                    Problem(
                        source,
                        f"column {column.name}",
                        f"unknown value(s) {', '.join(found)} ({_rows(outside)})",
                        "one of " + ", ".join(column.enum),
                    )
                )
    key = [c for c in schema.primary_key if c not in missing]
    if key and result.height:
        dupes = result.with_row_index("_row").filter(pl.struct(key).is_duplicated())
        for group in dupes.group_by(key, maintain_order=True).agg(pl.col("_row")).iter_rows():
            *key_values, rows = group
            shown = "/".join("" if v is None else str(v) for v in key_values)
            problems.append(
                Problem(
                    source,
                    f"column {'+'.join(key)}",
                    f"duplicate key {shown} ({_rows(list(rows))})",
                    f"one row per {'+'.join(key)}",
                )
            )
    if problems:
        raise DataError(problems)
    return result


def check_frame(frame: Any, schema: TableSchema, *, source: str) -> pl.DataFrame:
    """Any pandas or polars frame (e.g. a plot's input) as a validated polars frame."""
    from fazhi_stats.schema.backends import to_polars

    polars_frame, _ = to_polars(frame)
    return validate_frame(polars_frame, schema, source=source)
