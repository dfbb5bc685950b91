"""Rendering the whole site into a staging directory, swapped into ``_site/`` on success.

Quarto renders the site when it is on the PATH; elsewhere the fallback executes every page in
a Jupyter kernel and exports it with the package's nbconvert template. A page whose code fails
stops the build, names the page, the cell and the error, and leaves the previous ``_site/``.

>>> result = render_site(Project.discover())          # doctest: +SKIP
>>> result.renderer, len(result.pages)                 # doctest: +SKIP
('fallback', 9)
"""

from __future__ import annotations

import contextlib
import posixpath
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from fazhi_stats.build.site.config import SiteConfig, load_site_config, resource_files
from fazhi_stats.build.site.export import FALLBACK_NOTICE, export_page
from fazhi_stats.build.site.notebook import execute_page, install_kernelspec
from fazhi_stats.build.site.qmd import Page, read_page
from fazhi_stats.build.site.quarto import render_with_quarto
from fazhi_stats.build.site.settings import DEFAULT_SETTINGS, RenderSettings
from fazhi_stats.io import atomic_write_bytes, swap_directory
from fazhi_stats.project import Project


@dataclass(frozen=True)
class RenderResult:
    """What a render produced: where, which pages, with which renderer, how long it took."""

    output_dir: Path
    pages: tuple[str, ...]
    renderer: Literal["quarto", "fallback"]
    seconds: float
    notice: str | None = None


def render_site(
    project: Project | Path,
    *,
    settings: RenderSettings = DEFAULT_SETTINGS,
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
    with staging_dir(root, config.output_dir) as staging:
        if use_quarto:
            render_with_quarto(root, staging)
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


@contextlib.contextmanager
def staging_dir(root: Path, output_dir: str) -> Iterator[Path]:
    """A fresh directory to render into, removed afterwards (after the swap, it is empty)."""
    # Same file system as the target, so the final swap is a rename; hidden, so Quarto
    # ignores it.
    staging = Path(tempfile.mkdtemp(prefix=f".{Path(output_dir).name}.staging-", dir=root))
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def render_fallback(
    config: SiteConfig,
    output_dir: Path,
    *,
    settings: RenderSettings = DEFAULT_SETTINGS,
    progress: Callable[[str], None] | None = None,
) -> list[Path]:
    """Execute and export every page into ``output_dir`` (which should be empty)."""
    root = config.root
    pages = [read_page(root, p) for p in config.pages]
    resources = resource_files(config)  # before any page runs: a missing file fails fast
    with tempfile.TemporaryDirectory(prefix="fazhi-kernel-") as kernel_dir:
        kernel_name = install_kernelspec(Path(kernel_dir))

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
    for rel in resources:
        dst = output_dir / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root / rel, dst)
        written.append(dst)
    return written
