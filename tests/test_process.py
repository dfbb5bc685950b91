"""Stage 2 outputs: provenance, standard values, stable bytes, the Data Package."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import polars as pl
import pytest

import fazhi_stats
from fazhi_stats.build.pipeline import STAGES, run_stages
from fazhi_stats.errors import DataError
from fazhi_stats.project import Project
from fazhi_stats.sources.documents import load_sources

DATA_STAGES = tuple(s for s in STAGES if s.name not in ("report", "site"))


def build_data(project: Project) -> dict[str, str]:
    run_stages(project, DATA_STAGES)
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(project.processed_dir.iterdir())
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A copy of the raw data with its data stages built once (tests only read it, or rebuild
    it in place with the same inputs)."""
    import shutil

    root = tmp_path_factory.mktemp("process") / "study"
    repo = Path(__file__).resolve().parents[1]
    shutil.copytree(repo / "data" / "raw", root / "data" / "raw")
    shutil.copy2(repo / "study.yml", root / "study.yml")
    project = Project(root)
    build_data(project)
    return project


def test_quote_is_the_text_at_its_offsets(built: Project) -> None:
    docs = load_sources(built.documents_dir)
    obs = fazhi_stats.load_observations(built.root)
    assert obs.height >= 50
    for row in obs.iter_rows(named=True):
        text = docs[row["document_id"]].text
        assert text[row["char_start"] : row["char_end"]] == row["quote"], row["observation_id"]
    milestones = fazhi_stats.load_milestones(built.root)
    for row in milestones.iter_rows(named=True):
        assert docs[row["document_id"]].text[row["char_start"] : row["char_end"]] == row["quote"]


def _one(obs: pl.DataFrame, **where: object) -> dict[str, object]:
    rows = obs.filter(*(pl.col(k) == v for k, v in where.items())).to_dicts()
    assert len(rows) == 1, (where, rows)
    return rows[0]


def test_standard_values_of_the_tricky_ones(built: Project) -> None:
    obs = fazhi_stats.load_observations(built.root)
    tax = _one(obs, indicator_id="tax_fee_reduction_yuan")
    assert (tax["value"], tax["unit"], tax["value_std"], tax["unit_std"]) == (
        4.87,
        "亿元",
        487_000_000.0,
        "yuan",
    )
    assert (tax["month_start"], tax["month_end"], tax["year"]) == (1, 10, 2020)
    losses = _one(obs, indicator_id="consumer_losses_recovered_yuan")
    assert (losses["value_std"], losses["unit_std"]) == (536_400.0, "yuan")
    lectures = _one(obs, indicator_id="law_lectures_held_count")
    assert (lectures["value"], lectures["comparator"], lectures["value_std"]) == (60.0, "gt", 60.0)
    one_visit = _one(obs, indicator_id="one_visit_share")
    assert (one_visit["value_std"], one_visit["comparator"], one_visit["kind"]) == (
        90.0,
        "ge",
        "mixed",
    )
    hours = _one(obs, indicator_id="enforcement_staff_training_hours_per_year")
    assert (hours["value"], hours["value_std"], hours["unit_std"]) == (40.0, 30.0, "hour_per_year")
    assert hours["assumption"] == "1 学时 = 45 minutes"
    credit = _one(obs, indicator_id="credit_red_black_list_releases_per_year")
    assert (credit["per"], credit["value_std"]) == ("quarter", 4.0)


def test_next_year_targets_of_the_report(built: Project) -> None:
    obs = fazhi_stats.load_observations(built.root)
    report = obs.filter(pl.col("document_id") == "jiaocheng-2020-report")
    targets = report.filter(pl.col("kind") == "target")
    assert targets.height >= 1
    assert set(targets["year"].to_list()) == {2021}
    assert set(report.filter(pl.col("kind") == "actual")["year"].to_list()) == {2020}


def test_multi_year_plans_carry_their_period(built: Project) -> None:
    obs = fazhi_stats.load_observations(built.root)
    gucheng = obs.filter(pl.col("document_id") == "gucheng-2014-2016-work-plan")
    assert set(zip(gucheng["period_start"], gucheng["period_end"], strict=True)) == {(2014, 2016)}
    assert gucheng["year"].null_count() == gucheng.height


def test_rebuild_gives_identical_bytes(built: Project) -> None:
    first = {p.name: p.read_bytes() for p in built.processed_dir.iterdir()}
    second_hashes = build_data(built)
    assert set(first) == set(second_hashes)
    for name, data in first.items():
        assert hashlib.sha256(data).hexdigest() == second_hashes[name], name


def test_committed_processed_files_are_what_the_build_writes(built: Project, repo: Project) -> None:
    for path in sorted(built.processed_dir.iterdir()):
        committed = repo.processed_dir / path.name
        assert committed.exists(), f"{path.name} is not committed"
        if path.name == "datapackage.json":
            continue  # compared below without machine-specific content
        assert committed.read_bytes() == path.read_bytes(), (
            f"{path.name} differs: run `fazhi-stats build` and commit"
        )
    ours = json.loads((built.processed_dir / "datapackage.json").read_text(encoding="utf-8"))
    theirs = json.loads((repo.processed_dir / "datapackage.json").read_text(encoding="utf-8"))
    assert ours == theirs


def test_no_machine_paths_or_timestamps_in_outputs(built: Project) -> None:
    for path in built.processed_dir.iterdir():
        if path.suffix in (".csv", ".json"):
            text = path.read_text(encoding="utf-8")
            assert str(built.root) not in text
            assert "/tmp" not in text


def test_datapackage_is_valid_frictionless(built: Project) -> None:
    frictionless = pytest.importorskip("frictionless")
    descriptor = json.loads((built.processed_dir / "datapackage.json").read_text(encoding="utf-8"))
    csv_names = [r["name"] for r in descriptor["resources"] if r.get("format") == "csv"]
    assert {"observations", "documents", "milestones"} <= set(csv_names)
    package = frictionless.Package(str(built.processed_dir / "datapackage.json"))
    for name in csv_names:
        report = package.get_resource(name).validate()
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    fields = {
        f["name"]: f
        for f in next(r for r in descriptor["resources"] if r["name"] == "observations")["schema"][
            "fields"
        ]
    }
    assert all(f.get("description") for f in fields.values())
    assert fields["value_std"]["type"] == "number"
    assert descriptor["fazhi_stats"]["package_version"] == fazhi_stats.__version__
    assert descriptor["title"].startswith("四地法治政府建设目标与实绩比较 / ")  # from study.yml
    assert "of 5 public documents" in descriptor["description"]
    inputs = {i["path"] for i in descriptor["fazhi_stats"]["inputs"]}
    assert "data/raw/documents/jiaocheng-2020-report.txt" in inputs


@pytest.mark.parametrize("backend", ["polars", "pandas"])
def test_load_functions_return_the_requested_backend(built: Project, backend: str) -> None:
    obs = fazhi_stats.load_observations(built.root, backend=backend)  # type: ignore[arg-type]
    docs = fazhi_stats.load_documents(built.processed_dir, backend=backend)  # type: ignore[arg-type]
    if backend == "pandas":
        import pandas as pd

        assert isinstance(obs, pd.DataFrame) and isinstance(docs, pd.DataFrame)
        assert len(docs) == 5
        assert obs["region_code"].dropna().str.len().eq(6).all()  # codes stay text
    else:
        assert isinstance(obs, pl.DataFrame)
        assert obs.schema["value_std"] == pl.Float64
        assert obs.schema["region_code"] == pl.String


def test_load_from_a_missing_directory_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(fazhi_stats.FazhiError, match="run `fazhi-stats build` first"):
        fazhi_stats.load_observations(tmp_path)


def test_a_hand_edited_table_gets_every_problem_at_once(built: Project, tmp_path: Path) -> None:
    import csv

    source = built.processed_dir / "observations.csv"
    with source.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    rows[0]["kind"] = "plan"  # not in the vocabulary
    rows[1]["year"] = "twenty"  # not an integer
    rows[2]["quote"] = ""  # required
    rows[3]["observation_id"] = rows[4]["observation_id"]  # duplicate key
    edited = tmp_path / "observations.csv"
    with edited.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(DataError) as caught:
        fazhi_stats.load_observations(edited)
    messages = [p.message for p in caught.value.problems]
    assert any("unknown value(s) plan (row 1)" in m for m in messages)
    assert any(m.startswith("cannot be read as integer") for m in messages)
    assert any("empty in 1 row (row 3)" in m for m in messages)
    assert any(m.startswith("duplicate key") and "rows 4, 5" in m for m in messages)
    assert all(p.file == str(edited) for p in caught.value.problems)


def test_pandas_gets_whole_years_and_real_dates(built: Project) -> None:
    obs = fazhi_stats.load_observations(built.root, backend="pandas")
    assert str(obs["year"].dtype) == "Int64"
    assert "." not in str(obs["year"].dropna().iloc[0])  # 2020, not 2020.0
    docs = fazhi_stats.load_documents(built.root, backend="pandas")
    issued = docs["date_issued"].dropna().iloc[0]
    assert type(issued).__name__ == "date"
