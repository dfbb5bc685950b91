"""The study's figures as a reader takes them away: each with alt text, a caption, its data as
CSV, SVG (text kept as text) and PNG, a desktop and a phone size.

:data:`FIGURES` says, for every figure, how it is drawn, which data it shows and how it is
described; the ``report`` stage writes the files with :func:`figure_files`, and a page shows one
with :func:`figure` (one call: the figure, its caption and its downloads). The attainment and
ambition figures are interactive in the HTML version: each row shows its quote on hover and
links to its sentence (the static PNG stays the fallback).

>>> sorted(FIGURES)
['ambition', 'attainment', 'coverage', 'gaps', 'plans', 'proportions', 'timeline']
"""

from __future__ import annotations

import html
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fazhi_stats.study.formatting import num
from fazhi_stats.study.links import SiteLinks

if TYPE_CHECKING:
    from fazhi_stats.plots._style import FigureStyle
    from fazhi_stats.study.facts import Study

#: Width of the phone version of every figure, in inches: about the 360 CSS pixels a phone's
#: content column gives it (at 96 CSS pixels per inch a point of text is drawn at its size or a
#: little larger), at 180 dpi for sharp pixels (630 px).
PHONE_WIDTH = 3.5
PHONE_DPI = 180
#: The figures' files sit two folders below the site's root (``reports/figures/``).
FILE_LINKS = SiteLinks(base="../../")


@dataclass(frozen=True)
class FigureSpec:
    """How one figure is drawn, what data it shows, how it is described."""

    name: str
    caption: str
    make: Callable[[Study, FigureStyle, SiteLinks | None], Any]
    data: Callable[[Study], Any]  # a polars frame
    alt: Callable[[Study], str]
    tooltips: Callable[[Study], dict[str, str]] | None = None
    #: Drawn again at phone width (the row charts wrap their labels); the others keep their
    #: desktop layout and scroll sideways on a phone, at a size their text can be read.
    phone: bool = False
    #: What the figure needs to be drawn, (Chinese, English): said where it is not drawn.
    needs: tuple[str, str] = ("数据", "data")

    @property
    def interactive(self) -> bool:
        return self.tooltips is not None


# -- the data behind each figure ----------------------------------------------------------------


def _coverage_data(s: Study) -> Any:
    from fazhi_stats.plots.coverage import coverage_matrix

    return coverage_matrix(s.observations, s.documents, focus=s.families)


def _gaps_data(s: Study) -> Any:
    from fazhi_stats.plots.coverage import evidence_gaps

    return evidence_gaps(s.observations, s.documents, families=s.families_shown)


def _timeline_data(s: Study) -> Any:
    from fazhi_stats.plots.timeline import timeline_events

    return timeline_events(s.documents, s.observations, s.milestones)


AMBITION_COLUMNS = (
    "family", "indicator_id", "region_code", "period_start", "period_end", "as_written",
    "hedged", "target_lower", "target_upper", "target_lower_open", "target_upper_open",
    "unit_std", "scope", "document_id", "observation_id", "quote",
)  # fmt: skip
ATTAINMENT_COLUMNS = (
    "family", "status", "relation", "year_gap", "grade", "unit_std", "actual_observation_id",
    "actual_lower", "actual_upper", "actual_lower_open", "actual_upper_open",
    "target_observation_id", "met_lower", "met_upper", "met_lower_open", "met_upper_open",
)  # fmt: skip


def _ambition_data(s: Study) -> Any:
    return s.ambition.select(AMBITION_COLUMNS)


def _attainment_data(s: Study) -> Any:
    from fazhi_stats.plots.attainment import attainment_rows

    return attainment_rows(s.attainment, focus=s.families).select(ATTAINMENT_COLUMNS)


def _plans_data(s: Study) -> Any:
    from fazhi_stats.study.argument import plan_profiles

    return plan_profiles(s).profile


# -- tooltips of the interactive figures --------------------------------------------------------


def _quotes(s: Study) -> dict[str, str]:
    return {
        r["observation_id"]: f"{r['document_id']}: {r['quote']}"
        for r in s.observations.select("observation_id", "document_id", "quote").iter_rows(
            named=True
        )
    }


def _ambition_tips(s: Study) -> dict[str, str]:
    from fazhi_stats.plots.export import hover_id

    quotes = _quotes(s)
    return {hover_id(oid): quotes.get(oid, "") for oid in s.ambition["observation_id"]}


def _attainment_tips(s: Study) -> dict[str, str]:
    from fazhi_stats.labels import comparison_status_label
    from fazhi_stats.plots.export import hover_id

    quotes = _quotes(s)
    tips = {}
    for row in _attainment_data(s).iter_rows(named=True):
        actual, target = row["actual_observation_id"], row["target_observation_id"] or ""
        text = f"{comparison_status_label(row['status'], row['relation'])}\n实绩 / achievement — {quotes.get(actual, '')}"
        if target:
            text += f"\n目标 / target — {quotes.get(target, '')}"
        tips[hover_id(actual, target)] = text
    return tips


# -- alt texts ------------------------------------------------------------------------------------


def _alt_coverage(s: Study) -> str:
    return (
        f"Heatmap of {num(s.n_observations)} observations by indicator family (rows) and "
        f"document (columns), for {num(s.n_documents)} documents, with a bar chart of their kinds."
    )


def _alt_gaps(s: Study) -> str:
    gaps = _gaps_data(s)
    both = gaps.filter(gaps["evidence"] == "targets_and_actuals").height
    return (
        f"Grid of {num(gaps['region_code'].n_unique())} regions by {num(len(s.families_shown))} "
        f"indicator families, coloured by the evidence each has; {num(both)} cells have both "
        "targets and achievements."
    )


def _alt_timeline(s: Study) -> str:
    return (
        "Timeline with one lane per region: the periods of its documents, their dates of issue, "
        f"the years of its targets and achievements, and {num(s.n_milestones_dated)} dated "
        "deadlines."
    )


def _alt_ambition(s: Study) -> str:
    regions = s.ambition["region_code"].n_unique()
    return (
        f"{num(s.ambition.height)} targets of {num(regions)} regions, each drawn as the band of "
        "values that meet it, one panel per indicator family and unit; the target as written and "
        "its scope under each band."
    )


def _alt_attainment(s: Study) -> str:
    rows = _attainment_data(s)
    counts = rows.group_by("status").len().sort("status")
    from fazhi_stats.vocabulary import STATUSES

    parts = ", ".join(f"{n} {STATUSES[status].en}" for status, n in counts.iter_rows())
    return (
        f"{num(rows.height)} achievements held against targets, each target drawn as the band of "
        f"values that meet it and each achievement as the line of values it allows: {parts or 'none'}."
    )


def _alt_proportions(s: Study) -> str:
    n = s.proportions["rate_indicator_id"].n_unique() if s.proportions.height else 0
    return (
        f"Confidence intervals (Wilson, Jeffreys, Clopper–Pearson) of {num(n)} rates recomputed "
        "from their counts, with the rate as reported."
    )


def _alt_plans(s: Study) -> str:
    profile = _plans_data(s)
    return (
        f"For {num(profile.height)} groups of documents, the share of their commitments that are "
        "quantified, dated, name a responsible unit and are hedged, each with its Wilson interval."
    )


# -- drawing ----------------------------------------------------------------------------------------


def _draw(name: str) -> Callable[[Study, FigureStyle, SiteLinks | None], Any]:
    def make(s: Study, style: FigureStyle, links: SiteLinks | None) -> Any:
        from fazhi_stats import plots
        from fazhi_stats.plots.plans import plot_plan_profiles

        if name == "coverage":
            return plots.plot_coverage(s.observations, s.documents, focus=s.families, style=style)
        if name == "gaps":
            return plots.plot_gaps(
                s.observations, s.documents, families=s.families_shown, style=style
            )
        if name == "timeline":
            return plots.plot_timeline(s.documents, s.observations, s.milestones, style=style)
        if name == "ambition":
            return plots.plot_ambition(
                s.ambition, focus=s.families, settings=s.settings, style=style, links=links
            )
        if name == "attainment":
            return plots.plot_attainment(s.attainment, focus=s.families, style=style, links=links)
        if name == "proportions":
            return plots.plot_proportions(s.proportions, style=style)
        return plot_plan_profiles(_plans_data(s), style=style)

    return make


FIGURES: dict[str, FigureSpec] = {
    spec.name: spec
    for spec in (
        FigureSpec(
            "coverage",
            "每份文件在各指标族给出的数字个数（上：按类型）。Numbers per indicator family and "
            "document (top: by kind); a blank cell means the document gives none.",
            _draw("coverage"),
            _coverage_data,
            _alt_coverage,
            needs=("至少一份文件的数字", "the numbers of at least one document"),
        ),
        FigureSpec(
            "gaps",
            "各地区在本研究指标族中有哪些证据。Which evidence each region has in the study's "
            "families: targets, achievements, both or none.",
            _draw("gaps"),
            _gaps_data,
            _alt_gaps,
            needs=("至少一份文件和一个指标族", "at least one document and one indicator family"),
        ),
        FigureSpec(
            "timeline",
            "文件的时期、成文日期、目标与实绩的年份、期限。Periods of the documents, dates of "
            "issue, years of targets and achievements, and deadlines, one lane per region.",
            _draw("timeline"),
            _timeline_data,
            _alt_timeline,
            needs=("有时期或年份的文件或数字", "documents or numbers with a period or a year"),
        ),
        FigureSpec(
            "ambition",
            "每个目标画作达到它的取值色带（悬停看原文，点击到原文句子）。Every target as the band "
            "of values that meet it (hover for its quote; click for its sentence).",
            _draw("ambition"),
            _ambition_data,
            _alt_ambition,
            _ambition_tips,
            phone=True,
            needs=(
                "至少一个已归类的目标（有登记表指标）",
                "at least one classified target (with a registry indicator)",
            ),
        ),
        FigureSpec(
            "attainment",
            "实绩对照目标：色带为达标取值，线段为实绩允许的取值（悬停看原文，点击到原文句子）。"
            "Achievements against targets: the band holds the values that meet the target, the "
            "line the values the achievement allows (hover for the quotes; click for the sentence).",
            _draw("attainment"),
            _attainment_data,
            _alt_attainment,
            _attainment_tips,
            phone=True,
            needs=(
                "同一地区、同一指标的目标与实绩",
                "a target and an achievement of the same region and indicator",
            ),
        ),
        FigureSpec(
            "proportions",
            "由计数重算的比率及其置信区间。Rates recomputed from their counts, with confidence "
            "intervals by three methods and the rate as reported.",
            _draw("proportions"),
            lambda s: s.proportions,
            _alt_proportions,
            needs=("文件给出其计数的比率", "a rate whose counts the documents give"),
        ),
        FigureSpec(
            "plans",
            "各地计划承诺的具体程度：有数字、有期限、写明责任单位、带限定词的比例及其区间。How "
            "specific each region's plans are: shares of commitments quantified, dated, with a "
            "responsible unit and hedged, with intervals.",
            _draw("plans"),
            _plans_data,
            _alt_plans,
            phone=True,
            needs=("计划类文件中的承诺", "commitments in plans (plans, programmes or work points)"),
        ),
    )
}


def _csv(frame: Any) -> bytes:
    buffer = io.BytesIO()
    frame.write_csv(buffer)
    return buffer.getvalue()


def figure_files(study: Study) -> dict[str, bytes]:
    """Every figure's files by name: ``<name>.svg``, ``.png`` and ``.csv`` (its data), and for
    the figures drawn at phone width ``<name>-phone.svg`` and ``.png``. A figure without data
    gets none: its page says so."""
    from fazhi_stats.plots._style import DEFAULT_STYLE, FigureStyle
    from fazhi_stats.plots.export import (
        DEFAULT_EXPORT,
        FigureExportError,
        add_tooltips,
        figure_bytes,
    )

    files: dict[str, bytes] = {}
    for name, spec in FIGURES.items():
        data = spec.data(study)
        if data.height == 0:
            continue
        files[f"{name}.csv"] = _csv(data)
        tips = spec.tooltips(study) if spec.tooltips else None
        sizes = [("", DEFAULT_STYLE)]
        if spec.phone:
            sizes.append(("-phone", FigureStyle(width=PHONE_WIDTH, dpi=PHONE_DPI)))
        for suffix, style in sizes:
            try:
                fig = spec.make(study, style, FILE_LINKS if tips is not None else None)
                for fmt in DEFAULT_EXPORT.formats:
                    out = figure_bytes(fig, fmt)
                    if fmt == "svg" and tips is not None:
                        out = add_tooltips(out, tips)
                    files[f"{name}{suffix}.{fmt}"] = out
            except FigureExportError as exc:
                raise FigureExportError(f"figure {name!r}: {exc}") from exc
    return files


class HTMLBlock(str):
    """HTML that Jupyter, Quarto and the fallback renderer show as it is."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        return str(self)


def figure(study: Study, name: str) -> HTMLBlock:
    """A figure on a page: the interactive SVG (or the image) at desktop and phone size, its
    caption and alt text, and downloads of its SVG, PNG and data; a sentence when it has no
    data."""
    spec = FIGURES[name]
    links = study.links
    svg = study.root / "reports" / "figures" / f"{name}.svg"
    if not svg.is_file():
        zh, en = spec.needs
        return HTMLBlock(
            f'<p class="fz-empty" id="fig-{name}">暂无可画的内容：本图需要{html.escape(zh)}。 / '
            f"Nothing to draw yet: this figure needs {html.escape(en)}.</p>"
        )
    alt = html.escape(spec.alt(study), quote=True)

    def href(suffix: str) -> str:
        return html.escape(links.to(f"reports/figures/{name}{suffix}"), quote=True)

    def view(size: str) -> str:
        suffix = "-phone" if size == "phone" else ""
        img = f'<img src="{href(suffix + ".png")}" alt="{alt}" loading="lazy">'
        if spec.interactive:
            return (
                f'<object class="fz-fig-{size}" type="image/svg+xml" data="{href(suffix + ".svg")}" '
                f'role="img" aria-label="{alt}">{img}</object>'
            )
        return (
            f'<img class="fz-fig-{size}" src="{href(suffix + ".svg")}" alt="{alt}" loading="lazy">'
        )

    views = view("wide") + view("phone") if spec.phone else view("fixed")
    downloads = " · ".join(
        f'<a href="{href(ext)}" download>{label}</a>'
        for ext, label in ((".svg", "SVG"), (".png", "PNG"), (".csv", "CSV 数据 / data"))
    )
    return HTMLBlock(
        f'<figure class="fz-figure" id="fig-{name}">'
        f'<div class="fz-fig-scroll">{views}</div>'
        f"<figcaption>{html.escape(spec.caption)} "
        f'<span class="fz-downloads">下载 / Download: {downloads}</span></figcaption></figure>'
    )
