"""Figures: what they draw, that Chinese renders, and that exported files are byte-stable."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("matplotlib")

import polars as pl

from fazhi_stats import load_documents, load_milestones, load_observations, load_table
from fazhi_stats.compare.intervals import Interval
from fazhi_stats.errors import FazhiError
from fazhi_stats.labels import region_label
from fazhi_stats.plots import (
    attainment_rows,
    coverage_matrix,
    evidence_gaps,
    plot_ambition,
    plot_attainment,
    plot_coverage,
    plot_gaps,
    plot_proportions,
    plot_timeline,
    timeline_events,
    undated_documents,
)
from fazhi_stats.plots.export import FigureExportError, export_figure, figure_bytes
from fazhi_stats.project import Project

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    processed = REPO / "data" / "processed"
    return {
        "observations": load_observations(processed),
        "documents": load_documents(processed),
        "milestones": load_milestones(processed),
        "attainment": load_table("attainment", processed),
        "ambition": load_table("ambition", processed),
        "proportions": load_table("proportions", processed),
    }


STUDY_FAMILIES = Project(REPO).config.families


def _texts(fig: Any) -> str:
    """Every text drawn in a figure (titles, tick labels, annotations, legends)."""
    from matplotlib.text import Text

    return "\n".join(t.get_text() for t in fig.findobj(Text))


def _all_figures(d: dict[str, Any]) -> dict[str, Any]:
    return {
        "coverage": plot_coverage(d["observations"], d["documents"], focus=STUDY_FAMILIES),
        "gaps": plot_gaps(d["observations"], d["documents"], families=STUDY_FAMILIES),
        "timeline": plot_timeline(d["documents"], d["observations"], d["milestones"]),
        "attainment": plot_attainment(d["attainment"]),
        "ambition": plot_ambition(d["ambition"]),
        "proportions": plot_proportions(d["proportions"]),
    }


# -- what the figures draw -------------------------------------------------------------------


def test_coverage_matrix_counts_every_observation(data: dict[str, Any], backend: Any) -> None:
    obs = data["observations"]
    matrix = coverage_matrix(
        backend.frame(obs), backend.frame(data["documents"]), focus=STUDY_FAMILIES
    )
    assert isinstance(matrix, pl.DataFrame)  # a summary for drawing, whatever came in
    assert matrix["family"].to_list()[: len(STUDY_FAMILIES)] == list(STUDY_FAMILIES)
    assert set(matrix.columns[1:]) == set(data["documents"]["document_id"])
    total = sum(matrix[c].sum() for c in matrix.columns[1:])
    assert total == obs.height
    expected = obs.filter(
        (pl.col("family") == "mediation") & (pl.col("document_id") == "jiaocheng-2020-report")
    ).height
    assert matrix.filter(pl.col("family") == "mediation")["jiaocheng-2020-report"][0] == expected


def test_coverage_matrix_of_documents_without_observations(data: dict[str, Any]) -> None:
    # a new study: one plan, no observation yet, no families of its own
    none = data["observations"].head(0)
    documents = data["documents"].head(1)
    matrix = coverage_matrix(none, documents)
    assert matrix.columns == ["family", documents["document_id"][0]]
    assert matrix.height == 0
    focused = coverage_matrix(none, documents, focus=STUDY_FAMILIES)
    assert focused["family"].to_list() == list(STUDY_FAMILIES)
    assert focused[documents["document_id"][0]].sum() == 0


def test_coverage_figure_labels_families_and_documents(data: dict[str, Any], backend: Any) -> None:
    fig = plot_coverage(
        backend.frame(data["observations"]), backend.frame(data["documents"]), focus=STUDY_FAMILIES
    )
    text = _texts(fig)
    assert "调解 / Mediation" in text
    assert "各文件覆盖的指标族 / What each document covers" in text
    heat = fig.axes[1]
    assert len(heat.get_xticklabels()) == data["documents"].height
    assert len(heat.get_yticklabels()) >= len(STUDY_FAMILIES)


def test_attainment_rows_are_the_paired_comparisons(data: dict[str, Any]) -> None:
    att = data["attainment"]
    rows = attainment_rows(att)
    paired = att.filter(
        pl.col("status").is_in(["met", "not_met", "indeterminate", "baseline", "not_comparable"])
    )
    assert rows.height == paired.filter(pl.col("actual_observation_id").is_not_null()).height
    with_gaps = attainment_rows(att, unmatched_families=STUDY_FAMILIES)
    assert with_gaps.height > rows.height
    assert set(with_gaps["status"]) - set(rows["status"]) <= {"no_target", "not_assessed"}


def test_attainment_figure_marks_status_and_proxy(data: dict[str, Any], backend: Any) -> None:
    fig = plot_attainment(backend.frame(data["attainment"]))
    text = _texts(fig)
    assert "实绩对照目标 / Achievements against targets" in text
    broader = data["attainment"].filter(
        (pl.col("status") == "indeterminate") & (pl.col("grade") == "broader")
    )
    assert broader.height >= 1
    flat = text.replace("\n", "")
    assert flat.count("无法判定 / indeterminate（基准 / benchmark） · 范围更宽 / broader") == (
        broader.filter(pl.col("relation") == "cross_region_benchmark").height
    )
    not_comparable = data["attainment"].filter(pl.col("status") == "not_comparable").height
    assert flat.count("不可比 / not comparable（基准 / benchmark） · 目标 / target") == (
        not_comparable
    )
    # a baseline (an own later target) is drawn and says so
    baselines = data["attainment"].filter(pl.col("status") == "baseline").height
    assert flat.count("基线 / baseline") == baselines + 1  # and once in the legend
    # Comparisons through a grade other than "same" are hatched bands.
    indirect = data["attainment"].filter(pl.col("grade").is_in(["broader", "narrower", "proxy"]))
    hatched = [p for ax in fig.axes for p in ax.patches if p.get_hatch()]
    assert len(hatched) == indirect.height


def test_attainment_for_a_region_without_comparisons_says_so(data: dict[str, Any]) -> None:
    fig = plot_attainment(data["attainment"], regions=["000000"])
    assert "No achievements to compare" in _texts(fig)


def test_ambition_draws_every_target_as_a_band(data: dict[str, Any], backend: Any) -> None:
    fig = plot_ambition(backend.frame(data["ambition"]))
    bands = [p for ax in fig.axes for p in ax.patches if p.get_gid()]
    assert len(bands) == data["ambition"].height  # one band per target, its hover id as gid
    text = _texts(fig).replace("\n", "")
    for written in data["ambition"]["as_written"]:
        assert written in text
    training = plot_ambition(data["ambition"], families=["training"])
    panel_titles = [t.get_text() for ax in training.axes for t in ax.texts[:1]]
    assert panel_titles and all("学法培训 / Training" in t for t in panel_titles)


def test_row_charts_keep_their_text_at_phone_width(data: dict[str, Any]) -> None:
    import warnings

    from fazhi_stats.plots import FigureStyle

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a layout that collapses would warn
        for fig in (
            plot_attainment(data["attainment"], style=FigureStyle(width=4.2)),
            plot_ambition(data["ambition"], style=FigureStyle(width=4.2)),
        ):
            fig.canvas.draw()
            width = fig.bbox.width
            for ax in fig.axes:
                for text in ax.texts:
                    box = text.get_window_extent()
                    assert box.x1 <= width + 1, text.get_text()  # nothing runs off the figure


def test_timeline_places_every_dated_item(data: dict[str, Any]) -> None:
    events = timeline_events(data["documents"], data["observations"], data["milestones"])
    dated = data["milestones"].filter(pl.col("deadline").is_not_null()).height
    assert events.filter(pl.col("event") == "milestone")["n"].sum() == dated
    assert set(events["event"]) <= {"document", "issued", "target", "actual", "milestone"}
    undated = undated_documents(data["documents"])
    fig = plot_timeline(data["documents"], data["observations"], data["milestones"])
    text = _texts(fig)
    for document_id in undated:
        assert document_id in text  # named in the note, not silently dropped
    no_year = data["observations"].filter(pl.col("period_start").is_null())
    per_region = no_year.group_by("region_code").len()
    assert per_region.height > 0  # the study has numbers without a year
    for code, n in per_region.iter_rows():
        assert f"{region_label(code)} {n}" in text  # counted in the note, not silently dropped
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert "蕉城区 / Jiaocheng District" in labels


def test_timeline_years_follow_the_data(data: dict[str, Any]) -> None:
    import matplotlib.dates as mdates

    fig = plot_timeline(data["documents"], data["observations"], data["milestones"])
    lo, hi = (mdates.num2date(x).year for x in fig.axes[0].get_xlim())
    years = [
        *data["documents"]["period_start"].drop_nulls(),
        *[d.year for d in data["documents"]["date_issued"].drop_nulls()],
        *[d.year for d in data["milestones"]["deadline"].drop_nulls()],
    ]
    assert lo == min(years)
    assert hi >= max(years)


def test_proportions_draw_each_method_interval(data: dict[str, Any], backend: Any) -> None:
    fig = plot_proportions(backend.frame(data["proportions"]))
    pro = data["proportions"]
    rates = pro.select("rate_indicator_id", "document_id").unique().height
    assert len(fig.axes) == rates
    labels = [t.get_text() for ax in fig.axes for t in ax.get_yticklabels()]
    assert len(labels) == pro.height
    assert any(label.startswith("Clopper–Pearson") for label in labels)
    text = _texts(fig)
    for k, n in pro.select("successes", "trials").unique().iter_rows():
        assert f"k/n = {k}/{n}" in text


def test_evidence_gaps_classify_regions(data: dict[str, Any]) -> None:
    gaps = evidence_gaps(data["observations"], data["documents"], families=STUDY_FAMILIES)
    regions = data["documents"]["region_code"].n_unique()
    assert gaps.height == regions * len(STUDY_FAMILIES)
    row = gaps.filter((pl.col("region_code") == "350902") & (pl.col("family") == "mediation")).row(
        0, named=True
    )
    assert row["n_target"] == 0 and row["n_actual"] > 0 and row["evidence"] == "actuals_only"
    fig = plot_gaps(data["observations"], data["documents"], families=STUDY_FAMILIES)
    assert "谁缺哪类证据 / Which region lacks which evidence" in _texts(fig)


def test_missing_columns_are_named(data: dict[str, Any]) -> None:
    with pytest.raises(FazhiError, match=r"no column\(s\) \['met_lower'\]"):
        plot_attainment(data["attainment"].drop("met_lower"))


def test_intervals_are_read_from_their_numeric_columns(data: dict[str, Any]) -> None:
    row = (
        data["attainment"]
        .filter(
            pl.col("actual_observation_id") == "jiaocheng-2020-report/law_lectures_held_count/1"
        )
        .row(0, named=True)
    )
    span = Interval.from_row(row, "actual")
    assert span is not None
    assert (span.lower, span.lower_closed, span.upper) == (60.0, False, float("inf"))
    assert Interval.from_row({"actual_lower": None}, "actual") is None


# -- Chinese text renders ----------------------------------------------------------------------


def test_a_missing_glyph_fails_the_export(tmp_path: Path) -> None:
    import matplotlib as mpl
    from matplotlib.figure import Figure

    with mpl.rc_context({"font.family": ["DejaVu Sans"]}):
        fig = Figure()
        fig.add_subplot().set_title("调解成功率")
    with pytest.raises(FigureExportError, match="missing from font"):
        export_figure(fig, tmp_path / "broken")
    assert list(tmp_path.iterdir()) == []  # nothing half-written


# -- deterministic files -----------------------------------------------------------------------


def test_exports_are_byte_identical_across_builds(data: dict[str, Any], tmp_path: Path) -> None:
    first = export_figure(plot_attainment(data["attainment"]), tmp_path / "a" / "attainment")
    second = export_figure(plot_attainment(data["attainment"]), tmp_path / "b" / "attainment")
    assert [p.suffix for p in first] == [".svg", ".png"]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_exports_carry_no_date_or_software(data: dict[str, Any]) -> None:
    fig = plot_coverage(data["observations"], data["documents"], focus=STUDY_FAMILIES)
    svg = figure_bytes(fig, "svg").decode("utf-8")
    assert "<dc:date>" not in svg and "Matplotlib" not in svg
    png = figure_bytes(fig, "png")
    chunks = re.findall(rb"tEXt(\w+)\x00", png)
    assert b"Software" not in chunks
    assert b"Creation Time" not in chunks


def test_every_figure_draws_the_same_from_pandas_tables() -> None:
    processed = REPO / "data" / "processed"
    as_pandas = {
        "observations": load_observations(processed, backend="pandas"),
        "documents": load_documents(processed, backend="pandas"),
        "milestones": load_milestones(processed, backend="pandas"),
        "attainment": load_table("attainment", processed, backend="pandas"),
        "ambition": load_table("ambition", processed, backend="pandas"),
        "proportions": load_table("proportions", processed, backend="pandas"),
    }
    as_polars = {
        name: load_table(name, processed)
        for name in (
            "observations",
            "documents",
            "milestones",
            "attainment",
            "ambition",
            "proportions",
        )
    }
    from_pandas, from_polars = _all_figures(as_pandas), _all_figures(as_polars)
    for name, fig in from_pandas.items():
        # the same labels: no "2020.0", no missing rows
        assert _texts(fig) == _texts(from_polars[name]), name
        assert ".0–" not in _texts(fig) and "2020.0" not in _texts(fig), name
