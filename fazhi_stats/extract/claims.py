"""Numeric claims from 法治政府建设 documents, each with its span in the original text.

A *claim* is a quantity the document states as a target or an achievement: 调处成功率达99.7%,
每年不得少于4次, 60余场, a table cell. Dates, deadlines, document and index numbers, list
markers, numbered slogans (四个意识, 三项制度), ordinals, parts of names, counts of the
document's own parts (八个方面) and page chrome are context, not claims.

>>> claims = extract_claims("2020年，共排查矛盾纠纷2512起，调处成功率达99.7%。")
>>> [(c.text, c.value, c.unit, c.year, c.family, c.indicator_id) for c in claims]
... # doctest: +NORMALIZE_WHITESPACE
[('2512起', 2512.0, '起', 2020, 'mediation', 'disputes_screened_count'),
 ('达99.7%', 99.7, '%', 2020, 'mediation', 'mediation_success_rate')]

Offsets index the text as given (``text[c.char_start:c.char_end] == c.text``); the search runs on
a normalised view (NFKC, so full-width digits count) whose spans map back to the original.
"""

from __future__ import annotations

import contextlib
import dataclasses
import operator
import re
from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import Any, NamedTuple

import fazhi_stats.extract.rules as rules
from fazhi_stats.errors import QuantityError
from fazhi_stats.extract.context import KINDS, Kind, kind_of, topic_of, year_of
from fazhi_stats.extract.document import ParsedText
from fazhi_stats.extract.sections import Genre, Period
from fazhi_stats.extract.tables import Cell
from fazhi_stats.text.quantities import (
    CHINESE_NUMERAL_CHARS,
    Comparator,
    Quantity,
    parse_number,
)
from fazhi_stats.text.reader import QuantityReader

__all__ = ["KINDS", "RECORD_FIELDS", "Claim", "Kind", "extract_claims"]

_SENTENCE_CONTEXT = 120  # characters of the sentence kept on each side of a claim
_NOT_PER_UNITS = frozenset({"percent", "percentage_point", "ratio"})
_TALLY_UNITS = frozenset("项个种类条支")


@dataclass(frozen=True)
class Claim:
    """A numeric claim: a number with its unit and qualifier, where it stands, what it means.

    ``text == original[char_start:char_end]``. ``value``/``unit`` are as written (60余场 → 60, 场,
    comparator ``gt``; a bare table cell has its header's unit, else ``""``);
    ``value_std``/``unit_std`` are in standard units (4.87亿元 → 487000000 yuan; a recurrence
    每季度一次 → 4 count_per_year).
    ``kind`` is ``target``, ``actual`` or ``unknown`` (neither genre, section nor wording
    decides, e.g. a hedged 努力实现 in a report). ``year`` is the calendar year the number is
    for (None when the text ties it to none); ``per`` the recurrence (year, quarter …);
    ``hedged`` whether 努力/力争 governs it. ``family`` is the indicator family (``other``
    when no family word is near), ``indicator_id`` the registry indicator, else None.
    ``label`` is ``row / column`` for a table cell (the caption in the row's place when the rows
    have none); ``sentence`` the sentence around the number. A cell without unit takes the unit
    its column label or the table's caption writes (罚没金额(万元)).
    """

    document: str | None
    char_start: int
    char_end: int
    text: str
    sentence: str
    value: float
    value_upper: float | None
    unit: str
    value_std: float | None
    value_std_upper: float | None
    unit_std: str | None
    comparator: Comparator
    kind: Kind
    indicator_id: str | None
    year: int | None = None
    per: str | None = None
    hedged: bool = False
    family: str = "other"
    label: str | None = None

    def to_record(self) -> dict[str, Any]:
        """Every field (:data:`RECORD_FIELDS`) as a dict, for JSON lines or CSV."""
        return dict(zip(RECORD_FIELDS, _RECORD_VALUES(self), strict=True))


def _new_claim(**fields: Any) -> Claim:
    """``Claim(**fields)`` with every field given, made without the frozen dataclass's
    ``__setattr__`` per field: the extractor makes one claim per number of a corpus."""
    claim = object.__new__(Claim)
    object.__setattr__(claim, "__dict__", fields)
    return claim


#: The fields of one claim in the JSON-lines and CSV output, in order.
RECORD_FIELDS: tuple[str, ...] = (
    "document",
    "char_start",
    "char_end",
    "text",
    "value",
    "value_upper",
    "unit",
    "value_std",
    "value_std_upper",
    "unit_std",
    "comparator",
    "kind",
    "year",
    "per",
    "hedged",
    "family",
    "indicator_id",
    "label",
    "sentence",
)
assert set(RECORD_FIELDS) == {f.name for f in fields(Claim)}
_RECORD_VALUES = operator.attrgetter(*RECORD_FIELDS)


# --------------------------------------------------------------------------- one candidate


def _is_plausible_chinese_numeral(num: str) -> bool:
    """Reject numerals that are really words: 百/千 alone (千家万户), 三四 (三四个 = 3 or 4)."""
    if len(num) == 1:
        return num not in "百千万亿"
    digits_only = all(ch in rules.CN_DIGIT and ch != "十" for ch in num)
    return not digits_only


def counts_its_list(item: str) -> bool:
    """Whether a number counts the whole list before it, from ``item``, the words of its own
    list item (after the last 、): A、B等共计85次 counts A and B, 建立1个…阵地、2个…基地 only its own.

    >>> counts_its_list("B等共计"), counts_its_list("下发工作提示函")
    (True, False)
    """
    return "等" in item


def _is_enumeration_tally(prefix: str, value: float, unit: str) -> bool:
    """法律援助、人民调解、法律咨询3项基本职能: the number counts the items just listed.

    Only when the items are short noun phrases (no brackets, no verb clause) and as many as
    the number says; an open list (…等8个) is a count of its own.
    """
    if unit not in _TALLY_UNITS or "、" not in prefix or prefix.rstrip().endswith("等"):
        return False
    items = prefix.split("、")
    if not items[-1].strip():
        return False  # …阵地、2个…基地: the number opens the next item, it counts none of them
    if value != len(items) or any(ch in prefix for ch in "()[]"):
        return False
    return all(len(item) <= 8 for item in items[1:])


def _distant_qualifier(
    text: str, clause_start: int, start: int, reader: QuantityReader
) -> tuple[Comparator, int] | None:
    """至少举办一期: a qualifier a verb away from the number; its comparator and start."""
    window_start = max(clause_start, start - 8)
    m = rules.DISTANT_QUALIFIER.search(text, window_start, start)
    if m is None:
        return None
    # the reader's qualifiers are the active registry's, looked up once per document
    comparator = reader.vocabulary.before.get(m.group(1))
    if comparator is None:
        return None
    return comparator, m.start()


_MAX_YEARS = 1000  # a duration of more years than this is a year glued to another number


class _Candidate(NamedTuple):
    """A parsed number that passed the checks on its own wording (a tuple: one is made for
    every number of a corpus)."""

    start: int
    end: int
    quantity: Quantity
    is_chinese: bool
    match: re.Match[str] | None  # None for a bare number (table cell, cut-off end)


def _candidate(match: re.Match[str], text: str, reader: QuantityReader) -> _Candidate | None:
    """Parse a match; None when it is unitless, a year, or a word rather than a number."""
    num = match.group("num")
    after_start = match.start("after")
    if after_start >= 0 and rules.AFTER_WORD.match(text, after_start):
        shorter = reader.pattern.fullmatch(text, match.start(), after_start)
        if shorter is None or not (shorter.group("unit") or shorter.group("pct")):
            return None
        match = shorter
    try:
        q = reader.read(match, match.group())
    except (QuantityError, ValueError, ArithmeticError):
        return None
    if q.is_calendar_year or not q.unit:
        return None
    is_chinese = num[0] in CHINESE_NUMERAL_CHARS
    if is_chinese and not match.group("pct") and not _is_plausible_chinese_numeral(num):
        return None
    start, end = match.span()
    if rules.LEFT_REJECT.search(text, max(0, start - 4), start):
        return None
    if q.unit in rules.RANK_UNITS and rules.RANK_BEFORE.search(text, max(0, start - 3), start):
        return None  # 前三位: a rank
    unit_start, unit_end = match.span("unit")
    one_char_unit = unit_end - unit_start == 1 and not match.group("after")
    if one_char_unit and text[unit_start : unit_end + 1] in rules.WORD_STARTS:
        return None
    if q.unit_std == "year" and (q.value >= _MAX_YEARS or rules.RIGHT_NAME.match(text, end)):
        return None  # 三年行动: a name; 12014年: a year glued to a figure's number, no duration
    if q.unit_std == "count" and rules.STRUCTURAL_AFTER.match(text, end):
        return None  # 从八个方面: a count of the document's own parts
    return _Candidate(start, end, q, is_chinese, match)


# 罚没金额(万元), 审结情况(单位:件), 单位:万元: the unit a label writes for the cells under it
_UNIT_IN_LABEL = re.compile(
    r"[(（]\s*(?:单位\s*[:：]\s*)?([^()（）\s:：]{1,4})\s*[)）]\s*$|^\s*单位\s*[:：]\s*(\S{1,4})\s*$"
)


def _label_unit(doc: ParsedText, start: int) -> str | None:
    """The unit a table cell's column label writes in brackets at its end (罚没金额(万元),
    合计(宗), 比例(%)), else the table's caption (行政处罚实施数量(宗)), if either does."""
    cell = doc.tables.cell_at(start)
    if cell is None:
        return None
    for label in (cell.column_label, cell.caption):
        found = _UNIT_IN_LABEL.search(label) if label else None
        if found:
            return found.group(1) or found.group(2)
    return None


def _bare(doc: ParsedText, start: int, end: int, in_cell: bool) -> _Candidate | None:
    """A number written without a unit (a table cell, a number the capture cut off); a cell
    under a label that writes its unit (罚没金额(万元)) is read in that unit, a cell of a
    signed change (-20.00% under 增降幅度) with its sign."""
    text = doc.text
    negative = in_cell and text[start] in "-−"
    body = text[start + 1 : end] if negative else text[start:end]
    q = _unsigned_bare(doc, start, body, in_cell)
    if q is None:
        return None
    if negative:
        value_std = None if q.value_std is None else -q.value_std
        q = dataclasses.replace(q, text=text[start:end], value=-q.value, value_std=value_std)
    return _Candidate(start, end, q, False, None)


def _unsigned_bare(doc: ParsedText, start: int, body: str, in_cell: bool) -> Quantity | None:
    """The quantity of a bare number ``body`` (at ``start``): a percentage as written, else in
    the unit its cell's label writes, else a number without unit."""
    unit = "" if body.endswith("%") else _label_unit(doc, start) if in_cell else None
    if unit is not None:
        with contextlib.suppress(QuantityError, ValueError, ArithmeticError):
            q = doc.quantities.parse(body + unit)
            if q.unit == (unit or "%"):
                return q
    try:
        value = float(parse_number(body))
    except (QuantityError, ValueError):
        return None
    return Quantity(text=body, value=value, value_std=value)


def _claim(cand: _Candidate, doc: ParsedText, document_id: str | None) -> Claim | None:
    """The claim a parsed quantity makes in its context, or None if it is not a claim."""
    text = doc.text
    q, start, end = cand.quantity, cand.start, cand.end
    parts = doc.sentences.parts(start, end)
    clause = parts.around(1, start, end)
    comparator = q.comparator
    match = cand.match
    if match is not None:
        prefix = text[clause[0] : start]
        if _is_enumeration_tally(prefix, q.value, q.unit):
            return None
        if rules.OWN_DOCUMENT.match(prefix):
            return None  # 本指标体系共设8项1级指标: a count of the document's own parts
        if q.value == 1 and q.unit == "次" and rules.INTERVAL.search(prefix):
            return None  # 每隔5年进行一次: part of the interval
        if (
            ("由" in prefix or "从" in prefix)
            and rules.BASELINE_BEFORE.search(prefix)
            and rules.BASELINE_AFTER.match(text, end, clause[1])
        ):
            return None  # 由原来5个缩减到…: the old value, context of the new one
        if comparator != "eq" and rules.CONDITION_AFTER.match(text, end):
            return None  # 并处两种以上行政处罚的,…: a condition's threshold
        if comparator == "eq" and not match.group("before"):
            distant = _distant_qualifier(text, clause[0], start, doc.quantities)
            if distant is not None:
                comparator, start = distant
        if (
            q.per is None
            and q.unit_std not in _NOT_PER_UNITS
            and ("每" in prefix or "年均" in prefix)
        ):
            pers = list(rules.PER_WORD.finditer(text, clause[0], start))
            if pers:
                with contextlib.suppress(QuantityError):
                    q = doc.quantities.parse(pers[-1].group() + match.group())
        if cand.is_chinese and q.value == 1 and not (q.per or comparator != "eq"):
            return None  # 一个, 一批, 一起: an article, not a count
    cell: Cell | None = doc.tables.cell_at(cand.start) if doc.tables else None
    if cell is not None and cell.is_label:
        return None  # a number in the header or the first column labels the table
    if start < parts.sentence[0]:
        parts = doc.sentences.parts(start, end)  # a distant qualifier moved the start
    sentence = parts.sentence
    span = (start, end)
    kind, hedged = kind_of(doc, start, parts)
    phrase = parts.around(0, start, end)
    if phrase[0] > clause[0] and counts_its_list(text[phrase[0] : start]):
        phrase = clause  # A、B等共计85次: the number counts the whole list
    scopes = (phrase, clause, parts.around(2, start, end), sentence)
    family, indicator = topic_of(doc, span, q.unit_std, parts, scopes, cell)
    orig_start, orig_end = doc.view.to_original(start, end)
    sent_start, sent_end = doc.view.to_original(
        max(sentence[0], start - _SENTENCE_CONTEXT), min(sentence[1], end + _SENTENCE_CONTEXT)
    )
    original = doc.view.original
    return _new_claim(
        document=document_id,
        char_start=orig_start,
        char_end=orig_end,
        text=original[orig_start:orig_end],
        sentence=original[sent_start:sent_end].strip(),
        value=q.value,
        value_upper=q.value_upper,
        unit=q.unit,
        value_std=q.value_std,
        value_std_upper=q.value_std_upper,
        unit_std=q.unit_std,
        comparator=comparator,
        kind=kind,
        indicator_id=indicator,
        year=year_of(doc, span, clause, parts, cell),
        per=q.per,
        hedged=hedged,
        family=family,
        label=cell.label if cell is not None else None,
    )


# --------------------------------------------------------------------------- candidates


_CUT_OFF_END = re.compile(rf"(?<=[{rules.HAN}])(\d+(?:\.\d+)?)\s*$")
# 行政处罚2100,占收到申请总数的33.9%: a count written without its unit, its share after it
_COUNT_BEFORE = re.compile(rf"(?<=[{rules.HAN}])\d+\Z")  # searched up to the comma before 占
_SHARE = re.compile(rf"[{rules.HAN}]{{0,12}}\d+(?:\.\d+)?%")
_COUNT_REACH = 12  # digits of a count, at most


def _counts_before_shares(text: str) -> list[tuple[int, int]]:
    """Spans of the counts written without unit just before ``,占…%`` (found from each 占:
    a pass of a pattern over the whole text would cost as much as the number scan)."""
    spans = []
    at = text.find("占")
    while at >= 0:
        if at > 1 and text[at - 1] in ",，":
            count = _COUNT_BEFORE.search(text, max(0, at - 1 - _COUNT_REACH), at - 1)
            if count is not None and _SHARE.match(text, at + 1):
                spans.append(count.span())
        at = text.find("占", at + 1)
    return spans


def _bare_spans(doc: ParsedText) -> list[tuple[int, int, bool]]:
    """Numbers without a unit that are claims, each with whether it is a table cell: table
    cells; a number the capture cut off at the very end of the text (申请材料525 where the
    page capture ended); a count whose share of a total follows it (a statistics page's
    行政处罚2100,占收到申请总数的33.9%)."""
    text = doc.text
    spans = [(a, b, True) for a, b in doc.tables.bare_numbers()] if doc.tables else []
    spans.extend((a, b, False) for a, b in _counts_before_shares(text))
    tail = _CUT_OFF_END.search(text, max(0, len(text) - 40))
    if tail is not None and not re.fullmatch(r"(?:19|20)\d\d", tail.group(1)):
        spans.append((*tail.span(1), False))
    return spans


def _candidates(doc: ParsedText) -> Iterator[_Candidate]:
    """Parsed quantities whose number is not inside a masked span, in text order."""
    reader = doc.quantities
    scan = reader.scan
    text = doc.text
    bare = sorted(_bare_spans(doc))
    pos = 0
    while (hit := scan.search(text, pos)) is not None:
        num_start = hit.start()
        while bare and bare[0][0] < num_start:
            start, end, in_cell = bare.pop(0)
            found = _bare(doc, start, end, in_cell)
            if found is not None and doc.mask_end(start, in_cell=in_cell) is None:
                yield found
        mask_end = doc.mask_end(num_start)
        if mask_end is not None:
            # 5.2020年 at the start of a line: the marker is masked, the rest is read again
            pos = mask_end if mask_end > num_start else num_start + 1
            continue
        match = reader.at(text, num_start)
        if match is None:  # pragma: no cover - the scan finds only what the pattern reads
            pos = hit.end()
            continue
        pos = max(match.end(), hit.end())
        cand = _candidate(match, text, reader)
        if cand is not None:
            yield cand
    for start, end, in_cell in bare:
        found = _bare(doc, start, end, in_cell)
        if found is not None and doc.mask_end(start, in_cell=in_cell) is None:
            yield found


# --------------------------------------------------------------------------- public API


def _as_text(text: str | bytes, source: str | None) -> str:
    if isinstance(text, str):
        return text
    if isinstance(text, bytes | bytearray | memoryview):
        from fazhi_stats.sources.documents import decode_bytes

        decoded, _encoding = decode_bytes(bytes(text), source=source or "<bytes>")
        return decoded
    raise TypeError(
        f"extract_claims expects a document's text (str) or its bytes, got {type(text).__name__}"
    )


def extract_claims(
    text: str | bytes,
    *,
    document_id: str | None = None,
    genre: Genre | None = None,
    period: Period | None = None,
) -> list[Claim]:
    """Numeric claims of a document's text, in text order.

    ``text`` is the decoded text, or the file's bytes (decoded as UTF-8, UTF-8 or UTF-16 with
    a BOM, or GB18030; bytes that decode as none of them raise
    :class:`~fazhi_stats.errors.DecodeError` naming the offset). Offsets index the decoded
    text. ``genre`` (``"report"``, ``"plan"`` or ``"unknown"``) and ``period`` (first and last
    year covered) override what the text says; they decide the kind and year of numbers
    whose wording does not.

    >>> [(c.kind, c.year) for c in extract_claims("各单位每年至少举办一期培训班。", genre="plan")]
    [('target', None)]
    >>> [c.year for c in extract_claims("共办理案件12件。".encode(), period=(2020, 2020))]
    [2020]
    """
    doc = ParsedText(_as_text(text, document_id), genre=genre, period=period)
    claims = (_claim(cand, doc, document_id) for cand in _candidates(doc))
    return [c for c in claims if c is not None]
