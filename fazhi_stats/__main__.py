"""``python -m fazhi_stats``: the ``fazhi-stats`` command, with a given interpreter."""

from __future__ import annotations

import sys

from fazhi_stats.cli import main

if __name__ == "__main__":
    sys.exit(main())
