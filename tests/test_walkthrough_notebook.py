"""The walkthrough notebook (examples/your-own-study.ipynb): stored clean, and run end to end
from `fazhi-stats init` to a built site and the library's pandas and polars frames."""

from __future__ import annotations

import csv
import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import fazhi_stats

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK = REPO / "examples" / "your-own-study.ipynb"
FIXTURES = REPO / "tests" / "data" / "evaluation" / "texts"
PACKAGE = Path(fazhi_stats.__file__).resolve().parent
DOCUMENTS = {  # the documents the notebook adds: id → (fixture, region)
    "minhang-2018-report": ("minhang_2018_fzzf_niandu_baogao.txt", "310112"),
    "shijiazhuang-2016-report": ("shijiazhuang_2016_fzzf_qingkuang_baogao.txt", "130100"),
    "luqiao-2021-report": ("luqiao_2021_fzzf_niandu_baogao.txt", "331004"),
}


def _read_notebook() -> Any:
    import nbformat

    return nbformat.read(NOTEBOOK, as_version=4)  # type: ignore[no-untyped-call]


def _package_hashes() -> dict[str, str]:
    """sha256 of every file of the installed package (bytecode caches aside)."""
    return {
        str(path.relative_to(PACKAGE)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(PACKAGE.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_the_notebook_is_stored_without_outputs_and_with_a_parameter_cell() -> None:
    pytest.importorskip("nbformat")
    nb = _read_notebook()
    assert nb.metadata["kernelspec"]["name"] == "python3"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, "the notebook has no code"
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    tagged = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assert all(name in tagged[0].source for name in ("STUDY_DIR", "FIXTURES", "SUMMARY_FILE"))


@dataclass(frozen=True)
class Run:
    study: Path
    summary: dict[str, Any]
    outputs: str  # every stream the cells printed
    package_before: dict[str, str]
    package_after: dict[str, str]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The notebook executed in a kernel, in a folder outside any study, on a temporary study."""
    pytest.importorskip("nbclient")
    from nbclient import NotebookClient

    work = tmp_path_factory.mktemp("walkthrough")
    study, summary_file = work / "my-study", work / "summary.json"
    nb = _read_notebook()
    parameters = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    parameters.source += (
        f"\nSTUDY_DIR = {str(study)!r}\nFIXTURES = {str(FIXTURES)!r}\n"
        f"SUMMARY_FILE = {str(summary_file)!r}\nFULL_BUILD = True\n"
    )
    before = _package_hashes()
    env = {k: v for k, v in os.environ.items() if k != "FAZHI_STATS_ROOT"}
    client = NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(work)}}
    )
    client.execute(env=env)
    outputs = "".join(
        o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs
    )
    return Run(
        study=study,
        summary=json.loads(summary_file.read_text(encoding="utf-8")),
        outputs=outputs,
        package_before=before,
        package_after=_package_hashes(),
    )


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.slow
def test_every_proposed_number_becomes_an_observation_quoting_its_document(run: Run) -> None:
    rows = _rows(run.study / "data" / "processed" / "observations.csv")
    # read in the texts: 闵行 21个要点; 石家庄 五个专项小组, 58项具体措施; 路桥 4项, 26个, 24件,
    # 76条, 9份, 4690件, 30.75亿元, 4655件, 3373件
    assert Counter(r["document_id"] for r in rows) == {
        "minhang-2018-report": 1,
        "shijiazhuang-2016-report": 2,
        "luqiao-2021-report": 9,
    }
    for row in rows:
        fixture, region = DOCUMENTS[row["document_id"]]
        text = (FIXTURES / fixture).read_text(encoding="utf-8")
        assert text[int(row["char_start"]) : int(row["char_end"])] == row["quote"], row
        assert row["region_code"] == region
    documents = _rows(run.study / "data" / "processed" / "documents.csv")
    assert {d["document_id"]: d["region_code"] for d in documents} == {
        doc_id: region for doc_id, (_fixture, region) in DOCUMENTS.items()
    }
    for doc_id in DOCUMENTS:
        annotations = run.study / "data" / "raw" / "annotations" / f"{doc_id}.yml"
        assert "\n  reviewed: false" not in annotations.read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_promoted_indicator_classifies_its_number(run: Run) -> None:
    rows = _rows(run.study / "data" / "processed" / "observations.csv")
    classified = [r for r in rows if r["classified"] == "true"]
    assert [(r["indicator_id"], r["value"], r["quote"]) for r in classified] == [
        ("major_contracts_reviewed_count", "9", "对9份重大行政合同进行合法性审查")
    ]
    assert classified[0]["indicator_name_en"] == (
        "Major administrative contracts reviewed for legality"
    )


@pytest.mark.slow
def test_pandas_and_polars_give_the_counts_of_the_processed_files(run: Run) -> None:
    rows = _rows(run.study / "data" / "processed" / "observations.csv")
    expected = {
        "rows": len(rows),
        "classified": dict(Counter(r["classified"] for r in rows)),
        "by_region": dict(Counter(r["region_code"] for r in rows)),
        # an annual report states no targets: the classified number has none to meet
        "status": {
            "no_target": sum(r["classified"] == "true" for r in rows),
            "unclassified": sum(r["classified"] == "false" for r in rows),
        },
    }
    assert run.summary["polars"] == expected
    assert run.summary["pandas"] == expected
    assert f"The study holds {len(rows)} numbers from {len(DOCUMENTS)} documents" in run.outputs


@pytest.mark.slow
def test_the_site_is_built_with_a_page_per_document_and_region(run: Run) -> None:
    site = run.study / "_site"
    assert "三地法治政府建设年度报告比较" in (site / "index.html").read_text(encoding="utf-8")
    for doc_id, (_fixture, region) in DOCUMENTS.items():
        assert (site / "reports" / "sources" / f"{doc_id}.html").is_file()
        assert (site / "reports" / "regions" / f"{region}.html").is_file()


@pytest.mark.slow
def test_the_walkthrough_leaves_the_package_and_the_notebook_unchanged(run: Run) -> None:
    assert run.package_after == run.package_before
    nb = _read_notebook()
    assert all(c.outputs == [] for c in nb.cells if c.cell_type == "code")
