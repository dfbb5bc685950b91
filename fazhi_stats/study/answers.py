"""The answer of each analysis page, as a sentence computed from the data (Chinese and English).

Each analysis page asks one question and ends with :meth:`PageAnswers.answer` of its name, so
the answer changes with the data and can never be left unwritten.

>>> from fazhi_stats.study import load_study                  # doctest: +SKIP
>>> print(PageAnswers(load_study()).answer("timeline", "en"))  # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from fazhi_stats.labels import family_label
from fazhi_stats.study.facts import Study
from fazhi_stats.study.formatting import Markdown, computed, num
from fazhi_stats.study.prose import (
    Lang,
    StudyProse,
    join,
    noun,
    plural,
    unclassified_part,
    verb,
    years_phrase,
)

if TYPE_CHECKING:
    pass


def _family(family: str, lang: Lang) -> str:
    label = family_label(family).split(" / ")
    return label[0] if lang == "zh" else label[-1].lower()


@dataclass(frozen=True)
class PageAnswers:
    """The answers of the analysis pages of one study."""

    study: Study

    @cached_property
    def prose(self) -> StudyProse:
        return StudyProse(self.study)

    def answer(self, page: str, lang: Lang) -> Markdown:
        """The answer of the analysis page ``page`` (coverage, ambition, attainment,
        consistency, timeline, gaps, composite)."""
        if self.study.is_empty:
            return self.prose.empty(lang)
        make = {
            "coverage": self.coverage,
            "ambition": self.ambition,
            "attainment": self.attainment,
            "consistency": self.consistency,
            "timeline": self.timeline,
            "gaps": self.gaps,
            "composite": self.composite,
        }[page]
        return make(lang)

    # -- the pages ---------------------------------------------------------------------------

    def coverage(self, lang: Lang) -> Markdown:
        s = self.study
        obs = s.observations
        by_family = obs.group_by("family").len().sort(["len", "family"], descending=[True, False])
        top_family, top_n = by_family.row(0) if by_family.height else ("other", 0)
        silent = [f for f in s.families if f not in set(obs["family"].to_list())]
        n_families = int(obs["family"].n_unique())
        unknown, k = s.n_documents_unknown_region, s.n_unclassified
        if lang == "zh":
            text = f"语料有 {num(s.n_documents)} 份文件，来自 {num(s.n_regions)} 个地区"
            if unknown:
                text += f"（另有 {num(unknown)} 份地区不明）"
            text += f"，其中 {num(s.n_doc_kind('report'))} 份报告；{num(s.n_observations)} 个数字"
            if k:
                text += (
                    f"（{unclassified_part(k, s.n_observations, lang)}：没有登记表指标，从不对照）"
                )
            if s.n_observations:
                text += (
                    f"{'，' if k else ''}分布在 {num(n_families)} 个指标族，最多的是{_family(top_family, lang)}"
                    f"（{num(top_n)} 个）"
                )
            if silent:
                text += f"；本研究的指标族中，{join([_family(f, lang) for f in silent], lang)}没有任何数字"
            return Markdown(text + "。")
        text = f"The corpus holds {plural(s.n_documents, 'document')} from {plural(s.n_regions, 'region')}"
        if unknown:
            text += f" (and {num(unknown)} of unknown region)"
        n_reports = s.n_doc_kind("report")
        text += f", {num(n_reports)} of them {noun(n_reports, 'a report', 'reports')}; "
        text += f"its {plural(s.n_observations, 'number')}"
        if k:
            text += (
                f", {unclassified_part(k, s.n_observations, lang)} (no registry indicator, "
                "never compared),"
            )
        if s.n_observations:
            text += (
                f" fall in {plural(n_families, 'indicator family', 'indicator families')}, most "
                f"in {_family(top_family, lang)} ({num(top_n)})"
            )
        if silent:
            text += f"; of the study's families, {join([_family(f, lang) for f in silent], lang)} have no number at all"
        return Markdown(text + ".")

    def shared_targets(self) -> Any:
        """Family and unit pairs in which targets of more than one region meet."""
        import polars as pl

        amb = self.study.ambition.filter(pl.col("region_code").is_not_null())
        return (
            amb.group_by("family", "unit_std")
            .agg(pl.col("region_code").n_unique().alias("n_regions"), pl.len().alias("n"))
            .filter(pl.col("n_regions") > 1)
            .sort(["n_regions", "n", "family"], descending=[True, True, False])
        )

    def ambition(self, lang: Lang) -> Markdown:
        s = self.study
        shared = self.shared_targets()
        n_targets = num(s.ambition.height)
        obs = s.observations
        k = obs.filter((obs["kind"] == "target") & obs["indicator_id"].is_null()).height
        if s.ambition.height == 0:
            if k == 0:
                none = (
                    "本研究没有数量目标。" if lang == "zh" else "The study holds no numeric target."
                )
            elif lang == "zh":
                none = f"本研究的 {num(k)} 个数量目标都未归类（没有登记表指标）：保留并计数，但从不相互比较。"
            else:
                none = (
                    f"The study's {plural(k, 'numeric target')} "
                    f"{'is' if k == 1 else 'are all'} unclassified (no registry indicator): "
                    "kept and counted, never compared."
                )
            return Markdown(none + " " + self.prose.plans(lang))
        if lang == "zh":
            text = f"{n_targets} 个目标中，"
            if shared.height:
                pairs = [
                    f"{_family(f, lang)}（{num(r)} 个地区）" for f, _, r, _ in shared.iter_rows()
                ]
                text += f"多个地区的目标只在{join(pairs, lang)}用同一单位相遇；即便如此，适用对象也各不相同。"
            else:
                text += "没有两个地区在同一指标族用同一单位定过目标。"
        else:
            text = f"Of {plural(s.ambition.height, 'target')}, "
            if shared.height:
                pairs = [
                    f"{_family(f, lang)} ({num(r)} regions)" for f, _, r, _ in shared.iter_rows()
                ]
                text += (
                    f"those of more than one region meet in one unit only in {join(pairs, lang)}; "
                    "even there they apply to different people."
                )
            else:
                text += "no two regions set targets in the same family and unit."
        if k:
            text += (
                f"另有 {num(k)} 个目标未归类，不参与比较。"
                if lang == "zh"
                else f" {plural(k, 'more target')} {'is' if k == 1 else 'are'} unclassified, "
                "never compared."
            )
        return Markdown(text + " " + self.prose.plans(lang))

    def attainment(self, lang: Lang) -> Markdown:
        return Markdown(self.prose.own_targets(lang) + " " + self.prose.benchmarks(lang))

    def consistency(self, lang: Lang) -> Markdown:
        import polars as pl

        text = str(self.prose.consistency(lang))
        wilson = self.study.proportions.filter(pl.col("method") == "wilson")
        if wilson.height:
            widest = wilson.with_columns(width=pl.col("upper") - pl.col("lower")).sort(
                "width", descending=True
            )
            row = widest.row(0, named=True)
            width = computed(row["width"], "percent")
            level = num(self.study.settings.confidence_level * 100)
            text += (
                f" 把计数视为二项分布，{level}% Wilson 区间最宽为 {width} 个百分点。"
                if lang == "zh"
                else f" Read as binomial, the widest {level} % Wilson interval of a rate spans "
                f"{width} percentage points."
            )
        return Markdown(text)

    def year_overlap(self) -> dict[str | None, tuple[set[int], set[int]]]:
        """Per region: the years its targets are for, and the years of its achievements."""
        out: dict[str | None, tuple[set[int], set[int]]] = {}
        for row in self.study.observations.iter_rows(named=True):
            start, end = row["period_start"], row["period_end"]
            if start is None or end is None:
                continue
            targets, actuals = out.setdefault(row["region_code"], (set(), set()))
            years = set(range(start, end + 1))
            (targets if row["kind"] == "target" else actuals).update(years)
        return out

    def timeline(self, lang: Lang) -> Markdown:
        overlap = self.year_overlap()
        target_years = sorted({y for t, _ in overlap.values() for y in t})
        actual_years = sorted({y for _, a in overlap.values() for y in a})
        shared = {c: t & a for c, (t, a) in overlap.items() if t & a}
        zh = lang == "zh"
        if not target_years or not actual_years:
            if not target_years and not actual_years:
                return Markdown(
                    "没有一个数字带有年份，无从比较目标与实绩的年份。"
                    if zh
                    else "No number carries a year, so the years of targets and achievements "
                    "cannot be compared."
                )
            if not target_years:
                years = years_phrase(actual_years, lang)
                dated = "dated " if self.study.n_kind("target") else ""
                return Markdown(
                    f"本研究没有{'带年份的' if dated else ''}目标；实绩的年份是 {years}，因此没有一年既有目标又有实绩。"
                    if zh
                    else f"The study holds no {dated}target; achievements are for {years}, so no "
                    "year has both a target and an achievement."
                )
            years = years_phrase(target_years, lang)
            return Markdown(
                f"本研究没有带年份的实绩；目标的年份是 {years}，因此没有一年既有目标又有实绩。"
                if zh
                else f"The study holds no dated achievement; targets are for {years}, so no year "
                "has both a target and an achievement."
            )
        t_text = years_phrase(target_years, lang)
        a_text = years_phrase(actual_years, lang)
        if zh:
            text = f"目标的年份是 {t_text}，实绩的年份是 {a_text}；"
            if shared:
                regions = join([self.prose.region(c, lang) for c in shared], lang)
                return Markdown(text + f"只有{regions}在同一年既有目标又有实绩。")
            return Markdown(
                text + "没有一个地区在同一年既有目标又有实绩：目标年份与实绩年份对不上。"
            )
        text = f"Targets are for {t_text} and achievements for {a_text}; "
        if shared:
            regions = join([self.prose.region(c, lang) for c in shared], lang)
            return Markdown(
                text + f"only {regions} {verb(len(shared), 'has', 'have')} a target and an "
                "achievement in the same year."
            )
        return Markdown(
            text + "no region has a target and an achievement in the same year: the years of "
            "targets and of achievements do not line up."
        )

    def gaps(self, lang: Lang) -> Markdown:
        from fazhi_stats.plots.coverage import evidence_gaps

        s = self.study
        families = s.families_shown
        gaps = evidence_gaps(s.observations, s.documents, families=families)
        counts = {
            e: int((gaps["evidence"] == e).sum())
            for e in ("targets_and_actuals", "targets_only", "actuals_only", "none")
        }
        both_n = counts["targets_and_actuals"]
        whose = "本研究的" if s.families else "有数字的"
        if lang == "zh":
            both = (
                "没有一个地区在任何一个指标族里同时有目标和实绩"
                if both_n == 0
                else f"{num(both_n)} 个地区×指标族同时有目标和实绩"
            )
            cells = [
                f"{num(counts[e])} 格{what}"
                for e, what in (
                    ("targets_only", "只有目标"),
                    ("actuals_only", "只有实绩"),
                    ("none", "什么数字都没有"),
                )
                if counts[e]
            ]
            text = f"在{whose} {num(len(families))} 个指标族中，{both}"
            text += ("：" + "，".join(cells) + "。") if cells else "。"
            if s.n_unclassified:
                text += f"其中 {num(s.n_unclassified)} 个数字未归类，从不对照。"
        else:
            both = (
                "no region has both a target and an achievement in any family"
                if both_n == 0
                else f"{plural(both_n, 'region–family cell')} {verb(both_n, 'has', 'have')} both "
                "a target and an achievement"
            )
            cells = [
                f"{plural(counts[e], 'cell')} {verb(counts[e], 'has', 'have')} {what}"
                for e, what in (
                    ("targets_only", "targets only"),
                    ("actuals_only", "achievements only"),
                    ("none", "no number at all"),
                )
                if counts[e]
            ]
            owner = "the study's" if s.families else "the"
            text = (
                f"In {owner} {plural(len(families), 'family', 'families')}"
                f"{'' if s.families else ' its numbers fall in'}, {both}"
            )
            text += (": " + join(cells, lang) + ".") if cells else "."
            if s.n_unclassified:
                k = s.n_unclassified
                text += (
                    f" Of these numbers, {'all' if k == s.n_observations else num(k)} "
                    f"{verb(k, 'is', 'are')} unclassified and never compared."
                )
        return Markdown(text + " " + self.prose.missing(lang))

    def composite(self, lang: Lang) -> Markdown:
        from fazhi_stats.study.composite import composite_facts

        s = self.study
        f = composite_facts(s.observations, s.documents, settings=s.settings)
        possible = f.ranking_possible
        if f.n_rows == 0:
            zh, en = f.empty_reason
            return Markdown(
                f"这些文件不能支撑一个综合指数：实绩面板是空的（{zh}）。"
                if lang == "zh"
                else f"These documents cannot support a composite index: the panel of "
                f"achievements is empty ({en})."
            )
        if lang == "zh":
            verdict = "可以" if possible else "不能"
            return Markdown(
                f"这些文件{verdict}支撑一个综合指数：实绩面板有 {num(f.n_regions)} 个地区，"
                f"同一年两个地区共有的实绩指标最多 {num(f.max_shared)} 个，"
                f"目标面板中最多 {num(f.max_shared_targets)} 个。"
            )
        verdict = "can" if possible else "cannot"
        return Markdown(
            f"These documents {verdict} support a composite index: the achievements panel has "
            f"{plural(f.n_regions, 'region')}, two regions share at "
            f"most {num(f.max_shared)} achievement indicators in any one year, and at most "
            f"{num(f.max_shared_targets)} target indicators."
        )


__all__ = ["PageAnswers"]
