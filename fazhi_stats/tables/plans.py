"""Tables of the plans' commitments: the profile of each region's plans, and the commitments."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fazhi_stats.labels import family_label
from fazhi_stats.schema.commitments import COMMITMENTS, PROFILE_FLAGS
from fazhi_stats.schema.validate import check_frame
from fazhi_stats.study.formatting import computed, num
from fazhi_stats.study.links import ROOT_LINKS, SiteLinks
from fazhi_stats.tables._build import (
    Source,
    display_frame,
    linked,
    new_table,
    region_cell,
    sourced,
    with_notes,
)

if TYPE_CHECKING:
    from great_tables import GT

FLAG_LABELS = {
    "quantified": "有数字 / Quantified",
    "dated": "有期限 / Dated",
    "responsible_unit": "责任单位 / Responsible unit",
    "hedged": "有限定词 / Hedged",
}


def share_text(row: dict[str, Any], flag: str) -> str:
    """``k · share% [lower–upper]`` of one flag of a profile row.

    >>> share_text({"n_dated": 1, "share_dated": 2.94, "share_dated_lower": 0.52,
    ...             "share_dated_upper": 14.92}, "dated")
    '1 · 2.9% [0.5–14.9]'
    """
    return (
        f"{num(row[f'n_{flag}'])} · {computed(row[f'share_{flag}'], 'share')}% "
        f"[{computed(row[f'share_{flag}_lower'], 'share')}–"
        f"{computed(row[f'share_{flag}_upper'], 'share')}]"
    )


def table_plan_profiles(
    profile: Any, *, links: SiteLinks = ROOT_LINKS, table_id: str = "plans"
) -> GT:
    """Each region's commitments (a profile by ``region_code`` from
    :func:`~fazhi_stats.compare.commitments.commitment_profile`): how many, and how many (and
    what share, with its interval) carry a number, a date, a responsible unit, a hedge."""
    from fazhi_stats.schema.backends import to_polars

    frame, _ = to_polars(profile)
    rows = []
    level = None
    for row in frame.iter_rows(named=True):
        level = row["confidence"]
        out = {
            "region": region_cell(row["region_code"], links),
            "n": linked(
                num(row["n_commitments"]), links.region(row["region_code"]) + "#commitments"
            ),
        }
        out.update({flag: share_text(row, flag) for flag in PROFILE_FLAGS})
        rows.append(out)
    columns = ("region", "n", *PROFILE_FLAGS)
    table = new_table(
        display_frame(rows, columns),
        table_id,
        {"region": "地区 / Region", "n": "承诺 / Commitments", **FLAG_LABELS},
        ["region", "n"],
    )
    level_text = num(level * 100) if level is not None else "95"
    return with_notes(
        table,
        f"每格：项数 · 比例 [{level_text}% Wilson 区间]。"
        f"Each cell: count · share [{level_text} % Wilson interval]. The interval reads a plan's "
        "commitments as one realisation of how such plans are written; with few commitments it "
        "is wide.",
    )


def table_commitments(
    commitments: Any, *, links: SiteLinks = ROOT_LINKS, table_id: str = "commitments"
) -> GT:
    """The commitments, grouped by document: the text (linked to it on the document's page),
    its family, and what it carries — number, date, responsible unit (as written), hedge."""
    com = check_frame(commitments, COMMITMENTS, source="table_commitments")
    rows = []
    for row in com.iter_rows(named=True):
        source = Source(row["document_id"], row["quote"], row["commitment_id"])
        marker = f"{row['marker']} " if row["marker"] else ""
        rows.append(
            {
                "_group": row["document_id"],
                "text": marker + sourced(row["quote"], source, links),
                "family": family_label(row["family"]),
                "role": "目标 / goal" if row["role"] == "goal" else "任务 / task",
                "quantified": "✓" if row["quantified"] else "",
                "dated": "✓" if row["dated"] else "",
                "unit": row["responsible_unit"] or "",
                "hedge": row["hedge"] or "",
            }
        )
    columns = ("_group", "text", "family", "role", "quantified", "dated", "unit", "hedge")
    return new_table(
        display_frame(rows, columns),
        table_id,
        {
            "text": "承诺 / Commitment",
            "family": "指标族 / Family",
            "role": "类别 / Role",
            "quantified": "有数字 / Number",
            "dated": "有期限 / Date",
            "unit": "责任单位 / Responsible unit",
            "hedge": "限定词 / Hedge",
        },
        ["text"],
    )
