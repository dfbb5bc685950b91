"""The raw inputs of a study and their fingerprint: what ``data/processed`` was built from.

The Data Package records the sha256 of every input; a stage run on its own (``build --only
compare``) compares them with the files on disk, so it never works silently on stale data.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from fazhi_stats.errors import FazhiError
from fazhi_stats.project import Project

PACKAGE_PREFIX = "package:"


def raw_inputs(project: Project) -> list[Path]:
    """Documents, sidecars, annotations, the study's registry and configuration, sorted."""
    files = [
        p
        for directory in (project.documents_dir, project.annotations_dir, project.registry_dir)
        if directory.is_dir()
        for p in sorted(directory.iterdir())
        if p.suffix in (".txt", ".yml")
    ]
    config = project.root / "study.yml"
    return [*files, config] if config.is_file() else files


def _registry_files() -> list[Path]:
    from fazhi_stats.registry import registry_path

    return sorted(registry_path("indicators").parent.glob("*.yml"))


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fingerprint(project: Project) -> list[dict[str, str]]:
    """``{"path", "sha256"}`` of every input, the package's registries included."""
    entries = [
        {"path": str(p.relative_to(project.root)), "sha256": _sha256(p)}
        for p in raw_inputs(project)
    ]
    entries += [
        {"path": f"{PACKAGE_PREFIX}registry/{p.name}", "sha256": _sha256(p)}
        for p in _registry_files()
    ]
    return entries


def recorded_inputs(processed_dir: Path) -> list[dict[str, str]] | None:
    """The inputs ``datapackage.json`` says the processed files were built from."""
    path = processed_dir / "datapackage.json"
    if not path.is_file():
        return None
    try:
        descriptor: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None
    inputs = descriptor.get("fazhi_stats", {}).get("inputs")
    return inputs if isinstance(inputs, list) else None


def changed_inputs(project: Project) -> list[str]:
    """Inputs that differ from those ``data/processed`` was built from (added, removed or
    edited); ``["data/processed"]`` when it records none."""
    recorded = recorded_inputs(project.processed_dir)
    if recorded is None:
        return ["data/processed (not built yet)"]
    before = {e["path"]: e["sha256"] for e in recorded}
    now = {e["path"]: e["sha256"] for e in fingerprint(project)}
    return sorted(p for p in before.keys() | now.keys() if before.get(p) != now.get(p))


def require_fresh(project: Project, stage: str) -> None:
    """Raise when ``data/processed`` was built from other inputs than those on disk."""
    changed = changed_inputs(project)
    if changed:
        shown = ", ".join(changed[:5]) + (
            f" and {len(changed) - 5} more" if len(changed) > 5 else ""
        )
        raise FazhiError(
            f"stage {stage} reads data/processed, which was built from other inputs: {shown} "
            "changed since; run `fazhi-stats build` (or add `process` to --only)"
        )
