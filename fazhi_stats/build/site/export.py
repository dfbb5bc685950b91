"""An executed page as a standalone HTML page, through the package's nbconvert template."""

from __future__ import annotations

import functools
import importlib
import posixpath
import re
from pathlib import Path
from typing import Any

from fazhi_stats.build.site.config import NavItem, SiteConfig
from fazhi_stats.build.site.identifiers import assign_section_ids
from fazhi_stats.build.site.notebook import REMOVE_CELL, REMOVE_INPUT, REMOVE_OUTPUT
from fazhi_stats.build.site.postprocess import link_qmd_pages, postprocess
from fazhi_stats.build.site.qmd import Page

FALLBACK_NOTICE = (
    "Quarto is not on the PATH: the site was rendered with the fallback renderer "
    "(Python chunks executed with nbclient, pages exported with nbconvert). Same pages and "
    "numbers; the layout is simpler than Quarto's."
)
#: What a reader is told, once, in the footer of a page the fallback rendered (the build's own
#: message, FALLBACK_NOTICE, is for the person who runs it).
FALLBACK_COLOPHON = (
    "本站未用 Quarto 渲染，而由 fazhi_stats 的备用渲染器生成：页面与数字相同，版式较简。 / "
    "Rendered by fazhi_stats's fallback renderer rather than Quarto: the same pages and numbers, "
    "in a simpler layout."
)
#: The nbconvert template of the page shell: ``templates/fazhi/`` in this package.
TEMPLATE_NAME = "fazhi"
TEMPLATES_DIR = Path(__file__).with_name("templates")


def _relative(target: str, page_output: str) -> str:
    start = posixpath.dirname(page_output) or "."
    return posixpath.relpath(target, start)


def _link(item: NavItem, page_output: str) -> dict[str, Any]:
    href = item.href
    current = False
    if href:
        as_html = posixpath.splitext(href)[0] + ".html" if href.endswith(".qmd") else href
        current = as_html == page_output
        if not re.match(r"^[a-z]+:", href):
            href = _relative(as_html, page_output)
    return {"text": item.text, "href": href, "current": current}


def navigation(config: SiteConfig, page_output: str) -> list[dict[str, Any]]:
    """The navigation bar of ``_quarto.yml`` for one page: links relative to the page, the
    page's own link marked current, menus with their entries.

    >>> from pathlib import Path
    >>> config = SiteConfig(Path("."), "T", ("index.qmd", "a/b.qmd"),
    ...     (NavItem("Home", "index.qmd"), NavItem("More", menu=(NavItem("B", "a/b.qmd"),))),
    ...     (), (), "_site", {})
    >>> [(e["href"], e["current"]) for e in navigation(config, "a/b.html")[1]["menu"]]
    [('b.html', True)]
    >>> navigation(config, "a/b.html")[0]["href"]
    '../index.html'
    """
    entries = []
    for item in config.navbar:
        entry = _link(item, page_output)
        entry["menu"] = [_link(m, page_output) for m in item.menu]
        entries.append(entry)
    return entries


def _shell(page: Page, config: SiteConfig, *, notice: str | None) -> dict[str, Any]:
    formatters: Any = importlib.import_module("pygments.formatters")  # untyped
    out = page.output_path
    subtitle = page.front_matter.get("subtitle")
    return {
        "lang": config.lang,
        "title": page.title,
        "subtitle": str(subtitle) if subtitle else None,
        "site_title": config.title,
        "home": _relative("index.html", out),
        "navbar": navigation(config, out),
        "stylesheets": [_relative(c, out) for c in config.css],
        "pygments_css": formatters.HtmlFormatter(style="default").get_style_defs(".highlight"),
        "notice": FALLBACK_COLOPHON if notice == FALLBACK_NOTICE else notice,
        "footer": config.page_footer,
    }


@functools.cache
def _exporter_class() -> Any:
    """nbconvert's HTML exporter, reading markdown as pandoc does where it matters for links:
    a bare URL stays text, only ``<URL>`` and ``[text](URL)`` are links (as in Quarto)."""
    from nbconvert import HTMLExporter
    from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath

    base: Any = MarkdownWithMath  # untyped

    class PandocLikeMarkdown(base):  # type: ignore[misc]
        DEFAULT_PLUGINS = tuple(p for p in base.DEFAULT_PLUGINS if p != "url")

    exporter: Any = HTMLExporter  # untyped

    class FallbackExporter(exporter):  # type: ignore[misc]
        def markdown2html(self, source: str) -> str:
            # As HTMLExporter.markdown2html with the reader above. It needs no template
            # context: the pages' markdown cells carry no attachments and images are linked,
            # not embedded.
            renderer = IPythonRenderer(
                escape=False,
                embed_images=False,
                anchor_link_text=self.anchor_link_text,
                exclude_anchor_links=self.exclude_anchor_links,
                **self.lexer_options,
            )
            return str(PandocLikeMarkdown(renderer=renderer).render(source))

    return FallbackExporter


def export_page(
    page: Page, nb: Any, config: SiteConfig, *, notice: str | None = FALLBACK_NOTICE
) -> str:
    """The executed notebook as a standalone HTML page with the site's navigation."""
    from nbconvert.preprocessors import TagRemovePreprocessor
    from traitlets.config import Config

    nb = postprocess(nb)
    c = Config()
    c.TagRemovePreprocessor.remove_cell_tags = (REMOVE_CELL,)
    c.TagRemovePreprocessor.remove_input_tags = (REMOVE_INPUT,)
    c.TagRemovePreprocessor.remove_all_outputs_tags = (REMOVE_OUTPUT,)
    c.TagRemovePreprocessor.enabled = True
    remove_tags: Any = TagRemovePreprocessor
    exporter = _exporter_class()(
        config=c,
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATES_DIR)],
    )
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.register_preprocessor(remove_tags(config=c), enabled=True)
    page_html, _ = exporter.from_notebook_node(
        nb, resources={"fazhi": _shell(page, config, notice=notice)}
    )
    return assign_section_ids(link_qmd_pages(page_html))
