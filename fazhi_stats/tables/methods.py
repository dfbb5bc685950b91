"""Tables of the method, generated from the vocabularies: statuses and their rules, grades of
comparability, relations of an achievement to a target."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fazhi_stats.tables._build import display_frame, new_table, with_notes
from fazhi_stats.vocabulary import CHECK_STATUSES, GRADES, RELATIONS, STATUSES, Vocabulary

if TYPE_CHECKING:
    from great_tables import GT


def _counts(frame: Any, column: str) -> dict[str, int]:
    if frame is None:
        return {}
    from fazhi_stats.schema.backends import to_polars

    polars_frame, _ = to_polars(frame)
    if column not in polars_frame.columns or polars_frame.height == 0:
        return {}
    counts = polars_frame.group_by(column).len()
    return {str(k): int(n) for k, n in counts.iter_rows() if k is not None}


def _rows(vocabulary: Vocabulary[Any], group: str, counts: dict[str, int]) -> list[dict[str, Any]]:
    return [
        {
            "_group": group,
            "status": f"{term.zh} / {term.en}",
            "id": term.id,
            "rule": term.description,
            "n": str(counts.get(term.id, 0)),
        }
        for term in vocabulary.terms
    ]


def table_statuses(
    attainment: Any | None = None,
    consistency: Any | None = None,
    *,
    table_id: str = "statuses",
) -> GT:
    """Every status of a comparison with a target and of a consistency check, with its rule
    (from :data:`~fazhi_stats.vocabulary.STATUSES` and
    :data:`~fazhi_stats.vocabulary.CHECK_STATUSES`) and how many rows of the study have it."""
    rows = _rows(
        STATUSES, "实绩对照目标 / Achievements against targets", _counts(attainment, "status")
    ) + _rows(CHECK_STATUSES, "一致性核对 / Consistency checks", _counts(consistency, "status"))
    columns = ("_group", "status", "id", "rule", "n")
    table = new_table(
        display_frame(rows, columns),
        table_id,
        {
            "status": "判定 / Status",
            "id": "数据中 / In the data",
            "rule": "规则 / Rule",
            "n": "本研究 / Rows here",
        },
    )
    return with_notes(
        table,
        "实绩对照另一地区的目标时，判定加注“跨地区基准”，并给出年份差：基准不是检验。"
        "When the target is another region's, the status carries the word benchmark and the "
        "year gap: a benchmark is not a test.",
    )


def table_grades(attainment: Any | None = None, *, table_id: str = "grades") -> GT:
    """The grades of comparability between two indicators and the relations of an achievement
    to a target, with their rules and how many pairs of the study have each."""
    rows = []
    for vocabulary, group, column in (
        (GRADES, "可比性 / Comparability", "grade"),
        (RELATIONS, "实绩与目标的关系 / Relation", "relation"),
    ):
        counts = _counts(attainment, column)
        rows += _rows(vocabulary, group, counts)
    columns = ("_group", "status", "id", "rule", "n")
    return new_table(
        display_frame(rows, columns),
        table_id,
        {
            "status": "等级 / Grade",
            "id": "数据中 / In the data",
            "rule": "含义 / Meaning",
            "n": "本研究 / Pairs here",
        },
    )
