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

    def codes(columns: list[str]) -> tuple[NDArray[np.int64], int]:
        if not columns:
            return np.zeros(frame.height, dtype=np.int64), 1
        keys = frame.select(pl.struct(columns).rank("dense").cast(pl.Int64) - 1).to_series()
        array = keys.to_numpy()
        return array, int(array.max()) + 1 if frame.height else 0

    group, n_groups = codes(groups)
    member, n_members = codes(members)
    return Layout(group, member, (n_groups, n_members))
