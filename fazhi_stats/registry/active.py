"""Which registry the library uses: the study it works in, unless told otherwise.

Every loader (``load_indicators()``, ``load_regions()`` …) and every function that looks an
indicator up reads the *active* registry: the one set by :func:`use_registry` or
:func:`use_study` (the CLI and the build set it to the study they run in), else the registry of
the study directory containing the working directory (merged with its ``registry/`` folder),
else the package's own. In a notebook inside a study, the study's indicators simply work.

>>> with use_registry(load_registry()):
...     "mediation_success_rate" in load_indicators()
True
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from fazhi_stats.registry.load import load_registry
from fazhi_stats.registry.model import (
    Indicator,
    PartWhole,
    Qualifiers,
    Region,
    Registry,
    UnitRegistry,
)

_ACTIVE: ContextVar[Registry | None] = ContextVar("fazhi_stats_registry", default=None)


@cache
def _default_registry(cwd: str, env: str | None) -> Registry:
    """The registry of the study around ``cwd`` (or ``$FAZHI_STATS_ROOT``), read once per
    process; :func:`use_study` reads a study's registry again after an edit."""
    from fazhi_stats.errors import FazhiError
    from fazhi_stats.project import Project

    try:
        root: Path | None = Project.discover(Path(env or cwd)).root
    except FazhiError:
        root = None
    return load_registry(root)


def active_registry() -> Registry:
    """The registry in use here (see the module docstring)."""
    registry = _ACTIVE.get()
    if registry is not None:
        return registry
    # os.getcwd: a str at once (Path.cwd builds a path; this runs once per document read)
    return _default_registry(os.getcwd(), os.environ.get("FAZHI_STATS_ROOT"))  # noqa: PTH109


@contextmanager
def use_registry(registry: Registry) -> Iterator[Registry]:
    """Use ``registry`` for everything inside the ``with`` block."""
    token = _ACTIVE.set(registry)
    try:
        yield registry
    finally:
        _ACTIVE.reset(token)


@contextmanager
def use_study(study: Path | str) -> Iterator[Registry]:
    """Use the registry of the study directory ``study`` (package + its ``registry/``)."""
    with use_registry(load_registry(study)) as registry:
        yield registry


def load_indicators() -> Mapping[str, Indicator]:
    """Indicators by id, of the active registry."""
    return active_registry().indicators


def load_regions() -> Mapping[str, Region]:
    """Regions by 6-digit administrative code (GB/T 2260), of the active registry."""
    return active_registry().regions


def load_units() -> UnitRegistry:
    """Standard units, magnitudes, units as written and recurrence words."""
    return active_registry().units


def load_qualifiers() -> Qualifiers:
    """Qualifier words before and after a number → comparator."""
    return active_registry().qualifiers


def load_relations() -> tuple[PartWhole, ...]:
    """Part–whole relations between counts (sums and funnels)."""
    return active_registry().relations
