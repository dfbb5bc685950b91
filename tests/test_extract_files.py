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


def test_hints_read_as_a_whole_yaml_load_would(tmp_path: Path) -> None:
    """Only the four fields are built, with safe_load's meaning: a repeated key's last value,
    an alias, a block list; a sidecar that is not a mapping, or not YAML, gives no hints."""
    text = tmp_path / "a.txt"
    text.write_text("共办理案件12件。", encoding="utf-8")
    sidecar = tmp_path / "a.yml"
    cases = {
        "title: 报告\ndoc_kind: plan\ndoc_kind: report\nperiod: 2020\n": ("report", (2020, 2020)),
        "years: &y [2014, 2016]\nperiod: *y\ndoc_type: report\n": ("report", (2014, 2016)),
        "---\ndoc_kind: plan\nperiod:\n- 2021\n- 2025\nnote: >-\n  period: 1999\n": (
            "plan",
            (2021, 2025),
        ),
        "'doc_type': \"report\"\nyear_covered: '2015 (plus 2016 plans)'\n": (
            "report",
            (2015, 2015),
        ),
        "- doc_kind: plan\n": (None, None),
        "doc_kind: [plan\n": (None, None),
        "": (None, None),
    }
    for content, (genre, period) in cases.items():
        sidecar.write_text(content, encoding="utf-8")
        assert read_hints(text) == DocumentHints(genre, period), content  # type: ignore[arg-type]
