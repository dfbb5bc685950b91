"""Parsing .qmd pages: front matter, markdown, Python chunks and their options."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from fazhi_stats.build.site.errors import SiteBuildError
from fazhi_stats.build.site.qmd import parse_qmd, read_page


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


def test_a_page_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    (tmp_path / "gbk.qmd").write_bytes("标题".encode("gbk"))
    with pytest.raises(SiteBuildError, match=r"^gbk\.qmd: not UTF-8"):
        read_page(tmp_path, "gbk.qmd")
