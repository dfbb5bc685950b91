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
import unicodedata
from dataclasses import dataclass
from functools import cache


@cache
def _changing_chars() -> re.Pattern[str]:
    """A character class of every code point that NFKC changes, and runs of whitespace."""
    ranges: list[tuple[int, int]] = []
    for cp in range(0x80, 0x30000):
        ch = chr(cp)
        if 0xD800 <= cp <= 0xDFFF:
            continue
        if unicodedata.normalize("NFKC", ch) != ch:
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    parts = [
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    ]
    return re.compile(r"\s+|[" + "".join(parts) + "]")


@dataclass(frozen=True)
class NormalisedText:
    """``text`` is the normalised text; pieces map its offsets back to ``original``.

    Each piece is (norm_start, norm_end, orig_start, orig_end). Between pieces the two texts
    are identical, so offsets shift by a constant.
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
    """NFKC (full-width → half-width) and whitespace collapsed to one space, with an offset map."""
    pattern = _changing_chars()
    out: list[str] = []
    starts: list[int] = []
    pieces: list[tuple[int, int, int, int]] = []
    norm_len = 0
    last = 0
    for match in pattern.finditer(original):
        o0, o1 = match.span()
        chunk = match.group()
        if chunk.isspace():
            if not collapse_whitespace:
                continue
            replacement = " "
            if chunk == " ":
                continue
        else:
            replacement = unicodedata.normalize("NFKC", chunk)
            if replacement.isspace():
                replacement = " "
        out.append(original[last:o0])
        norm_len += o0 - last
        out.append(replacement)
        starts.append(norm_len)
        pieces.append((norm_len, norm_len + len(replacement), o0, o1))
        norm_len += len(replacement)
        last = o1
    out.append(original[last:])
    text = "".join(out)
    return NormalisedText(original, text, tuple(starts), tuple(pieces))
