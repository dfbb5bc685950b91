"""Exceptions whose messages a researcher can act on: file, entry, problem, expectation."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one entry of one file."""

    file: str
    entry: str
    message: str
    expected: str = ""
    line: int | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        text = (
            f"{where}: {self.entry}: {self.message}" if self.entry else f"{where}: {self.message}"
        )
        return f"{text} (expected {self.expected})" if self.expected else text


class FazhiError(Exception):
    """Base class of every error the library raises on purpose."""


class DataError(FazhiError):
    """Input data is wrong; carries every problem found, not only the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class DecodeError(DataError):
    """A document's bytes cannot be decoded as text."""


class RegistryError(DataError):
    """A registry file shipped with the package (or supplied by a user) is invalid."""


class QuantityError(FazhiError, ValueError):
    """A piece of text is not a quantity the parser understands."""
