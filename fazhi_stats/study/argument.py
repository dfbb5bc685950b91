"""The study's argument, computed: what its documents allow it to conclude, and what they do not.

Five parts, each from the processed tables: how many tests of a region against its own targets
the documents allow (an achievement and the same region's target for the same period); what the
cross-region benchmarks show, and how far apart their years are; how the plans compare on
specificity (commitments, and the shares quantified, dated, with a responsible unit, hedged);
what the reports show about their own consistency; and which documents would close each gap
(:mod:`fazhi_stats.study.calendar`). :mod:`fazhi_stats.study.prose` turns them into sentences.

>>> from fazhi_stats.study import load_study                         # doctest: +SKIP
>>> argument = study_argument(load_study())                         # doctest: +SKIP
>>> argument.own.n_tests, argument.benchmarks.n                      # doctest: +SKIP
(0, 8)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fazhi_stats.study.calendar import ReportingGaps, missing_documents

if TYPE_CHECKING:
    import polars as pl

    from fazhi_stats.study.facts import Study

#: Statuses that judge an achievement against a target (the intervals decide, or say they
#: cannot).
JUDGED = ("met", "not_met", "indeterminate")
OWN_SAME_PERIOD = "own_target_same_period"
BENCHMARK = "cross_region_benchmark"
PLAN_FLAGS = ("quantified", "dated", "responsible_unit", "hedged")


def _count(frame: pl.DataFrame, column: str) -> dict[str, int]:
    if frame.height == 0:
        return {}
    counts = frame.group_by(column).len().sort(column, nulls_last=True)
    return {str(k): int(n) for k, n in counts.iter_rows() if k is not None}


@dataclass(frozen=True)
class OwnTargets:
    """Comparisons of a region's achievements with its own targets."""

    tests: pl.DataFrame  # same period, judged: these are tests
    baselines: pl.DataFrame  # today's value against the region's target for a later year
    other_periods: pl.DataFrame  # own targets of earlier or overlapping periods, judged

    @property
    def n_tests(self) -> int:
        return int(self.tests.height)

    @property
    def n_baselines(self) -> int:
        return int(self.baselines.height)

    def by_status(self) -> dict[str, int]:
        return _count(self.tests, "status")


@dataclass(frozen=True)
class _Checked:
    """Rows that each carry a status: how many, and how many of each status."""

    rows: pl.DataFrame

    @property
    def n(self) -> int:
        return int(self.rows.height)

    def by_status(self) -> dict[str, int]:
        return _count(self.rows, "status")


@dataclass(frozen=True)
class Benchmarks(_Checked):
    """Achievements of one region against targets of another: benchmarks, never tests."""

    def by_grade(self, status: str) -> dict[str, int]:
        import polars as pl

        return _count(self.rows.filter(pl.col("status") == status), "grade")

    @property
    def year_gaps(self) -> tuple[int, ...]:
        """The distinct year gaps (target period minus actual period), smallest first."""
        return tuple(sorted({int(g) for g in self.rows["year_gap"].drop_nulls().to_list()}))

    @property
    def n_unknown_gap(self) -> int:
        return int(self.rows["year_gap"].null_count())

    @property
    def n_undated_targets(self) -> int:
        """Benchmarks without a year gap because the target has no period."""
        import polars as pl

        rows = self.rows.filter(pl.col("year_gap").is_null())
        return int(rows.filter(pl.col("target_period_start").is_null()).height)

    def regions(self, side: str) -> tuple[str | None, ...]:
        """Region codes of the ``actual`` or ``target`` side, in first-seen order."""
        return tuple(dict.fromkeys(self.rows[f"{side}_region_code"].to_list()))


@dataclass(frozen=True)
class PlanProfiles:
    """Commitments of each region's plans: counts and shares, with intervals."""

    profile: pl.DataFrame  # fazhi_stats.compare.commitments.commitment_profile by region

    @property
    def regional(self) -> pl.DataFrame:
        """The profiles of regions with a code (a document of unknown region is shown, but not
        compared as a region's plan)."""
        return self.profile.filter(self.profile["region_code"].is_not_null())

    @property
    def n_regions(self) -> int:
        return int(self.regional.height)

    @property
    def n_commitments(self) -> int:
        """Commitments of the regions' plans (documents of unknown region left out)."""
        return int(self.regional["n_commitments"].sum()) if self.regional.height else 0

    def extremes(self, flag: str) -> tuple[dict[str, Any], dict[str, Any]] | None:
        """The rows with the lowest and the highest share of ``flag`` (None without plans);
        among equal shares, the one whose interval is the most certain of it."""
        regional = self.regional
        if regional.height == 0:
            return None
        share, lower, upper = f"share_{flag}", f"share_{flag}_lower", f"share_{flag}_upper"
        low = regional.sort(share, upper, "region_code").row(0, named=True)
        high = regional.sort(share, lower, "region_code").row(-1, named=True)
        return low, high

    def separation(self, flag: str) -> float:
        """How far apart the intervals of the lowest and the highest share are, in percentage
        points (negative: they overlap, and the plans cannot be told apart on ``flag``)."""
        ends = self.extremes(flag)
        if ends is None:
            return float("-inf")
        low, high = ends
        return float(high[f"share_{flag}_lower"] - low[f"share_{flag}_upper"])

    def separated(self, flag: str) -> bool:
        """Whether the lowest and highest shares' intervals do not overlap."""
        return self.separation(flag) > 0

    def clearest(self) -> str | None:
        """The flag on which the regions' plans differ most clearly (the widest separation)."""
        if self.regional.height == 0:
            return None
        return max(PLAN_FLAGS, key=self.separation)


@dataclass(frozen=True)
class SelfConsistency(_Checked):
    """The checks of each report's figures against each other."""

    def by_check(self, status: str | None = None) -> dict[str, int]:
        import polars as pl

        rows = self.rows if status is None else self.rows.filter(pl.col("status") == status)
        return _count(rows, "check")

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.rows["document_id"].to_list()))


@dataclass(frozen=True)
class Argument:
    """The five parts of the study's argument."""

    own: OwnTargets
    benchmarks: Benchmarks
    plans: PlanProfiles
    consistency: SelfConsistency
    gaps: ReportingGaps
    regions: tuple[str, ...]  # region codes in the study's order
    n_documents: int
    n_reports: int


def study_regions(study: Study) -> tuple[str, ...]:
    """The study's regions in its order: ``study.yml``'s (with or without documents yet), then
    any other region of its documents (by code)."""
    found = sorted(set(study.documents["region_code"].drop_nulls().to_list()))
    return tuple(dict.fromkeys([*study.config.regions, *found]))


def _ordered(frame: pl.DataFrame, regions: Sequence[str]) -> pl.DataFrame:
    import polars as pl

    order = {code: i for i, code in enumerate(regions)}
    return (
        frame.with_columns(_order=pl.col("region_code").replace_strict(order, default=len(order)))
        .sort("_order", "region_code", nulls_last=True)
        .drop("_order")
    )


def plan_profiles(study: Study, regions: Sequence[str] = ()) -> PlanProfiles:
    """:func:`~fazhi_stats.compare.commitments.commitment_profile` per region, in the study's
    region order (commitments of an unknown region last)."""
    from fazhi_stats.compare.commitments import commitment_profile

    profile = commitment_profile(study.commitments, by=("region_code",), settings=study.settings)
    return PlanProfiles(_ordered(profile, regions or study_regions(study)))


def study_argument(study: Study) -> Argument:
    """Every part of the argument, from ``study``'s processed tables."""
    import polars as pl

    regions = study_regions(study)
    att = study.attainment
    with_target = att.filter(pl.col("target_observation_id").is_not_null())
    own = with_target.filter(pl.col("relation").str.starts_with("own_target"))
    tests = own.filter(
        (pl.col("relation") == OWN_SAME_PERIOD) & pl.col("status").is_in(list(JUDGED))
    )
    others = own.filter(
        (pl.col("relation") != OWN_SAME_PERIOD) & pl.col("status").is_in(list(JUDGED))
    )
    return Argument(
        own=OwnTargets(tests, own.filter(pl.col("status") == "baseline"), others),
        benchmarks=Benchmarks(with_target.filter(pl.col("relation") == BENCHMARK)),
        plans=plan_profiles(study, regions),
        consistency=SelfConsistency(study.consistency),
        gaps=missing_documents(study.documents, regions=regions),
        regions=regions,
        n_documents=study.n_documents,
        n_reports=study.n_doc_kind("report"),
    )
