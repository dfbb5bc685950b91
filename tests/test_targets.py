"""Target attainment and ambition: statuses, relations, grades, gaps, scores; pandas and polars."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import polars as pl
import pytest

import fazhi_stats
from fazhi_stats.build.pipeline import STAGES, run_stages
from fazhi_stats.compare.intervals import Interval
from fazhi_stats.errors import DataError
from fazhi_stats.project import Project
from fazhi_stats.settings import Settings

if TYPE_CHECKING:
    from conftest import FrameBackend

JIAOCHENG, GUCHENG, HAICANG, ZHAOQING = "350902", "420625", "350205", "441200"
UNIT = {
    "law_lectures_held_count": "count_per_year",
    "leader_law_lectures_per_year": "count_per_year",
    "leader_group_law_study_sessions_per_year": "count_per_year",
    "legality_review_coverage_rate": "percent",
    "online_full_process_rate": "percent",
    "online_completion_rate": "percent",
    "zero_visit_share": "percent",
    "agency_head_court_appearance_count": "count",
    "court_appearance_rate": "percent",
    "reconsideration_as_respondent_count": "count",
    "regulation_cleanup_interval_years": "year",
}


def ob(
    oid: str,
    indicator: str,
    kind: str,
    comparator: str | None,
    value: float,
    *,
    region: str | None = JIAOCHENG,
    year: int | None = 2020,
    period: tuple[int, int] | None = None,
    upper: float | None = None,
) -> dict[str, Any]:
    start, end = period or (year, year)
    return {
        "observation_id": oid,
        "document_id": oid.split("/")[0],
        "region_code": region,
        "year": year if period is None else None,
        "period_start": start,
        "period_end": end,
        "indicator_id": indicator,
        "kind": kind,
        "comparator": comparator,
        "value": value,
        "value_std": value,
        "value_std_upper": upper,
        "unit_std": UNIT[indicator],
        "scope": f"scope of {oid}",
    }


def frame(*rows: dict[str, Any]) -> pl.DataFrame:
    return pl.DataFrame(
        list(rows),
        schema={
            "observation_id": pl.String,
            "document_id": pl.String,
            "region_code": pl.String,
            "year": pl.Int64,
            "period_start": pl.Int64,
            "period_end": pl.Int64,
            "indicator_id": pl.String,
            "kind": pl.String,
            "comparator": pl.String,
            "value": pl.Float64,
            "value_std": pl.Float64,
            "value_std_upper": pl.Float64,
            "unit_std": pl.String,
            "scope": pl.String,
        },
    )


def iv(row: dict[str, Any], name: str) -> str:
    """The interval ``name`` of a comparison row, as text (``[4, +inf)``)."""
    interval = Interval.from_row(row, name)
    assert interval is not None, (name, row)
    return interval.text()


def pair(result: pl.DataFrame, actual: str | None, target: str | None) -> dict[str, Any]:
    rows = result.filter(
        pl.col("actual_observation_id").eq_missing(actual)
        & pl.col("target_observation_id").eq_missing(target)
    ).to_dicts()
    assert len(rows) == 1, (actual, target, rows)
    return rows[0]


LECTURES = frame(
    ob("report/lectures", "law_lectures_held_count", "actual", "gt", 60),
    ob(
        "gucheng/lectures",
        "leader_law_lectures_per_year",
        "target",
        "ge",
        4,
        region=GUCHENG,
        period=(2014, 2016),
    ),
    ob(
        "haicang/lectures",
        "leader_law_lectures_per_year",
        "target",
        "ge",
        2,
        region=HAICANG,
        year=2017,
    ),
    ob(
        "undated/study",
        "leader_group_law_study_sessions_per_year",
        "target",
        "ge",
        2,
        region=None,
        year=None,
    ),
    ob("report/legality", "legality_review_coverage_rate", "actual", "eq", 100),
    ob("report/legality-2021", "legality_review_coverage_rate", "target", "eq", 100, year=2021),
    ob("report/zero-visit", "zero_visit_share", "mixed", "eq", 75),
)


def test_lectures_for_any_audience_bound_lectures_for_leaders_only_from_above(
    backend: FrameBackend,
) -> None:
    result = backend.result(fazhi_stats.assess_targets(backend.frame(LECTURES)))
    row = pair(result, "report/lectures", "gucheng/lectures")
    # the actual counts a superset (any audience): the leaders' lectures lie in [0, 60+]
    assert (row["status"], row["relation"], row["grade"], row["position"]) == (
        "indeterminate",
        "cross_region_benchmark",
        "broader",
        "overlapping",
    )
    assert "bounds the leaders' lectures from above only" in row["comparability_note"]
    assert (iv(row, "actual"), iv(row, "implied"), iv(row, "met"), iv(row, "gap")) == (
        "(60, +inf)",
        "[0, +inf)",
        "[4, +inf)",
        "[-4, +inf)",
    )
    assert (row["gap_lower"], row["gap_upper"]) == (-4, None)  # empty = unbounded
    assert (row["score_lower"], row["score_upper"]) == (0, 1)
    assert (row["target_region_name_en"], row["target_period_start"], row["target_period_end"]) == (
        "Gucheng County",
        2014,
        2016,
    )
    assert row["year_gap"] == -4  # 2016 is four years before 2020
    assert row["observation_ids"] == "gucheng/lectures;report/lectures"
    assert iv(pair(result, "report/lectures", "haicang/lectures"), "gap") == "[-2, +inf)"


def test_a_bound_decides_when_it_can(backend: FrameBackend) -> None:
    few = LECTURES.with_columns(
        comparator=pl.when(pl.col("observation_id") == "report/lectures")
        .then(pl.lit("eq"))
        .otherwise(pl.col("comparator")),
        value_std=pl.when(pl.col("observation_id") == "report/lectures")
        .then(pl.lit(3.0))
        .otherwise(pl.col("value_std")),
    )
    result = backend.result(fazhi_stats.assess_targets(backend.frame(few)))
    # 3 lectures for any audience: at most 3 for leaders, fewer than the 4 asked for
    row = pair(result, "report/lectures", "gucheng/lectures")
    assert (row["status"], row["position"], iv(row, "implied")) == ("not_met", "outside", "[0, 3]")
    # read the other way round, a narrower count bounds from below
    reverse = frame(
        ob("r/leaders", "leader_law_lectures_per_year", "actual", "eq", 5),
        ob("p/all", "law_lectures_held_count", "target", "ge", 4, region=GUCHENG),
    )
    row = pair(fazhi_stats.assess_targets(reverse), "r/leaders", "p/all")
    assert (row["grade"], row["status"], iv(row, "implied")) == ("narrower", "met", "[5, +inf)")


def test_benchmarks_can_be_limited_by_their_year_gap() -> None:
    limited = fazhi_stats.assess_targets(LECTURES, max_gap_years=3)
    # Haicang 2017 is 3 years from 2020, Gucheng 2014–2016 is 4: only Haicang stays
    kept = limited.filter(pl.col("actual_observation_id") == "report/lectures")
    assert set(kept["target_observation_id"].drop_nulls()) == {"haicang/lectures"}
    via_settings = fazhi_stats.assess_targets(
        LECTURES, settings=Settings(max_benchmark_gap_years=3)
    )
    assert via_settings.equals(limited)


def test_not_comparable_links_are_visible_and_undeclared_pairs_absent(
    backend: FrameBackend,
) -> None:
    result = backend.result(fazhi_stats.assess_targets(backend.frame(LECTURES)))
    refused = pair(result, "report/lectures", "undated/study")
    assert (refused["status"], refused["grade"]) == ("not_comparable", "not_comparable")
    assert refused["gap_lower"] is None and refused["score_lower"] is None
    assert (
        refused["target_region_code"],
        refused["target_region_name_en"],
        refused["target_region_name_zh"],
    ) == (None, "Unknown region", "地区不明")
    assert refused["relation"] == "cross_region_benchmark"
    # the undated target has no comparable actual: listed as such
    assert pair(result, None, "undated/study")["status"] == "no_actual"
    # legality review and lectures are not linked: no row pairs them
    assert result.filter(
        (pl.col("actual_observation_id") == "report/legality")
        & (pl.col("target_indicator_id") != "legality_review_coverage_rate")
    ).is_empty()


def test_own_later_target_is_a_baseline_and_mixed_sentences_are_not_assessed(
    backend: FrameBackend,
) -> None:
    result = backend.result(fazhi_stats.assess_targets(backend.frame(LECTURES)))
    row = pair(result, "report/legality", "report/legality-2021")
    # a 2020 figure cannot meet a 2021 target: it shows the target is today's level
    assert (row["status"], row["relation"], row["grade"], row["position"], iv(row, "gap")) == (
        "baseline",
        "own_target_later_period",
        "same",
        "within",
        "[0, 0]",
    )
    assert row["year_gap"] == 1
    mixed = pair(result, "report/zero-visit", None)
    assert (mixed["status"], mixed["actual_kind"], mixed["grade"]) == (
        "not_assessed",
        "mixed",
        None,
    )
    # every pair row states its grade; rows without a pair do not invent one
    paired = result.filter(
        pl.col("actual_observation_id").is_not_null()
        & pl.col("target_observation_id").is_not_null()
    )
    assert paired["grade"].null_count() == 0
    assert (
        result.filter(pl.col("target_observation_id").is_null())["grade"].null_count()
        == result.filter(pl.col("target_observation_id").is_null()).height
    )


def test_statuses_gaps_and_scores_in_both_directions(backend: FrameBackend) -> None:
    obs = frame(
        ob(
            "zq/online-2016",
            "online_full_process_rate",
            "actual",
            "eq",
            75,
            region=ZHAOQING,
            year=2016,
        ),
        ob(
            "zq/online-2016b",
            "online_full_process_rate",
            "actual",
            "ge",
            78,
            region=ZHAOQING,
            year=2016,
        ),
        ob(
            "zq/online-2016c",
            "online_full_process_rate",
            "actual",
            "ge",
            85,
            region=ZHAOQING,
            year=2016,
        ),
        ob(
            "zq/plan",
            "online_full_process_rate",
            "target",
            "ge",
            80,
            region=ZHAOQING,
            period=(2016, 2018),
        ),
        ob("r/respondent-24", "reconsideration_as_respondent_count", "actual", "eq", 24),
        ob("r/respondent-10", "reconsideration_as_respondent_count", "actual", "eq", 10),
        ob("r/respondent-cap", "reconsideration_as_respondent_count", "target", "le", 20),
        ob("zq/cleanup", "regulation_cleanup_interval_years", "actual", "eq", 5, region=ZHAOQING),
        ob(
            "zq/cleanup-rule",
            "regulation_cleanup_interval_years",
            "target",
            "eq",
            5,
            region=ZHAOQING,
            year=2018,
        ),
    )
    result = backend.result(fazhi_stats.assess_targets(backend.frame(obs)))
    short = pair(result, "zq/online-2016", "zq/plan")
    assert (short["status"], short["relation"], iv(short, "gap")) == (
        "not_met",
        "own_target_same_period",
        "[-5, -5]",
    )
    assert short["score_lower"] == short["score_upper"] == pytest.approx(75 / 80)
    open_ended = pair(result, "zq/online-2016b", "zq/plan")
    # a share cannot exceed 100 %: "≥78 %" is [78, 100], so the gap to 80 % is [-2, 20]
    assert (open_ended["status"], iv(open_ended, "gap")) == ("indeterminate", "[-2, 20]")
    assert (open_ended["score_lower"], open_ended["score_upper"]) == (pytest.approx(78 / 80), 1)
    assert pair(result, "zq/online-2016c", "zq/plan")["status"] == "met"
    over_cap = pair(result, "r/respondent-24", "r/respondent-cap")
    # a count is never negative: the values meeting "at most 20" are [0, 20]
    assert (over_cap["status"], over_cap["direction"], iv(over_cap, "met")) == (
        "not_met",
        "lower_is_better",
        "[0, 20]",
    )
    assert over_cap["score_lower"] == pytest.approx(round(20 / 24, 6))
    under_cap = pair(result, "r/respondent-10", "r/respondent-cap")
    assert (under_cap["status"], under_cap["score_lower"], iv(under_cap, "gap")) == (
        "met",
        1,
        "[-10, -10]",
    )
    neutral = pair(result, "zq/cleanup", "zq/cleanup-rule")
    # same region, the 2020 actual against the rule of 2018: an earlier target
    assert (
        neutral["status"],
        neutral["relation"],
        neutral["year_gap"],
        neutral["score_lower"],
    ) == (
        "met",
        "own_target_earlier_period",
        -2,
        None,
    )


def test_approx_is_read_with_a_stated_tolerance() -> None:
    obs = frame(
        ob(
            "zq/about-80",
            "online_full_process_rate",
            "actual",
            "approx",
            80,
            region=ZHAOQING,
            year=2016,
        ),
        ob("zq/plan", "online_full_process_rate", "target", "ge", 80, region=ZHAOQING, year=2016),
    )
    row = pair(fazhi_stats.assess_targets(obs), "zq/about-80", "zq/plan")
    assert (row["status"], iv(row, "actual")) == ("indeterminate", "[76, 84]")
    assert "±5 %" in row["assumption"]
    exact = pair(
        fazhi_stats.assess_targets(obs, settings=Settings(approx_tolerance=0)),
        "zq/about-80",
        "zq/plan",
    )
    assert (exact["status"], exact["assumption"]) == ("met", "approx (约/左右/近) read as ±0 %")


def test_cross_region_benchmarks_can_be_left_out() -> None:
    result = fazhi_stats.assess_targets(LECTURES, cross_region=False)
    assert "cross_region_benchmark" not in result["relation"].to_list()
    assert pair(result, "report/lectures", None)["status"] == "no_target"
    assert pair(result, None, "gucheng/lectures")["status"] == "no_actual"


def test_count_against_rate_is_refused_and_both_stay_visible(backend: FrameBackend) -> None:
    obs = frame(
        ob("report/heads", "agency_head_court_appearance_count", "actual", "eq", 30),
        ob(
            "gucheng/rate",
            "court_appearance_rate",
            "target",
            "eq",
            100,
            region=GUCHENG,
            period=(2014, 2016),
        ),
    )
    result = backend.result(fazhi_stats.assess_targets(backend.frame(obs)))
    assert sorted(result["status"].to_list()) == ["no_actual", "no_target", "not_comparable"]
    refused = pair(result, "report/heads", "gucheng/rate")
    assert "cannot become a rate" in refused["comparability_note"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"comparator": None}, r"observation gucheng/lectures: a target without a comparator"),
        (
            {"unit_std": "percent"},
            r"value in percent but indicator leader_law_lectures_per_year is measured in count_per_year",
        ),
        ({"indicator_id": "no_such_indicator"}, r"unknown indicator no_such_indicator"),
        ({"comparator": "ge", "value_std_upper": 6.0}, r"a range with comparator ge"),
    ],
)
def test_bad_input_is_a_clear_error(change: dict[str, Any], message: str) -> None:
    bad = LECTURES.with_columns(
        **{
            column: pl.when(pl.col("observation_id") == "gucheng/lectures")
            .then(pl.lit(value))
            .otherwise(pl.col(column))
            for column, value in change.items()
        }
    )
    with pytest.raises(DataError, match=message):
        fazhi_stats.assess_targets(bad)


def test_share_above_100_and_missing_columns_are_errors(backend: FrameBackend) -> None:
    bad = frame(ob("report/legality", "legality_review_coverage_rate", "actual", "eq", 120))
    with pytest.raises(
        DataError, match=r"observation report/legality: percentage 120.0 outside 0–100"
    ):
        fazhi_stats.assess_targets(backend.frame(bad))
    with pytest.raises(DataError, match=r"missing column\(s\) \['unit_std'\]"):
        fazhi_stats.assess_targets(backend.frame(LECTURES.drop("unit_std")))


def test_every_actual_of_the_study_is_judged_or_marked(
    repo: Project, backend: FrameBackend
) -> None:
    obs = fazhi_stats.load_observations(repo.root, backend=backend.name)  # type: ignore[arg-type]
    result = backend.result(fazhi_stats.assess_targets(obs))
    observations = fazhi_stats.load_observations(repo.root)
    # a baseline (原来5个) is the value before a reform, never judged as an achievement
    actuals = set(observations.filter(pl.col("kind").is_in(["actual", "mixed"]))["observation_id"])
    assert actuals <= set(result["actual_observation_id"].drop_nulls())
    targets = set(observations.filter(pl.col("kind") == "target")["observation_id"])
    assert targets <= set(result["target_observation_id"].drop_nulls())
    paired = result.filter(
        pl.col("target_observation_id").is_not_null()
        & pl.col("actual_observation_id").is_not_null()
    )
    assert paired.height >= 4 and paired["grade"].null_count() == 0
    lectures = pair(
        result,
        "jiaocheng-2020-report/law_lectures_held_count/1",
        "gucheng-2014-2016-work-plan/leader_law_lectures_per_year/1",
    )
    # 60余场 for any audience bound the leaders' lectures from above only
    assert (lectures["status"], lectures["grade"]) == ("indeterminate", "broader")
    legality = pair(
        result,
        "jiaocheng-2020-report/legality_review_coverage_rate/1",
        "jiaocheng-2020-report/legality_review_coverage_rate/2",
    )
    assert (legality["relation"], legality["status"]) == ("own_target_later_period", "baseline")
    # no pair of the study tests a region's achievement against its own target for that period
    assert result.filter(pl.col("relation") == "own_target_same_period").is_empty()


def test_csv_read_without_a_schema_gives_the_same_result(repo: Project) -> None:
    import pandas as pd

    path = repo.processed_dir / "observations.csv"
    reference = fazhi_stats.assess_targets(fazhi_stats.load_observations(repo.root))
    # pandas reads region codes with gaps as floats (350902.0); text-only readers give "true"
    naive = fazhi_stats.assess_targets(pd.read_csv(path))
    assert pl.from_pandas(naive).cast(reference.schema).equals(reference)
    assert fazhi_stats.assess_targets(pl.read_csv(path, infer_schema=False)).equals(reference)


def test_ambition_puts_regions_side_by_side(repo: Project, backend: FrameBackend) -> None:
    obs = fazhi_stats.load_observations(repo.root, backend=backend.name)  # type: ignore[arg-type]
    table = backend.result(fazhi_stats.ambition_table(obs))
    lectures = table.filter(pl.col("indicator_id") == "leader_law_lectures_per_year").sort(
        "region_code"
    )
    assert [
        (
            r["region_name_zh"],
            r["as_written"],
            r["value_std"],
            r["unit_std"],
            iv(r, "target"),
            r["scope"],
            r["n_regions"],
        )
        for r in lectures.iter_rows(named=True)
    ] == [
        (
            "海沧区",
            "≥2期 per year",
            2.0,
            "count_per_year",
            "[2, +inf)",
            "海沧区人民政府领导班子",
            2,
        ),
        ("谷城县", "≥4次 per year", 4.0, "count_per_year", "[4, +inf)", "县政府组成人员", 2),
    ]
    credit = table.filter(pl.col("indicator_id") == "credit_red_black_list_releases_per_year").row(
        0, named=True
    )
    assert (credit["as_written"], credit["value_std"], credit["per_year"]) == (
        "1次 per quarter",
        4.0,
        True,
    )
    hours = table.filter(pl.col("indicator_id") == "enforcement_staff_training_hours_per_year").row(
        0, named=True
    )
    assert (hours["value_std"], hours["unit_std"], hours["assumption"]) == (
        30.0,
        "hour_per_year",
        "1 学时 = 45 minutes",
    )
    undated = table.filter(pl.col("document_id") == "civil-affairs-bureau-undated-plan").row(
        0, named=True
    )
    assert (undated["region_code"], undated["region_name_en"]) == (None, "Unknown region")
    assert set(table["observation_id"]) == set(
        fazhi_stats.load_observations(repo.root).filter(pl.col("kind") == "target")[
            "observation_id"
        ]
    )


def test_build_writes_the_four_tables_described_and_linked(study: Project) -> None:
    run_stages(study, tuple(s for s in STAGES if s.name not in ("report", "site")))
    processed = study.processed_dir
    descriptor = json.loads((processed / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in descriptor["resources"]}
    for name in ("attainment", "ambition", "consistency", "proportions"):
        table = fazhi_stats.load_table(name, processed)
        assert table.height > 0, name
        assert table["observation_ids"].null_count() == 0, name
        fields = [f["name"] for f in resources[name]["schema"]["fields"]]
        assert fields == table.columns, name
    attainment = fazhi_stats.load_table("attainment", processed)
    obs = fazhi_stats.load_observations(processed)
    ids = set(obs["observation_id"])
    for joined in attainment["observation_ids"]:
        assert set(joined.split(";")) <= ids
    assert set(obs.filter(pl.col("kind").is_in(["actual", "mixed"]))["observation_id"]) <= set(
        attainment["actual_observation_id"].drop_nulls()
    )
