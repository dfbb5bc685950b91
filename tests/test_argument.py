"""The study's argument: computed from the data, so a changed value changes the sentence."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import polars as pl
import pytest
import yaml

from fazhi_stats.study import load_study
from fazhi_stats.study.argument import study_argument
from fazhi_stats.study.calendar import missing_documents, report_due
from fazhi_stats.study.prose import StudyProse

REPO = Path(__file__).resolve().parents[1]
PROCESSED = REPO / "data" / "processed"
HAND_COUNTS = Path(__file__).parent / "data" / "commitments_hand_counts.yml"


def _rows(name: str, root: Path = REPO) -> list[dict[str, str]]:
    with (root / "data" / "processed" / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _write(rows: list[dict[str, str]], name: str, root: Path) -> None:
    path = root / "data" / "processed" / name
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """The processed data of the study in a fresh directory, to change."""
    root = tmp_path / "study"
    shutil.copytree(PROCESSED, root / "data" / "processed")
    (root / "data" / "raw" / "documents").mkdir(parents=True)
    shutil.copy2(REPO / "study.yml", root / "study.yml")
    return root


@pytest.fixture(scope="module")
def prose() -> StudyProse:
    return StudyProse(load_study(REPO))


def test_own_target_tests_and_baselines_are_counted_from_attainment(prose: StudyProse) -> None:
    rows = _rows("attainment.csv")
    tests = [
        r
        for r in rows
        if r["relation"] == "own_target_same_period"
        and r["status"] in ("met", "not_met", "indeterminate")
    ]
    baselines = [r for r in rows if r["status"] == "baseline"]
    own = prose.argument.own
    assert own.n_tests == len(tests) == 0  # the documents allow no own-target test
    assert own.n_baselines == len(baselines) >= 1
    assert all(r["relation"] == "own_target_later_period" for r in baselines)
    text = prose.own_targets("en")
    assert f"allow [{len(tests)}](" in text and "is a baseline, not a test" in text


def test_benchmarks_name_their_year_gaps(prose: StudyProse) -> None:
    rows = [
        r
        for r in _rows("attainment.csv")
        if r["relation"] == "cross_region_benchmark" and r["target_observation_id"]
    ]
    gaps = sorted({int(r["year_gap"]) for r in rows if r["year_gap"]})
    b = prose.argument.benchmarks
    assert b.n == len(rows) and list(b.year_gaps) == gaps
    assert b.n_unknown_gap == sum(1 for r in rows if not r["year_gap"])
    text = prose.benchmarks("en")
    assert f"written {-gaps[-1]}–{-gaps[0]} years before" in text
    assert "They are benchmarks, not tests" in text
    met = sum(1 for r in rows if r["status"] in ("met", "not_met"))
    assert ("none of them finds a target met or missed" in prose.headline("en")) == (met == 0)


def test_plan_shares_on_the_pages_are_the_hand_counts(prose: StudyProse) -> None:
    from fazhi_stats.study.page import StudyPage

    hand = yaml.safe_load(HAND_COUNTS.read_text(encoding="utf-8"))
    page = StudyPage(prose.study).table("plans").as_raw_html()
    docs = {r["document_id"]: r for r in _rows("documents.csv")}
    assert len(hand) >= 2
    for doc_id, expected in hand.items():
        n = expected["total"]
        region = docs[doc_id]["region_code"]
        row = prose.argument.plans.profile.filter(pl.col("region_code") == region).row(
            0, named=True
        )
        assert row["n_commitments"] == n
        for flag in ("quantified", "dated", "responsible_unit", "hedged"):
            k = expected[flag]
            assert f"{k} · {100 * k / n:.1f}%" in page, (doc_id, flag)


def test_missing_documents_follow_the_documents_periods() -> None:
    # the periods of the sidecars: 海沧 plan 2017, 谷城 plan 2014–2016, 蕉城 report 2020 with a
    # plan section for 2021, 肇庆 plan 2016–2018, one plan without region or year
    from fazhi_stats import load_documents

    gaps = missing_documents(load_documents(PROCESSED))
    got = {(m.region_code, m.kind, m.year) for m in gaps.missing}
    assert got == {
        ("350205", "report", 2017),
        ("420625", "report", 2014),
        ("420625", "report", 2015),
        ("420625", "report", 2016),
        ("350902", "plan", 2020),
        ("350902", "report", 2021),
        ("441200", "report", 2016),
        ("441200", "report", 2017),
        ("441200", "report", 2018),
    }
    assert gaps.unplaced == ("civil-affairs-bureau-undated-plan",)
    assert report_due(2021) == dt.date(2022, 4, 1) and report_due(2016) is None


def test_a_report_closes_the_gap_of_its_year() -> None:
    docs = pl.DataFrame(
        {
            "document_id": ["plan", "report"],
            "region_code": ["110101", "110101"],
            "doc_kind": ["plan", "report"],
            "period_start": [2019, 2019],
            "period_end": [2020, 2019],
        }
    )
    (only,) = missing_documents(docs).missing
    assert (only.kind, only.year, only.due) == ("report", 2020, dt.date(2021, 4, 1))


def test_changing_a_value_changes_the_sentences(copy: Path) -> None:
    before = StudyProse(load_study(copy))
    headline, plans = before.headline("en"), before.plans("en")
    # a benchmark row decided, and a region's responsible-unit count changed
    rows = _rows("attainment.csv", copy)
    (row,) = [r for r in rows if r["status"] == "indeterminate"][:1]
    row["status"] = "met"
    _write(rows, "attainment.csv", copy)
    commitments = _rows("commitments.csv", copy)
    top = before.argument.plans.extremes("responsible_unit")
    assert top is not None
    region = top[1]["region_code"]  # the region naming most responsible units
    changed = next(
        r for r in commitments if r["has_responsible_unit"] == "true" and r["region_code"] == region
    )
    changed["has_responsible_unit"] = "false"
    changed["responsible_unit"] = ""
    _write(commitments, "commitments.csv", copy)
    after = StudyProse(load_study(copy))
    assert "none of them finds a target met or missed" in headline
    assert "1 finds a target met or missed" in after.headline("en")  # singular verb
    assert after.plans("en") != plans
    n = top[1]["n_responsible_unit"]
    share = f"{100 * (n - 1) / top[1]['n_commitments']:.1f}%"
    assert share in after.plans("en") and share not in plans
    # and an own-target test where there was none
    rows = _rows("attainment.csv", copy)
    baseline = next(r for r in rows if r["status"] == "baseline")
    baseline.update(relation="own_target_same_period", status="met")
    _write(rows, "attainment.csv", copy)
    again = StudyProse(load_study(copy))
    assert again.argument.own.n_tests == 1
    assert "allow [1](" in again.headline("en") and "1 met" in again.own_targets("en")


def test_every_count_of_the_headline_is_a_link_to_what_it_counts(prose: StudyProse) -> None:
    import re

    text = prose.headline("en")
    linked = re.findall(r"\[(\d[\d,]*)\]\(([^) ]+)", text)
    counts = {n for n, _ in linked}
    a = prose.argument
    assert {
        str(prose.study.n_documents),
        str(a.own.n_tests),
        str(a.plans.n_commitments),
        str(a.benchmarks.n),
        str(a.consistency.n),
        str(len(a.gaps.missing)),
    } <= counts
    assert all(not href.startswith("http") for _, href in linked)
    # Chinese and English state the same counts
    zh = {n for n, _ in re.findall(r"\[(\d[\d,]*)\]\(([^) ]+)", prose.headline("zh"))}
    assert zh == counts


def test_study_argument_of_the_repository() -> None:
    a = study_argument(load_study(REPO))
    assert a.regions[:4] == ("350205", "420625", "350902", "441200")  # study.yml's order
    assert a.n_reports == sum(1 for r in _rows("documents.csv") if r["doc_kind"] == "report")
