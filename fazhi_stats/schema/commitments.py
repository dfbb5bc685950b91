"""Schemas of the commitments of plans (stage 2) and of their profile (a comparison).

Registered into :data:`fazhi_stats.schema.processed.TABLES` on import, so the Data Package
describes ``commitments.csv`` and ``load_table("commitments")`` reads it typed.
"""

from __future__ import annotations

from collections.abc import Sequence

from fazhi_stats.schema.contract import Column, TableSchema, register
from fazhi_stats.schema.contract import column as _c
from fazhi_stats.vocabulary import COMMITMENT_FORMS, COMMITMENT_ROLES, DOC_KINDS, FAMILIES

COMMITMENTS = register(
    TableSchema(
        name="commitments",
        path="commitments.csv",
        title="Commitments of the plans",
        description=(
            "One row per commitment — a task item (the lowest numbered item, with its 责任单位 "
            "line) or a task sentence outside numbered items — of every plan, and of the plan "
            "section of a report (下一步工作计划). Cut by the rules of the genre "
            "(fazhi_stats.sources.commitments), reviewed by a curator, with corrections kept "
            "under `commitments:` in the annotation files. Flags: quantified (observations "
            "inside it), dated (a deadline or recurring deadline inside it or in a heading "
            "above it; a start 自…起 is not a deadline), a responsible unit named, hedged."
        ),
        columns=(
            _c(
                "commitment_id",
                "string",
                "Stable id: <document_id>/commitment/<n>, n in text order.",
                required=True,
            ),
            _c("document_id", "string", "Document the commitment comes from.", required=True),
            _c(
                "doc_kind",
                "string",
                "Kind of the document (a report's commitments come from its plan section).",
                enum=DOC_KINDS.ids,
            ),
            _c(
                "region_code",
                "string",
                "Code of the region (GB/T 2260, or a township's 9 digits); empty when unknown.",
            ),
            _c("region_name_zh", "string", "Region name in Chinese."),
            _c("region_name_en", "string", "Region name in English."),
            _c(
                "section",
                "string",
                "The headings above the commitment as written, outermost first, joined by ' > '.",
            ),
            _c(
                "marker",
                "string",
                "Its list marker as written (一、, (一), 4、, (1)); empty if none.",
            ),
            _c(
                "form",
                "string",
                "item (a numbered task item) or sentence (a task sentence outside items).",
                required=True,
                enum=COMMITMENT_FORMS.ids,
            ),
            _c(
                "role",
                "string",
                "task (to be done) or goal (a state to reach: 总体目标, 工作目标, a section's opening).",
                required=True,
                enum=COMMITMENT_ROLES.ids,
            ),
            _c(
                "family",
                "string",
                "Indicator family: that of the observations inside it when they share one, else "
                "by the topic words of the family registry and of its indicators (first "
                "sentence, then whole text, then headings); other if none.",
                required=True,
                enum=FAMILIES.ids,
            ),
            _c(
                "family_basis",
                "string",
                "What decided the family: observation, text, heading, curator (a correction) or "
                "none (other).",
                enum=("observation", "text", "heading", "curator", "none"),
            ),
            _c(
                "quantified",
                "boolean",
                "An observation's quote lies inside it (it carries a number).",
                required=True,
            ),
            _c(
                "observation_ids",
                "string",
                "Ids of those observations, sorted, separated by ';'.",
            ),
            _c(
                "dated",
                "boolean",
                "A deadline or recurring deadline (milestones.csv) lies inside it or in a heading "
                "above it.",
                required=True,
            ),
            _c(
                "milestone_ids",
                "string",
                "Ids of the milestones inside it or in a heading above it (starts included), "
                "sorted, separated by ';'.",
            ),
            _c(
                "has_responsible_unit",
                "boolean",
                "It names who does it: 责任单位/责任部门/试点地区和单位 …, or …牵头 / …负责.",
                required=True,
            ),
            _c(
                "responsible_unit",
                "string",
                "The responsible unit(s) as written (a remark such as 列第一的为牵头单位 removed).",
            ),
            _c("hedged", "boolean", "It uses a hedge word (see hedge).", required=True),
            _c(
                "hedge",
                "string",
                "Its hedge words as written (力争, 努力, 争取, 逐步, 原则上, 一般, 可), in text "
                "order, separated by ';'; empty when unhedged.",
            ),
            _c(
                "quote",
                "string",
                "The commitment's text: quote == text[char_start:char_end].",
                required=True,
            ),
            _c(
                "char_start",
                "integer",
                "Start offset in the decoded document text (0-based, in characters).",
                required=True,
            ),
            _c("char_end", "integer", "End offset (exclusive).", required=True),
            _c("curator_note", "string", "Reasons of the curator's corrections that shaped it."),
        ),
        primary_key=("commitment_id",),
        sort_by=("document_id", "char_start", "commitment_id"),
    )
)

#: The flags a commitment profile counts, in order.
PROFILE_FLAGS = ("quantified", "dated", "responsible_unit", "hedged")
_FLAG_WORDS = {
    "quantified": "carry a number (an observation)",
    "dated": "carry a deadline (a milestone)",
    "responsible_unit": "name a responsible unit",
    "hedged": "are hedged (力争, 努力, 逐步, 可 …)",
}


def profile_schema(by: Sequence[str]) -> TableSchema:
    """Columns of :func:`fazhi_stats.compare.commitments.commitment_profile` grouped by ``by``."""
    metrics: list[Column] = [
        _c("n_commitments", "integer", "Commitments in the group.", required=True, unit="count")
    ]
    for flag in PROFILE_FLAGS:
        what = _FLAG_WORDS[flag]
        metrics += [
            _c(f"n_{flag}", "integer", f"Commitments that {what}.", required=True, unit="count"),
            _c(
                f"share_{flag}",
                "number",
                f"Share that {what}, percent, 6 decimals.",
                unit="percent",
            ),
            _c(
                f"share_{flag}_lower",
                "number",
                "Lower bound of its interval (Wilson by default), percent.",
                unit="percent",
            ),
            _c(
                f"share_{flag}_upper",
                "number",
                "Upper bound of its interval, percent.",
                unit="percent",
            ),
        ]
    metrics += [
        _c("method", "string", "Interval method: wilson, jeffreys or clopper_pearson."),
        _c("confidence", "number", "Confidence level of the intervals, e.g. 0.95."),
    ]
    group = tuple(_c(name, "string", f"Group: {name}.") for name in by)
    return TableSchema(
        name="commitment_profile",
        path="commitment_profile.csv",
        title="Profile of the plans' commitments",
        description=(
            "Per group (by default region and family): how many commitments, and how many and "
            "what share are quantified, dated, assigned to a unit and hedged, with intervals for "
            "the shares (each a proportion of the group's commitments)."
        ),
        columns=(*group, *metrics),
        primary_key=tuple(by),
        sort_by=tuple(by),
    )
