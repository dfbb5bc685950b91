"""Reading YAML with errors that give the file and line."""

from __future__ import annotations

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
