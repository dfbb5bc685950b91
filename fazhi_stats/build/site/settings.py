"""How the site is rendered: which renderer, timeouts, parallel pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class RenderSettings:
    """How the site is rendered.

    ``renderer="auto"`` uses Quarto when it is on the PATH, else the fallback renderer.
    """

    renderer: Literal["auto", "quarto", "fallback"] = "auto"
    cell_timeout: int = 300  # seconds per cell
    startup_timeout: int = 120  # seconds for a kernel to start
    workers: int = 4  # pages executed at the same time (fallback)


#: The settings used when none are given.
DEFAULT_SETTINGS = RenderSettings()
