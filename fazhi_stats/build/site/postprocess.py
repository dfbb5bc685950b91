"""What Quarto does to an executed page: inline values, hidden helpers, captions, .qmd links."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from fazhi_stats.build.site.notebook import INLINE_MIME
from fazhi_stats.build.site.qmd import INLINE_CODE

_FENCED_BLOCK = re.compile(r"(^(?:`{3,}|~{3,}).*?^(?:`{3,}|~{3,})[ \t]*$)", flags=re.M | re.S)
_QMD_HREF = re.compile(r'href="(?![a-z]+:|#|/)([^"]+?)\.qmd(#[^"]*)?"')


def postprocess(nb: Any) -> Any:
    """Apply what Quarto does after execution: substitute inline values into the markdown,
    drop helper cells, drop warnings where ``warning: false``, turn ``output: asis`` prints
    into markdown and add figure captions (``fig-cap``)."""
    import nbformat

    v4: Any = nbformat.v4  # untyped
    cells = []
    pending: list[str] | None = None
    for cell in nb.cells:
        meta = cell.metadata.get("fazhi", {})
        role = meta.get("role")
        if role == "setup":
            continue
        if role == "inline":
            pending = []
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                if INLINE_MIME in data:
                    pending = [str(v) for v in data[INLINE_MIME]]
            continue
        if role == "markdown" and pending is not None:
            cell.source = substitute_inline(cell.source, iter(pending))
            pending = None
        extra = []
        if role == "code":
            outputs = list(cell.get("outputs", []))
            if not meta.get("warning", True):
                outputs = [
                    o
                    for o in outputs
                    if not (o.get("output_type") == "stream" and o.get("name") == "stderr")
                ]
            if meta.get("asis"):
                printed = "".join(
                    o.get("text", "")
                    for o in outputs
                    if o.get("output_type") == "stream" and o.get("name") == "stdout"
                )
                outputs = [o for o in outputs if o.get("output_type") != "stream"]
                if printed.strip():
                    extra.append(v4.new_markdown_cell(printed))
            cell.outputs = outputs
            if meta.get("caption"):
                extra.append(v4.new_markdown_cell(f"*{meta['caption']}*"))
        cells.append(cell)
        for i, added in enumerate(extra):
            added["id"] = f"{cell.get('id', 'cell')}-extra-{i}"
            cells.append(added)
    nb.cells = cells
    return nb


def substitute_inline(markdown: str, values: Iterator[str]) -> str:
    """Replace each inline expression, in order, by the next value; fenced blocks stay as
    written.

    >>> substitute_inline("a `{python} x` b `{python} y`", iter(["1", "2"]))
    'a 1 b 2'
    """
    parts = _FENCED_BLOCK.split(markdown)
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 1:  # a fenced code block: left as written
            out.append(part)
        else:
            out.append(INLINE_CODE.sub(lambda _m: next(values), part))
    return "".join(out)


def link_qmd_pages(page_html: str) -> str:
    """Relative links to .qmd pages in HTML (e.g. in a table) point to the rendered .html.

    >>> link_qmd_pages('<a href="a/b.qmd#x">b</a> <a href="https://x.org/c.qmd">c</a>')
    '<a href="a/b.html#x">b</a> <a href="https://x.org/c.qmd">c</a>'
    """
    return _QMD_HREF.sub(r'href="\1.html\2"', page_html)
