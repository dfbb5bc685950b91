"""Tables: every number links to its sentence and carries its quote, quotes are escaped, the
HTML is stable, the tables read their columns from the schemas."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("great_tables")

import polars as pl

from fazhi_stats import load_documents, load_observations, load_table
from fazhi_stats.errors import DataError
from fazhi_stats.study.formatting import num as number_text
from fazhi_stats.study.links import SiteLinks
from fazhi_stats.tables import (
    Source,
    sourced,
    table_ambition,
    table_attainment,
    table_codebook,
    table_consistency,
    table_coverage,
    table_documents,
    table_downloads,
    table_gaps,
    table_html,
    table_milestones,
    table_observations,
    table_plan_profiles,
    table_proportions,
    table_statuses,
)
from fazhi_stats.tables._build import written_text

REPO = Path(__file__).resolve().parents[1]
PROCESSED = REPO / "data" / "processed"
SCRIPT = '<script>alert("x")</script> & "quoted"'


@pytest.fixture(scope="module")
def observations() -> Any:
    return load_observations(PROCESSED)


def _html(table: Any) -> str:
    return str(table.as_raw_html())


def test_every_observation_number_links_to_its_sentence(observations: Any, backend: Any) -> None:
    page = _html(table_observations(backend.frame(observations), links=SiteLinks("../")))
    for row in observations.iter_rows(named=True):
        tooltip = html.escape(f"{row['document_id']}: {row['quote']}", quote=True)
        assert f'title="{tooltip}"' in page, row["observation_id"]  # the cell's tooltip
        href = f"../reports/sources/{row['document_id']}.html#{row['observation_id']}"
        assert f'href="{html.escape(href, quote=True)}"' in page, row["observation_id"]
    assert page.count('class="fz-sourced"') == observations.height
    # the indicator links to its registry entry, the region to its profile
    assert 'href="../reports/registry.html#indicator-disputes_resolved_count"' in page
    assert 'href="../reports/regions/unknown.html"' in page


def test_a_table_checks_its_input_against_the_schema(observations: Any) -> None:
    with pytest.raises(DataError, match=r"table_observations.*missing column\(s\) quote"):
        table_observations(observations.drop("quote"))


def test_a_script_in_a_quote_is_inert(observations: Any) -> None:
    hostile = observations.head(2).with_columns(quote=pl.lit(SCRIPT), scope=pl.lit("<b>scope</b>"))
    page = _html(table_observations(hostile))
    assert "<script>" not in page and "<b>scope</b>" not in page
    assert html.escape(SCRIPT) in page  # shown, as text
    assert 'title="' + html.escape(f"{hostile['document_id'][0]}: {SCRIPT}", quote=True) in page
    assert "<script>" not in sourced(SCRIPT, Source("d", SCRIPT, "d/x/1"), SiteLinks())


def test_attainment_cells_link_both_quotes(observations: Any) -> None:
    attainment = load_table("attainment", PROCESSED)
    page = _html(table_attainment(attainment, observations))
    paired = attainment.filter(
        pl.col("status").is_in(["met", "not_met", "indeterminate", "baseline", "not_comparable"])
    )
    quotes = dict(zip(observations["observation_id"], observations["quote"], strict=True))
    for row in paired.iter_rows(named=True):
        for side in ("actual", "target"):
            assert html.escape(quotes[row[f"{side}_observation_id"]]) in page
    assert "范围更宽 / broader" in page
    # a cross-region pair says it is a benchmark, with its year gap; an own later target is a
    # baseline
    for row in paired.filter(pl.col("relation") == "cross_region_benchmark").iter_rows(named=True):
        assert "(benchmark)" in page
        if row["year_gap"] is not None:
            assert f">{row['year_gap']:+d}<" in page
    assert ("基线 / baseline" in page) == (paired["status"] == "baseline").any()
    unmatched = _html(table_attainment(attainment, observations, statuses=("no_actual",)))
    assert "无对应实绩 / no actual" in unmatched


def test_consistency_and_proportions_show_their_counts(observations: Any) -> None:
    consistency = load_table("consistency", PROCESSED)
    page = _html(table_consistency(consistency, observations))
    obs = load_observations(PROCESSED)
    by_id = {r["observation_id"]: r for r in obs.iter_rows(named=True)}
    text = html.unescape(page)
    for row in consistency.iter_rows(named=True):
        assert row["arithmetic"].split("\n")[0][:20] in text
        if row["numerator"] is not None:
            assert number_text(row["numerator"]) in page
        for obs_id in row["observation_ids"].split(";"):
            o = by_id[obs_id]  # each figure as written, its unit too: 2.73万件, not 2.73
            unit = "%" if o["unit_std"] == "percent" else o["unit"] or ""
            assert f">{number_text(o['value'])}{unit}<" in text, obs_id
    proportions = load_table("proportions", PROCESSED)
    page = _html(table_proportions(proportions, observations))
    for k, n in proportions.select("successes", "trials").unique().iter_rows():
        assert f">{number_text(k)}<" in page and f">{number_text(n)}<" in page
    assert "Clopper–Pearson 95%" in page


def test_ambition_table_quotes_every_target() -> None:
    ambition = load_table("ambition", PROCESSED)
    page = _html(table_ambition(ambition))
    for quote in ambition["quote"]:
        assert html.escape(quote) in page
    assert page.count('class="fz-sourced"') == ambition.height


def test_codebook_lists_every_column_of_the_data_package() -> None:
    descriptor = json.loads((PROCESSED / "datapackage.json").read_text(encoding="utf-8"))
    page = _html(table_codebook(descriptor))
    for resource in descriptor["resources"]:
        for field in resource.get("schema", {}).get("fields", []):
            assert f">{html.escape(field['name'])}<" in page, (resource["name"], field["name"])


def test_downloads_link_every_file() -> None:
    descriptor = json.loads((PROCESSED / "datapackage.json").read_text(encoding="utf-8"))
    page = _html(table_downloads(descriptor, base="../data/processed/"))
    for resource in descriptor["resources"]:
        assert f'href="../data/processed/{resource["path"]}"' in page
    assert 'href="../data/processed/datapackage.json"' in page


def test_documents_table_names_every_document() -> None:
    documents = load_documents(PROCESSED)
    page = _html(table_documents(documents))
    for title in documents["title_zh"]:
        assert html.escape(title) in page


def test_tables_render_the_same_html_twice(observations: Any) -> None:
    a = table_html(table_observations(observations), title="t")
    b = table_html(table_observations(observations), title="t")
    assert a == b
    assert a.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in a


def test_a_sourced_cell_links_to_the_anchor_of_its_sentence() -> None:
    cell = sourced("4", Source("doc-a", "甲<乙", "doc-a/x/1"), SiteLinks("../../"))
    assert cell == (
        '<a class="fz-sourced" href="../../reports/sources/doc-a.html#doc-a/x/1" '
        'title="doc-a: 甲&lt;乙">4</a>'
    )
    assert sourced("<4>", None, SiteLinks()) == "&lt;4&gt;"


def test_number_and_written_text() -> None:
    assert number_text(487000000.0) == "487,000,000"
    assert number_text(99.7) == "99.7"
    assert number_text(None) == "–"
    row = {"comparator": "ge", "value": 40.0, "unit": "学时", "per": "year"}
    assert written_text(row) == "每年≥40学时"
    assert written_text({"comparator": "eq", "value": 3.0, "value_upper": 4.0, "unit": "个"}) == (
        "3–4个"
    )


def test_coverage_table_counts_by_family_and_kind(observations: Any) -> None:
    documents = load_documents(PROCESSED)
    page = _html(table_coverage(observations, documents))
    assert "调解 / Mediation" in page and "合计：目标 / target" in page
    for doc_id in documents["document_id"]:
        actual = observations.filter(
            (pl.col("document_id") == doc_id) & (pl.col("kind") == "actual")
        ).height
        if actual:
            assert f">{actual}<" in page


def test_gaps_table_names_each_region_and_its_evidence(observations: Any) -> None:
    families = ("mediation", "court_appearance", "online_services", "training")
    page = _html(table_gaps(observations, load_documents(PROCESSED), families=families))
    from fazhi_stats.labels import region_label

    for code in load_documents(PROCESSED)["region_code"].unique():
        assert html.escape(region_label(code, short=True)) in page
    assert "achievements only" in page and "targets only" in page


def test_milestones_table_links_every_deadline_to_its_quote() -> None:
    milestones = load_table("milestones", PROCESSED)
    page = _html(table_milestones(milestones))
    assert page.count('class="fz-sourced"') == milestones.height
    for quote in milestones["quote"].unique():
        assert html.escape(quote) in page


def test_statuses_table_is_the_vocabulary_with_its_rules_and_counts() -> None:
    from fazhi_stats.vocabulary import CHECK_STATUSES, STATUSES

    attainment = load_table("attainment", PROCESSED)
    consistency = load_table("consistency", PROCESSED)
    page = html.unescape(_html(table_statuses(attainment, consistency)))
    for vocabulary in (STATUSES, CHECK_STATUSES):
        for term in vocabulary.terms:
            assert term.description and term.description in page, term.id
            assert f">{term.id}<" in page
            assert f"{term.zh} / {term.en}" in page
    assert "benchmark" in page


def test_plan_profiles_table_gives_counts_shares_and_intervals() -> None:
    from fazhi_stats.compare.commitments import commitment_profile

    commitments = load_table("commitments", PROCESSED)
    profile = commitment_profile(commitments, by=("region_code",))
    page = _html(table_plan_profiles(profile))
    for row in profile.iter_rows(named=True):
        share = f"{row['share_dated']:.1f}%"
        interval = f"[{row['share_dated_lower']:.1f}–{row['share_dated_upper']:.1f}]"
        assert f"{row['n_dated']} · {share} {interval}" in page


def test_a_standalone_table_page_links_back_and_says_when_it_is_empty() -> None:
    from great_tables import GT

    from fazhi_stats.tables import table_html

    links = (("../../index.html", "首页 / Home"),)
    empty = table_html(GT(pl.DataFrame({"a": []})), title="空 / Empty", links=links)
    assert '<nav><a href="../../index.html">首页 / Home</a></nav>' in empty
    assert "<h1>空 / Empty</h1>" in empty
    assert "This table has no rows" in empty
    full = table_html(GT(pl.DataFrame({"a": [1]})), title="满 / Full")
    assert "This table has no rows" not in full
    assert "<nav>" not in full


def test_an_unclassified_number_shows_its_label(observations: Any) -> None:
    first = observations["observation_id"][0]
    is_first = pl.col("observation_id") == first
    obs = observations.with_columns(
        pl.when(is_first).then(None).otherwise(pl.col("indicator_id")).alias("indicator_id"),
        pl.when(is_first)
        .then(pl.lit("重大行政合同"))
        .otherwise(pl.col("indicator_name_zh"))
        .alias("indicator_name_zh"),
    )
    page = _html(table_observations(obs, links=SiteLinks("../")))
    assert "重大行政合同（未归类 / unclassified）" in page
    assert page.count("未归类 / unclassified") == 1
