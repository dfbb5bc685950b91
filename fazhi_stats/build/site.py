"""The study's website: ``quarto render`` where Quarto is installed, a faithful fallback elsewhere.

Quarto cannot be installed from PyPI, so on machines without it the same pages are rendered by
executing their Python chunks in a Jupyter kernel (nbclient) and exporting the result to HTML
(nbconvert), with the navigation of ``_quarto.yml`` and a notice that this is the fallback
rendering. Either way the site is rendered into a staging directory and swapped into place at
the end: a page whose code fails stops the build, names the page, the cell and the error, and
leaves the previous ``_site/`` as it was.

>>> result = render_site(Project.discover())          # doctest: +SKIP
>>> result.renderer, len(result.pages)                 # doctest: +SKIP
('fallback', 9)
"""

from __future__ import annotations

import contextlib
import html
import importlib
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from fazhi_stats._yaml import read_yaml
from fazhi_stats.errors import FazhiError
from fazhi_stats.io import atomic_write_bytes, swap_directory
from fazhi_stats.project import Project

CONFIG_FILE = "_quarto.yml"
INLINE_MIME = "application/vnd.fazhi-inline+json"
FALLBACK_NOTICE = (
    "Quarto is not on the PATH: the site was rendered with the fallback renderer "
    "(Python chunks executed with nbclient, pages exported with nbconvert). Same pages and "
    "numbers; the layout is simpler than Quarto's."
)
_FENCE_OPEN = re.compile(r"^(?P<ticks>`{3,})\s*\{python(?P<attrs>[^}]*)\}\s*$")
_FENCE_ANY = re.compile(r"^(?P<ticks>`{3,}|~{3,})")
_INLINE = re.compile(r"`\{python\}\s+(?P<expr>[^`]+?)\s*`")
_OPTION = re.compile(r"^#\|\s?(?P<text>.*)$")
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class SiteBuildError(FazhiError):
    """A page could not be rendered; names the page, the cell and the error."""

    def __init__(
        self, page: str, message: str, *, cell: int | None = None, line: int | None = None
    ) -> None:
        self.page = page
        self.cell = cell
        self.line = line
        where = page
        if cell is not None:
            where += f", cell {cell}"
        if line is not None:
            where += f" (line {line})"
        super().__init__(f"{where}: {message}")


# --------------------------------------------------------------------------------------------
# .qmd pages


@dataclass(frozen=True)
class Chunk:
    """A piece of a page: a ```{python} chunk (with its ``#|`` options) or markdown."""

    kind: Literal["code", "markdown"]
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
            found += [(e.group("expr"), self.line + offset) for e in _INLINE.finditer(line)]
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


# --------------------------------------------------------------------------------------------
# _quarto.yml


@dataclass(frozen=True)
class NavItem:
    """An entry of the navigation bar: a link, or a menu of links."""

    text: str
    href: str | None = None
    menu: tuple[NavItem, ...] = ()


@dataclass(frozen=True)
class SiteConfig:
    """What the fallback renderer needs from ``_quarto.yml``."""

    root: Path
    title: str
    pages: tuple[str, ...]
    navbar: tuple[NavItem, ...]
    resources: tuple[str, ...]
    css: tuple[str, ...]
    output_dir: str
    execute: Mapping[str, Any]
    page_footer: str | None = None


def load_site_config(root: Path) -> SiteConfig:
    """Read ``_quarto.yml``: pages to render, navigation, resources, stylesheets."""
    file = root / CONFIG_FILE
    if not file.is_file():
        raise SiteBuildError(CONFIG_FILE, f"no {CONFIG_FILE} in {root}")
    data = read_yaml(file)
    if not isinstance(data, dict):
        raise SiteBuildError(CONFIG_FILE, "not a YAML mapping")
    project = data.get("project") or {}
    website = data.get("website") or {}
    render = project.get("render")
    if render:
        pages = tuple(str(p) for p in render)
    else:
        pages = tuple(
            p.relative_to(root).as_posix()
            for p in sorted(root.rglob("*.qmd"))
            if not any(part.startswith((".", "_")) for part in p.relative_to(root).parts)
        )
    missing = [p for p in pages if not (root / p).is_file()]
    if missing:
        raise SiteBuildError(
            CONFIG_FILE, f"pages listed under project.render do not exist: {missing}"
        )
    html_format = ((data.get("format") or {}).get("html")) or {}
    css = html_format.get("css") or []
    footer = website.get("page-footer")
    return SiteConfig(
        root=root,
        title=str(website.get("title") or root.name),
        pages=pages,
        navbar=tuple(_nav_items((website.get("navbar") or {}).get("left") or [])),
        resources=tuple(str(r) for r in project.get("resources") or []),
        css=tuple([css] if isinstance(css, str) else [str(c) for c in css]),
        output_dir=str(project.get("output-dir") or "_site"),
        execute=dict(data.get("execute") or {}),
        page_footer=footer if isinstance(footer, str) else None,
    )


def _nav_items(items: Sequence[Any]) -> Iterator[NavItem]:
    for item in items:
        if isinstance(item, str):
            yield NavItem(text=item, href=item)
        elif isinstance(item, dict):
            menu = tuple(_nav_items(item.get("menu") or []))
            href = item.get("href")
            yield NavItem(text=str(item.get("text") or href or ""), href=href, menu=menu)


# --------------------------------------------------------------------------------------------
# Rendering


@dataclass(frozen=True)
class RenderSettings:
    """How the site is rendered."""

    renderer: Literal["auto", "quarto", "fallback"] = "auto"
    cell_timeout: int = 300  # seconds per cell
    startup_timeout: int = 120  # seconds for a kernel to start
    workers: int = 4  # pages executed at the same time (fallback)


@dataclass(frozen=True)
class RenderResult:
    output_dir: Path
    pages: tuple[str, ...]
    renderer: Literal["quarto", "fallback"]
    seconds: float
    notice: str | None = None


def render_site(
    project: Project | Path,
    *,
    settings: RenderSettings = RenderSettings(),
    progress: Callable[[str], None] | None = None,
) -> RenderResult:
    """Render every page of ``_quarto.yml`` into the output directory (``_site/``).

    Uses ``quarto render`` when Quarto is on the PATH (or ``settings.renderer == "quarto"``),
    else the fallback. Renders into a staging directory and swaps it into place only when
    every page succeeded.
    """
    root = project.root if isinstance(project, Project) else Path(project)
    root = root.resolve()
    config = load_site_config(root)
    use_quarto = settings.renderer == "quarto" or (
        settings.renderer == "auto" and shutil.which("quarto") is not None
    )
    started = time.perf_counter()
    target = root / config.output_dir
    with _staging_dir(root, config.output_dir) as staging:
        if use_quarto:
            _render_with_quarto(root, staging)
            notice = None
        else:
            render_fallback(config, staging, settings=settings, progress=progress)
            notice = FALLBACK_NOTICE
        swap_directory(staging, target)
    return RenderResult(
        output_dir=target,
        pages=tuple(posixpath.splitext(p)[0] + ".html" for p in config.pages),
        renderer="quarto" if use_quarto else "fallback",
        seconds=time.perf_counter() - started,
        notice=notice,
    )


def stage_site(ctx: Any) -> None:
    """Build stage: render the site; record the fallback notice for the build's summary."""

    def progress(page: str) -> None:
        print(f"    page {page} ✓", file=sys.stderr, flush=True)

    from fazhi_stats.build.report import require_study_extra

    if shutil.which("quarto") is None:
        require_study_extra("nbclient", "nbconvert", "ipykernel", "matplotlib", "great_tables")
    result = render_site(ctx.project, progress=progress)
    ctx.written.append(result.output_dir)
    if result.notice:
        ctx.notices.append(result.notice)


@contextlib.contextmanager
def _staging_dir(root: Path, output_dir: str) -> Iterator[Path]:
    # Same file system as the target, so the final swap is a rename; hidden, so Quarto
    # ignores it.
    staging = Path(tempfile.mkdtemp(prefix=f".{Path(output_dir).name}.staging-", dir=root))
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _render_with_quarto(root: Path, staging: Path) -> None:
    quarto = shutil.which("quarto")
    if quarto is None:
        raise SiteBuildError(
            CONFIG_FILE, "renderer 'quarto' requested but quarto is not on the PATH"
        )
    proc = subprocess.run(
        [quarto, "render", "--output-dir", str(staging)],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-25:])
        raise SiteBuildError(CONFIG_FILE, f"quarto render failed:\n{tail}")


def render_fallback(
    config: SiteConfig,
    output_dir: Path,
    *,
    settings: RenderSettings = RenderSettings(),
    progress: Callable[[str], None] | None = None,
) -> list[Path]:
    """Execute and export every page into ``output_dir`` (which should be empty)."""
    root = config.root
    pages = [_read_page(root, p) for p in config.pages]
    with tempfile.TemporaryDirectory(prefix="fazhi-kernel-") as kernel_dir:
        kernel_name = _install_kernelspec(Path(kernel_dir))

        def run(page: Page) -> tuple[Page, Any]:
            nb = execute_page(
                page,
                root,
                config=config,
                kernel_dir=Path(kernel_dir),
                kernel_name=kernel_name,
                settings=settings,
            )
            if progress:
                progress(page.path)
            return page, nb

        with ThreadPoolExecutor(max_workers=max(1, settings.workers)) as pool:
            executed = list(pool.map(run, pages))
    written = []
    for page, nb in executed:
        out = output_dir / page.output_path
        atomic_write_bytes(out, export_page(page, nb, config).encode("utf-8"))
        written.append(out)
    written += _copy_resources(config, output_dir)
    return written


def _read_page(root: Path, rel: str) -> Page:
    file = root / rel
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SiteBuildError(rel, f"not UTF-8: {exc}") from exc
    return parse_qmd(text, path=rel)


def _install_kernelspec(directory: Path) -> str:
    """A kernelspec running ipykernel with this interpreter, so pages see this environment."""
    name = "fazhi-stats-python"
    spec_dir = directory / "kernels" / name
    spec_dir.mkdir(parents=True)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "fazhi-stats (Python)",
        "language": "python",
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    return name


_SETUP = """\
import matplotlib_inline.backend_inline as _fz_backend
_fz_backend.set_matplotlib_formats("png", metadata={"Software": None})
del _fz_backend

def __fazhi_inline__(items):
    from IPython.display import display
    values = []
    for text, line, fn in items:
        try:
            value = fn()
        except Exception as exc:
            raise RuntimeError(
                f"line {line}: inline expression `{text}` failed: {type(exc).__name__}: {exc}"
            ) from exc
        markdown = getattr(value, "_repr_markdown_", None)
        values.append(markdown() if callable(markdown) else str(value))
    display({"@MIME@": values}, raw=True)
""".replace("@MIME@", INLINE_MIME)


def _truthy(options: Mapping[str, Any], key: str, default: bool) -> bool:
    value = options.get(key, default)
    return bool(value) if not isinstance(value, str) else value.lower() not in ("false", "no")


def build_notebook(page: Page, config: SiteConfig | None = None) -> Any:
    """The page as an nbformat notebook: a hidden setup cell, code cells tagged from their
    options, and before each markdown cell with inline code a hidden cell evaluating it."""
    import nbformat

    v4: Any = nbformat.v4  # untyped
    defaults: dict[str, Any] = dict(config.execute if config else {})
    defaults.update(page.front_matter.get("execute") or {})
    for key in ("echo", "warning", "output", "include"):
        if key in page.front_matter:
            defaults[key] = page.front_matter[key]

    cells = [v4.new_code_cell(_SETUP, metadata={"fazhi": {"role": "setup"}})]
    for chunk in page.chunks:
        if chunk.kind == "markdown":
            exprs = chunk.inline_expressions_with_lines
            if exprs:
                items = ", ".join(f"({e!r}, {line}, lambda: ({e}))" for e, line in exprs)
                cells.append(
                    v4.new_code_cell(
                        f"__fazhi_inline__([{items}])",
                        metadata={"fazhi": {"role": "inline", "line": chunk.line}},
                    )
                )
            cells.append(
                v4.new_markdown_cell(
                    _qmd_links_to_html(chunk.source),
                    metadata={"fazhi": {"role": "markdown", "line": chunk.line}},
                )
            )
            continue
        opts = {**defaults, **chunk.options}
        tags = []
        if not _truthy(opts, "include", True):
            tags.append("remove_cell")
        if not _truthy(opts, "echo", True):
            tags.append("remove_input")
        if not _truthy(opts, "output", True):
            tags.append("remove_output")
        meta: dict[str, Any] = {
            "tags": tags,
            # nbconvert's templates read a figure's alternative text from here
            "alt": opts.get("fig-alt") or opts.get("fig-cap"),
            "fazhi": {
                "role": "code",
                "line": chunk.line,
                "label": opts.get("label"),
                "warning": _truthy(opts, "warning", True),
                "eval": _truthy(opts, "eval", True),
                "asis": str(opts.get("output")).lower() == "asis",
                "caption": opts.get("fig-cap"),
            },
        }
        cells.append(v4.new_code_cell(chunk.source, metadata=meta))
    for i, cell in enumerate(cells):
        cell["id"] = f"cell-{i}"  # stable ids: the same page gives the same HTML
    nb = v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.metadata["title"] = page.title
    return nb


def execute_page(
    page: Page,
    root: Path,
    *,
    config: SiteConfig | None = None,
    kernel_dir: Path | None = None,
    kernel_name: str | None = None,
    settings: RenderSettings = RenderSettings(),
) -> Any:
    """Execute a page's notebook in a fresh kernel with the project root as working directory.

    Raises :class:`SiteBuildError` naming the page, the cell (its number among the page's
    Python chunks) and its line, with the error raised there.
    """
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    nb = build_notebook(page, config)
    skipped = [c for c in nb.cells if c.metadata.get("fazhi", {}).get("eval") is False]
    for cell in skipped:
        cell.metadata.setdefault("tags", []).append("fazhi_skip")
    km = None
    if kernel_dir is not None and kernel_name is not None:
        ksm = KernelSpecManager(kernel_dirs=[str(kernel_dir / "kernels")])
        km = AsyncKernelManager(kernel_name=kernel_name, kernel_spec_manager=ksm)
    client = NotebookClient(
        nb,
        km=km,
        timeout=settings.cell_timeout,
        startup_timeout=settings.startup_timeout,
        kernel_name=kernel_name or "python3",
        resources={"metadata": {"path": str(root)}},
        skip_cells_with_tag="fazhi_skip",
        allow_errors=False,
    )
    # The kernel's own log (e.g. ipykernel's transport warnings) goes to a file; its tail is
    # reported if the kernel dies.
    with tempfile.TemporaryFile(mode="w+") as kernel_log:
        env = {**os.environ, "FAZHI_STATS_ROOT": str(root)}
        try:
            client.execute(stderr=kernel_log, env=env)
        except CellExecutionError as exc:
            raise _cell_error(page, nb, exc) from None
        except (CellTimeoutError, DeadKernelError, RuntimeError) as exc:
            kernel_log.seek(0)
            tail = "\n".join(kernel_log.read().strip().splitlines()[-10:])
            error = _cell_error(page, nb, exc)
            if tail:
                error = SiteBuildError(page.path, f"{error}\nkernel log:\n{tail}")
            raise error from None
    return nb


def _cell_error(page: Page, nb: Any, exc: Exception) -> SiteBuildError:
    number = 0
    failed = None
    for cell in nb.cells:
        role = cell.metadata.get("fazhi", {}).get("role")
        if role == "code":
            number += 1
        if cell.cell_type == "code" and any(
            o.get("output_type") == "error" for o in cell.get("outputs", [])
        ):
            failed = cell
            break
    ename = getattr(exc, "ename", type(exc).__name__)
    evalue = getattr(exc, "evalue", str(exc))
    message = _ANSI.sub("", f"{ename}: {evalue}").strip()
    if failed is None:
        return SiteBuildError(page.path, message)
    meta = failed.metadata.get("fazhi", {})
    if meta.get("role") == "setup":
        return SiteBuildError(page.path, f"the kernel setup failed: {message}")
    if meta.get("role") == "inline":
        # The helper names the expression and its line: "RuntimeError: line 12: inline …"
        m = re.search(r"line (\d+): (inline expression .*)", message, flags=re.S)
        if m:
            return SiteBuildError(page.path, f"inline code: {m.group(2)}", line=int(m.group(1)))
        return SiteBuildError(page.path, f"inline code: {message}", line=meta.get("line"))
    return SiteBuildError(page.path, message, cell=number, line=meta.get("line"))


# --------------------------------------------------------------------------------------------
# Export


def _qmd_links_to_html(markdown: str) -> str:
    """Links to .qmd pages point to the rendered .html, as Quarto does."""
    return re.sub(r"(\]\((?![a-z]+:)[^)\s]+?)\.qmd(#[^)\s]*)?\)", r"\1.html\2)", markdown)


def _postprocess(nb: Any) -> Any:
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
            cell.source = _substitute_inline(cell.source, iter(pending))
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


def _substitute_inline(markdown: str, values: Iterator[str]) -> str:
    parts = re.split(r"(^(?:`{3,}|~{3,}).*?^(?:`{3,}|~{3,})[ \t]*$)", markdown, flags=re.M | re.S)
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 1:  # a fenced code block: left as written
            out.append(part)
        else:
            out.append(_INLINE.sub(lambda _m: next(values), part))
    return "".join(out)


def export_page(page: Page, nb: Any, config: SiteConfig) -> str:
    """The executed notebook as a standalone HTML page with the site's navigation."""
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor
    from traitlets.config import Config

    nb = _postprocess(nb)
    c = Config()
    c.TagRemovePreprocessor.remove_cell_tags = ("remove_cell",)
    c.TagRemovePreprocessor.remove_input_tags = ("remove_input",)
    c.TagRemovePreprocessor.remove_all_outputs_tags = ("remove_output",)
    c.TagRemovePreprocessor.enabled = True
    exporter_class: Any = HTMLExporter  # untyped
    remove_tags: Any = TagRemovePreprocessor
    exporter = exporter_class(config=c, template_name="basic")
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.register_preprocessor(remove_tags(config=c), enabled=True)
    body, _ = exporter.from_notebook_node(nb)
    body = re.sub(r'href="(?![a-z]+:|#|/)([^"]+?)\.qmd(#[^"]*)?"', r'href="\1.html\2"', body)
    return _page_shell(page, body, config)


def _relative(target: str, page_output: str) -> str:
    start = posixpath.dirname(page_output) or "."
    return posixpath.relpath(target, start)


def navbar_html(config: SiteConfig, page_output: str) -> str:
    """The navigation bar of ``_quarto.yml`` as HTML, with links relative to the page."""

    def link(item: NavItem) -> str:
        text = html.escape(item.text)
        if not item.href:
            return f"<span>{text}</span>"
        href = item.href
        if not re.match(r"^[a-z]+:", href):
            href = _relative(
                posixpath.splitext(href)[0] + ".html" if href.endswith(".qmd") else href,
                page_output,
            )
        current = (
            ' aria-current="page"'
            if item.href and posixpath.splitext(item.href)[0] + ".html" == page_output
            else ""
        )
        return f'<a href="{html.escape(href)}"{current}>{text}</a>'

    entries = []
    for item in config.navbar:
        if item.menu:
            inner = "".join(f"<li>{link(m)}</li>" for m in item.menu)
            entries.append(
                f'<li class="fz-menu"><details><summary>{html.escape(item.text)}</summary>'
                f"<ul>{inner}</ul></details></li>"
            )
        else:
            entries.append(f"<li>{link(item)}</li>")
    home = _relative("index.html", page_output)
    return (
        '<nav class="fz-navbar" aria-label="site">'
        f'<a class="fz-brand" href="{html.escape(home)}">{html.escape(config.title)}</a>'
        f"<ul>{''.join(entries)}</ul></nav>"
    )


FALLBACK_CSS = """\
body { margin: 0; }
.fz-navbar { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1.5rem;
  padding: 0.6rem 1.5rem; background: #1f3b57; color: #fff; }
.fz-navbar a, .fz-navbar summary { color: #fff; text-decoration: none; cursor: pointer; }
.fz-navbar a[aria-current="page"] { text-decoration: underline; }
.fz-navbar ul { display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; list-style: none;
  margin: 0; padding: 0; }
.fz-brand { font-weight: 600; }
.fz-menu { position: relative; }
.fz-menu ul { display: block; position: absolute; z-index: 10; background: #1f3b57;
  padding: 0.5rem 1rem; min-width: 22rem; }
.fz-menu li { padding: 0.2rem 0; }
.fz-notice { background: #fff4d6; border-bottom: 1px solid #e6c76a; padding: 0.5rem 1.5rem;
  font-size: 0.9rem; }
main.fz-content { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem 4rem; }
.jp-InputPrompt, .prompt { display: none; }
.input_area { background: #f7f7f7; border-radius: 4px; padding: 0.25rem 0.75rem;
  margin: 0.5rem 0; overflow-x: auto; }
.output_area img { max-width: 100%; height: auto; }
.output_stderr pre { background: #fff0f0; padding: 0.5rem; }
.output_subarea { overflow-x: auto; }
pre { white-space: pre-wrap; }
a.anchor-link { display: none; }
"""


def _page_shell(page: Page, body: str, config: SiteConfig) -> str:
    formatters: Any = importlib.import_module("pygments.formatters")  # untyped

    out = page.output_path
    css_links = "".join(
        f'<link rel="stylesheet" href="{html.escape(_relative(c, out))}">' for c in config.css
    )
    subtitle = page.front_matter.get("subtitle")
    header = f'<h1 class="title">{html.escape(page.title)}</h1>'
    if subtitle:
        header += f'<p class="subtitle">{html.escape(str(subtitle))}</p>'
    pygments_css = formatters.HtmlFormatter(style="default").get_style_defs(".highlight")
    footer = (
        f'<footer class="fz-footer">{html.escape(config.page_footer)}</footer>'
        if config.page_footer
        else ""
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-Hans">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="fazhi-stats fallback renderer (nbclient + nbconvert)">\n'
        f"<title>{html.escape(page.title)} – {html.escape(config.title)}</title>\n"
        f"<style>\n{FALLBACK_CSS}{pygments_css}\n</style>\n{css_links}\n</head>\n<body>\n"
        f"{navbar_html(config, out)}\n"
        f'<div class="fz-notice" role="note">备用渲染 / Fallback rendering: '
        f"{html.escape(FALLBACK_NOTICE)}</div>\n"
        f'<main class="fz-content">\n<header id="title-block-header">{header}</header>\n'
        f"{body}\n</main>\n{footer}\n</body>\n</html>\n"
    )


def _copy_resources(config: SiteConfig, output_dir: Path) -> list[Path]:
    """Copy the stylesheets and the files matching ``project.resources`` into the site."""
    root = config.root
    files: set[str] = set(config.css)
    for pattern in config.resources:
        files.update(
            p.relative_to(root).as_posix()
            for p in root.glob(pattern)
            if p.is_file() and not p.name.startswith(".")
        )
    written = []
    for rel in sorted(files):
        src = root / rel
        if not src.is_file():
            raise SiteBuildError(CONFIG_FILE, f"resource {rel!r} does not exist")
        dst = output_dir / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
        written.append(dst)
    return written
