"""A composite method as one frozen record, run on a panel, and several methods side by side.

A :class:`Method` holds every choice of the pipeline impute → normalise → aggregate; its text
(:meth:`Method.describe`) is written into the ``method`` column of every index it makes, so a
result says how it was made, and a variant is a changed field and a re-run.

>>> import polars as pl
>>> panel = pl.DataFrame({
...     "region_code": ["a", "b", "c"], "year": [2020] * 3, "indicator_id": ["x"] * 3,
...     "family": ["f"] * 3, "direction": ["higher_is_better"] * 3, "unit_std": ["count"] * 3,
...     "value_lower": [10.0, 20.0, 40.0], "value_upper": [10.0, 20.0, 40.0],
... })
>>> side = compare_methods(panel, [Method("minmax"), Method("rank", name="by rank")])
>>> side.select("region_code", "minmax_rank_best", "by rank_rank_best").rows()
[('a', 3.0, 3.0), ('b', 2.0, 2.0), ('c', 1.0, 1.0)]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

from fazhi_stats.errors import DataError, Problem
from fazhi_stats.panel.aggregate import Aggregation, Level, Zeros, aggregate
from fazhi_stats.panel.impute import IMPUTATIONS, Imputation, impute
from fazhi_stats.panel.normalise import NORMALISATIONS, By, Normalisation, normalise_panel
from fazhi_stats.schema.backends import to_polars

if TYPE_CHECKING:
    from narwhals.typing import IntoFrameT


def _frozen(mapping: Mapping[str, object] | None) -> Mapping[str, object] | None:
    return None if mapping is None else MappingProxyType(dict(sorted(mapping.items())))


@dataclass(frozen=True)
class Method:
    """Every choice of a composite: normalisation, its parameters, weights, aggregation,
    imputation and coverage rule.

    ``goalposts``: ``{indicator: (worst, best)}``; ``targets``: ``{indicator: reference}``;
    ``weights``: ``{indicator: weight}`` (``None``: equal, neutral indicators left out).
    ``name`` labels the method's columns in :func:`compare_methods`.
    """

    normalisation: Normalisation = "minmax"
    by: By = "year"
    goalposts: Mapping[str, tuple[float, float]] | None = None
    targets: Mapping[str, float] | None = None
    weights: Mapping[str, float] | None = None
    aggregation: Aggregation = "arithmetic"
    zeros: Zeros = "offset"
    zero_offset: float = 0.01
    imputation: Imputation = "none"
    min_coverage: float = 0.5
    level: Level = "index"
    name: str = field(default="")

    def __post_init__(self) -> None:
        problems = []
        if self.normalisation not in NORMALISATIONS:
            problems.append(
                Problem(
                    "Method", "normalisation", repr(self.normalisation), ", ".join(NORMALISATIONS)
                )
            )
        if self.imputation not in IMPUTATIONS:
            problems.append(
                Problem("Method", "imputation", repr(self.imputation), ", ".join(IMPUTATIONS))
            )
        if self.aggregation == "geometric" and self.normalisation == "zscore":
            problems.append(
                Problem(
                    "Method",
                    "aggregation",
                    "geometric mean of z-scores",
                    "z-scores with the arithmetic mean (they are negative)",
                )
            )
        if not 0 <= self.min_coverage <= 1:
            problems.append(
                Problem(
                    "Method", "min_coverage", repr(self.min_coverage), "a share between 0 and 1"
                )
            )
        if problems:
            raise DataError(problems)
        for name in ("goalposts", "targets", "weights"):
            object.__setattr__(self, name, _frozen(getattr(self, name)))
        if not self.name:
            object.__setattr__(self, "name", self.normalisation)

    def describe(self) -> str:
        """Every choice as one line, e.g. ``minmax by year; arithmetic mean; equal weights; …``."""
        extra = ""
        if self.normalisation == "goalposts" and self.goalposts:
            extra = (
                " ("
                + ", ".join(f"{k} {lo:g}–{hi:g}" for k, (lo, hi) in self.goalposts.items())
                + ")"
            )
        if self.normalisation == "distance_to_target" and self.targets:
            extra = " (" + ", ".join(f"{k} {v:g}" for k, v in self.targets.items()) + ")"
        weights = (
            "equal weights"
            if self.weights is None
            else "weights " + ", ".join(f"{k} {v:g}" for k, v in self.weights.items())
        )
        zeros = ""
        if self.aggregation == "geometric":
            zeros = f"; zeros {self.zeros}" + (
                f" {self.zero_offset:g}" if self.zeros == "offset" else ""
            )
        return (
            f"{self.normalisation}{extra} by {self.by or 'all years'}; imputation "
            f"{self.imputation}; {self.aggregation} mean{zeros}; {weights}; level {self.level}; "
            f"min coverage {self.min_coverage * 100:g}%"
        )

    def scores(self, panel: IntoFrameT) -> IntoFrameT:
        """Impute (if asked) and normalise ``panel`` as this method says."""
        filled = impute(panel, rule=self.imputation)
        return normalise_panel(
            filled,
            method=self.normalisation,
            by=self.by,
            goalposts=self.goalposts,
            targets=self.targets,
        )

    def apply(self, panel: IntoFrameT) -> IntoFrameT:
        """The index frame of ``panel`` under this method (``method`` column: its text)."""
        return aggregate(
            self.scores(panel),
            weights=self.weights,
            method=self.aggregation,
            min_coverage=self.min_coverage,
            level=self.level,
            zeros=self.zeros,
            zero_offset=self.zero_offset,
            label=self.describe(),
        )


def compare_methods(panel: IntoFrameT, methods: Sequence[Method]) -> IntoFrameT:
    """Ranks under several methods side by side, one row per region × year (× family).

    Columns ``<name>_rank_best``, ``<name>_rank_worst``, ``<name>_index_lower``,
    ``<name>_index_upper`` per method, and ``rank_spread``: the largest worst rank minus the
    smallest best rank over the methods (0 when every method agrees on a point rank).
    """
    import polars as pl

    names = [m.name for m in methods]
    if not methods or len(set(names)) != len(names):
        raise DataError(
            [
                Problem(
                    "compare_methods",
                    "methods",
                    f"names {names}",
                    "one or more methods with distinct names",
                )
            ]
        )
    frame, back = to_polars(panel)
    keys = ["region_code", "year", "family"]
    side: pl.DataFrame | None = None
    for method in methods:
        index = method.apply(frame).select(
            *keys,
            *(
                pl.col(c).alias(f"{method.name}_{c}")
                for c in ("rank_best", "rank_worst", "index_lower", "index_upper")
            ),
        )
        side = (
            index
            if side is None
            else side.join(index, on=keys, how="full", coalesce=True, nulls_equal=True)
        )
    assert side is not None
    best = pl.min_horizontal(f"{n}_rank_best" for n in names)
    worst = pl.max_horizontal(f"{n}_rank_worst" for n in names)
    out = side.with_columns(rank_spread=worst - best).sort("year", "family", "region_code")
    return back(out)  # type: ignore[no-any-return]
