"""Build stage ``report``: the study's figures and tables, made only from ``data/processed``.

Writes ``reports/figures/<name>.svg`` and ``.png`` (deterministic bytes, see
:mod:`fazhi_stats.plots.export`) and ``reports/tables/<name>.html`` (great_tables, each number with
its quote). Within a build it writes into the staged output directories, so a failure leaves the
previous figures and tables in place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fazhi_stats.build.stage import Stage
from fazhi_stats.config import StudyConfig
from fazhi_stats.io import atomic_write_bytes
from fazhi_stats.project import Project
from fazhi_stats.study.facts import Study, load_study


def _figures() -> dict[str, Callable[[Study], Any]]:
    from fazhi_stats import plots

    return {
        "coverage": lambda i: plots.plot_coverage(i.observations, i.documents, focus=i.families),
        "gaps": lambda i: plots.plot_gaps(i.observations, i.documents, families=i.families),
        "timeline": lambda i: plots.plot_timeline(i.documents, i.observations, i.milestones),
        "ambition": lambda i: plots.plot_ambition(
            i.ambition, focus=i.families, settings=i.settings
        ),
        "attainment": lambda i: plots.plot_attainment(i.attainment, focus=i.families),
        "proportions": lambda i: plots.plot_proportions(i.proportions),
    }


def _tables() -> dict[str, tuple[str, Callable[[Study], Any]]]:
    from fazhi_stats import tables

    return {
        "observations": (
            "观测 / Observations",
            lambda i: tables.table_observations(i.observations),
        ),
        "attainment": (
            "实绩对照目标 / Achievements against targets",
            lambda i: tables.table_attainment(i.attainment, i.observations),
        ),
        "ambition": (
            "目标 / Targets",
            lambda i: tables.table_ambition(i.ambition, settings=i.settings),
        ),
        "consistency": (
            "比率与计数的一致性 / Consistency of rates and counts",
            lambda i: tables.table_consistency(i.consistency, i.observations),
        ),
        "proportions": (
            "比率的置信区间 / Confidence intervals of rates",
            lambda i: tables.table_proportions(i.proportions, i.observations),
        ),
        "documents": ("文件 / Documents", lambda i: tables.table_documents(i.documents)),
        "coverage": (
            "各文件覆盖的指标族 / Coverage",
            lambda i: tables.table_coverage(i.observations, i.documents, focus=i.families),
        ),
        "gaps": (
            "证据缺口 / Gaps in the evidence",
            lambda i: tables.table_gaps(i.observations, i.documents, families=i.families),
        ),
        "milestones": ("期限 / Deadlines", lambda i: tables.table_milestones(i.milestones)),
        "codebook": ("数据字典 / Codebook", lambda i: tables.table_codebook(i.datapackage)),
    }


def render_figures(inputs: Study) -> dict[str, bytes]:
    """Every figure as SVG and PNG bytes, by file name."""
    from fazhi_stats.plots.export import DEFAULT_EXPORT, FigureExportError, figure_bytes

    rendered: dict[str, bytes] = {}
    for name, build in _figures().items():
        try:
            fig = build(inputs)
            for fmt in DEFAULT_EXPORT.formats:
                rendered[f"{name}.{fmt}"] = figure_bytes(fig, fmt)
        except FigureExportError as exc:
            raise FigureExportError(f"figure {name!r}: {exc}") from exc
    return rendered


def render_tables(inputs: Study) -> dict[str, bytes]:
    """Every table as a standalone HTML page, by file name."""
    from fazhi_stats.tables.study_tables import table_html

    return {
        f"{name}.html": table_html(build(inputs), title=title).encode("utf-8")
        for name, (title, build) in _tables().items()
    }


@dataclass(frozen=True)
class Report:
    figures: dict[str, bytes]
    tables: dict[str, bytes]


class ReportStage(Stage[Study, Report]):
    name = "report"
    description = "figures (SVG, PNG) and tables (HTML) from the processed data"
    after = "compare"

    def inputs(self, project: Project) -> list[Path]:
        from fazhi_stats.schema.processed import TABLES

        return [project.processed_dir / t.path for t in TABLES.values()]

    def load(self, project: Project) -> Study:
        require_study_extra()
        return load_study(project)

    def process(self, data: Study, config: StudyConfig) -> Report:
        return Report(render_figures(data), render_tables(data))

    def save(self, result: Report, project: Project) -> list[Path]:
        written = []
        for directory, files in (
            (project.figures_dir, result.figures),
            (project.tables_dir, result.tables),
        ):
            for name, data in files.items():
                atomic_write_bytes(directory / name, data)
                written.append(directory / name)
        return written


def require_study_extra(*modules: str) -> None:
    """Raise a FazhiError naming the install command when figures, tables or the site cannot
    be made here (``modules``: only these; default: the whole site extra)."""
    import importlib.util

    from fazhi_stats.errors import FazhiError
    from fazhi_stats.extras import EXTRAS, require_extra

    if not modules:
        require_extra("site", "figures, tables and the site")
        return
    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        extra = "plots" if set(missing) <= set(EXTRAS["plots"]) else "site"
        raise FazhiError(
            f"figures, tables and the site need {', '.join(missing)}: "
            f"pip install 'fazhi-stats[{extra}]' (in this repository: uv sync --all-extras)"
        )
