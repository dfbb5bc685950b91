"""Quarto pages (.qmd): front matter, markdown and ```{python} chunks with their options."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from fazhi_stats.build.site.errors import SiteBuildError

#: Inline code, `{python} expr`, as Quarto writes it in markdown.
INLINE_CODE = re.compile(r"`\{python\}\s+(?P<expr>[^`]+?)\s*`")
_FENCE_OPEN = re.compile(r"^(?P<ticks>`{3,})\s*\{python(?P<attrs>[^}]*)\}\s*$")
#: A raw HTML block, ```{=html}, passed through as it is (pandoc's raw attribute).
_RAW_OPEN = re.compile(r"^(?P<ticks>`{3,})\s*\{=html\}\s*$")
_FENCE_ANY = re.compile(r"^(?P<ticks>`{3,}|~{3,})")
_OPTION = re.compile(r"^#\|\s?(?P<text>.*)$")


@dataclass(frozen=True)
class Chunk:
    """A piece of a page: a ```{python} chunk (with its ``#|`` options), a raw HTML block
    (```{=html}) or markdown."""

    kind: Literal["code", "markdown", "raw"]
    source: str
    line: int  # 1-based line in the .qmd where the chunk's content starts
    options: Mapping[str, Any] = field(default_factory=dict)

    @property
    def inline_expressions(self) -> list[str]:
        """Inline ```{python} expr``` expressions of a markdown chunk, in order."""
        return [expr for expr, _ in self.inline_expressions_with_lines]

    @property
    def inline_expressions_with_lines(self) -> list[tuple[str, int]]:
        """Inline expressions with the .qmd line each is on (none inside fenced blocks)."""
        if self.kind != "markdown":
            return []
        found = []
        fence: str | None = None
        for offset, line in enumerate(self.source.splitlines()):
            m = _FENCE_ANY.match(line)
            if fence is None and m:
                fence = m.group(1)
                continue
            if fence is not None:
                if line.strip() == fence[0] * len(line.strip()) and line.strip().startswith(fence):
                    fence = None
                continue
            found += [(e.group("expr"), self.line + offset) for e in INLINE_CODE.finditer(line)]
        return found


@dataclass(frozen=True)
class Page:
    """A parsed .qmd page."""

    path: str  # posix path relative to the project root, e.g. "analysis/01-coverage.qmd"
    front_matter: Mapping[str, Any]
    chunks: tuple[Chunk, ...]

    @property
    def title(self) -> str:
        return str(self.front_matter.get("title") or Path(self.path).stem)

    @property
    def output_path(self) -> str:
        return posixpath.splitext(self.path)[0] + ".html"

    @property
    def code_chunks(self) -> list[Chunk]:
        return [c for c in self.chunks if c.kind == "code"]

    @property
    def needs_kernel(self) -> bool:
        """Whether the page has code to run (a chunk or an inline expression)."""
        return bool(self.code_chunks) or any(c.inline_expressions for c in self.chunks)


def parse_qmd(text: str, *, path: str = "<page>") -> Page:
    """Split a .qmd into front matter, markdown chunks and Python chunks with options.

    >>> page = parse_qmd("---\\ntitle: T\\n---\\n\\nHi `{python} 1+1`\\n\\n```{python}\\n"
    ...                  "#| echo: false\\nx = 1\\n```\\n")
    >>> page.title, [c.kind for c in page.chunks], page.chunks[1].options
    ('T', ['markdown', 'code'], {'echo': False})
    """
    import yaml

    lines = text.splitlines(keepends=True)
    front: dict[str, Any] = {}
    start = 0
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() in ("---", "..."):
                try:
                    loaded = yaml.safe_load("".join(lines[1:i])) or {}
                except yaml.YAMLError as exc:
                    raise SiteBuildError(path, f"front matter is not valid YAML: {exc}") from exc
                if not isinstance(loaded, dict):
                    raise SiteBuildError(path, "front matter is not a mapping")
                front = loaded
                start = i + 1
                break
        else:
            raise SiteBuildError(path, "front matter opened with --- is never closed")

    chunks: list[Chunk] = []
    markdown: list[str] = []
    md_line = start + 1
    i = start
    other_fence: str | None = None
    while i < len(lines):
        line = lines[i]
        raw = _RAW_OPEN.match(line.rstrip("\n")) if other_fence is None else None
        if raw:
            if "".join(markdown).strip():
                chunks.append(Chunk("markdown", "".join(markdown), md_line))
            markdown = []
            ticks = raw.group("ticks")
            j = i + 1
            while j < len(lines) and lines[j].rstrip() != ticks:
                j += 1
            if j >= len(lines):
                raise SiteBuildError(path, "raw HTML block is never closed", line=i + 1)
            chunks.append(Chunk("raw", "".join(lines[i + 1 : j]), i + 2))
            i = j + 1
            md_line = i + 1
            continue
        opening = _FENCE_OPEN.match(line.rstrip("\n")) if other_fence is None else None
        if opening:
            if "".join(markdown).strip():
                chunks.append(Chunk("markdown", "".join(markdown), md_line))
            markdown = []
            ticks = opening.group("ticks")
            body: list[str] = []
            j = i + 1
            while j < len(lines) and lines[j].rstrip() != ticks:
                body.append(lines[j])
                j += 1
            if j >= len(lines):
                raise SiteBuildError(path, "code chunk is never closed", line=i + 1)
            options, code = _split_options(body, path=path, line=i + 2)
            chunks.append(Chunk("code", code, i + 2, options))
            i = j + 1
            md_line = i + 1
            continue
        fence = _FENCE_ANY.match(line)
        if other_fence is None and fence:
            other_fence = fence.group(1)
        elif other_fence is not None and line.strip() == other_fence:
            other_fence = None
        if not markdown:
            md_line = i + 1
        markdown.append(line)
        i += 1
    if "".join(markdown).strip():
        chunks.append(Chunk("markdown", "".join(markdown), md_line))
    return Page(path, front, tuple(chunks))


def read_page(root: Path, rel: str) -> Page:
    """Read and parse the page ``rel`` (a posix path under ``root``)."""
    file = root / rel
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SiteBuildError(rel, f"not UTF-8: {exc}") from exc
    return parse_qmd(text, path=rel)


def _split_options(body: list[str], *, path: str, line: int) -> tuple[dict[str, Any], str]:
    import yaml

    option_lines = []
    n = 0
    for raw in body:
        m = _OPTION.match(raw.rstrip("\n"))
        if not m:
            break
        option_lines.append(m.group("text"))
        n += 1
    options: dict[str, Any] = {}
    if option_lines:
        try:
            loaded = yaml.safe_load("\n".join(option_lines)) or {}
        except yaml.YAMLError as exc:
            raise SiteBuildError(
                path, f"chunk options are not valid YAML: {exc}", line=line
            ) from exc
        if not isinstance(loaded, dict):
            raise SiteBuildError(path, "chunk options (#| key: value) are not a mapping", line=line)
        options = loaded
    return options, "".join(body[n:]).rstrip("\n")
