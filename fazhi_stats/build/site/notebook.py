"""A page as a Jupyter notebook, executed in a kernel of this environment (nbclient)."""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from fazhi_stats.build.site.config import SiteConfig
from fazhi_stats.build.site.errors import SiteBuildError
from fazhi_stats.build.site.qmd import Page
from fazhi_stats.build.site.settings import DEFAULT_SETTINGS, RenderSettings

#: MIME type of the values of a markdown cell's inline expressions, in order.
INLINE_MIME = "application/vnd.fazhi-inline+json"
#: Cell tags the export honours (nbconvert's TagRemovePreprocessor), from the chunk options
#: ``include: false``, ``echo: false`` and ``output: false``.
REMOVE_CELL, REMOVE_INPUT, REMOVE_OUTPUT = "remove_cell", "remove_input", "remove_output"
_SKIP = "fazhi_skip"  # eval: false
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

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


def qmd_links_to_html(markdown: str) -> str:
    """Links to .qmd pages point to the rendered .html, as Quarto does.

    >>> qmd_links_to_html("[b](b.qmd#s) [w](https://x.org/a.qmd)")
    '[b](b.html#s) [w](https://x.org/a.qmd)'
    """
    return re.sub(r"(\]\((?![a-z]+:)[^)\s]+?)\.qmd(#[^)\s]*)?\)", r"\1.html\2)", markdown)


def install_kernelspec(directory: Path) -> str:
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
    fold = _truthy(page.front_matter, "code-fold", False)
    for key in ("echo", "warning", "output", "include"):
        if key in page.front_matter:
            defaults[key] = page.front_matter[key]

    cells = [v4.new_code_cell(_SETUP, metadata={"fazhi": {"role": "setup"}})]
    for chunk in page.chunks:
        if chunk.kind == "raw":
            cells.append(
                v4.new_raw_cell(
                    chunk.source,
                    metadata={"raw_mimetype": "text/html", "fazhi": {"role": "raw"}},
                )
            )
            continue
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
                    qmd_links_to_html(chunk.source),
                    metadata={"fazhi": {"role": "markdown", "line": chunk.line}},
                )
            )
            continue
        opts = {**defaults, **chunk.options}
        tags = []
        if not _truthy(opts, "include", True):
            tags.append(REMOVE_CELL)
        if not _truthy(opts, "echo", True):
            tags.append(REMOVE_INPUT)
        if not _truthy(opts, "output", True):
            tags.append(REMOVE_OUTPUT)
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
                "fold": fold,
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
    settings: RenderSettings = DEFAULT_SETTINGS,
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
    if not page.needs_kernel:
        return nb  # nothing to run: as Quarto, no kernel for a page without code
    skipped = [c for c in nb.cells if c.metadata.get("fazhi", {}).get("eval") is False]
    for cell in skipped:
        cell.metadata.setdefault("tags", []).append(_SKIP)
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
        skip_cells_with_tag=_SKIP,
        allow_errors=False,
    )
    # The kernel's own log (e.g. ipykernel's transport warnings) goes to a file; its tail is
    # reported if the kernel dies.
    with tempfile.TemporaryFile(mode="w+") as kernel_log:
        # As Quarto does while it executes a page: the project root and the page's folder,
        # so a page can make links relative to itself (fazhi_stats.study.links.page_base).
        env = {
            **os.environ,
            "FAZHI_STATS_ROOT": str(root),
            "QUARTO_PROJECT_ROOT": str(root),
            "QUARTO_DOCUMENT_PATH": str((root / page.path).parent),
            "QUARTO_DOCUMENT_FILE": Path(page.path).name,
        }
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
