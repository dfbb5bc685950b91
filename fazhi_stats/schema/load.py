"""Loading the processed tables as polars or pandas data frames.

>>> obs = load_observations()                      # doctest: +SKIP
>>> obs = load_observations("path/to/study", backend="pandas")   # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from fazhi_stats.errors import FazhiError
from fazhi_stats.project import Project
from fazhi_stats.schema.frames import polars_schema
from fazhi_stats.schema.processed import TABLES, TableSchema

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


def load_table(name: str, path: str | Path | None = None, *, backend: Backend = "polars") -> Any:
    """A processed table by name, typed by its schema, as a polars or pandas DataFrame."""
    import polars as pl

    if name not in TABLES:
        raise FazhiError(f"unknown table {name!r}; known: {sorted(TABLES)}")
    schema = TABLES[name]
    file = _resolve(path, schema)
    frame = pl.read_csv(file, schema=polars_schema(schema))
    if backend == "polars":
        return frame
    if backend == "pandas":
        return frame.to_pandas()
    raise FazhiError(f"unknown backend {backend!r}; use 'polars' or 'pandas'")


def load_observations(path: str | Path | None = None, *, backend: Backend = "polars") -> Any:
    """Observations (one row per curated number, with its quote and offsets).

    ``path``: a study directory, its ``data/processed`` directory, or the CSV itself; by default
    the study directory containing the working directory.
    """
    return load_table("observations", path, backend=backend)


def load_documents(path: str | Path | None = None, *, backend: Backend = "polars") -> Any:
    """The documents table (metadata of each source document)."""
    return load_table("documents", path, backend=backend)


def load_milestones(path: str | Path | None = None, *, backend: Backend = "polars") -> Any:
    """Milestones: deadlines without a number."""
    return load_table("milestones", path, backend=backend)


def load_commitments(path: str | Path | None = None, *, backend: Backend = "polars") -> Any:
    """Commitments of the plans (one row per task item or task sentence, with its flags)."""
    return load_table("commitments", path, backend=backend)
