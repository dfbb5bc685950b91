"""Outputs carry nothing of the machine that built them (determinism itself is tested where
each output family is made: test_process, test_report_stage, test_site_render)."""

from __future__ import annotations

from pathlib import Path

from outputs import output_hashes

REPO = Path(__file__).resolve().parents[1]


def test_outputs_carry_no_machine_paths_or_dates() -> None:
    import re

    date = re.compile(
        r"20(2[2-9])-\d\d-\d\dT\d\d:\d\d"
    )  # build timestamps, not the documents' dates
    for rel, _ in output_hashes(REPO).items():
        path = REPO / rel
        if path.suffix in (".csv", ".json", ".svg", ".html"):
            text = path.read_text(encoding="utf-8")
            assert "/work/" not in text and "/tmp/" not in text and "/root/" not in text, rel
            assert not date.search(text), rel
