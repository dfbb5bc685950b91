"""The shape of a table contract: columns with type, description, unit, required and enum."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ColumnType = Literal["string", "integer", "number", "boolean", "date"]


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    description: str
    unit: str | None = None
    required: bool = False
    enum: tuple[str, ...] | None = None


@dataclass(frozen=True)
class TableSchema:
    name: str
    path: str  # relative to the processed directory
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    sort_by: tuple[str, ...] = field(default=())

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


def column(name: str, type_: ColumnType, description: str, **kw: object) -> Column:
    """A column, options by keyword (``unit``, ``required``, ``enum``)."""
    return Column(name, type_, description, **kw)  # type: ignore[arg-type]


#: every table of the data contract, by name; the schema modules add theirs with `register`
TABLES: dict[str, TableSchema] = {}


def register(schema: TableSchema) -> TableSchema:
    """Add a table (e.g. a comparison output) to the data contract."""
    TABLES[schema.name] = schema
    return schema
