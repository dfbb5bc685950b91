"""Rows ↔ typed polars frames, following the schemas of :mod:`fazhi_stats.schema.processed`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fazhi_stats.io import atomic_path, write_csv
from fazhi_stats.schema.processed import TableSchema

if TYPE_CHECKING:
    import polars as pl


def polars_dtype(type_: str) -> Any:
    import polars as pl

    return {
        "string": pl.String,
        "integer": pl.Int64,
        "number": pl.Float64,
        "boolean": pl.Boolean,
        "date": pl.Date,
    }[type_]


def polars_schema(schema: TableSchema) -> dict[str, Any]:
    return {c.name: polars_dtype(c.type) for c in schema.columns}


def sorted_rows(rows: Sequence[Mapping[str, Any]], schema: TableSchema) -> list[Mapping[str, Any]]:
    """Rows in the schema's sort order (missing values first, so the order is total)."""

    def key(row: Mapping[str, Any]) -> tuple[Any, ...]:
        return tuple(
            (row.get(c) is not None, row.get(c) if row.get(c) is not None else 0)
            for c in schema.sort_by
        )

    return sorted(rows, key=key)


def rows_to_frame(rows: Sequence[Mapping[str, Any]], schema: TableSchema) -> pl.DataFrame:
    import polars as pl

    data = {c: [r.get(c) for r in rows] for c in schema.column_names}
    return pl.DataFrame(data, schema=polars_schema(schema))


def write_table(
    rows: Sequence[Mapping[str, Any]],
    schema: TableSchema,
    directory: Path,
    *,
    parquet: bool = False,
) -> list[Path]:
    """Write a table as CSV (and Parquet), sorted, atomically. Returns the paths written."""
    ordered = sorted_rows(rows, schema)
    csv_path = directory / schema.path
    write_csv(csv_path, ordered, schema.column_names)
    written = [csv_path]
    if parquet:
        frame = rows_to_frame(ordered, schema)
        pq_path = csv_path.with_suffix(".parquet")
        with atomic_path(pq_path) as tmp:
            frame.write_parquet(tmp, compression="zstd", statistics=False)
        written.append(pq_path)
    return written
