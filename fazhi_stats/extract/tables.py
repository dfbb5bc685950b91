"""Tables in plain text: rows of cells split by ``|`` or tabs, and the labels of each cell.

Web captures of statistics pages keep their tables as lines such as
``数量  | 75件  | 16件  | 0  |``. A table is a run of at least two such lines with as many
(short) cells each; its first row is the header (column labels), the first cell of each row
its row label. A cell holding only a number is a claim even
without a unit (zeros included); a number in the header or the first column is a label.

>>> text = "类别 | 市场监管 | 公安 |\\n数量 | 77件 | 0 |\\n"
>>> tables = TableIndex(text)
>>> cell = tables.cell_at(text.index("0 |"))
>>> (cell.row_label, cell.column_label, cell.is_label)
('数量', '公安', False)
>>> [text[s:e] for s, e in tables.bare_numbers()]
['0']
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

_SEPARATOR = re.compile(r"[|\t]")
_BARE_NUMBER = re.compile(r"\s*(\d+(?:,\d{3})*(?:\.\d+)?)\s*")
_MIN_CELLS = 2  # non-empty cells a line needs to be a row
_MAX_CELL = 40  # characters: a longer cell is prose


@dataclass(frozen=True)
class Cell:
    """One cell: its span, its row's label and its column's label (None where there is none)."""

    start: int
    end: int
    row_label: str | None
    column_label: str | None
    is_label: bool  # the cell is in the header row or the first column
    table_start: int  # where the table's first row starts

    @property
    def label(self) -> str | None:
        """``row / column``, or whichever of the two exists."""
        parts = [p for p in (self.row_label, self.column_label) if p]
        return " / ".join(parts) if parts else None


@dataclass(frozen=True)
class _Row:
    start: int
    end: int
    cells: tuple[tuple[int, int], ...]  # spans of the cells, stripped


def _cells(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    spans = []
    pos = start
    for m in _SEPARATOR.finditer(text, start, end):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, end))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        out.append((a, b))
    while out and out[-1][0] == out[-1][1]:
        out.pop()  # a trailing separator ends the row
    if out and out[0][0] == out[0][1]:
        out.pop(0)  # so does a leading one
    return tuple(out)


def _row(text: str, start: int, end: int) -> _Row | None:
    """The line ``start:end`` as a row: at least two separators, every cell short."""
    separators = len(_SEPARATOR.findall(text, start, end))
    if separators < _MIN_CELLS:
        return None
    cells = _cells(text, start, end)
    if sum(1 for a, b in cells if b > a) < _MIN_CELLS:
        return None
    if any(b - a > _MAX_CELL for a, b in cells):
        return None  # prose that holds a | (a breadcrumb, a menu), not a table
    return _Row(start, end, cells)


def _rows(text: str) -> list[list[_Row]]:
    """Runs of at least two consecutive rows with as many cells each.

    Only the lines holding a separator are looked at: most texts have none, or a few in a
    menu of page chrome.
    """
    lines: list[tuple[int, int]] = []
    pos = 0
    while (m := _SEPARATOR.search(text, pos)) is not None:
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        lines.append((start, end))
        pos = end + 1
    tables: list[list[_Row]] = []
    current: list[_Row] = []

    def close() -> None:
        if len(current) >= 2:
            tables.append(list(current))
        current.clear()

    previous_end = -2
    for start, end in lines:
        row = _row(text, start, end)
        if row is None or start != previous_end + 1:
            close()
        previous_end = end
        if row is None:
            continue
        if current and len(current[0].cells) != len(row.cells):
            close()
        current.append(row)
    close()
    return tables


class TableIndex:
    """The table cells of a text; building it costs one scan only when the text has ``|``/tab."""

    def __init__(self, text: str) -> None:
        self.text = text
        has_cells = "|" in text or "\t" in text
        self.tables = _rows(text) if has_cells else []
        self._rows = [(row, table) for table in self.tables for row in table]
        self._starts = [row.start for row, _ in self._rows]

    def __bool__(self) -> bool:
        return bool(self.tables)

    def _label(self, span: tuple[int, int]) -> str | None:
        label = self.text[span[0] : span[1]].strip()
        return label or None

    def cell_at(self, pos: int) -> Cell | None:
        """The cell holding ``pos``, if it lies in a table."""
        i = bisect.bisect_right(self._starts, pos) - 1
        if i < 0:
            return None
        row, table = self._rows[i]
        if pos >= row.end:
            return None
        index = next((i for i, (a, b) in enumerate(row.cells) if a <= pos < b), -1)
        if index < 0:
            return None
        a, b = row.cells[index]
        header = table[0]
        is_header = row is header
        column = None
        if not is_header and index < len(header.cells):
            column = self._label(header.cells[index])
        row_label = None if index == 0 else self._label(row.cells[0])
        return Cell(
            a, b, row_label, column, is_label=is_header or index == 0, table_start=header.start
        )

    def bare_numbers(self) -> Iterator[tuple[int, int]]:
        """Spans of cells that hold only a number, outside the header and the first column."""
        for table in self.tables:
            for row in table[1:]:
                for a, b in row.cells[1:]:
                    m = _BARE_NUMBER.fullmatch(self.text, a, b)
                    if m:
                        yield m.span(1)
