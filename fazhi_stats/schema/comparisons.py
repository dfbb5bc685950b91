"""Schemas of the stage-3 comparison tables: attainment, ambition, consistency, proportions.

Registered into :data:`fazhi_stats.schema.processed.TABLES` on import (``schemas`` imports this module),
so the Data Package describes them and ``load_table("attainment")`` reads them typed.
Numbers derived in code are rounded to 6 decimals. An interval is four columns: ``<name>_lower``,
``<name>_upper`` (empty when unbounded) and ``<name>_lower_open``, ``<name>_upper_open``.
Closed vocabularies (statuses, grades, relations …) come from :mod:`fazhi_stats.vocabulary`.
"""

from __future__ import annotations

from typing import Any

from fazhi_stats.schema.contract import Column, TableSchema, register
from fazhi_stats.schema.contract import column as _c
from fazhi_stats.vocabulary import (
    CHECK_STATUSES,
    CHECKS,
    COMPARATORS,
    COUNTS_SOURCES,
    DIRECTIONS,
    GRADES,
    KINDS,
    POSITIONS,
    PROPORTION_METHODS,
    RELATIONS,
    STATUSES,
    Vocabulary,
)


def _terms(vocabulary: Vocabulary[Any]) -> str:
    """``a (what a means); b (…)`` for a column description, from the vocabulary itself."""
    return "; ".join(
        f"{t.id}: {t.description}" if t.description else t.id for t in vocabulary.terms
    )


def _interval(name: str, what: str) -> tuple[Column, ...]:
    """The four columns of an interval: its numeric bounds and whether each end is open."""
    return (
        _c(f"{name}_lower", "number", f"Lower bound of {what}, in unit_std; empty: unbounded."),
        _c(f"{name}_upper", "number", f"Upper bound of {what}, in unit_std; empty: unbounded."),
        _c(f"{name}_lower_open", "boolean", f"The lower end of {what} is open (excluded)."),
        _c(f"{name}_upper_open", "boolean", f"The upper end of {what} is open (excluded)."),
    )


_IDS = _c(
    "observation_ids",
    "string",
    "Ids of the observations the row comes from, sorted, separated by ';'.",
    required=True,
)


def _side(role: str, what: str) -> tuple[Column, ...]:
    """The columns describing one side (actual or target) of an attainment row."""
    return (
        _c(f"{role}_observation_id", "string", f"Observation id of the {what}."),
        _c(f"{role}_indicator_id", "string", f"Indicator of the {what}."),
        _c(f"{role}_document_id", "string", f"Document of the {what}."),
        _c(
            f"{role}_region_code",
            "string",
            f"Code of the {what}'s region (GB/T 2260, or a township's 9 digits); empty when unknown.",
        ),
        _c(
            f"{role}_region_name_zh",
            "string",
            f"Region of the {what} in Chinese (地区不明 when unknown).",
        ),
        _c(
            f"{role}_region_name_en",
            "string",
            f"Region of the {what} in English (Unknown region when unknown).",
        ),
        _c(
            f"{role}_year",
            "integer",
            f"Single year of the {what}; empty for multi-year or unknown periods.",
        ),
        _c(f"{role}_period_start", "integer", f"First year the {what} applies to."),
        _c(f"{role}_period_end", "integer", f"Last year the {what} applies to."),
        _c(
            f"{role}_comparator",
            "string",
            f"Comparator of the {what}.",
            enum=COMPARATORS.ids,
        ),
        _c(f"{role}_value_std", "number", f"Value of the {what} in unit_std."),
        _c(
            f"{role}_value_std_upper",
            "number",
            f"Upper value of a range of the {what}, in unit_std.",
        ),
        _c(f"{role}_scope", "string", f"Who or what the {what} is about, in Chinese."),
    )


# Consistency and proportions rows are both about one rate case: a rate relation of the registry
# in one document, period and kind, with the observations that fill its roles.
_RATE_CASE = (
    _c("family", "string", "Family of the rate indicator.", required=True),
    _c("rate_indicator_id", "string", "The rate indicator.", required=True),
    _c(
        "document_id",
        "string",
        "Document all observations of the row come from.",
        required=True,
    ),
    _c(
        "region_code",
        "string",
        "Code of the region (GB/T 2260, or a township's 9 digits); empty when unknown.",
    ),
    _c("kind", "string", "target, actual or mixed (all observations of the row share it)."),
    _c("period_start", "integer", "First year of the shared period."),
    _c("period_end", "integer", "Last year of the shared period."),
)
_RATE_CASE_KEY = (
    "rate_indicator_id",
    "document_id",
    "numerator_observation_id",
    "denominator_observation_id",
    "rate_observation_id",
)
_RATE_CASE_ORDER = (
    "family",
    "rate_indicator_id",
    "document_id",
    "period_start",
    "rate_observation_id",
    "numerator_observation_id",
    "denominator_observation_id",
)

ATTAINMENT = register(
    TableSchema(
        name="attainment",
        path="attainment.csv",
        title="Target attainment",
        description=(
            "Every actual against every target it can be judged by: the same region's targets "
            "for its period (attainment), for a later period (baseline), for an earlier or "
            "other period, and other regions' targets as cross-region benchmarks with their year "
            "gap; comparisons only through a declared, directional comparability grade. Actuals "
            "with no comparable target (no_target), targets with no comparable actual "
            "(no_actual) and hedged report sentences (not_assessed) are rows too, so gaps in the "
            "evidence are visible."
        ),
        columns=(
            _c(
                "family",
                "string",
                "Indicator family of the actual (of the target for no_actual rows).",
                required=True,
            ),
            _c(
                "status",
                "string",
                "What the pair shows. " + _terms(STATUSES) + ".",
                required=True,
                enum=STATUSES.ids,
            ),
            _c(
                "relation",
                "string",
                "How the target relates to the actual. "
                + _terms(RELATIONS)
                + ". Only own_target_same_period tests attainment; later periods give baseline; "
                "cross-region rows are benchmarks. Empty for rows without a pair.",
                enum=RELATIONS.ids,
            ),
            _c(
                "year_gap",
                "integer",
                "Target period minus actual period, in years (0 when they overlap; negative: the "
                "target is older); empty when a year is unknown.",
                unit="years",
            ),
            _c(
                "grade",
                "string",
                "How the actual's indicator relates to the target's (registry). "
                + _terms(GRADES)
                + ". Set on every row with a pair.",
                enum=GRADES.ids,
            ),
            _c(
                "position",
                "string",
                "Where the values of the target's indicator that the actual allows (implied_*) "
                "lie against the values that meet the target (met_*). "
                + _terms(POSITIONS)
                + ". Empty for not_comparable rows and rows without a pair.",
                enum=POSITIONS.ids,
            ),
            _c(
                "comparability_note",
                "string",
                "The registry's note on how the two indicators relate.",
            ),
            _c(
                "actual_kind",
                "string",
                "actual; mixed for not_assessed rows; any kind but target for unclassified rows.",
                enum=tuple(k for k in KINDS.ids if k != "target"),
            ),
            *_side("actual", "actual"),
            *_interval("actual", "the values the actual allows ((60, +inf) for 60余)"),
            *_side("target", "target"),
            _c("target_hedged", "boolean", "The target is hedged (努力, 力争): an aim."),
            *_interval(
                "implied",
                "the values of the target's indicator the actual allows: the actual's interval "
                "for grade same, [0, actual] for broader, [actual, +inf) for narrower, the "
                "indicator's whole range for proxy",
            ),
            *_interval(
                "met",
                "the values that meet the target: its interval extended towards better (to +inf "
                "for higher_is_better), within the indicator's natural range (a share in [0, 100])",
            ),
            _c(
                "unit_std",
                "string",
                "Standard unit of both values; empty for an unclassified number in an unknown unit.",
            ),
            _c(
                "direction",
                "string",
                "Which way is better (the indicator's); empty for unclassified rows.",
                enum=DIRECTIONS.ids,
            ),
            *_interval(
                "gap",
                "the implied values minus the written target value (or range): (56, +inf) for "
                "60余 against 4",
            ),
            _c(
                "score_lower",
                "number",
                "Lower bound of the distance-to-target score in [0, 1]: min(1, actual / target) "
                "for higher_is_better, min(1, target / actual) for lower_is_better; empty for "
                "neutral indicators, not_comparable rows and targets that are not a floor "
                "(ceiling) of a positive value.",
            ),
            _c("score_upper", "number", "Upper bound of the score."),
            _c(
                "assumption",
                "string",
                "Assumptions the comparison rests on (学时 conversion, tolerance given to approx).",
            ),
            _IDS,
        ),
        primary_key=("actual_observation_id", "target_observation_id"),
        sort_by=(
            "family",
            "actual_indicator_id",
            "actual_observation_id",
            "relation",
            "target_observation_id",
        ),
    )
)

AMBITION = register(
    TableSchema(
        name="ambition",
        path="ambition.csv",
        title="Ambition of targets",
        description=(
            "Every target of every region side by side, by family and indicator, in the "
            "indicator's standard unit (recurring targets per year), with the scope it is about."
        ),
        columns=(
            _c("family", "string", "Indicator family.", required=True),
            _c("indicator_id", "string", "Indicator of the target.", required=True),
            _c("indicator_name_zh", "string", "Indicator name in Chinese."),
            _c("indicator_name_en", "string", "Indicator name in English."),
            _c("direction", "string", "Which way is better.", enum=DIRECTIONS.ids),
            _c(
                "region_code",
                "string",
                "Code of the region (GB/T 2260, or a township's 9 digits); empty when unknown.",
            ),
            _c("region_name_zh", "string", "Region in Chinese (地区不明 when unknown)."),
            _c("region_name_en", "string", "Region in English (Unknown region when unknown)."),
            _c("document_id", "string", "Document of the target."),
            _c(
                "year",
                "integer",
                "Single year of the target; empty for multi-year or unknown periods.",
            ),
            _c("period_start", "integer", "First year the target applies to."),
            _c("period_end", "integer", "Last year the target applies to."),
            _c("hedged", "boolean", "The target is hedged (努力, 力争)."),
            _c(
                "as_written",
                "string",
                "The target as written: comparator, value, unit, recurrence (≥40学时 per year).",
            ),
            _c("comparator", "string", "How the number is to be read.", enum=COMPARATORS.ids),
            _c("value_std", "number", "Value in unit_std (recurrences as a rate per year)."),
            _c("value_std_upper", "number", "Upper value of a range in unit_std."),
            _c(
                "unit_std",
                "string",
                "Standard unit, the same for every target of the indicator.",
                required=True,
            ),
            _c("per_year", "boolean", "The value is a rate per year (unit_std ends in _per_year)."),
            *_interval("target", "the values the target asks for ([4, +inf) for 不少于4次)"),
            _c("n_regions", "integer", "Number of known regions with a target of this indicator."),
            _c(
                "scope",
                "string",
                "Who or what the target is about, in Chinese (政府组成人员, 领导班子, …).",
                required=True,
            ),
            _c(
                "assumption",
                "string",
                "Assumptions of the normalisation (1 学时 = 45 minutes, approx tolerance).",
            ),
            _c("quote", "string", "The sentence of the document holding the target."),
            _c("observation_id", "string", "Observation id of the target.", required=True),
            _IDS,
        ),
        primary_key=("observation_id",),
        sort_by=("family", "indicator_id", "region_code", "period_start", "observation_id"),
    )
)

CONSISTENCY = register(
    TableSchema(
        name="consistency",
        path="consistency.csv",
        title="Consistency of reported figures",
        description=(
            "Can a document's figures all be true together? For each rate declared in the "
            "registry as numerator / denominator: where a document gives the counts and the "
            "rate, the recomputed rate against the reported one (allowing for its rounding); "
            "where it gives the rate and one count, the other count derived from the rate (a "
            "derivation, not a check of agreement); where it gives both counts only, numerator "
            "≤ denominator. For each part–whole relation of the registry (relations.yml): parts "
            "against their whole, and counts along a funnel. Observations are grouped by "
            "document, period and kind."
        ),
        columns=(
            _c("family", "string", "Family of the indicators.", required=True),
            _c(
                "relation_id",
                "string",
                "The rate indicator (rate checks) or the relation of relations.yml (sum, order).",
                required=True,
            ),
            _c("rate_indicator_id", "string", "The rate indicator (rate checks only)."),
            _c(
                "document_id",
                "string",
                "Document all observations of the row come from.",
                required=True,
            ),
            _c(
                "region_code",
                "string",
                "Code of the region (GB/T 2260, or a township's 9 digits); empty when unknown.",
            ),
            _c("kind", "string", "target, actual or mixed (all observations of the row share it)."),
            _c("period_start", "integer", "First year of the shared period."),
            _c("period_end", "integer", "Last year of the shared period."),
            _c("numerator_indicator_id", "string", "The registry's numerator of the rate."),
            _c("denominator_indicator_id", "string", "The registry's denominator of the rate."),
            _c(
                "check",
                "string",
                "rate_vs_counts (counts and rate), implied_denominator (rate and numerator), "
                "implied_numerator (rate and denominator), counts_only (both counts, no rate), "
                "sum (parts and their whole), order (counts along a funnel).",
                required=True,
                enum=CHECKS.ids,
            ),
            _c(
                "status",
                "string",
                "Can the figures all be true together? consistent: yes — the counts give the "
                "reported rate within its rounding (rate_vs_counts), numerator ≤ denominator "
                "(counts_only), the parts fit their whole (sum), the funnel narrows (order); "
                "inconsistent: no; underdetermined: the intervals cannot decide (a count with a "
                "one-sided comparator or a range, a zero denominator); derived: the missing "
                "count follows from the rate itself (implied_*): the row shows that count "
                "(implied_min, implied_max), not agreement.",
                required=True,
                enum=CHECK_STATUSES.ids,
            ),
            _c("numerator_observation_id", "string", "Observation of the numerator count."),
            _c("numerator", "number", "Numerator count (value_std).", unit="count"),
            _c("numerator_comparator", "string", "Comparator of the numerator."),
            _c("numerator_scope", "string", "Scope of the numerator, in Chinese."),
            _c("denominator_observation_id", "string", "Observation of the denominator count."),
            _c("denominator", "number", "Denominator count (value_std).", unit="count"),
            _c("denominator_comparator", "string", "Comparator of the denominator."),
            _c("denominator_scope", "string", "Scope of the denominator, in Chinese."),
            _c("rate_observation_id", "string", "Observation of the reported rate."),
            _c("reported_rate", "number", "The rate as reported.", unit="percent"),
            _c("reported_comparator", "string", "Comparator of the reported rate."),
            _c(
                "reported_decimals",
                "integer",
                "Decimals of the rate as written (99.7 → 1), from the quote.",
            ),
            _c("rate_scope", "string", "Scope of the rate, in Chinese."),
            _c(
                "tolerance",
                "number",
                "Half a unit of the last written decimal (0.05 for 99.7), in percentage points.",
                unit="percent",
            ),
            _c(
                "recomputed_rate",
                "number",
                "100 × numerator / denominator, 6 decimals; empty unless both counts are exact.",
                unit="percent",
            ),
            _c(
                "difference",
                "number",
                "recomputed_rate − reported_rate, 6 decimals.",
                unit="percent",
            ),
            _c(
                "implied_min", "integer", "Smallest implied count (implied_* checks).", unit="count"
            ),
            _c(
                "implied_max",
                "integer",
                "Largest implied count; empty when unbounded.",
                unit="count",
            ),
            _c(
                "whole_observation_id",
                "string",
                "Observation of the whole (sum checks).",
            ),
            _c("whole", "number", "The whole (value_std; sum checks).", unit="count"),
            _c(
                "parts_total_lower",
                "number",
                "Lower bound of the parts' total (sum checks).",
                unit="count",
            ),
            _c(
                "parts_total_upper",
                "number",
                "Upper bound of the parts' total; empty when unbounded (sum checks).",
                unit="count",
            ),
            _c(
                "parts_not_given",
                "string",
                "Indicators of the relation the document does not give, separated by ';'.",
            ),
            _c(
                "arithmetic",
                "string",
                "The arithmetic behind the status, written out.",
                required=True,
            ),
            _IDS,
        ),
        primary_key=("check", "relation_id", "document_id", "observation_ids"),
        sort_by=(
            "family",
            "relation_id",
            "document_id",
            "period_start",
            "check",
            "observation_ids",
        ),
    )
)

PROPORTIONS = register(
    TableSchema(
        name="proportions",
        path="proportions.csv",
        title="Confidence intervals of proportions",
        description=(
            "Wilson, Jeffreys and Clopper–Pearson intervals for every rate whose counts are known "
            "(reported, or implied uniquely by a rounded rate and one count), treating the "
            "counts as binomial (a superpopulation view of a complete count)."
        ),
        columns=(
            *_RATE_CASE,
            _c("numerator_observation_id", "string", "Observation of the numerator (successes)."),
            _c("denominator_observation_id", "string", "Observation of the denominator (trials)."),
            _c("rate_observation_id", "string", "Observation of the reported rate, if any."),
            _c("successes", "integer", "Numerator count k.", unit="count"),
            _c("trials", "integer", "Denominator count n.", unit="count"),
            _c(
                "counts_source",
                "string",
                "reported (both counts in the document), implied_denominator or "
                "implied_numerator (the only count consistent with the rounded rate and the "
                "other count).",
                enum=COUNTS_SOURCES.ids,
            ),
            _c("rate", "number", "100 × k / n, 6 decimals.", unit="percent"),
            _c("reported_rate", "number", "The rate as reported, if any.", unit="percent"),
            _c(
                "method",
                "string",
                "wilson (default), jeffreys or clopper_pearson.",
                required=True,
                enum=PROPORTION_METHODS.ids,
            ),
            _c("confidence", "number", "Confidence level, e.g. 0.95.", required=True),
            _c(
                "lower",
                "number",
                "Lower bound, percent, 6 decimals; empty when no interval can be computed.",
                unit="percent",
            ),
            _c("upper", "number", "Upper bound, percent, 6 decimals.", unit="percent"),
            _c(
                "small_count_warning",
                "boolean",
                "n < 30, n·p < 5 or n·(1−p) < 5: the normal approximation is poor; prefer "
                "Clopper–Pearson or Jeffreys.",
                required=True,
            ),
            _c(
                "warning",
                "string",
                "Which small-count conditions hold, or why no interval was computed.",
            ),
            _IDS,
        ),
        primary_key=(*_RATE_CASE_KEY, "method"),
        sort_by=(*_RATE_CASE_ORDER, "method"),
    )
)

COMPARISON_TABLES = (ATTAINMENT, AMBITION, CONSISTENCY, PROPORTIONS)
