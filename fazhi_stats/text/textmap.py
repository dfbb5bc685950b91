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
import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import cache


@cache
def _nfkc_changes() -> dict[str, str]:
    """NFKC of every code point that it changes (built once per process)."""
    changes: dict[str, str] = {}
    for cp in range(0x80, 0x30000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        norm = unicodedata.normalize("NFKC", ch)
        if norm != ch:
            changes[ch] = norm
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

    For a text within the BMP (nearly all) and without collapsing, the pattern is one class of
    code points below U+10000: the regex engine tests it with a bitmap and skips to each hit
    at C speed (an alternation, or a class reaching beyond the BMP, makes it try the pattern
    at every position). Astral code points are matched and looked up only in a text that
    has some.
    """
    bmp = sorted(ord(ch) for ch in _nfkc_changes() if ord(ch) < 0x10000)
    chars = f"[{_ranges(bmp)}]"
    if astral:
        chars += "|[\U00010000-\U0010ffff]"
    return re.compile(r"\s+|" + chars if collapse_whitespace else chars)


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
        if start == end:
            pos = self._start_at(start)
            return pos, pos
        return self._start_at(start), self._end_at(end)


def normalise_text(original: str, *, collapse_whitespace: bool = True) -> NormalisedText:
    """NFKC (full-width → half-width) and whitespace collapsed to one space, with an offset map.

    Without ``collapse_whitespace`` the text keeps its line breaks and spaces.
    """
    changes = _nfkc_changes()
    out: list[str] = []
    starts: list[int] = []
    pieces: list[tuple[int, int, int, int]] = []
    shift = 0  # normalised offset minus original offset, after the last piece
    last = 0
    astral = _may_hold_astral(original) and _ASTRAL.search(original) is not None
    for match in _changing_chars(collapse_whitespace, astral).finditer(original):
        o0, o1 = match.span()
        chunk = match.group()
        if chunk.isspace() and (collapse_whitespace or chunk not in changes):
            if chunk == " " or not collapse_whitespace:
                continue
            replacement = " "
        else:
            replacement = changes.get(chunk, chunk)
            if replacement.isspace():
                replacement = " "
        out.append(original[last:o0])
        out.append(replacement)
        last = o1
        if len(replacement) == o1 - o0:
            continue  # same length: offsets keep their shift, no piece needed
        n0 = o0 + shift
        starts.append(n0)
        pieces.append((n0, n0 + len(replacement), o0, o1))
        shift += len(replacement) - (o1 - o0)
    if not out:
        return NormalisedText(original, original, (), ())
    out.append(original[last:])
    return NormalisedText(original, "".join(out), tuple(starts), tuple(pieces))
