"""The study's website: ``quarto render`` where Quarto is installed, a faithful fallback elsewhere.

One module per job: :mod:`~.qmd` parses pages, :mod:`~.config` reads ``_quarto.yml``,
:mod:`~.quarto` runs Quarto, :mod:`~.notebook` builds and executes a page's notebook,
:mod:`~.postprocess` and :mod:`~.identifiers` do what Quarto does after execution,
:mod:`~.export` writes the page through the nbconvert template in ``templates/fazhi/``,
:mod:`~.render` renders the whole site and swaps it in. The build stage that calls it is
:class:`fazhi_stats.build.site_stage.SiteStage`.
"""

from __future__ import annotations

from fazhi_stats.build.site.config import NavItem, SiteConfig, load_site_config, resource_files
from fazhi_stats.build.site.errors import SiteBuildError
from fazhi_stats.build.site.export import FALLBACK_NOTICE, export_page
from fazhi_stats.build.site.notebook import build_notebook, execute_page
from fazhi_stats.build.site.qmd import Chunk, Page, parse_qmd
from fazhi_stats.build.site.render import RenderResult, render_fallback, render_site
from fazhi_stats.build.site.settings import RenderSettings

__all__ = [
    "FALLBACK_NOTICE",
    "Chunk",
    "NavItem",
    "Page",
    "RenderResult",
    "RenderSettings",
    "SiteBuildError",
    "SiteConfig",
    "build_notebook",
    "execute_page",
    "export_page",
    "load_site_config",
    "parse_qmd",
    "render_fallback",
    "render_site",
    "resource_files",
]
