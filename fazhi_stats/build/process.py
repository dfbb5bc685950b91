"""Build stage ``process``: documents and annotations → the processed observation tables."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fazhi_stats.build.inputs import raw_inputs
from fazhi_stats.build.stage import Stage
from fazhi_stats.config import StudyConfig
from fazhi_stats.project import Project
from fazhi_stats.schema.commitments import COMMITMENTS
from fazhi_stats.schema.frames import write_table
from fazhi_stats.schema.processed import DOCUMENTS, MILESTONES, OBSERVATIONS, TableSchema
from fazhi_stats.sources.commitments import rows_of
from fazhi_stats.sources.corpus import (
    Corpus,
    document_rows,
    milestone_rows,
    observation_rows,
    validate_corpus,
)


@dataclass(frozen=True)
class ProcessedTables:
    """Rows of each processed table, by schema."""

    tables: tuple[tuple[TableSchema, list[dict[str, Any]]], ...]


class ProcessStage(Stage[Corpus, ProcessedTables]):
    name = "process"
    description = (
        "validate documents and annotations; write observations, documents, milestones, commitments"
    )

    def inputs(self, project: Project) -> list[Path]:
        return raw_inputs(project)

    def load(self, project: Project) -> Corpus:
        return validate_corpus(project)

    def process(self, data: Corpus, config: StudyConfig) -> ProcessedTables:
        return ProcessedTables(
            (
                (DOCUMENTS, document_rows(data.documents)),
                (OBSERVATIONS, observation_rows(data.observations)),
                (MILESTONES, milestone_rows(data.milestones)),
                (COMMITMENTS, rows_of(data.commitments)),
            )
        )

    def save(self, result: ProcessedTables, project: Project) -> list[Path]:
        written: list[Path] = []
        for schema, rows in result.tables:
            parquet = schema is OBSERVATIONS
            written += write_table(rows, schema, project.processed_dir, parquet=parquet)
        return written
