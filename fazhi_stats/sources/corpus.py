"""Stage 2: validated documents and annotations → processed tables with provenance."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fazhi_stats.errors import DataError, Problem
from fazhi_stats.project import Project
from fazhi_stats.registry import load_indicators, load_regions
from fazhi_stats.schema.frames import write_table
from fazhi_stats.schema.processed import DOCUMENTS, MILESTONES, OBSERVATIONS
from fazhi_stats.sources.annotations import Milestone, Observation, load_annotations
from fazhi_stats.sources.documents import Document, read_sources

if TYPE_CHECKING:
    from fazhi_stats.sources.commitments import Commitment


@dataclass(frozen=True)
class Corpus:
    """Everything stage 2 produces, in memory."""

    documents: Mapping[str, Document]
    observations: list[Observation]
    milestones: list[Milestone]
    commitments: list[Commitment] = field(default_factory=list)


def validate_corpus(project: Project) -> Corpus:
    """Load and validate documents, annotations and the commitments of the plans (with the
    curator's corrections); raise DataError listing every problem of every file."""
    from fazhi_stats.sources.commitments import build_commitments
    from fazhi_stats.sources.commitments.corrections import read_corrections

    documents, problems = read_sources(project.documents_dir)
    problems += _unknown_study_regions(project)
    # the annotations of a document that cannot be read are checked once it can be
    unreadable = {p.stem for p in project.documents_dir.glob("*.txt")} - set(documents)
    readable = project.annotations_dir
    corrections, more = read_corrections(readable, documents)
    problems += more
    try:
        observations, milestones = load_annotations(
            readable, documents, settings=project.config.settings, skip=unreadable
        )
    except DataError as exc:  # links to observations need valid annotations
        raise DataError(_unique([*problems, *exc.problems])) from None
    try:
        commitments = build_commitments(documents, observations, milestones, corrections)
    except DataError as exc:
        problems += exc.problems
    if problems:
        raise DataError(_unique(problems))
    return Corpus(documents, observations, milestones, commitments)


def _unknown_study_regions(project: Project) -> list[Problem]:
    """A region of ``study.yml`` the registries lack (a typo, or a region to declare)."""
    from fazhi_stats.sources.adding import REGIONS_FILE, unknown_region_expected

    config = project.config
    known = project.registry.regions
    registry_file = project.registry_dir / REGIONS_FILE
    return [
        Problem(
            config.source,
            "regions",
            f"unknown region {code!r}",
            unknown_region_expected(code, registry_file, known),
        )
        for code in config.regions
        if code not in known
    ]


def _unique(problems: list[Problem]) -> list[Problem]:
    """Each problem once (two readers of one file report its syntax error alike), in order."""
    return list(dict.fromkeys(problems))


def document_rows(documents: Mapping[str, Document]) -> list[dict[str, Any]]:
    regions = load_regions()
    rows = []
    for doc in documents.values():
        m = doc.meta
        region = regions.get(m.region_code) if m.region_code else None
        rows.append(
            {
                "document_id": m.document_id,
                "title_zh": m.title_zh,
                "issuer_zh": m.issuer_zh,
                "region_code": m.region_code,
                "region_name_zh": region.name_zh if region else None,
                "region_name_en": region.name_en if region else None,
                "doc_kind": m.doc_kind,
                "period_start": m.period_start,
                "period_end": m.period_end,
                "date_issued": m.date_issued,
                "date_published": m.date_published,
                "doc_number": m.doc_number,
                "source_file": m.source_file,
                "source_url": m.source_url,
                "encoding": doc.encoding,
                "n_chars": len(doc.text),
                "sha256": m.sha256,
                "note": m.note,
            }
        )
    return rows


def observation_rows(observations: list[Observation]) -> list[dict[str, Any]]:
    indicators = load_indicators()
    regions = load_regions()
    rows = []
    for o in observations:
        row = dataclasses.asdict(o)
        row.pop("source_line")
        label = row.pop("label_zh")
        ind = indicators[o.indicator_id] if o.indicator_id is not None else None
        region = regions.get(o.region_code) if o.region_code else None
        row |= {
            "indicator_name_zh": ind.name_zh if ind else label,
            "indicator_name_en": ind.name_en if ind else None,
            "family": o.family_in(indicators),
            "classified": o.classified,
            "region_name_zh": region.name_zh if region else None,
            "region_name_en": region.name_en if region else None,
        }
        rows.append(row)
    return rows


def milestone_rows(milestones: list[Milestone]) -> list[dict[str, Any]]:
    return [dataclasses.asdict(m) for m in milestones]


def write_processed(corpus: Corpus, directory: Path) -> list[Path]:
    """Write documents.csv, observations.csv/.parquet and milestones.csv atomically."""
    written = write_table(document_rows(corpus.documents), DOCUMENTS, directory)
    written += write_table(
        observation_rows(corpus.observations), OBSERVATIONS, directory, parquet=True
    )
    written += write_table(milestone_rows(corpus.milestones), MILESTONES, directory)
    return written
