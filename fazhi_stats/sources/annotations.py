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
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from fazhi_stats.errors import DataError, Problem
from fazhi_stats.registry import Indicator, load_indicators, load_units
from fazhi_stats.settings import DEFAULT_SETTINGS, Settings
from fazhi_stats.sources.crosschecks import cross_checks
from fazhi_stats.sources.dating import check_dating
from fazhi_stats.sources.documents import Document
from fazhi_stats.sources.entries import entry_lines, find_quote, number
from fazhi_stats.sources.milestones import Milestone, check_hedge, check_milestone
from fazhi_stats.text.quantities import quantity_from_match, quantity_pattern
from fazhi_stats.text.units import Standardised, UnitMismatch, standardise
from fazhi_stats.vocabulary import COMPARATORS, FAMILIES, KINDS, Comparator, Kind

__all__ = ["Milestone", "Observation", "load_annotations", "values_in_text"]

_OBS_FIELDS = {
    "indicator_id",
    "label_zh",
    "family",
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
    indicator_id: str | None  # None: an unclassified number (no registry indicator yet)
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
    label_zh: str | None = None  # what an unclassified number counts, as the curator says it
    family: str | None = None  # the family of an unclassified number (guessed or reviewed)

    @property
    def classified(self) -> bool:
        return self.indicator_id is not None

    def family_in(self, indicators: Mapping[str, Indicator]) -> str:
        """Its indicator's family, or the family given to an unclassified number."""
        if self.indicator_id is not None:
            return indicators[self.indicator_id].family
        return self.family or "other"


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
    settings: Settings,
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
    for key in ("kind", "value", "unit", "quote", "scope"):
        if item.get(key) in (None, ""):
            bad(f"missing field {key!r}")
    classified = item.get("indicator_id") not in (None, "")
    if not classified and item.get("label_zh") in (None, ""):
        bad(
            "no indicator_id and no label_zh",
            "an indicator id of a registry, or `indicator_id: null` with `label_zh` (what the "
            "number counts) to keep it as an unclassified observation",
        )
    family = item.get("family")
    if family is not None and family not in FAMILIES:
        bad(f"unknown family {family!r}", FAMILIES.expected())
    if classified and family is not None:
        bad("`family` with an indicator_id", "the indicator's own family (drop `family`)")
    if len(problems) > n_before:
        return None
    ind_id = str(item["indicator_id"]) if classified else None
    indicator = indicators.get(ind_id) if ind_id is not None else None
    if ind_id is not None and indicator is None:
        bad(
            f"unknown indicator {ind_id!r}",
            "an id of the indicator registry (the package's, or the study's "
            "registry/indicators.yml), or `indicator_id: null` with `label_zh` to keep the "
            "number unclassified",
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
    if not classified and value is not None:
        std = _as_written(value, value_upper, str(item["unit"]), per, settings)
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
                settings=settings,
            )
        except UnitMismatch as exc:
            bad(str(exc), f"a unit that converts to {indicator.unit}")
        if indicator.unit == "percent" and not indicator.change and not 0 <= value <= 100:
            bad(
                f"percentage {value:g} outside 0–100",
                "0 <= value <= 100 (only a change may exceed it)",
            )
    if len(problems) > n_before or std is None or span is None or value is None:
        return None
    return {
        "indicator_id": ind_id,
        "label_zh": None if classified else str(item["label_zh"]),
        "family": None if classified else (family or "other"),
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


def _as_written(
    value: float, value_upper: float | None, unit: str, per: str | None, settings: Settings
) -> Standardised:
    """An unclassified number in the standard unit its written unit has, if the unit registry
    knows it (万元 → yuan), else as written with no standard unit."""
    from decimal import Decimal

    from fazhi_stats.text.units import conversion

    conv = conversion(unit, settings=settings)
    if conv is None:
        return Standardised(value, value_upper, "", None)
    factor = conv.factor
    unit_std = conv.unit_std
    if per is not None:
        per_year = load_units().per_year(per)
        factor *= per_year or 1
        unit_std += "_per_year"

    def scaled(x: float) -> float:
        return float(Decimal(repr(x)) * factor)

    assumption = settings.describe("class_hour_minutes") if conv.assumption else None
    return Standardised(
        scaled(value),
        scaled(value_upper) if value_upper is not None else None,
        unit_std,
        assumption,
    )


def load_annotations(
    annotations_dir: Path,
    documents: Mapping[str, Document],
    *,
    settings: Settings = DEFAULT_SETTINGS,
    skip: Collection[str] = (),
) -> tuple[list[Observation], list[Milestone]]:
    """Load and validate every ``<document_id>.yml``; raise DataError listing every problem.

    ``settings``: the assumptions of the standard values (the study's ``study.yml``);
    ``skip``: documents whose text cannot be read (their problems are reported already).
    """
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
        if doc is None and doc_id in skip:
            continue
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
        for i, item in enumerate(items):
            line = obs_lines[i] if i < len(obs_lines) else None
            label = f"observation {i + 1}"
            if isinstance(item, dict) and (item.get("indicator_id") or item.get("label_zh")):
                label += f" ({item.get('indicator_id') or item.get('label_zh')})"
            if not isinstance(item, dict):
                problems.append(Problem(file, label, "expected a mapping", line=line))
                continue
            fields = _check_observation(
                item, label, file, line, doc, indicators, problems, settings
            )
            if fields is None:
                continue
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


UNCLASSIFIED = "unclassified"


def _assign_ids(observations: list[Observation]) -> list[Observation]:
    """Readable, stable ids: ``<document_id>/<indicator_id>/<n>`` in text order
    (``<document_id>/unclassified/<n>`` for numbers without an indicator)."""
    ordered = sorted(
        observations,
        key=lambda o: (
            o.document_id,
            o.char_start,
            o.char_end,
            o.indicator_id or UNCLASSIFIED,
            o.source_line,
        ),
    )
    counts: dict[tuple[str, str], int] = defaultdict(int)
    out = []
    for o in ordered:
        key = (o.document_id, o.indicator_id or UNCLASSIFIED)
        counts[key] += 1
        out.append(replace(o, observation_id=f"{key[0]}/{key[1]}/{counts[key]}"))
    return out
