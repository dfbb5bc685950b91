"""The commitments of plans: segmentation by the rules of the genre, a curator's corrections,
flags (quantified, dated, responsible unit, hedged) and ``commitments.csv``.

A plan is a list of commitments: numbered headings and items (一、 (一) 1. (1)), each a task,
often followed by the unit that does it (责任单位: …; …牵头), sometimes a deadline. The rules
(:mod:`.structure`, :mod:`.flags`) cut and describe them; a curator reviews every row and keeps
the corrections as data (:mod:`.corrections`); :mod:`.build` links them to the observations
and milestones inside them and checks that none of those is left outside.

>>> from fazhi_stats.sources.commitments import segment_text
>>> [s.form for s in segment_text("一、落实学法制度,每年举办讲座。\\n(责任单位:县法制办)")]
['item']
"""

from fazhi_stats.sources.commitments.build import (
    Commitment,
    build_commitments,
    commitment_scope,
    document_commitments,
)
from fazhi_stats.sources.commitments.corrections import CommitmentCorrection, load_corrections
from fazhi_stats.sources.commitments.structure import Segment, segment_text
from fazhi_stats.sources.commitments.table import commitment_rows, rows_of, write_commitments

__all__ = [
    "Commitment",
    "CommitmentCorrection",
    "Segment",
    "build_commitments",
    "commitment_rows",
    "commitment_scope",
    "document_commitments",
    "load_corrections",
    "rows_of",
    "segment_text",
    "write_commitments",
]
