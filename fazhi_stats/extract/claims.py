"""Numeric claims from 法治政府建设 documents, each with its span in the original text.

A *claim* is a quantity the document states as a target or an achievement: 调处成功率达99.7%,
每年不得少于4次, 60余场. Dates, deadlines, document and index numbers, list markers, numbered
slogans (四个意识, 三项制度), ordinals, parts of names and page chrome are context, not claims.

>>> claims = extract_claims("2020年，共排查矛盾纠纷2512起，调处成功率达99.7%。")
>>> [(c.text, c.value, c.unit, c.kind, c.indicator_id) for c in claims]  # doctest: +NORMALIZE_WHITESPACE
[('2512起', 2512.0, '起', 'actual', 'disputes_screened_count'),
 ('达99.7%', 99.7, '%', 'actual', 'mediation_success_rate')]

Offsets index the text as given (``text[c.char_start:c.char_end] == c.text``); the search runs on
a normalised view (NFKC, so full-width digits count) whose spans map back to the original.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal, cast

from fazhi_stats.errors import DecodeError, QuantityError
from fazhi_stats.extract import rules as rules
from fazhi_stats.extract.sections import Genre, Layout, document_layout
from fazhi_stats.text.quantities import (
    CHINESE_NUMERAL_CHARS,
    Comparator,
    Quantity,
    parse_quantity,
    quantity_from_match,
    quantity_pattern,
)
from fazhi_stats.text.textmap import NormalisedText, normalise_text

Kind = Literal["target", "actual", "unknown"]
KINDS: tuple[Kind, ...] = ("target", "actual", "unknown")

#: The fields of one claim in the JSON-lines and CSV output, in order.
RECORD_FIELDS = (
    "document",
    "char_start",
    "char_end",
    "text",
    "value",
    "unit",
    "value_std",
    "unit_std",
    "comparator",
    "kind",
    "indicator_id",
)

_SENTENCE_CONTEXT = 120  # characters of the sentence kept on each side of a claim
_NOT_PER_UNITS = frozenset({"percent", "percentage_point"})


@dataclass(frozen=True)
class Claim:
    """A numeric claim: a number with its unit and qualifier, where it stands, what it means.

    ``text == original[char_start:char_end]``. ``value``/``unit`` are as written (60余场 → 60, 场,
    comparator ``gt``); ``value_std``/``unit_std`` are in standard units (4.87亿元 → 487000000
    yuan; a recurrence 每季度一次 → 4 count_per_year). ``kind`` is ``target``, ``actual`` or
    ``unknown`` (wording and section do not decide, e.g. a hedged 努力实现 in a report).
    ``indicator_id`` is the registry indicator whose keywords the sentence uses, else None.
    ``year`` is the calendar year the sentence ties the claim to (a deadline or the period), if
    any; ``per`` the recurrence (year, quarter …); ``hedged`` whether 努力/力争 governs it.
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

    def to_record(self) -> dict[str, Any]:
        """The output fields (:data:`RECORD_FIELDS`) as a dict, for JSON lines or CSV."""
        return {name: getattr(self, name) for name in RECORD_FIELDS}


# --------------------------------------------------------------------------- segments and context

# Context is looked up lazily around each candidate number, not over the whole text: most of a
# document holds no number, and a whole-text pass of every rule would cost more than the rest.
_SEGMENT_LIMIT = 400  # characters searched for a separator on each side
_CUE_REACH = 200  # characters before a number searched for words that decide its kind
_KEYWORD_REACH = 150  # characters around a number searched for indicator keywords
_BLOCK = 256  # keyword and year mentions are found once per block of this many characters
_YEAR_MENTION = re.compile(r"((?:19|20)\d\d)\s*(?=年|[-—–~至到、和]\s*(?:19|20)\d\d\s*年)")
_TITLE = re.compile(r"《[^》\n]{0,120}》")


class _Segments:
    """Segments of a text between separators (sentences, clauses): the one around a span.

    The start is found by searching the reversed text, so no pass over the whole text is needed.
    """

    def __init__(self, text: str, reversed_text: str, separator: re.Pattern[str]) -> None:
        self.text = text
        self.reversed = reversed_text
        self.separator = separator

    def around(self, start: int, end: int) -> tuple[int, int]:
        n = len(self.text)
        after = self.separator.search(self.text, end, end + _SEGMENT_LIMIT)
        seg_end = after.start() if after else min(n, end + _SEGMENT_LIMIT)
        before = self.separator.search(self.reversed, n - start, n - start + _SEGMENT_LIMIT)
        seg_start = n - before.start() if before else max(0, start - _SEGMENT_LIMIT)
        return seg_start, max(seg_end, end)


class _BlockIndex:
    """Matches of a pattern, found block by block on demand and kept: linear in the text.

    ``reach`` is the longest match; a block is searched that far past its end so that
    matches starting in it are whole.
    """

    def __init__(self, text: str, pattern: re.Pattern[str], reach: int) -> None:
        self.text = text
        self.pattern = pattern
        self.reach = reach
        self.blocks: dict[int, list[tuple[int, int, str]]] = {}

    def _block(self, n: int) -> list[tuple[int, int, str]]:
        found = self.blocks.get(n)
        if found is None:
            start, end = n * _BLOCK, (n + 1) * _BLOCK
            found = []
            for m in self.pattern.finditer(self.text, start, end + self.reach):
                if m.start() >= end:
                    break
                group = m.group(1)
                found.append((m.start(), m.start() + len(group), group))
            self.blocks[n] = found
        return found

    def within(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """Matches lying inside ``start:end``, in text order."""
        out: list[tuple[int, int, str]] = []
        for n in range(start // _BLOCK, max(start, end - 1) // _BLOCK + 1):
            out.extend(h for h in self._block(n) if start <= h[0] and h[1] <= end)
        return out


@dataclass
class _Document:
    """One document's normalised text and the lazily computed context its claims share."""

    view: NormalisedText
    text: str
    sentences: _Segments
    subsentences: _Segments
    clauses: _Segments
    phrases: _Segments
    layout: Layout
    keywords: _BlockIndex
    years: _BlockIndex

    @classmethod
    def read(cls, original: str, genre: Genre | None) -> _Document:
        view = normalise_text(original, collapse_whitespace=False)
        text = view.text
        rev = text[::-1]
        return cls(
            view=view,
            text=text,
            sentences=_Segments(text, rev, rules.SENTENCE_END),
            subsentences=_Segments(text, rev, rules.SUBSENTENCE_END),
            clauses=_Segments(text, rev, rules.CLAUSE_END),
            phrases=_Segments(text, rev, rules.PHRASE_END),
            layout=document_layout(text, genre=genre),
            keywords=_BlockIndex(text, _keyword_pattern(), _longest_keyword()),
            years=_BlockIndex(text, _YEAR_MENTION, 24),
        )

    def mask_end(self, pos: int) -> int | None:
        """End of the masked span (title, date, slogan, chrome …) that holds ``pos``, if any."""
        title_end = self._title_end(pos)
        if title_end is not None:
            return title_end
        window_start = max(0, pos - rules.MASK_REACH)
        for m in rules.MASK_PATTERN.finditer(self.text, window_start, pos + rules.MASK_REACH):
            if m.start() > pos:
                break
            if m.end() > pos:
                return m.end()
        return None

    def _title_end(self, pos: int) -> int | None:
        """End of the 《title》 around ``pos`` (on one line), if it is in one."""
        text = self.text
        lo = max(0, pos - rules.TITLE_MAX)
        for opening, closing in zip(rules.TITLE_OPEN, rules.TITLE_CLOSE, strict=True):
            start = text.rfind(opening, lo, pos)
            if start < 0 or closing in text[start:pos] or "\n" in text[start:pos]:
                continue
            end = text.find(closing, pos, start + rules.TITLE_MAX + 2)
            if end >= 0 and "\n" not in text[pos:end]:
                return end + 1
        return None

    def year_near(self, sentence: tuple[int, int], pos: int) -> int | None:
        """The year mentioned nearest before ``pos`` in the sentence, else the first after it.

        Years inside a 《title》 are not about the claim.
        """
        before: int | None = None
        for start, _end, year in self.years.within(*sentence):
            if self._title_end(start) is not None:
                continue
            if start >= pos:
                return before if before is not None else int(year)
            before = int(year)
        return before


# --------------------------------------------------------------------------- indicators


@cache
def _indicator_keywords() -> dict[str, tuple[tuple[str, str], ...]]:
    """keyword → ((indicator id, base standard unit), …) from the indicator registry."""
    from fazhi_stats.registry import load_indicators

    table: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for indicator in load_indicators().values():
        for keyword in indicator.keywords:
            table[keyword].append((indicator.id, _base_unit(indicator.unit)))
    return {k: tuple(v) for k, v in table.items()}


@cache
def _longest_keyword() -> int:
    return max(map(len, _indicator_keywords()), default=1)


@cache
def _keyword_pattern() -> re.Pattern[str]:
    """All keywords, longest first, found at every position (they overlap: 全部聘请法律顾问)."""
    keywords = sorted(_indicator_keywords(), key=lambda k: (-len(k), k))
    if not keywords:
        return re.compile("(?!)(.)")
    first = re.escape("".join(sorted({k[0] for k in keywords})))
    return re.compile(f"(?=[{first}])(?=(" + "|".join(re.escape(k) for k in keywords) + "))")


def _base_unit(unit: str | None) -> str:
    return (unit or "").removesuffix("_per_year")


def _clause_names_a_measure(doc: _Document, clause: tuple[int, int], span: tuple[int, int]) -> bool:
    """Whether the clause says what it counts (其中维持19件, 合格率99.6%), not only how many."""
    rest = doc.text[clause[0] : span[0]] + doc.text[span[1] : clause[1]]
    return len(rules.GENERIC_WORDS.sub("", rest)) >= 2


def _scope_scores(
    hits: Sequence[tuple[int, int, str]], scope: tuple[int, int], span: tuple[int, int], base: str
) -> dict[str, tuple[int, int, int]]:
    """Indicators with a keyword in the scope: (longest keyword, -distance, keyword count)."""
    table = _indicator_keywords()
    scores: dict[str, tuple[int, int]] = {}
    counts: dict[str, int] = defaultdict(int)
    for kw_start, kw_end, keyword in hits:
        if kw_start < scope[0] or kw_end > scope[1]:
            continue
        distance = span[0] - kw_end if kw_end <= span[0] else kw_start - span[1]
        score = (len(keyword), -abs(distance))
        for indicator_id, ind_unit in table[keyword]:
            if ind_unit == base:
                scores[indicator_id] = max(score, scores.get(indicator_id, score))
                counts[indicator_id] += 1
    return {i: (*scores[i], counts[i]) for i in scores}


def _match_indicator(
    doc: _Document, scopes: Sequence[tuple[int, int]], span: tuple[int, int], unit_std: str | None
) -> str | None:
    """The indicator whose keyword is longest, then nearest, in the narrowest scope with one.

    Scopes go from the clause to the sentence; a clause that names its own measure does not
    borrow from the sentence. Only indicators whose standard unit fits the claim count. A tie
    between indicators sharing the same keywords is ambiguous: None.
    """
    base = _base_unit(unit_std)
    hits = doc.keywords.within(*scopes[-1])
    for n, scope in enumerate(scopes):
        if n > 0 and _clause_names_a_measure(doc, scopes[0], span):
            return None
        scores = _scope_scores(hits, scope, span, base)
        if scores:
            ranked = sorted(scores.values(), reverse=True)
            if len(ranked) > 1 and ranked[0] == ranked[1]:
                return None
            return max(scores, key=lambda i: scores[i])
    return None


# --------------------------------------------------------------------------- kind


_REPORT_TARGET_CUE = re.compile(
    r"下一步|明年|来年|(?:力争|确保|计划|争取|预计)\s*(?:到|在|于)?\s*(?:19|20)\d\d|目标(?:是|为)"
)
_PLAN_ACTUAL_CUE = re.compile(r"截至|截止|目前已|已经|已有|去年|上年|今年以来")


def _last_position(pattern: re.Pattern[str], text: str) -> int:
    found = -1
    for m in pattern.finditer(text):
        found = m.start()
    return found


def _kind(layout: Layout, pos: int, prefix: str) -> tuple[Kind, bool]:
    """Kind from the section, the genre and the wording of the sentence up to the number."""
    hedged = rules.HEDGE.search(prefix) is not None
    if layout.section_kind(pos) == "target":
        return "target", hedged
    if layout.genre == "plan":
        if _last_position(_PLAN_ACTUAL_CUE, prefix) > _last_position(rules.TARGET_CUE, prefix):
            return "actual", hedged
        return "target", hedged
    if layout.genre == "report":
        if _REPORT_TARGET_CUE.search(prefix):
            return "target", hedged
        return ("unknown" if hedged else "actual"), hedged
    target_at = _last_position(rules.TARGET_CUE, prefix)
    actual_at = _last_position(rules.ACTUAL_CUE, prefix)
    if target_at == actual_at == -1:
        return "unknown", hedged
    return ("target" if target_at > actual_at else "actual"), hedged


# --------------------------------------------------------------------------- one candidate


def _is_plausible_chinese_numeral(num: str) -> bool:
    """Reject numerals that are really words: 百/千 alone (千家万户), 三四 (三四个 = 3 or 4)."""
    if len(num) == 1:
        return num not in "百千万亿"
    digits_only = all(ch in rules.CN_DIGIT and ch != "十" for ch in num)
    return not digits_only


_TALLY_UNITS = frozenset("项个种类条支")


def _is_enumeration_tally(prefix: str, value: float, unit: str) -> bool:
    """法律援助、人民调解、法律咨询3项基本职能: the number counts the items just listed.

    Only when the items are short noun phrases (no brackets, no verb clause) and as many as
    the number says; an open list (…等8个) is a count of its own.
    """
    if unit not in _TALLY_UNITS or "、" not in prefix or prefix.rstrip().endswith("等"):
        return False
    items = prefix.split("、")
    if value != len(items) or any(ch in prefix for ch in "()[]"):
        return False
    return all(len(item) <= 8 for item in items[1:])


def _distant_qualifier(text: str, clause_start: int, start: int) -> tuple[Comparator, int] | None:
    """至少举办一期: a qualifier a verb away from the number; its comparator and start."""
    from fazhi_stats.registry import load_qualifiers

    window_start = max(clause_start, start - 8)
    m = rules.DISTANT_QUALIFIER.search(text, window_start, start)
    if m is None:
        return None
    comparator = load_qualifiers().before.get(m.group(1))
    if comparator is None:
        return None
    return cast(Comparator, comparator), m.start()


def _with_recurrence(q: Quantity, match_text: str, per_word: str) -> Quantity:
    """Re-read a quantity with the recurrence word of its clause: 每年…不少于2次."""
    try:
        return parse_quantity(per_word + match_text)
    except QuantityError:
        return q


@dataclass(frozen=True)
class _Candidate:
    """A parsed match of the quantity pattern that passed the checks on its own wording."""

    start: int
    end: int
    quantity: Quantity
    is_chinese: bool


def _candidate(match: re.Match[str], text: str) -> _Candidate | None:
    """Parse a match; None when it is a year, unitless, or a word rather than a number."""
    num = match.group("num")
    after_start = match.start("after")
    if after_start >= 0 and rules.AFTER_WORD.match(text, after_start):
        shorter = quantity_pattern().fullmatch(text, match.start(), after_start)
        if shorter is None:
            return None
        match = shorter
    try:
        q = quantity_from_match(match, match.group())
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
    unit_start, unit_end = match.span("unit")
    one_char_unit = unit_end - unit_start == 1 and not match.group("after")
    if one_char_unit and text[unit_start : unit_end + 1] in rules.WORD_STARTS:
        return None
    if q.unit_std == "year" and rules.RIGHT_NAME.match(text, end):
        return None
    return _Candidate(start, end, q, is_chinese)


def _claim(
    match: re.Match[str], cand: _Candidate, doc: _Document, document_id: str | None
) -> Claim | None:
    """The claim a parsed quantity makes in its context, or None if it is not a claim."""
    text = doc.text
    q, start, end = cand.quantity, cand.start, cand.end
    clause = doc.clauses.around(start, end)
    prefix = text[clause[0] : start]
    if _is_enumeration_tally(prefix, q.value, q.unit):
        return None
    if q.value == 1 and q.unit == "次" and rules.INTERVAL.search(prefix):
        return None  # 每隔5年进行一次: part of the interval
    if rules.BASELINE_BEFORE.search(prefix) and rules.BASELINE_AFTER.match(text, end, clause[1]):
        return None  # 由原来5个缩减到…: the old value, context of the new one
    comparator = q.comparator
    if comparator == "eq" and not match.group("before"):
        distant = _distant_qualifier(text, clause[0], start)
        if distant is not None:
            comparator, start = distant
    per_word = None
    if q.per is None and q.unit_std not in _NOT_PER_UNITS:
        pers = list(rules.PER_WORD.finditer(text, clause[0], start))
        if pers:
            per_word = pers[-1].group()
            q = _with_recurrence(q, match.group(), per_word)
    if cand.is_chinese and q.value == 1 and not (q.per or comparator != "eq"):
        return None  # 一个, 一批, 一起: an article, not a count
    sentence = doc.sentences.around(start, end)
    subsentence = doc.subsentences.around(start, end)
    cue_start = max(sentence[0], start - _CUE_REACH)
    kind, hedged = _kind(doc.layout, start, text[cue_start:start])
    reach = (start - _KEYWORD_REACH, end + _KEYWORD_REACH)
    scopes = tuple(
        (max(a, reach[0]), min(b, reach[1]))
        for a, b in (doc.phrases.around(start, end), clause, subsentence, sentence)
    )
    indicator = _match_indicator(doc, scopes, (start, end), q.unit_std)
    orig_start, orig_end = doc.view.to_original(start, end)
    sent_start, sent_end = doc.view.to_original(
        max(sentence[0], start - _SENTENCE_CONTEXT), min(sentence[1], end + _SENTENCE_CONTEXT)
    )
    original = doc.view.original
    return Claim(
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
        year=doc.year_near(sentence, start),
        per=q.per,
        hedged=hedged,
    )


@cache
def _fast_quantity_pattern() -> re.Pattern[str]:
    """:func:`quantity_pattern` behind a one-character guard, which rejects most positions fast.

    The guard lists every character a quantity can start with: digits, Chinese numerals and
    the first characters of recurrence and qualifier words.
    """
    from fazhi_stats.registry import load_qualifiers, load_units

    words = [*load_units().periods, *load_qualifiers().before, "百分之"]
    first = sorted({w[0] for w in words} | set(CHINESE_NUMERAL_CHARS) - {"点"})
    guard = "(?=[0-9" + re.escape("".join(first)) + "])"
    base = quantity_pattern()
    return re.compile(guard + base.pattern, base.flags)


def _candidates(doc: _Document) -> Iterator[tuple[re.Match[str], _Candidate]]:
    """Parsed quantities with a unit whose number is not inside a masked span."""
    pattern = _fast_quantity_pattern()
    text = doc.text
    pos = 0
    while (match := pattern.search(text, pos)) is not None:
        pos = match.end()
        if match.group("unit") is None and match.group("pct") is None:
            continue
        cand = _candidate(match, text)
        if cand is None:
            continue
        num_start = match.start("num")
        mask_end = doc.mask_end(num_start)
        if mask_end is not None:
            # 5.2020年 at the start of a line: the marker is masked, the rest is read again
            pos = max(mask_end, num_start + 1)
            continue
        yield match, cand


# --------------------------------------------------------------------------- public API


def extract_claims(
    text: str, *, document_id: str | None = None, genre: Genre | None = None
) -> list[Claim]:
    """Numeric claims of a document's decoded text, in text order.

    ``genre`` (``"report"``, ``"plan"`` or ``"unknown"``) overrides the genre read from the
    title; it decides the kind of numbers whose wording does not.

    >>> [c.kind for c in extract_claims("各单位每年至少举办一期培训班。", genre="plan")]
    ['target']
    """
    doc = _Document.read(text, genre)
    claims = (_claim(m, cand, doc, document_id) for m, cand in _candidates(doc))
    return [c for c in claims if c is not None]


@dataclass(frozen=True)
class FileClaims:
    """The claims of one file, or why the file could not be read (``error``)."""

    path: Path
    document: str
    claims: tuple[Claim, ...] = ()
    error: str | None = None
    n_bytes: int = 0


def document_name(path: Path, root: Path | None = None) -> str:
    """A file's document name: its path below ``root`` without suffix, or its stem."""
    if root is not None:
        return path.relative_to(root).with_suffix("").as_posix()
    return path.stem


def collect_files(paths: Iterable[Path]) -> Iterator[tuple[Path, str]]:
    """Files given and the ``*.txt`` files below directories given, each with its name.

    Directories are walked in sorted order, so the output order is deterministic.
    """
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*.txt") if p.is_file()):
                yield file, document_name(file, path)
        else:
            yield path, document_name(path)


def claims_in_file(item: tuple[Path, str]) -> FileClaims:
    """Read, decode and extract one file; problems become ``error``, never exceptions."""
    from fazhi_stats.sources.documents import decode_bytes

    path, name = item
    try:
        data = path.read_bytes()
    except OSError as exc:
        return FileClaims(path, name, error=exc.strerror or str(exc))
    try:
        text, _encoding = decode_bytes(data, source=str(path))
    except DecodeError as exc:
        reason = "; ".join(p.message for p in exc.problems) or str(exc)
        return FileClaims(path, name, error=reason, n_bytes=len(data))
    claims = extract_claims(text, document_id=name)
    return FileClaims(path, name, tuple(claims), n_bytes=len(data))


def iter_file_claims(
    files: Iterable[tuple[Path, str]], *, jobs: int = 1, chunksize: int = 4
) -> Iterator[FileClaims]:
    """Claims of (path, document name) pairs, one :class:`FileClaims` each, in their order.

    With ``jobs > 1`` a pool of processes reads the files (``imap``): results come in the
    order of the files, as soon as each is ready, so only a few are in memory at a time.
    """
    if jobs <= 1:
        yield from map(claims_in_file, files)
        return
    import multiprocessing

    with multiprocessing.get_context().Pool(jobs) as pool:
        yield from pool.imap(claims_in_file, files, chunksize=chunksize)


def iter_claims_in_files(paths: Iterable[Path], *, jobs: int = 1) -> Iterator[FileClaims]:
    """Claims of many files (directories stand for the ``*.txt`` below them), in file order.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = (Path(d) / "a.txt").write_text("共办理案件12件。", encoding="utf-8")
    ...     [(r.document, [c.value for c in r.claims]) for r in iter_claims_in_files([Path(d)])]
    [('a', [12.0])]
    """
    return iter_file_claims(collect_files(paths), jobs=jobs)
