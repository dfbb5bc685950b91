"""The "Toward a composite" page: its sentences and tables, computed from :mod:`composite`.

Every paragraph of the page is a method here, so a count of zero or one reads as it should
("no year", "1 region") and an empty panel is a sentence saying why it is empty, never a
header-only table.

>>> from fazhi_stats.study import load_study                      # doctest: +SKIP
>>> print(CompositePage(load_study()).panel("en"))                # doctest: +SKIP
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from fazhi_stats.labels import doc_kind_label
from fazhi_stats.study.composite import CompositeFacts, composite_facts
from fazhi_stats.study.facts import Study
from fazhi_stats.study.figures import HTMLBlock
from fazhi_stats.study.formatting import Markdown, md, num
from fazhi_stats.study.prose import Lang, plural, verb, years_phrase


def interval(lower: float | None, upper: float | None, lower_open: bool, upper_open: bool) -> str:
    """``[4, +inf)``: an interval with the page's number format.

    >>> interval(487000000.0, None, False, True), interval(60.0, 60.0, True, False)
    ('[487,000,000, +inf)', '(60, 60]')
    """
    lo = "-inf" if lower is None else num(lower)
    hi = "+inf" if upper is None else num(upper)
    return f"{'(' if lower_open or lower is None else '['}{lo}, {hi}{')' if upper_open or upper is None else ']'}"


@dataclass(frozen=True)
class CompositePage:
    """What the composite page says about one study."""

    study: Study

    @cached_property
    def facts(self) -> CompositeFacts:
        s = self.study
        return composite_facts(s.observations, s.documents, settings=s.settings)

    # -- sentences ---------------------------------------------------------------------------

    def question(self, lang: Lang) -> Markdown:
        n = self.facts.documents.height
        if lang == "zh":
            return Markdown(
                f"本研究的 {num(n)} 份文件能否支撑一个跨地区、跨年份的法治政府综合指数？"
            )
        return Markdown(
            f"Could the study's {plural(n, 'document')} support a composite index of rule-of-law "
            "government across regions and years — and if not, what would one need?"
        )

    def panel(self, lang: Lang) -> Markdown:
        """The panel of achievements in numbers, or why it is empty."""
        f = self.facts
        left_out = f.excluded("kind not selected")
        if f.n_rows == 0:
            zh, en = f.empty_reason
            return Markdown(
                f"实绩面板（地区 × 年份 × 指标）没有一行：{zh}。"
                if lang == "zh"
                else f"The panel of achievements (region × year × indicator) has no row: {en}."
            )
        years = years_phrase(f.years, lang)
        if lang == "zh":
            text = (
                f"实绩面板（地区 × 年份 × 指标，每个数值是一个区间）共有 {num(f.n_rows)} 行："
                f"{num(f.n_regions)} 个地区、{num(len(f.years))} 个年份（{years} 年）、"
                f"{num(f.n_indicators)} 个指标。"
            )
            if f.n_disagreements:
                text += f"{num(f.n_disagreements)} 个单元格由互不一致的观测合并而成（所有观测编号都保留，单元格加标记）。"
            if left_out:
                text += f"{num(left_out)} 个观测不是实绩（目标、混合表述或原值），不进入实绩面板。"
            return Markdown(text)
        text = (
            f"The panel of achievements (region × year × indicator, each value an interval) has "
            f"{plural(f.n_rows, 'row')}: {plural(f.n_regions, 'region')}, "
            f"{plural(len(f.years), 'year')} ({years}) and {plural(f.n_indicators, 'indicator')}."
        )
        if f.n_disagreements:
            text += (
                f" {plural(f.n_disagreements, 'cell')} {verb(f.n_disagreements, 'combines', 'combine')} "
                "observations that disagree (every id is kept and the cell is flagged)."
            )
        if left_out:
            text += (
                f" {plural(left_out, 'observation')} {verb(left_out, 'is not an achievement', 'are not achievements')} "
                f"(a target, a hedged statement or a value before the reform) and "
                f"{verb(left_out, 'stays', 'stay')} out of the achievements panel."
            )
        return Markdown(text)

    def targets(self, lang: Lang) -> Markdown:
        """The panel of targets (plan periods expanded to their years)."""
        f = self.facts
        if f.n_target_rows == 0:
            return Markdown(
                "本研究没有可放进面板的目标（没有已归类、带地区和年份的目标）。"
                if lang == "zh"
                else "The study has no target that fits a panel (a classified target with a "
                "region and a year)."
            )
        if lang == "zh":
            return Markdown(
                f"把计划的时期展开到每一年后，目标面板有 {num(f.n_target_rows)} 行，分布在 "
                f"{num(f.n_target_regions)} 个地区、{num(f.n_target_years)} 个年份；任何一年里两个地区"
                f"共有的目标指标最多 {num(f.max_shared_targets)} 个。"
            )
        return Markdown(
            f"With each plan's period expanded to its years, the panel of targets has "
            f"{plural(f.n_target_rows, 'row')} over {plural(f.n_target_regions, 'region')} and "
            f"{plural(f.n_target_years, 'year')}. The most target indicators two regions share in "
            f"any one year: {num(f.max_shared_targets)}."
        )

    def scores(self, lang: Lang) -> Markdown:
        """How many achievements a min–max normalisation by year can score, and why not the
        others."""
        f = self.facts
        zh = lang == "zh"
        if f.n_rows == 0:
            return Markdown(
                "面板没有实绩，无从标准化。"
                if zh
                else "With no achievement in the panel, there is nothing to normalise."
            )
        notes = sorted(f.score_notes().items())
        if zh:
            text = (
                f"按年做 min–max 标准化时，{num(f.n_rows)} 个实绩中有得分的是 {num(f.n_scored)} 个"
            )
            if notes:
                text += "；" + "；".join(f"{num(n)} 个注明“{md(note)}”" for note, n in notes)
            text += f"。同年两个地区共有的实绩指标最多 {num(f.max_shared)} 个。"
            return Markdown(text)
        text = (
            f"Normalised by year with min–max, {num(f.n_scored)} of the "
            f"{plural(f.n_rows, 'achievement')} {verb(f.n_scored, 'gets', 'get')} a score"
        )
        if notes:
            text += "; " + "; ".join(
                f"{num(n)} {verb(n, 'carries', 'carry')} the note “{md(note)}”" for note, n in notes
            )
        text += (
            f". The most achievement indicators two regions share in any one year: "
            f"{num(f.max_shared)}."
        )
        return Markdown(text)

    def refusal(self, lang: Lang) -> Markdown:
        """What the uncertainty analysis says on these data."""
        f = self.facts
        if f.refusal is None:
            return Markdown(
                "不确定性分析（`rank_uncertainty`）可以在这些数据上运行。"
                if lang == "zh"
                else "The uncertainty analysis (`rank_uncertainty`) runs on these data."
            )
        if f.n_rows == 0:
            zh, en = f.empty_reason
            reason = zh if lang == "zh" else en
        else:
            reason = md(f.refusal)
        if lang == "zh":
            return Markdown(f"不确定性分析（`rank_uncertainty`）在这些数据上拒绝运行：{reason}。")
        return Markdown(
            f"The uncertainty analysis (`rank_uncertainty`) refuses to run on these data: {reason}."
        )

    # -- tables --------------------------------------------------------------------------------

    def _table(
        self,
        rows: list[dict[str, str]],
        labels: dict[str, str],
        table_id: str,
        html_columns: tuple[str, ...] = (),
    ) -> HTMLBlock:
        from fazhi_stats.tables._build import display_frame, new_table

        frame = display_frame(rows, list(labels))
        return HTMLBlock(new_table(frame, table_id, labels, html_columns).as_raw_html())

    def panel_table(self) -> HTMLBlock | Markdown:
        """The panel's rows (region, year, indicator, the values allowed, the observations)."""
        from fazhi_stats.tables._build import indicator_cell, linked, region_cell

        f, links = self.facts, self.study.links
        if f.n_rows == 0:
            zh, en = f.empty_reason
            return Markdown(f"面板没有行：{zh}。/ The panel has no row: {en}.")
        rows = []
        for r in f.achievements.sort("region_code", "year", "indicator_id").iter_rows(named=True):
            ids = [i for i in str(r["observation_ids"] or "").split(";") if i]
            sources = "<br>".join(linked(i, links.source(i.split("/", 1)[0], i)) for i in ids)
            rows.append(
                {
                    "region": region_cell(r["region_code"], links),
                    "year": str(r["year"]),
                    "indicator": indicator_cell(r["indicator_id"], links),
                    "values": html.escape(
                        interval(
                            r["value_lower"],
                            r["value_upper"],
                            bool(r["lower_open"]),
                            bool(r["upper_open"]),
                        )
                    ),
                    "n": num(r["n_observations"]),
                    "disagreement": "是 / yes" if r["disagreement"] else "否 / no",
                    "observations": sources,
                }
            )
        labels = {
            "region": "地区 / Region",
            "year": "年份 / Year",
            "indicator": "指标 / Indicator",
            "values": "取值 / Values it allows",
            "n": "观测 / Observations",
            "disagreement": "不一致 / Disagree",
            "observations": "观测编号 / Observation ids",
        }
        return self._table(rows, labels, "composite-panel", ("region", "indicator", "observations"))

    def documents_table(self) -> HTMLBlock | Markdown:
        """Per document: its numbers by kind and the panel rows that cite it."""
        from fazhi_stats.tables._build import linked, region_cell

        f, links = self.facts, self.study.links
        if f.documents.height == 0:
            return Markdown("本研究还没有文件。/ The study has no document yet.")
        rows = []
        for r in f.documents.iter_rows(named=True):
            rows.append(
                {
                    "document": linked(r["document_id"], links.source(r["document_id"])),
                    "region": region_cell(r["region_code"], links),
                    "kind": doc_kind_label(r["doc_kind"]),
                    "actual": num(r["n_actual"]),
                    "target": num(r["n_target"]),
                    "mixed": num(r["n_mixed"]),
                    "achievement_rows": _rows_years(
                        r["achievement_rows"], r["achievement_rows_years"]
                    ),
                    "target_rows": _rows_years(r["target_rows"], r["target_rows_years"]),
                }
            )
        labels = {
            "document": "文件 / Document",
            "region": "地区 / Region",
            "kind": "类型 / Kind",
            "actual": "实绩 / Achievements",
            "target": "目标 / Targets",
            "mixed": "混合 / Hedged",
            "achievement_rows": "实绩面板行（年份）/ Achievement rows (years)",
            "target_rows": "目标面板行（年份）/ Target rows (years)",
        }
        return self._table(rows, labels, "composite-documents", ("document", "region"))

    def readiness_table(self) -> HTMLBlock | Markdown:
        """Per year: regions, regions with an index, whether a composite is possible, why not."""
        f = self.facts
        if f.readiness.height == 0:
            zh, en = f.empty_reason
            return Markdown(f"没有可以检查的年份：{zh}。/ No year to check: {en}.")
        rows = [
            {
                "year": str(r["year"]),
                "n_regions": num(r["n_regions"]),
                "n_with_index": num(r["n_with_index"]),
                "n_expected": num(r["n_expected"]),
                "ready": "是 / yes" if r["ready"] else "否 / no",
                "reason": r["reason"] or "",
            }
            for r in f.readiness.iter_rows(named=True)
        ]
        labels = {
            "year": "年份 / Year",
            "n_regions": "地区 / Regions",
            "n_with_index": "有指数的地区 / Regions with an index",
            "n_expected": "应有指标 / Indicators expected",
            "ready": "可以排名 / Ready",
            "reason": "原因 / Reason",
        }
        return self._table(rows, labels, "composite-readiness")


def _rows_years(n: Any, years: Any) -> str:
    return f"{num(n)}（{years}）" if n and years else num(n)


__all__ = ["CompositePage", "interval"]
