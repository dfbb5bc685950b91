"""What the study's documents give a composite index: the figures the "Toward a composite" page
quotes, each computed by the panel functions from the processed observations.

>>> s = load_study()                                                  # doctest: +SKIP
>>> facts = composite_facts(s.observations, s.documents, settings=s.settings)  # doctest: +SKIP
>>> facts.n_regions, facts.ranking_possible                          # doctest: +SKIP
(1, False)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fazhi_stats.errors import DataError
from fazhi_stats.panel import (
    Method,
    build_panel,
    composite_readiness,
    normalise_panel,
    panel_coverage,
    panel_exclusions,
    rank_uncertainty,
)
from fazhi_stats.settings import Settings


@dataclass(frozen=True)
class CompositeFacts:
    """Panels of the study (achievements; targets with plan periods expanded) and what the
    composite functions say about them."""

    achievements: Any  # the panel of achievements (polars)
    targets: Any  # the panel of targets, a plan's period expanded to each of its years
    coverage: Any  # panel_coverage of the achievements
    target_coverage: Any  # panel_coverage of the targets
    exclusions: Any  # panel_exclusions of the achievements, counted by reason
    readiness: Any  # composite_readiness of the achievements under the default Method
    scores: Any  # normalise_panel (min–max by year) of the achievements
    documents: Any  # per document: what it gives the panels
    refusal: str | None  # rank_uncertainty's message where it refuses, else None
    n_numbers: int = 0  # observations of the study
    n_actual: int = 0  # of them achievements (kind actual)
    n_actual_classified: int = 0  # of those, with a registry indicator

    @property
    def empty_reason(self) -> tuple[str, str]:
        """Why the panel of achievements has no row (Chinese, English), from the data."""
        from fazhi_stats.study.prose import noun

        k = self.n_actual
        if self.n_numbers == 0:
            return ("本研究还没有数字", "the study has no number yet")
        if k == 0:
            return (
                "文件没有给出实绩（只有目标或混合表述）",
                "no document gives an achievement (only targets or hedged statements)",
            )
        if self.n_actual_classified == 0:
            return (
                f"{k} 个实绩都未归类（没有登记表指标）",
                "the one achievement is not classified (no registry indicator)"
                if k == 1
                else f"none of the {k} achievements is classified (no registry indicator)",
            )
        c = self.n_actual_classified
        return (
            f"{c} 个已归类的实绩都没有地区或单一年份",
            f"the {c} classified {noun(c, 'achievement')} {'has' if c == 1 else 'have'} no "
            "region or no single year",
        )

    @property
    def n_rows(self) -> int:
        return int(self.achievements.height)

    @property
    def n_regions(self) -> int:
        return int(self.achievements["region_code"].n_unique())

    @property
    def years(self) -> list[int]:
        return sorted(int(y) for y in self.achievements["year"].unique())

    @property
    def n_indicators(self) -> int:
        return int(self.achievements["indicator_id"].n_unique())

    @property
    def n_disagreements(self) -> int:
        return int(self.achievements["disagreement"].sum())

    def excluded(self, reason: str) -> int:
        """Observations left out of the achievements panel for ``reason``."""
        import polars as pl

        rows = self.exclusions.filter(pl.col("reason") == reason)
        return int(rows["n"].sum()) if rows.height else 0

    @property
    def n_target_rows(self) -> int:
        return int(self.targets.height)

    @property
    def n_target_regions(self) -> int:
        return int(self.targets["region_code"].n_unique())

    @property
    def n_target_years(self) -> int:
        return int(self.targets["year"].n_unique())

    @property
    def max_shared_targets(self) -> int:
        """The most indicators two regions' targets share in any one year."""
        return int(self.target_coverage["n_shared"].max() or 0)

    @property
    def max_shared(self) -> int:
        return int(self.coverage["n_shared"].max() or 0)

    @property
    def n_scored(self) -> int:
        """Achievements with a min–max score (by year)."""
        return int(self.scores["score_lower"].is_not_null().sum())

    def score_notes(self) -> dict[str, int]:
        """Why achievements have no min–max score: note → count."""
        import polars as pl

        notes = self.scores.filter(pl.col("score_note").is_not_null())
        return {str(k): int(v) for k, v in notes.group_by("score_note").len().iter_rows()}

    @property
    def ranking_possible(self) -> bool:
        return bool(self.readiness["ready"].any())


def composite_facts(
    observations: Any, documents: Any, *, settings: Settings | None = None
) -> CompositeFacts:
    """The study's panels and what the composite functions say about them.

    ``settings``: the study's assumptions (its ``study.yml``), recorded on the panel rows.
    """
    import polars as pl

    from fazhi_stats.schema.backends import to_polars

    obs, _ = to_polars(observations)
    docs, _ = to_polars(documents)
    achievements = build_panel(obs, settings=settings)
    targets = build_panel(obs, kinds=("target",), expand_periods=True, settings=settings)
    method = Method()
    if achievements.height == 0:  # a new study: nothing to normalise, score or rank
        scores = achievements.with_columns(
            score_lower=pl.lit(None, pl.Float64),
            score_upper=pl.lit(None, pl.Float64),
            score_note=pl.lit(None, pl.String),
        )
        refusal: str | None = "no achievement in the panel"
        readiness = pl.DataFrame(
            schema={
                "year": pl.Int64,
                "n_regions": pl.Int64,
                "n_with_index": pl.Int64,
                "n_expected": pl.Int64,
                "ready": pl.Boolean,
                "reason": pl.String,
            }
        )
    else:
        readiness = composite_readiness(achievements, method)
        scores = normalise_panel(achievements, method="minmax", by="year")
        try:
            rank_uncertainty(achievements, method, draws=64, seed=0)
            refusal = None
        except DataError as error:
            refusal = "; ".join(f"{p.entry}: {p.message}" for p in error.problems)
    exclusions = panel_exclusions(obs).group_by("reason").agg(n=pl.len()).sort("reason")
    return CompositeFacts(
        achievements=achievements,
        targets=targets,
        coverage=panel_coverage(achievements),
        target_coverage=panel_coverage(targets),
        exclusions=exclusions,
        readiness=readiness,
        scores=scores,
        documents=_per_document(obs, docs, achievements, targets),
        refusal=refusal,
        n_numbers=int(obs.height),
        n_actual=int(obs.filter(pl.col("kind") == "actual").height),
        n_actual_classified=int(
            obs.filter((pl.col("kind") == "actual") & pl.col("indicator_id").is_not_null()).height
        ),
    )


def _per_document(obs: Any, docs: Any, achievements: Any, targets: Any) -> Any:
    """Per document: its observations by kind, and the panel rows that cite it."""
    import polars as pl

    def cited(panel: Any, name: str) -> Any:
        return (
            panel.select(pl.col("document_ids").str.split(";").alias("document_id"), "year")
            .explode("document_id")
            .group_by("document_id")
            .agg(pl.len().alias(name), pl.col("year").unique().sort().alias(f"{name}_years"))
        )

    kinds = obs.group_by("document_id").agg(
        n_observations=pl.len(),
        **{f"n_{k}": (pl.col("kind") == k).sum() for k in ("actual", "target", "mixed")},
    )
    return (
        docs.select("document_id", "region_code", "doc_kind")
        .join(kinds, on="document_id", how="left")
        .join(cited(achievements, "achievement_rows"), on="document_id", how="left")
        .join(cited(targets, "target_rows"), on="document_id", how="left")
        .with_columns(
            pl.col("^n_.*$", "achievement_rows", "target_rows").fill_null(0).cast(pl.Int64),
            pl.col("achievement_rows_years", "target_rows_years")
            .list.eval(pl.element().cast(pl.String))
            .list.join("、")
            .fill_null(""),
        )
        .sort("document_id")
    )
