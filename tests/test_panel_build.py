"""build_panel: interval values, natural bounds, duplicates, exclusions, both backends."""

from __future__ import annotations

import polars as pl
import pytest
from panel_data import observation

from fazhi_stats import build_panel, load_observations
from fazhi_stats.errors import DataError
from fazhi_stats.panel import panel_exclusions


@pytest.fixture(scope="module")
def study_observations() -> pl.DataFrame:
    return load_observations()


def test_study_panel_has_one_row_per_cell_with_its_ids(
    study_observations: pl.DataFrame, backend
) -> None:
    panel = backend.result(build_panel(backend.frame(study_observations)))
    actual = study_observations.filter(pl.col("kind") == "actual")
    assert panel.select(pl.struct("region_code", "year", "indicator_id").is_unique().all()).item()
    assert panel["n_observations"].sum() == actual.height
    ids = set(panel["observation_ids"].str.split(";").explode().to_list())
    assert ids == set(actual["observation_id"].to_list())


def test_a_duplicate_keeps_both_ids_and_flags_disagreement(backend) -> None:
    obs = pl.DataFrame(
        [
            observation("a/1", "350902", 2020, "reconsideration_pending_count", value_std=2.0),
            observation("b/1", "350902", 2020, "reconsideration_pending_count", value_std=22.0),
            observation(
                "b/2", "350902", 2020, "disputes_screened_count", comparator="ge", value_std=5.0
            ),
            observation(
                "c/1", "350902", 2020, "disputes_screened_count", comparator="gt", value_std=5.0
            ),
        ]
    )
    panel = backend.result(build_panel(backend.frame(obs))).sort("indicator_id")
    ge, pending = panel.iter_rows(named=True)
    assert (pending["value_lower"], pending["value_upper"]) == (2.0, 22.0)
    assert (pending["observation_ids"], pending["document_ids"]) == ("a/1;b/1", "a;b")
    assert pending["disagreement"] and pending["n_observations"] == 2
    # the hull of [5, +inf) and (5, +inf) is closed at 5: one document allows 5 itself
    assert (ge["value_lower"], ge["lower_open"], ge["value_upper"]) == (5.0, False, None)
    assert ge["disagreement"]


def test_more_than_stays_open_and_unbounded(study_observations: pl.DataFrame) -> None:
    row = (
        build_panel(study_observations)
        .filter(pl.col("indicator_id") == "law_lectures_held_count")
        .row(0, named=True)
    )
    # 举办讲座60余场: more than 60, no upper bound
    assert row["value_lower"] == 60.0 and row["lower_open"]
    assert row["value_upper"] is None and row["upper_open"]


def test_shares_are_cut_to_0_100_and_counts_to_non_negative() -> None:
    obs = pl.DataFrame(
        [
            observation(
                "d/1",
                "350902",
                2020,
                "legality_review_coverage_rate",
                comparator="ge",
                value_std=90.0,
                unit_std="percent",
            ),
            observation(
                "d/2",
                "350902",
                2020,
                "normative_documents_issued_count",
                comparator="le",
                value_std=5.0,
            ),
        ]
    )
    panel = build_panel(obs).sort("indicator_id")
    share, count = panel.row(0, named=True), panel.row(1, named=True)
    assert (share["value_lower"], share["value_upper"], share["upper_open"]) == (90.0, 100.0, False)
    assert (count["value_lower"], count["value_upper"], count["lower_open"]) == (0.0, 5.0, False)


def test_approx_uses_the_given_tolerance() -> None:
    obs = pl.DataFrame(
        [
            observation(
                "d/1",
                "350902",
                2020,
                "disputes_screened_count",
                comparator="approx",
                value_std=100.0,
            )
        ]
    )
    row = build_panel(obs, approx_tolerance=0.1).row(0, named=True)
    assert row["value_lower"] == pytest.approx(90.0) and row["value_upper"] == pytest.approx(110.0)
    assert row["approx_tolerance"] == 0.1


def test_duplicates_can_be_refused() -> None:
    obs = pl.DataFrame(
        [
            observation("a/1", "350902", 2020, "disputes_screened_count", value_std=3.0),
            observation("b/1", "350902", 2020, "disputes_screened_count", value_std=4.0),
        ]
    )
    with pytest.raises(DataError) as info:
        build_panel(obs, duplicates="error")
    message = str(info.value)
    assert "observation a/1" in message and "observation b/1" in message
    assert "reported twice" in message


def test_periods_expand_only_when_asked_and_class_hours_are_recorded(
    study_observations: pl.DataFrame,
) -> None:
    plain = build_panel(study_observations, kinds=("target",))
    assert "420625" not in plain["region_code"].to_list()  # Gucheng's targets span 2014–2016
    expanded = build_panel(
        study_observations, kinds=("target",), expand_periods=True, class_hour_minutes=45
    )
    hours = expanded.filter(pl.col("indicator_id") == "enforcement_staff_training_hours_per_year")
    assert hours["year"].to_list() == [2014, 2015, 2016]
    assert hours["class_hour_minutes"].to_list() == [45.0] * 3
    assert hours["value_lower"].to_list() == [30.0] * 3  # 40 学时 × 45 min = 30 h


def test_exclusions_say_why(study_observations: pl.DataFrame) -> None:
    out = panel_exclusions(study_observations, kinds=("target",))
    reasons = dict(out.group_by("reason").len().iter_rows())
    assert (
        reasons["kind not selected"] == study_observations.filter(pl.col("kind") != "target").height
    )
    assert reasons["no region"] == 1  # the bureau plan of unknown region
    assert reasons["no single year"] > 0
    built = build_panel(study_observations, kinds=("target",))
    targets = study_observations.filter(pl.col("kind") == "target").height
    assert (
        built["n_observations"].sum() + reasons["no region"] + reasons["no single year"] == targets
    )


def test_observations_in_another_unit_are_refused() -> None:
    obs = pl.DataFrame(
        [
            observation(
                "d/1", "350902", 2020, "mediation_success_rate", value_std=99.0, unit_std="count"
            )
        ]
    )
    with pytest.raises(DataError, match="mediation_success_rate is measured in percent"):
        build_panel(obs)


def test_duplicate_observation_ids_are_refused() -> None:
    obs = pl.DataFrame(
        [
            observation("d/1", "350902", 2020, "disputes_screened_count"),
            observation("d/1", "350902", 2020, "disputes_mediated_count"),
            observation("d/2", "350902", 2020, "disputes_resolved_count"),
        ]
    )
    with pytest.raises(DataError) as info:
        build_panel(obs)
    assert str(info.value).count("observation d/1: duplicate observation_id") == 2
    assert "d/2" not in str(info.value)
