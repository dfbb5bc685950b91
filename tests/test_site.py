"""The site: .qmd parsing, the fallback renderer, failures, the Quarto path, the real pages."""

from __future__ import annotations

import csv
import hashlib
import html
import os
import re
import shutil
import stat
import sys
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("nbclient")

from site_render import REPO, rendered_site

from fazhi_stats.build.site import (
    FALLBACK_NOTICE,
    RenderSettings,
    SiteBuildError,
    load_site_config,
    parse_qmd,
    render_site,
)
from fazhi_stats.build.site_stage import SiteStage
from fazhi_stats.errors import FazhiError
from fazhi_stats.project import Project

FALLBACK = RenderSettings(renderer="fallback")


# -- parsing -----------------------------------------------------------------------------------


def test_parse_qmd_splits_front_matter_markdown_and_chunks() -> None:
    page = parse_qmd(
        textwrap.dedent(
            """\
            ---
            title: "标题 / Title"
            execute:
              echo: false
            ---

            Intro with `{python} n` and `{python} f"{x:.1f}"`.

            ```{python}
            #| echo: true
            #| fig-cap: "A caption"
            n = 1
            ```

            ```{python}
            x = 2.5
            ```
            """
        ),
        path="p.qmd",
    )
    assert page.title == "标题 / Title"
    assert page.front_matter["execute"] == {"echo": False}
    assert [c.kind for c in page.chunks] == ["markdown", "code", "code"]
    intro, first, second = page.chunks
    assert intro.inline_expressions == ["n", 'f"{x:.1f}"']
    assert first.options == {"echo": True, "fig-cap": "A caption"}
    assert first.source == "n = 1"
    assert first.line == 10  # the line after the opening fence
    assert second.options == {} and second.source == "x = 2.5"
    assert page.output_path == "p.html"


def test_python_inside_other_fences_is_not_executed() -> None:
    page = parse_qmd(
        "Text\n\n~~~markdown\n```{python}\nimport os\n```\n`{python} secret`\n~~~\n\nEnd\n"
    )
    assert [c.kind for c in page.chunks] == ["markdown"]
    assert page.chunks[0].inline_expressions == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("```{python}\nx = 1\n", r"line 1\): code chunk is never closed"),
        ("---\ntitle: [unclosed\n---\n", "front matter is not valid YAML"),
        ("---\ntitle: x\n", "never closed"),
        ("```{python}\n#| echo: [\nx = 1\n```\n", "chunk options are not valid YAML"),
    ],
)
def test_malformed_pages_are_named(text: str, message: str) -> None:
    with pytest.raises(SiteBuildError, match=message) as info:
        parse_qmd(text, path="bad.qmd")
    assert str(info.value).startswith("bad.qmd")


def test_site_config_of_the_study() -> None:
    config = load_site_config(REPO)
    assert config.pages[0] == "index.qmd"
    assert {"reports/study.qmd", "reports/data.qmd"} <= set(config.pages)
    assert sum(p.startswith("analysis/") for p in config.pages) == 6
    linked = {i.href for item in config.navbar for i in (item, *item.menu) if i.href}
    assert linked <= set(config.pages)
    assert all(" / " in i.text for item in config.navbar for i in (item, *item.menu))


# -- the fallback renderer on a tiny site ----------------------------------------------------

FIXTURE_CONFIG = """\
project:
  type: website
  render: [index.qmd, sub/page.qmd]
  resources: ["data/*.csv"]
website:
  title: "Fixture 测试"
  navbar:
    left:
      - href: index.qmd
        text: 首页 / Home
      - text: 更多 / More
        menu:
          - href: sub/page.qmd
            text: 页面 / Page
format:
  html:
    css: styles.css
execute:
  warning: false
"""

FIXTURE_INDEX = """\
---
title: "首页 / Home"
---

```{python}
#| echo: false
answer = 6 * 7
hidden_marker = "NOT-SHOWN-SOURCE"
```

The answer is `{python} answer`; in Chinese `{python} "四十二"`. See [the page](sub/page.qmd).

```{python}
#| output: asis
print("- item **bold**")
```

```{python}
#| fig-cap: "图 / Figure"
from matplotlib.figure import Figure

fig = Figure(figsize=(2, 2))
fig.add_subplot().plot([1, 2])
fig
```
"""

FIXTURE_PAGE = """\
---
title: Page
---

```{python}
import sys
print(sys.executable)
```
"""


def _fixture_site(root: Path, *, page: str = FIXTURE_PAGE) -> Path:
    (root / "sub").mkdir(parents=True)
    (root / "data").mkdir()
    (root / "_quarto.yml").write_text(FIXTURE_CONFIG, encoding="utf-8")
    (root / "styles.css").write_text("body { color: #111; }\n", encoding="utf-8")
    (root / "data" / "x.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (root / "index.qmd").write_text(FIXTURE_INDEX, encoding="utf-8")
    (root / "sub" / "page.qmd").write_text(page, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def fixture_render(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = _fixture_site(tmp_path_factory.mktemp("fixture") / "site")
    result = render_site(root, settings=FALLBACK)
    assert result.renderer == "fallback"
    assert result.notice == FALLBACK_NOTICE
    assert result.pages == ("index.html", "sub/page.html")
    return root / "_site"


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
    index = (fixture_render / "index.html").read_text(encoding="utf-8")
    page = (fixture_render / "sub" / "page.html").read_text(encoding="utf-8")
    assert '<a href="sub/page.html">页面 / Page</a>' in index
    assert '<a href="../index.html" aria-current' not in page
    assert '<a href="../index.html">首页 / Home</a>' in page
    assert '<link rel="stylesheet" href="../styles.css">' in page
    assert html.escape(FALLBACK_NOTICE) in index and html.escape(FALLBACK_NOTICE) in page
    assert 'href="sub/page.html">the page</a>' in index  # .qmd links point to the .html
    assert "<title>Page – Fixture 测试</title>" in page


def test_kernel_runs_with_this_interpreter(fixture_render: Path) -> None:
    page = (fixture_render / "sub" / "page.html").read_text(encoding="utf-8")
    assert html.escape(sys.executable) in page


def test_resources_are_copied(fixture_render: Path) -> None:
    assert (fixture_render / "data" / "x.csv").read_text(encoding="utf-8") == "a,b\n1,2\n"
    assert (fixture_render / "styles.css").is_file()


def test_rendering_twice_gives_the_same_pages(tmp_path: Path, fixture_render: Path) -> None:
    again = _fixture_site(tmp_path / "again")
    render_site(again, settings=FALLBACK)
    for rel in ("index.html", "sub/page.html"):
        assert (again / "_site" / rel).read_bytes() == (fixture_render / rel).read_bytes()


# -- failures ----------------------------------------------------------------------------------


def test_failing_page_names_page_cell_error_and_keeps_previous_site(tmp_path: Path) -> None:
    failing = (
        "---\ntitle: Bad\n---\n\n```{python}\nx = 1\n```\n\nText.\n\n"
        "```{python}\nraise ValueError('boom 出错')\n```\n"
    )
    root = _fixture_site(tmp_path / "site", page=failing)
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
    root = _fixture_site(tmp_path / "site", page=page)
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
    root = _fixture_site(tmp_path / "site")
    (root / "sub" / "page.qmd").unlink()
    with pytest.raises(SiteBuildError, match=r"do not exist: \['sub/page.qmd'\]"):
        render_site(root, settings=FALLBACK)


# -- the Quarto path, with a stand-in for quarto ------------------------------------------------


def _fake_quarto(bin_dir: Path, *, fail: bool) -> None:
    bin_dir.mkdir()
    script = bin_dir / "quarto"
    body = (
        "import sys, pathlib\n"
        "args = sys.argv[1:]\n"
        "assert args[0] == 'render', args\n"
        "out = pathlib.Path(args[args.index('--output-dir') + 1])\n"
        + ("sys.stderr.write('ERROR: quarto failed on purpose\\n'); sys.exit(1)\n" if fail else "")
        + "(out / 'index.html').write_text('rendered by quarto')\n"
    )
    script.write_text(f"#!{sys.executable}\n{body}", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)


@pytest.mark.parametrize("fail", [False, True])
def test_quarto_is_used_when_on_the_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail: bool
) -> None:
    root = _fixture_site(tmp_path / "site")
    (root / "_site").mkdir()
    (root / "_site" / "old.html").write_text("old", encoding="utf-8")
    _fake_quarto(tmp_path / "bin", fail=fail)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    if fail:
        with pytest.raises(SiteBuildError, match="quarto failed on purpose"):
            render_site(root)
        assert (root / "_site" / "old.html").is_file()
        return
    result = render_site(root)
    assert result.renderer == "quarto" and result.notice is None
    assert (root / "_site" / "index.html").read_text() == "rendered by quarto"
    assert not (root / "_site" / "old.html").exists()


def test_site_stage_records_the_fallback_notice(tmp_path: Path) -> None:
    root = _fixture_site(tmp_path / "site")
    if shutil.which("quarto"):
        pytest.skip("quarto is installed: the stage renders with it, without a notice")
    run = SiteStage().run(Project(root))
    assert run.notices == (FALLBACK_NOTICE,)
    assert run.written == (root / "_site",)
    assert (root / "_site" / "index.html").is_file()


# -- the real site -----------------------------------------------------------------------------


@pytest.mark.slow
def test_every_page_of_the_study_renders(tmp_path_factory: pytest.TempPathFactory) -> None:
    root = rendered_site(tmp_path_factory)
    config = load_site_config(root)
    for rel in config.pages:
        page = root / "_site" / (rel.removesuffix(".qmd") + ".html")
        text = page.read_text(encoding="utf-8")
        body = text.split('<main class="fz-content">', 1)[1]
        assert "output_error" not in body and "Traceback (most recent" not in body, rel
        assert "output_stderr" not in body, rel  # no warnings printed into the page
        assert "{python}" not in text, rel
        assert 'class="fz-navbar"' in text, rel
        for src in re.findall(r'<img[^>]+src="([^"]+)"', text):
            if not src.startswith("data:"):
                assert (page.parent / src).is_file(), (rel, src)
        if rel.startswith("analysis/") or rel in ("index.qmd", "reports/study.qmd"):
            assert re.search(r'<img[^>]+src="data:image/png', text), f"{rel} has no figure"
    for rel in re.findall(
        r'href="([^"#]+\.(?:svg|png|csv|json|txt))"',
        (root / "_site" / "reports" / "study.html").read_text("utf-8"),
    ):
        assert (root / "_site" / "reports" / rel).is_file(), rel


def _csv(root: Path, name: str) -> list[dict[str, str]]:
    with (root / "data" / "processed" / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.slow
def test_report_numbers_match_the_processed_data(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """A sample of the report's numbers, recomputed here from the CSV files."""
    root = rendered_site(tmp_path_factory)
    page = (root / "_site" / "reports" / "study.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", page)))
    obs = _csv(root, "observations.csv")
    kinds = {k: sum(1 for o in obs if o["kind"] == k) for k in ("target", "actual", "mixed")}
    assert f"turns {len(obs)} numbers in {len(_csv(root, 'documents.csv'))} rule-of-law" in text
    assert (
        f"{kinds['target']} targets, {kinds['actual']} achievements and {kinds['mixed']} hedged"
        in text
    )

    def value(indicator: str) -> str:
        (row,) = [o for o in obs if o["indicator_id"] == indicator and o["region_code"] == "350902"]
        return row["value_std"]

    assert (
        f"Jiaocheng reports {value('disputes_screened_count')} disputes screened, "
        f"{value('disputes_mediated_count')} mediated and {value('disputes_resolved_count')} "
        "resolved" in text
    )
    (mediation,) = [
        r
        for r in _csv(root, "consistency.csv")
        if r["rate_indicator_id"] == "mediation_success_rate"
    ]
    recomputed = 100 * float(mediation["numerator"]) / float(mediation["denominator"])
    assert f"the rate is {recomputed:.2f}%" in text
    (wilson,) = [
        r
        for r in _csv(root, "proportions.csv")
        if r["rate_indicator_id"] == "mediation_success_rate" and r["method"] == "wilson"
    ]
    assert f"[{float(wilson['lower']):.2f}, {float(wilson['upper']):.2f}] %" in text
    attainment = _csv(root, "attainment.csv")
    met = sum(1 for r in attainment if r["status"] == "met")
    assert f"compare, {met} are met" in text
    lock_hash = hashlib.sha256((root / "uv.lock").read_bytes()).hexdigest()
    assert lock_hash in text
    for resource in _csv(root, "documents.csv")[:1]:
        assert resource["document_id"] in text

    home = re.sub(
        r"\s+",
        " ",
        html.unescape(
            re.sub(r"<[^>]+>", "", (root / "_site" / "index.html").read_text(encoding="utf-8"))
        ),
    )
    assert f"{len(obs)} observations" in home
