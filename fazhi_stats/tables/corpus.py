"""Tables of the corpus: its documents, what each covers, the gaps, the deadlines."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from fazhi_stats.io import format_value
from fazhi_stats.labels import doc_kind_label, document_label, family_label, kind_label, years_text
from fazhi_stats.schema.processed import DOCUMENTS, MILESTONES
from fazhi_stats.schema.validate import check_frame
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


def table_documents(
    documents: Any,
    *,
    links: SiteLinks = ROOT_LINKS,
    table_id: str = "documents",
    hide: Sequence[str] = (),
) -> GT:
    """The source documents: id (linked to the document's page), region, kind, period, title,
    issuer, number, date, the portal address where known, checksum; without the columns of
    ``hide``."""
    docs = check_frame(documents, DOCUMENTS, source="table_documents")
    rows = [
        {
            "document": linked(row["document_id"], links.source(row["document_id"])),
            "region": region_cell(row["region_code"], links),
            "kind": doc_kind_label(row["doc_kind"]),
            "years": years_text(row["period_start"], row["period_end"]),
            "title": row["title_zh"],
            "issuer": row["issuer_zh"],
            "number": row["doc_number"],
            "issued": format_value(row["date_issued"]) or None,
            "url": row["source_url"],
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
        "url",
        "sha256",
    )
    table = new_table(
        display_frame(rows, columns),
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
            "url": "原文网址 / Portal",
            "sha256": "SHA-256",
        },
        ["document", "region"],
        hide=hide,
    )
    if any(r["url"] for r in rows):
        table = table.fmt_url(columns="url", label="🔗")
    return with_notes(table, "“–”：原文未记录。“–”: not recorded with the document.")


def table_coverage(
    observations: Any,
    documents: Any | None = None,
    *,
    focus: Sequence[str] = (),
    table_id: str = "coverage",
) -> GT:
    """Observations per indicator family (rows) and document (columns), with totals by kind."""
    import polars as pl

    from fazhi_stats.plots.coverage import coverage_matrix
    from fazhi_stats.schema.backends import to_polars

    obs, _ = to_polars(observations)
    matrix = coverage_matrix(obs, documents, focus=focus)
    doc_ids = list(matrix.columns[1:])
    meta: dict[str, Any] = {d: {"document_id": d} for d in doc_ids}
    if documents is not None:
        for row in to_polars(documents)[0].iter_rows(named=True):
            meta[row["document_id"]] = row
    rows: list[dict[str, Any]] = [
        {"family": family_label(r["family"]), **{d: r[d] for d in doc_ids}}
        for r in matrix.iter_rows(named=True)
    ]
    for kind in ("target", "actual", "mixed"):
        counts = obs.filter(pl.col("kind") == kind).group_by("document_id").len()
        lookup = dict(zip(counts["document_id"], counts["len"], strict=True))
        rows.append(
            {"family": f"合计：{kind_label(kind)}", **{d: lookup.get(d, 0) for d in doc_ids}}
        )
    frame = pl.DataFrame(
        rows, schema={"family": pl.String, **dict.fromkeys(doc_ids, pl.Int64)}
    ).with_columns(
        # a document without numbers in a family shows a dash, not a zero
        pl.when(pl.col(d) > 0).then(pl.col(d)).otherwise(None).alias(d)
        for d in doc_ids
    )
    labels = {d: document_label(meta[d]) if "doc_kind" in meta[d] else d for d in doc_ids}
    table = new_table(frame, table_id, {"family": "指标族 / Family", **labels})
    return table.fmt_integer(columns=doc_ids) if doc_ids else table


def table_gaps(
    observations: Any,
    documents: Any | None = None,
    *,
    families: Sequence[str] = (),
    links: SiteLinks = ROOT_LINKS,
    table_id: str = "gaps",
) -> GT:
    """Which region has which evidence in the study's families: targets and achievements
    counted per region and family (a dash where a region gives no number at all)."""
    from fazhi_stats.plots.coverage import EVIDENCE_NAMES, evidence_gaps

    gaps = evidence_gaps(observations, documents, families=families)
    regions = gaps["region_code"].unique(maintain_order=True).to_list()
    families = gaps["family"].unique(maintain_order=True).to_list()
    lookup = {(r["region_code"], r["family"]): r for r in gaps.iter_rows(named=True)}
    rows = []
    for region in regions:
        row: dict[str, Any] = {"region": region_cell(region, links)}
        for family in families:
            cell = lookup[(region, family)]
            row[family] = (
                None
                if cell["evidence"] == "none"
                else f"目标 {cell['n_target']} · 实绩 {cell['n_actual']} "
                f"({EVIDENCE_NAMES[cell['evidence']].split(' / ')[1]})"
            )
        rows.append(row)
    labels = {"region": "地区 / Region", **{f: family_label(f) for f in families}}
    return new_table(display_frame(rows, ("region", *families)), table_id, labels, ["region"])


def table_milestones(
    milestones: Any,
    *,
    links: SiteLinks = ROOT_LINKS,
    table_id: str = "milestones",
    hide: Sequence[str] = (),
) -> GT:
    """Deadlines (and starts) without a number, in date order, each linked to its sentence;
    without the columns of ``hide``."""
    mil = check_frame(milestones, MILESTONES, source="table_milestones")
    mil = mil.sort("deadline", "document_id", "milestone_id", nulls_last=True)
    rows = []
    for row in mil.iter_rows(named=True):
        source = Source(row["document_id"], row["quote"], row["milestone_id"])
        # a start (自2016年起) is not a deadline: show it as the date it applies from
        when = (
            f"{format_value(row['start']) or '–'} 起 / from（{row['start_text']}）"
            if row["kind"] == "start"
            else f"{format_value(row['deadline']) or '–'}（{row['deadline_text']}）"
        )
        rows.append(
            {
                "region": region_cell(row["region_code"], links),
                "deadline": sourced(when, source, links),
                "what": row["what"],
            }
        )
    return new_table(
        display_frame(rows, ("region", "deadline", "what")),
        table_id,
        {"region": "地区 / Region", "deadline": "期限 / Deadline", "what": "事项 / What"},
        ["region", "deadline"],
        hide=hide,
    )


def table_regions(index: Any, *, links: SiteLinks = ROOT_LINKS, table_id: str = "regions") -> GT:
    """The regions of the study (:func:`fazhi_stats.study.profiles.region_index`): each name
    linked to its profile, with what the study holds about it and how many documents it
    lacks for a test against its own targets."""
    from fazhi_stats.schema.backends import to_polars

    frame, _ = to_polars(index)
    counts = [c for c in frame.columns if c.startswith("n_")]  # the index's counts, in order
    rows = [
        {
            "region": linked(f"{r['name_zh']} / {r['name_en']}", links.region(r["region_code"])),
            "code": r["region_code"],
            **{k: str(r[k]) for k in counts},
        }
        for r in frame.iter_rows(named=True)
    ]
    columns = ("region", "code", *counts)
    return new_table(
        display_frame(rows, columns),
        table_id,
        {
            "region": "地区 / Region",
            "code": "代码 / Code",
            "n_documents": "文件 / Documents",
            "n_targets": "目标 / Targets",
            "n_actual": "实绩 / Achievements",
            "n_milestones": "期限 / Deadlines",
            "n_commitments": "承诺 / Commitments",
            "n_comparisons": "对照 / Comparisons",
            "n_missing": "缺少的文件 / Documents missing",
        },
        ["region"],
    )
