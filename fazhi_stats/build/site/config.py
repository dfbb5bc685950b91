"""The site's configuration, read from ``_quarto.yml``: pages, navigation, resources, styles."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fazhi_stats._yaml import read_yaml
from fazhi_stats.build.site.errors import SiteBuildError

CONFIG_FILE = "_quarto.yml"


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
    resources: tuple[str, ...]  # globs as written, each starting with "/" (the project root)
    css: tuple[str, ...]
    output_dir: str
    execute: Mapping[str, Any]
    page_footer: str | None = None
    lang: str = "en"  # Quarto's default when format.html.lang is not set


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
        pages = render_targets(root, [str(p) for p in render])
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
    output_dir = str(project.get("output-dir") or "_site")
    resources = tuple(str(r) for r in project.get("resources") or [])
    _check_resource_globs(resources, output_dir=output_dir)
    html_format = ((data.get("format") or {}).get("html")) or {}
    css = html_format.get("css") or []
    footer = website.get("page-footer")
    return SiteConfig(
        root=root,
        title=str(website.get("title") or root.name),
        pages=pages,
        navbar=tuple(_nav_items((website.get("navbar") or {}).get("left") or [])),
        resources=resources,
        css=tuple([css] if isinstance(css, str) else [str(c) for c in css]),
        output_dir=output_dir,
        execute=dict(data.get("execute") or {}),
        page_footer=footer if isinstance(footer, str) else None,
        lang=str(html_format.get("lang") or data.get("lang") or "en"),
    )


def render_targets(root: Path, targets: Sequence[str]) -> tuple[str, ...]:
    """The pages of ``project.render``, as Quarto reads it: paths, globs (``reports/sources/*.qmd``
    for generated pages, in name order) and ``!``-prefixed exclusions.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     for name in ("a.qmd", "g/2.qmd", "g/1.qmd", "g/x.qmd"):
    ...         (Path(d) / name).parent.mkdir(exist_ok=True)
    ...         _ = (Path(d) / name).write_text("")
    ...     render_targets(Path(d), ["a.qmd", "g/*.qmd", "!g/x.qmd"])
    ('a.qmd', 'g/1.qmd', 'g/2.qmd')
    """
    pages: list[str] = []
    excluded: set[str] = set()
    for target in targets:
        negate = target.startswith("!")
        pattern = target[1:] if negate else target
        if any(c in pattern for c in "*?["):
            matches = [
                p.relative_to(root).as_posix()
                for p in sorted(root.glob(pattern))
                if p.is_file()
                and not any(part.startswith((".", "_")) for part in p.relative_to(root).parts)
            ]
        else:
            matches = [pattern]
        if negate:
            excluded.update(matches)
        else:
            pages.extend(m for m in matches if m not in pages)
    return tuple(p for p in pages if p not in excluded)


def _check_resource_globs(globs: Sequence[str], *, output_dir: str) -> None:
    # Quarto reads a glob without a leading "/" as "**/<glob>": it then also matches the
    # previous render inside the output directory and copies it into the new one, one level
    # deeper on every render (_site/_site/…).
    loose = [g for g in globs if not g.startswith("/")]
    if loose:
        anchored = ", ".join(repr("/" + g) for g in loose)
        raise SiteBuildError(
            CONFIG_FILE,
            f"project.resources {loose} do not start with '/': Quarto matches such globs in "
            f"every folder, including the previous {output_dir}/, and nests it in the new "
            f"site; write them relative to the project root: {anchored}",
        )


def resource_files(config: SiteConfig) -> tuple[str, ...]:
    """The stylesheets and the files matching ``project.resources``, as posix paths under the
    project root: the files a render copies into the site, in a stable order.

    A glob's leading ``/`` stands for the project root, as in Quarto.
    """
    root = config.root
    files: set[str] = set(config.css)
    for pattern in config.resources:
        files.update(
            p.relative_to(root).as_posix()
            for p in root.glob(pattern.lstrip("/"))
            if p.is_file() and not p.name.startswith(".")
        )
    missing = sorted(rel for rel in files if not (root / rel).is_file())
    if missing:
        raise SiteBuildError(CONFIG_FILE, f"resources do not exist: {missing}")
    return tuple(sorted(files))


def _nav_items(items: Sequence[Any]) -> Iterator[NavItem]:
    for item in items:
        if isinstance(item, str):
            yield NavItem(text=item, href=item)
        elif isinstance(item, dict):
            menu = tuple(_nav_items(item.get("menu") or []))
            href = item.get("href")
            yield NavItem(text=str(item.get("text") or href or ""), href=href, menu=menu)
