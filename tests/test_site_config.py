"""_quarto.yml: what the fallback reads from it, the resources a render copies, and the options
that make real Quarto render the pages as the fallback does (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest
from site_render import REPO, fixture_site

from fazhi_stats._yaml import read_yaml
from fazhi_stats.build.site.config import load_site_config, resource_files
from fazhi_stats.build.site.errors import SiteBuildError


def test_site_config_of_the_study() -> None:
    config = load_site_config(REPO)
    assert config.pages[0] == "index.qmd"
    assert {"reports/study.qmd", "reports/data.qmd"} <= set(config.pages)
    assert sum(p.startswith("analysis/") for p in config.pages) == 7
    linked = {i.href for item in config.navbar for i in (item, *item.menu) if i.href}
    assert linked <= set(config.pages)
    assert all(" / " in i.text for item in config.navbar for i in (item, *item.menu))
    assert config.lang == "zh-Hans"


def test_resource_list_of_the_study_is_its_data_figures_and_tables(tmp_path: Path) -> None:
    expected = {"styles.css"}
    for folder, suffixes in {
        "data/processed": (".csv", ".parquet"),
        "data/raw/documents": (".txt",),
        "reports/figures": (".svg", ".png", ".csv"),
        "reports/tables": (".html", ".csv"),
    }.items():
        expected |= {
            f"{folder}/{file.name}"
            for file in (REPO / folder).iterdir()
            if file.name.endswith(suffixes) and not file.name.startswith(".")
        }
    expected.add("data/processed/datapackage.json")
    files = resource_files(load_site_config(REPO))
    assert list(files) == sorted(expected)
    assert len(files) > 30
    assert not any(f.startswith(("_site", ".")) for f in files)


def test_anchored_globs_do_not_reach_into_a_previous_site(tmp_path: Path) -> None:
    root = fixture_site(tmp_path / "site")
    previous = root / "_site" / "data"
    previous.mkdir(parents=True)
    (previous / "old.csv").write_text("x\n", encoding="utf-8")
    (root / "sub" / "data").mkdir()
    (root / "sub" / "data" / "deeper.csv").write_text("y\n", encoding="utf-8")
    assert resource_files(load_site_config(root)) == ("data/x.csv", "styles.css")


def test_resource_globs_without_a_leading_slash_are_refused(tmp_path: Path) -> None:
    root = fixture_site(tmp_path / "site")
    config = root / "_quarto.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            'resources: ["/data/*.csv"]', 'resources: ["data/*.csv", "/ok/*.txt", "*.pdf"]'
        ),
        encoding="utf-8",
    )
    with pytest.raises(SiteBuildError) as info:
        load_site_config(root)
    message = str(info.value)
    assert message.startswith("_quarto.yml: project.resources ['data/*.csv', '*.pdf']")
    assert "'/data/*.csv', '/*.pdf'" in message and "_site/" in message


def test_a_missing_stylesheet_is_named(tmp_path: Path) -> None:
    root = fixture_site(tmp_path / "site")
    (root / "styles.css").unlink()
    with pytest.raises(SiteBuildError, match=r"resources do not exist: \['styles.css'\]"):
        resource_files(load_site_config(root))


def test_quarto_options_keep_tables_quotes_and_gitignore_as_the_fallback_has_them() -> None:
    html = read_yaml(REPO / "_quarto.yml")["format"]["html"]
    # great_tables' classes and column widths survive Quarto (sup.fz-src, the Note column)
    assert html["html-table-processing"] == "none"
    # no curly quotes drawn full-width by the CJK font ("Jiaocheng’ s")
    assert html["from"] == "markdown-smart"
    # Quarto appends "/.quarto/" to .gitignore on every render unless that line is there
    lines = (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "/.quarto/" in lines and ".quarto/" not in lines
