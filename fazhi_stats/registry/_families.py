"""The family registry: words that place a commitment or a heading in an indicator family."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

from fazhi_stats._yaml import read_yaml
from fazhi_stats.errors import Problem, RegistryError
from fazhi_stats.registry._load import load_indicators, registry_path
from fazhi_stats.vocabulary import FAMILIES


@cache
def load_family_keywords(path: Path | None = None) -> Mapping[str, tuple[str, ...]]:
    """Topic words per family: the registry's own, plus its indicators' keywords.

    >>> "学法" in load_family_keywords()["training"]
    True
    """
    file = path or registry_path("families")
    data = read_yaml(file, error=RegistryError)
    problems: list[Problem] = []
    families = data.get("families") if isinstance(data, dict) else None
    if not isinstance(families, dict):
        raise RegistryError([Problem(str(file), "", "expected a mapping under 'families'")])
    ignored = {str(w) for w in (data.get("not_topic_words") or [])}
    words: dict[str, list[str]] = {}
    for family, listed in families.items():
        if family not in FAMILIES:
            problems.append(
                Problem(str(file), f"family {family}", "unknown family", FAMILIES.expected())
            )
            continue
        if not isinstance(listed, list) or not all(isinstance(w, str) and w for w in listed):
            problems.append(Problem(str(file), f"family {family}", "expected a list of words"))
            continue
        words[str(family)] = list(listed)
    if problems:
        raise RegistryError(problems)
    for indicator in load_indicators().values():
        own = words.setdefault(indicator.family, [])
        own += [k for k in indicator.keywords if k not in ignored]
    return {f: tuple(dict.fromkeys(w)) for f, w in words.items() if f in FAMILIES}
