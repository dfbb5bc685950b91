"""Reading many quantities with one vocabulary, and each distinct one only once.

>>> reader = QuantityReader()
>>> reader.parse("不少于40学时").value_std
30.0
>>> reader.parse("不少于40学时") is reader.parse("不少于40学时")
True
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from fazhi_stats.errors import QuantityError
from fazhi_stats.settings import DEFAULT_SETTINGS
from fazhi_stats.text.quantities import (
    Quantity,
    _parse_quantity,
    _ReadKey,
    _vocabulary,
    quantity_at,
    quantity_from_match,
)

if TYPE_CHECKING:
    from fazhi_stats.registry import Registry

__all__ = ["READ_BEFORE_LIMIT", "QuantityReader"]

READ_BEFORE_LIMIT = 4096  # quantities remembered per registry; the table is emptied when full


class QuantityReader:
    """The quantity patterns and vocabulary of the active registry, looked up once: a caller
    that reads many quantities (the extractor, per document) keeps one.

    A quantity depends only on its text and the pattern's groups, and is immutable: the
    readers of one registry share what they read, in a table of bounded size (memory stays
    flat however many documents are read). A text that is no quantity is refused again each
    time, with a new error of the same message.
    """

    def __init__(self, registry: Registry | None = None) -> None:
        self.vocabulary = _vocabulary(registry)  # the active registry's when none is given
        self.scan = self.vocabulary.scan
        self.pattern = self.vocabulary.pattern

    def at(self, text: str, num_start: int) -> re.Match[str] | None:
        """See :func:`~fazhi_stats.text.quantities.quantity_at`."""
        return quantity_at(text, num_start, self.vocabulary)

    def read(self, match: re.Match[str], text: str) -> Quantity:
        """See :func:`~fazhi_stats.text.quantities.quantity_from_match`."""
        return self._remembered(
            (text, match.groups()),
            lambda: quantity_from_match(match, text, vocabulary=self.vocabulary),
        )

    def parse(self, text: str) -> Quantity:
        """See :func:`~fazhi_stats.text.quantities.parse_quantity`."""
        return self._remembered(
            (text, None), lambda: _parse_quantity(text, DEFAULT_SETTINGS, self.vocabulary)
        )

    def _remembered(self, key: _ReadKey, make: Callable[[], Quantity]) -> Quantity:
        memo = self.vocabulary.read_before
        found = memo.get(key)
        if found is None:
            try:
                found = make()
            except (QuantityError, ValueError, ArithmeticError) as exc:
                found = exc
            if len(memo) >= READ_BEFORE_LIMIT:
                memo.clear()
            memo[key] = found
        if isinstance(found, Exception):
            raise type(found)(*found.args)
        return found
