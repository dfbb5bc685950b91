"""Commitments of each plan and of each report's plan section, with their flags and links.

A commitment is *quantified* when an observation's quote lies inside it, *dated* when a
deadline or recurring deadline (not a start) lies inside it or in a heading above it, has a
*responsible unit* when it names one, and is *hedged* by the hedge words it uses. Every
observation and milestone of a plan (of a report: of its plan sections) must belong to some
commitment; one that does not is reported, since it means the segmentation missed a task.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from fazhi_stats.errors import DataError, Problem
from fazhi_stats.extract.sections import document_layout
from fazhi_stats.registry import load_family_keywords, load_indicators
from fazhi_stats.sources.annotations import Milestone, Observation
from fazhi_stats.sources.commitments.corrections import CommitmentCorrection
from fazhi_stats.sources.commitments.flags import (
    RESPONSIBILITY_LABEL,
    classify_family,
    inline_responsibility,
    lead_unit,
    unit_text,
)
from fazhi_stats.sources.commitments.structure import Segment, segment_text
from fazhi_stats.sources.documents import Document
from fazhi_stats.text.hedges import hedge_words

_DEADLINE_KINDS = ("deadline", "recurring")
_STRUCTURE_ORDER = ("add", "split", "merge", "exclude")


@dataclass(frozen=True)
class Commitment:
    """One commitment (task item or task sentence) with its flags, links and provenance."""

    commitment_id: str
    document_id: str
    doc_kind: str
    region_code: str | None
    section: str
    marker: str
    form: str
    role: str
    family: str
    family_basis: str
    observation_ids: tuple[str, ...]
    milestone_ids: tuple[str, ...]
    dated: bool
    responsible_unit: str | None
    hedges: tuple[str, ...]
    quote: str
    char_start: int
    char_end: int
    curator_note: str | None = None

    @property
    def quantified(self) -> bool:
        return bool(self.observation_ids)

    @property
    def hedged(self) -> bool:
        return bool(self.hedges)


def commitment_scope(doc: Document) -> list[tuple[int, int]]:
    """Spans of a document that hold commitments: a plan's whole text, a report's plan sections."""
    if doc.meta.doc_kind == "report":
        return list(document_layout(doc.text, genre="report").target_sections)
    return [(0, len(doc.text))]


def _structure(doc: Document) -> tuple[list[tuple[int, int]], list[Segment]]:
    """Where a document holds commitments, and its segments there (before any correction)."""
    scope = commitment_scope(doc)
    return scope, [s for start, end in scope for s in segment_text(doc.text, start, end)]


def _held(seg: Segment) -> list[tuple[int, int]]:
    """The spans whose numbers belong to a segment's commitment: its text and its headings."""
    return [(seg.start, seg.end), *seg.headings]


def outside_commitments(doc: Document, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The ``spans`` (of numbers) that lie where a document holds commitments but in none of
    them, as the document's structure gives them before any correction: what ``validate``
    refuses as "lies in no commitment" (``annotate --propose`` warns of them)."""
    scope, segments = _structure(doc)
    held = [_held(seg) for seg in segments]
    return [
        (a, b)
        for a, b in spans
        if _inside(a, b, scope) and not any(_inside(a, b, spans_of) for spans_of in held)
    ]


def _holding(segments: Sequence[Segment], c: CommitmentCorrection) -> int | None:
    for i, seg in enumerate(segments):
        if seg.start <= c.start and c.end <= seg.end:
            return i
    return None


def _restructure(
    text: str, segments: list[Segment], corrections: Iterable[CommitmentCorrection]
) -> tuple[list[Segment], dict[int, list[str]], list[Problem]]:
    """Segments after add/split/merge/exclude; reasons by segment start; problems."""
    problems: list[Problem] = []
    notes: dict[int, list[str]] = {}
    ordered = sorted(
        (c for c in corrections if c.action in _STRUCTURE_ORDER),
        key=lambda c: (_STRUCTURE_ORDER.index(c.action), c.index),
    )
    for c in ordered:
        i = _holding(segments, c)
        if c.action == "add":
            if any(s.start < c.end and c.start < s.end for s in segments):
                problems.append(c.problem("the quote overlaps a commitment the rules found"))
                continue
            segments.append(Segment(c.start, c.end, "sentence", "task", "", ()))
            segments.sort(key=lambda s: s.start)
            notes.setdefault(c.start, []).append(c.reason)
            continue
        if i is None:
            problems.append(
                c.problem("the quote lies in no commitment", "a quote inside one commitment")
            )
            continue
        seg = segments[i]
        if c.action == "split":
            if c.start == seg.start:
                problems.append(c.problem("a commitment already starts at the quote"))
                continue
            cut = c.start
            while cut > seg.start and text[cut - 1].isspace():
                cut -= 1
            segments[i : i + 1] = [replace(seg, end=cut), replace(seg, start=c.start, marker="")]
            notes.setdefault(c.start, []).append(c.reason)
        elif c.action == "merge":
            if i + 1 >= len(segments):
                problems.append(c.problem("no commitment after this one to merge with"))
                continue
            segments[i : i + 2] = [replace(seg, end=segments[i + 1].end)]
            notes.setdefault(seg.start, []).append(c.reason)
        else:  # exclude
            del segments[i]
    return segments, notes, problems


def _inside(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _flags(
    text: str,
    seg: Segment,
    observation_families: set[str],
    keywords: Mapping[str, Sequence[str]],
) -> dict[str, Any]:
    unit_span = inline_responsibility(text, seg.start, seg.end)
    label = RESPONSIBILITY_LABEL.search(text, seg.start, seg.end) if unit_span else None
    task_end = label.start() if label is not None else seg.end
    if unit_span is None:
        unit_span = lead_unit(text, seg.start, seg.end)
    task = (
        text[seg.start + len(seg.marker) : task_end].strip()
        if seg.marker
        else text[seg.start : task_end]
    )
    lead = task.split("。", 1)[0]
    headings = [text[s:e] for s, e in reversed(seg.headings)]
    if len(observation_families) == 1:  # its numbers say what it is about
        family, basis = next(iter(observation_families)), "observation"
    else:
        family, basis = classify_family([lead, task], headings, keywords=keywords)
    return {
        "responsible_unit": unit_text(text, unit_span),
        "hedges": tuple(hedge_words(task)),
        "family": family,
        "family_basis": basis,
        "section": " > ".join(text[s:e].strip() for s, e in seg.headings),
    }


def _override(commitment: Commitment, c: CommitmentCorrection, text: str) -> Commitment | Problem:
    if c.action == "family":
        if c.value == commitment.family:
            return c.problem(f"the rules already give family {c.value}", "remove the correction")
        return replace(commitment, family=str(c.value), family_basis="curator")
    if c.action == "role":
        if c.value == commitment.role:
            return c.problem(f"the rules already give role {c.value}", "remove the correction")
        return replace(commitment, role=str(c.value))
    hedges = () if c.value is None else (c.value,)
    if hedges == commitment.hedges:
        return c.problem("the rules already give this hedge", "remove the correction")
    if c.value is not None and c.value not in commitment.quote:
        return c.problem(f"hedge {c.value!r} is not in the commitment", "a word of its text")
    return replace(commitment, hedges=hedges)


def document_commitments(
    doc: Document,
    observations: Sequence[Observation],
    milestones: Sequence[Milestone],
    corrections: Sequence[CommitmentCorrection] = (),
) -> tuple[list[Commitment], list[Problem]]:
    """The commitments of one document, and the problems of its corrections and links."""
    text = doc.text
    scope, segments = _structure(doc)
    segments, notes, problems = _restructure(text, segments, corrections)
    indicators = load_indicators()
    keywords = load_family_keywords()
    out: list[Commitment] = []
    for n, seg in enumerate(segments, start=1):
        spans = _held(seg)
        inside = [o for o in observations if _inside(o.char_start, o.char_end, spans)]
        obs = sorted(o.observation_id for o in inside)
        linked = [m for m in milestones if _inside(m.char_start, m.char_end, spans)]
        out.append(
            Commitment(
                commitment_id=f"{doc.document_id}/commitment/{n}",
                document_id=doc.document_id,
                doc_kind=doc.meta.doc_kind,
                region_code=doc.meta.region_code,
                marker=seg.marker,
                form=seg.form,
                role=seg.role,
                observation_ids=tuple(obs),
                milestone_ids=tuple(sorted(m.milestone_id for m in linked)),
                dated=any(m.kind in _DEADLINE_KINDS for m in linked),
                quote=text[seg.start : seg.end],
                char_start=seg.start,
                char_end=seg.end,
                curator_note="; ".join(notes.get(seg.start, [])) or None,
                **_flags(text, seg, {o.family_in(indicators) for o in inside}, keywords),
            )
        )
    for c in (c for c in corrections if c.action not in _STRUCTURE_ORDER):
        i = next(
            (i for i, x in enumerate(out) if x.char_start <= c.start and c.end <= x.char_end), None
        )
        if i is None:
            problems.append(c.problem("the quote lies in no commitment", "a quote inside one"))
            continue
        result = _override(out[i], c, text)
        if isinstance(result, Problem):
            problems.append(result)
            continue
        note = "; ".join(filter(None, (result.curator_note, c.reason)))
        out[i] = replace(result, curator_note=note)
    problems += _unlinked(doc, scope, out, observations, milestones)
    return out, problems


def _unlinked(
    doc: Document,
    scope: Sequence[tuple[int, int]],
    commitments: Sequence[Commitment],
    observations: Sequence[Observation],
    milestones: Sequence[Milestone],
) -> list[Problem]:
    linked = {i for c in commitments for i in (*c.observation_ids, *c.milestone_ids)}
    problems = []
    for kind, items in (("observation", observations), ("milestone", milestones)):
        for item in items:
            ident = item.observation_id if isinstance(item, Observation) else item.milestone_id
            if ident in linked or not _inside(item.char_start, item.char_end, scope):
                continue
            problems.append(
                Problem(
                    str(doc.path),
                    f"{kind} {ident}",
                    f"lies in no commitment ({item.quote!r})",
                    "a commitment holding it: an `add` or `split` correction under `commitments:` "
                    "of the document's annotation file",
                )
            )
    return problems


def build_commitments(
    documents: Mapping[str, Document],
    observations: Sequence[Observation],
    milestones: Sequence[Milestone],
    corrections: Mapping[str, Sequence[CommitmentCorrection]],
) -> list[Commitment]:
    """The commitments of every document; raises DataError listing every problem."""
    problems: list[Problem] = []
    out: list[Commitment] = []
    for doc_id in sorted(documents):
        doc = documents[doc_id]
        found, doc_problems = document_commitments(
            doc,
            [o for o in observations if o.document_id == doc_id],
            [m for m in milestones if m.document_id == doc_id],
            corrections.get(doc_id, ()),
        )
        out += found
        problems += doc_problems
    if problems:
        raise DataError(problems)
    return out
