"""What a page of the study's site calls: one object, one method per cell or sentence.

A page opens the study once (``p = study_page()``) and every cell or inline expression after
that is one call: ``p.headline("zh")``, ``p.figure("attainment")``, ``p.table("plans")``,
``p.answer("gaps", "en")``. Links are made relative to the page being rendered, titles and
region lists come from ``study.yml`` and the data, so the same page serves any study.

>>> p = study_page()                                  # doctest: +SKIP
>>> print(p.headline("en"))                           # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from fazhi_stats.labels import region_names
from fazhi_stats.study.answers import PageAnswers
from fazhi_stats.study.facts import Study, load_study
from fazhi_stats.study.figures import HTMLBlock, figure
from fazhi_stats.study.formatting import Markdown, md, num
from fazhi_stats.study.links import md_link, plans_section
from fazhi_stats.study.prose import (
    Lang,
    StudyProse,
    join,
    noun,
    plural,
    unclassified_part,
    verb,
)
from fazhi_stats.study.report_text import ReportText
from fazhi_stats.vocabulary import KINDS

#: English words (one, many) of each observation kind, as the counts on the pages read.
KIND_WORDS = {
    "target": ("target", "targets"),
    "actual": ("achievement", "achievements"),
    "mixed": ("hedged statement", "hedged statements"),
    "baseline": ("value before the reform", "values before the reform"),
}


@dataclass(frozen=True)
class StudyPage:
    """The study as one page shows it."""

    study: Study

    @cached_property
    def prose(self) -> StudyProse:
        return StudyProse(self.study)

    @cached_property
    def answers(self) -> PageAnswers:
        return PageAnswers(self.study)

    @cached_property
    def report(self) -> ReportText:
        return ReportText(self.study)

    # -- titles ----------------------------------------------------------------------------

    def title(self) -> Markdown:
        """The study's title from ``study.yml`` (``未命名研究 / Untitled study`` without one)."""
        return Markdown(md(self.study.config.title or "未命名研究 / Untitled study"))

    def regions(self, lang: Lang) -> Markdown:
        """The regions the study compares, each linked to its profile."""
        from fazhi_stats.study.argument import study_regions

        codes = study_regions(self.study)
        if not codes:
            return Markdown("（尚无地区）" if lang == "zh" else "(no region yet)")
        return Markdown(join([self.prose.region(c, lang) for c in codes], lang))

    def lead(self) -> Markdown:
        """The study's title and subtitle (``study.yml``), or its regions, as a lead line."""
        config = self.study.config
        subtitle = " / ".join(t for t in (config.subtitle_zh, config.subtitle_en) if t)
        second = md(subtitle) if subtitle else f"{self.regions('zh')} / {self.regions('en')}"
        return Markdown(f"**{self.title()}** — {second}")

    # -- the argument -------------------------------------------------------------------------

    def headline(self, lang: Lang) -> Markdown:
        return self.prose.headline(lang)

    def part(self, name: str, lang: Lang) -> Markdown:
        """One part of the argument: own_targets, benchmarks, plans, consistency, missing."""
        if self.study.is_empty:
            return self.prose.empty(lang)
        make = {
            "own_targets": self.prose.own_targets,
            "benchmarks": self.prose.benchmarks,
            "plans": self.prose.plans,
            "consistency": self.prose.consistency,
            "missing": self.prose.missing,
        }[name]
        return make(lang)

    def answer(self, page: str, lang: Lang) -> Markdown:
        return self.answers.answer(page, lang)

    def glance(self) -> Markdown:
        """The study's counts as a list, each linked to where they are listed."""
        s, links = self.study, self.study.links
        docs = (
            f"文件 / Documents: {md_link(num(s.n_documents), links.to('reports/sources.qmd'))}, "
            f"from {plural(s.n_regions, 'region', count=md_link(num(s.n_regions), links.to('reports/regions.qmd')))}"
        )
        if s.n_documents_unknown_region:
            docs += f" and {num(s.n_documents_unknown_region)} of unknown region"
        years = s.period_range
        if years:
            span = f"{years[0]}–{years[1]}" if years[0] != years[1] else str(years[0])
            docs += f"; their periods cover {span}"
            if s.n_undated_documents:
                docs += f" ({plural(s.n_undated_documents, 'document')} undated)"
        kinds = [f"{plural(n, *KIND_WORDS[k])} ({KINDS[k].zh})" for k, n in s.kind_counts().items()]
        numbers = (
            f"数字 / Numbers: {md_link(num(s.n_observations), links.analysis('coverage'))} "
            f"{noun(s.n_observations, 'observation')}"
        )
        if kinds:
            numbers += " — " + ", ".join(kinds)
        if s.n_unclassified:
            k = s.n_unclassified
            numbers += (
                f"; {unclassified_part(k, s.n_observations, 'en')} (未归类: no registry "
                "indicator; never compared)"
            )
        if s.n_milestones:
            numbers += (
                f" — and {md_link(num(s.n_milestones), links.analysis('timeline'))} "
                f"{noun(s.n_milestones, 'deadline')} without a number (期限)"
            )
        items = [
            docs,
            numbers,
            f"承诺 / Commitments of plans: "
            f"{md_link(num(s.commitments.height), links.analysis('ambition', plans_section()))}",
            f"指标 / Indicators in the registry: {md_link(num(self.n_indicators), links.to('reports/registry.qmd'))}",
        ]
        return Markdown("\n".join(f"- {i}" for i in items))

    @property
    def n_indicators(self) -> int:
        from fazhi_stats.registry import load_indicators

        return len(load_indicators())

    # -- figures and tables ---------------------------------------------------------------------

    def figure(self, name: str) -> HTMLBlock:
        return figure(self.study, name)

    def table(self, name: str, *, explained: bool = False) -> Any:
        """A table of the study with this page's links (or a sentence when it has no rows;
        nothing when ``explained``: the page's prose says already why it is empty)."""
        from fazhi_stats import tables
        from fazhi_stats.study.argument import plan_profiles
        from fazhi_stats.study.profiles import region_index

        s, links = self.study, self.study.links
        makers: dict[str, Any] = {
            "documents": lambda: tables.table_documents(s.documents, links=links),
            "observations": lambda: tables.table_observations(s.observations, links=links),
            "attainment": lambda: tables.table_attainment(
                s.attainment, s.observations, links=links
            ),
            "unmatched": lambda: tables.table_attainment(
                s.attainment,
                s.observations,
                statuses=("no_target", "not_assessed"),
                links=links,
                table_id="unmatched",
            ),
            "untested": lambda: tables.table_attainment(
                s.attainment,
                s.observations,
                statuses=("no_actual",),
                links=links,
                table_id="untested",
            ),
            "ambition": lambda: tables.table_ambition(s.ambition, settings=s.settings, links=links),
            "consistency": lambda: tables.table_consistency(
                s.consistency, s.observations, links=links
            ),
            "proportions": lambda: tables.table_proportions(
                s.proportions, s.observations, links=links
            ),
            "coverage": lambda: tables.table_coverage(
                s.observations, s.documents, focus=s.families
            ),
            "gaps": lambda: tables.table_gaps(
                s.observations, s.documents, families=s.families_shown, links=links
            ),
            "milestones": lambda: tables.table_milestones(s.milestones, links=links),
            "plans": lambda: tables.table_plan_profiles(plan_profiles(s).profile, links=links),
            "statuses": lambda: tables.table_statuses(s.attainment, s.consistency),
            "grades": lambda: tables.table_grades(s.attainment),
            "indicators": lambda: tables.table_indicators(s.observations, links=links),
            "codebook": lambda: tables.table_codebook(s.datapackage),
            "downloads": lambda: tables.table_downloads(
                s.datapackage, base=links.to("data/processed/")
            ),
            "regions": lambda: tables.table_regions(region_index(s), links=links),
        }
        rows = {
            "documents": s.documents.height,
            "observations": s.observations.height,
            "ambition": s.ambition.height,
            "consistency": s.consistency.height,
            "proportions": s.proportions.height,
            "milestones": s.milestones.height,
            "plans": s.commitments.height,
            "coverage": s.observations.height,
            "gaps": s.documents.height,
            "attainment": s.attainment.height,
            "unmatched": s.attainment.height,
            "untested": s.attainment.height,
            "regions": s.documents.height + len(s.config.regions),
        }
        reason = self.empty_table(name)
        if reason is None and rows.get(name, 1) == 0:
            reason = Markdown("暂无数据。/ No data yet.")
        if reason is not None:
            return Markdown("") if explained else reason
        return makers[name]()

    def empty_table(self, name: str) -> Markdown | None:
        """Why a table of comparisons or plans has no row, in both languages (None when it
        has rows, or is not one of them)."""
        import polars as pl

        from fazhi_stats.study.prose import PLAN_KINDS
        from fazhi_stats.tables.comparisons import PAIRED

        s = self.study
        shown = {
            "attainment": PAIRED,
            "unmatched": ("no_target", "not_assessed"),
            "untested": ("no_actual",),
        }
        if name == "plans":
            if s.commitments.height or s.is_empty:
                return None
            if s.n_doc_kind(*PLAN_KINDS) == 0:
                return Markdown(
                    "本研究没有计划类文件（计划、方案、工作安排）。/ The study holds no plans "
                    "(plans, programmes or work points)."
                )
            return Markdown("计划中没有承诺。/ The plans hold no commitment.")
        if name not in shown or s.is_empty:
            return None
        if s.attainment.filter(pl.col("status").is_in(list(shown[name]))).height:
            return None
        achievements = s.n_classified_kind("actual", "mixed")
        targets = s.n_classified_kind("target")
        k = s.n_unclassified
        if s.n_classified == 0:
            zh = f"本研究的 {num(k)} 个数字都未归类（没有登记表指标），没有可对照的数字。"
            en = (
                f"No number is classified: the study's {plural(k, 'number')} "
                f"{verb(k, 'has', 'have')} no registry indicator, so nothing is compared."
            )
        elif name == "attainment":
            if achievements == 0 or targets == 0:
                zh = f"已归类的实绩有 {num(achievements)} 个、目标有 {num(targets)} 个，没有可对照的组合。"
                en = (
                    f"The study holds {plural(achievements, 'classified achievement')} and "
                    f"{plural(targets, 'classified target')}, so no pair can be compared."
                )
            else:
                zh = "没有一个实绩有同一或可比指标的目标。"
                en = "No achievement has a target of the same or a comparable indicator."
        elif name == "unmatched":
            if achievements == 0:
                zh, en = "没有已归类的实绩。", "The study holds no classified achievement."
            else:
                zh = f"{num(achievements)} 个已归类的实绩都有可比的目标。"
                en = (
                    f"{'The one classified achievement has' if achievements == 1 else f'All {num(achievements)} classified achievements have'} "
                    "a comparable target."
                )
        else:
            if targets == 0:
                zh, en = "没有已归类的目标。", "The study holds no classified target."
            else:
                zh = f"{num(targets)} 个已归类的目标都有可检验它的实绩。"
                en = (
                    f"{'The one classified target has' if targets == 1 else f'All {num(targets)} classified targets have'} "
                    "an achievement that can test it."
                )
        if k and s.n_classified:
            zh += f"另有 {num(k)} 个未归类的数字，从不对照。"
            en += f" {plural(k, 'unclassified number')} {verb(k, 'is', 'are')} never compared."
        return Markdown(f"{zh} / {en}")

    def file_list(self, folder: str) -> Markdown:
        """Links to the files of ``reports/figures`` or ``reports/tables``, one line each."""
        directory = self.study.root / "reports" / folder
        files = (
            sorted(p.name for p in directory.glob("*") if p.is_file()) if directory.is_dir() else []
        )
        if not files:
            return Markdown("暂无文件。/ No files yet.")
        links = self.study.links
        return Markdown(
            " · ".join(md_link(md(name), links.to(f"reports/{folder}/{name}")) for name in files)
        )

    # -- the report's method, findings and end matter ------------------------------------------

    def method(self, name: str, lang: Lang) -> Markdown:
        """A method paragraph: normalisation, intervals, comparability, counts_first."""
        return {
            "normalisation": self.report.normalisation,
            "intervals": self.report.intervals,
            "comparability": self.report.comparability,
            "counts_first": self.report.counts_first,
        }[name](lang)

    def findings(self) -> Markdown:
        """A section per family of the study (its own families, else those with numbers):
        targets, achievements and comparisons, in both languages."""
        from fazhi_stats.labels import family_label

        families = list(self.study.families) or sorted(
            set(self.study.observations["family"].to_list())
        )
        if self.study.is_empty or not families:
            return self.prose.empty("zh")
        parts = []
        for family in families:
            parts.append(
                f"### {family_label(family)}\n\n{self.report.family(family, 'zh')}\n\n"
                f"{self.report.family(family, 'en')}\n"
            )
        return Markdown("\n".join(parts))

    def limitations(self, lang: Lang) -> Markdown:
        if self.study.is_empty:
            return self.prose.empty(lang)
        return self.report.limitations(lang)

    def citation(self) -> Markdown:
        return self.report.citation()

    def colophon(self) -> Markdown:
        """Versions and the hashes of the lockfile and of every processed file."""
        from fazhi_stats.study.facts import colophon

        info = colophon(self.study)
        lines = [
            f"- fazhi_stats `{info.package_version}`, Python `{info.python_version}`.",
            f"- 锁定文件 / Lockfile `uv.lock` SHA-256: `{info.lockfile_sha256 or '–'}`.",
            f"- 输入 / Inputs: {num(info.n_inputs)} raw documents and annotation files, hashed "
            "in `datapackage.json`.",
            *(f"- `{path}`: `{digest}`" for path, digest in info.data),
        ]
        return Markdown("\n".join(lines))

    def extraction(self) -> Markdown:
        """The extractor's quality against the curated observations, if it was evaluated, and
        on the development set, if the study has one."""
        return Markdown(self._annotation_quality() + self._development_quality())

    def _annotation_quality(self) -> str:
        from fazhi_stats.study.facts import extraction_quality

        q = extraction_quality(self.study)
        if q is None:
            return (
                "抽取器尚未评估 / The extractor has **not yet been evaluated**: run "
                "`fazhi-stats evaluate` to write `reports/tables/extraction_quality.csv`."
            )
        curated = self.study.n_curated
        n = self.study.n_observations
        if curated == 0:
            return (
                f"抽取器的质量无从衡量：本研究的 {num(n)} 个观测都是抽取器的原样提议或未归类的数字，"
                "没有人工核对过的观测可作对照。/ The extractor's quality cannot be measured here: "
                f"{'the one observation is' if n == 1 else f'all {num(n)} observations are'} "
                "the extractor's own proposals as drafted, or unclassified, so no curated "
                "observation exists to measure it against."
            )

        def f(key: str, decimals: int | None = None) -> str:
            value = q.get(key)
            return num(float(value), decimals) if value not in (None, "") else "–"

        link = md_link("per document", self.study.links.to("reports/tables/extraction_quality.csv"))
        return (
            f"自动抽取器对照人工标注 / The rule-based extractor, checked against the "
            f"{f('annotations')} curated observations, proposed {f('claims')} numeric claims and "
            f"matched {f('matched')}: precision {f('precision', 2)}, recall {f('recall', 2)}, "
            f"kind accuracy {f('kind_accuracy', 2)}, indicator accuracy "
            f"{f('indicator_accuracy', 2)} ({link}). These figures are measured on the curated "
            "documents themselves; the analysis uses the curated observations, not the "
            "extractor's output."
            + (
                f" {num(n - curated)} of the {num(n)} observations are still the extractor's "
                "proposals as drafted or unclassified, which flatters these figures."
                if curated < n
                else ""
            )
        )

    def _development_quality(self) -> str:
        """A paragraph on the development set's figures, when the build scored it (after the
        study's own)."""
        from fazhi_stats.study.facts import extraction_quality

        table = "extraction_quality_development.csv"
        d = extraction_quality(self.study, table)
        if d is None:
            return ""

        def f(key: str) -> str:
            value = d.get(key)
            return num(float(value), 2) if value not in (None, "") else "–"

        link = md_link("per text", self.study.links.to(f"reports/tables/{table}"))
        return (
            f"\n\n在其他政府的 {num(int(d['texts']))} 份真实文本上（开发集：每个数字都经人工标注，"
            f"{num(int(d['annotations']))} 个声明），精确率 {f('precision')}，召回率 "
            f"{f('recall')}。/ On {num(int(d['texts']))} real texts of other governments (the "
            f"development set, every numeric token labelled by hand: {num(int(d['annotations']))}"
            f" claims), the extractor proposed {num(int(d['claims']))} claims and matched "
            f"{num(int(d['matched']))}: precision {f('precision')}, recall {f('recall')}, kind "
            f"accuracy {f('kind_accuracy')}, year accuracy {f('year_accuracy')}, family "
            f"accuracy {f('family_accuracy')} ({link}). The rules were developed on these "
            "texts: they show how the extractor reads the genre, not held-out quality."
        )

    def licences(self) -> Markdown:
        lines = [
            f"- {md(str(x.get('title')))} (<{x.get('path')}>)"
            for x in self.study.datapackage.get("licenses", [])
        ]
        return Markdown("\n".join(lines))

    # -- the region named in a sentence -------------------------------------------------------

    def region_name(self, code: str | None, lang: Lang) -> Markdown:
        zh, en = region_names(code)
        return Markdown(md_link(md(zh if lang == "zh" else en), self.study.links.region(code)))


def study_page(path: str | Path | None = None) -> StudyPage:
    """The study around the working directory (or at ``path``), as the page being rendered
    shows it (links relative to that page)."""
    return StudyPage(load_study(path))
