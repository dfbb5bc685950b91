"""The claims of a corpus as one data frame, for a notebook: ``fz.claims_table("texts/")``.

Files are read as ``fazhi-stats extract`` reads them (decoded, with the genre and period of a
sidecar beside them), so the rows are the command's JSON lines, typed: one row per claim, the
columns of :data:`~fazhi_stats.extract.claims.RECORD_FIELDS` in that order, rows in file order
and text order.

>>> import tempfile
>>> from pathlib import Path
>>> with tempfile.TemporaryDirectory() as d:
...     _ = (Path(d) / "a.txt").write_text("2020年,共办理案件12件,办结率95%。", encoding="utf-8")
...     table = claims_table(d)
>>> table.select("document", "text", "value", "unit_std", "year").rows()
[('a', '12件', 12.0, 'count', 2020), ('a', '95%', 95.0, 'percent', 2020)]
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

from fazhi_stats.errors import DataError, Problem
from fazhi_stats.extract.claims import RECORD_FIELDS
from fazhi_stats.extract.files import collect_files, iter_file_claims

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl

Errors = Literal["raise", "warn"]


def claims_schema() -> dict[str, Any]:
    """The polars type of each column of :func:`claims_table`."""
    import polars as pl

    from fazhi_stats.vocabulary import CLAIM_KINDS, COMPARATORS

    text, number = pl.String, pl.Float64
    types: dict[str, Any] = {
        "document": text,
        "char_start": pl.Int64,
        "char_end": pl.Int64,
        "text": text,
        "value": number,
        "value_upper": number,
        "unit": text,
        "value_std": number,
        "value_std_upper": number,
        "unit_std": text,
        "comparator": pl.Enum(list(COMPARATORS)),
        "kind": pl.Enum(list(CLAIM_KINDS)),
        "year": pl.Int64,
        "per": text,
        "hedged": pl.Boolean,
        "family": text,
        "indicator_id": text,
        "label": text,
        "sentence": text,
    }
    assert tuple(types) == RECORD_FIELDS
    return types


@overload
def claims_table(
    paths: str | Path | Iterable[str | Path],
    *,
    jobs: int = 1,
    errors: Errors = "raise",
    backend: Literal["polars"] = "polars",
) -> pl.DataFrame: ...
@overload
def claims_table(
    paths: str | Path | Iterable[str | Path],
    *,
    jobs: int = 1,
    errors: Errors = "raise",
    backend: Literal["pandas"],
) -> pd.DataFrame: ...
def claims_table(
    paths: str | Path | Iterable[str | Path],
    *,
    jobs: int = 1,
    errors: Errors = "raise",
    backend: Literal["polars", "pandas"] = "polars",
) -> Any:
    """Every claim of the files in ``paths`` (a directory stands for the ``*.txt`` below it;
    ``document`` is the path below it without suffix), as a polars or pandas frame.

    ``jobs``: processes reading the files. A file that cannot be read or decoded is named
    with its reason: with ``errors="raise"`` (the default) every such file is listed in one
    :class:`~fazhi_stats.errors.DataError` after all files were read; with ``errors="warn"``
    each is a warning and the table holds the claims of the others.
    """
    import polars as pl

    from fazhi_stats.schema.backends import require_backend, to_pandas

    if backend not in ("polars", "pandas"):
        raise ValueError(f"unknown backend {backend!r}; use 'polars' or 'pandas'")
    if errors not in ("raise", "warn"):
        raise ValueError(f"unknown errors {errors!r}; use 'raise' or 'warn'")
    require_backend(backend)
    given = [Path(p) for p in ([paths] if isinstance(paths, str | Path) else paths)]
    missing = [Problem(str(p), "", "no such file or directory") for p in given if not p.exists()]
    if missing:
        raise DataError(missing)
    files = list(collect_files(given))
    records: list[dict[str, Any]] = []
    problems: list[Problem] = []
    for result in iter_file_claims(files, jobs=jobs):
        if result.error is not None:
            problems.append(Problem(str(result.path), "", result.error))
            continue
        records.extend(claim.to_record() for claim in result.claims)
    if problems and errors == "raise":
        raise DataError(problems)
    for problem in problems:
        warnings.warn(f"{problem.file}: {problem.message} (no claims read)", stacklevel=2)
    frame = pl.DataFrame(records, schema=claims_schema())
    return to_pandas(frame) if backend == "pandas" else frame
