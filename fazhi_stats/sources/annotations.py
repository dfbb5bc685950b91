"""Curated observations: loading annotation files and validating them against their documents.

Validation is lazy in the pandera sense: every problem of every file is collected and reported
together, each naming the file, the line of the entry, the entry and what was expected. The time
fields are checked by :mod:`fazhi_stats.sources.dating`, milestones by
:mod:`fazhi_stats.sources.milestones`.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from fazhi_stats.errors import DataError, Problem
from fazhi_stats.registry import Indicator, load_indicators, load_units
from fazhi_stats.sources.crosschecks import cross_checks
from fazhi_stats.sources.dating import check_dating
from fazhi_stats.sources.documents import Document
from fazhi_stats.sources.entries import entry_lines, find_quote, number
from fazhi_stats.sources.milestones import Milestone, check_hedge, check_milestone
from fazhi_stats.text.quantities import quantity_from_match, quantity_pattern
from fazhi_stats.text.units import UnitMismatch, standardise
from fazhi_stats.vocabulary import COMPARATORS, KINDS, Comparator, Kind

__all__ = ["Milestone", "Observation", "load_annotations", "values_in_text"]

_OBS_FIELDS = {
    "indicator_id",
    "kind",
    "comparator",
    "value",
    "value_upper",
    "unit",
    "per",
    "year",
    "period",
    "from_year",
    "months",
    "as_of",
    "as_of_kind",
    "scope",
    "quote",
    "occurrence",
    "hedge",
    "note",
    "reviewed",
}


@dataclass(frozen=True)
class Observation:
    """One curated observation with its provenance (quote and offsets in the decoded text)."""

    observation_id: str
    document_id: str
    region_code: str | None
    indicator_id: str
    kind: Kind
    comparator: Comparator
    value: float
    value_upper: float | None
    unit: str
    per: str | None
    year: int | None
    period_start: int | None
    period_end: int | None
    from_year: int | None
    month_start: int | None
    month_end: int | None
    as_of: dt.date | None
    as_of_kind: str | None
    scope: str
    quote: str
    char_start: int
    char_end: int
    hedged: bool
    hedge: str | None
    value_std: float
    value_std_upper: float | None
    unit_std: str
    assumption: str | None
    note: str | None
    source_line: int


def _load_file(path: Path) -> tuple[dict[str, Any], list[int], list[int]]:
    from fazhi_stats._yaml import read_yaml

    data = read_yaml(path)
    if not isinstance(data, dict):
        raise DataError(
            [
                Problem(
                    str(path), "", "expected a mapping with document_id, observations, milestones"
                )
            ]
        )
    text = path.read_text(encoding="utf-8")
    return data, entry_lines(text, "observations"), entry_lines(text, "milestones")


def values_in_text(text: str) -> set[float]:
    """Every number the quantity parser reads in ``text`` (normalised), as floats."""
    norm = unicodedata.normalize("NFKC", text)
    found: set[float] = set()
    for match in quantity_pattern().finditer(norm):
        try:
            q = quantity_from_match(match, match.group())
        except ValueError:
            continue
        found.add(q.value)
        if q.value_upper is not None:
            found.add(q.value_upper)
    return found


def _check_observation(
    item: Mapping[str, Any],
    entry: str,
    file: str,
    line: int | None,
    doc: Document,
    indicators: Mapping[str, Indicator],
    problems: list[Problem],
) -> dict[str, Any] | None:
    """Validate one entry; return its normalised fields, or None if it cannot be used."""
    n_before = len(problems)

    def bad(message: str, expected: str = "") -> None:
        problems.append(Problem(file, entry, message, expected, line))

    if item.get("reviewed") is False:
        bad(
            "draft entry not yet reviewed (reviewed: false)",
            "a curator to check it against the document, fill scope and kind, and remove `reviewed: false`",
        )
        return None
    unknown = sorted(set(item) - _OBS_FIELDS - {"hedged"})
    if unknown:
        bad(f"unknown field(s) {unknown}", f"fields among {sorted(_OBS_FIELDS)}")
    if "hedged" in item:  # the field before the hedge word was recorded
        bad(
            "`hedged` without the word that hedges",
            "hedge: the hedge word as written in the sentence (力争, 努力, 可 …)",
        )
    for key in ("indicator_id", "kind", "value", "unit", "quote", "scope"):
        if item.get(key) in (None, ""):
            bad(f"missing field {key!r}")
    if len(problems) > n_before:
        return None
    ind_id = str(item["indicator_id"])
    indicator = indicators.get(ind_id)
    if indicator is None:
        bad(
            f"unknown indicator {ind_id!r}",
            "an id of the indicator registry (fazhi_stats/registry/indicators.yml)",
        )
    kind = item["kind"]
    if kind not in KINDS:
        bad(f"unknown kind {kind!r}", KINDS.expected())
    comparator = item.get("comparator", "eq")
    if comparator not in COMPARATORS:
        bad(f"unknown comparator {comparator!r}", COMPARATORS.expected())
    value = number(item["value"])
    value_upper = number(item.get("value_upper")) if item.get("value_upper") is not None else None
    if value is None:
        bad(
            f"value {item['value']!r} is not a number",
            "a number as written (Chinese numerals as their value)",
        )
    elif value < 0:
        bad(f"negative value {value:g}", "a count, amount or rate of at least 0")
    if item.get("value_upper") is not None and (
        value_upper is None or (value is not None and value_upper < value)
    ):
        bad(
            f"value_upper {item.get('value_upper')!r} is not a number above value",
            "value <= value_upper",
        )
    per = item.get("per")
    pers = sorted({p.per for p in load_units().periods.values()})  # recurrences of units.yml
    if per is not None and per not in pers:
        bad(f"unknown per {per!r}", f"one of {pers}")
    dating = check_dating(item, bad)
    if kind == "baseline" and item.get("hedge") is not None:
        bad("a hedged baseline", "a baseline is a value before a reform, stated as a fact")
    occurrence = item.get("occurrence")
    found_span = find_quote(doc.text, str(item["quote"]), occurrence)
    span: tuple[int, int] | None = None
    if isinstance(found_span, str):
        bad(found_span, "a verbatim substring of the decoded document, unique or with `occurrence`")
    else:
        span = found_span
    hedge = check_hedge(item.get("hedge"), doc.text, span, bad) if span is not None else None
    if value is not None and span is not None:
        found = values_in_text(str(item["quote"]))
        if value not in found:
            bad(
                f"value {value:g} does not occur in the quote {item['quote']!r}",
                "the number written in the quote (Arabic digits or Chinese numerals)",
            )
        if value_upper is not None and value_upper not in found:
            bad(f"value_upper {value_upper:g} does not occur in the quote")
    std = None
    if indicator is not None and value is not None:
        try:
            std = standardise(
                value,
                str(item["unit"]),
                indicator,
                value_upper=value_upper,
                per=per,
                single_year=dating.period_start == dating.period_end
                or dating.from_year is not None
                or per is not None,
            )
        except UnitMismatch as exc:
            bad(str(exc), f"a unit that converts to {indicator.unit}")
        if indicator.unit == "percent" and not indicator.change and not 0 <= value <= 100:
            bad(
                f"percentage {value:g} outside 0–100",
                "0 <= value <= 100 (only a change may exceed it)",
            )
    if (
        len(problems) > n_before
        or std is None
        or span is None
        or value is None
        or indicator is None
    ):
        return None
    return {
        "indicator_id": ind_id,
        "kind": kind,
        "comparator": comparator,
        "value": value,
        "value_upper": value_upper,
        "unit": str(item["unit"]),
        "per": per,
        "year": dating.year,
        "period_start": dating.period_start,
        "period_end": dating.period_end,
        "from_year": dating.from_year,
        "month_start": dating.month_start,
        "month_end": dating.month_end,
        "as_of": dating.as_of,
        "as_of_kind": dating.as_of_kind,
        "scope": str(item["scope"]),
        "quote": str(item["quote"]),
        "char_start": span[0],
        "char_end": span[1],
        "hedged": hedge is not None,
        "hedge": hedge,
        "value_std": std.value_std,
        "value_std_upper": std.value_std_upper,
        "unit_std": std.unit_std,
        "assumption": std.assumption,
        "note": item.get("note"),
    }


def load_annotations(
    annotations_dir: Path, documents: Mapping[str, Document]
) -> tuple[list[Observation], list[Milestone]]:
    """Load and validate every ``<document_id>.yml``; raise DataError listing every problem."""
    indicators = load_indicators()
    problems: list[Problem] = []
    observations: list[Observation] = []
    milestones: list[Milestone] = []
    files: dict[str, str] = {}
    annotation_files = sorted(Path(annotations_dir).glob("*.yml"))
    for path in annotation_files:
        file = str(path)
        try:
            data, obs_lines, ms_lines = _load_file(path)
        except DataError as exc:
            problems.extend(exc.problems)
            continue
        doc_id = str(data.get("document_id", ""))
        if doc_id != path.stem:
            problems.append(
                Problem(file, "document_id", f"{doc_id!r} differs from the file name", path.stem)
            )
            continue
        doc = documents.get(doc_id)
        if doc is None:
            problems.append(
                Problem(
                    file,
                    "document_id",
                    f"no document {doc_id!r} in the corpus",
                    "a data/raw/documents/<document_id>.txt with its sidecar",
                )
            )
            continue
        files[doc_id] = file
        items = data.get("observations") or []
        if not isinstance(items, list):
            problems.append(Problem(file, "observations", "expected a list"))
            items = []
        per_indicator: dict[str, int] = defaultdict(int)
        for i, item in enumerate(items):
            line = obs_lines[i] if i < len(obs_lines) else None
            label = f"observation {i + 1}"
            if isinstance(item, dict) and item.get("indicator_id"):
                label += f" ({item['indicator_id']})"
            if not isinstance(item, dict):
                problems.append(Problem(file, label, "expected a mapping", line=line))
                continue
            fields = _check_observation(item, label, file, line, doc, indicators, problems)
            if fields is None:
                continue
            per_indicator[fields["indicator_id"]] += 1
            observations.append(
                Observation(
                    observation_id="",
                    document_id=doc_id,
                    region_code=doc.meta.region_code,
                    source_line=line or 0,
                    **fields,
                )
            )
        entries = data.get("milestones") or []
        if not isinstance(entries, list):
            problems.append(Problem(file, "milestones", "expected a list"))
            entries = []
        for i, item in enumerate(entries):
            line = ms_lines[i] if i < len(ms_lines) else None
            if not isinstance(item, dict):
                problems.append(
                    Problem(file, f"milestone {i + 1}", "expected a mapping", line=line)
                )
                continue
            milestone = check_milestone(item, i + 1, file, line, doc, problems)
            if milestone is not None:
                milestones.append(milestone)
    cross_checks(observations, files, problems)
    if problems:
        raise DataError(problems)
    return _assign_ids(observations), sorted(
        milestones, key=lambda m: (m.document_id, m.char_start, m.milestone_id)
    )


def _assign_ids(observations: list[Observation]) -> list[Observation]:
    """Readable, stable ids: ``<document_id>/<indicator_id>/<n>`` in text order."""
    ordered = sorted(
        observations,
        key=lambda o: (o.document_id, o.char_start, o.char_end, o.indicator_id, o.source_line),
    )
    counts: dict[tuple[str, str], int] = defaultdict(int)
    out = []
    for o in ordered:
        counts[(o.document_id, o.indicator_id)] += 1
        out.append(
            replace(
                o,
                observation_id=f"{o.document_id}/{o.indicator_id}/{counts[(o.document_id, o.indicator_id)]}",
            )
        )
    return out
