"""Where a study keeps its files. Paths live here and nowhere else.

A study directory has the layout of this repository (``data/raw/documents``,
``data/raw/annotations``, ``data/processed``, ``reports/``). The library never assumes
where that directory is: callers pass a root, or :meth:`Project.discover` walks up from the
working directory (or ``$FAZHI_STATS_ROOT``) to find one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from fazhi_stats.errors import FazhiError

if TYPE_CHECKING:
    from fazhi_stats.config import StudyConfig
    from fazhi_stats.registry import Registry


@dataclass(frozen=True)
class Project:
    """Paths of a study directory.

    ``output_root``, when set, redirects the generated outputs (processed data, figures,
    tables) to a staging directory, so that a build can be swapped in only once it succeeded.
    """

    root: Path
    output_root: Path | None = None

    #: Directories the build generates, relative to the root (the site is swapped on its own).
    OUTPUT_DIRS: ClassVar[tuple[Path, ...]] = (
        Path("data", "processed"),
        Path("reports", "figures"),
        Path("reports", "tables"),
        Path("reports", "sources"),  # a page per document (the pages stage)
        Path("reports", "regions"),  # a page per region (the pages stage)
    )

    @cached_property
    def config(self) -> StudyConfig:
        """The study's ``study.yml`` (defaults when there is none)."""
        from fazhi_stats.config import load_study_config

        return load_study_config(self.root)

    @property
    def registry(self) -> Registry:
        """The package's registries merged with the study's ``registry/`` folder (if any)."""
        from fazhi_stats.registry import load_registry

        return load_registry(self.root)

    @property
    def registry_dir(self) -> Path:
        return self.root / "registry"

    @property
    def _out(self) -> Path:
        return self.output_root if self.output_root is not None else self.root

    @property
    def documents_dir(self) -> Path:
        return self.root / "data" / "raw" / "documents"

    @property
    def annotations_dir(self) -> Path:
        return self.root / "data" / "raw" / "annotations"

    @property
    def processed_dir(self) -> Path:
        return self._out / "data" / "processed"

    @property
    def reports_dir(self) -> Path:
        return self.root / "reports"

    @property
    def figures_dir(self) -> Path:
        return self._out / "reports" / "figures"

    @property
    def tables_dir(self) -> Path:
        return self._out / "reports" / "tables"

    @property
    def source_pages_dir(self) -> Path:
        """Generated pages, one per document."""
        return self._out / "reports" / "sources"

    @property
    def region_pages_dir(self) -> Path:
        """Generated pages, one per region."""
        return self._out / "reports" / "regions"

    @property
    def analysis_dir(self) -> Path:
        return self.root / "analysis"

    @property
    def evaluation_gold_path(self) -> Path:
        """The development set of the extractor: real texts and the gold file labelling them."""
        return self.root / "tests" / "data" / "evaluation" / "gold.json"

    @property
    def site_dir(self) -> Path:
        return self.root / "_site"

    def staged(self, staging: Path) -> Project:
        """The same study with its outputs redirected to ``staging``."""
        return Project(self.root, output_root=staging)

    @classmethod
    def discover(cls, start: Path | None = None) -> Project:
        """The study directory containing ``start`` (default: $FAZHI_STATS_ROOT or the cwd)."""
        env = os.environ.get("FAZHI_STATS_ROOT")
        here = Path(start or env or Path.cwd()).resolve()
        for candidate in (here, *here.parents):
            if (candidate / "data" / "raw" / "documents").is_dir():
                return cls(candidate)
        raise FazhiError(
            f"no study directory (with data/raw/documents) at or above {here}; "
            "pass a path, or set FAZHI_STATS_ROOT"
        )
