"""The report's method, findings by family and limitations, in sentences computed from the data.

Every example a method paragraph gives is looked up in the data (the first row of its kind), and
every count is counted, so the paragraphs hold for any study and change with it.

>>> from fazhi_stats.study import load_study                     # doctest: +SKIP
>>> print(ReportText(load_study()).intervals("en"))              # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from fazhi_stats.compare.intervals import Interval
from fazhi_stats.labels import comparison_status_label, kind_label, region_names
from fazhi_stats.study.facts import Study, comparability_counts
from fazhi_stats.study.formatting import Markdown, md, num
from fazhi_stats.study.prose import Lang, StudyProse, join, plural, verb
from fazhi_stats.vocabulary import GRADES


@dataclass(frozen=True)
class ReportText:
    """Method, findings and limitations of one study's report."""

    study: Study

    @cached_property
    def prose(self) -> StudyProse:
        return StudyProse(self.study)

    def _observation(self, observation_id: str | None) -> dict[str, Any] | None:
        if not observation_id:
            return None
        rows = self.study.observations.filter(
            self.study.observations["observation_id"] == observation_id
        )
        return rows.row(0, named=True) if rows.height else None

    def _cite(self, row: dict[str, Any] | None) -> str:
        if row is None:
            return "–"
        return self.study.cite(row, md(f"{num(row['value'])}{row['unit'] or ''}"))

    # -- methods -----------------------------------------------------------------------------

    def normalisation(self, lang: Lang) -> Markdown:
        """How numbers reach their standard unit, with an example of each conversion found."""
        import polars as pl

        s = self.study
        obs = s.observations
        changed = obs.filter(pl.col("value") != pl.col("value_std"))
        examples = []
        for condition in (
            pl.col("per").is_not_null() & (pl.col("per") != "year"),
            pl.col("assumption").is_not_null(),
            pl.col("unit").str.contains("万|亿"),
        ):
            rows = changed.filter(condition).sort("observation_id")
            if rows.height:
                row = rows.row(0, named=True)
                std = f"{num(row['value_std'])} {row['unit_std']}"
                examples.append(f"{self._cite(row)} → {md(std)}")
        minutes = s.settings.describe_zh("class_hour_minutes")
        if lang == "zh":
            text = (
                f"每个数字以原文写法和指标的标准单位各记一次；{num(changed.height)} 个数字在换算中变了值。"
                f"周期性目标换算为每年的频次；{minutes}；万、亿换算为个位。"
            )
            if examples:
                text += "例如：" + "；".join(examples) + "。"
            return Markdown(text)
        text = (
            "Each number is kept as written and in its indicator's standard unit; "
            f"{num(changed.height)} numbers change value on the way. Recurring targets become "
            f"rates per year; {s.settings.describe('class_hour_minutes')}, an assumption stated "
            "in every row it affects; 万 and 亿 become units."
        )
        if examples:
            text += " For example: " + "; ".join(examples) + "."
        return Markdown(text)

    def intervals(self, lang: Lang) -> Markdown:
        """The one interval convention of every page and figure, with an example pair."""
        import polars as pl

        s = self.study
        tolerance = num(s.settings.approx_tolerance * 100)
        example = ""
        for status in ("indeterminate", "met", "not_met", "baseline"):
            rows = s.attainment.filter(pl.col("status") == status).sort(
                "actual_observation_id", "target_observation_id"
            )
            if rows.height:
                row = rows.row(0, named=True)
                actual = Interval.from_row(row, "actual")
                met = Interval.from_row(row, "met")
                if actual is None or met is None:
                    continue
                a = self._cite(self._observation(row["actual_observation_id"]))
                t = self._cite(self._observation(row["target_observation_id"]))
                label = comparison_status_label(status, row["relation"])
                example = (
                    f"例如，实绩 {a} 允许的取值为 {actual.text()}，目标 {t} 的达标取值为 {met.text()}：{md(label)}。"
                    if lang == "zh"
                    else f" For example, the achievement {a} allows {actual.text()} and the target "
                    f"{t} is met by {met.text()}: {md(label)}."
                )
                break
        if lang == "zh":
            return Markdown(
                f"限定词决定一个数字代表的区间：“不少于”“以上”为 ≥，“余”“多”为 >，“约”为 ±{tolerance}%。"
                "全站只用一种画法：目标画作达到它的取值的色带（“不少于4次”即 [4, +inf)），"
                "实绩画作它允许的取值的线段（空心端点为开区间，箭头为无上限）。"
                "实绩的取值全部落在色带内为“达到”，全部落在外为“未达到”，其余为“无法判定”。"
                + example
            )
        return Markdown(
            "Qualifiers decide the interval a number stands for: 不少于 and 以上 mean at least "
            f"(≥), 余 and 多 more than (>), 约 roughly (±{tolerance} %). One convention holds on "
            "every page and figure: a target is the band of values that meet it (“at least 4” is "
            "[4, +inf)); an achievement is the line of values it allows (a hollow end is open, an "
            "arrow unbounded). An achievement meets a target when every value it allows lies in "
            "the band, does not meet it when none does, and is indeterminate otherwise." + example
        )

    def comparability(self, lang: Lang) -> Markdown:
        """How many links of each grade the registry declares."""
        counts = comparability_counts()
        parts = [
            f"{num(counts[g])} {GRADES[g].zh if lang == 'zh' else GRADES[g].en}" for g in GRADES.ids
        ]
        if lang == "zh":
            return Markdown(
                "两个名称相近的指标只有在登记表声明了可比等级并附说明时才比较。登记表声明的指标间关系："
                + "、".join(parts)
                + "。范围更宽的计数只从上方限定较窄的指标，范围更窄的只从下方限定；近似指标没有界限；不可比的只展示、不判定。"
            )
        return Markdown(
            "Two indicators are compared only through a grade declared in the registry, with a "
            "note. The registry declares " + join(parts, lang) + " links. A broader count bounds "
            "the narrower indicator from above only, a narrower one from below only; a proxy gives "
            "no bound; a not-comparable pair is shown and never judged."
        )

    def counts_first(self, lang: Lang) -> Markdown:
        level = num(self.study.settings.confidence_level * 100)
        if lang == "zh":
            return Markdown(
                "文件给出比率背后的计数时，保留计数并据以重算比率，容许原文的四舍五入；只给出比率和一个计数时，"
                "推算另一个计数——这是“推算”，不是一致。分项之和与逐级漏斗按登记表声明的关系核对。"
                f"比率的区间用 Wilson、Jeffreys 和 Clopper–Pearson 方法，置信水平 {level}%。"
            )
        return Markdown(
            "Where a document gives the counts behind a rate, the rate is recomputed from them, "
            "allowing for the rounding of the reported figure; where it gives the rate and one "
            "count, the other count is inferred — reported as derived, never as agreement. Parts "
            "against their whole and funnels are checked by the relations declared in the "
            f"registry. Intervals of rates use Wilson, Jeffreys and Clopper–Pearson at {level} %."
        )

    # -- findings by family ---------------------------------------------------------------------

    def family(self, family: str, lang: Lang) -> Markdown:
        """What the study holds in one family: targets, achievements, comparisons."""
        import polars as pl

        s = self.study
        targets = s.ambition.filter(pl.col("family") == family).sort(
            "region_code", "observation_id"
        )
        actuals = s.observations.filter(
            (pl.col("family") == family) & pl.col("kind").is_in(["actual", "mixed"])
        ).sort("region_code", "observation_id")
        pairs = s.attainment.filter(
            (pl.col("family") == family)
            & pl.col("target_observation_id").is_not_null()
            & pl.col("actual_observation_id").is_not_null()
        )
        zh = lang == "zh"

        def who(code: str | None) -> str:
            return self.prose.region(code, lang)

        t_items = []
        for row in targets.iter_rows(named=True):
            obs = self._observation(row["observation_id"])
            link = (
                self.study.cite(obs, md(str(row["as_written"])))
                if obs
                else md(str(row["as_written"]))
            )
            scope = (
                f"（{md(row['scope'])}）"
                if zh and row["scope"]
                else (f" ({md(row['scope'])})" if row["scope"] else "")
            )
            t_items.append(f"{who(row['region_code'])} {link}{scope}")
        a_items = []
        for row in actuals.iter_rows(named=True):
            scope = (
                f"（{md(row['scope'])}）"
                if zh and row["scope"]
                else (f" ({md(row['scope'])})" if row["scope"] else "")
            )
            kind = "" if row["kind"] == "actual" else f" [{kind_label(row['kind'])}]"
            label = ""
            if row["indicator_id"] is None:  # say what an unclassified number counts
                what = md(row["indicator_name_zh"] or "")
                label = (f" {what}（未归类）" if zh else f" {what} (unclassified)").replace(
                    "  ", " "
                )
            year = f" {row['year']}" if row["year"] is not None else ""
            a_items.append(f"{who(row['region_code'])}{year} {self._cite(row)}{label}{scope}{kind}")
        statuses: dict[str, int] = {}
        for row in pairs.iter_rows(named=True):
            label = comparison_status_label(row["status"], row["relation"])
            statuses[label] = statuses.get(label, 0) + 1
        status_text = (
            "；".join(f"{num(n)} 组{md(k)}" for k, n in statuses.items())
            if zh
            else "; ".join(f"{num(n)} {md(k)}" for k, n in statuses.items())
        )
        if not t_items and not a_items:
            return Markdown(
                "这一指标族没有任何数字。" if zh else "No document gives a number in this family."
            )
        if zh:
            text = f"目标：{'；'.join(t_items) if t_items else '无'}。实绩：{'；'.join(a_items) if a_items else '无'}。"
            text += f"对照：{status_text}。" if status_text else "没有可对照的组合。"
            return Markdown(text)
        text = f"Targets: {'; '.join(t_items) if t_items else 'none'}. Achievements: {'; '.join(a_items) if a_items else 'none'}."
        text += f" Comparisons: {status_text}." if status_text else " No pair to compare."
        return Markdown(text)

    # -- limitations ------------------------------------------------------------------------

    def limitations(self, lang: Lang) -> Markdown:
        """What the study cannot say, as a list computed from its data and settings."""
        s = self.study
        a = self.prose.argument
        reports = a.n_reports
        years = s.period_range
        span = f"{years[0]}–{years[1]}" if years else "–"
        gaps = a.benchmarks.year_gaps
        far = max((abs(g) for g in gaps), default=0)
        settings = s.settings
        reporting = sorted(
            {
                r
                for r in s.documents.filter(s.documents["doc_kind"] == "report")[
                    "region_code"
                ].to_list()
                if r
            }
        )
        names = join([region_names(r)[0 if lang == "zh" else 1] for r in reporting], lang) or "–"
        zh = lang == "zh"
        with_targets = set(
            s.observations.filter(s.observations["kind"] == "target")["region_code"]
            .drop_nulls()
            .to_list()
        )
        others = len(with_targets - set(reporting))
        items: list[str] = []
        if reports == 0:
            items.append(
                "没有报告 / Reports. 本研究没有报告，没有实绩可以检验任何目标。"
                if zh
                else "Reports. The study holds no report: no achievement can test any target."
            )
        else:
            rest_zh = f"；另有 {num(others)} 个地区只有目标" if others > 0 else ""
            rest_en = (
                f"; {plural(others, 'other region')} {verb(others, 'has', 'have')} targets only"
                if others > 0
                else ""
            )
            items.append(
                f"报告太少 / Reports. 只有 {num(reports)} 份报告给出实绩（{names}）{rest_zh}。"
                if zh
                else f"Reports. Achievements come from {plural(reports, 'report')} ({names})"
                f"{rest_en}."
            )
        if years and years[0] != years[1]:
            bench_zh = f"；跨地区对照相隔最多 {num(far)} 年，是基准而非检验" if gaps else ""
            bench_en = (
                f"; cross-region comparisons are up to {plural(far, 'year')} apart: "
                "benchmarks, not tests"
                if gaps
                else ""
            )
            items.append(
                f"年份不一 / Years. 文件的时期在 {span} 之间各不相同{bench_zh}。"
                if zh
                else f"Years. The documents cover different periods within {span}{bench_en}."
            )
        items.append(
            f"不是样本 / Not a sample. {num(s.n_documents)} 份文件不是全国县级政府的样本，结论不外推。"
            if zh
            else f"Not a sample. {plural(s.n_documents, 'document')} "
            f"{verb(s.n_documents, 'is', 'are')} not a sample of China's local governments; "
            "nothing here generalises beyond "
            f"{'it' if s.n_documents == 1 else 'them'}."
        )
        n_commit, n_dead = s.commitments.height, s.n_milestones
        if n_commit or n_dead:
            zh_parts, en_parts = [], []
            if n_commit:
                zh_parts.append(f"{num(n_commit)} 项承诺计入计划的比较，但不打分")
                en_parts.append(
                    f"{plural(n_commit, 'commitment')} {verb(n_commit, 'enters', 'enter')} the "
                    "comparison of the plans but "
                    f"{verb(n_commit, 'is', 'are')} not scored"
                )
            if n_dead:
                zh_parts.append(f"{num(n_dead)} 个没有数字的期限只列出")
                en_parts.append(
                    f"{plural(n_dead, 'deadline')} without a number "
                    f"{verb(n_dead, 'is', 'are')} listed, not scored"
                )
            items.append(
                "没有数字的承诺 / Commitments. " + "；".join(zh_parts) + "。"
                if zh
                else "Commitments. " + "; ".join(en_parts) + "."
            )
        mixed = s.n_kind("mixed")
        if mixed:
            items.append(
                f"混合表述 / Hedged sentences. {num(mixed)} 个混合表述既不是目标也不是实绩，不作评估。"
                if zh
                else f"Hedged sentences. {plural(mixed, 'hedged report sentence')} "
                f"{verb(mixed, 'is', 'are')} neither {'a target nor an achievement' if mixed == 1 else 'targets nor achievements'} "
                f"and {verb(mixed, 'is', 'are')} not assessed."
            )
        if s.n_unclassified:
            k = s.n_unclassified
            items.append(
                f"未归类 / Unclassified. {num(k)} 个数字没有登记表指标：保留并计数，从不对照。"
                if zh
                else f"Unclassified. {plural(k, 'number')} {verb(k, 'has', 'have')} no registry "
                "indicator: kept and counted, never compared."
            )
        items += [
            (
                "区间的含义 / Intervals. 比率和比例的二项区间把完整的行政计数视为超总体的一次实现：它们说明比率可以变动多少，不是抽样误差。"
                if zh
                else "Intervals. The binomial intervals treat complete administrative counts as "
                "one realisation of a superpopulation: they show how much a rate could move, not "
                "sampling error."
            ),
            (
                f"假设 / Assumptions. {settings.describe_zh('class_hour_minutes')}；{settings.describe_zh('approx_tolerance')}；"
                "均在受影响的每一行注明，可在 study.yml 中修改。"
                if zh
                else f"Assumptions. {settings.describe('class_hour_minutes')}; "
                f"{settings.describe('approx_tolerance')}; both are stated in every row they "
                "affect and can be changed in study.yml."
            ),
        ]
        if s.n_documents_unknown_region:
            items.append(
                f"地区不明 / Unknown region. {num(s.n_documents_unknown_region)} 份文件没有地区，出现在表中，但不与任何地区对照。"
                if zh
                else f"Unknown region. {plural(s.n_documents_unknown_region, 'document')} "
                f"{verb(s.n_documents_unknown_region, 'names', 'name')} no region: shown in the tables, compared with nothing."
            )
        return Markdown("\n".join(f"- {i}" for i in items))

    def citation(self) -> Markdown:
        title = self.study.config.title or "fazhi_stats study"
        version = self.study.datapackage.get("version", "")
        return Markdown(
            f"> fazhi_stats developers. *{md(title)}*. Data package and software, version "
            f"`{version}`. Cite the file you use (e.g. `data/processed/observations.csv`) with its "
            "SHA-256 from the colophon below."
        )
