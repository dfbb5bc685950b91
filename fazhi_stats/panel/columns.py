"""The columns of the panel, score and index frames: one description per column, in one place."""

from __future__ import annotations

from fazhi_stats.schema.contract import TableSchema
from fazhi_stats.schema.contract import column as _c

_KEY = (
    _c("region_code", "string", "Region (6-digit administrative code)."),
    _c("year", "integer", "Calendar year the value is for."),
    _c("indicator_id", "string", "Indicator of the registry (or of a derivation)."),
)
_VALUE = (
    _c("family", "string", "Indicator family."),
    _c("direction", "string", "higher_is_better, lower_is_better or neutral."),
    _c("unit_std", "string", "Standard unit of the values."),
    _c("value_lower", "number", "Lower end of the value interval; empty when unbounded."),
    _c("value_upper", "number", "Upper end of the value interval; empty when unbounded."),
    _c("lower_open", "boolean", "The lower end is excluded (or unbounded)."),
    _c("upper_open", "boolean", "The upper end is excluded (or unbounded)."),
    _c("comparator", "string", "How the number was written (single-observation rows)."),
    _c("value_std", "number", "The written value in the standard unit (single-observation rows)."),
    _c("value_std_upper", "number", "Upper value of a written range (single-observation rows)."),
    _c("class_hour_minutes", "number", "Minutes per 学时 the value was converted with, if any."),
    _c("approx_tolerance", "number", "Relative half-width given to an approx (约) value, if any."),
    _c("n_observations", "integer", "Observations the row combines."),
    _c("observation_ids", "string", "Ids of those observations, ';'-separated."),
    _c("document_ids", "string", "Documents of those observations, ';'-separated."),
    _c("disagreement", "boolean", "The combined observations give different intervals."),
    _c("derivation", "string", "How the row was derived (denominated, change), empty if observed."),
    _c("note", "string", "Why the value is empty, where it is."),
)

PANEL = TableSchema(
    name="panel",
    path="",
    title="Panel",
    description="One row per region × year × indicator, with an interval value.",
    columns=(*_KEY, *_VALUE),
    primary_key=("region_code", "year", "indicator_id"),
    sort_by=("region_code", "year", "indicator_id"),
)

_SCORE = (
    _c("normalisation", "string", "Normalisation method."),
    _c("normalised_by", "string", "'year' (each cross-section) or 'all' (years pooled)."),
    _c("score_lower", "number", "Lower end of the score interval (higher is better)."),
    _c("score_upper", "number", "Upper end of the score interval (equal for point values)."),
    _c("score_note", "string", "Why the score is empty, where it is."),
    _c("n_group", "integer", "Values in the normalisation group."),
    _c("param_min", "number", "Smallest lower end in the group (in the unit of the values)."),
    _c("param_max", "number", "Largest upper end in the group (in the unit of the values)."),
    _c(
        "param_mean",
        "number",
        "Mean of the interval midpoints in the group (in the unit of the values).",
    ),
    _c(
        "param_sd",
        "number",
        "Sample sd (n − 1) of the midpoints in the group (in the unit of the values).",
    ),
    _c("param_goal_lower", "number", "Goalpost of the worst score (goalposts)."),
    _c("param_goal_upper", "number", "Goalpost of the best score (goalposts)."),
    _c("param_target", "number", "Target the value was divided by (distance_to_target)."),
)

SCORES = TableSchema(
    name="scores",
    path="",
    title="Normalised scores",
    description="The panel with a score interval per row and the parameters used.",
    columns=(*_KEY, *_VALUE, *_SCORE),
    primary_key=("region_code", "year", "indicator_id"),
    sort_by=(),  # the panel's own order
)

INDEX = TableSchema(
    name="index",
    path="",
    title="Composite index",
    description="One row per region × year (× family): the aggregated score, coverage and rank.",
    columns=(
        _c("region_code", "string", "Region (6-digit administrative code)."),
        _c("year", "integer", "Calendar year."),
        _c("family", "string", "Family of the sub-index; empty for the overall index."),
        _c("index_lower", "number", "Lower end of the index interval."),
        _c("index_upper", "number", "Upper end of the index interval."),
        _c("n_indicators", "integer", "Indicators with a score that entered the index."),
        _c("n_expected", "integer", "Weighted indicators measured in that year for any region."),
        _c("coverage", "number", "n_indicators / n_expected."),
        _c("rank_best", "number", "Best rank the index interval allows (1 = best, within year)."),
        _c("rank_worst", "number", "Worst rank the index interval allows."),
        _c("reason", "string", "Why there is no index, where there is none."),
        _c("method", "string", "The method, as text (see Method.describe)."),
    ),
    primary_key=("region_code", "year", "family"),
    sort_by=("year", "family", "region_code"),
)
