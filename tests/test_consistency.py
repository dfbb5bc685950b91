"""Consistency: rates against counts (with rounding), derived counts, parts and their wholes."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

import polars as pl
import pytest

import fazhi_stats
from fazhi_stats.compare.rates import implied_set_text, written_decimals
from fazhi_stats.errors import DataError
from fazhi_stats.project import Project

if TYPE_CHECKING:
    from conftest import FrameBackend

RESOLVED, MEDIATED, RATE = (
    "disputes_resolved_count",
    "disputes_mediated_count",
    "mediation_success_rate",
)
PARTICIPANTS, EXAM_RATE = "law_exam_participants_count", "law_exam_participation_rate"


APPLICATIONS, DECIDED, PENDING = (
    "reconsideration_applications_count",
    "reconsideration_decided_count",
    "reconsideration_pending_count",
)
SCREENED = "disputes_screened_count"


def ob(
    oid: str,
    indicator: str,
    value: float,
    *,
    comparator: str = "eq",
    quote: str | None = None,
    year: int = 2020,
    upper: float | None = None,
) -> dict[str, Any]:
    return {
        "observation_id": oid,
        "document_id": oid.split("/")[0],
        "region_code": "350902",
        "year": year,
        "indicator_id": indicator,
        "kind": "actual",
        "comparator": comparator,
        "value": value,
        "value_std": value,
        "value_std_upper": upper,
        "unit_std": "percent" if indicator.endswith("rate") else "count",
        "scope": "人民调解组织",
        "quote": quote,
    }


def frame(*rows: dict[str, Any]) -> pl.DataFrame:
    return pl.DataFrame(
        list(rows),
        schema_overrides={
            "quote": pl.String,
            "value": pl.Float64,
            "value_std": pl.Float64,
            "value_std_upper": pl.Float64,
        },
    )


def one(result: pl.DataFrame, **where: Any) -> dict[str, Any]:
    rows = result.filter(*(pl.col(k) == v for k, v in where.items())).to_dicts()
    assert len(rows) == 1, (where, rows)
    return rows[0]


def test_jiaocheng_mediation_and_exam_figures(repo: Project, backend: FrameBackend) -> None:
    obs = fazhi_stats.load_observations(repo.root, backend=backend.name)  # type: ignore[arg-type]
    result = backend.result(fazhi_stats.check_consistency(obs))
    mediation = one(result, rate_indicator_id=RATE)
    assert (mediation["check"], mediation["status"]) == ("rate_vs_counts", "consistent")
    assert (mediation["numerator"], mediation["denominator"], mediation["reported_rate"]) == (
        2447,
        2454,
        99.7,
    )
    assert mediation["recomputed_rate"] == round(100 * 2447 / 2454, 6) == 99.714751
    assert (mediation["reported_decimals"], mediation["tolerance"]) == (1, 0.05)
    assert "100 × 2447 / 2454 = 99.714751 %" in mediation["arithmetic"]
    assert (
        mediation["numerator_scope"] == mediation["denominator_scope"] == "蕉城区各级人民调解组织"
    )

    exam = one(result, rate_indicator_id=EXAM_RATE)
    # independently: every N whose rate, rounded to 2 decimals of a percent, reads 99.75
    eligible = [
        n
        for n in range(3622, 4000)
        if abs(Fraction(362200, n) - Fraction("99.75")) <= Fraction(5, 1000)
    ]
    assert eligible == [3631]
    # the eligible count is derived from the rate itself: it cannot show agreement
    assert (exam["check"], exam["status"], exam["implied_min"], exam["implied_max"]) == (
        "implied_denominator",
        "derived",
        3631,
        3631,
    )
    assert exam["denominator_observation_id"] is None
    assert "3630.895694 ≤ N ≤ 3631.259712" in exam["arithmetic"]


def test_reported_rate_outside_its_rounding_is_inconsistent(backend: FrameBackend) -> None:
    obs = frame(
        ob("r/resolved", RESOLVED, 2447), ob("r/mediated", MEDIATED, 2454), ob("r/rate", RATE, 99.8)
    )
    row = one(
        backend.result(fazhi_stats.check_consistency(backend.frame(obs))), rate_indicator_id=RATE
    )
    assert (row["status"], row["difference"]) == ("inconsistent", pytest.approx(-0.085249))
    assert "lies outside" in row["arithmetic"]


@pytest.mark.parametrize(
    ("resolved", "mediated", "reported", "status"),
    [
        (1, 8, 13.0, "consistent"),  # 12.5 is half a unit from 13: rounding either way is accepted
        (1, 8, 12.0, "consistent"),
        (1, 3, 33.3, "consistent"),  # 33.333…
        (1, 3, 33.4, "inconsistent"),
        (2, 3, 66.7, "consistent"),
        (9, 8, 100.0, "inconsistent"),  # numerator above denominator
    ],
)
def test_rounding_boundaries_are_decided_exactly(
    resolved: int, mediated: int, reported: float, status: str
) -> None:
    obs = frame(
        ob("r/resolved", RESOLVED, resolved),
        ob("r/mediated", MEDIATED, mediated),
        ob("r/rate", RATE, reported),
    )
    assert one(fazhi_stats.check_consistency(obs), rate_indicator_id=RATE)["status"] == status


def test_numerator_above_denominator_is_inconsistent_with_and_without_a_rate() -> None:
    obs = frame(ob("r/resolved", RESOLVED, 2500), ob("r/mediated", MEDIATED, 2454))
    row = one(fazhi_stats.check_consistency(obs), rate_indicator_id=RATE)
    assert (row["check"], row["status"], row["arithmetic"]) == (
        "counts_only",
        "inconsistent",
        "numerator 2500 > denominator 2454",
    )
    fine = frame(ob("r/resolved", RESOLVED, 2447), ob("r/mediated", MEDIATED, 2454))
    row = one(fazhi_stats.check_consistency(fine), rate_indicator_id=RATE)
    assert (row["status"], row["recomputed_rate"]) == ("consistent", 99.714751)


def test_implied_numerator_and_an_impossible_rate() -> None:
    obs = frame(ob("r/mediated", MEDIATED, 120), ob("r/rate", RATE, 75))
    row = one(fazhi_stats.check_consistency(obs), rate_indicator_id=RATE)
    # 75 % with no decimals: [74.5, 75.5] % of 120 = [89.4, 90.6]
    assert (row["check"], row["status"], row["implied_min"], row["implied_max"]) == (
        "implied_numerator",
        "derived",
        90,
        90,
    )
    # 1 participant at 40.0 %: N would lie in [2.497, 2.503] — no integer
    impossible = frame(
        ob("e/participants", PARTICIPANTS, 1), ob("e/rate", EXAM_RATE, 40, quote="参考率达40.0%")
    )
    row = one(fazhi_stats.check_consistency(impossible), rate_indicator_id=EXAM_RATE)
    assert (row["status"], row["reported_decimals"], row["implied_min"]) == (
        "inconsistent",
        1,
        None,
    )
    assert "no integer N" in row["arithmetic"]


def test_one_sided_counts_leave_it_open() -> None:
    obs = frame(
        ob("r/resolved", RESOLVED, 60, comparator="gt"),
        ob("r/mediated", MEDIATED, 100),
        ob("r/rate", RATE, 70),
    )
    row = one(fazhi_stats.check_consistency(obs), rate_indicator_id=RATE)
    assert (row["status"], row["recomputed_rate"]) == ("underdetermined", None)
    assert "100 × (60, +inf) / [100, 100] = (60, +inf) % lies partly inside" in row["arithmetic"]


def rate_row_of(*rows: dict[str, Any]) -> dict[str, Any]:
    return one(fazhi_stats.check_consistency(frame(*rows)), rate_indicator_id=RATE)


@pytest.mark.parametrize(
    ("numerator", "denominator", "status", "arithmetic"),
    [
        # 2447 ≤ 2454, and the rate they give, though none is reported
        (
            {"value": 2447},
            {"value": 2454},
            "consistent",
            "2447 ≤ 2454; 100 × 2447 / 2454 = 99.714751 % (no rate reported)",
        ),
        ({"value": 0}, {"value": 0}, "consistent", "0 ≤ 0; no rate (denominator 0)"),
        # one-sided counts: compared as intervals (a count is never negative)
        (
            {"value": 60, "comparator": "gt"},
            {"value": 100},
            "underdetermined",
            "numerator (60, +inf), denominator [100, 100]: their order depends on unstated values",
        ),
        (
            {"value": 100, "comparator": "ge"},
            {"value": 100},
            "underdetermined",
            "numerator [100, +inf), denominator [100, 100]: their order depends on unstated values",
        ),
        (
            {"value": 120, "comparator": "ge"},
            {"value": 100},
            "inconsistent",
            "numerator [120, +inf), denominator [100, 100]: numerator > denominator",
        ),
        (
            {"value": 50, "comparator": "le"},
            {"value": 50, "comparator": "ge"},
            "consistent",
            "numerator [0, 50], denominator [50, +inf): numerator ≤ denominator",
        ),
    ],
)
def test_counts_without_a_rate_are_ordered(
    numerator: dict[str, Any], denominator: dict[str, Any], status: str, arithmetic: str
) -> None:
    row = rate_row_of(
        ob("r/resolved", RESOLVED, **numerator), ob("r/mediated", MEDIATED, **denominator)
    )
    assert (row["check"], row["status"], row["arithmetic"]) == ("counts_only", status, arithmetic)
    assert row["recomputed_rate"] == (99.714751 if numerator["value"] == 2447 else None)


def test_a_zero_denominator_gives_no_rate_to_check() -> None:
    row = rate_row_of(
        ob("r/resolved", RESOLVED, 0), ob("r/mediated", MEDIATED, 0), ob("r/rate", RATE, 0)
    )
    assert (row["status"], row["recomputed_rate"], row["tolerance"]) == (
        "underdetermined",
        None,
        0.5,
    )
    assert row["arithmetic"].endswith("; denominator 0: no rate")


@pytest.mark.parametrize(
    ("numerator", "denominator", "rate", "status", "arithmetic"),
    [
        # a range of 2454–2455 disputes mediated: 2447 of them is 99.674134–99.714751 %
        (
            {"value": 2447},
            {"value": 2454, "upper": 2455},
            {"value": 99.7},
            "consistent",
            "100 × [2447, 2447] / [2454, 2455] = [99.674134, 99.714751] % lies inside",
        ),
        (
            {"value": 2447},
            {"value": 2454, "upper": 2455},
            {"value": 95},
            "inconsistent",
            "100 × [2447, 2447] / [2454, 2455] = [99.674134, 99.714751] % lies outside",
        ),
        # more than 100 mediated: 50 resolved is a rate in (0, 50)
        (
            {"value": 50},
            {"value": 100, "comparator": "gt"},
            {"value": 60, "comparator": "le"},
            "consistent",
            "100 × [50, 50] / (100, +inf) = (0, 50) % lies inside",
        ),
        (
            {"value": 50},
            {"value": 100, "comparator": "gt"},
            {"value": 30},
            "underdetermined",
            "100 × [50, 50] / (100, +inf) = (0, 50) % lies partly inside",
        ),
        (
            {"value": 3000, "comparator": "ge"},
            {"value": 2454},
            {"value": 99.7},
            "inconsistent",
            "numerator [3000, +inf) > denominator [2454, 2454]",
        ),
        (
            {"value": 5},
            {"value": 10, "comparator": "le"},
            {"value": 50},
            "underdetermined",
            "denominator [0, 10] may be 0",
        ),
    ],
)
def test_a_rate_against_inexact_counts_uses_interval_arithmetic(
    numerator: dict[str, Any],
    denominator: dict[str, Any],
    rate: dict[str, Any],
    status: str,
    arithmetic: str,
) -> None:
    row = rate_row_of(
        ob("r/resolved", RESOLVED, **numerator),
        ob("r/mediated", MEDIATED, **denominator),
        ob("r/rate", RATE, **rate),
    )
    assert (row["check"], row["status"], row["recomputed_rate"]) == ("rate_vs_counts", status, None)
    assert row["arithmetic"].endswith(f"; {arithmetic}"), row["arithmetic"]


@pytest.mark.parametrize(
    ("count", "rate", "status", "implied", "arithmetic"),
    [
        # 9 resolved at 90 % or more (read as ≥ 89.5 %): 9 or 10 mediated
        (
            ob("r/resolved", RESOLVED, 9),
            {"value": 90, "comparator": "ge"},
            "derived",
            (9, 10),
            "100 × 9 / N in [89.5, +inf) ⇔ -inf ≤ N ≤ 10.055866 ⇔ N ∈ {9, 10}",
        ),
        # 1 resolved at 10 % or less: 10 mediated or more, without end
        (
            ob("r/resolved", RESOLVED, 1),
            {"value": 10, "comparator": "le"},
            "derived",
            (10, None),
            "100 × 1 / N in (-inf, 10.5] ⇔ 9.52381 ≤ N ≤ +inf ⇔ N ∈ {10, 11, …} (unbounded)",
        ),
        # none resolved: a 0 % rate allows any number mediated, a 50 % rate none
        (
            ob("r/resolved", RESOLVED, 0),
            {"value": 0},
            "derived",
            (1, None),
            "N ∈ {1, 2, …} (unbounded)",
        ),
        (
            ob("r/resolved", RESOLVED, 0),
            {"value": 50},
            "inconsistent",
            (None, None),
            "no integer N",
        ),
        # more than 50 % of 200 (read as > 49.5 %): 99 resolved is 49.5 %, not enough
        (
            ob("r/mediated", MEDIATED, 200),
            {"value": 50, "comparator": "gt"},
            "derived",
            (100, 200),
            "100 × k / 200 in (49.5, +inf) ⇔ 99 ≤ k ≤ +inf ⇔ k ∈ {100, 101, …, 200} (101 integers)",
        ),
        (
            ob("r/mediated", MEDIATED, 200),
            {"value": 50, "comparator": "ge"},
            "derived",
            (99, 200),
            "k ∈ {99, 100, …, 200} (102 integers)",
        ),
        # at most 50 % of 201 (read as ≤ 50.5 %): 101 resolved is 50.248756 %, 102 is too many
        (
            ob("r/mediated", MEDIATED, 201),
            {"value": 50, "comparator": "le"},
            "derived",
            (0, 101),
            "-inf ≤ k ≤ 101.505 ⇔ k ∈ {0, 1, …, 101} (102 integers)",
        ),
        (
            ob("r/mediated", MEDIATED, 0),
            {"value": 50},
            "inconsistent",
            (None, None),
            "100 × k / 0 in [49.5, 50.5] ⇔ 0 ≤ k ≤ 0: no integer k",
        ),
        # a count that is not exact leaves the other one open
        (
            ob("r/resolved", RESOLVED, 60, comparator="gt"),
            {"value": 70},
            "underdetermined",
            (None, None),
            "the numerator >60 is not an exact count",
        ),
        (
            ob("r/mediated", MEDIATED, 100, comparator="ge"),
            {"value": 70},
            "underdetermined",
            (None, None),
            "the denominator ≥100 is not an exact count",
        ),
    ],
)
def test_a_rate_and_one_count_imply_the_other(
    count: dict[str, Any],
    rate: dict[str, Any],
    status: str,
    implied: tuple[int | None, int | None],
    arithmetic: str,
) -> None:
    row = rate_row_of(count, ob("r/rate", RATE, **rate))
    missing = "denominator" if count["indicator_id"] == RESOLVED else "numerator"
    assert (row["check"], row["status"]) == (f"implied_{missing}", status)
    assert (row["implied_min"], row["implied_max"]) == implied
    assert row["arithmetic"].endswith(arithmetic), row["arithmetic"]


def test_pairs_need_the_same_document_and_period() -> None:
    obs = frame(
        ob("a/resolved", RESOLVED, 2447),
        ob("a/mediated", MEDIATED, 2454, year=2019),
        ob("b/rate", RATE, 99.7),
    )
    assert fazhi_stats.check_consistency(obs).is_empty()


def test_written_decimals_and_set_text() -> None:
    assert written_decimals(99.7, "调处成功率达99.70%") == 2
    assert written_decimals(99.7, "调处成功率达９９.７%") == 1  # full-width digits
    assert written_decimals(100.0) == 0
    assert implied_set_text(7, 9) == "{7, 8, 9}"
    assert implied_set_text(10, 99) == "{10, 11, …, 99} (90 integers)"
    assert implied_set_text(5, None) == "{5, 6, …} (unbounded)"


def test_bad_counts_and_rates_are_errors(backend: FrameBackend) -> None:
    with pytest.raises(DataError, match=r"observation r/rate: percentage 100.3 outside 0–100"):
        fazhi_stats.check_consistency(
            backend.frame(frame(ob("r/resolved", RESOLVED, 3), ob("r/rate", RATE, 100.3)))
        )
    with pytest.raises(DataError, match=r"observation r/resolved: count 2.5 is not a whole number"):
        fazhi_stats.check_consistency(
            backend.frame(frame(ob("r/resolved", RESOLVED, 2.5), ob("r/rate", RATE, 50)))
        )


def test_the_reports_sums_and_funnel_are_checked(repo: Project, backend: FrameBackend) -> None:
    obs = fazhi_stats.load_observations(repo.root, backend=backend.name)  # type: ignore[arg-type]
    result = backend.result(fazhi_stats.check_consistency(obs))
    applications = one(result, relation_id="reconsideration_applications_by_outcome")
    assert (applications["check"], applications["status"], applications["whole"]) == (
        "sum",
        "consistent",
        10,
    )
    assert applications["arithmetic"].startswith("8 + 2 = 10")
    respondent = one(result, relation_id="reconsideration_as_respondent_by_outcome")
    assert (respondent["status"], respondent["parts_total_lower"]) == ("consistent", 24)
    assert respondent["arithmetic"].startswith("1 + 1 + 22 = 24 ≤ 24")
    funnel = one(result, relation_id="mediation_funnel")
    assert (funnel["check"], funnel["status"], funnel["arithmetic"]) == (
        "order",
        "consistent",
        "2512 ≥ 2454 ≥ 2447",
    )


@pytest.mark.parametrize(
    ("rows", "status", "arithmetic"),
    [
        ([(APPLICATIONS, 10), (DECIDED, 8), (PENDING, 3)], "inconsistent", "8 + 3 = 11 ≠ 10"),
        ([(APPLICATIONS, 10), (DECIDED, 11)], "inconsistent", "11 = 11 > 10"),
        ([(APPLICATIONS, 10), (DECIDED, 8)], "consistent", "8 = 8 ≤ 10"),
        ([(APPLICATIONS, 10), (DECIDED, 8), (PENDING, 1, "gt")], "underdetermined", "may equal"),
    ],
)
def test_parts_against_their_whole(
    rows: list[tuple[Any, ...]], status: str, arithmetic: str
) -> None:
    obs = frame(
        *(
            ob(f"r/{i}", r[0], r[1], comparator=r[2] if len(r) > 2 else "eq")
            for i, r in enumerate(rows)
        )
    )
    row = one(
        fazhi_stats.check_consistency(obs), relation_id="reconsideration_applications_by_outcome"
    )
    assert row["status"] == status
    assert arithmetic in row["arithmetic"]
    if len(rows) == 2:  # an exhaustive breakdown with a part missing: only its total is checked
        assert row["parts_not_given"] == PENDING


def test_a_funnel_that_widens_is_inconsistent() -> None:
    obs = frame(ob("r/s", SCREENED, 2400), ob("r/m", MEDIATED, 2454), ob("r/r", RESOLVED, 2447))
    row = one(fazhi_stats.check_consistency(obs), relation_id="mediation_funnel")
    assert (row["status"], row["arithmetic"]) == (
        "inconsistent",
        "2400 ≥ 2454 ≥ 2447 does not hold",
    )


# -- what mutation testing showed untested in compare.parts ----------------------------------

RESPONDENT = "reconsideration_as_respondent_count"
TERMINATED = "reconsideration_terminated_count"


def test_a_non_exhaustive_sum_that_may_exceed_its_whole_is_underdetermined() -> None:
    obs = frame(ob("r/w", RESPONDENT, 24), ob("r/t", TERMINATED, 20, comparator="gt"))
    row = one(
        fazhi_stats.check_consistency(obs), relation_id="reconsideration_as_respondent_by_outcome"
    )
    assert row["status"] == "underdetermined"
    assert row["arithmetic"].startswith("(20, +inf) = (20, +inf) against 24: may exceed it")
    assert row["parts_not_given"] == (
        "reconsideration_suspended_count;reconsideration_as_respondent_pending_count"
    )
    assert (row["parts_total_lower"], row["parts_total_upper"]) == (20, None)  # no upper bound


def test_the_row_of_a_sum_names_its_whole_document_period_and_family() -> None:
    obs = frame(ob("d/w", APPLICATIONS, 10), ob("d/a", DECIDED, 8), ob("d/b", PENDING, 2))
    row = one(
        fazhi_stats.check_consistency(obs), relation_id="reconsideration_applications_by_outcome"
    )
    assert row["family"] == "reconsideration_litigation"
    assert (row["document_id"], row["region_code"], row["kind"]) == ("d", "350902", "actual")
    assert (row["period_start"], row["period_end"]) == (2020, 2020)  # from the year
    assert row["whole_observation_id"] == "d/w"
    assert row["observation_ids"] == "d/a;d/b;d/w"
    assert row["arithmetic"] == "8 + 2 = 10 = 10 (all parts of the whole)"
    assert row["parts_not_given"] is None


def test_a_sum_with_an_open_total_that_touches_the_whole() -> None:
    """(10, +inf) parts against a whole of 10: more than the whole for certain."""
    obs = frame(ob("r/w", RESPONDENT, 10), ob("r/t", TERMINATED, 10, comparator="gt"))
    row = one(
        fazhi_stats.check_consistency(obs), relation_id="reconsideration_as_respondent_by_outcome"
    )
    assert row["status"] == "inconsistent"
    # closed at 10 (不少于10) it could still be exactly 10
    obs = frame(ob("r/w", RESPONDENT, 10), ob("r/t", TERMINATED, 10, comparator="ge"))
    row = one(
        fazhi_stats.check_consistency(obs), relation_id="reconsideration_as_respondent_by_outcome"
    )
    assert row["status"] == "underdetermined"


def test_a_funnel_that_may_not_hold_and_one_with_a_step_missing() -> None:
    obs = frame(ob("r/s", SCREENED, 2400), ob("r/m", MEDIATED, 2300, comparator="gt"))
    row = one(fazhi_stats.check_consistency(obs), relation_id="mediation_funnel")
    assert (row["status"], row["arithmetic"]) == (
        "underdetermined",
        "2400 ≥ (2300, +inf) may not hold; not given: disputes_resolved_count",
    )
    assert row["parts_not_given"] == "disputes_resolved_count"
    # equal counts hold (≥), and a count that ties from above is still consistent
    obs = frame(ob("r/s", SCREENED, 2400), ob("r/m", MEDIATED, 2400), ob("r/r", RESOLVED, 2400))
    row = one(fazhi_stats.check_consistency(obs), relation_id="mediation_funnel")
    assert row["status"] == "consistent"
    # one step alone is no funnel
    lone = fazhi_stats.check_consistency(frame(ob("r/s", SCREENED, 2400)))
    assert "mediation_funnel" not in set(lone["relation_id"].drop_nulls())


def test_a_funnel_step_just_below_the_next_is_inconsistent_at_an_open_end() -> None:
    """(…, 100) below [100, …]: the earlier count is smaller for certain."""
    obs = frame(
        ob("r/s", SCREENED, 100, comparator="lt"), ob("r/m", MEDIATED, 100, comparator="ge")
    )
    row = one(fazhi_stats.check_consistency(obs), relation_id="mediation_funnel")
    assert row["status"] == "inconsistent"
    obs = frame(
        ob("r/s", SCREENED, 100, comparator="le"), ob("r/m", MEDIATED, 100, comparator="ge")
    )
    row = one(fazhi_stats.check_consistency(obs), relation_id="mediation_funnel")
    assert row["status"] == "underdetermined"  # both could be exactly 100
