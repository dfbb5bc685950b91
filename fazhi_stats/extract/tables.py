"""Tables in plain text: rows of cells split by ``|`` or tabs, or one cell per line, and the
labels of each cell.

Web captures of statistics pages keep their tables as lines such as
``数量  | 75件  | 16件  | 0  |``. A table is a run of at least two such lines with as many
(short) cells each; its first row is the header (column labels), the first cell of each row
its row label. A cell holding only a number is a claim even
without a unit (zeros included); a number in the header or the first column is a label.

Other captures put every cell on a line of its own (``序号``, ``处理方式``, ``数量``, ``1``,
``作出维持决定``, ``3509`` …). A run of short lines is such a table when a header of labels is
followed by at least two rows of as many cells, each column holding numbers in every row or in
none, and one column at least numbers (:func:`stacked_tables`). A first column of row numbers
(1, 2, 3 … under 序号) labels nothing: the column after it holds the row labels.

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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

_SEPARATOR = re.compile(r"[|\t]")
# a line that holds only a number (of a table captured one cell per line): looked for first
_NUMBER_LINE = re.compile(r"\n[ \t]*\d[\d,.]*[ \t]*%?[ \t]*(?:\n|\Z)")
# (a sign: a change in a column of 增降幅度, -20.00%)
_NUMBER_CELL = re.compile(
    r"[-−+]?\d+(?:,\d{3})*(?:\.\d+)?\s*(?:%|[件个项次人家名条宗起份期场户批元]|万元|亿元)?"
)
_STACKED_MAX_CELL = 16  # characters of a cell on a line of its own: a longer line is prose
_STACKED_MAX_COLUMNS = 8
_NOT_A_CELL = frozenset("。;；,，:：!?！？|\t")  # a line holding one is prose, or a row of cells
# a cell of only a number, or of a signed change (-20.00%: a sign only a table writes)
_BARE_NUMBER = re.compile(r"\s*(\d+(?:,\d{3})*(?:\.\d+)?|[-−]\d+(?:\.\d+)?\s*%?)\s*")
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
    caption: str | None = None  # the line just above the header that names the table

    @property
    def label(self) -> str | None:
        """``row / column``, or whichever of the two exists; a table whose rows have no
        labels (a statistics page's one row of totals) has its caption in the row's place."""
        parts = [p for p in (self.row_label or self.caption, self.column_label) if p]
        return " / ".join(parts) if parts else None


@dataclass(frozen=True)
class _Row:
    start: int
    end: int
    cells: tuple[tuple[int, int], ...]  # spans of the cells, stripped


@dataclass(frozen=True)
class _Table:
    rows: tuple[_Row, ...]  # the header first
    label_columns: int = 1  # 2 when the first column numbers the rows (序号), 0: no row labels
    caption: tuple[int, int] | None = None  # span of a caption just above the header


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


def _row_numbers(text: str, rows: Sequence[_Row]) -> bool:
    """Whether the first cells of ``rows`` are 1, 2, 3 … (a column of row numbers)."""
    return all(text[r.cells[0][0] : r.cells[0][1]] == str(i) for i, r in enumerate(rows, 1))


_YEAR_CELL = re.compile(r"\s*(?:19|20)\d\d\s*年?\s*")


def _label_columns(text: str, rows: Sequence[_Row]) -> int:
    """How many columns label the rows: 2 when the first only numbers them (1, 2, 3 … before
    a column of labels); 0 for a header of labels over one row of figures from its first cell
    on (a statistics page's totals: 警告 | 罚款 | … over 12175 | 94929 | …; a year is a row's
    label); else 1."""
    body = rows[1:]
    if (
        len(rows[0].cells) > 2
        and all(len(r.cells) > 2 for r in body)
        and _row_numbers(text, body)
        and not any(_NUMBER_CELL.fullmatch(text, *r.cells[1]) for r in body)
    ):
        return 2
    if len(body) == 1:
        first = body[0].cells[0]
        if (
            _NUMBER_CELL.fullmatch(text, *first)
            and not _YEAR_CELL.fullmatch(text, *first)
            and not _NUMBER_CELL.fullmatch(text, *rows[0].cells[0])
        ):
            return 0
    return 1


def _caption_above(text: str, start: int) -> tuple[int, int] | None:
    """The line just above a table's header at ``start`` (blank lines between allowed) when
    it is a short label: the table's name, 行政处罚实施数量(宗), alone or as the one cell of a
    row of bars."""
    b = start
    while b > 0 and (text[b - 1].isspace() or text[b - 1] == "|"):
        b -= 1
    a = text.rfind("\n", 0, b) + 1
    while a < b and text[a].isspace():
        a += 1
    label = _UNIT_NOTE.sub("", text[a:b])  # (单位:件) and 单位:万元 name a unit, not prose
    if a == b or b - a > _MAX_CELL or "|" in label or not _NOT_A_CELL.isdisjoint(label):
        return None
    return a, b


_UNIT_NOTE = re.compile(r"[(（][^()（）]*[)）]\s*$|^\s*单位\s*[:：]")


def _unlabelled_header(cells: tuple[tuple[int, int], ...]) -> _Row:
    """A header of empty labels over rows of ``cells``' shape, for a table whose columns the
    text does not tell apart (a header cell over two lines, merged cells)."""
    return _Row(cells[0][0], cells[0][0], tuple((a, a) for a, _ in cells))


def _is_header(text: str, row: _Row) -> bool:
    """Whether a table's first row labels its columns: not a row of figures after its label
    (曲阜市自然资源和规划局 | 10 | 10 | 0 …, under a header of two lines of merged cells)."""
    cells = row.cells[1:]
    figures = sum(1 for a, b in cells if _NUMBER_CELL.fullmatch(text, a, b))
    return 2 * figures < len(cells)


def _rows(text: str) -> list[_Table]:
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
    tables: list[_Table] = []
    current: list[_Row] = []

    def close() -> None:
        if len(current) < 2:
            pass  # one row of bars is a menu or a line of page chrome, not a table
        elif _is_header(text, current[0]):
            caption = _caption_above(text, current[0].start)
            tables.append(_Table(tuple(current), _label_columns(text, current), caption))
        else:
            # rows of figures under a header of another shape (cells merged over two header
            # lines): the columns cannot be told apart, the rows keep their labels
            tables.append(_Table((_unlabelled_header(current[0].cells), *current), 1))
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


def _short_lines(text: str) -> list[list[tuple[int, int]]]:
    """Runs of short lines that are no prose (blank lines between them allowed), as the spans
    of their stripped text."""
    runs: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    while pos <= n:
        end = text.find("\n", pos)
        end = n if end < 0 else end
        a, b = pos, end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            if b - a <= _STACKED_MAX_CELL and _NOT_A_CELL.isdisjoint(text[a:b]):
                current.append((a, b))
            else:
                if len(current) >= 6:
                    runs.append(current)
                current = []
        pos = end + 1
    if len(current) >= 6:
        runs.append(current)
    return runs


_EMPTY_CELL = re.compile(r"[-—–/]+")  # no figure: fits a column of numbers and one of labels


def _cell_kind(text: str, span: tuple[int, int]) -> bool | None:
    """True for a number (with a unit or %), None for a dash (no figure), False for a label."""
    if _NUMBER_CELL.fullmatch(text, *span):
        return True
    return None if _EMPTY_CELL.fullmatch(text, *span) else False


def _fits(kinds: list[bool | None], row: list[bool | None]) -> bool:
    return all(a is None or b is None or a == b for a, b in zip(kinds, row, strict=True))


def _stacked_at(
    text: str, lines: list[tuple[int, int]], kinds: list[bool | None], first: int, k: int
) -> _Table | None:
    """The table whose header is the ``k`` lines from ``lines[first]``, if the lines after it
    make at least two rows of ``k`` cells that fit (see :func:`stacked_tables`); ``kinds``:
    :func:`_cell_kind` of each line."""
    if any(kind is not False for kind in kinds[first : first + k]):
        return None  # a header of labels
    rows: list[_Row] = []
    columns: list[bool | None] = [None] * k
    i = first + k
    while i + k <= len(lines):
        row = kinds[i : i + k]
        if all(kind is False for kind in row) or not _fits(columns, row):
            break  # a row of labels only, or whose columns do not hold what those above hold
        columns = [a if a is not None else b for a, b in zip(columns, row, strict=True)]
        cells = lines[i : i + k]
        rows.append(_Row(cells[0][0], cells[-1][1], tuple(cells)))
        i += k
    return _stacked_table(text, lines[first : first + k], rows, columns)


def _stacked_table(
    text: str, header_cells: list[tuple[int, int]], rows: list[_Row], columns: list[bool | None]
) -> _Table | None:
    """The table of a header and rows whose columns hold ``columns`` (figures or labels), if
    it is one: two rows at least, row labels in the first column or after row numbers, and a
    column of figures."""
    if len(rows) < 2:
        return None
    label_columns = 2 if columns[0] else 1  # the second after a column of row numbers
    if columns[0] and not (len(columns) > 2 and columns[1] is False and _row_numbers(text, rows)):
        return None  # a first column of figures that do not number the rows
    if not any(columns[label_columns:]):
        return None  # a list of words, not a table of figures
    header = _Row(header_cells[0][0], header_cells[-1][1], tuple(header_cells))
    return _Table((header, *rows), label_columns, _caption_above(text, header.start))


def stacked_tables(text: str) -> list[_Table]:
    """Tables captured one cell per line: in a run of short lines, a header of ``k`` labels
    followed by at least two rows of ``k`` cells, each column holding numbers in every row
    or in none, one at least; a first column of row numbers (1, 2, 3 …) is allowed.

    >>> text = "序号\\n处理方式\\n数量\\n比例\\n1\\n维持\\n3509\\n74.7%\\n2\\n终止\\n678\\n14.4%\\n"
    >>> [(len(t.rows), t.label_columns) for t in stacked_tables(text)]
    [(3, 2)]
    """
    if _NUMBER_LINE.search(text) is None:
        return []  # most texts have no line that is only a number (a header comes first)
    tables: list[_Table] = []
    for lines in _short_lines(text):
        kinds = [_cell_kind(text, span) for span in lines]
        if True not in kinds:
            continue  # no figure: a menu, a list of names
        first = 0
        free = [True] * len(lines)  # lines in no table found yet
        while first < len(lines) - 5:
            found = None
            for k in range(2, min(_STACKED_MAX_COLUMNS, (len(lines) - first) // 3) + 1):
                found = _stacked_at(text, lines, kinds, first, k)
                if found is not None:
                    break
            if found is None:
                first += 1
                continue
            tables.append(found)
            n_lines = len(found.rows) * len(found.rows[0].cells)
            free[first : first + n_lines] = [False] * n_lines
            first += n_lines
        tables.extend(_one_row_tables(text, lines, kinds, free))
    return tables


_ONE_ROW_MIN_COLUMNS = 3


def _one_row_tables(
    text: str, lines: list[tuple[int, int]], kinds: list[bool | None], free: list[bool]
) -> list[_Table]:
    """Tables of one row captured one cell per line, among ``free`` lines: a statistics
    page's totals (申请数量, 受理数量, 许可数量, 不予许可数量, then 2207, 2207, 2207, 0): ``k`` ≥ 3
    lines of figures (or dashes, two figures at least) right after ``k`` labels or more; not
    1, 2, 3 … (a menu's page numbers).

    The ``k`` labels before the figures are the header when no more than one label (the
    table's caption) stands before them. With more, a label may have taken two lines
    (没收违法 / 所得、没收非法财物) and the columns cannot be told apart: the figures are cells
    without column labels.
    """
    tables: list[_Table] = []
    i, n = 0, len(lines)
    while i < n:
        if kinds[i] is False or not free[i]:
            i += 1
            continue
        j = i
        while j < n and kinds[j] is not False and free[j]:
            j += 1
        k = j - i  # figures and dashes from i to j
        labels = 0
        while labels < i and kinds[i - labels - 1] is False and free[i - labels - 1]:
            labels += 1
        figures = sum(kind is True for kind in kinds[i:j])
        counting = [text[a:b] for a, b in lines[i:j]] == [str(n) for n in range(1, k + 1)]
        if (
            _ONE_ROW_MIN_COLUMNS <= k <= 2 * _STACKED_MAX_COLUMNS
            and figures >= 2
            and labels >= k
            and not counting
        ):
            cells = tuple(lines[i:j])
            if labels <= k + 1:
                header = _Row(lines[i - k][0], lines[i - 1][1], tuple(lines[i - k : i]))
                caption = _caption_above(text, header.start)
            else:
                header, caption = _unlabelled_header(cells), None
            row = _Row(cells[0][0], cells[-1][1], cells)
            tables.append(_Table((header, row), label_columns=0, caption=caption))
        i = j
    return tables


class TableIndex:
    """The table cells of a text; building it costs one scan only when the text has ``|``/tab,
    or a line that is only a number."""

    def __init__(self, text: str) -> None:
        self.text = text
        has_cells = "|" in text or "\t" in text
        tables = (_rows(text) if has_cells else []) + stacked_tables(text)
        self.tables = sorted(tables, key=lambda t: t.rows[0].start)
        self._rows = [(row, table) for table in self.tables for row in table.rows]
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
        header = table.rows[0]
        is_header = row is header
        column = None
        if not is_header and index < len(header.cells):
            column = self._label(header.cells[index])
        labels = table.label_columns
        is_label = is_header or index < labels
        row_label = None if is_label or labels == 0 else self._label(row.cells[labels - 1])
        caption = self._label(table.caption) if table.caption is not None else None
        return Cell(
            a, b, row_label, column, is_label=is_label, table_start=header.start, caption=caption
        )

    def bare_numbers(self) -> Iterator[tuple[int, int]]:
        """Spans of cells that hold only a number (or a signed change, -20.00%), outside the
        header and the first column."""
        for table in self.tables:
            for row in table.rows[1:]:
                for a, b in row.cells[table.label_columns :]:
                    m = _BARE_NUMBER.fullmatch(self.text, a, b)
                    if m:
                        yield m.span(1)
