"""Pages generated from the data: one per source document, one per region.

Quarto renders one page per ``.qmd`` file, so a page per document or region has to exist as a
file. The ``pages`` build stage (:class:`fazhi_stats.build.pages_stage.PagesStage`) writes them
with :func:`generated_pages` from the processed tables and the raw texts into
``reports/sources/`` and ``reports/regions/`` (committed, like the figures), where
``_quarto.yml`` lists them with a glob. They hold no code: markdown headings and raw HTML
blocks (```` ```{=html} ````) made here, so both Quarto and the fallback render them without
a kernel, fast, for any number of documents. The same data gives the same bytes; a document
or region that is gone loses its page on the next build.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import yaml

from fazhi_stats.io import format_value
from fazhi_stats.labels import doc_kind_label, region_label, years_text
from fazhi_stats.study.links import REGIONS_DIR, SOURCES_DIR, SiteLinks, base_for, region_slug
from fazhi_stats.study.profiles import (
    SECTIONS,
    RegionProfile,
    missing_text,
    profile_regions,
    profile_summary,
    region_profile,
)
from fazhi_stats.study.sources import document_spans, legend_html, source_text_html

if TYPE_CHECKING:
    from fazhi_stats.sources.documents import Document
    from fazhi_stats.study.facts import Study


def front_matter(title: str, subtitle: str | None = None) -> str:
    """YAML front matter of a generated page."""
    data: dict[str, Any] = {"title": title}
    if subtitle:
        data["subtitle"] = subtitle
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{body}---\n\n"


def raw_html(markup: str) -> str:
    """A raw HTML block (kept as it is by pandoc, Quarto and the fallback renderer); backticks
    are written as entities so no line of the markup can close the block."""
    return "```{=html}\n" + markup.replace("`", "&#96;").strip("\n") + "\n```\n\n"


def _notice(text: str) -> str:
    return raw_html(f'<p class="fz-empty">{html.escape(text)}</p>')


def _meta_list(items: list[tuple[str, str]]) -> str:
    rows = "".join(f"<dt>{html.escape(k)}</dt><dd>{v}</dd>" for k, v in items)
    return f'<dl class="fz-meta">{rows}</dl>'


def source_page(study: Study, document: Document) -> str:
    """The page of one document: its metadata and its full text, highlighted."""
    meta = document.meta
    page = f"{SOURCES_DIR}/{meta.document_id}.qmd"
    links = SiteLinks(base_for(page))
    spans = document_spans(
        meta.document_id, study.observations, study.milestones, study.commitments
    )
    raw_file = links.to(f"data/raw/documents/{meta.document_id}.txt")

    def text(value: object) -> str:
        shown = format_value(value)
        return html.escape(shown) if shown else "–（未记录 / not recorded）"

    url = (
        f'<a href="{html.escape(meta.source_url, quote=True)}">{html.escape(meta.source_url)}</a>'
        if meta.source_url
        else "–（未记录 / not recorded with the capture）"
    )
    items = [
        ("编号 / Id", f"<code>{html.escape(meta.document_id)}</code>"),
        (
            "地区 / Region",
            f'<a href="{html.escape(links.region(meta.region_code), quote=True)}">'
            f"{html.escape(region_label(meta.region_code))}</a>",
        ),
        ("类型 / Kind", html.escape(doc_kind_label(meta.doc_kind))),
        ("年份 / Years", html.escape(years_text(meta.period_start, meta.period_end))),
        ("发文机关 / Issuer", text(meta.issuer_zh)),
        ("文号 / Number", text(meta.doc_number)),
        ("成文日期 / Issued", text(meta.date_issued)),
        ("发布日期 / Published", text(meta.date_published)),
        ("原文网址 / Portal", url),
        (
            "原文文件 / Raw file",
            f'<a href="{html.escape(raw_file, quote=True)}">{html.escape(meta.document_id)}.txt</a>'
            f" ({html.escape(document.encoding)}, {len(document.text):,} 字符 / characters)",
        ),
        ("SHA-256", f"<code>{html.escape(meta.sha256)}</code>"),
        ("许可 / Licence", text(meta.licence)),
        ("说明 / Note", text(meta.note)),
    ]
    body = [
        front_matter(meta.title_zh, f"{meta.document_id} · 原文 / Source text"),
        raw_html(_meta_list(items)),
        "## 原文 / Text\n\n",
        "每个数字、期限和承诺都以其编号为锚点；从任何页面点开一个数字，就会来到这里高亮的句子。"
        "Every number, deadline and commitment is anchored by its id: a number clicked on "
        "any page of the site lands here, on its highlighted sentence.\n\n",
        raw_html(legend_html(spans) + source_text_html(document.text, spans)),
    ]
    return "".join(body)


def _targets_section(study: Study, p: RegionProfile, links: SiteLinks) -> str:
    """The region's targets: the classified ones with their range and ambition, then those of
    no registry indicator (unclassified: counted in the summary, so shown here too)."""
    import polars as pl

    from fazhi_stats import tables

    obs = p.observations
    unclassified = obs.filter((pl.col("kind") == "target") & pl.col("indicator_id").is_null())
    out = _section(
        "targets",
        p.targets.height,
        lambda: tables.table_ambition(
            p.targets, settings=study.settings, links=links, table_id="r-targets", hide=_REGION
        ),
        "没有目标" if unclassified.is_empty() else "没有归类的目标",
        "no target" if unclassified.is_empty() else "no classified target",
    )
    if unclassified.is_empty():
        return out
    n = unclassified.height
    table = tables.table_observations(
        unclassified,
        kinds=("target",),
        links=links,
        table_id="r-unclassified-targets",
        hide=_REGION,
    )
    return out + (
        f"\n\n未归类的目标 {n} 个（没有登记表指标，不参与对照）/ {n} unclassified "
        f"target{'s' if n != 1 else ''} (no registry indicator, never compared):\n\n"
        + raw_html(table.as_raw_html())
    )


def _section(key: str, rows: int, make: Callable[[], Any], empty_zh: str, empty_en: str) -> str:
    # the heading's own id is the renderer's (``承诺-commitments``); tables elsewhere link to
    # the section by its key (``#commitments``), which this anchor keeps stable
    out = f"## {SECTIONS[key]}\n\n" + raw_html(f'<span id="{key}"></span>')
    if rows == 0:
        return out + _notice(f"{empty_zh} / {empty_en}")
    return out + raw_html(make().as_raw_html())


_REGION = ("region",)  # a region's own page: every row of its tables is that region's


def region_page(study: Study, profile: RegionProfile) -> str:
    """The profile page of one region (or of the documents of unknown region)."""
    from fazhi_stats import tables

    page = f"{REGIONS_DIR}/{region_slug(profile.code)}.qmd"
    links = SiteLinks(base_for(page))
    zh, en = profile.names
    p = profile
    # every pair of the profile, so the table has as many rows as the summary counts
    paired = tuple(sorted(set(p.comparisons["status"].to_list())))
    sections = [
        front_matter(f"{zh} / {en}", "地区概况 / Region profile"),
        f"{profile_summary(study, p, 'zh')}\n{profile_summary(study, p, 'en')}\n\n",
        _section(
            "documents",
            p.documents.height,
            lambda: tables.table_documents(
                p.documents, links=links, table_id="r-documents", hide=_REGION
            ),
            "没有文件",
            "no document",
        ),
        _targets_section(study, p, links),
        _section(
            "actuals",
            p.n_actual,
            lambda: tables.table_observations(
                p.observations,
                kinds=("actual", "mixed", "baseline"),
                links=links,
                table_id="r-actuals",
                hide=_REGION,
            ),
            "没有实绩",
            "no achievement",
        ),
        _section(
            "milestones",
            p.milestones.height,
            lambda: tables.table_milestones(
                p.milestones, links=links, table_id="r-milestones", hide=_REGION
            ),
            "没有期限",
            "no deadline",
        ),
        _section(
            "commitments",
            p.commitments.height,
            lambda: tables.table_commitments(p.commitments, links=links, table_id="r-commitments"),
            "没有计划的承诺",
            "no commitment of a plan",
        ),
        _section(
            "consistency",
            p.consistency.height,
            lambda: tables.table_consistency(
                p.consistency, study.observations, links=links, table_id="r-consistency"
            ),
            "没有可相互核对的数字",
            "no figures to check against each other",
        ),
        _section(
            "comparisons",
            p.comparisons.height,
            lambda: tables.table_attainment(
                p.comparisons,
                study.observations,
                statuses=paired,
                links=links,
                table_id="r-comparisons",
            ),
            "不参与任何对照",
            "takes part in no comparison",
        ),
        f"## {SECTIONS['missing']}\n\n{missing_text(p, 'zh')}\n\n{missing_text(p, 'en')}\n\n",
    ]
    return "".join(sections)


def generated_pages(study: Study, documents: Mapping[str, Document]) -> dict[str, bytes]:
    """Every generated page, by path under the study's root."""
    pages: dict[str, str] = {}
    for document_id in sorted(documents):
        pages[f"{SOURCES_DIR}/{document_id}.qmd"] = source_page(study, documents[document_id])
    for code in profile_regions(study):
        profile = region_profile(study, code)
        pages[f"{REGIONS_DIR}/{region_slug(code)}.qmd"] = region_page(study, profile)
    return {path: text.encode("utf-8") for path, text in pages.items()}
