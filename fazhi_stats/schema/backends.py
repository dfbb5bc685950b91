"""Data frames in, the caller's kind of data frame out.

The comparison functions accept any eager frame narwhals knows (pandas, polars, pyarrow, …) and
a polars LazyFrame, compute on polars (a core dependency, so one code path gives identical
results for every input), and hand back the caller's own type: pandas in, pandas out; polars in,
polars out.

>>> import polars as pl
>>> frame, back = to_polars(pl.DataFrame({"a": [1]}))
>>> type(back(frame)).__name__
'DataFrame'
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from fazhi_stats.errors import FazhiError

if TYPE_CHECKING:
    import polars as pl

    from fazhi_stats.schema.processed import TableSchema

Back = Callable[["pl.DataFrame"], Any]


def to_polars(frame: Any) -> tuple[pl.DataFrame, Back]:
    """``frame`` as a polars DataFrame, and the function that turns a result back into its type."""
    import narwhals as nw
    import polars as pl

    if isinstance(frame, pl.DataFrame):
        return frame, _identity
    if isinstance(frame, pl.LazyFrame):
        return frame.collect(), _lazy
    try:
        nw_frame = nw.from_native(frame, eager_only=True)
    except TypeError:
        raise FazhiError(
            f"expected a data frame (pandas, polars or pyarrow), got {type(frame).__name__}"
        ) from None
    implementation = nw_frame.implementation
    converted = nw_frame.to_polars()
    if implementation.is_pandas():
        return converted, _pandas
    return converted, lambda result: nw.from_arrow(result, backend=implementation).to_native()


def _identity(result: pl.DataFrame) -> Any:
    return result


def _lazy(result: pl.DataFrame) -> Any:
    return result.lazy()


def _pandas(result: pl.DataFrame) -> Any:
    # The same conversion as load_table(backend="pandas"), so outputs look like loaded tables.
    return to_pandas(result)


#: Which optional packages each backend needs, and the extra that installs them.
_BACKEND_PACKAGES = {"pandas": ("pandas", "pyarrow")}


def require_backend(backend: str) -> None:
    """Raise a :class:`FazhiError` naming the extra to install when a backend's packages are
    missing (``pip install 'fazhi-stats[pandas]'``)."""
    import importlib.util

    missing = [m for m in _BACKEND_PACKAGES.get(backend, ()) if importlib.util.find_spec(m) is None]
    if missing:
        raise FazhiError(
            f"backend {backend!r} needs {', '.join(missing)}: pip install 'fazhi-stats[{backend}]'"
        )


def to_pandas(frame: pl.DataFrame) -> Any:
    """A pandas frame with nullable integers (``Int64``) and booleans, and real dates.

    >>> import datetime, polars as pl
    >>> out = to_pandas(pl.DataFrame({"year": [2020, None], "day": [datetime.date(2020, 1, 1), None]}))
    >>> str(out["year"].dtype), str(out["year"][0]), str(out["day"][0])
    ('Int64', '2020', '2020-01-01')
    """
    require_backend("pandas")
    import pandas as pd
    import pyarrow as pa

    mapping = {
        pa.int64(): pd.Int64Dtype(),
        pa.int32(): pd.Int64Dtype(),
        pa.bool_(): pd.BooleanDtype(),
        pa.date32(): pd.ArrowDtype(pa.date32()),
    }
    return frame.to_arrow().to_pandas(types_mapper=mapping.get)


def conform(frame: pl.DataFrame, schema: TableSchema) -> pl.DataFrame:
    """The schema's columns, in its order and types, sorted by its sort keys (missing first)."""
    import polars as pl

    from fazhi_stats.schema.frames import polars_dtype

    missing = [c.name for c in schema.columns if c.name not in frame.columns]
    if missing:
        raise FazhiError(f"internal: {schema.name} rows lack columns {missing}")
    typed = frame.select(pl.col(c.name).cast(polars_dtype(c.type)) for c in schema.columns)
    if not schema.sort_by:
        return typed
    return typed.sort(list(schema.sort_by), nulls_last=False, maintain_order=True)
