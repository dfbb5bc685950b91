"""Pages from the data: the source viewer's highlights and anchors, the generated pages, the
links that reach them, and what an empty study's pages say."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

pytest.importorskip("great_tables")

from fazhi_stats.build.pages_stage import PagesStage, stale_pages
from fazhi_stats.project import Project
from fazhi_stats.study.sources import Span, highlight

REPO = Path(__file__).resolve().parents[1]


def _ids(markup: str) -> list[str]:
    return [html.unescape(i) for i in re.findall(r'<mark [^>]*id="([^"]+)"', markup)]


def test_nested_spans_nest_and_text_is_escaped() -> None:
    text = "甲<乙>丙丁戊"
    out = highlight(
        text,
        [Span(0, 6, "c/1", "commitment"), Span(1, 4, "o/1", "observation", 'say "hi"')],
    )
    assert out == (
        '<mark class="fz-hl fz-commitment" id="c/1">甲'
        '<mark class="fz-hl fz-observation" id="o/1" title="say &quot;hi&quot;">&lt;乙&gt;</mark>'
        "丙丁</mark>戊"
    )
    assert re.sub(r"<[^>]+>", "", out) == html.escape(text, quote=False)


def test_crossing_spans_are_split_and_each_id_is_on_the_page_once() -> None:
    out = highlight("abcdef", [Span(0, 3, "a", "commitment"), Span(2, 5, "b", "milestone")])
    assert _ids(out) == ["a", "b"]
    assert 'data-of="b"' in out  # the rest of b, after a ends, carries no id
    assert out.count("<mark") == out.count("</mark>")
    assert re.sub(r"<[^>]+>", "", out) == "abcdef"
    with pytest.raises(ValueError, match="outside the text"):
        highlight("ab", [Span(1, 3, "x", "observation")])


def test_every_observation_milestone_and_commitment_is_anchored_on_its_page() -> None:
    import polars as pl

    from fazhi_stats.schema.load import load_table

    for name, column in (
        ("observations", "observation_id"),
        ("milestones", "milestone_id"),
        ("commitments", "commitment_id"),
    ):
        frame = load_table(name, REPO / "data" / "processed")
        for doc_id, group in frame.group_by("document_id"):
            page = (REPO / "reports" / "sources" / f"{doc_id[0]}.qmd").read_text(encoding="utf-8")
            ids = _ids(page)
            for ident in group[column]:
                assert ids.count(ident) == 1, (doc_id, ident)
        assert frame.filter(pl.col("char_start").is_null()).height == 0


def test_the_committed_pages_are_those_of_the_data() -> None:
    # the pages stage regenerates them on every build; a stale page fails here and in the site
    assert stale_pages(Project(REPO)) == []
    regions = sorted(p.stem for p in (REPO / "reports" / "regions").glob("*.qmd"))
    assert regions == ["350205", "350902", "420625", "441200", "unknown"]


def test_a_regions_page_has_no_column_of_regions_the_study_tables_keep_it() -> None:
    """Every row of a region's page is that region's: its column would only push the numbers
    off a phone's screen."""
    page = (REPO / "reports" / "regions" / "350902.qmd").read_text(encoding="utf-8")
    for table, column in [
        ("r-documents", "title"),
        ("r-targets", "written"),
        ("r-actuals", "written"),
        ("r-milestones", "deadline"),
    ]:
        assert f'id="{table}-{column}"' in page  # the table is there, with its columns
        assert f'id="{table}-region"' not in page
    assert "地区 / Region" in (REPO / "reports" / "tables" / "observations.html").read_text(
        encoding="utf-8"
    )
    assert 'id="documents-region"' in (REPO / "reports" / "tables" / "documents.html").read_text(
        encoding="utf-8"
    )


def test_links_from_tables_and_figures_land_on_anchors_that_exist() -> None:
    anchors: dict[str, set[str]] = {
        p.stem: set(_ids(p.read_text(encoding="utf-8")))
        for p in (REPO / "reports" / "sources").glob("*.qmd")
    }
    checked = 0
    for file in [
        *(REPO / "reports" / "tables").glob("*.html"),
        *(REPO / "reports" / "figures").glob("*.svg"),
        *(REPO / "reports" / "regions").glob("*.qmd"),
    ]:
        text = file.read_text(encoding="utf-8")
        for doc, ident in re.findall(r'reports/sources/([a-z0-9-]+)\.html#([^"\s)]+)', text):
            assert html.unescape(ident) in anchors[doc], (file.name, doc, ident)
            checked += 1
    assert checked > 200


def test_the_pages_stage_removes_the_page_of_a_document_that_is_gone(tmp_path: Path) -> None:
    root = tmp_path / "s"
    for rel in ("data", "reports"):
        shutil.copytree(REPO / rel, root / rel)
    shutil.copy2(REPO / "study.yml", root / "study.yml")
    stray = root / "reports" / "sources" / "no-such-document.qmd"
    stray.write_text("old", encoding="utf-8")
    project = Project(root)
    assert "reports/sources/no-such-document.qmd" in stale_pages(project)
    run = PagesStage().run(project)
    assert not stray.exists()
    assert len(run.written) == len(list((root / "reports").glob("*/*.qmd")))
    assert stale_pages(project) == []


def test_an_empty_study_says_it_is_empty(tmp_path: Path) -> None:
    from fazhi_stats.build.pipeline import run_stages, select_stages
    from fazhi_stats.study.init import init_study
    from fazhi_stats.study.page import StudyPage, study_page

    root = tmp_path / "new"
    init_study(root)
    run_stages(Project(root), select_stages(["process", "compare", "pages"]))
    page: StudyPage = study_page(root)
    assert page.study.is_empty
    for text in (page.headline("en"), page.part("plans", "en"), page.answer("gaps", "en")):
        assert "This study has no documents yet" in text
    assert "还没有文件" in page.headline("zh")
    assert "Untitled study" in page.title()
    assert "no region yet" in page.regions("en")
    assert "No data yet" in str(page.table("attainment"))
    # no figure is drawn without data, and each says what it needs
    assert "this figure needs a target and an achievement of the same region and indicator" in (
        page.figure("attainment")
    )
    assert "本图需要至少一个已归类的目标" in page.figure("ambition")
    assert list((root / "reports" / "sources").glob("*.qmd")) == []
