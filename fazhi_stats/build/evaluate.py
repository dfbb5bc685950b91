"""Build stage ``evaluate``: how well the extractor does on the study and on real unseen text.

Two tables: ``extraction_quality.csv`` against the study's curated observations, and
``extraction_quality_development.csv`` against the development set (real texts with a gold
file labelling every numeric token, ``tests/data/evaluation/``) when the study has one.
"""

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
    gold: Path | None  # the development set's gold file


@dataclass(frozen=True)
class Evaluation:
    annotations: list[Quality]
    development: list[Quality] | None


def _development_inputs(gold: Path) -> list[Path]:
    """The gold file and the texts (and sidecars) beside it."""
    texts = sorted(p for p in gold.parent.rglob("*") if p.suffix in (".txt", ".yml"))
    return [gold, *texts]


class EvaluateStage(Stage[EvaluationInputs, Evaluation]):
    name = "evaluate"
    description = "extraction against the annotations and the development set"

    def inputs(self, project: Project) -> list[Path]:
        gold = project.evaluation_gold_path
        return [*raw_inputs(project), *(_development_inputs(gold) if gold.is_file() else [])]

    def load(self, project: Project) -> EvaluationInputs:
        gold = project.evaluation_gold_path
        annotated = tuple(sorted(p.stem for p in project.annotations_dir.glob("*.yml")))
        return EvaluationInputs(
            validate_corpus(project), annotated, gold if gold.is_file() else None
        )

    def process(self, data: EvaluationInputs, config: StudyConfig) -> Evaluation:
        from fazhi_stats.extract.gold import compare_gold
        from fazhi_stats.extract.quality import compare_documents

        corpus = data.corpus
        rows = quality_table(
            compare_documents(corpus.documents, corpus.observations, document_ids=data.annotated)
        )
        development = quality_table(compare_gold(data.gold)) if data.gold else None
        return Evaluation(rows, development)

    def save(self, result: Evaluation, project: Project) -> list[Path]:
        path = project.tables_dir / "extraction_quality.csv"
        write_quality_csv(path, result.annotations)
        written = [path]
        if result.development is not None:
            path = project.tables_dir / "extraction_quality_development.csv"
            write_quality_csv(path, result.development)
            written.append(path)
        return written
