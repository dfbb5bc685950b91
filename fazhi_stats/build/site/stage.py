"""The build stage ``site``: render the website and report the fallback notice."""

from __future__ import annotations

import shutil
import sys
from typing import Any

from fazhi_stats.build.site.render import render_site


def stage_site(ctx: Any) -> None:
    """Build stage: render the site; record the fallback notice for the build's summary."""

    def progress(page: str) -> None:
        print(f"    page {page} ✓", file=sys.stderr, flush=True)

    from fazhi_stats.build.report import require_study_extra

    if shutil.which("quarto") is None:
        require_study_extra("nbclient", "nbconvert", "ipykernel", "matplotlib", "great_tables")
    result = render_site(ctx.project, progress=progress)
    ctx.written.append(result.output_dir)
    if result.notice:
        ctx.notices.append(result.notice)
