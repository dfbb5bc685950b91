"""The family registry: words that place a commitment or a heading in an indicator family."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

from fazhi_stats._yaml import read_yaml
from fazhi_stats.errors import Problem, RegistryError
from fazhi_stats.registry.active import load_indicators
from fazhi_stats.registry.load import registry_path
from fazhi_stats.vocabulary import FAMILIES


@cache
def _family_words(file: Path) -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """The topic words per family of ``families.yml``, and the indicator keywords it ignores."""
    data = read_yaml(file, error=RegistryError)
    families = data.get("families") if isinstance(data, dict) else None
    if not isinstance(families, dict):
        raise RegistryError([Problem(str(file), "", "expected a mapping under 'families'")])
    problems: list[Problem] = []
    words: dict[str, tuple[str, ...]] = {}
    for family, listed in families.items():
        if family not in FAMILIES:
            problems.append(
                Problem(str(file), f"family {family}", "unknown family", FAMILIES.expected())
            )
        elif not isinstance(listed, list) or not all(isinstance(w, str) and w for w in listed):
            problems.append(Problem(str(file), f"family {family}", "expected a list of words"))
        else:
            words[str(family)] = tuple(listed)
    if problems:
        raise RegistryError(problems)
    return words, frozenset(str(w) for w in (data.get("not_topic_words") or []))


def load_family_keywords(path: Path | None = None) -> Mapping[str, tuple[str, ...]]:
    """Topic words per family: the family registry's own, plus the keywords of the active
    registry's indicators (except the registry's ``not_topic_words``).

    >>> "学法" in load_family_keywords()["training"]
    True
    """
    own, ignored = _family_words(path or registry_path("families"))
    words = {family: list(listed) for family, listed in own.items()}
    for indicator in load_indicators().values():
        words.setdefault(indicator.family, []).extend(
            k for k in indicator.keywords if k not in ignored
        )
    return {f: tuple(dict.fromkeys(w)) for f, w in words.items() if f in FAMILIES}
