"""HTML tables of the study (great_tables), every number with its source.

Each number drawn from a document carries its source twice: as a tooltip (the ``title`` of the
cell: document and quote) and as a numbered note under the table giving the document, the
character offsets and the quote. Quotes are untrusted text from web pages: every piece of text
put into HTML here is escaped, so a quote containing ``<script>`` is shown, never run.

The builders take processed tables (polars or pandas) and return ``great_tables.GT`` objects;
they never save. Table ids are fixed, so the same data gives the same HTML.

>>> from fazhi_stats import load_observations                       # doctest: +SKIP
>>> table_observations(load_observations()).as_raw_html()           # doctest: +SKIP
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fazhi_stats.compare.intervals import Interval
from fazhi_stats.compare.rates import implied_set_text
from fazhi_stats.io import format_value
from fazhi_stats.labels import (
    comparator_symbol,
    family_label,
    grade_label,
    indicator_label,
    kind_label,
    region_label,
    status_label,
    unit_label,
    years_text,
)
from fazhi_stats.plots._style import require_columns, to_polars
from fazhi_stats.settings import DEFAULT_SETTINGS, Settings
from fazhi_stats.vocabulary import COMPARATORS, RECURRENCES

if TYPE_CHECKING:
    from great_tables import GT


@dataclass(frozen=True)
class Source:
    """Where a number comes from."""

    document_id: str
    quote: str
    char_start: int | None = None
    char_end: int | None = None

    def tooltip(self) -> str:
        return f"{self.document_id}: {self.quote}"


class SourceNotes:
    """Numbered sources of one table, in order of first use."""

    def __init__(self, table_id: str) -> None:
        self.table_id = table_id
        self._numbers: dict[Source, int] = {}

    def mark(self, text: str, source: Source | None) -> str:
        """``text`` (escaped) with a tooltip and a numbered link to its source note."""
        shown = html.escape(text)
        if source is None:
            return shown
        n = self._numbers.setdefault(source, len(self._numbers) + 1)
        return (
            f'<span class="fz-sourced" title="{html.escape(source.tooltip(), quote=True)}">'
            f"{shown}</span>"
            f'<sup class="fz-src"><a href="#{self.table_id}-src-{n}">{n}</a></sup>'
        )

    def html(self) -> str:
        """The notes as an ordered list: document, offsets and quote of each number."""
        items = []
        for source, n in self._numbers.items():
            where = ""
            if source.char_start is not None and source.char_end is not None:
                where = f" [{source.char_start}–{source.char_end}]"
            items.append(
                f'<li id="{self.table_id}-src-{n}" value="{n}">'
                f"<code>{html.escape(source.document_id)}</code>{html.escape(where)}："
                f"「{html.escape(source.quote)}」</li>"
            )
        return '<ol class="fz-sources">' + "".join(items) + "</ol>"

    def __len__(self) -> int:
        return len(self._numbers)


def observation_sources(observations: Any) -> dict[str, Source]:
    """Sources of the observations by observation id."""
    obs = to_polars(observations)
    require_columns(
        obs, ("observation_id", "document_id", "quote", "char_start", "char_end"), "sources"
    )
    return {
        row["observation_id"]: Source(
            row["document_id"], row["quote"], row["char_start"], row["char_end"]
        )
        for row in obs.select(
            "observation_id", "document_id", "quote", "char_start", "char_end"
        ).iter_rows(named=True)
    }


def _interval_text(row: Mapping[str, Any], name: str) -> str:
    """``[4, +inf)`` for the interval ``name`` of a comparison row; ``–`` when it has none."""
    interval = Interval.from_row(row, name)
    return interval.text() if interval is not None else "–"


def number_text(value: float | None) -> str:
    """A number for reading: shortest form, thousands separated from 10 000 on."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if float(value).is_integer() and abs(value) >= 10_000:
        return f"{int(value):,}"
    return format_value(float(value))


def written_text(row: Mapping[str, Any]) -> str:
    """An observation as written: comparator, value (or range), unit, recurrence."""
    symbol = comparator_symbol(row.get("comparator"))
    value = number_text(row.get("value"))
    if row.get("value_upper") is not None:
        value = f"{value}–{number_text(row['value_upper'])}"
    recurrence = RECURRENCES.get(row.get("per"))
    per = recurrence.zh if recurrence is not None else ""
    return f"{per}{symbol}{value}{row.get('unit') or ''}"


def standard_text(row: Mapping[str, Any], prefix: str = "") -> str:
    """The value in its standard unit, with comparator: ``≥ 30 hour_per_year``."""
    symbol = COMPARATORS.symbol(row.get(f"{prefix}comparator"))
    value = number_text(row.get(f"{prefix}value_std"))
    if row.get(f"{prefix}value_std_upper") is not None:
        value = f"{value}–{number_text(row[f'{prefix}value_std_upper'])}"
    unit = row.get("unit_std") or ""
    return f"{symbol} {value} {unit}".strip()


def _frame(rows: list[dict[str, Any]], columns: Sequence[str]) -> Any:
    """Rows of display text as a polars frame of strings (columns in this order)."""
    import polars as pl

    return pl.DataFrame(rows, schema=dict.fromkeys(columns, pl.String))


def _gt(frame: Any, table_id: str, labels: Mapping[str, str], html_columns: Sequence[str]) -> GT:
    from great_tables import GT

    table = GT(frame, groupname_col="_group" if "_group" in frame.columns else None).with_id(
        table_id
    )
    if html_columns:
        # The cells of these columns were escaped when they were built.
        table = table.fmt(lambda x: "" if x is None else str(x), columns=list(html_columns))
    cases: dict[str, Any] = dict(labels)
    table = table.cols_label(cases)
    return table.opt_table_font(
        font=[
            "Noto Sans CJK SC",
            "Source Han Sans SC",
            "PingFang SC",
            "Microsoft YaHei",
            "sans-serif",
        ]
    ).tab_options(table_font_size="13px", row_group_font_weight="bold")


def _finish(table: GT, notes: SourceNotes, *, note: str | None = None) -> GT:
    from great_tables import html as gt_html

    if note:
        table = table.tab_source_note(note)
    if len(notes):
        table = table.tab_source_note(gt_html("<p>来源 / Sources:</p>" + notes.html()))
    return table


def table_observations(
    observations: Any,
    *,
    families: Sequence[str] | None = None,
    kinds: Sequence[str] | None = None,
    table_id: str = "observations",
) -> GT:
    """Every observation, grouped by family: region, period, indicator, kind, the number as
    written and in its standard unit, scope; the number links to its quote."""
    import polars as pl

    obs = to_polars(observations)
    require_columns(
        obs,
        (
            "observation_id",
            "family",
            "indicator_id",
            "kind",
            "comparator",
            "value",
            "unit",
            "value_std",
            "unit_std",
            "scope",
            "region_code",
            "period_start",
            "period_end",
        ),
        "table_observations",
    )
    if families is not None:
        obs = obs.filter(pl.col("family").is_in(list(families)))
    if kinds is not None:
        obs = obs.filter(pl.col("kind").is_in(list(kinds)))
    sources = observation_sources(obs)
    notes = SourceNotes(table_id)
    rows = []
    for row in obs.iter_rows(named=True):
        rows.append(
            {
                "_group": family_label(row["family"]),
                "region": region_label(row["region_code"], short=True),
                "years": years_text(row["period_start"], row["period_end"]),
                "indicator": indicator_label(row["indicator_id"]),
                "kind": kind_label(row["kind"]),
                "written": notes.mark(written_text(row), sources.get(row["observation_id"])),
                "standard": standard_text(row),
                "scope": row["scope"],
            }
        )
    frame = _frame(
        rows,
        (
            "_group",
            "region",
            "years",
            "indicator",
            "kind",
            "written",
            "standard",
            "scope",
        ),
    )
    table = _gt(
        frame,
        table_id,
        {
            "region": "地区 / Region",
            "years": "年份 / Years",
            "indicator": "指标 / Indicator",
            "kind": "类型 / Kind",
            "written": "原文数值 / As written",
            "standard": "标准单位 / Standard unit",
            "scope": "适用范围 / Scope",
        },
        ["written"],
    )
    return _finish(table, notes)


def table_attainment(
    attainment: Any,
    observations: Any,
    *,
    statuses: Sequence[str] = ("met", "not_met", "indeterminate", "not_comparable"),
    table_id: str = "attainment",
) -> GT:
    """Each achievement against each target it can be judged by: both as intervals, the
    comparability grade and its note, the status and the gap; both numbers link to quotes."""
    import polars as pl

    att = to_polars(attainment)
    require_columns(
        att,
        (
            "status",
            "grade",
            "relation",
            "actual_observation_id",
            "target_observation_id",
            "actual_lower",
            "met_lower",
            "gap_lower",
            "comparability_note",
            "family",
        ),
        "table_attainment",
    )
    att = att.filter(pl.col("status").is_in(list(statuses)))
    sources = observation_sources(observations)
    notes = SourceNotes(table_id)
    rows = []
    for row in att.iter_rows(named=True):
        actual_text = target_text = "–"
        if row["actual_observation_id"] is not None:
            actual_text = (
                f"{region_label(row['actual_region_code'], short=True)} "
                f"{years_text(row['actual_period_start'], row['actual_period_end'])}: "
                f"{_interval_text(row, 'actual')}"
            )
        if row["target_observation_id"] is not None:
            target_text = (
                f"{region_label(row['target_region_code'], short=True)} "
                f"{years_text(row['target_period_start'], row['target_period_end'])}: "
                f"{_interval_text(row, 'met')}"
            )
        rows.append(
            {
                "_group": family_label(row["family"]),
                "actual_indicator": indicator_label(row["actual_indicator_id"]),
                "actual": notes.mark(actual_text, sources.get(row["actual_observation_id"] or "")),
                "target_indicator": indicator_label(row["target_indicator_id"]),
                "target": notes.mark(target_text, sources.get(row["target_observation_id"] or "")),
                "grade": grade_label(row["grade"]),
                "status": status_label(row["status"]),
                "gap": _interval_text(row, "gap"),
                "note": row["comparability_note"] or "",
            }
        )
    columns = (
        "_group",
        "actual_indicator",
        "actual",
        "target_indicator",
        "target",
        "grade",
        "status",
        "gap",
        "note",
    )
    frame = _frame(rows, columns)
    table = _gt(
        frame,
        table_id,
        {
            "actual_indicator": "实绩指标 / Achievement",
            "actual": "实绩区间 / Actual values",
            "target_indicator": "目标指标 / Target",
            "target": "达标区间 / Values meeting it",
            "grade": "可比性 / Comparability",
            "status": "判定 / Status",
            "gap": "差距 / Gap",
            "note": "说明 / Note",
        },
        ["actual", "target"],
    )
    return _finish(
        table,
        notes,
        note="区间：方括号含端点，圆括号不含；+inf 为无上限。"
        "Intervals: [ ] include the bound, ( ) exclude it; +inf is unbounded. "
        "Gap = actual − target in the standard unit.",
    )


def table_ambition(
    ambition: Any, *, settings: Settings = DEFAULT_SETTINGS, table_id: str = "ambition"
) -> GT:
    """Every target side by side by family: region, period, indicator, as written, the
    standard (per-year) value and interval, scope; each number links to its quote."""

    amb = to_polars(ambition)
    require_columns(
        amb,
        (
            "family",
            "indicator_id",
            "region_code",
            "period_start",
            "period_end",
            "as_written",
            "target_lower",
            "unit_std",
            "scope",
            "quote",
            "document_id",
            "observation_id",
        ),
        "table_ambition",
    )
    notes = SourceNotes(table_id)
    rows = []
    for row in amb.iter_rows(named=True):
        source = Source(row["document_id"], row["quote"]) if row["quote"] else None
        rows.append(
            {
                "_group": family_label(row["family"]),
                "indicator": indicator_label(row["indicator_id"]),
                "region": region_label(row["region_code"], short=True),
                "years": years_text(row["period_start"], row["period_end"]),
                "written": notes.mark(str(row["as_written"]), source),
                "interval": f"{_interval_text(row, 'target')} {unit_label(row['unit_std'])}",
                "scope": row["scope"],
            }
        )
    columns = ("_group", "indicator", "region", "years", "written", "interval", "scope")
    frame = _frame(rows, columns)
    table = _gt(
        frame,
        table_id,
        {
            "indicator": "指标 / Indicator",
            "region": "地区 / Region",
            "years": "年份 / Years",
            "written": "原文 / As written",
            "interval": "标准化区间 / Standardised interval",
            "scope": "适用范围 / Scope",
        },
        ["written"],
    )
    return _finish(
        table,
        notes,
        note=f"周期性目标按每年计；{settings.describe_zh('class_hour_minutes')}。"
        f"Recurring targets per year; {settings.describe('class_hour_minutes')}.",
    )


def table_consistency(consistency: Any, observations: Any, *, table_id: str = "consistency") -> GT:
    """Each rate checked against its counts: the counts, the reported and recomputed rates,
    the status and the arithmetic written out; every number links to its quote."""

    con = to_polars(consistency)
    require_columns(
        con,
        (
            "family",
            "rate_indicator_id",
            "document_id",
            "check",
            "status",
            "numerator",
            "numerator_observation_id",
            "denominator",
            "denominator_observation_id",
            "reported_rate",
            "rate_observation_id",
            "recomputed_rate",
            "implied_min",
            "arithmetic",
        ),
        "table_consistency",
    )
    sources = observation_sources(observations)
    notes = SourceNotes(table_id)
    rows = []
    for row in con.iter_rows(named=True):

        def cell(value: float | None, obs_id: str | None, suffix: str = "") -> str:
            if value is None:
                return "–"
            return notes.mark(number_text(value) + suffix, sources.get(obs_id or ""))

        rows.append(
            {
                "_group": family_label(row["family"]),
                "rate": indicator_label(row["rate_indicator_id"]) or row["relation_id"],
                "document": row["document_id"],
                "numerator": cell(row["numerator"], row["numerator_observation_id"]),
                "denominator": cell(row["denominator"], row["denominator_observation_id"]),
                "reported": cell(row["reported_rate"], row["rate_observation_id"], "%"),
                "recomputed": html.escape(
                    number_text(round(row["recomputed_rate"], 3)) + "%"
                    if row["recomputed_rate"] is not None
                    else (
                        "implied " + implied_set_text(row["implied_min"], row["implied_max"])
                        if row["implied_min"] is not None
                        else "–"
                    )
                ),
                "status": status_label(row["status"]),
                "arithmetic": row["arithmetic"],
            }
        )
    columns = (
        "_group",
        "rate",
        "document",
        "numerator",
        "denominator",
        "reported",
        "recomputed",
        "status",
        "arithmetic",
    )
    frame = _frame(rows, columns)
    table = _gt(
        frame,
        table_id,
        {
            "rate": "比率 / Rate",
            "document": "文件 / Document",
            "numerator": "分子 / Numerator",
            "denominator": "分母 / Denominator",
            "reported": "原文比率 / Reported",
            "recomputed": "重算 / Recomputed",
            "status": "判定 / Status",
            "arithmetic": "算式 / Arithmetic",
        },
        ["numerator", "denominator", "reported", "recomputed"],
    )
    return _finish(table, notes)


def table_proportions(proportions: Any, observations: Any, *, table_id: str = "proportions") -> GT:
    """Confidence intervals of each rate by method, with k and n linked to their quotes."""

    pro = to_polars(proportions)
    require_columns(
        pro,
        (
            "family",
            "rate_indicator_id",
            "successes",
            "trials",
            "counts_source",
            "rate",
            "reported_rate",
            "method",
            "confidence",
            "lower",
            "upper",
            "numerator_observation_id",
            "denominator_observation_id",
            "rate_observation_id",
            "small_count_warning",
        ),
        "table_proportions",
    )
    sources = observation_sources(observations)
    notes = SourceNotes(table_id)
    rows = []
    for row in pro.iter_rows(named=True):
        # An implied count has no sentence of its own: it comes from the rate's.
        k_source = sources.get(row["numerator_observation_id"] or "") or sources.get(
            row["rate_observation_id"] or ""
        )
        n_source = sources.get(row["denominator_observation_id"] or "") or sources.get(
            row["rate_observation_id"] or ""
        )
        interval = (
            f"[{number_text(round(row['lower'], 3))}, {number_text(round(row['upper'], 3))}]"
            if row["lower"] is not None and row["upper"] is not None
            else "–"
        )
        rows.append(
            {
                "_group": f"{family_label(row['family'])} · {indicator_label(row['rate_indicator_id'])}",
                "k": notes.mark(number_text(row["successes"]), k_source),
                "n": notes.mark(number_text(row["trials"]), n_source),
                "source": str(row["counts_source"]).replace("_", " "),
                "rate": html.escape(number_text(round(row["rate"], 3)) + "%"),
                "reported": notes.mark(
                    number_text(row["reported_rate"]) + "%",
                    sources.get(row["rate_observation_id"] or ""),
                )
                if row["reported_rate"] is not None
                else "–",
                "method": f"{row['method'].replace('_', '–').title()} {row['confidence'] * 100:g}%",
                "interval": html.escape(interval + " %"),
                "warning": "⚠" if row["small_count_warning"] else "",
            }
        )
    columns = ("_group", "k", "n", "source", "rate", "reported", "method", "interval", "warning")
    frame = _frame(rows, columns)
    table = _gt(
        frame,
        table_id,
        {
            "k": "k",
            "n": "n",
            "source": "计数来源 / Counts",
            "rate": "重算 / k/n",
            "reported": "原文 / Reported",
            "method": "方法 / Method",
            "interval": "区间 / Interval",
            "warning": "小样本 / Small count",
        },
        ["k", "n", "rate", "reported", "interval"],
    )
    return _finish(table, notes)


def table_documents(documents: Any, *, table_id: str = "documents") -> GT:
    """The source documents: region, kind, period, title, issuer, number, dates, checksum."""

    from fazhi_stats.labels import doc_kind_label

    docs = to_polars(documents)
    require_columns(docs, ("document_id", "title_zh", "doc_kind", "sha256"), "table_documents")
    rows = [
        {
            "document": row["document_id"],
            "region": region_label(row.get("region_code"), short=True),
            "kind": doc_kind_label(row["doc_kind"]),
            "years": years_text(row.get("period_start"), row.get("period_end")),
            "title": row["title_zh"],
            "issuer": row.get("issuer_zh") or "–",
            "number": row.get("doc_number") or "–",
            "issued": format_value(row.get("date_issued")) or "–",
            "sha256": str(row["sha256"])[:12] + "…",
        }
        for row in docs.iter_rows(named=True)
    ]
    columns = (
        "document",
        "region",
        "kind",
        "years",
        "title",
        "issuer",
        "number",
        "issued",
        "sha256",
    )
    frame = _frame(rows, columns)
    return _gt(
        frame,
        table_id,
        {
            "document": "编号 / Id",
            "region": "地区 / Region",
            "kind": "类型 / Kind",
            "years": "年份 / Years",
            "title": "标题 / Title",
            "issuer": "发文机关 / Issuer",
            "number": "文号 / Number",
            "issued": "成文日期 / Issued",
            "sha256": "SHA-256",
        },
        [],
    )


def table_codebook(datapackage: Mapping[str, Any], *, table_id: str = "codebook") -> GT:
    """The codebook of every processed CSV, generated from ``datapackage.json``: one group per
    file, one row per column with its type, unit, whether it is required and its meaning."""

    rows = []
    for resource in datapackage.get("resources", []):
        schema = resource.get("schema")
        if not schema:
            continue
        group = f"{resource.get('path')} — {resource.get('title', resource.get('name'))}"
        for f in schema.get("fields", []):
            constraints = f.get("constraints") or {}
            enum = constraints.get("enum")
            description = str(f.get("description", ""))
            if enum:
                description += f" [{', '.join(map(str, enum))}]"
            rows.append(
                {
                    "_group": group,
                    "column": f["name"],
                    "type": f.get("type", ""),
                    "unit": f.get("unit") or "",
                    "required": "✓" if constraints.get("required") else "",
                    "description": description,
                }
            )
    columns = ("_group", "column", "type", "unit", "required", "description")
    frame = _frame(rows, columns)
    return _gt(
        frame,
        table_id,
        {
            "column": "列 / Column",
            "type": "类型 / Type",
            "unit": "单位 / Unit",
            "required": "必填 / Required",
            "description": "说明 / Description",
        },
        [],
    )


def table_downloads(
    datapackage: Mapping[str, Any], *, base: str = "", table_id: str = "downloads"
) -> GT:
    """Links to download every processed file (``base`` is prefixed to each path), with its
    format, description and SHA-256 from ``datapackage.json``."""

    rows = []
    for resource in [
        {
            "path": "datapackage.json",
            "format": "json",
            "description": "Data Package descriptor: every file, column and hash.",
        },
        *datapackage.get("resources", []),
    ]:
        path = str(resource["path"])
        href = html.escape(base + path, quote=True)
        rows.append(
            {
                "file": f'<a href="{href}" download>{html.escape(path)}</a>',
                "format": str(resource.get("format", "")),
                "description": str(resource.get("description", "")),
                "sha256": str(resource.get("hash", "")).removeprefix("sha256:")[:16]
                + ("…" if resource.get("hash") else ""),
            }
        )
    columns = ("file", "format", "description", "sha256")
    frame = _frame(rows, columns)
    return _gt(
        frame,
        table_id,
        {
            "file": "文件 / File",
            "format": "格式 / Format",
            "description": "内容 / Contents",
            "sha256": "SHA-256",
        },
        ["file"],
    )


def table_coverage(
    observations: Any,
    documents: Any | None = None,
    *,
    focus: Sequence[str] = (),
    table_id: str = "coverage",
) -> GT:
    """Observations per indicator family (rows) and document (columns), with totals by kind."""
    import polars as pl

    from fazhi_stats.labels import document_label
    from fazhi_stats.plots.coverage import coverage_matrix

    obs = to_polars(observations)
    matrix = coverage_matrix(obs, documents, focus=focus)
    doc_ids = list(matrix.columns[1:])
    meta: dict[str, Any] = {d: {"document_id": d} for d in doc_ids}
    if documents is not None:
        for row in to_polars(documents).iter_rows(named=True):
            meta[row["document_id"]] = row
    rows = [
        {"family": family_label(r["family"]), **{d: str(r[d] or "–") for d in doc_ids}}
        for r in matrix.iter_rows(named=True)
    ]
    for kind in ("target", "actual", "mixed"):
        counts = obs.filter(pl.col("kind") == kind).group_by("document_id").len()
        lookup = dict(zip(counts["document_id"], counts["len"], strict=True))
        rows.append(
            {"family": f"合计：{kind_label(kind)}", **{d: str(lookup.get(d, 0)) for d in doc_ids}}
        )
    labels = {d: document_label(meta[d]) if "doc_kind" in meta[d] else d for d in doc_ids}
    return _gt(
        _frame(rows, ("family", *doc_ids)), table_id, {"family": "指标族 / Family", **labels}, []
    )


def table_gaps(
    observations: Any,
    documents: Any | None = None,
    *,
    families: Sequence[str] = (),
    table_id: str = "gaps",
) -> GT:
    """Which region has which evidence in the study's families: targets and achievements
    counted per region and family ("—" where a region gives no number at all)."""
    from fazhi_stats.plots.coverage import EVIDENCE_NAMES, evidence_gaps

    gaps = evidence_gaps(observations, documents, families=families)
    regions = gaps["region_code"].unique(maintain_order=True).to_list()
    families = gaps["family"].unique(maintain_order=True).to_list()
    lookup = {(r["region_code"], r["family"]): r for r in gaps.iter_rows(named=True)}
    rows = []
    for region in regions:
        row: dict[str, Any] = {"region": region_label(region, short=True)}
        for family in families:
            cell = lookup[(region, family)]
            row[family] = (
                "—"
                if cell["evidence"] == "none"
                else f"目标 {cell['n_target']} · 实绩 {cell['n_actual']} "
                f"({EVIDENCE_NAMES[cell['evidence']].split(' / ')[1]})"
            )
        rows.append(row)
    labels = {"region": "地区 / Region", **{f: family_label(f) for f in families}}
    return _gt(_frame(rows, ("region", *families)), table_id, labels, [])


def table_milestones(milestones: Any, *, table_id: str = "milestones") -> GT:
    """Deadlines (and starts) without a number, in date order, each linked to its quote."""
    mil = to_polars(milestones)
    require_columns(
        mil,
        (
            "milestone_id",
            "document_id",
            "region_code",
            "what",
            "deadline",
            "deadline_text",
            "quote",
            "char_start",
            "char_end",
        ),
        "table_milestones",
    )
    mil = mil.sort("deadline", "document_id", "milestone_id", nulls_last=True)
    notes = SourceNotes(table_id)
    rows = []
    for row in mil.iter_rows(named=True):
        source = Source(row["document_id"], row["quote"], row["char_start"], row["char_end"])
        # a start (自2016年起) is not a deadline: show it as the date it applies from
        when = (
            f"{format_value(row.get('start')) or '–'} 起 / from（{row.get('start_text')}）"
            if row.get("kind") == "start"
            else f"{format_value(row['deadline']) or '–'}（{row['deadline_text']}）"
        )
        rows.append(
            {
                "region": region_label(row["region_code"], short=True),
                "deadline": notes.mark(when, source),
                "what": row["what"],
            }
        )
    table = _gt(
        _frame(rows, ("region", "deadline", "what")),
        table_id,
        {"region": "地区 / Region", "deadline": "期限 / Deadline", "what": "事项 / What"},
        ["deadline"],
    )
    return _finish(table, notes)


def table_html(table: Any, *, title: str | None = None) -> str:
    """A standalone UTF-8 HTML document holding one table (for ``reports/tables/``)."""
    body = table.as_raw_html()
    head_title = html.escape(title or "table")
    return (
        '<!DOCTYPE html>\n<html lang="zh-Hans">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{head_title}</title>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


__all__ = [
    "Source",
    "SourceNotes",
    "number_text",
    "observation_sources",
    "standard_text",
    "table_ambition",
    "table_attainment",
    "table_codebook",
    "table_consistency",
    "table_coverage",
    "table_documents",
    "table_downloads",
    "table_gaps",
    "table_html",
    "table_milestones",
    "table_observations",
    "table_proportions",
    "written_text",
]
