"""Rendering with real Quarto: the command the build runs and its failure message."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from fazhi_stats.build.site.config import CONFIG_FILE
from fazhi_stats.build.site.errors import SiteBuildError


def quarto_command(quarto: str, output_dir: Path) -> list[str]:
    """The command that renders the whole project (run in the project root) into ``output_dir``.

    >>> quarto_command("quarto", Path("/study/.site-staging"))
    ['quarto', 'render', '--output-dir', '/study/.site-staging']
    """
    return [quarto, "render", "--output-dir", str(output_dir)]


def render_with_quarto(root: Path, output_dir: Path) -> None:
    """Run ``quarto render`` in ``root`` into ``output_dir``; a failure ends in the tail of
    Quarto's log."""
    quarto = shutil.which("quarto")
    if quarto is None:
        raise SiteBuildError(
            CONFIG_FILE, "renderer 'quarto' requested but quarto is not on the PATH"
        )
    proc = subprocess.run(
        quarto_command(quarto, output_dir),
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-25:])
        raise SiteBuildError(CONFIG_FILE, f"quarto render failed:\n{tail}")
