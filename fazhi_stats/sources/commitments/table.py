"""Commitments as rows of ``commitments.csv``, and the writer."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from fazhi_stats.registry import load_regions
from fazhi_stats.schema.commitments import COMMITMENTS
from fazhi_stats.schema.frames import write_table
from fazhi_stats.sources.annotations import Milestone, Observation
from fazhi_stats.sources.commitments.build import Commitment, build_commitments
from fazhi_stats.sources.commitments.corrections import CommitmentCorrection
from fazhi_stats.sources.documents import Document


def rows_of(commitments: Sequence[Commitment]) -> list[dict[str, Any]]:
    """One dict per commitment with the columns of :data:`~fazhi_stats.schema.commitments.COMMITMENTS`."""
    regions = load_regions()
    rows = []
    for c in commitments:
        region = regions.get(c.region_code) if c.region_code else None
        rows.append(
            {
                "commitment_id": c.commitment_id,
                "document_id": c.document_id,
                "doc_kind": c.doc_kind,
                "region_code": c.region_code,
                "region_name_zh": region.name_zh if region else None,
                "region_name_en": region.name_en if region else None,
                "section": c.section or None,
                "marker": c.marker or None,
                "form": c.form,
                "role": c.role,
                "family": c.family,
                "family_basis": c.family_basis,
                "quantified": c.quantified,
                "observation_ids": ";".join(c.observation_ids) or None,
                "dated": c.dated,
                "milestone_ids": ";".join(c.milestone_ids) or None,
                "has_responsible_unit": c.responsible_unit is not None,
                "responsible_unit": c.responsible_unit,
                "hedged": c.hedged,
                "hedge": ";".join(c.hedges) or None,
                "quote": c.quote,
                "char_start": c.char_start,
                "char_end": c.char_end,
                "curator_note": c.curator_note,
            }
        )
    return rows


def commitment_rows(
    documents: Mapping[str, Document],
    observations: Sequence[Observation],
    milestones: Sequence[Milestone],
    corrections: Mapping[str, Sequence[CommitmentCorrection]],
) -> list[dict[str, Any]]:
    """Rows of ``commitments.csv`` for a corpus; raises DataError listing every problem."""
    return rows_of(build_commitments(documents, observations, milestones, corrections))


def write_commitments(commitments: Sequence[Commitment], directory: Path) -> list[Path]:
    """Write ``commitments.csv`` atomically, sorted; returns the paths written."""
    return write_table(rows_of(commitments), COMMITMENTS, directory)
