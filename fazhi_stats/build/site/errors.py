"""The error a site build raises: it names the page, the cell and the line."""

from __future__ import annotations

from fazhi_stats.errors import FazhiError


class SiteBuildError(FazhiError):
    """A page could not be rendered; names the page, the cell and the error.

    >>> str(SiteBuildError("index.qmd", "NameError: x", cell=2, line=14))
    'index.qmd, cell 2 (line 14): NameError: x'
    """

    def __init__(
        self, page: str, message: str, *, cell: int | None = None, line: int | None = None
    ) -> None:
        self.page = page
        self.cell = cell
        self.line = line
        where = page
        if cell is not None:
            where += f", cell {cell}"
        if line is not None:
            where += f" (line {line})"
        super().__init__(f"{where}: {message}")
