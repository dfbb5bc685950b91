"""Helpers shared by the tests of builds: the stages that write outputs, and output hashes."""

from __future__ import annotations

import hashlib
from pathlib import Path

from fazhi_stats.build.pipeline import STAGES
from fazhi_stats.project import Project

#: The stages that write data, figures and tables (everything but the site).
STAGED = tuple(s for s in STAGES if s.staged)


def output_hashes(root: Path) -> dict[str, str]:
    """sha256 of every file the build generates under ``root``, by relative path."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for rel in Project.OUTPUT_DIRS
        for p in sorted((root / rel).rglob("*"))
        if p.is_file()
    }
