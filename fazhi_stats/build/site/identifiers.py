"""Section ids as pandoc (and so Quarto) makes them, so deep links survive a change of renderer."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import MutableSet

# A heading of a markdown cell as nbconvert writes it: an id and a trailing anchor link.
_HEADING = re.compile(
    r'<h(?P<level>[1-6]) id="[^"]*">(?P<inner>.*?)'
    r'<a class="anchor-link" href="#[^"]*">(?P<mark>[^<]*)</a></h(?P=level)>',
    flags=re.S,
)
_TAG = re.compile(r"<[^>]+>")
_LATIN1_SPACES = " \t\n\r\f\v\xa0"


def _is_space(char: str) -> bool:
    return char in _LATIN1_SPACES or unicodedata.category(char) == "Zs"


def _is_kept(char: str) -> bool:
    # Letters, numbers and marks of any script (so CJK stays), and _ - .
    return char in "_-." or unicodedata.category(char)[0] in "LNM"


def pandoc_identifier(text: str) -> str:
    """The identifier pandoc's ``auto_identifiers`` gives a heading with this text.

    Lower case; punctuation and symbols removed except ``_ - .``; runs of spaces become one
    ``-``; everything before the first letter dropped. ``""`` if nothing is left.

    >>> pandoc_identifier("摘要 / Summary")
    '摘要-summary'
    >>> pandoc_identifier("Maître d'hôtel"), pandoc_identifier("3. Applications")
    ('maître-dhôtel', 'applications')
    """
    kept = "".join(" " if _is_space(c) else c for c in text.lower() if _is_space(c) or _is_kept(c))
    ident = "-".join(kept.split())
    start = next((i for i, c in enumerate(ident) if unicodedata.category(c)[0] == "L"), len(ident))
    return ident[start:]


def unique_identifier(text: str, used: MutableSet[str]) -> str:
    """:func:`pandoc_identifier`, made unique as pandoc does (``-1``, ``-2``, …; ``section``
    when the heading has no letter), and recorded in ``used``.

    >>> used: set[str] = set()
    >>> [unique_identifier(t, used) for t in ("Hi", "Hi", "33", "Hi")]
    ['hi', 'hi-1', 'section', 'hi-2']
    """
    base = pandoc_identifier(text) or "section"
    ident = base
    n = 0
    while ident in used:
        n += 1
        ident = f"{base}-{n}"
    used.add(ident)
    return ident


def assign_section_ids(page_html: str) -> str:
    """Give every heading that nbconvert rendered from markdown pandoc's identifier, on the
    heading and on its anchor link."""
    used: set[str] = set()

    def replace(m: re.Match[str]) -> str:
        text = html.unescape(_TAG.sub("", m.group("inner")))
        ident = html.escape(unique_identifier(text, used))
        level = m.group("level")
        return (
            f'<h{level} id="{ident}">{m.group("inner")}'
            f'<a class="anchor-link" href="#{ident}">{m.group("mark")}</a></h{level}>'
        )

    return _HEADING.sub(replace, page_html)
