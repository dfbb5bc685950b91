"""What each document covers: observations per indicator family, and by kind."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from fazhi_stats.labels import document_label, family_label, kind_label
from fazhi_stats.plots._style import (
    DEFAULT_STYLE,
    KIND_COLOURS,
    LIGHT_GREY,
    FigureStyle,
    add_note,
    add_title,
    finalise,
    new_figure,
    require_columns,
    styled,
    to_polars,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

KINDS = ("target", "actual", "mixed", "baseline")


def coverage_matrix(
    observations: Any, documents: Any | None = None, *, focus: Sequence[str] = ()
) -> Any:
    """Observations counted per family (rows) and document (columns), as a polars frame.

    The ``focus`` families (a study's own, e.g. ``project.config.families``) come first, with a
    row even when they have no observation, then the others by total count; documents without
    observations get a column of zeros when ``documents`` is given.
    """
    import polars as pl

    obs = to_polars(observations)
    require_columns(obs, ("document_id", "family"), "coverage_matrix")
    doc_ids = sorted(set(obs["document_id"].to_list()))
    if documents is not None:
        doc_ids = sorted(set(doc_ids) | set(to_polars(documents)["document_id"].to_list()))
    counts = obs.group_by("family", "document_id").len()
    totals = obs.group_by("family").len().rename({"len": "total"})
    families = totals.with_columns(
        order=pl.col("family").replace_strict(
            {f: i for i, f in enumerate(focus)}, default=len(focus)
        ),
    ).sort(["order", "total", "family"], descending=[False, True, False])
    # The focus families always get a row, with or without observations: a gap is a finding.
    order = [*focus, *[f for f in families["family"].to_list() if f not in focus]]
    grid = pl.DataFrame({"family": order}, schema={"family": pl.String}).join(
        pl.DataFrame({"document_id": doc_ids}, schema={"document_id": pl.String}), how="cross"
    )
    wide = (
        grid.join(counts, on=["family", "document_id"], how="left")
        .with_columns(pl.col("len").fill_null(0).alias("n"))
        .drop("len")
        .pivot(on="document_id", index="family", values="n")
    )
    # no family at all (a study of documents without observations): the documents' columns
    # are there all the same, with no row
    missing = [d for d in doc_ids if d not in wide.columns]
    return wide.with_columns(pl.lit(0, dtype=pl.UInt32).alias(d) for d in missing).select(
        "family", *doc_ids
    )


def plot_coverage(
    observations: Any,
    documents: Any | None = None,
    *,
    focus: Sequence[str] = (),
    style: FigureStyle = DEFAULT_STYLE,
) -> Figure:
    """Heatmap of observations per family × document, with a bar of kinds per document.

    ``observations``: the observations table (polars or pandas); ``documents``: the documents
    table, for labels and to show documents without observations. Returns a matplotlib Figure.
    """
    import numpy as np

    obs = to_polars(observations)
    require_columns(obs, ("document_id", "family", "kind"), "plot_coverage")
    matrix = coverage_matrix(obs, documents, focus=focus)
    doc_ids = matrix.columns[1:]
    families = matrix["family"].to_list()
    values = matrix.select(doc_ids).to_numpy().astype(float)

    meta: dict[str, dict[str, Any]] = {d: {"document_id": d} for d in doc_ids}
    if documents is not None:
        for row in to_polars(documents).iter_rows(named=True):
            meta[row["document_id"]] = row
    col_labels = [document_label(meta[d], lines=3) if "doc_kind" in meta[d] else d for d in doc_ids]

    with styled(style):
        fig = new_figure(style.width, 2.2 + 0.36 * len(families), style=style)
        grid = fig.add_gridspec(2, 1, height_ratios=[1.0, max(len(families) * 0.36, 1.0)])
        ax_kind = fig.add_subplot(grid[0])
        ax = fig.add_subplot(grid[1], sharex=ax_kind)

        by_kind = obs.group_by("document_id", "kind").len().pivot(on="kind", index="document_id")
        bottom = np.zeros(len(doc_ids))
        x = np.arange(len(doc_ids))
        for kind in KINDS:
            if kind not in by_kind.columns:
                continue
            lookup = dict(zip(by_kind["document_id"], by_kind[kind].fill_null(0), strict=True))
            heights = np.array([float(lookup.get(d, 0)) for d in doc_ids])
            ax_kind.bar(
                x,
                heights,
                bottom=bottom,
                width=0.6,
                color=KIND_COLOURS[kind],
                label=kind_label(kind),
            )
            bottom += heights
        for xi, total in zip(x, bottom, strict=True):
            ax_kind.text(float(xi), total, f"{int(total)}", ha="center", va="bottom", fontsize=8)
        ax_kind.set_ylabel("观测数 / Observations")
        ax_kind.set_ylim(0, max(float(bottom.max()), 1.0) * 1.25)
        ax_kind.legend(ncols=3, loc="upper left", bbox_to_anchor=(0, 1.3))
        ax_kind.tick_params(axis="x", bottom=False, labelbottom=False)
        ax_kind.set_title("各文件覆盖的指标族 / What each document covers", loc="left", pad=24)

        masked = np.ma.masked_equal(values, 0)
        cmap = _sequential_cmap().with_extremes(bad="white")
        ax.pcolormesh(
            np.arange(len(doc_ids) + 1) - 0.5,
            np.arange(len(families) + 1) - 0.5,
            masked,
            cmap=cmap,
            vmin=0,
            vmax=max(float(values.max()), 1.0),
            edgecolors=LIGHT_GREY,
            linewidth=0.5,
        )
        vmax = max(float(values.max()), 1.0)
        for i in range(len(families)):
            for j in range(len(doc_ids)):
                n = int(values[i, j])
                ax.text(
                    j,
                    i,
                    str(n) if n else "–",
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if n > 0.55 * vmax else "#333333",
                )
        ax.set_yticks(range(len(families)), [family_label(f) for f in families])
        ax.set_xticks(range(len(doc_ids)), col_labels, fontsize=style.font_size - 1.5)
        ax.set_ylim(len(families) - 0.5, -0.5)
        ax.set_xlim(-0.5, len(doc_ids) - 0.5)
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        n_study = sum(1 for f in families if f in focus)
        if n_study:
            ax.axhline(n_study - 0.5, color="#333333", linewidth=1.0)
        # The font has one weight only: the other families are set in grey instead of bold.
        for label in ax.get_yticklabels()[n_study:]:
            label.set_color("#666666")
        above_zh = f"横线以上：本研究的 {n_study} 个指标族。" if n_study else ""
        above_en = f" Above the line: the {n_study} families of the study." if n_study else ""
        add_note(
            fig,
            f"单元格：观测数；“–”：文件中没有该指标族的数字。{above_zh}\n"
            "Cells: number of observations; “–”: the document gives no number for the family."
            + above_en,
            style=style,
        )
        finalise(fig)
    return fig


def _sequential_cmap() -> Any:
    """Light-to-dark blue (Okabe–Ito blue at the end): readable with colour-vision deficiency."""
    from matplotlib.colors import LinearSegmentedColormap

    return LinearSegmentedColormap.from_list("fazhi_blues", ["#DCEBF5", "#56B4E9", "#0072B2"])


EVIDENCE = ("targets_and_actuals", "targets_only", "actuals_only", "none")
EVIDENCE_NAMES = {
    "targets_and_actuals": "目标与实绩 / targets and achievements",
    "targets_only": "只有目标 / targets only",
    "actuals_only": "只有实绩 / achievements only",
    "none": "没有数字 / no numbers",
}


def evidence_gaps(
    observations: Any,
    documents: Any | None = None,
    *,
    families: Sequence[str] = (),
) -> Any:
    """Which region has which evidence: one row per region × family (polars frame).

    Columns ``region_code`` (empty for documents of unknown region), ``family``,
    ``n_target``, ``n_actual`` (actual and mixed statements), ``evidence`` (one of
    :data:`EVIDENCE`). Regions come from ``documents`` when given, else from the observations.
    """
    import polars as pl

    obs = to_polars(observations)
    require_columns(obs, ("region_code", "family", "kind"), "evidence_gaps")
    source = to_polars(documents) if documents is not None else obs
    regions = sorted(set(source["region_code"].to_list()), key=lambda c: (c is None, c or ""))
    grid = pl.DataFrame({"region_code": regions}, schema={"region_code": pl.String}).join(
        pl.DataFrame({"family": list(families)}, schema={"family": pl.String}), how="cross"
    )
    counts = obs.group_by("region_code", "family").agg(
        n_target=(pl.col("kind") == "target").sum().cast(pl.Int64),
        n_actual=pl.col("kind").is_in(["actual", "mixed"]).sum().cast(pl.Int64),
    )
    out = grid.join(counts, on=["region_code", "family"], how="left", nulls_equal=True)
    out = out.with_columns(pl.col("n_target", "n_actual").fill_null(0))
    return out.with_columns(
        evidence=pl.when((pl.col("n_target") > 0) & (pl.col("n_actual") > 0))
        .then(pl.lit("targets_and_actuals"))
        .when(pl.col("n_target") > 0)
        .then(pl.lit("targets_only"))
        .when(pl.col("n_actual") > 0)
        .then(pl.lit("actuals_only"))
        .otherwise(pl.lit("none"))
    )


def plot_gaps(
    observations: Any,
    documents: Any | None = None,
    *,
    families: Sequence[str] = (),
    style: FigureStyle = DEFAULT_STYLE,
) -> Figure:
    """Grid of regions × families coloured by the evidence each has (targets, achievements,
    both, neither), with the counts in each cell. Returns a matplotlib Figure."""
    from matplotlib.patches import Patch, Rectangle

    from fazhi_stats.labels import region_label
    from fazhi_stats.plots._style import OKABE_ITO

    gaps = evidence_gaps(observations, documents, families=families)
    regions = gaps["region_code"].unique(maintain_order=True).to_list()
    colours = {
        "targets_and_actuals": OKABE_ITO["bluish_green"],
        "targets_only": OKABE_ITO["sky_blue"],
        "actuals_only": OKABE_ITO["orange"],
        "none": "#F2F2F2",
    }
    with styled(style):
        fig = new_figure(style.width, 1.6 + 0.55 * len(families), style=style)
        ax = fig.add_subplot()
        lookup = {(r["region_code"], r["family"]): r for r in gaps.iter_rows(named=True)}
        for j, region in enumerate(regions):
            for i, family in enumerate(families):
                row = lookup[(region, family)]
                ax.add_patch(
                    Rectangle((j - 0.48, i - 0.45), 0.96, 0.9, color=colours[row["evidence"]])
                )
                text = (
                    f"目标 {row['n_target']} · 实绩 {row['n_actual']}"
                    if row["evidence"] != "none"
                    else "—"
                )
                ax.text(j, i, text, ha="center", va="center", fontsize=7.5, color="#222222")
        ax.set_xlim(-0.5, len(regions) - 0.5)
        ax.set_ylim(len(families) - 0.5, -0.5)
        ax.set_xticks(
            range(len(regions)),
            [region_label(r, short=True).replace(" / ", "\n") for r in regions],
        )
        ax.xaxis.tick_top()
        ax.set_yticks(range(len(families)), [family_label(f) for f in families])
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        add_title(fig, "谁缺哪类证据 / Which region lacks which evidence", style=style)
        ax.legend(
            handles=[Patch(color=colours[e], label=EVIDENCE_NAMES[e]) for e in EVIDENCE],
            loc="upper left",
            bbox_to_anchor=(0.0, -0.02),
            ncols=2,
        )
        add_note(
            fig,
            "实绩含混合表述（努力、力争）。Achievements include mixed (hedged) statements.",
            style=style,
        )
        finalise(fig)
    return fig
