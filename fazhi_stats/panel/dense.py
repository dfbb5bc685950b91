"""Long frames ↔ dense arrays: a row per group, a column per member, NaN where absent."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import polars as pl
    from numpy.typing import NDArray


@dataclass(frozen=True)
class Layout:
    """Where each row of a long frame sits in a ``(groups, members)`` array."""

    group: NDArray[np.int64]
    member: NDArray[np.int64]
    shape: tuple[int, int]
    group_keys: pl.DataFrame  # one row per group, in group order
    member_keys: pl.DataFrame  # one row per member, in member order

    def scatter(self, values: NDArray[np.float64]) -> NDArray[np.float64]:
        """The long ``values`` as a dense array (NaN where no row is)."""
        import numpy as np

        out = np.full(self.shape, np.nan)
        out[self.group, self.member] = values
        return out

    def gather(self, dense: NDArray[np.float64]) -> NDArray[np.float64]:
        """Back from a dense array (or a stack of them along the first axis) to long order."""
        return dense[..., self.group, self.member]


def layout(frame: pl.DataFrame, groups: list[str], members: list[str]) -> Layout:
    """Group and member positions of every row; groups and members numbered in sorted order."""
    import numpy as np
    import polars as pl

    def codes(columns: list[str]) -> tuple[NDArray[np.int64], pl.DataFrame]:
        if not columns:
            return np.zeros(frame.height, dtype=np.int64), pl.DataFrame({"_": [0]})
        key = _integer_key(frame, columns)
        if key is None:  # too many combinations for one integer: number the keys by a join
            keys = frame.select(columns).unique().sort(columns, nulls_last=False)
            coded = frame.select(columns).join(
                keys.with_row_index("_code"),
                on=columns,
                how="left",
                nulls_equal=True,
                maintain_order="left",
            )
            return coded.get_column("_code").cast(pl.Int64).to_numpy(), keys
        first, inverse = _distinct(key)
        # distinct keys in the order of their values, so numbering never depends on the session
        distinct = frame.select(columns)[first].with_row_index("_seen")
        ordered = distinct.sort(columns, nulls_last=False)
        rank_of = np.empty(len(first), dtype=np.int64)
        rank_of[ordered.get_column("_seen").to_numpy()] = np.arange(len(first))
        return rank_of[inverse], ordered.drop("_seen")

    group, group_keys = codes(groups)
    member, member_keys = codes(members)
    return Layout(group, member, (group_keys.height, member_keys.height), group_keys, member_keys)


def _integer_key(frame: pl.DataFrame, columns: list[str]) -> NDArray[np.int64] | None:
    """One integer per row that is equal exactly when the rows' ``columns`` are equal.

    Text columns go through polars' categorical codes (an exact string → number map); the
    codes are combined in mixed radix. ``None`` when the combination would overflow.
    """
    import numpy as np
    import polars as pl

    key = np.zeros(frame.height, dtype=np.int64)
    capacity = 1
    for name in columns:
        column = frame.get_column(name)
        if column.dtype == pl.String:
            column = column.cast(pl.Categorical).to_physical()
        values = (
            column.cast(pl.Int64).to_numpy()
            if column.null_count() == 0
            else (column.cast(pl.Int64).fill_null(-1).to_numpy())
        )
        if values.size == 0:
            return key
        low, high = int(values.min()), int(values.max())
        radix = high - low + 1
        capacity *= radix
        if capacity >= 2**62:
            return None
        key = key * radix + (values - low)
    return key


def _distinct(key: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """The first row of each distinct key, and each row's distinct-key number."""
    import numpy as np

    span = int(key.max()) + 1 if key.size else 0
    if span <= 4 * key.size + 1024:  # a small key range: count, do not sort
        seen = np.zeros(span, dtype=bool)
        seen[key] = True
        number = np.cumsum(seen) - 1
        first = np.full(span, key.size, dtype=np.int64)
        np.minimum.at(first, key, np.arange(key.size))
        return first[seen], number[key]
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    return first, inverse.ravel()
