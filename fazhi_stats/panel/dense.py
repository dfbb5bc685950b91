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
        # numbering the few distinct keys and joining is much faster than ranking every row
        keys = frame.select(columns).unique().sort(columns, nulls_last=False)
        keys = keys.with_row_index("_code")
        coded = frame.select(columns).join(
            keys, on=columns, how="left", nulls_equal=True, maintain_order="left"
        )
        return coded.get_column("_code").cast(pl.Int64).to_numpy(), keys.drop("_code")

    group, group_keys = codes(groups)
    member, member_keys = codes(members)
    return Layout(group, member, (group_keys.height, member_keys.height), group_keys, member_keys)
