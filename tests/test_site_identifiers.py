"""Section ids: the fallback gives headings the ids pandoc (and so Quarto) gives them."""

from __future__ import annotations

import pytest

from fazhi_stats.build.site.identifiers import (
    assign_section_ids,
    pandoc_identifier,
    unique_identifier,
)


@pytest.mark.parametrize(
    ("heading", "identifier"),
    [
        # the examples of pandoc's manual (extension auto_identifiers)
        ("Heading identifiers in HTML", "heading-identifiers-in-html"),
        ("Maître d'hôtel", "maître-dhôtel"),
        ("Dogs?--in my house?", "dogs--in-my-house"),  # "*Dogs*?--in *my* house?" unformatted
        ("[HTML], [S5], or [RTF]?", "html-s5-or-rtf"),
        ("3. Applications", "applications"),
        ("33", ""),
        # what Quarto 1.7.34 gave the study's headings (issue 13)
        ("摘要 / Summary", "摘要-summary"),
        # CJK punctuation and symbols go, CJK letters and digits stay
        (
            "观测数，按指标族与类型 / Observations by family and kind",
            "观测数按指标族与类型-observations-by-family-and-kind",
        ),
        ("指标族 × 文件 / Families × documents", "指标族-文件-families-documents"),
        ("2020 年实绩 / 2020 achievements", "年实绩-2020-achievements"),
        ("version_1.2 notes", "version_1.2-notes"),
    ],
)
def test_identifiers_follow_pandoc(heading: str, identifier: str) -> None:
    assert pandoc_identifier(heading) == identifier


def test_repeated_and_empty_headings_are_numbered_as_pandoc_does() -> None:
    used: set[str] = set()
    ids = [unique_identifier(h, used) for h in ("Notes", "Notes", "2021", "2022", "Notes")]
    assert ids == ["notes", "notes-1", "section", "section-1", "notes-2"]


def test_headings_of_an_exported_page_get_the_ids_and_matching_anchor_links() -> None:
    exported = (
        '<h2 id="%E6%91%98%E8%A6%81-/-Summary">摘要 / Summary'
        '<a class="anchor-link" href="#%E6%91%98%E8%A6%81-/-Summary">¶</a></h2>'
        '<p>text</p><h3 id="A-&amp;-B">A &amp; <code>B</code>'
        '<a class="anchor-link" href="#A-&amp;-B">¶</a></h3>'
        '<h2 id="x">摘要 / Summary<a class="anchor-link" href="#x">¶</a></h2>'
        "<h4>not from markdown</h4>"
    )
    assert assign_section_ids(exported) == (
        '<h2 id="摘要-summary">摘要 / Summary<a class="anchor-link" href="#摘要-summary">¶</a></h2>'
        '<p>text</p><h3 id="a-b">A &amp; <code>B</code>'
        '<a class="anchor-link" href="#a-b">¶</a></h3>'
        '<h2 id="摘要-summary-1">摘要 / Summary'
        '<a class="anchor-link" href="#摘要-summary-1">¶</a></h2>'
        "<h4>not from markdown</h4>"
    )
