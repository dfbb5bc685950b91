"""The study's argument in sentences, Chinese and English, every number computed and linked.

:class:`StudyProse` writes the headline paragraph and one paragraph per part of the argument
(:mod:`fazhi_stats.study.argument`) from a loaded study. A number taken from a document links to
its sentence on the document's page; a count links to the page that lists what it counts; a
region's name links to its profile. Nothing here names a region, a year or a count: change the
data and the sentences change.

>>> from fazhi_stats.study import load_study                 # doctest: +SKIP
>>> print(StudyProse(load_study()).headline("en"))           # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

from fazhi_stats.labels import indicator_names, region_names
from fazhi_stats.study.argument import JUDGED, Argument, study_argument
from fazhi_stats.study.calendar import REPORT_DUE, REPORT_DUE_SINCE
from fazhi_stats.study.facts import Study
from fazhi_stats.study.formatting import Markdown, computed, md, num
from fazhi_stats.study.links import md_link, plans_section
from fazhi_stats.vocabulary import CHECK_STATUSES, CHECKS, STATUSES

Lang = Literal["zh", "en"]
#: Document kinds that hold a government's commitments (what the plans section compares).
PLAN_KINDS = ("plan", "work_points")

#: What a comparability grade means for a comparison that its intervals cannot decide.
GRADE_REASON = {
    "en": {
        "broader": "the achievement counts a broader population, which bounds the target's "
        "narrower indicator only from above",
        "narrower": "the achievement counts a narrower population, which bounds the target's "
        "indicator only from below",
        "proxy": "the indicators are related only as proxies, with no bound",
        "same": "the intervals overlap",
    },
    "zh": {
        "broader": "实绩统计的范围更宽，只能从上方限定目标所指的较窄指标",
        "narrower": "实绩统计的范围更窄，只能从下方限定目标所指的指标",
        "proxy": "两个指标只是近似，没有界限",
        "same": "两个区间部分重叠",
    },
}
#: What a baseline says, by the position of today's value relative to the later target.
BASELINE_POSITION = {
    "en": {
        "within": "today's value already meets it (the target keeps the status quo)",
        "outside": "today's value does not meet it yet",
        "overlapping": "today's value may already meet it",
    },
    "zh": {
        "within": "当前数值已经达到（目标只是维持现状）",
        "outside": "当前数值尚未达到",
        "overlapping": "当前数值可能已经达到",
    },
}
FLAG_NAMES = {
    "en": {
        "quantified": "carrying a number",
        "dated": "carrying a date",
        "responsible_unit": "naming a responsible unit",
        "hedged": "hedged",
    },
    "zh": {
        "quantified": "有数字",
        "dated": "有期限",
        "responsible_unit": "写明责任单位",
        "hedged": "带有限定词",
    },
}


def join(items: Sequence[str], lang: Lang) -> str:
    """``a, b and c`` / ``a、b和c``.

    >>> join(["a", "b", "c"], "en"), join(["甲", "乙"], "zh"), join([], "en")
    ('a, b and c', '甲和乙', '')
    """
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    if lang == "zh":
        return "、".join(items[:-1]) + "和" + items[-1]
    return ", ".join(items[:-1]) + " and " + items[-1]


def noun(n: int, word: str, words: str | None = None) -> str:
    """The English noun for ``n`` things: ``word`` for one, ``words`` (default ``word + s``)
    otherwise; the one place the pages choose a plural.

    >>> noun(1, "document"), noun(0, "year"), noun(2, "body", "bodies")
    ('document', 'years', 'bodies')
    """
    return word if n == 1 else (words or word + "s")


def plural(n: int, word: str, words: str | None = None, *, count: str | None = None) -> str:
    """``1 test``, ``2 tests`` (English only); ``count``: the number as shown (a link).

    >>> plural(1, "report"), plural(0, "test"), plural(3, "body", "bodies")
    ('1 report', '0 tests', '3 bodies')
    >>> plural(1, "document", count="[1](x.html)")
    '[1](x.html) document'
    """
    return f"{count if count is not None else num(n)} {noun(n, word, words)}"


def verb(n: int, one: str, many: str) -> str:
    """The verb agreeing with ``n``: ``verb(1, "is", "are")`` is ``is``.

    >>> verb(1, "is", "are"), verb(2, "is", "are"), verb(0, "fits", "fit")
    ('is', 'are', 'fit')
    """
    return one if n == 1 else many


def unclassified_part(k: int, n: int, lang: Lang) -> str:
    """How many of ``n`` numbers are unclassified, as a phrase after them: ``all of them``,
    ``3 of them``, or nothing for a lone number (``1 number, unclassified``).

    >>> unclassified_part(1, 1, "en"), unclassified_part(4, 4, "en"), unclassified_part(2, 5, "zh")
    ('unclassified', 'all of them unclassified', '其中 2 个未归类')
    """
    if lang == "zh":
        return "未归类" if n == 1 else "全部未归类" if k == n else f"其中 {num(k)} 个未归类"
    if k == n:
        return "unclassified" if n == 1 else "all of them unclassified"
    return f"{num(k)} of them unclassified"


def one_or(n: int, word: str, words: str | None = None) -> str:
    """``one target``, ``2 targets``: a count that reads as a word when it is one.

    >>> one_or(1, "target"), one_or(3, "target")
    ('one target', '3 targets')
    """
    return f"one {word}" if n == 1 else plural(n, word, words)


def years_phrase(years: Sequence[int], lang: Lang) -> str:
    """Years as a reader writes them: runs of three or more as ranges.

    >>> years_phrase([2014, 2015, 2016, 2017, 2018, 2021], "en"), years_phrase([2017], "zh")
    ('2014–2018 and 2021', '2017')
    >>> years_phrase([2014, 2015], "zh")
    '2014和2015'
    """
    runs: list[list[int]] = []
    for year in sorted(set(years)):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    parts: list[str] = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{run[0]}–{run[-1]}")
        else:
            parts.extend(str(y) for y in run)
    return join(parts, lang)


@dataclass(frozen=True)
class StudyProse:
    """Sentences of the argument for one study (and one page's links)."""

    study: Study

    @cached_property
    def argument(self) -> Argument:
        return study_argument(self.study)

    # -- pieces ----------------------------------------------------------------------------

    def region(self, code: str | None, lang: Lang) -> str:
        """A region's name, linked to its profile (documents without one: their page)."""
        zh, en = region_names(code) if code else ("地区不明的文件", "a document of unknown region")
        return md_link(md(zh if lang == "zh" else en), self.study.links.region(code))

    def indicator(self, indicator_id: str | None, lang: Lang) -> str:
        """An indicator's name inside a sentence, linked to its registry entry."""
        zh, en = indicator_names(indicator_id)
        if en[:1].isupper() and en[1:2].islower():
            en = en[0].lower() + en[1:]  # inside an English sentence
        name = md(zh if lang == "zh" else en)
        return md_link(name, self.study.links.indicator(indicator_id))

    def count(self, n: int, href: str) -> str:
        """A count, linked to the page listing what it counts."""
        return md_link(num(n), href)

    def cited(self, row: dict[str, Any], side: str) -> str:
        """The ``actual`` or ``target`` value of a comparison row, linked to its sentence."""
        obs_id = row[f"{side}_observation_id"]
        obs = self.study.observations.filter(
            self.study.observations["observation_id"] == obs_id
        ).row(0, named=True)
        from fazhi_stats.labels import comparator_symbol

        written = f"{comparator_symbol(obs['comparator'])}{num(obs['value'])}{obs['unit'] or ''}"
        return self.study.cite(obs, md(written))

    # -- the parts ---------------------------------------------------------------------------

    def own_targets(self, lang: Lang) -> Markdown:
        """How many tests of a region against its own targets the documents allow."""
        own = self.argument.own
        href = self.study.links.analysis("attainment")
        n = self.count(own.n_tests, href)
        if lang == "zh":
            text = f"这些文件允许 {n} 项“本地实绩对照本地同期目标”的检验"
            if own.n_tests == 0:
                text += "：没有一个地区同时给出同一指标、同一时期的实绩和自己的目标。"
            else:
                text += "：" + self._statuses(own.by_status(), lang) + "。"
        else:
            text = f"The documents allow {plural(own.n_tests, 'test', count=n)} of a region against its own targets"
            if own.n_tests == 0:
                text += (
                    ": no region gives both an achievement and its own target for the same "
                    "indicator and period."
                )
            else:
                text += ": " + self._statuses(own.by_status(), lang) + "."
        for row in own.baselines.iter_rows(named=True):
            text += " " + self._baseline(row, lang)
        return Markdown(text)

    def _baseline(self, row: dict[str, Any], lang: Lang) -> str:
        position = BASELINE_POSITION[lang].get(row["position"] or "", "")
        region = self.region(row["actual_region_code"], lang)
        indicator = self.indicator(row["actual_indicator_id"], lang)
        actual, target = self.cited(row, "actual"), self.cited(row, "target")
        a_year, t_year = row["actual_year"], row["target_period_start"]
        if lang == "zh":
            return (
                f"{region} {a_year} 年的{indicator}为 {actual}，对照其 {t_year} 年的目标 {target}，"
                f"是基线而非检验：目标针对更晚的年份，{position}，谈不上达到或未达到。"
            )
        return (
            f"{region}'s {indicator} of {actual} in {a_year}, set against its own target of "
            f"{target} for {t_year}, is a baseline, not a test: the target is for a later year "
            f"and {position}, so it can be neither met nor missed yet."
        )

    def _statuses(self, counts: dict[str, int], lang: Lang) -> str:
        words = []
        for status, n in counts.items():
            term = STATUSES[status]
            words.append(f"{num(n)} 项{term.zh}" if lang == "zh" else f"{num(n)} {term.en}")
        return ("，" if lang == "zh" else ", ").join(words)

    def benchmarks(self, lang: Lang) -> Markdown:
        """What the cross-region comparisons show, and why they are benchmarks."""
        b = self.argument.benchmarks
        href = self.study.links.analysis("attainment")
        if b.n == 0:
            return Markdown(
                "没有跨地区基准：没有一个地区的实绩可与别的地区的目标相比。"
                if lang == "zh"
                else "There are no cross-region benchmarks: no achievement can be set against "
                "another region's target."
            )
        actual = join([self.region(c, lang) for c in b.regions("actual")], lang)
        target = join([self.region(c, lang) for c in b.regions("target")], lang)
        gaps = self.gap_phrase(lang)
        parts = []
        for status, n in b.by_status().items():
            term = STATUSES[status]
            reasons = [GRADE_REASON[lang][g] for g in b.by_grade(status) if g in GRADE_REASON[lang]]
            if status == "not_comparable":
                reason = "登记表声明两者不可比" if lang == "zh" else "declared so in the registry"
            elif status == "indeterminate" and reasons:
                reason = join(reasons, lang)
            else:
                reason = ""
            if lang == "zh":
                parts.append(f"{num(n)} 项{term.zh}" + (f"（{reason}）" if reason else ""))
            else:
                parts.append(f"{num(n)} {term.en}" + (f" ({reason})" if reason else ""))
        count = self.count(b.n, href)
        if lang == "zh":
            return Markdown(
                f"{count} 项跨地区基准把{actual}的实绩与{target}的目标相比（{gaps}）："
                + "，".join(parts)
                + "。这是基准，不是检验：别的地区为别的年份定下的目标，只说明实绩与另一地政府对自己的要求相比如何，"
                "不能说明一个地区是否达到了自己的目标。"
            )
        one = b.n == 1
        return Markdown(
            f"{plural(b.n, 'cross-region benchmark', count=count)} "
            f"{verb(b.n, 'sets', 'set')} the achievement{'' if one else 's'} of {actual} against "
            f"the target{'' if one else 's'} of {target} ({gaps}): "
            + "; ".join(parts)
            + f". {'It is a benchmark' if one else 'They are benchmarks'}, not "
            f"{'a test' if one else 'tests'}: a target another government set for itself, "
            "for other years, shows how an achievement compares with it, not whether a region "
            "met its own targets."
        )

    def gap_phrase(self, lang: Lang) -> str:
        """How far apart the years of the benchmarks are, and how many have no year gap
        (an undated target or achievement)."""
        b = self.argument.benchmarks
        gaps = b.year_gaps
        unknown = b.n_unknown_gap
        known = b.n - unknown
        undated_targets = b.n_undated_targets
        zh = lang == "zh"
        earlier = sorted(-g for g in gaps if g < 0)
        if gaps and all(g < 0 for g in gaps):
            span = f"{earlier[0]}–{earlier[-1]}" if earlier[0] != earlier[-1] else f"{earlier[0]}"
            last = earlier[-1]
            text = (
                f"目标比实绩早 {span} 年"
                if zh
                else f"the targets written {span} {noun(last, 'year')} before the achievements"
            )
        elif gaps:
            span = f"{gaps[0]:+d} to {gaps[-1]:+d}" if len(gaps) > 1 else f"{gaps[0]:+d}"
            text = (
                f"年份相差 {span} 年"
                if zh
                else f"year gaps of {span} {noun(max(abs(g) for g in gaps), 'year')}"
            )
        else:
            return "年份都不明" if zh else "the years of every pair unknown"
        if not unknown:
            return text
        others = unknown - undated_targets
        if zh:
            extra = []
            if undated_targets:
                extra.append(f"{num(undated_targets)} 项的目标没有年份")
            if others:
                extra.append(f"{num(others)} 项的实绩没有年份")
            return f"其中 {num(known)} 项{text}，" + "，".join(extra)
        extra = []
        if undated_targets:
            extra.append(
                f"{one_or(undated_targets, 'target')} {verb(undated_targets, 'is', 'are')} undated"
            )
        if others:
            extra.append(f"{one_or(others, 'achievement')} {verb(others, 'is', 'are')} undated")
        return f"for {num(known)} of them, {text}; " + " and ".join(extra)

    def plans(self, lang: Lang) -> Markdown:
        """How the plans compare on specificity."""
        p = self.argument.plans
        n_plans = self.study.n_doc_kind(*PLAN_KINDS)
        if n_plans == 0:
            return Markdown(
                "本研究没有计划类文件（计划、方案、工作安排），无从比较计划的具体程度。"
                if lang == "zh"
                else "The study holds no plans (plans, programmes or work points), so there "
                "are no plans to compare."
            )
        if p.n_commitments == 0 or p.n_regions < 2:
            if lang == "zh":
                return Markdown(
                    f"本研究的 {num(n_plans)} 份计划类文件中，有承诺的地区不足两个"
                    f"（{num(p.n_regions)} 个），无从比较。"
                )
            return Markdown(
                f"Of the study's {plural(n_plans, 'plan')}, fewer than two regions' plans "
                f"hold commitments ({num(p.n_regions)}), so there is nothing to compare."
            )
        href = self.study.links.analysis("ambition", plans_section())
        n = self.count(p.n_commitments, href)
        regions = num(p.n_regions)
        clauses = []
        for flag in ("responsible_unit", "dated", "quantified", "hedged"):
            ends = p.extremes(flag)
            assert ends is not None
            low, high = ends
            lo = computed(low[f"share_{flag}"], "share") + "%"
            hi = computed(high[f"share_{flag}"], "share") + "%"
            name = FLAG_NAMES[lang][flag]
            apart = p.separated(flag)
            if lang == "zh":
                clauses.append(
                    f"{name}的比例从{self.region(low['region_code'], lang)}的 {lo} "
                    f"到{self.region(high['region_code'], lang)}的 {hi}"
                    + ("" if apart else "（区间重叠，分不出高低）")
                )
            else:
                clauses.append(
                    f"{name}: from {lo} ({self.region(low['region_code'], lang)}) to {hi} "
                    f"({self.region(high['region_code'], lang)})"
                    + ("" if apart else ", intervals overlapping")
                )
        level = num(self.study.settings.confidence_level * 100)
        if lang == "zh":
            return Markdown(
                f"每份计划都能支持的，是计划本身的比较。{regions} 个地区的计划共 {n} 项承诺（地区不明的文件见表）："
                + "；".join(clauses)
                + f"（{level}% 区间见表）。"
            )
        return Markdown(
            f"What every plan supports is a comparison of the plans themselves: {n} "
            f"commitments in the plans of {regions} regions (documents of unknown region are in "
            "the table). Shares of commitments "
            + "; ".join(clauses)
            + f" ({level} % intervals in the table)."
        )

    def consistency(self, lang: Lang) -> Markdown:
        """What the reports show about their own consistency."""
        c = self.argument.consistency
        if c.n == 0:
            return Markdown(
                "没有一份文件给出可以相互核对的数字。"
                if lang == "zh"
                else "No document gives figures that can be checked against each other."
            )
        href = self.study.links.analysis("consistency")
        parts = []
        for status, n in c.by_status().items():
            checks = c.by_check(status)
            kinds = join(
                [
                    (f"{num(k)} 项{CHECKS[ch].zh}" if lang == "zh" else f"{num(k)} {CHECKS[ch].en}")
                    for ch, k in checks.items()
                ],
                lang,
            )
            term = CHECK_STATUSES[status]
            if lang == "zh":
                text = f"{num(n)} 项{term.zh}（{kinds}）"
                if status == "derived":
                    text += "——由比率推出的计数，不可能与比率矛盾"
            else:
                text = f"{num(n)} {term.en} ({kinds})"
                if status == "derived":
                    text += ", a count implied by the rate itself, which cannot contradict it"
            parts.append(text)
        count = self.count(c.n, href)
        if lang == "zh":
            docs = num(len(c.documents))
            return Markdown(f"{docs} 份文件的数字相互核对 {count} 次：" + "；".join(parts) + "。")
        return Markdown(
            f"The figures of {plural(len(c.documents), 'document')} are checked against each "
            f"other {count} {'time' if c.n == 1 else 'times'}: " + "; ".join(parts) + "."
        )

    def missing(self, lang: Lang) -> Markdown:
        """Which documents would let each region be tested against its own targets."""
        gaps = self.argument.gaps
        items = []
        for code in gaps.regions:
            region = self.region(code, lang)
            reports = [m for m in gaps.of_region(code) if m.kind == "report"]
            plans = [m for m in gaps.of_region(code) if m.kind == "plan"]
            pieces = []
            if plans:
                years = years_phrase([m.year for m in plans], lang)
                pieces.append(
                    f"覆盖 {years} 年的计划（其报告所报告的年份）"
                    if lang == "zh"
                    else f"a plan covering {years} (the year{'s' if len(plans) > 1 else ''} its report covers)"
                )
            if reports:
                years = years_phrase([m.year for m in reports], lang)
                dues = [m.due for m in reports if m.due is not None]
                due = ""
                if dues:
                    last = max(dues)
                    due = (
                        f"，最晚一份应于 {last.year} 年 {last.month} 月 {last.day} 日前公开"
                        if lang == "zh"
                        else f", the last due by {last.day} {last:%B} {last.year}"
                    )
                pieces.append(
                    f"{years} 年的年度报告{due}"
                    if lang == "zh"
                    else f"the annual report{'s' if len(reports) > 1 else ''} on {years}{due}"
                )
            items.append(
                f"{region}：" + "，以及".join(pieces)
                if lang == "zh"
                else f"{region}: " + ", and ".join(pieces)
            )
        href = self.study.links.analysis("gaps")
        n_missing = len(gaps.missing)
        n = self.count(n_missing, href)
        month, day = REPORT_DUE
        unplaced = len(gaps.unplaced)
        reports_missing = any(m.kind == "report" for m in gaps.missing)
        if not items:
            text = (
                "没有缺少的报告或计划：每份计划的年份都有报告，每份报告的年份都有计划。"
                if lang == "zh"
                else "No report or plan is missing: every year a plan covers has its report, "
                "and every year a report covers has its plan."
            )
        elif lang == "zh":
            text = f"要检验各地是否达到自己的目标，还缺 {n} 份文件——" + "；".join(items) + "。"
            if reports_missing:
                text += f"年度报告自 {REPORT_DUE_SINCE} 年起须于次年 {month} 月 {day} 日前公开。"
        else:
            text = (
                f"To test each region against its own targets, "
                f"{plural(n_missing, 'document', count=n)} {verb(n_missing, 'is', 'are')} "
                "missing — " + "; ".join(items) + "."
            )
            if reports_missing:
                text += (
                    f" Since {REPORT_DUE_SINCE}, annual reports must be public by "
                    f"{dt.date(2000, month, day):%-d %B} of the next year."
                )
        if unplaced:
            text += (
                f"另有 {num(unplaced)} 份文件没有地区或年份，放不进任何日历。"
                if lang == "zh"
                else f" {plural(unplaced, 'document')} without a region or a year "
                f"fit{'s' if unplaced == 1 else ''} no calendar."
            )
        return Markdown(text)

    # -- the headline ------------------------------------------------------------------------

    def empty(self, lang: Lang) -> Markdown:
        """What an empty study's pages say."""
        if lang == "zh":
            return Markdown(
                "本研究还没有文件。用 `fazhi-stats add-document` 加入文件，标注后运行 "
                "`fazhi-stats build`，各页就会给出文件所能支持的结论。"
            )
        return Markdown(
            "This study has no documents yet. Add them with `fazhi-stats add-document`, "
            "annotate them and run `fazhi-stats build`: the pages then say what they show."
        )

    def headline(self, lang: Lang) -> Markdown:
        """The study's finding in one paragraph."""
        if self.study.is_empty:
            return self.empty(lang)
        a = self.argument
        links = self.study.links
        docs = self.count(a.n_documents, links.to("reports/sources.qmd"))
        tests = self.count(a.own.n_tests, links.analysis("attainment"))
        baselines = a.own.n_baselines
        commitments = self.count(a.plans.n_commitments, links.analysis("ambition", plans_section()))
        groups = num(a.plans.n_regions)
        checks = a.consistency.by_status()
        n_checks = self.count(a.consistency.n, links.analysis("consistency"))
        missing = self.count(len(a.gaps.missing), links.analysis("gaps"))
        flag = a.plans.clearest()
        zh = lang == "zh"
        sentences = []
        first = a.own.baselines.row(0, named=True) if baselines else None
        if zh:
            s1 = f"这 {docs} 份文件只允许 {tests} 项地区对照自身同期目标的检验"
            if first is not None:
                s1 += (
                    f"（另有 {num(baselines)} 组本地数字是基线，如{self.region(first['actual_region_code'], lang)} "
                    f"{first['actual_year']} 年的 {self.cited(first, 'actual')} 对照其 "
                    f"{first['target_period_start']} 年的目标 {self.cited(first, 'target')}：目标针对更晚的年份）"
                )
            sentences.append(s1 + "。")
            if self.study.n_unclassified:
                sentences.append(self.unclassified(lang))
        else:
            s1 = (
                f"{'This' if a.n_documents == 1 else 'These'} "
                f"{plural(a.n_documents, 'document', count=docs)} allow"
                f"{'s' if a.n_documents == 1 else ''} {plural(a.own.n_tests, 'test', count=tests)} "
                "of a region against its own targets for the same period"
            )
            if first is not None:
                s1 += (
                    f" ({plural(baselines, 'pair')} of a region's own figures "
                    f"{'is a baseline' if baselines == 1 else 'are baselines'}, such as "
                    f"{self.region(first['actual_region_code'], lang)}'s "
                    f"{self.cited(first, 'actual')} in {first['actual_year']} against its target "
                    f"of {self.cited(first, 'target')} for {first['target_period_start']}: the "
                    "target is for a later year)"
                )
            sentences.append(s1 + ".")
            if self.study.n_unclassified:
                sentences.append(self.unclassified(lang))
        if a.plans.n_commitments and a.plans.n_regions > 1 and flag is not None:
            ends = a.plans.extremes(flag)
            assert ends is not None
            lo = computed(ends[0][f"share_{flag}"], "share") + "%"
            hi = computed(ends[1][f"share_{flag}"], "share") + "%"
            low_r, high_r = (
                self.region(ends[0]["region_code"], lang),
                self.region(ends[1]["region_code"], lang),
            )
            if zh:
                sentences.append(
                    f"它们支持的是计划本身的比较：{groups} 个地区的 {commitments} 项承诺中，"
                    f"{FLAG_NAMES[lang][flag]}的比例差别最大，从{low_r}的 {lo} 到{high_r}的 {hi}。"
                )
            else:
                sentences.append(
                    f"What they support is a comparison of the plans: of {commitments} "
                    f"commitments of {groups} regions, the share "
                    f"{FLAG_NAMES[lang][flag]} differs most, from {lo} ({low_r}) to {hi} ({high_r})."
                )
        if a.benchmarks.n:
            sentences.append(self._benchmark_verdict(lang))
        if a.consistency.n:
            agree = checks.get("consistent", 0)
            bad = checks.get("inconsistent", 0)
            derived = checks.get("derived", 0)
            if zh:
                text = (
                    f"报告自身的数字在 {n_checks} 项核对中 {num(agree)} 项一致、{num(bad)} 项不一致"
                )
                if derived:
                    text += f"，{num(derived)} 项由比率推出、不可能不一致"
                sentences.append(text + "。")
            else:
                text = (
                    f"The reports' own figures agree in {num(agree)} of "
                    f"{plural(a.consistency.n, 'check', count=n_checks)} and disagree in {num(bad)}"
                )
                if derived:
                    text += (
                        f"; {num(derived)} {verb(derived, 'is', 'are')} derived and cannot disagree"
                    )
                sentences.append(text + ".")
        if a.gaps.missing:
            n_missing = len(a.gaps.missing)
            kinds_zh, kinds_en = self.missing_kinds()
            listed = md_link("证据缺口页" if zh else "the gaps page", links.analysis("gaps"))
            sentences.append(
                f"补上 {missing} 份缺少的{kinds_zh}（见{listed}），才能检验各地是否达到自己的目标。"
                if zh
                else f"The {missing} missing {kinds_en if n_missing > 1 else kinds_en.removesuffix('s')}, "
                f"listed on {listed}, would allow the tests."
            )
        return Markdown(("" if zh else " ").join(sentences))

    def missing_kinds(self) -> tuple[str, str]:
        """What the missing documents are, in Chinese and (plural) English: annual reports,
        plans, or both."""
        kinds = {m.kind for m in self.argument.gaps.missing}
        zh = [w for k, w in (("report", "年度报告"), ("plan", "计划")) if k in kinds]
        en = [w for k, w in (("report", "annual reports"), ("plan", "plans")) if k in kinds]
        return join(zh, "zh"), join(en, "en")

    def unclassified(self, lang: Lang) -> Markdown:
        """How many of the study's numbers are unclassified (no registry indicator, never
        compared); empty when every number is classified."""
        s = self.study
        k, n = s.n_unclassified, s.n_observations
        if k == 0:
            return Markdown("")
        href = s.links.analysis("coverage")
        count = self.count(n, href)
        if lang == "zh":
            return Markdown(
                f"{count} 个数字中{unclassified_part(k, n, lang)}（没有登记表指标）："
                "保留并计数，但从不与任何数字对照。"
            )
        if n == 1:
            return Markdown(
                f"The study's {count} number is unclassified (no registry indicator): kept and "
                "counted, never compared."
            )
        who = "all" if k == n else num(k)
        return Markdown(
            f"Of the study's {plural(n, 'number', count=count)}, {who} {verb(k, 'is', 'are')} "
            "unclassified (no registry indicator): kept and counted, never compared."
        )

    def _benchmark_verdict(self, lang: Lang) -> str:
        """The headline's sentence on the benchmarks: how many, how far apart, every status."""
        b = self.argument.benchmarks
        zh = lang == "zh"
        bench = self.count(b.n, self.study.links.analysis("attainment"))
        by_status = b.by_status()
        decided = by_status.get("met", 0) + by_status.get("not_met", 0)
        gap = self.gap_phrase(lang)
        judged = b.rows.filter(b.rows["status"].is_in(list(JUDGED))).sort(
            "actual_observation_id", "target_observation_id"
        )
        example_row = judged.row(0, named=True) if judged.height else None
        parts = []
        for status, n in by_status.items():
            term = STATUSES[status]
            example = ""
            if example_row is not None and status == example_row["status"]:
                actual = self.cited(example_row, "actual")
                target = self.cited(example_row, "target")
                example = (
                    f"，如 {actual} 对照 {target}" if zh else f", such as {actual} against {target}"
                )
            if zh:
                parts.append(f"{num(n)} 项{term.zh}{example}")
            elif len(by_status) == 1 and n == b.n:
                parts.append(f"{'it is' if n == 1 else 'all are'} {term.en}{example}")
            else:
                parts.append(f"{num(n)} {verb(n, 'is', 'are')} {term.en}{example}")
        if zh:
            verdict = (
                "没有一项能判定达到或未达到" if decided == 0 else f"{num(decided)} 项作出了判定"
            )
            return f"{bench} 项跨地区对照只是基准（{gap}），{verdict}：" + "；".join(parts) + "。"
        one = b.n == 1
        verdict = (
            f"{'it does not find' if one else 'none of them finds'} a target met or missed"
            if decided == 0
            else f"{num(decided)} {verb(decided, 'finds', 'find')} a target met or missed"
        )
        subject = (
            f"The {bench} cross-region comparison is a benchmark"
            if one
            else f"The {bench} cross-region comparisons are benchmarks"
        )
        return f"{subject} ({gap}), and {verdict}: " + "; ".join(parts) + "."
