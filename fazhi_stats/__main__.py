"""``python -m fazhi_stats``: the command line, for environments without the script on PATH."""

from __future__ import annotations

from fazhi_stats.cli.main import main

raise SystemExit(main())
