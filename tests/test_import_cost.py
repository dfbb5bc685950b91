"""`import fazhi_stats` stays light: heavy libraries load when first needed."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = (
    "matplotlib",
    "scipy",
    "pandas",
    "jupyter_client",
    "nbclient",
    "nbconvert",
    "polars",
    "great_tables",
)


def test_import_does_not_load_heavy_libraries() -> None:
    code = (
        "import sys, json, fazhi_stats; "
        "fazhi_stats.parse_quantity('60余场'); "
        "print(json.dumps(sorted(m for m in sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    loaded = set(json.loads(out))
    assert not [m for m in HEAVY if m in loaded]


def test_public_names_resolve() -> None:
    import fazhi_stats

    for name in fazhi_stats.__all__:
        assert getattr(fazhi_stats, name) is not None, name


def test_the_command_line_parser_loads_no_stage() -> None:
    """`fazhi-stats --help` and `fazhi-stats extract` start without importing the build's
    stages (and the libraries they use)."""
    code = (
        "import sys, json; from fazhi_stats.cli.main import make_parser; make_parser(); "
        "print(json.dumps(sorted(m for m in sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    loaded = set(json.loads(out))
    assert sorted(m for m in loaded if m.startswith("fazhi_stats.build")) == [
        "fazhi_stats.build",
        "fazhi_stats.build.order",
    ]
    assert not [m for m in HEAVY if m in loaded]
