"""A build that fails midway leaves the previous outputs intact, as a set."""

from __future__ import annotations

from pathlib import Path

import pytest
from outputs import STAGED, output_hashes

from fazhi_stats.build.pipeline import run_stages
from fazhi_stats.build.stage import Stage
from fazhi_stats.config import StudyConfig
from fazhi_stats.project import Project

DATA_STAGES = tuple(s for s in STAGED if s.name != "report")  # figures are not needed here


class Boom(Stage[None, None]):
    """A stage that fails after the data stages before it wrote their outputs."""

    name = "boom"
    description = "fails"

    def inputs(self, project: Project) -> list[Path]:
        return []

    def load(self, project: Project) -> None:
        return None

    def process(self, data: None, config: StudyConfig) -> None:
        raise RuntimeError("injected failure")

    def save(self, result: None, project: Project) -> list[Path]:  # pragma: no cover
        return []


def test_failure_after_processing_keeps_previous_outputs(study: Project) -> None:
    run_stages(study, DATA_STAGES)
    before = output_hashes(study.root)
    assert "data/processed/observations.csv" in before
    # change the data so a successful build would change the outputs, then fail midway
    path = study.annotations_dir / "haicang-2017-work-plan.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "scope: 海沧区人民政府领导班子", "scope: 海沧区政府领导班子", 1
        ),
        encoding="utf-8",
    )
    failing = (*DATA_STAGES[:2], Boom(), *DATA_STAGES[2:])
    with pytest.raises(RuntimeError, match="injected failure"):
        run_stages(study, failing)
    assert output_hashes(study.root) == before
    assert not list(study.root.glob(".staging-*")), "staging directory left behind"


def test_successful_build_swaps_in_new_outputs(study: Project) -> None:
    run_stages(study, DATA_STAGES)
    before = output_hashes(study.root)
    path = study.annotations_dir / "haicang-2017-work-plan.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "scope: 海沧区人民政府领导班子", "scope: 海沧区政府领导班子", 1
        ),
        encoding="utf-8",
    )
    result = run_stages(study, DATA_STAGES)
    after = output_hashes(study.root)
    assert after["data/processed/observations.csv"] != before["data/processed/observations.csv"]
    assert "海沧区政府领导班子" in (study.processed_dir / "observations.csv").read_text(
        encoding="utf-8"
    )
    assert all(
        Path(p).is_relative_to(study.root) and ".staging-" not in str(p) for p in result.written
    )
    assert not list(study.root.glob(".staging-*"))


def test_no_temporary_files_remain_after_a_build(study: Project) -> None:
    run_stages(study, DATA_STAGES)
    leftovers = [
        p
        for p in study.root.rglob("*")
        if p.name.endswith(".tmp") or p.name.startswith(".staging-")
    ]
    assert leftovers == []
