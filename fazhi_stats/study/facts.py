"""The numbers the study's prose quotes, computed from ``data/processed`` (never typed).

Pages load a :class:`Study` once and use its counts and look-ups in inline code, so a sentence
such as "2447 of 2454 mediated disputes" is recomputed from the data on every render; a
look-up that no longer finds its observation stops the build instead of printing a stale
number.

>>> s = load_study()                                              # doctest: +SKIP
>>> s.n_observations, num(s.value("disputes_resolved_count", region="350902"))  # doctest: +SKIP
(53, '2447')
"""

from __future__ import annotations

import csv
import hashlib
import json
import platform
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fazhi_stats.config import StudyConfig
from fazhi_stats.errors import FazhiError
from fazhi_stats.project import Project
from fazhi_stats.settings import Settings
from fazhi_stats.study.formatting import Markdown, num
from fazhi_stats.study.links import ROOT_LINKS, SiteLinks, md_link, page_base


@dataclass(frozen=True)
class Study:
    """The processed tables of a study, with the counts and look-ups its pages quote."""

    root: Path
    config: StudyConfig
    observations: Any
    documents: Any
    milestones: Any
    attainment: Any
    ambition: Any
    consistency: Any
    proportions: Any
    commitments: Any
    datapackage: dict[str, Any]
    links: SiteLinks = ROOT_LINKS

    @property
    def settings(self) -> Settings:
        """The assumptions the study's numbers rest on (from its ``study.yml``)."""
        return self.config.settings

    @property
    def families(self) -> tuple[str, ...]:
        """The families the study is about (shown first)."""
        return self.config.families

    # -- counts --------------------------------------------------------------------------

    @property
    def n_documents(self) -> int:
        return int(self.documents.height)

    @property
    def n_regions(self) -> int:
        """Regions with a known code among the documents."""
        return int(self.documents["region_code"].drop_nulls().n_unique())

    @property
    def n_documents_unknown_region(self) -> int:
        return int(self.documents["region_code"].null_count())

    def n_doc_kind(self, *kinds: str) -> int:
        """Documents of the given kinds (plan, work_points, report, national)."""
        import polars as pl

        return int(self.documents.filter(pl.col("doc_kind").is_in(list(kinds))).height)

    @property
    def n_observations(self) -> int:
        return int(self.observations.height)

    def n_kind(self, kind: str) -> int:
        """Observations of one kind (target, actual, mixed)."""
        import polars as pl

        return int(self.observations.filter(pl.col("kind") == kind).height)

    @property
    def n_families(self) -> int:
        """Families with at least one number in the data."""
        return int(self.observations["family"].n_unique())

    @property
    def n_unclassified(self) -> int:
        """Numbers with no registry indicator: kept and counted, never compared."""
        return int(self.observations["indicator_id"].null_count())

    @property
    def n_curated(self) -> int:
        """Observations a curator has made their own: classified, and no longer carrying the
        note of an extractor's proposal."""
        import polars as pl

        from fazhi_stats.extract.propose import DRAFT_NOTE

        rows = self.observations.filter(
            pl.col("indicator_id").is_not_null() & (pl.col("note").fill_null("") != DRAFT_NOTE)
        )
        return int(rows.height)

    @property
    def n_classified(self) -> int:
        return self.n_observations - self.n_unclassified

    def n_classified_kind(self, *kinds: str) -> int:
        """Classified observations of the given kinds."""
        import polars as pl

        rows = self.observations.filter(
            pl.col("kind").is_in(list(kinds)) & pl.col("indicator_id").is_not_null()
        )
        return int(rows.height)

    @property
    def families_shown(self) -> tuple[str, ...]:
        """The families the pages show: the study's own (``study.yml``), else those its
        numbers fall in, the fullest first."""
        if self.config.families:
            return tuple(self.config.families)
        counts = (
            self.observations.group_by("family")
            .len()
            .sort(["len", "family"], descending=[True, False])
        )
        return tuple(str(f) for f in counts["family"].to_list() if f is not None)

    def kind_counts(self) -> dict[str, int]:
        """Observations by kind, every kind present (in the vocabulary's order)."""
        from fazhi_stats.vocabulary import KINDS

        present = self.observations["kind"].to_list()
        return {k: present.count(k) for k in KINDS.ids if k in present}

    @property
    def period_range(self) -> tuple[int, int] | None:
        """First and last year the documents' periods cover (None if no document is dated)."""
        years = [
            *self.documents["period_start"].drop_nulls().to_list(),
            *self.documents["period_end"].drop_nulls().to_list(),
        ]
        return (min(years), max(years)) if years else None

    @property
    def n_undated_documents(self) -> int:
        return int(self.documents["period_start"].null_count())

    @property
    def n_milestones(self) -> int:
        return int(self.milestones.height)

    @property
    def n_milestones_dated(self) -> int:
        return int(self.milestones["deadline"].drop_nulls().len())

    def n_status(self, *statuses: str, grade: str | None = None) -> int:
        """Rows of attainment.csv with one of ``statuses`` (and the comparability ``grade``)."""
        import polars as pl

        rows = self.attainment.filter(pl.col("status").is_in(list(statuses)))
        if grade is not None:
            rows = rows.filter(pl.col("grade") == grade)
        return int(rows.height)

    def n_consistency(self, status: str) -> int:
        import polars as pl

        return int(self.consistency.filter(pl.col("status") == status).height)

    @property
    def is_empty(self) -> bool:
        """No document yet (a new study)."""
        return self.n_documents == 0

    @property
    def year_range(self) -> tuple[int, int] | None:
        """First and last year any document or dated deadline refers to (None if none)."""
        years = [
            *self.documents["period_start"].drop_nulls().to_list(),
            *self.documents["period_end"].drop_nulls().to_list(),
            *[d.year for d in self.documents["date_issued"].drop_nulls().to_list()],
            *[d.year for d in self.milestones["deadline"].drop_nulls().to_list()],
        ]
        return (min(years), max(years)) if years else None

    def regions_text(self, *, sep: str = "、") -> str:
        """Chinese names of the regions with documents, in code order."""
        import polars as pl

        names = (
            self.documents.filter(pl.col("region_code").is_not_null())
            .sort("region_code")["region_name_zh"]
            .unique(maintain_order=True)
            .to_list()
        )
        return sep.join(names)

    # -- look-ups ------------------------------------------------------------------------

    def observation(
        self, indicator_id: str, *, region: str | None = None, kind: str | None = None
    ) -> dict[str, Any]:
        """The one observation of an indicator (in a region, of a kind); raises when there is
        none or more than one, so prose never quotes the wrong number."""
        import polars as pl

        rows = self.observations.filter(pl.col("indicator_id") == indicator_id)
        if region is not None:
            rows = rows.filter(pl.col("region_code") == region)
        if kind is not None:
            rows = rows.filter(pl.col("kind") == kind)
        if rows.height != 1:
            raise FazhiError(
                f"expected one observation of {indicator_id!r} (region={region}, kind={kind}), "
                f"found {rows.height}; the page quoting it needs updating"
            )
        row: dict[str, Any] = rows.row(0, named=True)
        return row

    def value(
        self, indicator_id: str, *, region: str | None = None, kind: str | None = None
    ) -> float:
        """``value_std`` of the one matching observation."""
        return float(self.observation(indicator_id, region=region, kind=kind)["value_std"])

    def quote(
        self, indicator_id: str, *, region: str | None = None, kind: str | None = None
    ) -> str:
        """The sentence the matching observation quotes."""
        return str(self.observation(indicator_id, region=region, kind=kind)["quote"])

    def cite(self, row: dict[str, Any], text: str | None = None) -> Markdown:
        """``text`` (default: the number as written) as a link to the sentence of the
        observation (or milestone, commitment) ``row`` on its document's page, the quote as
        its title."""
        ident = row.get("observation_id") or row.get("milestone_id") or row.get("commitment_id")
        shown = text if text is not None else num(row.get("value"))
        href = self.links.source(str(row["document_id"]), ident)
        return Markdown(md_link(shown, href, title=f"{row['document_id']}: {row['quote']}"))

    def consistency_row(self, rate_indicator_id: str) -> dict[str, Any]:
        import polars as pl

        rows = self.consistency.filter(pl.col("rate_indicator_id") == rate_indicator_id)
        if rows.height != 1:
            raise FazhiError(
                f"expected one consistency check of {rate_indicator_id!r}, found {rows.height}"
            )
        row: dict[str, Any] = rows.row(0, named=True)
        return row

    @property
    def confidence_percent(self) -> float:
        """Confidence level of the intervals in proportions.csv, in percent."""
        levels = self.proportions["confidence"].unique().to_list()
        if len(levels) != 1:
            raise FazhiError(f"expected one confidence level in proportions.csv, got {levels}")
        return float(levels[0]) * 100

    def interval(self, rate_indicator_id: str, method: str = "wilson") -> tuple[float, float]:
        """Confidence interval (percent) of a rate from proportions.csv."""
        import polars as pl

        rows = self.proportions.filter(
            (pl.col("rate_indicator_id") == rate_indicator_id) & (pl.col("method") == method)
        )
        if rows.height != 1 or rows["lower"][0] is None:
            raise FazhiError(f"expected one {method} interval of {rate_indicator_id!r}")
        return (float(rows["lower"][0]), float(rows["upper"][0]))


def comparability_counts() -> dict[str, int]:
    """Declared comparability links of the shipped indicator registry, by grade (every grade of
    the vocabulary, zero when unused)."""
    from fazhi_stats.registry import load_indicators
    from fazhi_stats.vocabulary import GRADES

    counts: dict[str, int] = dict.fromkeys(GRADES.ids, 0)
    for indicator in load_indicators().values():
        for link in indicator.comparable:
            counts[link.grade] += 1
    return counts


def load_study(path: str | Path | Project | None = None, *, base: str | None = None) -> Study:
    """The processed tables of the study at ``path`` (default: discovered from the cwd).

    ``base``: the way from the page that shows the study up to the site's root, for links
    (default: read from the renderer, see :func:`~fazhi_stats.study.links.page_base`).
    """
    from fazhi_stats.schema.load import load_table

    project = (
        path
        if isinstance(path, Project)
        else (Project.discover(Path(path)) if path is not None else Project.discover())
    )
    processed = project.processed_dir
    tables = {
        name: load_table(name, processed)
        for name in (
            "observations",
            "documents",
            "milestones",
            "attainment",
            "ambition",
            "consistency",
            "proportions",
            "commitments",
        )
    }
    descriptor = json.loads((processed / "datapackage.json").read_text(encoding="utf-8"))
    return Study(
        root=project.root,
        config=project.config,
        datapackage=descriptor,
        links=SiteLinks(page_base()) if base is None else SiteLinks(base),
        **tables,
    )


@dataclass(frozen=True)
class Colophon:
    """What a reader needs to reproduce the study: versions and hashes."""

    package_version: str
    python_version: str
    lockfile_sha256: str | None
    data: tuple[tuple[str, str], ...]  # (file, sha256) of every processed file
    n_inputs: int


def colophon(study: Study) -> Colophon:
    """Package version, Python version, uv.lock hash and the hashes of the processed files."""
    from fazhi_stats import __version__

    lock = study.root / "uv.lock"
    lock_hash = hashlib.sha256(lock.read_bytes()).hexdigest() if lock.is_file() else None
    data = tuple(
        (str(r["path"]), str(r.get("hash", "")).removeprefix("sha256:"))
        for r in study.datapackage.get("resources", [])
    )
    inputs = study.datapackage.get("fazhi_stats", {}).get("inputs", [])
    return Colophon(
        package_version=__version__,
        python_version=platform.python_version(),
        lockfile_sha256=lock_hash,
        data=data,
        n_inputs=len(inputs),
    )


def extraction_quality(
    study: Study | Project, table: str = "extraction_quality.csv"
) -> dict[str, str] | None:
    """The ``all`` row of ``reports/tables/<table>`` (written by ``fazhi-stats evaluate``: the
    study's annotations, or ``extraction_quality_development.csv``, the development set), with
    ``texts``, the number of rows above it; None when that table has not been written."""
    root = study.root
    path = root / "reports" / "tables" / table
    if not path.is_file():
        return None
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        if row.get("document_id") == "all":
            return {**row, "texts": str(len(rows) - 1)}
    return None
