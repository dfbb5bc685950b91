"""A new study: its folders, configuration, generic pages and the format notes of its data.

The pages are this repository's own (they are generic: every title, region and count comes from
the study's ``study.yml`` and data), shipped inside the package's wheel; in a source checkout
they are read from the checkout.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import yaml

from fazhi_stats.config import CONFIG_FILE, StudyConfig
from fazhi_stats.errors import DataError, FazhiError, Problem
from fazhi_stats.io import atomic_write_bytes

_HERE = Path(__file__).parent
_TEMPLATE = _HERE / "template"
#: Files every study has, as they are in this repository (relative to the study's root).
STUDY_FILES = (
    "_quarto.yml",
    "index.qmd",
    "styles.css",
    "reports/study.qmd",
    "reports/regions.qmd",
    "reports/sources.qmd",
    "reports/registry.qmd",
    "reports/data.qmd",
    "data/raw/documents/README.md",
    "data/raw/annotations/README.md",
)
STUDY_DIRS = ("analysis",)  # every .qmd page inside


@dataclass(frozen=True)
class NewStudy:
    title_zh: str = ""
    title_en: str = ""
    regions: tuple[str, ...] = ()


def site_template_root() -> Path:
    """Where the generic pages are: inside the installed wheel, or this source checkout."""
    packaged = files("fazhi_stats.study") / "template" / "site"
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = _HERE.parents[1]
    if (checkout / "pyproject.toml").is_file() and (checkout / "_quarto.yml").is_file():
        return checkout
    raise FazhiError(
        "the generic pages are missing from this installation of fazhi-stats "
        "(reinstall it: pip install --force-reinstall 'fazhi-stats[all]')"
    )


def template_files() -> dict[str, Path]:
    """Relative path → template file, for every page and note a new study gets."""
    root = site_template_root()
    found = {rel: root / rel for rel in STUDY_FILES}
    for folder in STUDY_DIRS:
        for page in sorted((root / folder).glob("*.qmd")):
            found[f"{folder}/{page.name}"] = page
    missing = [rel for rel, path in found.items() if not path.is_file()]
    if missing:
        raise FazhiError(f"the study template lacks {', '.join(missing)} ({root})")
    return found


def _config_text(new: NewStudy) -> str:
    body = yaml.safe_dump(
        {
            "title_zh": new.title_zh,
            "title_en": new.title_en,
            "regions": list(new.regions),
            "families": [],
            "settings": {
                "class_hour_minutes": 45,
                "approx_tolerance": 0.05,
                "confidence_level": 0.95,
                "max_benchmark_gap_years": None,
            },
        },
        allow_unicode=True,
        sort_keys=False,
    )
    return (
        "# The study: what it compares, and the assumptions its numbers rest on.\n"
        "# regions: GB/T 2260 codes in the order the pages show them (empty: every region of\n"
        "#   the documents); families: the indicator families the study is about (shown first);\n"
        "# settings: class_hour_minutes (one 学时), approx_tolerance (约 read as ±5 %),\n"
        "#   confidence_level, max_benchmark_gap_years (null: no limit).\n" + body
    )


def _readme_text(new: NewStudy) -> str:
    title = " / ".join(t for t in (new.title_zh, new.title_en) if t) or "A fazhi_stats study"
    return f"""# {title}

A study made with [fazhi_stats](https://pypi.org/project/fazhi-stats/).

1. Add each document: `fazhi-stats add-document FILE --id ID --region CODE --kind report
   --period 2020` (regions the package does not know go in `registry/regions.yml`).
2. Draft its annotations: `fazhi-stats annotate --propose ID`, then review
   `data/raw/annotations/ID.yml` against the text and remove each `reviewed: false`.
3. Build: `fazhi-stats build` (data in `data/processed/`, figures and tables in `reports/`, the
   site in `_site/`).

Formats: `data/raw/documents/README.md` (sidecars), `data/raw/annotations/README.md`
(annotations), `registry/README.md` (the study's own regions and indicators), `study.yml`.
"""


def init_study(directory: Path, new: NewStudy = NewStudy()) -> list[Path]:
    """Create a buildable, empty study in ``directory`` (which must be empty or absent)."""
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        shown = ", ".join(sorted(p.name for p in directory.iterdir())[:5])
        raise DataError(
            [Problem(str(directory), "", f"not empty ({shown})", "an empty or new folder")]
        )
    # what study.yml will say is checked before anything is written (a region that is no code)
    StudyConfig.from_mapping(
        {"title_zh": new.title_zh, "title_en": new.title_en, "regions": list(new.regions)},
        source=str(directory / CONFIG_FILE),
    )
    contents: dict[str, bytes] = {rel: path.read_bytes() for rel, path in template_files().items()}
    contents["study.yml"] = _config_text(new).encode("utf-8")
    contents["README.md"] = _readme_text(new).encode("utf-8")
    contents[".gitignore"] = (_TEMPLATE / "gitignore").read_bytes()
    contents["registry/README.md"] = (_TEMPLATE / "registry-README.md").read_bytes()
    written = []
    for rel, data in sorted(contents.items()):
        atomic_write_bytes(directory / rel, data)
        written.append(directory / rel)
    for folder in ("data/raw/documents", "data/raw/annotations", "data/processed", "registry"):
        (directory / folder).mkdir(parents=True, exist_ok=True)
    return written
