"""Rendering the site with the fallback: the tiny fixture site, failures, the build stage, and
the study's real pages."""

from __future__ import annotations

import csv
import hashlib
import html
import re
import shutil
import sys
from pathlib import Path

import pytest

pytest.importorskip("nbclient")

from site_render import fixture_site, read_page, site_files

from fazhi_stats.build.site import (
    FALLBACK_NOTICE,
    RenderSettings,
    SiteBuildError,
    load_site_config,
    render_site,
)
from fazhi_stats.build.site.export import FALLBACK_COLOPHON
from fazhi_stats.build.site.identifiers import pandoc_identifier
from fazhi_stats.build.site_stage import SiteStage
from fazhi_stats.errors import FazhiError
from fazhi_stats.project import Project

FALLBACK = RenderSettings(renderer="fallback")


# -- the fallback renderer on a tiny site ----------------------------------------------------


def test_inline_values_are_substituted(fixture_render: Path) -> None:
    index = (fixture_render / "index.html").read_text(encoding="utf-8")
    assert "The answer is 42; in Chinese 四十二." in index
    assert "{python}" not in index


def test_chunk_options_are_honoured(fixture_render: Path) -> None:
    index = (fixture_render / "index.html").read_text(encoding="utf-8")
    assert "NOT-SHOWN-SOURCE" not in index  # echo: false
    assert "<strong>bold</strong>" in index  # output: asis became markdown
    assert "<em>图 / Figure</em>" in index  # fig-cap
    assert re.search(r'<img[^>]+src="data:image/png;base64,', index)  # the figure, embedded


def test_pages_share_the_navigation_and_the_notice(fixture_render: Path) -> None:
    index_file, page_file = fixture_render / "index.html", fixture_render / "sub" / "page.html"
    index, page = read_page(index_file), read_page(page_file)
    assert ({"href": "sub/page.html"}, "页面 / Page") in index.links
    assert ({"href": "../index.html"}, "首页 / Home") in page.links  # not marked current there
    assert ({"href": "../index.html", "aria-current": "page"}, "首页 / Home") not in page.links
    assert ({"href": "index.html", "aria-current": "page"}, "首页 / Home") in index.links
    assert page.stylesheets == ["../styles.css"]
    for text in (index_file, page_file):
        assert FALLBACK_COLOPHON in html.unescape(text.read_text(encoding="utf-8"))
    assert ({"href": "sub/page.html"}, "the page") in index.links  # .qmd links point to .html
    assert "<title>Page – Fixture 测试</title>" in page_file.read_text(encoding="utf-8")


def test_kernel_runs_with_this_interpreter(fixture_render: Path) -> None:
    page = (fixture_render / "sub" / "page.html").read_text(encoding="utf-8")
    assert sys.executable in html.unescape(page)


def test_resources_are_copied(fixture_render: Path) -> None:
    assert (fixture_render / "data" / "x.csv").read_text(encoding="utf-8") == "a,b\n1,2\n"
    assert (fixture_render / "styles.css").is_file()


def test_rendering_twice_gives_the_same_pages(tmp_path: Path, fixture_render: Path) -> None:
    again = fixture_site(tmp_path / "again")
    shutil.copytree(fixture_render, again / "_site")  # a previous render, to render over
    render_site(again, settings=FALLBACK)
    for rel in ("index.html", "sub/page.html"):
        assert (again / "_site" / rel).read_bytes() == (fixture_render / rel).read_bytes()
    # nothing of the previous site is nested in the new one
    assert site_files(again / "_site") == site_files(fixture_render)
    assert site_files(fixture_render) == ["data/x.csv", "index.html", "styles.css", "sub/page.html"]


# -- failures ----------------------------------------------------------------------------------


def test_failing_page_names_page_cell_error_and_keeps_previous_site(tmp_path: Path) -> None:
    failing = (
        "---\ntitle: Bad\n---\n\n```{python}\nx = 1\n```\n\nText.\n\n"
        "```{python}\nraise ValueError('boom 出错')\n```\n"
    )
    root = fixture_site(tmp_path / "site", page=failing)
    previous = root / "_site"
    previous.mkdir()
    (previous / "index.html").write_text("previous site", encoding="utf-8")
    with pytest.raises(SiteBuildError) as info:
        render_site(root, settings=FALLBACK)
    message = str(info.value)
    assert message.startswith("sub/page.qmd, cell 2 (line 12): ValueError: boom 出错")
    assert info.value.page == "sub/page.qmd" and info.value.cell == 2
    assert (previous / "index.html").read_text(encoding="utf-8") == "previous site"
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".")) == []


def test_a_failing_inline_expression_is_named(tmp_path: Path) -> None:
    page = "---\ntitle: T\n---\n\nValue: `{python} undefined_name`.\n"
    root = fixture_site(tmp_path / "site", page=page)
    with pytest.raises(SiteBuildError) as info:
        render_site(root, settings=FALLBACK)
    assert str(info.value).startswith(
        "sub/page.qmd (line 5): inline code: inline expression `undefined_name` failed: NameError"
    )
    assert not (root / "_site").exists()


def test_missing_config_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FazhiError, match=r"no _quarto\.yml"):
        render_site(tmp_path, settings=FALLBACK)


def test_missing_page_is_an_error(tmp_path: Path) -> None:
    root = fixture_site(tmp_path / "site")
    (root / "sub" / "page.qmd").unlink()
    with pytest.raises(SiteBuildError, match=r"do not exist: \['sub/page.qmd'\]"):
        render_site(root, settings=FALLBACK)


def test_site_stage_records_the_fallback_notice(tmp_path: Path) -> None:
    root = fixture_site(tmp_path / "site")
    if shutil.which("quarto"):
        pytest.skip("quarto is installed: the stage renders with it, without a notice")
    run = SiteStage().run(Project(root))
    assert run.notices == (FALLBACK_NOTICE,)
    assert run.written == (root / "_site",)
    assert (root / "_site" / "index.html").is_file()


# -- the real site -----------------------------------------------------------------------------


@pytest.mark.slow
def test_every_page_of_the_study_renders(rendered_study: Path) -> None:
    root = rendered_study
    config = load_site_config(root)
    for rel in config.pages:
        page = root / "_site" / (rel.removesuffix(".qmd") + ".html")
        text = page.read_text(encoding="utf-8")
        body = text.split('<main class="fz-content">', 1)[1]
        assert "output_error" not in body and "Traceback (most recent" not in body, rel
        assert "output_stderr" not in body, rel  # no warnings printed into the page
        assert "{python}" not in text, rel
        assert 'class="fz-navbar"' in text, rel
        for src in re.findall(r'<(?:img[^>]+src|object[^>]+data)="([^"]+)"', text):
            if not src.startswith("data:"):
                assert (page.parent / src).is_file(), (rel, src)
        if "p.figure(" in (root / rel).read_text(encoding="utf-8"):
            assert 'class="fz-figure"' in text, f"{rel} has no figure"
            # a figure comes with its downloads: SVG, PNG and its data
            for suffix in (".svg", ".png", ".csv"):
                assert re.search(rf'<a [^>]*href="[^"]+{re.escape(suffix)}"', text), rel
        if rel.startswith("analysis/"):
            assert 'class="fz-code-fold"' in body, rel  # code folded, not hidden
            assert "回答 / Answer" in body, rel  # every analysis page ends with its answer
        elif 'class="fz-code-fold"' in body or 'class="input_area"' in body:
            raise AssertionError(f"{rel} shows code")  # home, report, generated pages: none
    for rel in re.findall(
        r'href="([^"#]+\.(?:svg|png|csv|json|txt))"',
        (root / "_site" / "reports" / "study.html").read_text("utf-8"),
    ):
        assert (root / "_site" / "reports" / rel).is_file(), rel


@pytest.mark.slow
def test_sections_have_quartos_ids_and_urls_are_links(rendered_study: Path) -> None:
    site = rendered_study / "_site"
    study = read_page(site / "reports" / "study.html")
    ids = [ident for _, ident, _ in study.headings]
    assert "摘要-summary" in ids  # as Quarto 1.7.34 rendered it (issue 13)
    assert "区间-one-interval-convention" in ids
    checked = 0
    for page in site.rglob("*.html"):
        parts = read_page(page)
        if page.parent.name == "tables":
            continue  # the report stage's table files, not pages
        headings = [h for h in parts.headings if h[0] != "h1"]
        checked += len(headings)
        for _, ident, text in headings:
            assert "%" not in ident and " " not in ident, (page, ident)
            assert ident.startswith(pandoc_identifier(text)), (page, ident, text)
        anchors = {a.get("href") for a, _ in parts.links if a.get("class") == "anchor-link"}
        assert anchors == {f"#{ident}" for _, ident, _ in headings}, page
        bare = [t for t in parts.unlinked_text if re.search(r"https?://", t)]
        assert bare == [], (page, bare)  # a URL in prose is written <URL>, so it is a link
    assert checked > 20
    licence = read_page(site / "reports" / "data.html")
    assert any(
        a.get("href", "").startswith("https://creativecommons.org/") for a, _ in licence.links
    )


def _csv(root: Path, name: str) -> list[dict[str, str]]:
    with (root / "data" / "processed" / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.slow
def test_report_numbers_match_the_processed_data(rendered_study: Path) -> None:
    """A sample of the report's and the home page's numbers, recomputed here from the CSVs."""
    root = rendered_study

    def text_of(rel: str) -> str:
        page = (root / "_site" / rel).read_text(encoding="utf-8")
        return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", page)))

    report, home = text_of("reports/study.html"), text_of("index.html")
    obs = _csv(root, "observations.csv")
    docs = _csv(root, "documents.csv")
    attainment = _csv(root, "attainment.csv")
    tests = sum(
        1
        for r in attainment
        if r["relation"] == "own_target_same_period"
        and r["status"] in ("met", "not_met", "indeterminate")
    )
    benchmarks = sum(
        1
        for r in attainment
        if r["relation"] == "cross_region_benchmark" and r["target_observation_id"]
    )
    for text in (report, home):
        assert f"These {len(docs)} documents allow {tests} tests" in text
        assert f"The {benchmarks} cross-region comparisons are benchmarks" in text
    consistency = _csv(root, "consistency.csv")
    agree = sum(1 for r in consistency if r["status"] == "consistent")
    assert f"agree in {agree} of {len(consistency)} checks" in report
    assert f"{len(obs)} observations" in home
    # per region: commitments and the share naming a responsible unit, as the plans table says
    commitments = _csv(root, "commitments.csv")
    for region in {r["region_code"] for r in commitments if r["region_code"]}:
        mine = [r for r in commitments if r["region_code"] == region]
        k = sum(1 for r in mine if r["has_responsible_unit"] == "true")
        assert f"{k} · {100 * k / len(mine):.1f}%" in home, region
    lock_hash = hashlib.sha256((root / "uv.lock").read_bytes()).hexdigest()
    assert lock_hash in report
    for resource in docs[:1]:
        assert resource["document_id"] in report
