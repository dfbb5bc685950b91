"""`import fazhi_stats` stays light: heavy libraries load when first needed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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


def _modules_loaded_by(code: str) -> set[str]:
    """The modules a fresh interpreter has loaded after running ``code``."""
    script = f"import sys, json; {code}; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    return set(json.loads(out))


def test_import_does_not_load_heavy_libraries() -> None:
    loaded = _modules_loaded_by("import fazhi_stats; fazhi_stats.parse_quantity('60余场')")
    assert not [m for m in HEAVY if m in loaded]


def test_public_names_resolve() -> None:
    import fazhi_stats

    for name in fazhi_stats.__all__:
        assert getattr(fazhi_stats, name) is not None, name


def test_the_command_line_parser_loads_no_stage() -> None:
    """`fazhi-stats --help` and `fazhi-stats extract` start without importing the build's
    stages (and the libraries they use)."""
    loaded = _modules_loaded_by("from fazhi_stats.cli.main import make_parser; make_parser()")
    assert sorted(m for m in loaded if m.startswith("fazhi_stats.build")) == [
        "fazhi_stats.build",
        "fazhi_stats.build.order",
    ]
    assert not [m for m in HEAVY if m in loaded]


def test_extracting_to_a_file_reads_no_package_metadata_and_draws_no_bar(tmp_path: Path) -> None:
    """The version (package metadata) is read only when asked for, and the progress bar's
    library is imported only for a terminal: neither is start-up time of `extract` to a file."""
    text = tmp_path / "a.txt"
    text.write_text("共办理案件12件。", encoding="utf-8")
    out = tmp_path / "claims.jsonl"
    code = (
        "from fazhi_stats.cli.main import main; "
        f"main(['extract', {str(text)!r}, '--output', {str(out)!r}])"
    )
    loaded = _modules_loaded_by(code)
    assert json.loads(out.read_text(encoding="utf-8"))["text"] == "12件"
    assert "importlib.metadata" not in loaded
    assert not [m for m in loaded if m == "rich" or m.startswith("rich.")]
    version = subprocess.run(
        [sys.executable, "-m", "fazhi_stats", "--version"], capture_output=True, text=True
    )
    assert version.returncode == 0
    assert version.stdout.startswith("fazhi-stats ") and version.stdout.strip() != "fazhi-stats"
