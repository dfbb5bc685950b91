"""Variance-based sensitivity (Sobol' first- and total-order indices) through SALib.

SALib is an optional dependency (``pip install fazhi-stats[sensitivity]``), imported only here
and only when called. :func:`design` gives the Saltelli sample; :func:`indices` the estimates
(Saltelli 2010 first order, Jansen total order) with bootstrap confidence half-widths.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import polars as pl
    from numpy.typing import NDArray


def _salib() -> tuple[Any, Any]:
    from fazhi_stats.extras import require_extra

    require_extra("sensitivity", "Sobol' sensitivity indices")
    from SALib.analyze import sobol as analyze
    from SALib.sample import sobol as sample

    return sample, analyze


def _problem(bounds: Sequence[tuple[float, float]]) -> dict[str, Any]:
    # A zero-width range is widened by a hair: SALib needs low < high, and the factor then
    # (rightly) gets indices of zero.
    widened = [[lo, hi if hi > lo else lo + 1e-12] for lo, hi in bounds]
    return {
        "num_vars": len(bounds),
        "names": [f"x{i}" for i in range(len(bounds))],
        "bounds": widened,
    }


def base_samples(k: int, budget: int) -> int:
    """The largest power of two N with N(k + 2) ≤ ``budget`` (at least 2).

    >>> base_samples(1, 1000), base_samples(5, 1000)
    (256, 128)
    """
    n = 2
    while 2 * n * (k + 2) <= budget:
        n *= 2
    return n


def design(bounds: Sequence[tuple[float, float]], budget: int, *, seed: int) -> NDArray[np.float64]:
    """The Saltelli design (first and total order) of N(k + 2) ≤ ``budget`` rows."""
    import numpy as np

    sample, _ = _salib()
    n = base_samples(len(bounds), budget)
    x = sample.sample(_problem(bounds), n, calc_second_order=False, scramble=True, seed=seed)
    return np.asarray(x, dtype=np.float64)


def indices(
    names: Sequence[str],
    bounds: Sequence[tuple[float, float]],
    output: NDArray[np.float64],
    *,
    seed: int,
) -> pl.DataFrame:
    """Sobol' indices of ``output`` (one value per design row) for each named input.

    When the output does not vary at all, every index is 0 and the note says so — never NaN.
    """
    import numpy as np
    import polars as pl

    _, analyze = _salib()
    constant = bool(np.ptp(output) == 0)
    if constant:
        zeros = [0.0] * len(names)
        values = {"S1": zeros, "S1_conf": zeros, "ST": zeros, "ST_conf": zeros}
        note = "the ranks do not vary: every index is 0"
    else:
        found = analyze.analyze(
            _problem(bounds),
            output,
            calc_second_order=False,
            num_resamples=200,
            conf_level=0.95,
            seed=seed,
            print_to_console=False,
        )
        values = {k: [float(v) for v in found[k]] for k in ("S1", "S1_conf", "ST", "ST_conf")}
        note = None
    return pl.DataFrame(
        {
            "factor": list(names),
            "first_order": values["S1"],
            "first_order_conf": values["S1_conf"],
            "total_order": values["ST"],
            "total_order_conf": values["ST_conf"],
            "note": [note] * len(names),
        },
        schema_overrides={"note": pl.String},
    )
