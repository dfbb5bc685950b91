"""A study of one's own corpus: `init`, `add-document`, study registries, and the walkthrough of
README's "Your own study" from `init` to a built site, in the repository's environment and in a
plain `pip install` of the wheel (both slow)."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from unclassified_study import DOCUMENTS, REGIONS, TEXTS  # the three reports and their regions

from fazhi_stats.cli.main import main

REPO = Path(__file__).resolve().parents[1]


def _new_study(tmp_path: Path, *, regions: str | None = None) -> Path:
    """A study made by ``init``, with ``regions`` as its registry's regions.yml if given."""
    root = tmp_path / "mystudy"
    assert main(["init", str(root), "--title-zh", "三地年度报告", "--region", "310112"]) == 0
    if regions is not None:
        (root / "registry" / "regions.yml").write_text(regions, encoding="utf-8")
    return root


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def _add(root: Path, source: Path, *options: str) -> int:
    return main(["add-document", str(source), "--root", str(root), *options])


# -- init ------------------------------------------------------------------------------------


def test_init_writes_a_study_with_its_configuration(tmp_path: Path) -> None:
    root = _new_study(tmp_path)
    config = yaml.safe_load((root / "study.yml").read_text(encoding="utf-8"))
    assert config["title_zh"] == "三地年度报告"
    assert config["regions"] == ["310112"]
    assert config["settings"]["class_hour_minutes"] == 45
    for rel in ("_quarto.yml", "index.qmd", ".gitignore", "README.md", "registry/README.md"):
        assert (root / rel).is_file(), rel
    for folder in ("data/raw/documents", "data/raw/annotations", "data/processed"):
        assert (root / folder).is_dir(), folder
    pages = (root / "index.qmd").read_text(encoding="utf-8")
    for name in ("海沧", "谷城", "蕉城", "肇庆"):
        assert name not in pages  # generic pages: the study is named by its data


def test_init_refuses_a_folder_that_is_not_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["init", str(tmp_path / "busy")]) == 1
    assert "not empty (notes.txt)" in capsys.readouterr().err
    assert [p.name for p in (tmp_path / "busy").iterdir()] == ["notes.txt"]


def test_init_refuses_a_region_that_is_no_code_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", str(tmp_path / "study"), "--region", "41062"]) == 1
    assert (
        "regions: '41062' is not a region code (expected a 6-digit GB/T 2260 code, or a township's 9 digits)"
        in (capsys.readouterr().err)
    )
    assert not (tmp_path / "study").exists()


def test_a_study_region_the_registries_lack_is_named_until_it_is_declared(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _new_study(tmp_path)  # 310112 (闵行区) is not in the package's registry
    err = capsys.readouterr().err
    assert "note: region '310112' is not in the package's region registry" in err
    assert str(root / "registry" / "regions.yml") in err
    assert "level: county, parent_code: '310000'" in err
    assert main(["validate", "--root", str(root)]) == 1
    err = capsys.readouterr().err
    assert f"{root / 'study.yml'}: regions: unknown region '310112'" in err
    (root / "registry" / "regions.yml").write_text(REGIONS, encoding="utf-8")
    assert main(["validate", "--root", str(root)]) == 0
    assert "unknown region" not in capsys.readouterr().err


def test_the_hint_declares_the_parents_the_registries_lack_and_no_more(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 江海区 (440704): its prefecture 江门市 (440700) is not in the package, 广东省 (440000) is
    study = tmp_path / "study"
    assert main(["init", str(study), "--region", "440704"]) == 0
    hint = capsys.readouterr().err
    assert "{code: '440704', name_zh: …, name_en: …, level: county, parent_code: '440700'}" in hint
    assert (
        "{code: '440700', name_zh: …, name_en: …, level: prefecture, parent_code: '440000'}" in hint
    )
    assert "{code: '440000'" not in hint and "440000 is in the registry already" in hint
    (study / "registry" / "regions.yml").write_text(
        "regions:\n"
        "  - {code: '440704', name_zh: 江海区, name_en: Jianghai, level: county, parent_code: '440700'}\n"
        "  - {code: '440700', name_zh: 江门市, name_en: Jiangmen, level: prefecture, parent_code: '440000'}\n",
        encoding="utf-8",
    )
    assert main(["validate", "--root", str(study)]) == 0  # what the hint said is enough


def test_init_is_quiet_about_regions_the_package_knows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", str(tmp_path / "study"), "--region", "350205"]) == 0  # 海沧区
    assert "note: region" not in capsys.readouterr().err
    assert main(["validate", "--root", str(tmp_path / "study")]) == 0


# -- add-document ----------------------------------------------------------------------------


def test_add_document_copies_the_bytes_and_writes_the_sidecar(tmp_path: Path) -> None:
    root = _new_study(tmp_path, regions=REGIONS)
    source = TEXTS / "minhang_2018_fzzf_niandu_baogao.txt"
    options = ["--id", "minhang-2018-report", "--region", "310112", "--kind", "report"]
    assert _add(root, source, *options, "--period", "2018", "--issuer", "闵行区人民政府") == 0
    copied = root / "data" / "raw" / "documents" / "minhang-2018-report.txt"
    assert copied.read_bytes() == source.read_bytes()
    sidecar = yaml.safe_load(copied.with_suffix(".yml").read_text(encoding="utf-8"))
    assert sidecar["sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
    assert (sidecar["region_code"], sidecar["doc_kind"], sidecar["period"]) == (
        "310112",
        "report",
        [2018, 2018],
    )
    assert sidecar["issuer_zh"] == "闵行区人民政府"
    assert sidecar["title_zh"] == "闵行区2018年法治政府建设年度报告"  # the text's title line


def test_add_document_takes_the_title_given_else_none_without_a_title_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _new_study(tmp_path, regions=REGIONS)
    source = TEXTS / "luqiao_2021_fzzf_niandu_baogao.txt"
    given = ["--id", "luqiao-given", "--region", "331004", "--kind", "report", "--title", "路桥"]
    assert _add(root, source, *given) == 0
    untitled = tmp_path / "untitled.txt"
    untitled.write_text("2021年,全区共办理行政复议案件12件。", encoding="utf-8")
    capsys.readouterr()
    assert _add(root, untitled, "--id", "untitled", "--region", "331004", "--kind", "report") == 0
    assert "title_zh: none" in capsys.readouterr().err  # said, so that the user can give one
    documents = root / "data" / "raw" / "documents"
    titles = [
        yaml.safe_load((documents / f"{name}.yml").read_text(encoding="utf-8"))["title_zh"]
        for name in ("luqiao-given", "untitled")
    ]
    assert titles == ["路桥", None]


def test_add_document_accepts_gb18030_and_utf16(tmp_path: Path) -> None:
    root = _new_study(tmp_path, regions=REGIONS)
    text = (TEXTS / "luqiao_2021_fzzf_niandu_baogao.txt").read_text(encoding="utf-8")
    for n, encoding in enumerate(("gb18030", "utf-16")):
        source = tmp_path / f"capture-{n}.txt"
        source.write_bytes(text.encode(encoding))
        options = ["--id", f"luqiao-{n}", "--region", "331004", "--kind", "report"]
        assert _add(root, source, *options) == 0, encoding
        assert (root / "data/raw/documents" / f"luqiao-{n}.txt").read_bytes() == source.read_bytes()


def test_every_problem_of_a_bad_document_at_once_and_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _new_study(tmp_path)
    before = _files(root)
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    code = _add(root, binary, "--id", "Minhang 2018", "--region", "120118", "--kind", "report")
    assert code == 1
    err = capsys.readouterr().err
    assert "'Minhang 2018' is not a document id" in err
    assert "no capitals, spaces or underscores" in err  # the rule is said
    assert "unknown region '120118'" in err
    assert str(root / "registry" / "regions.yml") in err  # where to declare it
    assert "level: county, parent_code: '120000'" in err  # as the code says (Tianjin)
    assert str(binary) in err
    assert "binary data (NUL bytes), not a text document" in err
    assert _files(root) == before


def test_a_duplicate_document_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _new_study(tmp_path, regions=REGIONS)
    source = TEXTS / "minhang_2018_fzzf_niandu_baogao.txt"
    options = ["--region", "310112", "--kind", "report"]
    assert _add(root, source, "--id", "minhang-2018-report", *options) == 0
    before = _files(root)
    capsys.readouterr()
    assert _add(root, source, "--id", "minhang-2018-report", *options) == 1
    assert "already has a document 'minhang-2018-report'" in capsys.readouterr().err
    assert _add(root, source, "--id", "minhang-copy", *options) == 1
    assert "same bytes are already in the study as minhang-2018-report.txt" in (
        capsys.readouterr().err
    )
    assert _files(root) == before


def test_a_study_registry_with_a_syntax_error_stops_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _new_study(tmp_path)
    (root / "registry" / "regions.yml").write_text("regions: [\n", encoding="utf-8")
    before = _files(root)
    source = TEXTS / "minhang_2018_fzzf_niandu_baogao.txt"
    assert _add(root, source, "--id", "m", "--region", "310112", "--kind", "report") == 1
    assert f"{root / 'registry' / 'regions.yml'}:2: YAML syntax error" in capsys.readouterr().err
    assert main(["validate", "--root", str(root)]) == 1
    assert "YAML syntax error" in capsys.readouterr().err
    assert _files(root) == before


# -- the walkthrough ---------------------------------------------------------------------------


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> str:
    proc = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, f"{' '.join(command)}\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout + proc.stderr


def walkthrough(fazhi_stats: list[str], workdir: Path, env: dict[str, str]) -> dict[str, float]:
    """README's "Your own study", command by command; returns each step's wall time."""
    root = workdir / "three-reports"
    times: dict[str, float] = {}

    def step(name: str, *args: str, cwd: Path = root) -> str:
        start = time.perf_counter()
        out = _run([*fazhi_stats, *args], cwd, env)
        times[name] = times.get(name, 0.0) + time.perf_counter() - start
        return out

    step("init", "init", str(root), "--title-zh", "三地法治政府年度报告", cwd=workdir)
    (root / "registry" / "regions.yml").write_text(REGIONS, encoding="utf-8")
    for file, doc_id, region, year in DOCUMENTS:
        step("add-document", "add-document", str(TEXTS / file), "--id", doc_id,
             "--region", region, "--kind", "report", "--period", year)  # fmt: skip
        out = step("annotate", "annotate", "--propose", doc_id)
        assert "unclassified" in out
    for draft in (root / "data" / "raw" / "annotations").glob("*-report.yml"):  # review: accept
        text = draft.read_text(encoding="utf-8")
        draft.write_text(text.replace("  reviewed: false\n", ""), encoding="utf-8")
    step("build", "build")
    return times


def _check_built_study(root: Path) -> tuple[int, int]:
    """Every proposed number is an observation, its document and region in coverage and on the
    site; returns (classified, unclassified)."""
    proposed: dict[str, list[float]] = {}
    for draft in sorted((root / "data" / "raw" / "annotations").glob("*-report.yml")):
        entries = yaml.safe_load(draft.read_text(encoding="utf-8"))["observations"]
        proposed[draft.stem] = sorted(float(e["value"]) for e in entries)
    assert sum(map(len, proposed.values())) >= 10
    with (root / "data" / "processed" / "observations.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for doc_id, values in proposed.items():
        assert sorted(float(r["value"]) for r in rows if r["document_id"] == doc_id) == values
    regions = {r["document_id"]: r["region_code"] for r in rows}
    assert regions == {doc_id: region for _, doc_id, region, _ in DOCUMENTS}
    with (root / "reports" / "figures" / "coverage.csv").open(encoding="utf-8") as fh:
        coverage = list(csv.DictReader(fh))  # numbers per family (rows) and document (columns)
    for doc_id, values in proposed.items():
        assert sum(int(r[doc_id]) for r in coverage) == len(values), doc_id
    package = json.loads((root / "data" / "processed" / "datapackage.json").read_text("utf-8"))
    assert package["title"] == "三地法治政府年度报告"
    assert "3 public documents" in package["description"]
    home = (root / "_site" / "index.html").read_text(encoding="utf-8")
    assert "三地法治政府年度报告" in home
    for _, doc_id, region, _ in DOCUMENTS:
        assert (root / "_site" / "reports" / "sources" / f"{doc_id}.html").is_file()
        assert (root / "_site" / "reports" / "regions" / f"{region}.html").is_file()
    table = (root / "_site" / "reports" / "tables" / "observations.html").read_text(
        encoding="utf-8"
    )
    for row in rows:
        assert row["quote"] in table
    site_text = "".join(p.read_text(encoding="utf-8") for p in (root / "_site").rglob("*.html"))
    for name in ("海沧", "谷城", "蕉城", "肇庆"):
        assert name not in site_text
    classified = sum(1 for r in rows if r["classified"] == "true")
    return classified, len(rows) - classified


def _package_digest(package: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(package)).encode() + path.read_bytes())
    return digest.hexdigest()


@pytest.mark.slow
def test_walkthrough_from_init_to_a_built_site(tmp_path: Path) -> None:
    import fazhi_stats

    package = Path(fazhi_stats.__file__).parent
    before = _package_digest(package)
    env = {**os.environ, "FAZHI_STATS_ROOT": ""}
    env.pop("FAZHI_STATS_ROOT")
    times = walkthrough([sys.executable, "-m", "fazhi_stats"], tmp_path, env)
    classified, unclassified = _check_built_study(tmp_path / "three-reports")
    assert unclassified > 0  # these reports' numbers have no shipped indicator
    assert _package_digest(package) == before
    print(f"walkthrough: {times}, classified {classified}, unclassified {unclassified}")


@pytest.mark.slow
def test_walkthrough_with_a_plain_pip_install(tmp_path: Path) -> None:
    """The wheel in a fresh virtual environment, no repository around it."""
    found = shutil.which("uv")
    if found is None:
        pytest.skip("uv is not on the PATH (pip install uv)")
    uv = [found]
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "FAZHI_STATS_ROOT")}
    env["UV_COMPILE_BYTECODE"] = "1"
    dist = tmp_path / "dist"
    _run([*uv, "build", "--wheel", "--out-dir", str(dist), str(REPO)], REPO, env)
    (wheel,) = dist.glob("fazhi_stats-*.whl")
    venv = tmp_path / "venv"
    _run([*uv, "venv", "--python", sys.executable, str(venv)], tmp_path, env)
    python = venv / "bin" / "python"
    _run([*uv, "pip", "install", "--python", str(python), f"{wheel}[all]"], tmp_path, env)
    work = tmp_path / "elsewhere"
    work.mkdir()
    where = _run([str(python), "-c", "import fazhi_stats; print(fazhi_stats.__file__)"], work, env)
    package = Path(where.strip().splitlines()[-1]).parent
    assert REPO not in package.parents  # the installed copy, not the repository
    before = _package_digest(package)
    walkthrough([str(venv / "bin" / "fazhi-stats")], work, env)
    _check_built_study(work / "three-reports")
    assert _package_digest(package) == before
    shutil.rmtree(venv)


def test_propose_names_the_numbers_validate_would_find_in_no_commitment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A plan's preamble holds no commitment: a number there is drafted, and said to need one
    before validate accepts it; a number in a task item is not named."""
    root = tmp_path / "plan-study"
    assert main(["init", str(root), "--region", "350205"]) == 0
    plan = tmp_path / "plan.txt"
    plan.write_text(
        "某区法治政府建设实施方案\n\n为推进依法行政，结合本区实际，制定本方案。"
        "全区现有行政执法单位36个。\n\n一、主要任务\n\n（一）加强培训。每年组织执法人员培训不少于2次。\n",
        encoding="utf-8",
    )
    options = ["--id", "pc-plan", "--region", "350205", "--kind", "plan", "--period", "2021"]
    assert _add(root, plan, *options) == 0
    capsys.readouterr()
    assert main(["annotate", "--propose", "pc-plan", "--root", str(root)]) == 0
    note = capsys.readouterr().err
    assert "note: 1 proposed observation lies in no commitment of the document" in note
    assert "全区现有行政执法单位36个" in note and "不少于2次" not in note
    draft = root / "data" / "raw" / "annotations" / "pc-plan.yml"
    draft.write_text(draft.read_text(encoding="utf-8").replace("  reviewed: false\n", ""), "utf-8")
    assert main(["validate", "--root", str(root)]) == 1
    refused = [
        line for line in capsys.readouterr().err.splitlines() if "lies in no commitment" in line
    ]
    assert len(refused) == 1 and "全区现有行政执法单位36个" in refused[0]
