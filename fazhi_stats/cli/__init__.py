"""The ``fazhi-stats`` command line: one module per sub-command, over the library."""

from fazhi_stats.cli.main import main

__all__ = ["main"]
