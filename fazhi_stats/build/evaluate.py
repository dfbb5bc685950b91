"""Build stage ``evaluate``: how well the extractor finds the curated observations."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fazhi_stats.build.inputs import raw_inputs
from fazhi_stats.build.stage import Stage
from fazhi_stats.config import StudyConfig
from fazhi_stats.extract.quality import Quality, quality_table, write_quality_csv
from fazhi_stats.project import Project
from fazhi_stats.sources.corpus import Corpus, validate_corpus


@dataclass(frozen=True)
class EvaluationInputs:
    corpus: Corpus
    annotated: tuple[str, ...]  # documents with an annotation file (even an empty one)
    holdout: Path | None


@dataclass(frozen=True)
class Evaluation:
    annotations: list[Quality]
    holdout: list[Quality] | None


class EvaluateStage(Stage[EvaluationInputs, Evaluation]):
    name = "evaluate"
    description = "extraction against the annotations and the holdout set"

    def inputs(self, project: Project) -> list[Path]:
        holdout = project.extraction_holdout_path
        return [*raw_inputs(project), *([holdout] if holdout.is_file() else [])]

    def load(self, project: Project) -> EvaluationInputs:
        holdout = project.extraction_holdout_path
        annotated = tuple(sorted(p.stem for p in project.annotations_dir.glob("*.yml")))
        return EvaluationInputs(
            validate_corpus(project), annotated, holdout if holdout.is_file() else None
        )

    def process(self, data: EvaluationInputs, config: StudyConfig) -> Evaluation:
        from fazhi_stats.extract.quality import compare_documents, compare_holdout

        corpus = data.corpus
        rows = quality_table(
            compare_documents(corpus.documents, corpus.observations, document_ids=data.annotated)
        )
        holdout = quality_table(compare_holdout(data.holdout)) if data.holdout else None
        return Evaluation(rows, holdout)

    def save(self, result: Evaluation, project: Project) -> list[Path]:
        path = project.tables_dir / "extraction_quality.csv"
        write_quality_csv(path, result.annotations)
        written = [path]
        if result.holdout is not None:
            path = project.tables_dir / "extraction_quality_holdout.csv"
            write_quality_csv(path, result.holdout)
            written.append(path)
        return written
