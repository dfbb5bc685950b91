"""Exporting figures: SVG and PNG with stable bytes, written atomically.

The same figure gives the same files on every build: SVG ids come from a fixed hash salt and
the SVG carries no date or creator; the PNG carries no software or date chunk. The SVG keeps
its text as text (searchable, selectable, readable by screen readers; drawn with the reader's
CJK font), and :func:`add_tooltips` gives the rows of a figure their quote as a tooltip and
opens their links in the page. A glyph missing from the font (Chinese drawn as boxes) is an
error, not a warning, so a broken figure never reaches the site.

>>> from fazhi_stats.plots import plot_coverage             # doctest: +SKIP
>>> export_figure(plot_coverage(obs), Path("reports/figures/coverage"))   # doctest: +SKIP
[PosixPath('reports/figures/coverage.svg'), PosixPath('reports/figures/coverage.png')]
"""

from __future__ import annotations

import hashlib
import html
import io
import re
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fazhi_stats.errors import FazhiError
from fazhi_stats.io import atomic_write_bytes

MISSING_GLYPH = r"Glyph .* missing from font"


class FigureExportError(FazhiError):
    """A figure could not be exported (e.g. a glyph is missing from every font)."""


@dataclass(frozen=True)
class ExportSettings:
    """How figures are written."""

    formats: tuple[str, ...] = ("svg", "png")
    dpi: int = 150
    hashsalt: str = "fazhi-stats"


DEFAULT_EXPORT = ExportSettings()


def _metadata(fmt: str) -> dict[str, Any]:
    if fmt == "svg":
        return {"Date": None, "Creator": None}
    if fmt == "png":
        return {"Software": None}
    if fmt == "pdf":
        return {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None}
    return {}


def figure_bytes(fig: Any, fmt: str, *, settings: ExportSettings = DEFAULT_EXPORT) -> bytes:
    """The figure rendered to ``fmt``, deterministically; missing glyphs raise."""
    import matplotlib as mpl

    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=MISSING_GLYPH, category=UserWarning)
        with mpl.rc_context({"svg.hashsalt": settings.hashsalt, "svg.fonttype": "none"}):
            try:
                fig.savefig(
                    buffer,
                    format=fmt,
                    dpi=settings.dpi,
                    metadata=_metadata(fmt),
                    facecolor="white",
                )
            except UserWarning as exc:
                if re.search(MISSING_GLYPH, str(exc)):
                    raise FigureExportError(
                        f"cannot export the figure as {fmt}: {exc} Chinese text needs the "
                        "Noto Sans CJK font registered by fazhi_stats.plots (use the plot "
                        "functions, or fazhi_stats.plots.styled())"
                    ) from exc
                raise
    data = buffer.getvalue()
    return _sequential_ids(data) if fmt == "svg" else data


_SVG_ID = re.compile(rb'id="([ph][0-9a-f]{10})"')


def _sequential_ids(svg: bytes) -> bytes:
    """Clip-path and hatch ids numbered in order of appearance.

    Matplotlib names them by a hash of their float coordinates, which differ in the 14th digit
    from one rendering to the next within a process; their order does not.
    """
    names: dict[bytes, bytes] = {}
    for match in _SVG_ID.finditer(svg):
        old = match.group(1)
        names.setdefault(old, old[:1] + b"%d" % (len(names) + 1))
    for old, new in names.items():
        svg = svg.replace(b'id="' + old + b'"', b'id="' + new + b'"')
        svg = svg.replace(b"url(#" + old + b")", b"url(#" + new + b")")
    return svg


def hover_id(*keys: str) -> str:
    """The SVG group id of a figure's row, from the ids of what it shows (stable, XML-safe).

    >>> hover_id("doc/a/1", "doc/b/2")
    'fzq-2ac769d932d9'
    """
    digest = hashlib.sha256("\x1f".join(keys).encode("utf-8")).hexdigest()[:12]
    return f"fzq-{digest}"


_GROUP = re.compile(rb'<g id="(fzq-[0-9a-f]{12})(-[a-z]+)?">')


def add_tooltips(svg: bytes, tooltips: Mapping[str, str]) -> bytes:
    """Give each group of a :func:`hover_id` its tooltip (an SVG ``<title>``, shown on hover)
    and make the figure's links open in the page that embeds it (``target="_top"``)."""

    def title(m: re.Match[bytes]) -> bytes:
        text = tooltips.get(m.group(1).decode("ascii"))
        if text is None:
            return m.group(0)
        return m.group(0) + b"<title>" + html.escape(text).encode("utf-8") + b"</title>"

    svg = _GROUP.sub(title, svg)
    return svg.replace(b'target="_blank"', b'target="_top"')


def export_figure(
    fig: Any, path: Path | str, *, settings: ExportSettings = DEFAULT_EXPORT
) -> list[Path]:
    """Write ``fig`` as ``<path>.svg`` and ``<path>.png`` (``path`` has no suffix).

    Every format is rendered in memory first, then written atomically, so a failure leaves no
    file of this figure changed. Returns the paths written.
    """
    base = Path(path)
    rendered = {fmt: figure_bytes(fig, fmt, settings=settings) for fmt in settings.formats}
    written = []
    for fmt, data in rendered.items():
        target = base.with_name(f"{base.name}.{fmt}")
        atomic_write_bytes(target, data)
        written.append(target)
    return written
