"""Schemas of the processed tables: the public data contract, in one place.

Each column carries its type, description and unit; the CSV writers take their column order
from here, the Data Package (``datapackage.json``) is generated from here, and the loaders use
the types to read the files back with the same dtypes in pandas and polars.
"""

from __future__ import annotations

from fazhi_stats.schema.contract import TABLES, Column, ColumnType, TableSchema, register
from fazhi_stats.schema.contract import column as _c
from fazhi_stats.vocabulary import COMPARATORS, KINDS

__all__ = [
    "DOCUMENTS",
    "MILESTONES",
    "OBSERVATIONS",
    "TABLES",
    "Column",
    "ColumnType",
    "TableSchema",
    "register",
]

_PROVENANCE = (
    _c(
        "quote",
        "string",
        "Verbatim sentence or clause of the document holding the number.",
        required=True,
    ),
    _c(
        "char_start",
        "integer",
        "Start offset of the quote in the decoded document text (0-based, in characters).",
        required=True,
    ),
    _c(
        "char_end",
        "integer",
        "End offset (exclusive): quote == text[char_start:char_end].",
        required=True,
    ),
)

DOCUMENTS = TableSchema(
    name="documents",
    path="documents.csv",
    title="Source documents",
    description="One row per source document: its metadata sidecar, decoded length and checksum.",
    columns=(
        _c(
            "document_id",
            "string",
            "Readable id; the file data/raw/documents/<document_id>.txt.",
            required=True,
        ),
        _c("title_zh", "string", "Title in Chinese."),
        _c("issuer_zh", "string", "Issuing body in Chinese; empty when unknown."),
        _c(
            "region_code",
            "string",
            "Code of the region (GB/T 2260, or a township's 9 digits); empty when unknown.",
        ),
        _c("region_name_zh", "string", "Region name in Chinese."),
        _c("region_name_en", "string", "Region name in English."),
        _c(
            "doc_kind",
            "string",
            "plan, work_points, report or national.",
            enum=("plan", "work_points", "report", "national"),
        ),
        _c("period_start", "integer", "First year the document covers; empty when unknown."),
        _c("period_end", "integer", "Last year the document covers; empty when unknown."),
        _c("date_issued", "date", "Date of issue (成文日期)."),
        _c("date_published", "date", "Date of publication on the portal."),
        _c("doc_number", "string", "Document number (文号)."),
        _c("source_file", "string", "File name of the original capture."),
        _c("source_url", "string", "Address of the original, where known."),
        _c("encoding", "string", "Detected text encoding of the raw file."),
        _c("n_chars", "integer", "Length of the decoded text in characters.", unit="characters"),
        _c("sha256", "string", "SHA-256 of the raw file's bytes.", required=True),
        _c("note", "string", "Remarks on the document (gaps, unknown region)."),
    ),
    primary_key=("document_id",),
    sort_by=("document_id",),
)

OBSERVATIONS = TableSchema(
    name="observations",
    path="observations.csv",
    title="Observations",
    description=(
        "One row per annotated observation: a quantified target or achievement of a document "
        "that a curator accepted into data/raw/annotations, in the unit as written and in the "
        "indicator's standard unit, with the quote it comes from. Unclassified numbers (no "
        "registry indicator; `classified` false) are included, and a row whose note says it "
        "was proposed by the extractor is still its draft."
    ),
    columns=(
        _c(
            "observation_id",
            "string",
            "Stable id: <document_id>/<indicator_id>/<n>, n in text order.",
            required=True,
        ),
        _c("document_id", "string", "Document the observation comes from.", required=True),
        _c(
            "region_code",
            "string",
            "Code of the document's region (GB/T 2260, or a township's 9 digits); empty when unknown.",
        ),
        _c("region_name_zh", "string", "Region name in Chinese."),
        _c("region_name_en", "string", "Region name in English."),
        _c(
            "year",
            "integer",
            "The single year the value is about; empty for multi-year periods or unknown years.",
        ),
        _c("period_start", "integer", "First year the value applies to."),
        _c(
            "period_end",
            "integer",
            "Last year the value applies to; empty for a standing rule (from_year) and when unknown.",
        ),
        _c(
            "from_year",
            "integer",
            "Year a standing rule applies from, with no end (自2018年起, 一般每隔5年…): not a "
            "target year or deadline; then year and period_end are empty.",
        ),
        _c("month_start", "integer", "First month, for a part of a year (2020年1-10月)."),
        _c("month_end", "integer", "Last month, for a part of a year."),
        _c(
            "as_of",
            "date",
            "Date the statement is made at (截止目前, 目前, 今年来, 今年: the report's date).",
        ),
        _c(
            "as_of_kind",
            "string",
            "What an as-of figure counts: year_to_date (今年来, 今年: 1 January to as_of), "
            "running_total (截止目前…共, 先后: from an unstated start to as_of; year is the year of "
            "as_of), state (目前: a level at as_of).",
            enum=("year_to_date", "running_total", "state"),
        ),
        _c(
            "indicator_id",
            "string",
            "Indicator id of the registry (the package's or the study's); empty for an "
            "unclassified number, kept until a curator declares its indicator.",
        ),
        _c(
            "classified",
            "boolean",
            "The number has a registry indicator; unclassified numbers are counted, shown and "
            "never compared.",
            required=True,
        ),
        _c(
            "indicator_name_zh",
            "string",
            "Indicator name in Chinese; for an unclassified number, the curator's label of what "
            "it counts.",
        ),
        _c("indicator_name_en", "string", "Indicator name in English."),
        _c(
            "family",
            "string",
            "Indicator family (mediation, court_appearance, online_services, training, …).",
        ),
        _c(
            "kind",
            "string",
            "target, actual, mixed (a report sentence mixing effort and result), or baseline "
            "(the value before a reform, 原来…: never compared as an achievement).",
            required=True,
            enum=KINDS.ids,
        ),
        _c("hedged", "boolean", "The sentence is hedged (see hedge): read as an aim."),
        _c(
            "hedge",
            "string",
            "The hedge word as written in the sentence: 力争, 努力, 争取, 逐步, 原则上, 一般 (as a "
            "rule) or the permissive 可; empty when not hedged.",
        ),
        _c(
            "comparator",
            "string",
            "eq, ge (at least), gt (more than), le, lt, approx.",
            required=True,
            enum=COMPARATORS.ids,
        ),
        _c("value", "number", "The number as written.", required=True),
        _c("value_upper", "number", "Upper bound of a range as written (3至4个)."),
        _c("unit", "string", "Unit as written (%, 起, 万元, 学时, …).", required=True),
        _c("per", "string", "Recurrence as written: year, half_year, quarter, month."),
        _c(
            "value_std",
            "number",
            "Value in the indicator's standard unit (recurrences as a rate per year); for an "
            "unclassified number, in the standard unit of its written unit when the unit "
            "registry knows it, else as written.",
            required=True,
        ),
        _c("value_std_upper", "number", "Upper bound of a range in the standard unit."),
        _c(
            "unit_std",
            "string",
            "Standard unit: percent, count, count_per_year, yuan, hour_per_year, year, …; empty "
            "for an unclassified number whose unit the registry does not know.",
        ),
        _c(
            "assumption",
            "string",
            "Assumption the standard value depends on (e.g. 1 学时 = 45 minutes).",
        ),
        _c("scope", "string", "Who or what the number is about, in Chinese.", required=True),
        *_PROVENANCE,
        _c("note", "string", "Curator's remark."),
    ),
    primary_key=("observation_id",),
    sort_by=("document_id", "char_start", "char_end", "observation_id"),
)

MILESTONES = TableSchema(
    name="milestones",
    path="milestones.csv",
    title="Milestones",
    description=(
        "When things are to be done, without a number: deadlines (到2017年基本建成, 2016年底前完成), "
        "starts (自2016年起: applies from then on, not a deadline) and recurring deadlines (每年初, "
        "每年第一季度), with their quotes. A number with a deadline stays an observation; its "
        "deadline is a milestone too."
    ),
    columns=(
        _c("milestone_id", "string", "Stable id: <document_id>/milestone/<n>.", required=True),
        _c("document_id", "string", "Document the milestone comes from.", required=True),
        _c(
            "region_code",
            "string",
            "Code of the region (GB/T 2260, or a township's 9 digits); empty when unknown.",
        ),
        _c(
            "kind",
            "string",
            "deadline (done by a date), start (applies from a date on: 自…起, 从…起) or recurring "
            "(a deadline that repeats: 每年初; one row per occurrence when the text dates them).",
            required=True,
            enum=("deadline", "start", "recurring"),
        ),
        _c("what", "string", "What is to be done, in Chinese.", required=True),
        _c("start", "date", "Date a start applies from (自2016年起 → 2016-01-01); starts only."),
        _c("start_text", "string", "The start as written (自2016年起); starts only."),
        _c(
            "deadline",
            "date",
            "Deadline; end of the month, quarter or year when only that is given; empty when the "
            "year is missing, for starts, and for recurring deadlines the text does not date.",
        ),
        _c("deadline_text", "string", "Deadline as written; empty for starts."),
        _c("per", "string", "Recurrence of a recurring deadline: year, half_year, quarter, month."),
        _c(
            "hedge",
            "string",
            "The hedge word as written (力争到2017年 → 力争); empty when not hedged.",
        ),
        *_PROVENANCE,
        _c("note", "string", "Curator's remark."),
    ),
    primary_key=("milestone_id",),
    sort_by=("document_id", "char_start", "milestone_id"),
)

for _table in (DOCUMENTS, OBSERVATIONS, MILESTONES):
    register(_table)

# The comparison tables (stage 3) and the plans' commitments are defined in their own modules,
# which register them in the contract.
from fazhi_stats.schema import commitments as _commitment_schemas  # noqa: E402, F401
from fazhi_stats.schema import comparisons as _comparison_schemas  # noqa: E402, F401
