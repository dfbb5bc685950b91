"""Stages with one shape: each runs alone from the files on disk, and never on stale data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from outputs import output_hashes

from fazhi_stats.build.pipeline import STAGE_NAMES, STAGES, run_stages, select_stages
from fazhi_stats.cli import main
from fazhi_stats.errors import FazhiError
from fazhi_stats.project import Project

REPO = Path(__file__).resolve().parents[1]
DATA_STAGES = tuple(s for s in STAGES if s.name in ("process", "compare", "datapackage"))


@pytest.fixture(scope="module")
def built_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pipeline") / "study"
    shutil.copytree(REPO / "data" / "raw", root / "data" / "raw")
    shutil.copy2(REPO / "study.yml", root / "study.yml")
    run_stages(Project(root), DATA_STAGES)
    return root


@pytest.fixture
def built(built_template: Path, tmp_path: Path) -> Project:
    root = tmp_path / "study"
    shutil.copytree(built_template, root)
    return Project(root)


def test_the_build_order_is_declared_once() -> None:
    # the pipeline runs the stages in the order the command line lists, each once: processing
    # first, the site last
    assert tuple(stage.name for stage in STAGES) == STAGE_NAMES
    assert len(set(STAGE_NAMES)) == len(STAGE_NAMES)
    assert (STAGE_NAMES[0], STAGE_NAMES[-1]) == ("process", "site")
    # every stage after the first says whose outputs it reads, and that stage comes earlier
    for stage in STAGES:
        if stage.after is not None:
            assert STAGE_NAMES.index(stage.after) < STAGE_NAMES.index(stage.name), stage.name


def test_the_data_package_joins_a_selection_that_rewrites_processed_data() -> None:
    assert [s.name for s in select_stages(["compare"])] == ["compare", "datapackage"]
    assert [s.name for s in select_stages(["report"])] == ["report"]
    with pytest.raises(FazhiError, match=r"unknown stage\(s\) validate"):
        select_stages(["validate"])


@pytest.mark.parametrize("stage", ["process", "compare", "evaluate", "datapackage"])
def test_each_data_stage_runs_alone_and_says_what_it_read(
    built: Project, stage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = output_hashes(built.root)
    assert main(["build", "--only", stage, "--root", str(built.root)]) == 0
    err = capsys.readouterr().err
    assert f"✓ {stage}" in err and "read " in err and "Traceback" not in err
    if stage == "compare":
        assert "read data/processed/observations.csv" in err
    if stage in ("process", "compare"):
        # the same inputs give the same bytes
        after = output_hashes(built.root)
        assert {k: v for k, v in after.items() if k in before} == before


def test_only_compare_on_stale_processed_data_fails_and_names_the_change(
    built: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    path = built.annotations_dir / "haicang-2017-work-plan.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "scope: 海沧区人民政府领导班子", "scope: 区领导", 1
        ),
        encoding="utf-8",
    )
    before = output_hashes(built.root)
    assert main(["build", "--only", "compare", "--root", str(built.root)]) == 1
    err = capsys.readouterr().err
    assert "data/raw/annotations/haicang-2017-work-plan.yml changed" in err
    assert "fazhi-stats build" in err and "Traceback" not in err
    assert output_hashes(built.root) == before
    # with the stage it depends on, the selection runs
    assert main(["build", "--only", "process", "compare", "--root", str(built.root)]) == 0
    assert "区领导" in (built.processed_dir / "observations.csv").read_text(encoding="utf-8")


def test_a_registry_or_settings_change_also_makes_processed_data_stale(built: Project) -> None:
    config = built.root / "study.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "class_hour_minutes: 45", "class_hour_minutes: 40"
        ),
        encoding="utf-8",
    )
    with pytest.raises(FazhiError, match=r"study\.yml changed"):
        run_stages(built, select_stages(["compare"]))
