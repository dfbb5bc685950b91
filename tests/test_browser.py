"""The rendered home page in headless Chromium: its figures load and its Chinese text is there.

The test checks the DOM (image decoding, text content), not glyph rendering, so it does not
depend on the system's fonts. Skipped when no Chromium is installed.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

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
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="headless Chromium is not installed (apt-get install chromium); "
        "the browser check of the rendered site is skipped",
    ),
]

# Appended to a copy of the page: once everything has loaded, write what the browser sees.
PROBE = """
<script>
window.addEventListener("load", () => {
  const images = Array.from(document.images);
  const result = {
    images: images.length,
    loaded: images.filter((i) => i.complete && i.naturalWidth > 0).length,
    broken: images.filter((i) => !(i.complete && i.naturalWidth > 0)).map((i) => i.src.slice(0, 80)),
    cjk: (document.body.innerText.match(/[\\u4e00-\\u9fff]/g) || []).length,
    title: document.querySelector("h1.title, h1") ? document.querySelector("h1.title, h1").innerText : "",
    links: Array.from(document.querySelectorAll("nav a")).map((a) => a.getAttribute("href")),
  };
  const out = document.createElement("pre");
  out.id = "fz-probe";
  out.textContent = JSON.stringify(result);
  document.body.appendChild(out);
});
</script>
"""


def _probe(page: Path) -> dict[str, object]:
    probed = page.with_name(f".probe-{page.name}")
    probed.write_text(
        page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8"
    )
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
                f"--user-data-dir={profile}",
                "--virtual-time-budget=10000",
                "--dump-dom",
                probed.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    probed.unlink()
    m = re.search(r'<pre id="fz-probe">(.*?)</pre>', proc.stdout, flags=re.S)
    assert m, f"no probe result (exit {proc.returncode}): {proc.stderr[-2000:]}"
    result: dict[str, object] = json.loads(m.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    return result


def test_home_page_figures_load_and_chinese_is_present(rendered_study: Path) -> None:
    site = rendered_study / "_site"
    result = _probe(site / "index.html")
    assert result["images"], "the home page shows no figure"
    assert result["loaded"] == result["images"], f"figures that did not load: {result['broken']}"
    assert isinstance(result["cjk"], int) and result["cjk"] > 100
    assert "法治政府建设" in str(result["title"])
    links = result["links"]
    assert isinstance(links, list) and "reports/study.html" in links
    for href in links:
        assert (site / str(href)).is_file(), href


def test_an_analysis_page_loads_its_figure(rendered_study: Path) -> None:
    site = rendered_study / "_site"
    result = _probe(site / "analysis" / "03-jiaocheng-attainment.html")
    assert result["images"] and result["loaded"] == result["images"], result["broken"]
    assert "蕉城" in str(result["title"])
