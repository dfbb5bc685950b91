"""Build stage ``compare``: observations → attainment, ambition, consistency, proportions."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from fazhi_stats.build.stage import Stage
from fazhi_stats.config import StudyConfig
from fazhi_stats.project import Project
from fazhi_stats.schema.comparisons import AMBITION, ATTAINMENT, CONSISTENCY, PROPORTIONS
from fazhi_stats.schema.frames import write_table
from fazhi_stats.schema.processed import OBSERVATIONS, TableSchema

if TYPE_CHECKING:
    import polars as pl

Tables = dict[TableSchema, "pl.DataFrame"]


class CompareStage(Stage["pl.DataFrame", Tables]):
    name = "compare"
    description = "write attainment, ambition, consistency and proportions"
    after = "process"

    def inputs(self, project: Project) -> list[Path]:
        return [project.processed_dir / OBSERVATIONS.path]

    def load(self, project: Project) -> pl.DataFrame:
        from fazhi_stats.schema.load import load_observations

        # the processed directory, not the root: during a build it is the staging copy
        frame: pl.DataFrame = load_observations(project.processed_dir)
        return frame

    def process(self, data: pl.DataFrame, config: StudyConfig) -> Tables:
        from fazhi_stats.compare.ambition import ambition_table
        from fazhi_stats.compare.attainment import assess_targets
        from fazhi_stats.compare.consistency import check_consistency
        from fazhi_stats.compare.proportions import proportion_intervals

        settings = config.settings
        return {
            ATTAINMENT: assess_targets(data, settings=settings),
            AMBITION: ambition_table(data, settings=settings),
            CONSISTENCY: check_consistency(data, settings=settings),
            PROPORTIONS: proportion_intervals(data, settings=settings),
        }

    def save(self, result: Tables, project: Project) -> list[Path]:
        written: list[Path] = []
        for schema, frame in result.items():
            written += write_table(frame.to_dicts(), schema, project.processed_dir)
        return written
