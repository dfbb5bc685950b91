"""Reading a file's sidecar hints and its claims."""

from __future__ import annotations

from pathlib import Path

from fazhi_stats.extract.files import DocumentHints, claims_in_file, read_hints


def test_hints_from_a_sidecar_and_none_without_a_readable_one(tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("2021年共办理案件12件。", encoding="utf-8")
    assert read_hints(text) == DocumentHints()
    (tmp_path / "a.yml").mkdir()  # a directory where the sidecar would be is no sidecar
    assert read_hints(text) == DocumentHints()
    (tmp_path / "a.yml").rmdir()
    (tmp_path / "a.yml").write_text("doc_type: work_points\nyear_covered: 2021\n", encoding="utf-8")
    assert read_hints(text) == DocumentHints("plan", (2021, 2021))
    result = claims_in_file((text, "a"))
    assert [(c.value, c.kind) for c in result.claims] == [(12.0, "target")]
