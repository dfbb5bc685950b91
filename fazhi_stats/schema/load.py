"""Loading the processed tables as polars or pandas data frames, checked against their schema.

Every value is read as text and typed by the table's schema (:mod:`fazhi_stats.schema.validate`),
so a file edited by hand or written by another tool gets one error listing every problem. In
pandas, whole-number columns are nullable integers (``Int64``: years read 2020, not 2020.0),
dates are dates and booleans nullable booleans.

>>> obs = load_observations()                      # doctest: +SKIP
>>> obs = load_observations("path/to/study", backend="pandas")   # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

from fazhi_stats.errors import FazhiError
from fazhi_stats.project import Project
from fazhi_stats.schema.processed import TABLES, TableSchema

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl

Backend = Literal["polars", "pandas"]


def _resolve(path: str | Path | None, schema: TableSchema) -> Path:
    if path is None:
        return Project.discover().processed_dir / schema.path
    p = Path(path)
    if p.is_file():
        return p
    for candidate in (p / schema.path, p / "data" / "processed" / schema.path):
        if candidate.is_file():
            return candidate
    raise FazhiError(
        f"no {schema.path} in {p} or {p / 'data' / 'processed'}; run `fazhi-stats build` first"
    )


@overload
def load_table(
    name: str, path: str | Path | None = None, *, backend: Literal["polars"] = "polars"
) -> pl.DataFrame: ...
@overload
def load_table(
    name: str, path: str | Path | None = None, *, backend: Literal["pandas"]
) -> pd.DataFrame: ...
def load_table(name: str, path: str | Path | None = None, *, backend: Backend = "polars") -> Any:
    """A processed table by name, typed and checked by its schema, as a polars or pandas frame.

    ``path``: a study directory, its ``data/processed`` directory, or the CSV itself; by default
    the study directory containing the working directory.
    """
    import polars as pl

    from fazhi_stats.schema.backends import require_backend, to_pandas
    from fazhi_stats.schema.validate import validate_frame

    if name not in TABLES:
        raise FazhiError(f"unknown table {name!r}; known: {sorted(TABLES)}")
    if backend not in ("polars", "pandas"):
        raise FazhiError(f"unknown backend {backend!r}; use 'polars' or 'pandas'")
    require_backend(backend)
    schema = TABLES[name]
    file = _resolve(path, schema)
    frame = validate_frame(pl.read_csv(file, infer_schema=False), schema, source=str(file))
    return to_pandas(frame) if backend == "pandas" else frame


@overload
def load_observations(
    path: str | Path | None = None, *, backend: Literal["polars"] = "polars"
) -> pl.DataFrame: ...
@overload
def load_observations(
    path: str | Path | None = None, *, backend: Literal["pandas"]
) -> pd.DataFrame: ...
def load_observations(path: str | Path | None = None, *, backend: Backend = "polars") -> Any:
    """Observations (one row per curated number, with its quote and offsets).

    ``path``: a study directory, its ``data/processed`` directory, or the CSV itself; by default
    the study directory containing the working directory.
    """
    return load_table("observations", path, backend=backend)


@overload
def load_documents(
    path: str | Path | None = None, *, backend: Literal["polars"] = "polars"
) -> pl.DataFrame: ...
@overload
def load_documents(
    path: str | Path | None = None, *, backend: Literal["pandas"]
) -> pd.DataFrame: ...
def load_documents(path: str | Path | None = None, *, backend: Backend = "polars") -> Any:
    """The documents table (metadata of each source document)."""
    return load_table("documents", path, backend=backend)


@overload
def load_milestones(
    path: str | Path | None = None, *, backend: Literal["polars"] = "polars"
) -> pl.DataFrame: ...
@overload
def load_milestones(
    path: str | Path | None = None, *, backend: Literal["pandas"]
) -> pd.DataFrame: ...
def load_milestones(path: str | Path | None = None, *, backend: Backend = "polars") -> Any:
    """Milestones: deadlines, starts and recurring deadlines, without a number."""
    return load_table("milestones", path, backend=backend)


@overload
def load_commitments(
    path: str | Path | None = None, *, backend: Literal["polars"] = "polars"
) -> pl.DataFrame: ...
@overload
def load_commitments(
    path: str | Path | None = None, *, backend: Literal["pandas"]
) -> pd.DataFrame: ...
def load_commitments(path: str | Path | None = None, *, backend: Backend = "polars") -> Any:
    """Commitments of the plans (one row per task item or task sentence, with its flags)."""
    return load_table("commitments", path, backend=backend)
