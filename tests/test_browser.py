"""The rendered site in headless Chromium: every page, its figures and its Chinese text, a source
link followed from the home page and from a table to its highlighted sentence, and a phone
viewport in which no table column is cut off.

The checks read the DOM and computed styles (image decoding, text, the :target element and its
outline, widths), not glyphs, so they do not depend on the machine's fonts. Slow (a whole-site
render and a browser per page); skipped without Chromium.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

pytest.importorskip("nbclient")

CHROMIUM = next(
    (
        c
        for c in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
        if shutil.which(c)
    ),
    None,
)
pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="headless Chromium is not installed (apt-get install chromium); "
        "the browser check of the rendered site is skipped",
    ),
]
PHONE, DESKTOP = 390, 1280
_NARROWEST_CELL = 48  # CSS pixels: three characters of the body text

# Appended to a copy of the page: once everything has loaded, write what the browser sees.
PROBE = """
<script>
window.addEventListener("load", () => {
  const visible = (e) => e.getClientRects().length > 0 && getComputedStyle(e).display !== "none";
  const images = Array.from(document.images).filter(visible);
  const objects = Array.from(document.querySelectorAll("object")).filter(visible);
  const scrolls = (e) => {
    for (let p = e.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if ((o === "auto" || o === "scroll") && p.clientWidth < document.documentElement.clientWidth + 1)
        return p.scrollWidth >= e.getBoundingClientRect().width - 1;
    }
    return false;
  };
  const width = document.documentElement.clientWidth;
  const tables = Array.from(document.querySelectorAll("table")).filter(visible).map((t) => {
    const r = t.getBoundingClientRect();
    const cells = Array.from(t.querySelectorAll("td")).filter(visible).map((c) => c.getBoundingClientRect().width);
    return {id: t.closest("[id]") ? t.closest("[id]").id : "", right: r.right, fits: r.right <= width + 1, scrolls: scrolls(t), narrowest: cells.length ? Math.min(...cells) : null};
  });
  const wide = Array.from(document.querySelectorAll("main *")).filter((e) => {
    const r = e.getBoundingClientRect();
    return r.right > width + 1 && !scrolls(e) && !e.closest("table");
  }).slice(0, 5).map((e) => e.tagName + "." + e.className + ":" + (e.innerText || "").slice(0, 40));
  const target = document.querySelector(":target");
  const style = target ? getComputedStyle(target) : null;
  const result = {
    width: width,
    page_width: document.documentElement.scrollWidth,
    images: images.length,
    loaded: images.filter((i) => i.complete && i.naturalWidth > 0).length,
    broken: images.filter((i) => !(i.complete && i.naturalWidth > 0)).map((i) => i.src.slice(-80)),
    objects: objects.map((o) => ({data: o.getAttribute("data"), height: o.getBoundingClientRect().height})),
    cjk: (document.body.innerText.match(/[\\u4e00-\\u9fff]/g) || []).length,
    title: document.querySelector("h1.title, h1") ? document.querySelector("h1.title, h1").innerText : "",
    nav: Array.from(document.querySelectorAll("nav a")).map((a) => a.getAttribute("href")),
    sources: Array.from(document.querySelectorAll("a[href*='reports/sources/'][href*='#']")).map((a) => ({href: a.getAttribute("href"), sourced: a.classList.contains("fz-sourced")})),
    target: target ? {id: target.id, tag: target.tagName, text: target.innerText, outline: style.outlineStyle, background: style.backgroundColor} : null,
    tables: tables,
    wide: wide,
  };
  const out = document.createElement("pre");
  out.id = "fz-probe";
  out.textContent = JSON.stringify(result);
  document.body.appendChild(out);
});
</script>
"""


# A phone: the page in a frame of the phone's width (a headless window is at least 500 px
# wide); the frame's probe result is copied out once it is there.
FRAME = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" src="{src}" style="width:{width}px;height:900px;border:0"></iframe>
<script>
const poll = () => {{
  const d = document.getElementById("f").contentDocument;
  const r = d && d.getElementById("fz-probe");
  if (r) {{ const o = document.createElement("pre"); o.id = "fz-probe"; o.textContent = r.textContent;
            document.body.appendChild(o); }} else {{ setTimeout(poll, 100); }}
}};
poll();
</script></body></html>"""


def probe(page: Path, *, width: int = DESKTOP, fragment: str = "") -> dict[str, Any]:
    """What Chromium sees of ``page`` at ``width`` CSS pixels (arriving at ``#fragment``)."""
    probed = page.with_name(f".probe-{width}-{page.name}")
    probed.write_text(
        page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8"
    )
    frame = page.with_name(f".frame-{width}-{page.name}")
    url = probed.as_uri() + (f"#{fragment}" if fragment else "")
    if width < 500:
        frame.write_text(FRAME.format(src=probed.name, width=width), encoding="utf-8")
        url = frame.as_uri()
    try:
        with tempfile.TemporaryDirectory(prefix="fz-chromium-") as profile:
            proc = subprocess.run(
                [
                    str(CHROMIUM),
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--hide-scrollbars",
                    "--allow-file-access-from-files",
                    f"--user-data-dir={profile}",
                    f"--window-size={width},900",
                    "--virtual-time-budget=10000",
                    "--dump-dom",
                    url,
                ],
                capture_output=True,
                text=True,
                timeout=180,
                check=False,
            )
    finally:
        probed.unlink()
        frame.unlink(missing_ok=True)
    m = re.search(r'<pre id="fz-probe">(.*?)</pre>', proc.stdout, flags=re.S)
    assert m, f"no probe result for {page} (exit {proc.returncode}): {proc.stderr[-2000:]}"
    text = m.group(1).replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">")
    result: dict[str, Any] = json.loads(text.replace("&amp;", "&"))
    return result


@pytest.fixture(scope="module")
def site(rendered_study: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This module's own copy of the rendered site: the probes write pages beside the pages
    they probe, and the shared render is read by other workers' tests meanwhile."""
    return Path(
        shutil.copytree(rendered_study / "_site", tmp_path_factory.mktemp("browsed") / "_site")
    )


@pytest.fixture(scope="module")
def pages(rendered_study: Path, site: Path) -> list[Path]:
    from fazhi_stats.build.site import load_site_config

    return [
        site / (p.removesuffix(".qmd") + ".html") for p in load_site_config(rendered_study).pages
    ]


@pytest.fixture(scope="module")
def seen(pages: list[Path]) -> dict[tuple[str, int], dict[str, Any]]:
    """Every page at desktop and at phone width."""
    jobs = [(p, w) for p in pages for w in (DESKTOP, PHONE)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda job: probe(job[0], width=job[1]), jobs))
    return {(str(p), w): r for (p, w), r in zip(jobs, results, strict=True)}


def test_every_page_loads_its_figures_and_shows_chinese(
    pages: list[Path], seen: dict[tuple[str, int], dict[str, Any]], site: Path
) -> None:
    assert len(pages) >= 20  # the template pages, a page per document and per region
    for page in pages:
        result = seen[(str(page), DESKTOP)]
        assert result["loaded"] == result["images"], (page.name, result["broken"])
        for obj in result["objects"]:  # an interactive figure is drawn, at its height
            assert obj["height"] > 100, (page.name, obj)
            assert (page.parent / obj["data"]).is_file(), (page.name, obj)
        assert result["cjk"] > 20, page.name
        assert result["title"], page.name
        for href in result["nav"]:
            assert (page.parent / href.split("#")[0]).resolve().is_file(), (page.name, href)
    home = seen[(str(site / "index.html"), DESKTOP)]
    assert home["objects"], "the home page shows no interactive figure"


def _follow(page: Path, href: str) -> dict[str, Any]:
    parts = urlsplit(href)
    target = (page.parent / unquote(parts.path)).resolve()
    assert target.is_file(), href
    return probe(target, fragment=parts.fragment)


def test_a_number_on_the_home_page_reaches_its_highlighted_sentence(
    seen: dict[tuple[str, int], dict[str, Any]], site: Path
) -> None:
    home = site / "index.html"
    links = seen[(str(home), DESKTOP)]["sources"]
    assert links, "no number of the home page links to its sentence"
    arrived = _follow(home, links[0]["href"])
    target = arrived["target"]
    assert target is not None and target["tag"] == "MARK"
    assert target["id"] == unquote(urlsplit(links[0]["href"]).fragment)
    assert target["outline"] != "none"  # the highlight is visible on arrival
    assert re.search(r"\d", target["text"])  # the sentence holds the number


def test_a_number_in_a_table_reaches_its_highlighted_sentence(
    seen: dict[tuple[str, int], dict[str, Any]], site: Path
) -> None:
    page = site / "analysis" / "03-attainment.html"
    links = [link for link in seen[(str(page), DESKTOP)]["sources"] if link["sourced"]]
    assert links, "no number of the attainment table links to its sentence"
    arrived = _follow(page, links[-1]["href"])
    target = arrived["target"]
    assert target is not None and target["outline"] != "none"
    assert target["id"] == unquote(urlsplit(links[-1]["href"]).fragment)


def test_on_a_phone_no_table_column_is_cut_off(
    pages: list[Path], seen: dict[tuple[str, int], dict[str, Any]]
) -> None:
    checked = 0
    for page in pages:
        result = seen[(str(page), PHONE)]
        assert result["width"] <= PHONE
        # the page itself never scrolls sideways: only a table's own container does
        assert result["page_width"] <= result["width"] + 1, (page.name, result["wide"])
        for table in result["tables"]:
            assert table["fits"] or table["scrolls"], (page.name, table)
            # no column squeezed to a character per line (a title of Chinese text breaks
            # after any character): a cell keeps a few characters' width, the table scrolls
            assert table["narrowest"] is None or table["narrowest"] >= _NARROWEST_CELL, (
                page.name,
                table,
            )
            checked += 1
    assert checked > 20
