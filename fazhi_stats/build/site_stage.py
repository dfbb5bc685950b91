"""Build stage ``site``: the pages rendered into ``_site/`` (Quarto, or the fallback)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from fazhi_stats.build.stage import Stage
from fazhi_stats.config import StudyConfig
from fazhi_stats.project import Project

if TYPE_CHECKING:
    from fazhi_stats.build.site import RenderResult


class SiteStage(Stage[Project, "RenderResult"]):
    """Renders into its own staging directory and swaps ``_site/`` in when every page
    succeeded (so it is not part of the staged data, figures and tables)."""

    name = "site"
    description = "render the website into _site/ (quarto, or the nbclient fallback)"
    after = "pages"
    staged = False

    def inputs(self, project: Project) -> list[Path]:
        from fazhi_stats.build.site import load_site_config

        config = load_site_config(project.root)
        return [project.root / "_quarto.yml", *(project.root / p for p in config.pages)]

    def load(self, project: Project) -> Project:
        from fazhi_stats.build.pages_stage import stale_pages
        from fazhi_stats.build.report import require_study_extra

        if shutil.which("quarto") is None:
            require_study_extra("nbclient", "nbconvert", "ipykernel", "matplotlib", "great_tables")
        stale = stale_pages(project)
        if stale:
            from fazhi_stats.errors import FazhiError

            shown = ", ".join(stale[:5]) + (" …" if len(stale) > 5 else "")
            raise FazhiError(
                f"the generated pages are not those of the data on disk ({shown}): run "
                "`fazhi-stats build --only pages site`"
            )
        return project

    def process(self, data: Project, config: StudyConfig) -> RenderResult:
        from fazhi_stats.build.site import render_site

        def progress(page: str) -> None:
            print(f"    page {page} ✓", file=sys.stderr, flush=True)

        return render_site(data, progress=progress)

    def save(self, result: RenderResult, project: Project) -> list[Path]:
        return [result.output_dir]

    def notices(self, result: RenderResult) -> tuple[str, ...]:
        return (result.notice,) if result.notice else ()
