"""Region profiles: what the study holds about each region, and what it lacks.

:func:`region_profile` gathers, for one region (or the documents of unknown region), its
documents, targets, achievements, deadlines, commitments, consistency checks, the comparisons
it takes part in and the documents it is missing; :func:`profile_summary` says it in a
sentence; :func:`region_index` is the table of every region that the index page shows.

>>> from fazhi_stats.study import load_study                 # doctest: +SKIP
>>> region_profile(load_study(), "350902").n_actual            # doctest: +SKIP
34
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fazhi_stats.labels import doc_kind_label, region_names
from fazhi_stats.study.calendar import MissingDocument, missing_documents
from fazhi_stats.study.formatting import Markdown, md, num
from fazhi_stats.study.links import md_link

if TYPE_CHECKING:
    import polars as pl

    from fazhi_stats.study.facts import Study

#: Section titles of a profile page (their ids are pandoc's, in both renderers).
SECTIONS = {
    "documents": "文件 / Documents",
    "targets": "目标 / Targets",
    "actuals": "实绩 / Achievements",
    "milestones": "期限 / Deadlines",
    "commitments": "承诺 / Commitments",
    "consistency": "一致性 / Consistency",
    "comparisons": "对照 / Comparisons",
    "missing": "缺少的证据 / Missing evidence",
}


def _is_region(column: str, code: str | None) -> Any:
    import polars as pl

    return pl.col(column).is_null() if code is None else pl.col(column) == code


@dataclass(frozen=True)
class RegionProfile:
    """The study's tables restricted to one region (``code`` None: documents of unknown
    region)."""

    code: str | None
    documents: pl.DataFrame
    targets: pl.DataFrame  # rows of ambition.csv
    observations: pl.DataFrame  # every observation of the region
    milestones: pl.DataFrame
    commitments: pl.DataFrame
    consistency: pl.DataFrame
    comparisons: pl.DataFrame  # attainment pairs where the region is either side
    missing: tuple[MissingDocument, ...]

    @property
    def n_targets(self) -> int:
        return int(self.observations.filter(self.observations["kind"] == "target").height)

    @property
    def n_actual(self) -> int:
        return int(self.observations.filter(self.observations["kind"] == "actual").height)

    @property
    def names(self) -> tuple[str, str]:
        return region_names(self.code)


def region_profile(study: Study, code: str | None) -> RegionProfile:
    """Everything the study holds about region ``code``."""
    import polars as pl

    docs = study.documents.filter(_is_region("region_code", code))
    # only real pairs (an achievement and a target both present): a row with one side missing
    # has no region on that side, which must never match the documents of unknown region
    att = study.attainment.filter(
        pl.col("target_observation_id").is_not_null()
        & pl.col("actual_observation_id").is_not_null()
    )
    comparisons = att.filter(
        _is_region("actual_region_code", code) | _is_region("target_region_code", code)
    )
    gaps = missing_documents(study.documents) if code is not None else None
    return RegionProfile(
        code=code,
        documents=docs,
        targets=study.ambition.filter(_is_region("region_code", code)),
        observations=study.observations.filter(_is_region("region_code", code)),
        milestones=study.milestones.filter(_is_region("region_code", code)),
        commitments=study.commitments.filter(_is_region("region_code", code)),
        consistency=study.consistency.filter(_is_region("region_code", code)),
        comparisons=comparisons,
        missing=gaps.of_region(code) if gaps is not None else (),
    )


def profile_regions(study: Study) -> tuple[str | None, ...]:
    """The regions that get a profile: the study's, in its order, then the documents of
    unknown region (None) if there are any."""
    from fazhi_stats.study.argument import study_regions

    regions: list[str | None] = list(study_regions(study))
    if study.n_documents_unknown_region:
        regions.append(None)
    return tuple(regions)


#: English names of document kinds (one, many), as a count reads.
DOC_KIND_WORDS = {
    "plan": ("plan", "plans"),
    "work_points": ("document of work points", "documents of work points"),
    "report": ("report", "reports"),
    "national": ("national document", "national documents"),
}


def _kinds(docs: pl.DataFrame, lang: str) -> str:
    from fazhi_stats.study.prose import plural

    parts = []
    for kind, n in docs.group_by("doc_kind").len().sort("doc_kind").iter_rows():
        if lang == "zh":
            parts.append(f"{num(n)} 份{doc_kind_label(kind).split(' / ')[0]}")
        else:
            one = doc_kind_label(kind).split(" / ")[-1]
            parts.append(plural(n, *DOC_KIND_WORDS.get(kind, (one, one))))
    return ("、" if lang == "zh" else ", ").join(parts)


def profile_summary(study: Study, profile: RegionProfile, lang: str) -> Markdown:
    """The profile in one sentence: documents, numbers, commitments, comparisons, gaps; a
    count of zero is left out, a count of one reads in the singular."""
    from fazhi_stats.build.site.identifiers import pandoc_identifier
    from fazhi_stats.study.prose import join, noun, verb

    zh, en = profile.names
    name = md(zh if lang == "zh" else en)
    n_docs = profile.documents.height
    if n_docs == 0:
        return Markdown(
            f"{name}还没有文件。" if lang == "zh" else f"The study has no document of {name} yet."
        )
    docs = _kinds(profile.documents, lang)
    counts = {
        "targets": profile.n_targets,
        "actuals": profile.n_actual,
        "milestones": profile.milestones.height,
        "commitments": profile.commitments.height,
        "comparisons": profile.comparisons.height,
        "missing": len(profile.missing),
    }

    def n(key: str) -> str:
        return md_link(num(counts[key]), "#" + pandoc_identifier(SECTIONS[key]))

    words_zh = {
        "targets": "个目标",
        "actuals": "个实绩",
        "milestones": "个期限",
        "commitments": "项承诺",
    }
    words_en = {
        "targets": ("target", "targets"),
        "actuals": ("achievement", "achievements"),
        "milestones": ("deadline", "deadlines"),
        "commitments": ("commitment", "commitments"),
    }
    held = [k for k in words_zh if counts[k]]
    k_cmp, k_miss = counts["comparisons"], counts["missing"]
    if lang == "zh":
        text = f"{name}：{docs}"
        if held:
            text += "；" + "、".join(f"{n(k)} {words_zh[k]}" for k in held)
        text += f"；参与 {n('comparisons')} 组对照" if k_cmp else "；不参与任何对照"
        if k_miss:
            text += f"；检验自身目标还缺 {n('missing')} 份文件"
        return Markdown(text + "。")
    text = f"{name}: {docs}"
    if held:
        text += "; " + join([f"{n(k)} {noun(counts[k], *words_en[k])}" for k in held], "en")
    text += (
        f"; it takes part in {n('comparisons')} {noun(k_cmp, 'comparison')}"
        if k_cmp
        else "; it takes part in no comparison"
    )
    if k_miss:
        text += (
            f"; {n('missing')} {noun(k_miss, 'document')} {verb(k_miss, 'is', 'are')} missing "
            "for a test against its own targets"
        )
    return Markdown(text + ".")


def missing_text(profile: RegionProfile, lang: str) -> Markdown:
    """The documents the region lacks, one sentence each."""
    if profile.code is None:
        return Markdown(
            "这些文件没有地区：先要确定发文地区和年份，才能与任何地区对照。"
            if lang == "zh"
            else "These documents name no region: their region and years are needed before "
            "they can be compared with anything."
        )
    if not profile.missing:
        return Markdown(
            "没有缺少的报告或计划。" if lang == "zh" else "No report or plan is missing."
        )
    lines = []
    for m in profile.missing:
        due = ""
        if m.due is not None:
            due = (
                f"（应于 {m.due.isoformat()} 前公开）"
                if lang == "zh"
                else f" (due by {m.due.isoformat()})"
            )
        because = ", ".join(m.because)
        if lang == "zh":
            what = f"{m.year} 年的年度报告" if m.kind == "report" else f"覆盖 {m.year} 年的计划"
            lines.append(f"- {what}{due}，因为 {md(because)} 涉及该年")
        else:
            what = (
                f"the annual report on {m.year}"
                if m.kind == "report"
                else f"a plan covering {m.year}"
            )
            lines.append(f"- {what}{due}, for {md(because)}")
    return Markdown("\n".join(lines))


#: the counts of the region index, in the order the regions table shows them
REGION_COUNTS = (
    "n_documents",
    "n_targets",
    "n_actual",
    "n_milestones",
    "n_commitments",
    "n_comparisons",
    "n_missing",
)


def region_index(study: Study) -> pl.DataFrame:
    """One row per profiled region: code, names, and the counts of its profile."""
    import polars as pl

    rows = []
    for code in profile_regions(study):
        p = region_profile(study, code)
        zh, en = p.names
        rows.append(
            {
                "region_code": code,
                "name_zh": zh,
                "name_en": en,
                "n_documents": p.documents.height,
                "n_targets": p.n_targets,
                "n_actual": p.n_actual,
                "n_milestones": p.milestones.height,
                "n_commitments": p.commitments.height,
                "n_comparisons": p.comparisons.height,
                "n_missing": len(p.missing),
            }
        )
    names = {"region_code": pl.String, "name_zh": pl.String, "name_en": pl.String}
    counts = dict.fromkeys(REGION_COUNTS, pl.Int64)
    return pl.DataFrame(rows, schema={**names, **counts})
