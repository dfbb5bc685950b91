"""Draft annotations proposed by the extractor, for a person to review.

:func:`propose_annotations` turns the claims of a document into entries in the format of
``data/raw/annotations/`` (see its README): a quote around each number that is unique in the
document, the kind, year, the hedge word, the indicator id where a registry knows one — else
``indicator_id: null`` with a label and family, an unclassified number that is kept — a draft
scope, and ``reviewed: false``. :func:`draft_indicators` proposes registry entries for the
unclassified ones, for a curator to promote into the study's ``registry/indicators.yml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from fazhi_stats.extract.claims import Claim, counts_its_list, extract_claims
from fazhi_stats.extract.rules import (
    CHANGE_VERBS,
    CLAUSE_END,
    GENERIC_WORDS,
    PHRASE_END,
    SENTENCE_END,
    SUBSENTENCE_END,
    open_bracket,
)
from fazhi_stats.extract.sections import Genre, Period
from fazhi_stats.text.hedges import hedge_words, sentence_span

_MAX_QUOTE = 80  # characters; longer clauses are cut around the number
_QUOTE_WINDOW = 30
_DRAFT_NOTE = "Proposed by the extractor: check value, kind, indicator and scope against the text."
#: The note every proposed entry carries until a curator rewrites it (public: the pages tell
#: observations still as the extractor proposed them from curated ones).
DRAFT_NOTE = _DRAFT_NOTE
HEADER = (
    "# DRAFT proposed by `fazhi-stats annotate --propose`. Every entry has reviewed: false.\n"
    "# For each entry: check the value, kind and indicator_id against the quote, correct the\n"
    "# draft scope (who or what the number is about) and year or period, then delete the line\n"
    "# reviewed: false — or delete the entry if the number is not an observation. An entry with\n"
    "# indicator_id: null is kept as an unclassified number (label_zh says what it counts);\n"
    "# registry/drafts/indicators.yml proposes an indicator for it.\n"
)


def _segment(text: str, start: int, end: int, level: int) -> tuple[int, int]:
    """Clause (0), sub-sentence (1) or sentence (2) of ``text`` around ``start:end``."""
    pattern = (CLAUSE_END, SUBSENTENCE_END, SENTENCE_END)[level]
    seg_start = 0
    for m in pattern.finditer(text, max(0, start - 2000), start):
        seg_start = m.end()
    after = pattern.search(text, end, end + 2000)
    seg_end = after.start() if after else min(len(text), end + 2000)
    return seg_start, max(seg_end, end)


def _trim(text: str, span: tuple[int, int], claim: tuple[int, int]) -> tuple[int, int]:
    """Strip blanks; cut a long span to a window around the claim."""
    start, end = span
    if end - start > _MAX_QUOTE:
        start = max(start, claim[0] - _QUOTE_WINDOW)
        end = min(end, claim[1] + _QUOTE_WINDOW)
    while start < claim[0] and text[start].isspace():
        start += 1
    while end > claim[1] and text[end - 1].isspace():
        end -= 1
    return start, end


def unique_quote(text: str, start: int, end: int) -> tuple[str, int | None]:
    """A quote around ``text[start:end]``: the clause, widened until unique in ``text``.

    Returns the quote and, when even the sentence occurs more than once, its 1-based
    ``occurrence`` among the (non-overlapping) matches.

    >>> unique_quote("共办理10件，其中8件已办结。", 8, 10)
    ('其中8件已办结', None)
    """
    span = (start, end)
    for level in range(3):
        span = _trim(text, _segment(text, start, end, level), (start, end))
        quote = text[span[0] : span[1]]
        if text.count(quote) == 1:
            return quote, None
    occurrence, pos = 0, 0
    while (found := text.find(quote, pos)) != -1 and found <= span[0]:
        occurrence += 1
        pos = found + len(quote)
    return quote, max(occurrence, 1)


def _number(value: float) -> int | float:
    return int(value) if value.is_integer() else value


_CUT_REACH = 4  # characters after a label's cut searched for a quoted name
_LABEL_CHARS = 14
# what a label does not open with: separators, and the words that open an account (其中, 共计,
# 全年 …) or join it to the one before (及, 和, 与, 并); whole words, not their characters: the
# 全 of 全国 and the 和 of 和解 stay
_LEADING = re.compile(
    r"^(?:[\s,，、;；:：。]|其中|共计|共|全年|今年以来|截至|目前|及|和(?!解)|与|并)+"
)
# what says the number holds for every item before it: 参考率、合格率、优秀率均达到100%
_SHARED = re.compile(r"(?:均|都|皆|全部|分别)\s*(?:达到|达|为|是)?\s*$")


def label_of(claim: Claim, text: str) -> str:
    """What an unclassified number seems to count: a table cell's labels, else the noun its
    unit counts when one follows (``4项决策事项`` → ``决策事项``), else the words before it in
    its clause (a draft for the curator to correct).

    >>> from fazhi_stats.extract.claims import extract_claims
    >>> text = "全年共受理法律援助案件325件。筛选出4项重大决策事项，严格落实100项法治政府综合示范创建指标要求。"
    >>> [label_of(c, text) for c in extract_claims(text)]
    ['受理法律援助案件', '重大决策事项', '法治政府综合示范创建指标']
    >>> text = "汇总存档材料1000余份、下发工作提示函45份、工作督导29次。"
    >>> [label_of(c, text) for c in extract_claims(text)]
    ['汇总存档材料', '下发工作提示函', '工作督导']
    >>> text = "公职人员学法考试,参考率、合格率、优秀率均达到100%。"
    >>> [label_of(c, text) for c in extract_claims(text)]
    ['参考率、合格率、优秀率']
    >>> text = "建成13个乡(镇)公共法律服务工作站、109个村(社区)法律顾问室。"
    >>> [label_of(c, text) for c in extract_claims(text)]
    ['乡(镇)公共法律服务工作站', '村(社区)法律顾问室']
    >>> text = "全国新收行政复议案件31.5万件,通过调解、和解方式结案3.7万件。"
    >>> [label_of(c, text) for c in extract_claims(text)]
    ['全国新收行政复议案件', '和解方式结案']
    >>> text = "全国新收行政复议案件31.5万件,同比增长17.1%;依法办结行政复议案件29.3万件,同比增长14.45%。"
    >>> [label_of(c, text) for c in extract_claims(text)][1::2]
    ['全国新收行政复议案件同比增长', '依法办结行政复议案件同比增长']
    >>> text = "使用“无证明系统”出具证明材料372份,为开发区和台商投资区企业提供上门服务96次。"
    >>> [label_of(c, text) for c in extract_claims(text)]
    ['“无证明系统”出具证明材料', '台商投资区企业提供上门服务']
    >>> text = "调撤率44.35%,有望提升至45%以上(市考核指标45%以上)。"
    >>> [label_of(c, text) for c in extract_claims(text)]
    ['调撤率', '调撤率', '调撤率(市考核指标)']
    """
    if claim.label:
        return claim.label
    counted = _COUNTED.match(text, claim.char_end) or _COUNTED_LONG.match(text, claim.char_end)
    if counted and len(counted.group(1)) >= 2:
        return counted.group(1)
    start, _ = _segment(text, claim.char_start, claim.char_end, 0)
    # the words of its own item in a list (材料1000余份、下发工作提示函45份: 下发工作提示函),
    # unless the number counts the list (A、B等共计85次) or opens its item (、2个…)
    items = [m.end() for m in PHRASE_END.finditer(text, start, claim.char_start)]
    item = text[items[-1] : claim.char_start] if items else ""
    if item.strip() and not counts_its_list(item) and not _SHARED.search(item):
        start = items[-1]
    # in brackets (调撤率达80.9%(市考核指标50%以上)): what they open with, after what they
    # qualify (行政复议调撤率(市考核指标)), so that two brackets of a sentence stay apart
    opening = open_bracket(text, start, claim.char_start)
    if opening >= 0:
        inside = _words(text[opening + 1 : claim.char_start])
        if inside:
            qualified = _QUALIFIED.match(text, start, opening)
            what = _named(text, start, qualified.group(1)) if qualified else ""
            return f"{what}({inside})" if what else inside
    return _named(text, start, text[start : claim.char_start]) or claim.text


def _words(before: str) -> str:
    """The last words before a number, without a leading marker or conjunction, nor the 均
    that says it holds for all of them."""
    words = _LEADING.sub("", _SHARED.sub("", before.strip())).rstrip("、,，;；:：")
    if len(words) <= _LABEL_CHARS:
        return words
    # cut to the last words; a quoted name just after the cut opens the label whole
    # (使用“无证明系统”出具证明材料: “无证明系统”出具证明材料, not 用“无证明系统”…)
    words = words[-_LABEL_CHARS:]
    quote = words.find("“", 0, _CUT_REACH)
    return _LEADING.sub("", words[quote:] if quote > 0 else words)


#: words that only say a number is a change (同比增长17.1%): of what the clause before counts
_CHANGE_ONLY = re.compile(rf"(?:同比|较上年|比上年|较去年|比去年)?(?:{CHANGE_VERBS})了?")


def _named(text: str, start: int, before: str) -> str:
    """The words before a number, or, when they only forecast or reach a level (有望提升至),
    what the clause before names (调撤率44.35%,有望提升至45%以上: 调撤率); when they only
    say it is a change, the change of what the clause before names (全国新收行政复议案件31.5万件,
    同比增长17.1%: 全国新收行政复议案件同比增长)."""
    words = _words(before)
    change = _CHANGE_ONLY.fullmatch(words) is not None
    if not words or (GENERIC_WORDS.sub("", words) and not change):
        return words
    ends = list(CLAUSE_END.finditer(text, max(0, start - 200), start))
    if not ends or ends[-1].end() != start:
        return words  # the clause has no clause before it in reach
    previous = ends[-2].end() if len(ends) > 1 else max(0, start - 200)
    named = _QUALIFIED.match(text, previous, ends[-1].start())
    name = _words(named.group(1)) if named else ""
    return (f"{name}{words}" if change and name else name) or words


#: what a bracket qualifies: the words before the first number ahead of it, without its verb
_QUALIFIED = re.compile(r"([^\d(（]*?)(?:达到|达|为|至)?(?=\d)")


#: the noun right after a quantity's unit, up to a clause break, 的, a conjunction or a verb
#: of the genre's "对…进行审查" shape
#: (a noun may hold a bracketed alternative: 乡(镇)公共法律服务工作站, 村(社区)法律顾问)
_NOUN_PART = r"(?:[\u4e00-\u9fff]|[(（][\u4e00-\u9fff]{1,4}[)）])"
_COUNTED = re.compile(
    rf"(?:以上|以下|左右|余|多)?({_NOUN_PART}{{2,12}}?)"
    r"(?=[的和及与、，,。；;：:（(\s]|进行|开展|实施|予以|纳入|$)"
)
#: a long noun phrase after the unit, with no break in reach: its first words
_COUNTED_LONG = re.compile(rf"({_NOUN_PART}{{12}})")


def _hedge(claim: Claim, text: str) -> str | None:
    """The hedge word of the claim's sentence, as the annotation format wants it."""
    if not claim.hedged:
        return None
    start, end = sentence_span(text, claim.char_start, claim.char_end)
    words = hedge_words(text[start:end])
    return words[-1] if words else None


def observation_entry(claim: Claim, text: str, *, scope: str | None = None) -> dict[str, Any]:
    """One draft observation in the annotation format (``scope``: a draft of who or what the
    numbers are about, e.g. the issuing government)."""
    quote, occurrence = unique_quote(text, claim.char_start, claim.char_end)
    kind: str | None = claim.kind
    if claim.kind == "unknown":
        kind = "mixed" if claim.hedged else None
    entry: dict[str, Any] = {"indicator_id": claim.indicator_id}
    if claim.indicator_id is None:
        entry["label_zh"] = label_of(claim, text)
        entry["family"] = claim.family
    entry |= {"kind": kind, "comparator": claim.comparator, "value": _number(claim.value)}
    if claim.value_upper is not None:
        entry["value_upper"] = _number(claim.value_upper)
    entry["unit"] = claim.unit
    if claim.per is not None:
        entry["per"] = claim.per
    entry["year"] = claim.year
    hedge = _hedge(claim, text)
    if hedge is not None:
        entry["hedge"] = hedge
    entry["scope"] = scope
    entry["quote"] = quote
    if occurrence is not None:
        entry["occurrence"] = occurrence
    entry["note"] = _DRAFT_NOTE
    entry["reviewed"] = False
    return entry


def propose_annotations(
    text: str,
    document_id: str,
    *,
    genre: Genre | None = None,
    period: Period | None = None,
    scope: str | None = None,
) -> dict[str, Any]:
    """The draft annotation file of a document, as a mapping ready for YAML.

    Kind, year and indicator are the claims' own (:func:`extract_claims` with the same
    ``genre`` and ``period`` as ``fazhi-stats extract`` reads from the sidecar); ``scope`` is
    the draft scope of every entry.
    """
    proposed = proposed_entries(text, document_id, genre=genre, period=period, scope=scope)
    return annotation_draft(document_id, [entry for _, entry in proposed])


def proposed_entries(
    text: str,
    document_id: str,
    *,
    genre: Genre | None = None,
    period: Period | None = None,
    scope: str | None = None,
) -> list[tuple[Claim, dict[str, Any]]]:
    """The draft entries of :func:`propose_annotations`, each with the claim it drafts."""
    claims: Sequence[Claim] = extract_claims(
        text, document_id=document_id, genre=genre, period=period
    )
    pairs = [(c, observation_entry(c, text, scope=scope)) for c in claims]
    kept = {id(entry) for entry in without_repeated_facts([e for _, e in pairs])}
    return [(c, e) for c, e in pairs if id(e) in kept]


def annotation_draft(document_id: str, entries: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """A draft annotation file holding ``entries``, as a mapping ready for YAML."""
    return {"document_id": document_id, "observations": list(entries), "milestones": []}


def without_repeated_facts(entries: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The draft entries without those that state a fact already drafted, with the same value
    (有望突破至5%以下(市考核指标5%以下): one target, stated twice); the build takes each fact
    once. Entries that give the same fact different values are kept, for the curator.

    >>> a = {"indicator_id": "x", "kind": "target", "comparator": "le", "value": 5, "unit": "%",
    ...      "year": 2022, "scope": None, "quote": "有望突破至5%以下"}
    >>> [e["quote"] for e in without_repeated_facts([a, {**a, "quote": "市考核指标5%以下"}])]
    ['有望突破至5%以下']
    """
    seen: set[tuple[object, ...]] = set()
    kept = []
    for entry in entries:
        what = entry["indicator_id"] or ("unclassified", entry.get("label_zh"), entry["unit"])
        fact = (
            what,
            entry["kind"],
            entry["scope"],
            entry["year"],
            entry.get("per"),
            entry["comparator"],
            entry["value"],
            entry.get("value_upper"),
        )
        if fact in seen:
            continue
        seen.add(fact)
        kept.append(entry)
    return kept


def draft_indicators(
    draft: dict[str, Any], text: str, *, existing: Sequence[str] = ()
) -> list[dict[str, Any]]:
    """Registry entries for the unclassified numbers of a draft (one per label and family),
    marked ``reviewed: false``; ``existing``: ids already taken (drafts are numbered on)."""
    from fazhi_stats.registry import load_units

    units = load_units()
    taken = set(existing)
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for entry in draft["observations"]:
        if entry["indicator_id"] is not None:
            continue
        key = (entry["label_zh"], entry["family"])
        if key in seen:
            continue
        seen.add(key)
        n = 1
        while f"draft_{entry['family']}_{n}" in taken:
            n += 1
        ind_id = f"draft_{entry['family']}_{n}"
        taken.add(ind_id)
        unit = units.unit_std_of(str(entry["unit"])) or "count"
        if entry.get("per") is not None:
            unit += "_per_year"
        out.append(
            {
                "id": ind_id,
                "name_zh": entry["label_zh"],
                "name_en": "",
                "family": entry["family"],
                "unit": unit,
                "direction": "neutral",
                "definition": f"Draft from {draft['document_id']}: 「{entry['quote']}」. Say what is "
                "counted, for whom and over what period; rename the id; set the direction.",
                "keywords": [entry["label_zh"]],
                "reviewed": False,
            }
        )
    return out


def draft_yaml(draft: dict[str, Any]) -> str:
    """The draft as YAML text with the review instructions on top."""
    body = yaml.safe_dump(draft, allow_unicode=True, sort_keys=False, width=1000)
    return HEADER + body


_DRAFTS_HEADER = (
    "# DRAFT indicators proposed by `fazhi-stats annotate --propose` for unclassified numbers.\n"
    "# Not read by the build. To promote one: edit it (id, names, unit, direction,\n"
    "# definition), delete reviewed: false, move it to registry/indicators.yml, and put its id\n"
    "# in place of indicator_id: null (and drop label_zh, family) in the annotations.\n"
    "# An indicator of a change (同比下降N%, 减少N件) says change: true, unless its keyword\n"
    "# holds the verb: the extractor gives a number after such a verb only to those.\n"
)


def add_draft_indicators(path: Path, draft: dict[str, Any], text: str) -> int:
    """Add to the drafts file ``path`` (``registry/drafts/indicators.yml`` of a study) an
    indicator for each unclassified number of ``draft`` that no draft there names yet (same
    label and family); return how many were added (the file is written only then)."""
    from fazhi_stats.io import atomic_write_bytes

    existing: list[dict[str, Any]] = []
    if path.is_file():
        loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        existing = list(loaded.get("indicators") or [])
    known = {(e.get("name_zh"), e.get("family")) for e in existing}
    new = [
        d
        for d in draft_indicators(draft, text, existing=[str(e.get("id")) for e in existing])
        if (d["name_zh"], d["family"]) not in known
    ]
    if new:
        body = yaml.safe_dump(
            {"indicators": [*existing, *new]}, allow_unicode=True, sort_keys=False, width=100
        )
        atomic_write_bytes(path, (_DRAFTS_HEADER + body).encode("utf-8"))
    return len(new)
