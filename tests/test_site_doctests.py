"""The examples in the site modules' docstrings run."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "fazhi_stats.build.site.errors",
    "fazhi_stats.build.site.qmd",
    "fazhi_stats.build.site.quarto",
    "fazhi_stats.build.site.notebook",
    "fazhi_stats.build.site.postprocess",
    "fazhi_stats.build.site.identifiers",
    "fazhi_stats.build.site.export",
]


@pytest.mark.parametrize("module", MODULES)
def test_site_doctests(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{module} has no examples"
    assert result.failed == 0
