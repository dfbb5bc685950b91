"""Reading YAML with errors that give the file and line."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any

import yaml

from fazhi_stats.errors import DataError, Problem

# libyaml's parser, when PyYAML has it, reads the registry several times faster; the data and
# the line marks are the same. On an error the pure-Python loader reads the text again, so the
# messages stay those of one parser wherever libyaml is missing.
_SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml_text(text: str) -> Any:
    """``yaml.safe_load(text)``, parsed by libyaml when it is there."""
    try:
        return yaml.load(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError:
        return yaml.safe_load(text)


def compose_yaml_text(text: str) -> Any:
    """``yaml.compose(text)`` (the node tree, with line marks), by libyaml when it is there."""
    try:
        return yaml.compose(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError:
        return yaml.compose(text)


def load_yaml_keys(text: str, keys: Collection[str]) -> dict[str, Any] | None:
    """The values of ``keys`` in a YAML mapping (those it has), or None when the text is not
    a mapping; raises ``yaml.YAMLError`` when it is not YAML.

    The text is parsed whole (by libyaml where PyYAML has it) but only the values asked for
    are built into Python objects, and they are built as ``yaml.safe_load`` builds them: a
    caller that needs two fields of a long metadata file does not pay for the rest.

    >>> load_yaml_keys("title: 报告\\nperiod: [2014, 2016]\\nnote: >-\\n  long\\n", ["period"])
    {'period': [2014, 2016]}
    """
    node = compose_yaml_text(text)
    if not isinstance(node, yaml.MappingNode):
        return None
    constructor = yaml.constructor.SafeConstructor()
    wanted = set(keys)
    found: dict[str, Any] = {}
    for key_node, value_node in node.value:  # in order: a repeated key's last value wins
        if isinstance(key_node, yaml.ScalarNode) and key_node.value in wanted:
            found[key_node.value] = constructor.construct_object(value_node, deep=True)
    return found


def read_yaml(path: Path, *, error: type[DataError] = DataError) -> Any:
    """Parse a YAML file; a syntax error becomes a DataError naming the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error([Problem(str(path), "", "file not found")]) from None
    except UnicodeDecodeError as exc:
        raise error(
            [Problem(str(path), "", f"not UTF-8 ({exc.reason})", "a UTF-8 YAML file")]
        ) from None
    try:
        return load_yaml_text(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = exc.problem or str(exc)
        raise error(
            [Problem(str(path), "", f"YAML syntax error: {what}", "valid YAML", line)]
        ) from None
    except yaml.YAMLError as exc:
        raise error([Problem(str(path), "", f"YAML error: {exc}", "valid YAML")]) from None
