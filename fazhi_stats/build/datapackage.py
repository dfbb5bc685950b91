"""Build stage ``datapackage``: the Data Package describing every processed file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fazhi_stats.build.stage import Stage
from fazhi_stats.config import StudyConfig
from fazhi_stats.io import atomic_write_bytes, json_bytes
from fazhi_stats.project import Project
from fazhi_stats.schema.processed import TABLES


class DatapackageStage(Stage[dict[str, Any], dict[str, Any]]):
    """Always run after any stage that wrote ``data/processed``, so its hashes stay true."""

    name = "datapackage"
    description = "describe the processed files (columns, sources, input hashes)"
    after = "compare"

    def inputs(self, project: Project) -> list[Path]:
        return [
            path
            for t in TABLES.values()
            for path in (project.processed_dir / t.path,)
            if path.exists()
        ]

    def load(self, project: Project) -> dict[str, Any]:
        from fazhi_stats.schema.datapackage import build_datapackage

        return build_datapackage(project)

    def process(self, data: dict[str, Any], config: StudyConfig) -> dict[str, Any]:
        return data

    def save(self, result: dict[str, Any], project: Project) -> list[Path]:
        path = project.processed_dir / "datapackage.json"
        atomic_write_bytes(path, json_bytes(result))
        return [path]
