"""Sentences that count: a study of only unclassified numbers (three real reports, the
extractor's drafts accepted as they are) and the repository's study, where counts of zero and
one, undated targets and pairs with a missing side must read correctly and agree with the
tables they describe."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("great_tables")

from unclassified_study import build_unclassified_study

from fazhi_stats.study.facts import load_study
from fazhi_stats.study.page import StudyPage

REPO = Path(__file__).resolve().parents[1]


def _rows(root: Path, name: str) -> list[dict[str, str]]:
    with (root / "data" / "processed" / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _plain(text: str) -> str:
    """Markdown without its links: ``[3](x.html)`` → ``3``."""
    return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", str(text)).replace("\\", "")


@pytest.fixture(scope="module")
def unclassified(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StudyPage]:
    root = build_unclassified_study(tmp_path_factory.mktemp("unclassified") / "three-reports")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(root)  # the study's own region registry names its regions
        yield StudyPage(load_study(root))


@pytest.fixture(scope="module")
def main_study() -> StudyPage:
    return StudyPage(load_study(REPO))


# -- the study of unclassified numbers ---------------------------------------------------------


def test_every_number_of_the_new_study_is_unclassified(unclassified: StudyPage) -> None:
    rows = _rows(unclassified.study.root, "observations.csv")
    assert rows and all(r["indicator_id"] == "" for r in rows)
    assert unclassified.study.n_unclassified == len(rows)


def test_extraction_is_not_scored_against_the_extractors_own_drafts(
    unclassified: StudyPage, main_study: StudyPage
) -> None:
    text = unclassified.extraction()
    assert "no curated observation exists to measure it against" in text
    assert "precision" not in text
    assert "precision" in main_study.extraction()  # curated annotations: a real score


def test_the_development_sets_figures_are_the_tables(
    unclassified: StudyPage, main_study: StudyPage
) -> None:
    table = main_study.study.root / "reports" / "tables" / "extraction_quality_development.csv"
    with table.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[-1]["document_id"] == "all"
    text = _plain(main_study.extraction())
    total = rows[-1]
    assert f"On {len(rows) - 1} real texts of other governments" in text
    assert f"{total['annotations']} claims), the extractor proposed {total['claims']}" in text
    assert f"recall {float(total['recall']):.2f}, kind accuracy" in text
    assert f"family accuracy {float(total['family_accuracy']):.2f}" in text
    assert "not held-out quality" in text
    assert "real texts of other governments" not in unclassified.extraction()  # it has none


def test_headlines_say_how_many_numbers_are_unclassified(unclassified: StudyPage) -> None:
    n = unclassified.study.n_observations
    assert f"Of the study's {n} numbers, all are unclassified" in _plain(
        unclassified.headline("en")
    )
    assert f"{n} 个数字中全部未归类" in _plain(unclassified.headline("zh"))
    assert "all of them unclassified (未归类" in unclassified.glance()
    coverage = _plain(unclassified.answer("coverage", "en"))
    assert f"its {n} numbers, all of them unclassified" in coverage


def test_the_composite_page_gives_the_reason_from_the_data(unclassified: StudyPage) -> None:
    from fazhi_stats.study.composite_page import CompositePage

    page = CompositePage(unclassified.study)
    actual = sum(1 for r in _rows(page.study.root, "observations.csv") if r["kind"] == "actual")
    reason = f"none of the {actual} achievements is classified"
    assert reason in page.refusal("en") and reason in page.panel("en")
    assert "no report yet" not in page.refusal("en")
    assert reason in str(page.panel_table())  # a sentence, not a header-only table
    assert "shape:" not in str(page.readiness_table())
    assert reason in unclassified.answer("composite", "en")


@pytest.mark.parametrize("table", ["attainment", "unmatched", "untested"])
def test_empty_comparison_tables_say_why(unclassified: StudyPage, table: str) -> None:
    text = str(unclassified.table(table))
    assert "No number is classified" in text and "nothing is compared" in text
    assert "<table" not in text


def test_gaps_count_the_families_of_the_data(unclassified: StudyPage) -> None:
    families = {r["family"] for r in _rows(unclassified.study.root, "observations.csv")}
    gaps = _plain(unclassified.answer("gaps", "en"))
    assert f"In the {len(families)} families its numbers fall in" in gaps
    assert f"in {len(families)} indicator families" in _plain(unclassified.answer("coverage", "en"))
    assert "Since 2019, annual reports" not in gaps  # only plans are missing
    assert "<table" in unclassified.table("gaps").as_raw_html()


def test_limitations_omit_empty_subjects(unclassified: StudyPage) -> None:
    text = unclassified.limitations("en")
    for absent in (
        "targets only",
        "up to 0 years",
        "0 commitments",
        "0 deadlines",
        "0 hedged",
        "documents name",
    ):
        assert absent not in text, absent
    assert "12 numbers have no registry indicator" in text


def test_timeline_and_plans_for_a_study_without_targets_or_plans(
    unclassified: StudyPage,
) -> None:
    timeline = unclassified.answer("timeline", "en")
    assert "The study holds no target;" in timeline and "–" not in timeline
    assert "本研究没有目标" in unclassified.answer("timeline", "zh")
    assert "The study holds no plans" in unclassified.part("plans", "en")
    assert "本研究没有计划类文件" in unclassified.part("plans", "zh")
    assert "The study holds no plans" in str(unclassified.table("plans"))
    # where the prose above it says so already, the empty table says nothing more
    assert str(unclassified.table("plans", explained=True)) == ""


def test_findings_name_an_unclassified_number_by_its_label(unclassified: StudyPage) -> None:
    rows = _rows(unclassified.study.root, "observations.csv")
    findings = unclassified.findings()
    for row in rows:
        assert f"{row['indicator_name_zh']} (unclassified)" in _plain(findings), row
    assert "9份 重大行政合同 (unclassified)" in _plain(findings) or not any(
        r["value"] == "9" for r in rows
    )


def test_the_conclusion_names_the_kinds_missing_and_links_the_list(
    unclassified: StudyPage,
) -> None:
    text = unclassified.headline("en")
    assert "missing plans, listed on [the gaps page](analysis/06-gaps.html)" in text
    assert "annual reports" not in text and "listed below" not in text


# -- the repository's study --------------------------------------------------------------------


def test_benchmark_headline_counts_undated_targets_and_every_status(
    main_study: StudyPage,
) -> None:
    rows = [
        r
        for r in _rows(REPO, "attainment.csv")
        if r["relation"] == "cross_region_benchmark" and r["target_observation_id"]
    ]
    dated = [r for r in rows if r["year_gap"]]
    undated = len(rows) - len(dated)
    gaps = sorted(-int(r["year_gap"]) for r in dated)
    text = _plain(main_study.headline("en"))
    assert undated == 1  # the undated plan of unknown region
    assert (
        f"for {len(dated)} of them, the targets written {gaps[0]}–{gaps[-1]} years before the "
        "achievements; one target is undated" in text
    )
    indeterminate = sum(1 for r in rows if r["status"] == "indeterminate")
    assert f"{indeterminate} are indeterminate, such as" in text
    assert "for one, is" not in text


def test_glance_lists_every_kind_and_the_periods_covered(main_study: StudyPage) -> None:
    rows = _rows(REPO, "observations.csv")
    text = _plain(main_study.glance())
    kinds = {k: sum(1 for r in rows if r["kind"] == k) for k in {r["kind"] for r in rows}}
    assert kinds.get("baseline") == 1
    assert "1 value before the reform (原值)" in text
    assert sum(kinds.values()) == len(rows)
    starts = [int(r["period_start"]) for r in _rows(REPO, "documents.csv") if r["period_start"]]
    ends = [int(r["period_end"]) for r in _rows(REPO, "documents.csv") if r["period_end"]]
    assert f"their periods cover {min(starts)}–{max(ends)}" in text


def test_region_comparisons_are_real_pairs_and_match_the_table(main_study: StudyPage) -> None:
    from fazhi_stats.study.pages import region_page
    from fazhi_stats.study.profiles import profile_regions, profile_summary, region_profile

    pairs = [
        r
        for r in _rows(REPO, "attainment.csv")
        if r["actual_observation_id"] and r["target_observation_id"]
    ]
    s = main_study.study
    for code in profile_regions(s):
        profile = region_profile(s, code)
        mine = [
            r
            for r in pairs
            if (r["actual_region_code"] or None) == code
            or (r["target_region_code"] or None) == code
        ]
        assert profile.comparisons.height == len(mine), code
        page = region_page(s, profile)
        table = page.split("## 对照 / Comparisons", 1)[1].split("## ", 1)[0]
        assert table.count("<tr") - table.count('<tr class="gt_col_headings') >= len(mine)
        ids = {r["actual_observation_id"] for r in mine}
        assert all(i.split("/", 1)[0] in table for i in ids), code
        summary = _plain(profile_summary(s, profile, "en"))
        n = len(mine)
        expected = (
            f"takes part in {n} comparison{'s' if n != 1 else ''}"
            if n
            else "takes part in no comparison"
        )
        assert expected in summary, (code, summary)
    unknown = region_profile(s, None)
    assert unknown.comparisons["actual_observation_id"].null_count() == 0


def test_counts_of_one_read_in_the_singular(main_study: StudyPage) -> None:
    from fazhi_stats.study.profiles import profile_regions, profile_summary, region_profile

    s = main_study.study
    text = " ".join(
        _plain(profile_summary(s, region_profile(s, c), "en")) for c in profile_regions(s)
    )
    text += " " + _plain(main_study.limitations("en"))
    text += " " + _plain(main_study.answer("gaps", "en"))
    for wrong in (
        "1 documents",
        "1 targets",
        "1 work points",
        "1 numbers",
        "1 document name ",
        "and 0 of unknown region",
        "1 comparisons",
    ):
        assert wrong not in text, wrong
    assert "1 document of work points" in text


def test_plain_plural_helpers() -> None:
    from fazhi_stats.study.prose import noun, plural, verb

    assert [plural(n, "document") for n in (0, 1, 2)] == [
        "0 documents",
        "1 document",
        "2 documents",
    ]
    assert noun(1, "family", "families") == "family" and noun(3, "family", "families") == "families"
    assert verb(1, "is", "are") == "is" and verb(0, "is", "are") == "are"


def test_the_region_pages_anchor_the_sections_other_pages_link_to() -> None:
    from fazhi_stats.build.site.identifiers import pandoc_identifier

    def ids(markup: str) -> set[str]:
        found = set(re.findall(r'id="([^"]+)"', markup))
        found |= {pandoc_identifier(h) for h in re.findall(r"^## (.+)$", markup, re.M)}
        return found

    pages = {
        p.stem: ids(p.read_text(encoding="utf-8"))
        for p in (REPO / "reports" / "regions").glob("*.qmd")
    }
    checked = 0
    sources = [
        *(REPO / "reports" / "tables").glob("*.html"),
        *(REPO / "reports" / "regions").glob("*.qmd"),
    ]
    for file in sources:
        text = file.read_text(encoding="utf-8")
        for region, ident in re.findall(r'regions/([a-z0-9]+)\.html#([^"\s)]+)', text):
            assert ident in pages[region], (file.name, region, ident)
            checked += 1
    assert checked >= 4  # the plans table links each region's commitments


@pytest.mark.slow
def test_every_in_site_anchor_link_resolves(rendered_study: Path) -> None:
    """Every ``page.html#id`` (and ``#id``) link of the rendered site lands on an element with
    that id: home, analysis pages, the report, tables and the generated region pages."""
    import html as html_module
    import posixpath
    from urllib.parse import unquote

    site = rendered_study / "_site"
    pages = {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")
    }
    ids = {
        rel: {html_module.unescape(i) for i in re.findall(r'\sid="([^"]+)"', text)}
        for rel, text in pages.items()
    }
    broken, checked = [], 0
    for rel, text in pages.items():
        for href in re.findall(r'<a [^>]*href="([^"]+)"', text):
            href = html_module.unescape(href)
            if "://" in href or "#" not in href or href.startswith("mailto:"):
                continue
            path, _, ident = href.partition("#")
            target = (
                posixpath.normpath(posixpath.join(posixpath.dirname(rel), path)) if path else rel
            )
            if target not in ids or not ident:
                continue  # files outside the site's pages are checked by other tests
            checked += 1
            if unquote(ident) not in ids[target]:
                broken.append((rel, href))
    assert broken == [], broken[:20]
    assert checked > 200
