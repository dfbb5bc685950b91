"""``fz.claims_table``: the claims of a corpus as one typed frame, the rows of ``extract``."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

import fazhi_stats as fz
from fazhi_stats.cli.main import main
from fazhi_stats.errors import DataError
from fazhi_stats.extract.claims import RECORD_FIELDS

TEXTS = Path(__file__).parent / "data" / "evaluation" / "texts"


@pytest.fixture(scope="module")
def table() -> pl.DataFrame:
    return fz.claims_table(TEXTS)


def test_the_rows_are_the_json_lines_of_extract(table: pl.DataFrame, tmp_path: Path) -> None:
    out = tmp_path / "claims.jsonl"
    assert main(["extract", str(TEXTS), "--output", str(out)]) == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == table.height > 100
    assert table.columns == list(RECORD_FIELDS)
    assert table.to_dicts() == lines


def test_the_columns_are_typed(table: pl.DataFrame) -> None:
    assert table.schema["year"] == pl.Int64 and table.schema["hedged"] == pl.Boolean
    assert table.schema["kind"] == pl.Enum(["target", "actual", "unknown"])
    assert set(table["comparator"].cast(pl.String)) <= {"eq", "ge", "gt", "le", "lt", "approx"}
    ids = set(table["indicator_id"].drop_nulls())
    assert ids and ids <= set(fz.load_indicators())


def test_pandas_gets_the_same_rows_with_nullable_integers(table: pl.DataFrame) -> None:
    frame = fz.claims_table(TEXTS, backend="pandas")
    assert list(frame.columns) == list(RECORD_FIELDS)
    assert str(frame["year"].dtype) == "Int64"
    assert len(frame) == table.height
    assert frame["value"].tolist() == table["value"].to_list()


def test_two_processes_give_the_same_table(table: pl.DataFrame) -> None:
    assert fz.claims_table(TEXTS, jobs=2).equals(table)


def test_unreadable_files_are_all_named_or_warned_about(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("共办理案件12件。", encoding="utf-8")
    (tmp_path / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00IHDR")
    (tmp_path / "latin.txt").write_bytes("办理".encode() + b"\xff\xfe\xfa 12")
    with pytest.raises(DataError) as info:
        fz.claims_table(tmp_path)
    named = {Path(p.file).name for p in info.value.problems}
    assert named == {"scan.txt", "latin.txt"}  # both, in one error
    with pytest.warns(UserWarning) as warned:
        rows = fz.claims_table(tmp_path, errors="warn")
    messages = sorted(str(w.message).removeprefix(str(tmp_path)) for w in warned)
    assert messages[0].startswith("/latin.txt: neither UTF-8 (bad byte at 6)")
    assert messages[1].startswith("/scan.txt: binary data")
    assert all(m.endswith("(no claims read)") for m in messages) and len(messages) == 2
    assert rows["document"].to_list() == ["good"] and rows["value"].to_list() == [12.0]


def test_a_missing_path_and_an_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"nowhere: no such file or directory"):
        fz.claims_table([tmp_path, tmp_path / "nowhere"])
    empty = fz.claims_table(tmp_path)
    assert empty.height == 0 and empty.columns == list(RECORD_FIELDS)
    with pytest.raises(ValueError, match="unknown backend 'arrow'"):
        fz.claims_table(tmp_path, backend="arrow")  # type: ignore[call-overload]
