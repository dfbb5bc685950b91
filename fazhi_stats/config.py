"""A study's configuration, ``study.yml``: its title, the regions it compares, its settings.

Every page, stage and command of a study reads it, so nothing about a particular study is
written in the library or in the generic pages. A study without ``study.yml`` gets the defaults
(no title, all regions and families of its data, :data:`~fazhi_stats.settings.DEFAULT_SETTINGS`).

>>> config = StudyConfig.from_mapping({"title_en": "Two counties", "regions": ["350205"],
...                                    "settings": {"class_hour_minutes": 40}})
>>> config.settings.class_hour_minutes, config.regions
(40, ('350205',))
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from fazhi_stats.errors import DataError, FazhiError, Problem
from fazhi_stats.settings import DEFAULT_SETTINGS, Settings
from fazhi_stats.vocabulary import FAMILIES, is_region_code

CONFIG_FILE = "study.yml"


@dataclass(frozen=True)
class StudyConfig:
    """What a study is about.

    ``regions``: GB/T 2260 codes of the regions the study compares, in the order its pages show
    them (empty: every region of its documents). ``families``: the indicator families the study
    is about, shown first in figures and tables (empty: all, in vocabulary order).
    """

    title_zh: str = ""
    title_en: str = ""
    subtitle_zh: str = ""
    subtitle_en: str = ""
    regions: tuple[str, ...] = ()
    families: tuple[str, ...] = ()
    settings: Settings = field(default=DEFAULT_SETTINGS)
    source: str = CONFIG_FILE

    @property
    def title(self) -> str:
        """``"中文 / English"`` title, or what there is of it."""
        return " / ".join(t for t in (self.title_zh, self.title_en) if t)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], *, source: str = CONFIG_FILE) -> StudyConfig:
        """Validate a parsed ``study.yml``; every problem is reported at once."""
        problems: list[Problem] = []
        known = {f.name for f in fields(cls)} - {"source"}
        for key in sorted(set(data) - known):
            problems.append(
                Problem(source, key, "unknown key", f"one of {', '.join(sorted(known))}")
            )
        texts: dict[str, str] = {}
        for key in ("title_zh", "title_en", "subtitle_zh", "subtitle_en"):
            value = data.get(key, "")
            if value is not None and not isinstance(value, str):
                problems.append(Problem(source, key, f"{value!r} is not text", "a string"))
            texts[key] = str(value or "")
        regions = _codes(data.get("regions"), source, problems)
        families = _words(data.get("families"), "families", source, problems)
        for family in families:
            if family not in FAMILIES:
                problems.append(
                    Problem(source, "families", f"unknown family {family!r}", FAMILIES.expected())
                )
        settings = DEFAULT_SETTINGS
        raw = data.get("settings") or {}
        if not isinstance(raw, Mapping):
            problems.append(Problem(source, "settings", "not a mapping", "name: value pairs"))
        else:
            try:
                settings = DEFAULT_SETTINGS.updated(dict(raw), where="settings")
            except (FazhiError, TypeError, ValueError) as exc:
                problems.append(Problem(source, "settings", str(exc)))
        if problems:
            raise DataError(problems)
        return cls(
            **texts,
            regions=regions,
            families=families,
            settings=settings,
            source=source,
        )


def _words(value: Any, key: str, source: str, problems: list[Problem]) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        problems.append(Problem(source, key, f"{value!r} is not a list", "a list of ids"))
        return ()
    return tuple(str(v) for v in value)


def _codes(value: Any, source: str, problems: list[Problem]) -> tuple[str, ...]:
    codes = _words(value, "regions", source, problems)
    for code in codes:
        if not is_region_code(code):
            problems.append(
                Problem(
                    source,
                    "regions",
                    f"{code!r} is not a region code",
                    "a 6-digit GB/T 2260 code, or a township's 9 digits",
                )
            )
    return codes


def load_study_config(root: Path) -> StudyConfig:
    """``root/study.yml``, validated; the defaults when the study has none."""
    from fazhi_stats._yaml import read_yaml

    path = root / CONFIG_FILE
    if not path.is_file():
        return StudyConfig()
    data = read_yaml(path)
    if data is None:
        return StudyConfig(source=str(path))
    if not isinstance(data, Mapping):
        raise DataError([Problem(str(path), "", "not a mapping", "keys such as title_en, regions")])
    return StudyConfig.from_mapping(data, source=str(path))
