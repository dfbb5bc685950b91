"""What a number means in its place: kind, year, family and indicator, by one set of rules.

Every command that reads claims (``extract``, ``annotate --propose``, ``audit``, ``evaluate``)
gets them from :func:`fazhi_stats.extract.claims.extract_claims`, which asks this module, so a
claim has the same kind, year and indicator wherever it is shown.

- **kind**: a report's next-year section states targets; otherwise the genre decides (a plan
  states targets, a report achievements), unless the sentence's own wording says otherwise
  (力争, 确保, 计划, 有望 in a report; 截至目前, 已有 in a plan). A number in brackets that
  name a required level (市考核指标45%以上) is a target. ``unknown`` only when neither does.
- **year**: the year the clause names (only the clause the number sits in: in
  ``2023总共…66件,2024年总共…151件`` the 66 is 2023's), else the time clause that opens the
  sentence or follows its colon, else (in a report) the one that opens its paragraph
  (2006年,… in a report on several years), else the section's (a report's 下一步 section is
  the next year), else the document's. A period of several years (2019年4月至2021年3月期间)
  gives no single year; the base of a comparison (较2019年的27件, 与上年的1068件) is its base
  year's.
- **family** and **indicator**: the registry keywords and family words nearest the number,
  in scopes that widen from its phrase to the headings above it.
"""

from __future__ import annotations

import bisect
import re

import fazhi_stats.extract.rules as rules
from fazhi_stats.extract.document import KeywordHit, ParsedText, Parts, Span, YearMention
from fazhi_stats.extract.indicators import (
    change_candidates,
    indicator_candidates,
    match_indicator,
    nearest_family,
    outcome_candidates,
)
from fazhi_stats.extract.tables import Cell
from fazhi_stats.extract.topics import OUTSIDE_TOPICS
from fazhi_stats.vocabulary import CLAIM_KINDS, ClaimKind

Kind = ClaimKind
KINDS = CLAIM_KINDS
OTHER_FAMILY = "other"

_OUTSIDE_TOPIC = re.compile("|".join(map(re.escape, OUTSIDE_TOPICS)))
# the family of a case that contests an act (不服行政处罚的), whatever the act's family
_CONTESTED = "reconsideration_litigation"
_CUE_REACH = 200  # characters before a number searched for words that decide its kind
_KEYWORD_REACH = 150  # characters around a number searched for indicator keywords


def kind_of(doc: ParsedText, pos: int, parts: Parts) -> tuple[Kind, bool]:
    """Kind and hedge of a number at ``pos`` from the section, the genre and the wording.

    Only the sentence up to the number is read (at most 200 characters of it), without the
    titles it cites (a 《…计划》 is a name, not a plan).
    """
    layout = doc.layout
    lo = pos - _CUE_REACH
    hedge_at = _last_cue(doc, parts, "hedge", pos, lo)
    section = layout.section_kind(pos) if layout.genre == "report" else None
    hedged = hedge_at >= 0
    if section == "target" or _required_level(doc.text, parts.sentence[0], pos):
        return "target", hedged
    if layout.genre == "plan":
        if _last_cue(doc, parts, "plan_actual", pos, lo) > _last_cue(doc, parts, "target", pos, lo):
            return "actual", hedged
        return "target", hedged
    actual_at = _last_cue(doc, parts, "actual", pos, lo)
    if layout.genre == "report":
        if _last_cue(doc, parts, "report_target", pos, lo) > actual_at:
            return "target", hedged
        if hedge_at > actual_at:
            return "unknown", hedged  # 努力实现…: neither an account nor a target
        return "actual", hedged
    target_at = _last_cue(doc, parts, "target", pos, lo)
    if target_at == actual_at == -1:
        return "unknown", hedged
    return ("target" if target_at > actual_at else "actual"), hedged


def _required_level(text: str, sentence_start: int, pos: int) -> bool:
    """Whether the number at ``pos`` stands in brackets that say it is a required level:
    (市考核指标45%以上), (省定目标90%)."""
    opening = rules.open_bracket(text, sentence_start, pos)
    return opening >= 0 and rules.REQUIRED_LEVEL.search(text, opening, pos) is not None


def _last_cue(doc: ParsedText, parts: Parts, name: str, pos: int, lo: int) -> int:
    """Start of the last word of class ``name`` that ends by ``pos`` and starts at ``lo`` or
    later in the sentence; -1 when there is none."""
    found = parts.cues.get(name)
    starts, ends = found if found is not None else doc.sentence_cue(parts, name)
    i = bisect.bisect_right(ends, pos) - 1
    return starts[i] if i >= 0 and starts[i] >= lo else -1


# --------------------------------------------------------------------------- year


def _resolve(mention: YearMention, doc_year: int | None) -> tuple[bool, int | None]:
    """(decides, year) of one mention: a range of several years decides with None."""
    kind, a, b = mention
    if kind == "relative":
        return True, None if doc_year is None else doc_year + a
    if kind == "range" and a != b:
        return True, None
    return True, a


def _usable(doc: ParsedText, start: int) -> bool:
    """A mention that dates the claim: not inside a 《title》, not a comparison's base year,
    not the start of something (自2018年起: a start, not the year a number is for)."""
    if doc.title_end(start) is not None:
        return False
    text = doc.text
    if rules.START_BEFORE.search(text, max(0, start - 2), start) and rules.START_AFTER.match(
        text, start
    ):
        return False
    return rules.COMPARISON_BEFORE.search(text, max(0, start - 4), start) is None


def _clause_year(
    doc: ParsedText,
    mentions: list[tuple[int, int, YearMention]],
    clause: Span,
    span: Span,
    doc_year: int | None,
) -> tuple[bool, int | None]:
    """Whether the clause dates the number, and to which year: the nearest usable mention
    before it, else the first single year after it (not in brackets)."""
    before = [m for m in mentions if clause[0] <= m[0] and m[1] <= span[0]]
    for start, _end, mention in reversed(before):
        if _usable(doc, start):
            return _resolve(mention, doc_year)
    text = doc.text
    for start, end, mention in mentions:
        if start < span[1] or end > clause[1]:
            continue
        if mention[0] != "year" or "(" in text[span[1] : start] or not _usable(doc, start):
            continue
        return True, mention[1]
    return False, None


def _lead_starts(text: str, sentence_start: int, clause_start: int) -> tuple[int, ...]:
    """Where a time clause that dates the clause at ``clause_start`` may open: after the
    sentence's last colon before it (目标:到2021年底,…差距缩小至30%以内), then at the
    sentence's start."""
    colon = max(
        text.rfind(":", sentence_start, clause_start),
        text.rfind("：", sentence_start, clause_start),
    )
    if colon < 0:
        return (sentence_start,)
    return (colon + 1, sentence_start)


def year_of(
    doc: ParsedText, span: Span, clause: Span, parts: Parts, cell: Cell | None = None
) -> int | None:
    """The calendar year a number at ``span`` is for (see the module docstring)."""
    doc_year = doc.year
    mentions = doc.sentence_years(parts)
    sentence = parts.sentence
    if mentions:  # a sentence without a year mention leaves it to the section or document
        base = rules.BASE_YEAR_BEFORE.search(doc.text, max(clause[0], span[0] - 16), span[0])
        if base is not None:  # 较2019年的27件, 与上年的1068件: the base of a comparison, its year
            if base.group(1):
                return int(base.group(1))
            return None if doc_year is None else doc_year - 1
        decided, year = _clause_year(doc, mentions, clause, span, doc_year)
        if decided:
            return year
    if cell is not None and cell.column_label:
        found = rules.YEAR_MENTION.search(cell.column_label)
        if found and found.group("year"):
            return int(found.group("year"))
    if mentions and sentence[0] < clause[0]:
        text = doc.text
        for lead_start in _lead_starts(text, sentence[0], clause[0]):
            decided, year = _time_clause_year(doc, mentions, lead_start, clause[0], span)
            if decided:
                return year
        for start, end, mention in mentions:
            several = mention[0] == "range" and mention[1] != mention[2]
            if several and end <= clause[0] and _usable(doc, start):
                return None  # the sentence is about a period of several years
    if doc.layout.genre == "report":  # an account, a paragraph a year (not a plan's 每年…)
        decided, year = _paragraph_year(doc, span, sentence[0])
        if decided:
            return year
    section = doc.layout.section_year(span[0])
    return section if section is not None else doc_year


def _paragraph_year(doc: ParsedText, span: Span, sentence_start: int) -> tuple[bool, int | None]:
    """Whether the time clause that opens the number's paragraph (a line) dates it, and to
    which year: 2006年,全市…共收到申请63件。其中,市政府收到24件… (a report on several years, a
    paragraph a year). Looked up once per paragraph."""
    line_start = doc.lines.around(*span)[0]
    if line_start >= sentence_start:
        return False, None  # the number's sentence opens the paragraph: read above
    found = doc.paragraph_years.get(line_start)
    if found is None:
        found = _time_clause_year(doc, None, line_start, sentence_start, span)
        doc.paragraph_years[line_start] = found
    return found


def _time_clause_year(
    doc: ParsedText,
    mentions: list[tuple[int, int, YearMention]] | None,
    lead_start: int,
    stop: int,
    span: Span,
) -> tuple[bool, int | None]:
    """Whether the clause opening at ``lead_start`` (ending before ``stop``) only says when
    (2021年, 到2021年底, 2016年以来) and so dates the number at ``span``, and to which year;
    ``mentions``: the year mentions around it (None: the clause's own, looked up here)."""
    text = doc.text
    lead_end = rules.CLAUSE_END.search(text, lead_start, stop)
    if lead_end is None or not rules.TIME_CLAUSE.fullmatch(text, lead_start, lead_end.start()):
        return False, None
    lead = (lead_start, lead_end.start())
    if mentions is None:
        mentions = doc.years.within(*lead)
        if not mentions:
            return False, None
    return _clause_year(doc, mentions, lead, span, doc.year)


# --------------------------------------------------------------------------- topic


def topic_of(
    doc: ParsedText,
    span: Span,
    unit_std: str | None,
    parts: Parts,
    scopes: tuple[Span, ...],
    cell: Cell | None = None,
) -> tuple[str, str | None]:
    """(family, indicator id or None) of a number at ``span``.

    ``scopes`` widen from the number's phrase to its sentence (``parts``). The indicator comes
    from the registry keywords in them. The family is the indicator's, else the nearest family
    word in the phrase or the clause, else in what precedes the clause in its sub-sentence and
    in the sentence before it in its paragraph (what a number counts is named in its clause or
    before it, not in the next clause; a run-together paragraph changes its topic from one
    sentence to the next, and a report's ； from one item of work to the next), else the first
    family word of the table's caption, the headings above and the title; ``other`` when none
    has one.
    """
    lo, hi = span[0] - _KEYWORD_REACH, span[1] + _KEYWORD_REACH
    near = tuple([(a if a > lo else lo, b if b < hi else hi) for a, b in scopes])
    if cell is not None:
        row_start = doc.text.rfind("\n", 0, span[0]) + 1
        near = (span, (row_start, span[1]), *near[2:])
    if doc.text.find("不服", near[1][0], span[0]) >= 0:
        return _CONTESTED, None  # 不服行政处罚的25件: cases contesting an act, not the act
    words = doc.words
    if parts.sentence[1] - parts.sentence[0] > 4 * _KEYWORD_REACH:
        hits = doc.keywords.within(lo, hi)  # a long sentence: only the reach around the number
        candidates = outcome_candidates(
            words, doc.text, indicator_candidates(words, hits, unit_std)
        )
    else:
        hits = doc.sentence_keywords(parts)
        candidates = doc.sentence_indicator_candidates(parts, unit_std)
    change = (
        rules.CHANGE_BEFORE.search(doc.text, max(near[1][0], span[0] - 4), span[0])
        if candidates
        else None
    )
    if change is not None:
        # 同比下降17.65%: a change of the rate, not the rate; 审批流程减少20%: a change indicator
        candidates = change_candidates(words, candidates, change.start())
    if candidates:
        indicator = match_indicator(
            words, doc.text, hits, near, span, unit_std, candidates=candidates
        )
        if indicator is not None:
            return words.family_of_indicator[indicator], indicator
    clause_end = near[1][1]
    # phrase, clause, and the sub-sentence up to the clause's end: not earlier items of the
    # sentence (…网上可办率94.3%;建成13个公共法律服务工作站 is no count of online services)
    scopes = (near[0], near[1], (near[2][0], clause_end))
    outside = _outside_asides(doc, hits, span, parts)
    family = nearest_family(words, outside, scopes, span)
    if family is None and outside is not hits:  # only a remark names one
        family = nearest_family(words, hits, scopes, span)
    if family is not None:
        return family, None
    if _OUTSIDE_TOPIC.search(doc.text, scopes[-1][0], scopes[-1][1]):
        return OTHER_FAMILY, None  # 走访人大代表23人次: work of no family, named where it is
    line_start, sentence_start = doc.lines.around(*span)[0], parts.sentence[0]
    if line_start < sentence_start:
        # the sentence before on the line, not the whole paragraph up to it
        before = doc.sentences.segments.around(sentence_start - 1, sentence_start - 1)
        family = doc.family_near((max(line_start, before[0]), sentence_start), last=True)
        if family is not None:
            return family, None
    for scope in _wider_scopes(doc, span, cell):
        family = doc.family_near(scope, last=False)
        if family is not None:
            return family, None
    return OTHER_FAMILY, None


def _outside_asides(
    doc: ParsedText, hits: list[KeywordHit], span: Span, parts: Parts
) -> list[KeywordHit]:
    """``hits`` without those in a remark in brackets the number is not in: 纠错率(指自行改正占
    已审结数量的比率)为5.26% is the rate of what stands before the brackets."""
    if not hits:
        return hits
    asides = [(a, b) for a, b in doc.sentence_asides(parts) if not (a < span[0] and span[1] <= b)]
    if not asides:
        return hits
    return [h for h in hits if not any(a <= h[0] and h[1] <= b for a, b in asides)]


def _wider_scopes(doc: ParsedText, span: Span, cell: Cell | None) -> list[Span]:
    """A table's caption, the headings above, the table's header row and the title."""
    text = doc.text
    scopes: list[Span] = []
    if cell is not None:
        # the caption: the last line before the table that is not blank
        caption_end = cell.table_start - 1
        while caption_end > 0 and text[caption_end].isspace():
            caption_end -= 1
        caption_end = max(0, caption_end)
        scopes.append(doc.lines.around(caption_end, caption_end))
    for heading in doc.layout.enclosing(span[0]):
        scopes.append((heading.start, heading.end))
    if cell is not None and cell.column_label:
        header_start = cell.table_start
        header_end = text.find("\n", header_start)
        scopes.append((header_start, header_end if header_end >= 0 else len(text)))
    if doc.layout.title_end:
        last = max(0, doc.layout.title_end - 1)
        scopes.append(doc.lines.around(last, last))
    return scopes
