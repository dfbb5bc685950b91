"""Shared look of every figure: a CJK font, the Okabe–Ito palette, a quiet grid.

The font is the Noto Sans CJK SC file shipped in the ``mplfonts`` wheel, registered with
matplotlib's font manager (no system font and no ``mplfonts init`` needed), so Chinese renders
the same on every machine. Figures are made with :class:`matplotlib.figure.Figure`, not pyplot:
they hold no global state and are shown only where a caller returns or displays them.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fazhi_stats.errors import FazhiError

FONT_FILE = "NotoSansCJKsc-Regular.otf"

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision
# deficiency.
OKABE_ITO: Mapping[str, str] = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}
GREY = "#7F7F7F"
LIGHT_GREY = "#D9D9D9"

#: Colours given to regions in code order (a region without a code is grey).
REGION_PALETTE = tuple(
    OKABE_ITO[k]
    for k in (
        "blue",
        "orange",
        "bluish_green",
        "reddish_purple",
        "sky_blue",
        "vermillion",
        "yellow",
    )
)
KIND_COLOURS: Mapping[str, str] = {
    "target": OKABE_ITO["blue"],
    "actual": OKABE_ITO["vermillion"],
    "mixed": OKABE_ITO["reddish_purple"],
    "baseline": GREY,
}
STATUS_COLOURS: Mapping[str, str] = {
    "baseline": OKABE_ITO["sky_blue"],
    "met": OKABE_ITO["bluish_green"],
    "not_met": OKABE_ITO["vermillion"],
    "indeterminate": OKABE_ITO["orange"],
    "not_comparable": GREY,
    "consistent": OKABE_ITO["bluish_green"],
    "inconsistent": OKABE_ITO["vermillion"],
}

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def region_colours(codes: Iterable[str | None]) -> dict[str | None, str]:
    """A colour per region of a figure, in code order from the Okabe–Ito palette (repeating
    after seven regions); grey for documents without a region.

    >>> region_colours(["441200", None, "350205"])
    {'350205': '#0072B2', '441200': '#E69F00', None: '#7F7F7F'}
    """
    known = sorted({c for c in codes if c})
    colours: dict[str | None, str] = {
        code: REGION_PALETTE[i % len(REGION_PALETTE)] for i, code in enumerate(known)
    }
    if any(c is None or c == "" for c in codes):
        colours[None] = GREY
    return colours


@dataclass(frozen=True)
class FigureStyle:
    """Settings shared by the plot functions; pass a changed copy to restyle a figure."""

    font_size: float = 9.0
    title_size: float = 11.0
    dpi: int = 150
    width: float = 8.0  # inches

    def rc(self) -> dict[str, Any]:
        family = cjk_font_family()
        return {
            # Concrete family names, not the generic "sans-serif": a generic name is resolved
            # again at draw time from whatever rcParams are current then. Noto Sans CJK SC has
            # Latin glyphs too; DejaVu Sans is the per-glyph fallback for rare symbols.
            "font.family": [family, "DejaVu Sans"],
            "font.sans-serif": [family, "DejaVu Sans"],
            "font.size": self.font_size,
            "axes.titlesize": self.title_size,
            "axes.titleweight": "normal",
            "axes.labelsize": self.font_size,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.edgecolor": "#444444",
            "axes.grid": False,
            "grid.color": LIGHT_GREY,
            "grid.linewidth": 0.6,
            "legend.frameon": False,
            "legend.fontsize": self.font_size - 0.5,
            "xtick.labelsize": self.font_size - 0.5,
            "ytick.labelsize": self.font_size - 0.5,
            "figure.dpi": self.dpi,
            "savefig.dpi": self.dpi,
            "axes.prop_cycle": _cycler(),
            "axes.unicode_minus": False,
        }


DEFAULT_STYLE = FigureStyle()


def _cycler() -> Any:
    from cycler import cycler

    return cycler(color=[OKABE_ITO[k] for k in ("blue", "orange", "bluish_green", "vermillion")])


def cjk_font_path() -> Path:
    """The Noto Sans CJK SC file inside the installed ``mplfonts`` package."""
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        raise FazhiError(
            "the figures need the 'mplfonts' package for their Chinese font; "
            "install the plots extra: pip install 'fazhi-stats[plots]'"
        )
    for location in spec.submodule_search_locations:
        path = Path(location) / "fonts" / FONT_FILE
        if path.is_file():
            return path
    raise FazhiError(f"mplfonts is installed but has no fonts/{FONT_FILE}")


@cache
def cjk_font_family() -> str:
    """Register the CJK font with matplotlib (once) and return its family name."""
    from matplotlib import font_manager

    path = cjk_font_path()
    font_manager.fontManager.addfont(str(path))
    return str(font_manager.FontProperties(fname=str(path)).get_name())


@contextmanager
def styled(style: FigureStyle = DEFAULT_STYLE) -> Iterator[None]:
    """Apply the study's rc settings while a figure is being built."""
    import matplotlib as mpl

    rc: Any = style.rc()  # matplotlib types rc keys as literals; ours are built at run time
    with mpl.rc_context(rc):
        yield


def finalise(fig: Figure) -> Figure:
    """Lay out and create every tick while the style is active; call inside :func:`styled`.

    Ticks are created lazily at the first draw; drawing once here gives them the study's font,
    so a figure displayed or saved later (outside the style) still renders its Chinese text.
    """
    fig.draw_without_rendering()
    return fig


def new_figure(
    width: float | None = None,
    height: float = 4.0,
    *,
    style: FigureStyle = DEFAULT_STYLE,
) -> Figure:
    """A pyplot-free :class:`~matplotlib.figure.Figure` with constrained layout."""
    from matplotlib.figure import Figure

    return Figure(figsize=(width or style.width, height), dpi=style.dpi, layout="constrained")


def to_polars(frame: Any) -> Any:
    """A polars DataFrame from a polars (eager or lazy), pandas or pyarrow frame; figures and
    tables are drawn from it whatever the caller works with."""
    from fazhi_stats.schema.backends import to_polars as _to_polars

    return _to_polars(frame)[0]


def require_columns(frame: Any, columns: tuple[str, ...], what: str) -> None:
    """Raise a FazhiError naming the missing columns of a frame given to a plot function."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise FazhiError(
            f"{what}: the data has no column(s) {missing}; pass the processed table "
            "(load it with fazhi_stats.load_table)"
        )


def add_title(fig: Any, text: str, *, style: FigureStyle = DEFAULT_STYLE) -> None:
    """The figure's bilingual title, left-aligned above everything (legend included)."""
    width = float(fig.get_figwidth())
    fig.suptitle(
        wrap_label(text, width - 0.3, style.title_size), x=0.0, ha="left", fontsize=style.title_size
    )


def add_note(fig: Any, text: str, *, style: FigureStyle = DEFAULT_STYLE) -> None:
    """A small-print note under the axes (sources, assumptions, what symbols mean).

    Drawn as the figure's ``supxlabel`` so that constrained layout keeps room for it.
    """
    width = float(fig.get_figwidth())
    fig.supxlabel(
        wrap_label(text, width - 0.3, style.font_size - 1.5),
        x=0.0,
        ha="left",
        fontsize=style.font_size - 1.5,
        color="#444444",
        linespacing=1.4,
    )


def wrap_label(text: str, width_in: float, font_size: float) -> str:
    """``text`` wrapped, line by line, to ``width_in`` inches at ``font_size`` points (a CJK
    character counts as one em, other characters as half of one); never cut.

    >>> wrap_label("对照 谷城县：领导干部法治专题讲座次数", 1.0, 9.0)
    '对照 谷城县：领\\n导干部法治专题讲\\n座次数'
    """
    per_line = max(4.0, width_in * 72 / font_size)  # ems per line
    out: list[str] = []
    for line in text.split("\n"):
        current, used = "", 0.0
        for word in _tokens(line):
            size = sum(1.0 if ord(c) > 0x2E80 else 0.55 for c in word)
            if current and used + size > per_line:
                out.append(current.rstrip())
                current, used = word.lstrip(), size
            else:
                current, used = current + word, used + size
        out.append(current.rstrip())
    return "\n".join(out)


def _tokens(line: str) -> list[str]:
    """Break points of a label: each CJK character, each Latin word with its space."""
    import re

    return re.findall(r"[\u2e80-\uffff]|\s*[^\s\u2e80-\uffff]+|\s+", line)
