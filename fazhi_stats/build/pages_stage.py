"""Build stage ``pages``: a page per source document and per region, written from the data.

Reads the processed tables and the raw documents (their text and sidecars: the source viewer
shows the text itself), writes ``reports/sources/<document_id>.qmd`` and
``reports/regions/<code>.qmd`` (see :mod:`fazhi_stats.study.pages`) into the build's staging
copy, and removes the pages of documents and regions that are gone, so the pages are never
stale. ``_quarto.yml`` lists them with the globs ``reports/sources/*.qmd`` and
``reports/regions/*.qmd``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from fazhi_stats.build.stage import Stage
from fazhi_stats.config import StudyConfig
from fazhi_stats.io import atomic_write_bytes
from fazhi_stats.project import Project

if TYPE_CHECKING:
    from fazhi_stats.sources.documents import Document
    from fazhi_stats.study.facts import Study


@dataclass(frozen=True)
class PagesInput:
    study: Study
    documents: dict[str, Document]


class PagesStage(Stage[PagesInput, dict[str, bytes]]):
    name = "pages"
    description = "a page per document (its text, highlighted) and per region, from the data"
    after = "report"

    def inputs(self, project: Project) -> list[Path]:
        from fazhi_stats.schema.processed import TABLES

        texts = sorted(project.documents_dir.glob("*.txt"))
        sidecars = sorted(project.documents_dir.glob("*.yml"))
        return [*(project.processed_dir / t.path for t in TABLES.values()), *texts, *sidecars]

    def load(self, project: Project) -> PagesInput:
        from fazhi_stats.build.report import require_study_extra
        from fazhi_stats.sources.documents import load_sources
        from fazhi_stats.study.facts import load_study

        require_study_extra("great_tables")
        return PagesInput(load_study(project, base=""), load_sources(project.documents_dir))

    def process(self, data: PagesInput, config: StudyConfig) -> dict[str, bytes]:
        from fazhi_stats.study.pages import generated_pages

        return generated_pages(data.study, data.documents)

    def save(self, result: dict[str, bytes], project: Project) -> list[Path]:
        out = project.output_root or project.root
        written = []
        for folder in (project.source_pages_dir, project.region_pages_dir):
            folder.mkdir(parents=True, exist_ok=True)
            for old in folder.glob("*.qmd"):
                if old.relative_to(out).as_posix() not in result:
                    old.unlink()  # the page of a document or region that is gone
        for rel, data in sorted(result.items()):
            atomic_write_bytes(out / rel, data)
            written.append(out / rel)
        return written


def stale_pages(project: Project) -> list[str]:
    """Generated pages that differ from what the data on disk gives (missing, changed or
    left over), as paths under the study's root; none for a site without processed data."""
    from fazhi_stats.sources.documents import load_sources
    from fazhi_stats.study.facts import load_study
    from fazhi_stats.study.pages import generated_pages

    if not (project.processed_dir / "documents.csv").is_file():
        return []
    fresh = generated_pages(load_study(project, base=""), load_sources(project.documents_dir))
    on_disk = {
        p.relative_to(project.root).as_posix(): p
        for folder in (project.source_pages_dir, project.region_pages_dir)
        if folder.is_dir()
        for p in folder.glob("*.qmd")
    }
    changed = [
        rel
        for rel, data in fresh.items()
        if rel not in on_disk or on_disk[rel].read_bytes() != data
    ]
    return sorted([*changed, *(rel for rel in on_disk if rel not in fresh)])
