"""The build's stages by name, in build order: what the command line lists and checks
without importing the stages (and the libraries they use)."""

from __future__ import annotations

#: Stage names in build order; :data:`fazhi_stats.build.pipeline.STAGES` follows it.
STAGE_NAMES: tuple[str, ...] = (
    "process",
    "compare",
    "evaluate",
    "datapackage",
    "report",
    "pages",
    "site",
)
