"""Optional features and the extra that installs each: a clear message when one is missing.

>>> require_extra("pandas", "the pandas backend")    # installed here: nothing happens
>>> missing_modules("nonexistent")
Traceback (most recent call last):
...
KeyError: 'nonexistent'
"""

from __future__ import annotations

import importlib.util

from fazhi_stats.errors import FazhiError

#: The modules each extra of ``pyproject.toml`` brings (``pip install 'fazhi-stats[plots]'``).
EXTRAS: dict[str, tuple[str, ...]] = {
    "pandas": ("pandas", "pyarrow"),
    "plots": ("matplotlib", "mplfonts", "great_tables"),
    "site": ("matplotlib", "mplfonts", "great_tables", "nbclient", "nbconvert", "ipykernel"),
    "sensitivity": ("SALib",),
}


def missing_modules(extra: str) -> list[str]:
    """The modules of ``extra`` that cannot be imported here."""
    return [m for m in EXTRAS[extra] if importlib.util.find_spec(m) is None]


def require_extra(extra: str, feature: str) -> None:
    """Raise a :class:`FazhiError` naming the missing packages and the install command."""
    missing = missing_modules(extra)
    if missing:
        raise FazhiError(
            f"{feature} needs {', '.join(missing)}: pip install 'fazhi-stats[{extra}]' "
            "(or 'fazhi-stats[all]'; in this repository: uv sync --all-extras)"
        )
