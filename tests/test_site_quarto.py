"""The Quarto route, with a stand-in for quarto on the PATH (tests/site_render.py)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from site_render import copy_study, fake_quarto, fixture_site, site_files

from fazhi_stats.build.site.config import load_site_config, resource_files
from fazhi_stats.build.site.errors import SiteBuildError
from fazhi_stats.build.site.render import render_site


def _on_path(monkeypatch: pytest.MonkeyPatch, bin_dir: Path) -> None:
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")


@pytest.mark.parametrize("fail", [False, True])
def test_quarto_is_used_when_on_the_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail: bool
) -> None:
    root = fixture_site(tmp_path / "site")
    (root / "_site").mkdir()
    (root / "_site" / "old.html").write_text("old", encoding="utf-8")
    fake_quarto(tmp_path / "bin", fail=fail)
    _on_path(monkeypatch, tmp_path / "bin")
    if fail:
        with pytest.raises(SiteBuildError, match="quarto failed on purpose"):
            render_site(root)
        assert (root / "_site" / "old.html").is_file()
        return
    result = render_site(root)
    assert result.renderer == "quarto" and result.notice is None
    assert (root / "_site" / "index.html").read_text() == "rendered by quarto: index.qmd"
    assert not (root / "_site" / "old.html").exists()


def test_the_command_and_the_resources_of_a_quarto_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_study(tmp_path / "study").root
    calls = fake_quarto(tmp_path / "bin")
    _on_path(monkeypatch, tmp_path / "bin")
    render_site(root)
    (call,) = [json.loads(line) for line in calls.read_text().splitlines()]
    assert call["cwd"] == str(root.resolve())
    assert call["args"][:2] == ["render", "--output-dir"] and len(call["args"]) == 3
    staging = Path(call["args"][2])
    assert staging.parent == root.resolve() and staging.name.startswith("._site.staging-")
    assert not staging.exists()  # swapped into place
    pages = [p.removesuffix(".qmd") + ".html" for p in load_site_config(root).pages]
    resources = list(resource_files(load_site_config(root)))
    resources.remove("styles.css")  # Quarto bundles the stylesheet itself
    assert site_files(root / "_site") == sorted([*pages, *resources])


def test_a_second_quarto_build_does_not_nest_the_previous_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_study(tmp_path / "study").root
    fake_quarto(tmp_path / "bin")
    _on_path(monkeypatch, tmp_path / "bin")
    render_site(root)
    first = site_files(root / "_site")
    render_site(root)
    assert site_files(root / "_site") == first
    assert not (root / "_site" / "_site").exists()
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".")) == []
