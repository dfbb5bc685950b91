"""The figures of the "Toward a composite" page, recomputed from the observations."""

from __future__ import annotations

import polars as pl
import pytest

from fazhi_stats import load_documents, load_observations
from fazhi_stats.plots import panel_cells, plot_panel_coverage
from fazhi_stats.study.composite import CompositeFacts, composite_facts
from fazhi_stats.study.facts import load_study


@pytest.fixture(scope="module")
def facts() -> CompositeFacts:
    study = load_study()
    return composite_facts(study.observations, study.documents, settings=study.settings)


def test_panel_figures_match_the_observations(facts: CompositeFacts) -> None:
    obs = load_observations()
    actual = obs.filter(pl.col("kind") == "actual")
    assert facts.n_regions == actual["region_code"].n_unique()
    assert facts.years == sorted(actual["year"].unique().to_list())
    assert facts.n_indicators == actual["indicator_id"].n_unique()
    assert facts.n_rows == actual.select("region_code", "year", "indicator_id").unique().height
    repeated = (
        actual.group_by("region_code", "year", "indicator_id").len().filter(pl.col("len") > 1)
    )
    assert facts.n_disagreements == repeated.height
    assert facts.excluded("kind not selected") == obs.filter(pl.col("kind") != "actual").height


def test_a_single_region_cannot_be_ranked_and_the_refusal_says_so(facts: CompositeFacts) -> None:
    assert facts.n_regions == 1 and not facts.ranking_possible
    assert facts.refusal == f"year {facts.years[0]}: 1 region in this year: nothing to rank against"
    assert facts.n_scored == 0
    assert facts.score_notes() == {"a single value in its group: no spread": facts.n_rows}


def test_targets_share_no_indicator_across_regions_in_a_year(facts: CompositeFacts) -> None:
    cells = facts.targets.select("region_code", "year", "indicator_id")
    shared = cells.group_by("year", "indicator_id").agg(n=pl.col("region_code").n_unique())
    per_year = shared.group_by("year").agg(n_shared=(pl.col("n") >= 2).sum())
    assert facts.max_shared_targets == per_year["n_shared"].max()
    assert facts.n_target_regions == cells["region_code"].n_unique()


def test_per_document_rows_add_up(facts: CompositeFacts) -> None:
    docs = facts.documents
    assert docs.height == load_documents().height
    assert docs["n_observations"].sum() == load_observations().height
    cited = facts.achievements["document_ids"].str.split(";").list.len().sum()
    assert docs["achievement_rows"].sum() == cited


def test_panel_coverage_plot(facts: CompositeFacts, backend) -> None:
    cells = panel_cells(backend.frame(facts.targets))
    assert cells["n_indicators"].sum() == facts.n_target_rows
    fig = plot_panel_coverage({"a": backend.frame(facts.achievements), "b": facts.targets})
    texts = {t.get_text() for ax in fig.axes for t in ax.texts}
    assert f"{facts.n_rows} (0)" in texts
