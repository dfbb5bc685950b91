"""Where things are on the study's site, and links to them from any page.

Every document has a page (``reports/sources/<document_id>.html``) whose text anchors each
observation, milestone and commitment by its id; every region has a profile
(``reports/regions/<code>.html``); every indicator an entry on the registry page. Links are
relative, so the site works from a web server and from disk: :class:`SiteLinks` holds the way
from the current page up to the site's root, which :func:`page_base` reads from the variables
Quarto sets while it executes a page (the fallback renderer sets the same ones).

>>> links = SiteLinks(base="../")
>>> links.source("jiaocheng-2020-report", "jiaocheng-2020-report/x/1")
'../reports/sources/jiaocheng-2020-report.html#jiaocheng-2020-report/x/1'
>>> links.region(None), links.indicator("court_appearance_rate")
('../reports/regions/unknown.html', '../reports/registry.html#indicator-court_appearance_rate')
>>> md_link("2447", "a.html#x", title='document: "quote"')
'[2447](a.html#x "document: \\\\"quote\\\\"")'
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
from urllib.parse import quote

from fazhi_stats.vocabulary import UNKNOWN_REGION

#: Generated pages, one per document and one per region (written by the ``pages`` stage).
SOURCES_DIR = "reports/sources"
REGIONS_DIR = "reports/regions"
#: Pages of every study (templates of ``fazhi-stats init``).
SOURCES_INDEX = "reports/sources.qmd"
REGIONS_INDEX = "reports/regions.qmd"
REGISTRY_PAGE = "reports/registry.qmd"
STUDY_PAGE = "reports/study.qmd"
DATA_PAGE = "reports/data.qmd"
#: The analysis pages every study has, by what they answer.
ANALYSIS_PAGES = {
    "coverage": "analysis/01-coverage.qmd",
    "ambition": "analysis/02-ambition.qmd",
    "attainment": "analysis/03-attainment.qmd",
    "consistency": "analysis/04-consistency.qmd",
    "timeline": "analysis/05-timeline.qmd",
    "gaps": "analysis/06-gaps.qmd",
    "composite": "analysis/07-composite.qmd",
}
#: Section headings other pages link to (their ids are pandoc's, in both renderers).
PLANS_SECTION = "计划的具体程度 / Plans compared"
FIGURES_DIR = "reports/figures"
TABLES_DIR = "reports/tables"


def region_slug(code: str | None) -> str:
    """File name (without suffix) of a region's page: its code, ``unknown`` when it has none."""
    return code or UNKNOWN_REGION.id


def anchor(identifier: str) -> str:
    """An id as it is written after ``#`` in a link (ids may hold ``/``; other characters are
    percent-encoded)."""
    return quote(identifier, safe="/-_.~")


def html_page(qmd: str) -> str:
    """The rendered file of a page: ``reports/study.qmd`` → ``reports/study.html``."""
    return qmd.removesuffix(".qmd") + ".html"


def page_base(environ: dict[str, str] | None = None) -> str:
    """The way from the page being rendered up to the site's root (``""``, ``"../"``, …).

    Read from ``QUARTO_DOCUMENT_PATH`` (the page's folder) and ``QUARTO_PROJECT_ROOT``, which
    Quarto sets while it executes a page (or from the ``document-path`` of the file named by
    ``QUARTO_EXECUTE_INFO``, with the working directory as the root); ``""`` outside a render
    (links relative to the root).

    >>> page_base({"QUARTO_PROJECT_ROOT": "/s", "QUARTO_DOCUMENT_PATH": "/s/analysis"})
    '../'
    >>> page_base({})
    ''
    """
    env = os.environ if environ is None else environ
    root, folder = env.get("QUARTO_PROJECT_ROOT"), env.get("QUARTO_DOCUMENT_PATH")
    info = env.get("QUARTO_EXECUTE_INFO")
    if not folder and info:  # newer Quarto: a JSON file naming the document being rendered
        import json
        from pathlib import Path

        try:
            document = json.loads(Path(info).read_text(encoding="utf-8"))["document-path"]
            folder = str(Path(str(document)).parent)
        except (OSError, ValueError, KeyError, TypeError):
            folder = None
        root = root or str(Path.cwd())  # execute-dir: project
    if not root or not folder:
        return ""
    up = posixpath.relpath(
        os.path.realpath(root).replace(os.sep, "/"), os.path.realpath(folder).replace(os.sep, "/")
    )
    return "" if up == "." else up + "/"


def base_for(page: str) -> str:
    """The way up to the root from a page at ``page`` (a path under the root).

    >>> base_for("index.qmd"), base_for("reports/sources/a.qmd")
    ('', '../../')
    """
    depth = page.count("/")
    return "../" * depth


@dataclass(frozen=True)
class SiteLinks:
    """Links from one page (``base`` is the way up to the site's root)."""

    base: str = ""

    def to(self, path: str) -> str:
        """A path under the root (``.qmd`` pages as their ``.html``)."""
        return self.base + (html_page(path) if path.endswith(".qmd") else path)

    def source(self, document_id: str, anchor_id: str | None = None) -> str:
        """A document's page, at the anchor of one of its observations, milestones or
        commitments."""
        page = self.to(f"{SOURCES_DIR}/{document_id}.html")
        return page + (f"#{anchor(anchor_id)}" if anchor_id else "")

    def region(self, code: str | None) -> str:
        return self.to(f"{REGIONS_DIR}/{region_slug(code)}.html")

    def indicator(self, indicator_id: str | None) -> str:
        """The indicator's entry on the registry page (the page itself for an unclassified
        number)."""
        page = self.to(REGISTRY_PAGE)
        return page + (f"#indicator-{anchor(indicator_id)}" if indicator_id else "")

    def analysis(self, name: str, section: str | None = None) -> str:
        """One of the analysis pages (:data:`ANALYSIS_PAGES`), at a section id."""
        return self.to(ANALYSIS_PAGES[name]) + (f"#{section}" if section else "")

    def figure(self, name: str, suffix: str) -> str:
        return self.to(f"{FIGURES_DIR}/{name}.{suffix}")

    def table(self, name: str, suffix: str = "html") -> str:
        return self.to(f"{TABLES_DIR}/{name}.{suffix}")


def plans_section() -> str:
    """The id of the plans section of the ambition page (pandoc's identifier of its heading)."""
    from fazhi_stats.build.site.identifiers import pandoc_identifier

    return pandoc_identifier(PLANS_SECTION)


#: Links from a page at the site's root (the default of every table).
ROOT_LINKS = SiteLinks()


def md_link(text: str, href: str, *, title: str | None = None) -> str:
    """A markdown link; ``text`` is used as it is (escape it with :func:`md` if it is data)."""
    if title:
        clean = " ".join(title.split()).replace("\\", "\\\\").replace('"', '\\"')
        return f'[{text}]({href} "{clean}")'
    return f"[{text}]({href})"
