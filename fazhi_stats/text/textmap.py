"""A normalised view of a text (NFKC, collapsed whitespace) that maps back to original offsets.

Search the normalised text, report in the original:

>>> view = normalise_text("共　２５１２起")
>>> view.text
'共 2512起'
>>> start = view.text.index("2512")
>>> view.to_original(start, start + 4)
(2, 6)
"""

from __future__ import annotations

import bisect
import heapq
import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import cache


@cache
def _nfkc_changes() -> dict[str, str]:
    """NFKC of every code point that it changes (built once per process), except that a
    circled number (①, ㉑) becomes the number in brackets, ``(1)``: NFKC's bare digit would
    run into the number after it (③13个市州 read as 313个), and a circled number is a list
    marker, as ``(1)`` is."""
    changes: dict[str, str] = {}
    for cp in range(0x80, 0x30000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        norm = unicodedata.normalize("NFKC", ch)
        if norm != ch:
            circled = norm.isascii() and norm.isdigit() and "CIRCLED" in unicodedata.name(ch, "")
            changes[ch] = f"({norm})" if circled else norm
    return changes


def _ranges(code_points: list[int]) -> str:
    """A regex character-class body for sorted code points, as ranges."""
    spans: list[list[int]] = []
    for cp in code_points:
        if spans and spans[-1][1] == cp - 1:
            spans[-1][1] = cp
        else:
            spans.append([cp, cp])
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in spans
    )


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _may_hold_astral(text: str) -> bool:
    """False when ``text`` surely holds no code point beyond U+FFFF, found in constant time.

    CPython stores a text in 1, 2 or 4 bytes per character, 4 only when it has an astral
    code point; the size of the object tells which (a test of the text itself costs a pass).
    """
    # a 4-byte text takes 4 bytes per character plus a header of about 76; a 2-byte text of n
    # characters is 2n bytes short of that (short texts pass and are searched: harmless)
    return sys.getsizeof(text) - 4 * len(text) >= _HEADER_BYTES


_HEADER_BYTES = 60


@cache
def _changing_chars(collapse_whitespace: bool, astral: bool) -> re.Pattern[str]:
    """Code points NFKC changes (and runs of whitespace when collapsing).

    For a text within the BMP (nearly all), the pattern starts with one class of code points
    below U+10000: the regex engine tests it with a bitmap and skips to each hit at C speed
    (an alternation such as ``\\s+|[…]``, or a class reaching beyond the BMP, makes it try
    the pattern at every position). When collapsing, white space is in that class and a run
    of it is taken whole (the look-behind holds only after a white space). Astral code points
    are matched and looked up only in a text that has some.
    """
    bmp = {ord(ch) for ch in _nfkc_changes() if ord(ch) < 0x10000}
    if collapse_whitespace:
        bmp |= {cp for cp in range(0x10000) if chr(cp).isspace()}  # what \s matches
    chars = f"[{_ranges(sorted(bmp))}]"
    if collapse_whitespace:
        chars += r"(?:(?<=\s)\s*)?"
    if astral:
        chars += "|[\U00010000-\U0010ffff]"
    return re.compile(chars)


@dataclass(frozen=True)
class NormalisedText:
    """``text`` is the normalised text; pieces map its offsets back to ``original``.

    Each piece is (norm_start, norm_end, orig_start, orig_end) of a replacement that changed
    the length. Between pieces offsets shift by a constant (characters replaced one for one,
    like full-width digits, need no piece).
    """

    original: str
    text: str
    _norm_starts: tuple[int, ...]
    _pieces: tuple[tuple[int, int, int, int], ...]

    def _start_at(self, pos: int) -> int:
        i = bisect.bisect_right(self._norm_starts, pos) - 1
        if i < 0:
            return pos
        _n0, n1, o0, o1 = self._pieces[i]
        return o0 if pos < n1 else o1 + (pos - n1)

    def _end_at(self, pos: int) -> int:
        last = pos - 1  # the last character of the span
        i = bisect.bisect_right(self._norm_starts, last) - 1
        if i < 0:
            return pos
        _n0, n1, _o0, o1 = self._pieces[i]
        return o1 if last < n1 else o1 + (pos - n1)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the normalised span ``text[start:end]``."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside the normalised text of {len(self.text)}")
        if not self._pieces:  # no replacement changed the length: the offsets are the same
            return start, end
        if start == end:
            pos = self._start_at(start)
            return pos, pos
        return self._start_at(start), self._end_at(end)


@cache
def _same_length(collapse_whitespace: bool) -> dict[str, str]:
    """The replacements that keep the length (full-width ，０Ａ, U+3000 …): they need no piece,
    so ``str.replace`` can make them all at once.

    No replacement is itself a character NFKC changes, so the order they are made in is free.
    """
    table: dict[str, str] = {}
    for char, norm in _nfkc_changes().items():
        if norm.isspace():
            norm = " "
        if collapse_whitespace and char.isspace() != norm.isspace():
            # it would join or leave a run of white space. A space that stays a space (U+3000)
            # may go first: the run it is in becomes one space all the same
            continue
        if len(norm) == 1:
            table[char] = norm
    return table


# spaces of web pages (&nbsp;, the ideographic space): the changes a text already half-width
# most often holds, anywhere in it; looked for at memchr speed rather than by the regex
_COMMON_SPACES = ("\xa0", "\u3000")


def _replace_same_length(
    original: str, table: dict[str, str], changing: re.Pattern[str]
) -> tuple[str, int]:
    """``original`` with the replacements of ``table`` made, and the offset of the first
    character left that NFKC changes (the length of the text when none is left).

    One distinct character at a time: a search finds the next one, ``str.replace`` replaces
    every occurrence at C speed, and ``unicodedata.is_normalized`` (a C pass, faster than the
    regex) tells when none is left. That test is exact here: every character NFKC changes is
    one that cannot occur in NFKC text (its quick check is No), so a text that passes has none.
    """
    text, pos = original, 0
    if unicodedata.is_normalized("NFKC", text):
        return text, len(text)
    for char in _COMMON_SPACES:
        if char in text:
            text = text.replace(char, table[char])
    while not unicodedata.is_normalized("NFKC", text[pos:]):
        found = changing.search(text, pos)
        if found is None:
            break  # not NFKC as a whole (a combining sequence), but no character changes
        norm = table.get(found.group())
        if norm is None:
            # a replacement that changes the length: the loop of the caller makes it; the
            # same-length ones after it are found in one pass, not one search each
            for char in set(changing.findall(text, found.end())):
                if (norm := table.get(char)) is not None:
                    text = text.replace(char, norm)
            return text, found.start()
        text = text.replace(found.group(), norm)
        pos = found.start()
    return text, len(text)


# A pinyin gloss in brackets after a character, as some mirror sites add them to traditional
# text (網(wǎng)上, 類(lèi)): a syllable with a tone mark.
_GLOSS = re.compile(
    r"\((?<=[\u3400-\u9fff\uf900-\ufaff]\()[a-zü]{0,5}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]{0,5}\)"
)


# Spaces a page sets between Han text and the numbers in it (会议 1 次, 清单 236 项, 办理 1.3 万件,
# 可办率 94.3%, 工作站、109 个村): around a number after Han or a Chinese separator and before Han
# or %. A number at the start of a line (a list marker: 1 项目管理) keeps its space. Both patterns
# open with a space, which the regex engine finds at memchr speed: most texts have few.
_HAN = "\u3400-\u9fff"
_BEFORE_NUMBER = re.compile(rf" (?<=[{_HAN}、,;:(] ) *(?=\d)")  # the spaces, the number after them
_AFTER_NUMBER = re.compile(rf" (?<=\d ) *(?=[{_HAN}])")  # the spaces, Han after them
_NUMBER_CHARS = frozenset("0123456789.,")
_OPENS_NUMBER = frozenset("、,;:(")


def _number_start(text: str, end: int) -> int:
    """Where the number that ends at ``end`` starts."""
    start = end
    while start > 0 and text[start - 1] in _NUMBER_CHARS:
        start -= 1
    return start


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def _after_han(text: str, pos: int) -> bool:
    """Whether Han text or a Chinese separator stands before ``pos``, spaces between allowed."""
    while pos > 0 and text[pos - 1] == " ":
        pos -= 1
    return pos > 0 and (_is_han(text[pos - 1]) or text[pos - 1] in _OPENS_NUMBER)


_SPACED_NUMBERS = 3  # numbers set apart: fewer are no page's style (备 42062502000007号)


def _digit_spacing(text: str) -> list[tuple[int, int]]:
    """The spaces around the numbers of Han text, to be left out of the view, when the page
    sets them around several of its numbers."""
    spans: list[tuple[int, int]] = []
    for m in _BEFORE_NUMBER.finditer(text):
        end = m.end()
        while end < len(text) and text[end] in _NUMBER_CHARS:
            end += 1
        following = text[end : end + 1]
        if following in ("%", " ") or (following and _is_han(following)):
            spans.append(m.span())
    if len(spans) < _SPACED_NUMBERS:
        return []
    for m in _AFTER_NUMBER.finditer(text):
        if _after_han(text, _number_start(text, m.start())):
            spans.append(m.span())
    return spans


def _dropped_spans(text: str, *, glosses: bool, digit_spacing: bool) -> list[tuple[int, int]]:
    """The spans left out of the view: pinyin glosses, the spaces around numbers in Han text."""
    spans = [m.span() for m in _GLOSS.finditer(text)] if glosses and "(" in text else []
    if digit_spacing and " " in text:
        spans = sorted(spans + _digit_spacing(text))
    return spans


_DROPPED, _CHANGED = 0, 1  # how a span of the text is replaced in the view (a dropped one first)


def normalise_text(
    original: str,
    *,
    collapse_whitespace: bool = True,
    drop_glosses: bool = False,
    drop_digit_spacing: bool = False,
) -> NormalisedText:
    """NFKC (full-width → half-width) and whitespace collapsed to one space, with an offset map.

    Without ``collapse_whitespace`` the text keeps its line breaks and spaces. With
    ``drop_glosses`` pinyin glosses in brackets (網(wǎng)上办事) are left out of the view; with
    ``drop_digit_spacing`` the spaces a page sets around the numbers of Han text (会议 1 次).

    >>> normalise_text("召开会议 1 次,建成 13 个,办理 1.3 万件\\n1 项目", drop_digit_spacing=True).text
    '召开会议1次,建成13个,办理1.3万件 1 项目'
    >>> normalise_text("鄂公网安备 42062502000007号", drop_digit_spacing=True).text  # no page style
    '鄂公网安备 42062502000007号'

    >>> view = normalise_text("１㎡：2\u3000 km", collapse_whitespace=False)
    >>> view.text, view.to_original(1, 3), view.to_original(4, 9)
    ('1m2:2  km', (1, 2), (3, 8))
    """
    changes = _nfkc_changes()
    astral = _may_hold_astral(original) and _ASTRAL.search(original) is not None
    # replacements of the same length first, at C speed: the loop below then meets only those
    # that change the length (and, when collapsing, white space)
    text, first = _replace_same_length(
        original, _same_length(collapse_whitespace), _changing_chars(False, astral)
    )
    start = 0 if collapse_whitespace else first  # nothing before ``first`` changes any more
    dropped = _dropped_spans(text, glosses=drop_glosses, digit_spacing=drop_digit_spacing)
    if dropped and dropped[0][0] < start:
        start = dropped[0][0]
    out: list[str] = [text[:start]]
    starts: list[int] = []
    pieces: list[tuple[int, int, int, int]] = []
    shift = 0  # normalised offset minus original offset, after the last piece
    last = start
    changing = (
        (*m.span(), _CHANGED)
        for m in _changing_chars(collapse_whitespace, astral).finditer(text, start)
    )
    # a gloss holds only ASCII letters, brackets and tone-marked vowels, none of which NFKC
    # changes; the spaces around a number are a whole run of white space, which a collapsing
    # view also finds: the span dropped comes first (same start), the same run found again is
    # passed over
    spans = heapq.merge(((a, b, _DROPPED) for a, b in dropped), changing) if dropped else changing
    for o0, o1, how in spans:
        if o0 < last:
            continue  # inside a span already replaced
        chunk = text[o0:o1]
        if how == _DROPPED:
            replacement = ""
        elif chunk.isspace() and (collapse_whitespace or chunk not in changes):
            if chunk == " " or not collapse_whitespace:
                continue
            replacement = " "
        else:
            replacement = changes.get(chunk, chunk)
            if replacement.isspace():
                replacement = " "
        out.append(text[last:o0])
        out.append(replacement)
        last = o1
        if len(replacement) == o1 - o0:
            continue  # same length: offsets keep their shift, no piece needed
        n0 = o0 + shift
        starts.append(n0)
        pieces.append((n0, n0 + len(replacement), o0, o1))
        shift += len(replacement) - (o1 - o0)
    if len(out) == 1:
        return NormalisedText(original, text, (), ())
    out.append(text[last:])
    return NormalisedText(original, "".join(out), tuple(starts), tuple(pieces))
