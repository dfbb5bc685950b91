"""Intervals for proportions: checked against formulas and tail probabilities, not the code."""

from __future__ import annotations

import math
from statistics import NormalDist
from typing import TYPE_CHECKING, Any

import polars as pl
import pytest
from scipy.special import betainc
from scipy.stats import binom

import fazhi_stats
from fazhi_stats.compare.proportions import proportion_interval, small_count_reasons
from fazhi_stats.errors import FazhiError
from fazhi_stats.project import Project
from fazhi_stats.settings import Settings

if TYPE_CHECKING:
    from conftest import FrameBackend


def wilson(k: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson's score interval, straight from the textbook formula."""
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    p = k / n
    centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
    half = (z / (1 + z**2 / n)) * math.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
    return centre - half, centre + half


def test_wilson_matches_the_formula() -> None:
    for k, n in ((2447, 2454), (3, 10), (0, 5), (50, 100)):
        expected = wilson(k, n)
        assert proportion_interval(k, n) == pytest.approx(expected, abs=1e-12)
    assert proportion_interval(2447, 2454, confidence=0.9) == pytest.approx(wilson(2447, 2454, 0.9))


def test_clopper_pearson_bounds_have_the_binomial_tail_probabilities() -> None:
    k, n = 2447, 2454
    lower, upper = proportion_interval(k, n, method="clopper_pearson")
    assert binom.sf(k - 1, n, lower) == pytest.approx(0.025, rel=1e-6)  # P(X ≥ k | lower)
    assert binom.cdf(k, n, upper) == pytest.approx(0.025, rel=1e-6)  # P(X ≤ k | upper)
    assert proportion_interval(0, 10, method="clopper_pearson")[0] == 0.0
    assert proportion_interval(10, 10, method="clopper_pearson")[1] == 1.0


def test_jeffreys_bounds_are_posterior_quantiles() -> None:
    k, n = 3, 10
    lower, upper = proportion_interval(k, n, method="jeffreys")
    assert betainc(k + 0.5, n - k + 0.5, lower) == pytest.approx(0.025)
    assert betainc(k + 0.5, n - k + 0.5, upper) == pytest.approx(0.975)
    assert proportion_interval(0, 10, method="jeffreys")[0] == 0.0
    assert proportion_interval(10, 10, method="jeffreys")[1] == 1.0


def test_intervals_nest_as_expected() -> None:
    cp = proportion_interval(3, 10, method="clopper_pearson")
    jeffreys = proportion_interval(3, 10, method="jeffreys")
    assert cp[0] < jeffreys[0] < 0.3 < jeffreys[1] < cp[1]  # Clopper–Pearson is the widest


def test_small_count_warnings() -> None:
    assert small_count_reasons(2447, 2454) == []
    assert small_count_reasons(3, 10) == ["n = 10 < 30", "n·p = 3 < 5"]
    assert small_count_reasons(98, 100) == ["n·(1−p) = 2 < 5"]


def test_bad_arguments() -> None:
    with pytest.raises(FazhiError, match="0 ≤ successes ≤ trials"):
        proportion_interval(5, 4)
    with pytest.raises(FazhiError, match="unknown method"):
        proportion_interval(1, 4, method="wald")  # type: ignore[arg-type]
    with pytest.raises(FazhiError, match="confidence"):
        fazhi_stats.proportion_intervals(pl.DataFrame(), settings=Settings(confidence_level=95))


def test_mediation_and_exam_intervals_from_the_study(repo: Project, backend: FrameBackend) -> None:
    obs = fazhi_stats.load_observations(repo.root, backend=backend.name)  # type: ignore[arg-type]
    table = backend.result(fazhi_stats.proportion_intervals(obs))
    mediation = table.filter(
        (pl.col("rate_indicator_id") == "mediation_success_rate") & (pl.col("method") == "wilson")
    ).row(0, named=True)
    lower, upper = wilson(2447, 2454)
    assert (mediation["successes"], mediation["trials"], mediation["counts_source"]) == (
        2447,
        2454,
        "reported",
    )
    assert (mediation["rate"], mediation["reported_rate"], mediation["confidence"]) == (
        99.714751,
        99.7,
        0.95,
    )
    assert mediation["lower"] == pytest.approx(100 * lower, abs=1e-6)
    assert mediation["upper"] == pytest.approx(100 * upper, abs=1e-6)
    assert mediation["small_count_warning"] is False
    exam = table.filter(pl.col("rate_indicator_id") == "law_exam_participation_rate")
    assert sorted(exam["method"]) == ["clopper_pearson", "jeffreys", "wilson"]
    assert set(exam["trials"]) == {3631} and set(exam["counts_source"]) == {"implied_denominator"}
    assert exam["denominator_observation_id"].null_count() == 3
    without = backend.result(
        fazhi_stats.proportion_intervals(obs, implied=False, methods=["wilson"])
    )
    assert without["rate_indicator_id"].to_list() == ["mediation_success_rate"]


def _counts(resolved: float, mediated: float) -> pl.DataFrame:
    rows: list[dict[str, Any]] = [
        {
            "observation_id": f"r/{i}",
            "document_id": "r",
            "year": 2020,
            "indicator_id": ind,
            "kind": "actual",
            "comparator": "eq",
            "value_std": v,
            "unit_std": "count",
        }
        for i, (ind, v) in enumerate(
            (("disputes_resolved_count", resolved), ("disputes_mediated_count", mediated))
        )
    ]
    return pl.DataFrame(rows)


def test_small_and_contradictory_counts_are_flagged(backend: FrameBackend) -> None:
    small = backend.result(
        fazhi_stats.proportion_intervals(backend.frame(_counts(3, 10)), methods=["clopper_pearson"])
    )
    row = small.row(0, named=True)
    assert (row["small_count_warning"], row["warning"]) == (True, "n = 10 < 30; n·p = 3 < 5")
    assert row["lower"] == pytest.approx(
        100 * proportion_interval(3, 10, method="clopper_pearson")[0], abs=1e-6
    )
    contradictory = backend.result(fazhi_stats.proportion_intervals(backend.frame(_counts(12, 10))))
    assert contradictory.height == 3
    assert contradictory["lower"].null_count() == 3
    assert set(contradictory["warning"]) == {
        "numerator 12 exceeds denominator 10: no interval (see consistency.csv)"
    }
