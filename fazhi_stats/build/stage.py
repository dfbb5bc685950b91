"""The shape of a build stage: load its inputs from files, process them, save its outputs.

Every stage reads only files — the raw documents and annotations, or the outputs of the stages
before it — so any stage runs on its own (``fazhi-stats build --only compare``) from what is on
disk, and says which files it read.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Generic, TypeVar

from fazhi_stats.config import StudyConfig
from fazhi_stats.project import Project

In = TypeVar("In")
Out = TypeVar("Out")


@dataclass(frozen=True)
class StageRun:
    """What one run of a stage read and wrote, and what the reader should be told."""

    stage: str
    inputs: tuple[Path, ...]
    written: tuple[Path, ...]
    notices: tuple[str, ...] = ()


class Stage(ABC, Generic[In, Out]):
    """A build stage: ``load`` → ``process`` → ``save``.

    ``staged`` stages write into the build's staging copy of the output directories (swapped in
    only when every staged stage succeeded); the others (the site) swap their own outputs.
    ``after`` names the stage whose outputs this one reads (None: the raw inputs).
    """

    name: ClassVar[str]
    description: ClassVar[str]
    after: ClassVar[str | None] = None
    staged: ClassVar[bool] = True

    @abstractmethod
    def inputs(self, project: Project) -> list[Path]:
        """The files :meth:`load` reads."""

    @abstractmethod
    def load(self, project: Project) -> In:
        """Read (and validate) the inputs; raise a :class:`~fazhi_stats.errors.FazhiError`
        naming every problem."""

    @abstractmethod
    def process(self, data: In, config: StudyConfig) -> Out:
        """Compute the outputs in memory (no file is written)."""

    @abstractmethod
    def save(self, result: Out, project: Project) -> list[Path]:
        """Write the outputs atomically; return the paths written."""

    def notices(self, result: Out) -> tuple[str, ...]:
        """What the build summary should tell the reader about this run (default: nothing)."""
        return ()

    def run(self, project: Project) -> StageRun:
        inputs = self.inputs(project)
        result = self.process(self.load(project), project.config)
        written = self.save(result, project)
        return StageRun(self.name, tuple(inputs), tuple(written), self.notices(result))
