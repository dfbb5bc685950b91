"""Extraction against a gold file of hand-labelled numeric tokens (a development set).

A gold file (JSON, a list of records; format in ``tests/data/evaluation/README.md``) lists every
numeric token of some texts: where it is (``file``, ``char_start``, ``char_end``, ``surface``),
whether it is a claim, and for claims its value, unit, comparator, kind, year and family. The
texts are read like ``fazhi-stats extract`` reads them (decoded, with the genre and period of
their sidecars), so the figures are those of the command a user runs.

>>> import json, tempfile
>>> with tempfile.TemporaryDirectory() as d:
...     _ = (Path(d) / "a.txt").write_text("2020年共办理案件12件。", encoding="utf-8")
...     gold = [{"file": "a.txt", "char_start": 10, "char_end": 12, "surface": "12",
...              "is_claim": True, "value": 12, "kind": "actual", "year": 2020,
...              "family": "other"}]
...     _ = (Path(d) / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
...     total = quality_table(compare_gold(Path(d) / "gold.json"))[-1]
>>> (total.precision, total.recall, total.year_accuracy, total.family_accuracy)
(1.0, 1.0, 1.0, 1.0)
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fazhi_stats.errors import DataError, FazhiError, Problem
from fazhi_stats.extract.context import KINDS
from fazhi_stats.extract.files import claims_in_file
from fazhi_stats.extract.quality import Comparison, Expected, compare, quality_table

__all__ = ["GoldToken", "compare_gold", "load_gold", "quality_table"]


@dataclass(frozen=True)
class GoldToken:
    """One labelled numeric token of a text (a claim or, with its reason, not one)."""

    file: str
    char_start: int
    char_end: int
    surface: str
    is_claim: bool
    value: float | None
    unit: str | None
    comparator: str | None
    kind: str | None
    year: int | None
    family: str | None
    why_not: str | None

    def expected(self) -> Expected:
        """The claim this token should be (for claims only)."""
        assert self.is_claim and self.value is not None and self.kind is not None
        return Expected(
            self.value,
            self.kind,
            None,
            self.char_start,
            self.char_end,
            self.surface,
            year=self.year,
            family=self.family,
            indicator_labelled=False,
        )


def _problems_of(
    record: Any, root: Path, texts: dict[str, str | None]
) -> tuple[list[str], GoldToken | None]:
    """What is wrong with record ``n`` (and the token, when nothing is)."""
    from fazhi_stats.vocabulary import FAMILIES

    if not isinstance(record, dict):
        return ["not a JSON object"], None
    missing = [
        k for k in ("file", "char_start", "char_end", "surface", "is_claim") if k not in record
    ]
    if missing:
        return [f"missing field(s) {', '.join(missing)}"], None
    problems = []
    file, start, end = record["file"], record["char_start"], record["char_end"]
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end:
        return [f"char_start/char_end {start!r}:{end!r} are not a span"], None
    if file not in texts:
        try:
            from fazhi_stats.sources.documents import read_text

            texts[file] = read_text(root / file)[0]
        except (OSError, FazhiError):
            texts[file] = None
    text = texts[file]
    if text is None:
        return [_UNREADABLE], None  # said once per text, by load_gold
    if text[start:end] != record["surface"]:
        problems.append(f"text[{start}:{end}] is {text[start:end]!r}, not {record['surface']!r}")
    if not isinstance(record["is_claim"], bool):
        problems.append(f"is_claim is {record['is_claim']!r}, not true or false")
    elif record["is_claim"]:
        if not isinstance(record.get("value"), int | float) or isinstance(record["value"], bool):
            problems.append(f"a claim's value is {record.get('value')!r}, not a number")
        if record.get("kind") not in KINDS:
            problems.append(f"kind {record.get('kind')!r} is not {KINDS.expected()}")
        year = record.get("year")
        if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
            problems.append(f"year {year!r} is not a whole number or null")
        family = record.get("family")
        if family is not None and family not in FAMILIES:
            problems.append(f"family {family!r} is not {FAMILIES.expected()}")
    if problems:
        return problems, None
    value = record.get("value")
    return [], GoldToken(
        file=file,
        char_start=start,
        char_end=end,
        surface=record["surface"],
        is_claim=record["is_claim"],
        value=float(value) if value is not None else None,
        unit=record.get("unit"),
        comparator=record.get("comparator"),
        kind=record.get("kind"),
        year=record.get("year"),
        family=record.get("family"),
        why_not=record.get("why_not"),
    )


def load_gold(path: Path, root: Path | None = None) -> list[GoldToken]:
    """The tokens of a gold file, checked against the texts below ``root`` (default: the gold
    file's folder). Every problem of every record is reported in one :class:`DataError`."""
    path = Path(path)
    root = Path(root) if root is not None else path.parent
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DataError([Problem(str(path), "", exc.strerror or str(exc))]) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(
            [Problem(str(path), "", f"not a UTF-8 JSON file ({exc})", "a JSON list of records")]
        ) from None
    if not isinstance(records, list):
        raise DataError([Problem(str(path), "", "not a JSON list", "a list of token records")])
    tokens: list[GoldToken] = []
    problems: list[Problem] = []
    texts: dict[str, str | None] = {}
    # a text that cannot be read is one problem, at its first record: (its place, its records)
    unreadable: dict[str, tuple[int, int]] = {}
    for n, record in enumerate(records):
        found, token = _problems_of(record, root, texts)
        where = f"record {n}"
        if isinstance(record, dict) and "file" in record:
            where += f" ({record['file']}:{record.get('char_start')})"
        if found == [_UNREADABLE]:
            place, count = unreadable.get(record["file"], (len(problems), 0))
            if count == 0:
                problems.append(Problem(str(path), where, _UNREADABLE))
            unreadable[record["file"]] = (place, count + 1)
            continue
        problems.extend(Problem(str(path), where, message) for message in found)
        if token is not None:
            tokens.append(token)
    for file, (place, count) in unreadable.items():
        problems[place] = _unreadable(path, root, problems[place].entry, file, count)
    if problems:
        raise DataError(problems)
    return tokens


_UNREADABLE = "text cannot be read"


def _unreadable(gold: Path, root: Path, where: str, file: str, n_records: int) -> Problem:
    """A text that cannot be read, for all its records; where it is, when the paths were
    taken from the wrong folder (the texts' own folder rather than the one above)."""
    more = n_records - 1
    message = f"text {root / file} cannot be read"
    if more:
        message += f" ({more} more record{'s' if more > 1 else ''} of it not checked)"
    for folder in (gold.parent, root.parent):
        if folder.resolve() != root.resolve() and (folder / file).is_file():
            message += (
                f"; the gold file's paths are relative to DIR and {folder / file} exists: "
                f"give {folder} as DIR"
            )
            break
    return Problem(str(gold), where, message)


def compare_gold(
    path: Path, root: Path | None = None, *, files: Iterable[str] | None = None
) -> list[Comparison]:
    """Extraction of every text of a gold file against its claims, one comparison per text.

    ``files`` restricts the comparison to some of the texts (paths as in the gold file).
    """
    root = Path(root) if root is not None else Path(path).parent
    tokens = load_gold(path, root)
    by_file: dict[str, list[GoldToken]] = {}
    for token in tokens:
        by_file.setdefault(token.file, []).append(token)
    wanted = sorted(by_file if files is None else set(files) & set(by_file))
    comparisons = []
    for file in wanted:
        result = claims_in_file((root / file, file))
        if result.error is not None:
            raise DataError([Problem(str(root / file), "", result.error)])
        expected = [t.expected() for t in by_file[file] if t.is_claim]
        comparisons.append(compare(file, result.claims, expected))
    return comparisons


def gold_tokens_overlapping(
    tokens: Sequence[GoldToken], file: str, start: int, end: int
) -> list[GoldToken]:
    """The labelled tokens of ``file`` inside ``start:end`` (why a claim was not one)."""
    return [t for t in tokens if t.file == file and t.char_start < end and start < t.char_end]
