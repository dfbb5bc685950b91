"""Reading the registries: the package's files, merged with a study's own ``registry/`` folder.

A study adds regions, indicators, relations, units and qualifier words in files of the same
format as the shipped ones (``regions.yml``, ``indicators.yml``, ``relations.yml``,
``units.yml``, ``qualifiers.yml``). An entry whose id the package already has replaces it only
when it says so: ``replaces: true`` on a region, indicator or relation; in ``units.yml`` and
``qualifiers.yml`` a top-level list ``replaces: [section.key, …]`` (``before.近``). Anything
else that collides is an error naming both files. Every problem of every file is reported in
one :class:`~fazhi_stats.errors.RegistryError`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from fazhi_stats._yaml import compose_yaml_text, read_yaml
from fazhi_stats.errors import Problem, RegistryError
from fazhi_stats.registry.model import Registry
from fazhi_stats.registry.parse import (
    Entry,
    Section,
    parse_indicators,
    parse_qualifiers,
    parse_regions,
    parse_relations,
    parse_units,
    unit_problems,
)

_HERE = Path(__file__).parent
#: list files: file name → (top-level key, id field, what an entry is called)
LIST_FILES = {
    "regions": ("regions", "code", "region"),
    "indicators": ("indicators", "id", "indicator"),
    "relations": ("relations", "id", "relation"),
}
#: mapping files: file name → the sections merged key by key
MAP_FILES = {
    "units": ("assumptions", "standard_units", "magnitudes", "units", "periods"),
    "qualifiers": ("before", "after"),
}
REGISTRY_FILES = (*LIST_FILES, *MAP_FILES)
STUDY_REGISTRY_DIR = "registry"


def registry_path(name: str) -> Path:
    """Path of a shipped registry file, e.g. ``registry_path("indicators")``."""
    return _HERE / f"{name}.yml"


def _lines(text: str) -> dict[str, Any]:
    """Start lines of the entries of a registry file: list items under each top-level key
    (``{"indicators": [3, 17, …]}``) and keys of each mapping section (``{"units": {"%": 40}}``)."""
    try:
        root = compose_yaml_text(text)
    except yaml.YAMLError:  # reported by read_yaml
        return {}
    out: dict[str, Any] = {}
    if not isinstance(root, yaml.MappingNode):
        return out
    for key_node, value_node in root.value:
        if isinstance(value_node, yaml.SequenceNode):
            out[key_node.value] = [n.start_mark.line + 1 for n in value_node.value]
        elif isinstance(value_node, yaml.MappingNode):
            out[key_node.value] = {k.value: k.start_mark.line + 1 for k, _ in value_node.value}
    return out


def _read(path: Path, problems: list[Problem]) -> tuple[Any, dict[str, Any]]:
    try:
        data = read_yaml(path, error=RegistryError)
    except RegistryError as exc:
        problems.extend(exc.problems)
        return None, {}
    return data, _lines(path.read_text(encoding="utf-8"))


def _list_entries(path: Path, key: str, problems: list[Problem]) -> list[Entry]:
    data, lines = _read(path, problems)
    if data is None:
        return []
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        found = (
            "a list without the key"
            if isinstance(data, list)
            else f"no list of entries under {key!r}"
        )
        problems.append(
            Problem(
                str(path),
                "",
                found,
                f"the file to start with `{key}:` and hold its entries as a list below it, "
                f"one `- {{…}}` per line",
            )
        )
        return []
    starts = lines.get(key, [])
    return [
        Entry(item, str(path), starts[i] if i < len(starts) else None)
        for i, item in enumerate(items)
    ]


def _map_sections(
    path: Path, sections: tuple[str, ...], problems: list[Problem]
) -> tuple[dict[str, Section], list[str], set[str]]:
    """The mapping sections of a file, its measure words (units.yml) and its ``replaces``."""
    data, lines = _read(path, problems)
    if data is None:
        return {}, [], set()
    if not isinstance(data, dict):
        problems.append(Problem(str(path), "", "expected a mapping", f"keys {', '.join(sections)}"))
        return {}, [], set()
    out: dict[str, Section] = {}
    for name in sections:
        raw = data.get(name) or {}
        if not isinstance(raw, dict):
            problems.append(Problem(str(path), name, "expected a mapping"))
            continue
        starts = lines.get(name, {})
        out[name] = Section(
            {
                str(k): Entry(
                    {"value": v},
                    str(path),
                    starts.get(str(k)) if isinstance(starts, dict) else None,
                )
                for k, v in raw.items()
            }
        )
    words = [str(w) for w in data.get("measure_words", []) or []]
    replaces = {str(r) for r in data.get("replaces", []) or []}
    return out, words, replaces


def _merge_lists(
    shipped: list[Entry], study: list[Entry], id_field: str, what: str, problems: list[Problem]
) -> list[Entry]:
    merged = {str(e.data.get(id_field)): e for e in shipped}
    seen: dict[str, Entry] = {}
    for entry in study:
        key = str(entry.data.get(id_field))
        replaces = bool(entry.data.get("replaces", False))
        data = {k: v for k, v in entry.data.items() if k != "replaces"}
        if key in seen:
            problems.append(
                entry.problem(
                    f"{what} {key}", f"duplicate {id_field} (also on line {seen[key].line})"
                )
            )
            continue
        seen[key] = entry
        if key in merged and not replaces:
            problems.append(
                entry.problem(
                    f"{what} {key}",
                    f"the package already has {what} {key} ({merged[key].file}:{merged[key].line})",
                    f"a new {id_field}, or `replaces: true` to replace the shipped entry",
                )
            )
            continue
        if replaces and key not in merged:
            problems.append(
                entry.problem(
                    f"{what} {key}",
                    "`replaces: true` but the package has no such entry",
                    "remove `replaces`, or use the id of the entry to replace",
                )
            )
        merged[key] = Entry(data, entry.file, entry.line)
    return list(merged.values())


def _merge_sections(
    shipped: dict[str, Section],
    study: dict[str, Section],
    replaces: set[str],
    file: str,
    problems: list[Problem],
) -> dict[str, Section]:
    merged = {name: dict(section.values) for name, section in shipped.items()}
    for name, section in study.items():
        target = merged.setdefault(name, {})
        for key, entry in section.values.items():
            qualified = f"{name}.{key}"
            if key in target and qualified not in replaces and target[key].data != entry.data:
                old = target[key]
                problems.append(
                    entry.problem(
                        qualified,
                        f"the package already defines it ({old.file}:{old.line})",
                        f"a new key, or `replaces: [{qualified}]` at the top of the file",
                    )
                )
                continue
            target[key] = entry
    for qualified in sorted(replaces):
        name, _, key = qualified.partition(".")
        if key not in shipped.get(name, Section({})).values:
            problems.append(
                Problem(
                    file, "replaces", f"{qualified} is not in the shipped registry", "section.key"
                )
            )
    return {name: Section(values) for name, values in merged.items()}


def _study_files(study_dir: Path | None, problems: list[Problem]) -> dict[str, Path]:
    if study_dir is None or not study_dir.is_dir():
        return {}
    files: dict[str, Path] = {}
    for path in sorted(study_dir.iterdir()):
        if path.suffix not in (".yml", ".yaml") or path.name.startswith("."):
            continue
        if path.stem not in REGISTRY_FILES:
            problems.append(
                Problem(
                    str(path),
                    "",
                    "not a registry file",
                    "one of " + ", ".join(f"{n}.yml" for n in REGISTRY_FILES),
                )
            )
            continue
        files[path.stem] = path
    return files


def build_registry(study_dir: Path | None = None) -> Registry:
    """The package's registries merged with those in ``study_dir`` (a study's ``registry/``)."""
    problems: list[Problem] = []
    study = _study_files(study_dir, problems)
    maps: dict[str, dict[str, Section]] = {}
    words: list[str] = []
    for name, sections in MAP_FILES.items():
        shipped, shipped_words, _ = _map_sections(registry_path(name), sections, problems)
        words += shipped_words
        if name in study:
            own, own_words, replaces = _map_sections(study[name], sections, problems)
            shipped = _merge_sections(shipped, own, replaces, str(study[name]), problems)
            words += own_words
        maps[name] = shipped
    lists: dict[str, list[Entry]] = {}
    for name, (key, id_field, what) in LIST_FILES.items():
        entries = _list_entries(registry_path(name), key, problems)
        if name in study:
            entries = _merge_lists(
                entries, _list_entries(study[name], key, problems), id_field, what, problems
            )
        lists[name] = entries
    problems += unit_problems(maps["units"])
    units = parse_units(maps["units"], words)
    qualifiers = parse_qualifiers(maps["qualifiers"], problems)
    regions = parse_regions(lists["regions"], problems)
    indicators = parse_indicators(lists["indicators"], units, problems)
    relations = parse_relations(lists["relations"], indicators, problems)
    if problems:
        raise RegistryError(sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.entry)))
    origins: dict[tuple[str, str], str] = {}
    for name, (_, id_field, what) in LIST_FILES.items():
        for entry in lists[name]:
            origins[(what, str(entry.data.get(id_field)))] = (
                f"{entry.file}:{entry.line}" if entry.line else entry.file
            )
    return Registry(
        units=units,
        qualifiers=qualifiers,
        regions=regions,
        indicators=indicators,
        relations=relations,
        origins=origins,
        study_dir=str(study_dir) if study else None,
    )


@cache
def _cached(study_dir: Path | None, stamp: tuple[tuple[str, int, int], ...]) -> Registry:
    return build_registry(study_dir)


def _stamp(study_dir: Path | None) -> tuple[tuple[str, int, int], ...]:
    if study_dir is None or not study_dir.is_dir():
        return ()
    return tuple(
        (p.name, st.st_mtime_ns, st.st_size)
        for p in sorted(study_dir.iterdir())
        if p.is_file()
        for st in (p.stat(),)
    )


def load_registry(study: Path | str | None = None) -> Registry:
    """The registries of a study: the package's, plus the study's ``registry/`` folder if it has
    one (``study`` is the study directory). Read again when a study file changes.

    >>> reg = load_registry()
    >>> reg.indicators["mediation_success_rate"].unit, reg.study_dir is None
    ('percent', True)
    """
    folder = Path(study).resolve() / STUDY_REGISTRY_DIR if study is not None else None
    return _cached(folder, _stamp(folder))


def shipped_registry() -> Registry:
    """The registries shipped with the package, alone."""
    return load_registry(None)
