"""The page shell: the package's nbconvert template, filled for one page (no kernel needed)."""

from __future__ import annotations

import html
import importlib.resources
import json
from pathlib import Path
from urllib.parse import unquote

import pytest

pytest.importorskip("nbconvert")

from site_render import fixture_site, read_page

from fazhi_stats.build.site.config import load_site_config
from fazhi_stats.build.site.export import FALLBACK_COLOPHON, FALLBACK_NOTICE, export_page
from fazhi_stats.build.site.notebook import build_notebook
from fazhi_stats.build.site.qmd import parse_qmd

PAGE = """\
---
title: "页面 / Page"
subtitle: "副标题 / Subtitle"
---

## 摘要 / Summary

Licence: <https://creativecommons.org/licenses/by/4.0/>; bare: https://example.org/x.

## 摘要 / Summary

See [the home page](../index.qmd#摘要-summary).
"""


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = fixture_site(tmp_path_factory.mktemp("export") / "site")
    config = load_site_config(root)
    page = parse_qmd(PAGE, path="sub/page.qmd")
    out = root / "page.html"
    out.write_text(export_page(page, build_notebook(page, config), config), encoding="utf-8")
    return out


def test_the_template_ships_inside_the_package() -> None:
    folder = importlib.resources.files("fazhi_stats.build.site") / "templates" / "fazhi"
    conf = json.loads((folder / "conf.json").read_text(encoding="utf-8"))
    assert conf["base_template"] == "classic"
    assert "fz-navbar" in (folder / "index.html.j2").read_text(encoding="utf-8")
    assert ".fz-navbar" in (folder / "fazhi.css").read_text(encoding="utf-8")


def test_the_shell_has_title_navigation_notice_styles_and_footer(exported: Path) -> None:
    text = exported.read_text(encoding="utf-8")
    parts = read_page(exported)
    assert text.startswith("<!DOCTYPE html>")
    assert "<title>页面 / Page – Fixture 测试</title>" in text
    assert '<h1 class="title">页面 / Page</h1>' in text
    assert '<p class="subtitle">副标题 / Subtitle</p>' in text
    assert ({"class": "fz-brand", "href": "../index.html"}, "Fixture 测试") in parts.links
    assert ({"href": "page.html", "aria-current": "page"}, "页面 / Page") in parts.links
    assert parts.stylesheets == ["../styles.css"]
    assert FALLBACK_COLOPHON in html.unescape(text)  # the reader's version of the notice
    assert FALLBACK_NOTICE not in html.unescape(text)
    assert ".fz-navbar {" in text and ".highlight" in text  # shell CSS and pygments, inlined
    assert '<html lang="en">' in text  # the fixture's _quarto.yml sets no lang


def test_urls_are_links_only_when_written_as_links(exported: Path) -> None:
    parts = read_page(exported)
    hrefs = [a.get("href") for a, _ in parts.links]
    assert "https://creativecommons.org/licenses/by/4.0/" in hrefs
    assert "https://example.org/x" not in hrefs  # as pandoc: a bare URL stays text
    assert any("https://example.org/x" in t for t in parts.unlinked_text)
    # a .qmd link goes to the rendered page; its fragment (percent-encoded) is pandoc's id
    assert "../index.html#摘要-summary" in [unquote(str(h)) for h in hrefs]


def test_headings_get_pandocs_ids(exported: Path) -> None:
    parts = read_page(exported)
    assert [i for t, i, _ in parts.headings if t == "h2"] == ["摘要-summary", "摘要-summary-1"]
    anchors = [a["href"] for a, _ in parts.links if a.get("class") == "anchor-link"]
    assert anchors == ["#摘要-summary", "#摘要-summary-1"]
