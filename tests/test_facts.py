"""The numbers the pages quote: counts and look-ups against the processed tables."""

from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path

import pytest

from fazhi_stats.errors import FazhiError
from fazhi_stats.project import Project
from fazhi_stats.study import (
    colophon,
    comparability_counts,
    extraction_quality,
    load_study,
    md,
    num,
    pct,
)

REPO = Path(__file__).resolve().parents[1]


def _rows(name: str) -> list[dict[str, str]]:
    with (REPO / "data" / "processed" / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def study() -> object:
    return load_study(REPO)


def test_counts_match_the_csv_files(study: object) -> None:
    from fazhi_stats.study import Study

    assert isinstance(study, Study)
    obs = _rows("observations.csv")
    assert study.n_observations == len(obs)
    for kind in ("target", "actual", "mixed"):
        assert study.n_kind(kind) == sum(1 for o in obs if o["kind"] == kind)
    docs = _rows("documents.csv")
    assert study.n_documents == len(docs)
    assert study.n_documents_unknown_region == sum(1 for d in docs if not d["region_code"])
    attainment = _rows("attainment.csv")
    assert study.n_status("met") == sum(1 for r in attainment if r["status"] == "met")
    assert study.n_status("met", grade="proxy") == sum(
        1 for r in attainment if r["status"] == "met" and r["grade"] == "proxy"
    )


def test_lookups_return_one_observation_or_fail(study: object) -> None:
    from fazhi_stats.study import Study

    assert isinstance(study, Study)
    (row,) = [
        o
        for o in _rows("observations.csv")
        if o["indicator_id"] == "disputes_resolved_count" and o["region_code"] == "350902"
    ]
    assert study.value("disputes_resolved_count", region="350902") == float(row["value_std"])
    assert study.quote("disputes_resolved_count", region="350902") == row["quote"]
    with pytest.raises(FazhiError, match="expected one observation"):
        study.value("no_such_indicator")


def test_formatting_helpers() -> None:
    assert num(2447.0) == "2447"
    assert num(99.714751, 2) == "99.71"
    assert num(487000000.0) == "487,000,000"
    assert num(None) == "–"
    assert pct(99.7) == "99.7%"
    assert md("<b>*x*</b>") == "\\<b\\>\\*x\\*\\</b\\>"


def test_colophon_hashes_the_lockfile_and_the_data(study: object) -> None:
    from fazhi_stats.study import Study

    assert isinstance(study, Study)
    info = colophon(study)
    assert info.lockfile_sha256 == hashlib.sha256((REPO / "uv.lock").read_bytes()).hexdigest()
    data = dict(info.data)
    observations = (REPO / "data" / "processed" / "observations.csv").read_bytes()
    assert data["observations.csv"] == hashlib.sha256(observations).hexdigest()


def test_extraction_quality_is_none_until_evaluated(tmp_path: Path) -> None:
    root = tmp_path / "s"
    shutil.copytree(REPO / "data" / "processed", root / "data" / "processed")
    (root / "data" / "raw" / "documents").mkdir(parents=True)
    assert extraction_quality(Project(root)) is None
    (root / "reports" / "tables").mkdir(parents=True)
    (root / "reports" / "tables" / "extraction_quality.csv").write_text(
        "document_id,precision,recall\nt1.txt,1.0000,0.7000\nall,0.9000,0.8000\n",
        encoding="utf-8",
    )
    assert extraction_quality(Project(root)) == {
        "document_id": "all",
        "precision": "0.9000",
        "recall": "0.8000",
        "texts": "1",  # the rows above the total
    }
    assert extraction_quality(Project(root), "extraction_quality_development.csv") is None


def test_comparability_counts_cover_every_grade() -> None:
    counts = comparability_counts()
    assert set(counts) == {"same", "broader", "narrower", "proxy", "not_comparable"}
    # the lecture link is declared on the narrower side (lectures for leaders)
    assert counts["narrower"] >= 1 and counts["proxy"] > 0 and counts["broader"] == 0
