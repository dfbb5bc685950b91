"""Stable cell formatting, spreadsheet-safe exports, atomic writes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from fazhi_stats.io import (
    atomic_write_bytes,
    csv_bytes,
    format_value,
    neutralise_formula,
    swap_directory,
)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (487000000.0, "487000000"),
        (99.7, "99.7"),
        (0.1 + 0.2, "0.30000000000000004"),
        (3, "3"),
        (True, "true"),
        (dt.date(2020, 12, 18), "2020-12-18"),
        (float("nan"), ""),
    ],
)
def test_format_value_is_stable(value: object, text: str) -> None:
    assert format_value(value) == text


def test_spreadsheet_export_neutralises_formulas_but_not_numbers() -> None:
    rows = [
        {"quote": '=HYPERLINK("http://x")', "value": -5.0, "note": "+1 call me", "id": "@home"},
        {"quote": "- 索 引 号:XM04101", "value": 3.0, "note": "plain", "id": "ok"},
    ]
    out = csv_bytes(rows, ["quote", "value", "note", "id"], for_spreadsheet=True).decode()
    lines = out.splitlines()
    assert lines[1] == '"\'=HYPERLINK(""http://x"")",-5,\'+1 call me,\'@home'
    assert lines[2] == "'- 索 引 号:XM04101,3,plain,ok"
    plain = csv_bytes(rows, ["quote", "value"]).decode().splitlines()
    assert plain[2] == "- 索 引 号:XM04101,3"  # the data files keep quotes verbatim


def test_neutralise_formula() -> None:
    assert neutralise_formula("=1+1") == "'=1+1"
    assert neutralise_formula("调处成功率") == "调处成功率"


def test_atomic_write_leaves_no_partial_file_on_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.csv"
    target.write_bytes(b"old")

    def failing_fsync(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("fazhi_stats.io.os.fsync", failing_fsync)
    with pytest.raises(OSError, match="disk full"):
        atomic_write_bytes(target, b"new content")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_swap_directory_replaces_and_removes_the_old(tmp_path: Path) -> None:
    target, new = tmp_path / "site", tmp_path / ".staging"
    target.mkdir()
    (target / "index.html").write_text("old", encoding="utf-8")
    new.mkdir()
    (new / "index.html").write_text("new", encoding="utf-8")
    swap_directory(new, target)
    assert (target / "index.html").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_swap_directory_puts_the_old_back_if_the_new_cannot_move(tmp_path: Path) -> None:
    target = tmp_path / "site"
    target.mkdir()
    (target / "index.html").write_text("old", encoding="utf-8")
    with pytest.raises(FileNotFoundError):
        swap_directory(tmp_path / "missing", target)
    assert (target / "index.html").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
