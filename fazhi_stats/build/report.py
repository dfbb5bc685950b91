"""Build stage ``report``: the study's figures and tables, made only from ``data/processed``.

Writes every figure of :data:`fazhi_stats.study.figures.FIGURES` as ``reports/figures/<name>.svg``,
``.png``, ``-phone.svg``, ``-phone.png`` and ``.csv`` (its data; deterministic bytes, see
:mod:`fazhi_stats.plots.export`) and ``reports/tables/<name>.html`` (great_tables, each number
linked to its sentence). Within a build it writes into the staged output directories, so a failure leaves the
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
from fazhi_stats.study.figures import FILE_LINKS, figure_files


def _tables() -> dict[str, tuple[str, Callable[[Study], Any]]]:
    from fazhi_stats import tables
    from fazhi_stats.study.argument import plan_profiles

    links = FILE_LINKS  # the table files sit in reports/tables/
    return {
        "observations": (
            "观测 / Observations",
            lambda i: tables.table_observations(i.observations, links=links),
        ),
        "attainment": (
            "实绩对照目标 / Achievements against targets",
            lambda i: tables.table_attainment(i.attainment, i.observations, links=links),
        ),
        "ambition": (
            "目标 / Targets",
            lambda i: tables.table_ambition(i.ambition, settings=i.settings, links=links),
        ),
        "consistency": (
            "比率与计数的一致性 / Consistency of rates and counts",
            lambda i: tables.table_consistency(i.consistency, i.observations, links=links),
        ),
        "proportions": (
            "比率的置信区间 / Confidence intervals of rates",
            lambda i: tables.table_proportions(i.proportions, i.observations, links=links),
        ),
        "documents": (
            "文件 / Documents",
            lambda i: tables.table_documents(i.documents, links=links),
        ),
        "coverage": (
            "各文件覆盖的指标族 / Coverage",
            lambda i: tables.table_coverage(i.observations, i.documents, focus=i.families),
        ),
        "gaps": (
            "证据缺口 / Gaps in the evidence",
            lambda i: tables.table_gaps(
                i.observations, i.documents, families=i.families, links=links
            ),
        ),
        "milestones": (
            "期限 / Deadlines",
            lambda i: tables.table_milestones(i.milestones, links=links),
        ),
        "codebook": ("数据字典 / Codebook", lambda i: tables.table_codebook(i.datapackage)),
        "plans": (
            "计划的具体程度 / How specific the plans are",
            lambda i: tables.table_plan_profiles(plan_profiles(i).profile, links=links),
        ),
        "commitments": (
            "计划的承诺 / Commitments of the plans",
            lambda i: tables.table_commitments(i.commitments, links=links),
        ),
        "statuses": (
            "判定及其规则 / Statuses and their rules",
            lambda i: tables.table_statuses(i.attainment, i.consistency),
        ),
        "indicators": (
            "指标登记表 / Indicator registry",
            lambda i: tables.table_indicators(i.observations, links=links),
        ),
    }


def render_figures(inputs: Study) -> dict[str, bytes]:
    """Every figure's files (SVG, PNG, desktop and phone, its data as CSV), by file name."""
    return figure_files(inputs)


def render_tables(inputs: Study) -> dict[str, bytes]:
    """Every table as a standalone HTML page, by file name (in ``reports/tables/`` of the site,
    with links back to its home and data pages)."""
    from fazhi_stats.tables import table_html

    links = (("../../index.html", "首页 / Home"), ("../data.html", "数据 / Data"))
    return {
        f"{name}.html": table_html(
            build(inputs), title=title, links=links, stylesheet="../../styles.css"
        ).encode("utf-8")
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
        return load_study(project, base="")

    def process(self, data: Study, config: StudyConfig) -> Report:
        return Report(render_figures(data), render_tables(data))

    def save(self, result: Report, project: Project) -> list[Path]:
        written = []
        for directory, files, suffixes in (
            (project.figures_dir, result.figures, (".svg", ".png", ".csv")),
            (project.tables_dir, result.tables, (".html",)),
        ):
            directory.mkdir(parents=True, exist_ok=True)
            for old in directory.iterdir():  # a figure or table this build no longer makes
                if old.is_file() and old.suffix in suffixes and old.name not in files:
                    old.unlink()
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
