"""Helpers of the site tests: copies of the study, a tiny fixture site, a stand-in for quarto,
and a reader of the links and headings of a rendered page."""

from __future__ import annotations

import shutil
import stat
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from fazhi_stats.project import Project

REPO = Path(__file__).resolve().parents[1]


def copy_study(dest: Path) -> Project:
    """The pages, the processed data and the outputs of the report stage, as in a clone
    after `fazhi-stats build --only ... report`."""
    for rel in ("data", "analysis", "reports"):
        shutil.copytree(REPO / rel, dest / rel, ignore=shutil.ignore_patterns(".*", "__pycache__"))
    for rel in ("index.qmd", "_quarto.yml", "styles.css", "uv.lock", "study.yml"):
        shutil.copy2(REPO / rel, dest / rel)
    return Project(dest)


# -- a tiny site: two pages, a menu, a resource, a stylesheet -----------------------------------

FIXTURE_CONFIG = """\
project:
  type: website
  render: [index.qmd, sub/page.qmd]
  resources: ["/data/*.csv"]
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


def fixture_site(root: Path, *, page: str = FIXTURE_PAGE) -> Path:
    """Write the tiny site into ``root`` (its second page is ``page``)."""
    (root / "sub").mkdir(parents=True)
    (root / "data").mkdir()
    (root / "_quarto.yml").write_text(FIXTURE_CONFIG, encoding="utf-8")
    (root / "styles.css").write_text("body { color: #111; }\n", encoding="utf-8")
    (root / "data" / "x.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (root / "index.qmd").write_text(FIXTURE_INDEX, encoding="utf-8")
    (root / "sub" / "page.qmd").write_text(page, encoding="utf-8")
    return root


# -- a stand-in for quarto -----------------------------------------------------------------------

# What `quarto render --output-dir DIR` does to the files, as Quarto 1.7.34 was seen to do it:
# one HTML file per page of project.render (its globs expanded), then every file matching project.resources copied
# into DIR, where a glob without a leading "/" matches in every folder ("**/<glob>"), the
# previous output directory included. It records its arguments and working directory.
_FAKE_QUARTO = """\
import json, pathlib, shutil, sys
import yaml

args = sys.argv[1:]
cwd = pathlib.Path.cwd()
(pathlib.Path(__file__).with_name("calls.jsonl")).open("a").write(
    json.dumps({"args": args, "cwd": str(cwd)}) + "\\n"
)
if FAIL:
    sys.stderr.write("ERROR: quarto failed on purpose\\n")
    sys.exit(1)
assert args[:2] == ["render", "--output-dir"], args
out = pathlib.Path(args[2])
project = yaml.safe_load((cwd / "_quarto.yml").read_text(encoding="utf-8"))["project"]
pages = []
for target in project["render"]:  # paths and globs, as Quarto reads project.render
    if any(c in target for c in "*?["):
        pages += sorted(p.relative_to(cwd).as_posix() for p in cwd.glob(target))
    else:
        pages.append(target)
for page in pages:
    html = out / (page.rsplit(".", 1)[0] + ".html")
    html.parent.mkdir(parents=True, exist_ok=True)
    html.write_text("rendered by quarto: " + page, encoding="utf-8")
for glob in project.get("resources", []):
    pattern = glob[1:] if glob.startswith("/") else "**/" + glob
    for src in sorted(cwd.glob(pattern)):
        rel = src.relative_to(cwd)
        if src.is_file() and not any(p.startswith(".") for p in rel.parts):
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, out / rel)
"""


def fake_quarto(bin_dir: Path, *, fail: bool = False) -> Path:
    """Write an executable ``quarto`` into ``bin_dir``; returns the log of its calls (JSON lines
    with ``args`` and ``cwd``)."""
    bin_dir.mkdir(parents=True, exist_ok=True)
    script = bin_dir / "quarto"
    body = _FAKE_QUARTO.replace("FAIL", repr(fail))
    script.write_text(f"#!{sys.executable}\n{body}", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return bin_dir / "calls.jsonl"


def site_files(site: Path) -> list[str]:
    """Every file under a rendered site, as sorted posix paths."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


# -- reading a rendered page -----------------------------------------------------------------------


@dataclass
class PageParts:
    """The links, stylesheets, headings and bare text of a rendered page."""

    links: list[tuple[dict[str, str], str]] = field(default_factory=list)  # (attributes, text)
    stylesheets: list[str] = field(default_factory=list)
    headings: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, id, text)
    unlinked_text: list[str] = field(default_factory=list)  # text outside links and code


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts = PageParts()
        self._open: list[str] = []
        self._link: tuple[dict[str, str], list[str]] | None = None
        self._heading: tuple[str, str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "link" and values.get("rel") == "stylesheet":
            self.parts.stylesheets.append(values.get("href", ""))
        if tag in ("meta", "link", "img", "br", "hr", "input"):
            return
        self._open.append(tag)
        if tag == "a":
            self._link = (values, [])
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6") and "id" in values:
            self._heading = (tag, values["id"], [])

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            while self._open and self._open.pop() != tag:
                pass
        if tag == "a" and self._link is not None:
            self.parts.links.append((self._link[0], "".join(self._link[1]).strip()))
            self._link = None
        if self._heading is not None and tag == self._heading[0]:
            tag_, ident, text = self._heading
            self.parts.headings.append((tag_, ident, "".join(text).strip()))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._link[1].append(data)
        elif self._heading is not None:
            self._heading[2].append(data)
        if not any(t in ("a", "style", "script", "title", "pre", "code") for t in self._open):
            self.parts.unlinked_text.append(data)


def read_page(path: Path) -> PageParts:
    """Parse a rendered HTML page."""
    reader = _Reader()
    reader.feed(path.read_text(encoding="utf-8"))
    return reader.parts
