"""The catalogue of bad input (README, "Bad input"): each case through the CLI.

Every case checks the exit code, that the message names the file, the entry and the problem,
that no Python traceback is printed, and that no output changed.
"""

from __future__ import annotations

import codecs
import hashlib
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from outputs import STAGED, output_hashes

from fazhi_stats.build.pipeline import run_stages
from fazhi_stats.project import Project

REPO = Path(__file__).resolve().parents[1]
ANN = Path("data", "raw", "annotations")
DOCS = Path("data", "raw", "documents")


@pytest.fixture(scope="module")
def built_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("template") / "study"
    shutil.copytree(REPO / "data" / "raw", root / "data" / "raw")
    shutil.copy2(REPO / "study.yml", root / "study.yml")
    # the data stages are enough to see that bad input changes no output (figures are slow)
    run_stages(Project(root), tuple(s for s in STAGED if s.name != "report"))
    return root


@pytest.fixture
def built(built_template: Path, tmp_path: Path) -> Path:
    root = tmp_path / "study"
    shutil.copytree(built_template, root)
    return root


def _replace(root: Path, rel: Path, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _append_entry(root: Path, doc: str, entry: str) -> None:
    path = root / ANN / f"{doc}.yml"
    text = path.read_text(encoding="utf-8")
    head, sep, tail = text.partition("milestones:")
    path.write_text(head.rstrip("\n") + "\n" + entry + "\n" + sep + tail, encoding="utf-8")


def _set_sha(root: Path, doc: str) -> None:
    data = (root / DOCS / f"{doc}.txt").read_bytes()
    sidecar = root / DOCS / f"{doc}.yml"
    lines = sidecar.read_text(encoding="utf-8").splitlines()
    lines = [
        f"sha256: {hashlib.sha256(data).hexdigest()}" if ln.startswith("sha256:") else ln
        for ln in lines
    ]
    sidecar.write_text("\n".join(lines) + "\n", encoding="utf-8")


HAICANG = "haicang-2017-work-plan"
JIAO = "jiaocheng-2020-report"

Mutation = Callable[[Path], None]
CASES: dict[str, tuple[Mutation, list[str]]] = {
    "yaml syntax error": (
        lambda r: _replace(r, ANN / f"{JIAO}.yml", "    value: 45\n", "    value: [45\n"),
        [f"{JIAO}.yml:", "YAML syntax error"],
    ),
    "unknown indicator": (
        lambda r: _replace(
            r,
            ANN / f"{JIAO}.yml",
            "indicator_id: immediate_service_share",
            "indicator_id: happiness",
        ),
        [
            f"{JIAO}.yml",
            "observation 1 (happiness)",
            "unknown indicator 'happiness'",
            "expected an id of the indicator registry",
        ],
    ),
    "unknown region": (
        lambda r: _replace(
            r, DOCS / f"{HAICANG}.yml", 'region_code: "350205"', 'region_code: "999999"'
        ),
        [
            f"{HAICANG}.yml",
            "region_code",
            "unknown region '999999'",
            "expected a code in the region registry",
        ],
    ),
    "unit that does not convert": (
        lambda r: _replace(
            r,
            ANN / f"{JIAO}.yml",
            'unit: "%"\n    year: 2020\n    scope: 蕉城区政务服务审批事项',
            "unit: 学时\n    year: 2020\n    scope: 蕉城区政务服务审批事项",
        ),
        [
            f"{JIAO}.yml",
            "immediate_service_share",
            "unit '学时' is hour, indicator immediate_service_share is in percent",
        ],
    ),
    "percentage over 100": (
        lambda r: _replace(r, ANN / f"{JIAO}.yml", "value: 99.7", "value: 150"),
        [f"{JIAO}.yml", "mediation_success_rate", "percentage 150 outside 0–100"],
    ),
    "negative count": (
        lambda r: _replace(r, ANN / f"{JIAO}.yml", "    value: 357\n", "    value: -357\n"),
        [f"{JIAO}.yml", "market_entities_randomly_inspected_count", "negative value -357"],
    ),
    "numerator above denominator": (
        lambda r: _replace(
            r,
            ANN / f"{JIAO}.yml",
            '    value: 2447\n    unit: 起\n    year: 2020\n    scope: 蕉城区各级人民调解组织\n    quote: "调处成功2447起"',
            '    value: 2512\n    unit: 起\n    year: 2020\n    scope: 蕉城区各级人民调解组织\n    quote: "共排查出各类矛盾纠纷2512起"',
        ),
        [
            f"{JIAO}.yml",
            "disputes_resolved_count",
            "numerator 2512 exceeds its denominator disputes_mediated_count = 2454",
        ],
    ),
    "quote not in the document": (
        lambda r: _replace(
            r,
            ANN / f"{JIAO}.yml",
            'quote: "提前实现即办件占比达45%"',
            'quote: "提前实现即办件占比达55%"',
        ),
        [f"{JIAO}.yml", "immediate_service_share", "quote not found in the document"],
    ),
    "value not in its quote": (
        lambda r: _replace(r, ANN / f"{JIAO}.yml", "    value: 45\n", "    value: 46\n"),
        [f"{JIAO}.yml", "value 46 does not occur in the quote"],
    ),
    "duplicate observation": (
        lambda r: _append_entry(
            r,
            HAICANG,
            "  - indicator_id: leader_law_lectures_per_year\n    kind: target\n    comparator: ge\n    value: 2\n    unit: 期\n    per: year\n    year: 2017\n    scope: 海沧区人民政府领导班子\n    quote: 区政府领导班子每年应当举办两期以上法治专题讲座",
        ),
        [f"{HAICANG}.yml", "leader_law_lectures_per_year", "duplicate of the observation at line"],
    ),
    "two observations disagree on one fact": (
        lambda r: _append_entry(
            r,
            HAICANG,
            "  - indicator_id: leader_law_lectures_per_year\n    kind: target\n    comparator: eq\n    value: 2\n    unit: 期\n    per: year\n    year: 2017\n    scope: 海沧区人民政府领导班子\n    quote: 区政府领导班子每年应当举办两期以上法治专题讲座",
        ),
        [f"{HAICANG}.yml", "disagrees with line", "same fact"],
    ),
    "document changed after its sidecar": (
        lambda r: (r / DOCS / f"{HAICANG}.txt").write_bytes(
            (r / DOCS / f"{HAICANG}.txt").read_bytes() + b" "
        ),
        [f"{HAICANG}.yml", "sha256", "the text's sha256 is"],
    ),
    "missing sidecar": (
        lambda r: (r / DOCS / f"{HAICANG}.yml").unlink(),
        [f"{HAICANG}.txt", "no metadata sidecar"],
    ),
    "empty document": (
        lambda r: ((r / DOCS / f"{HAICANG}.txt").write_bytes(b""), _set_sha(r, HAICANG)),
        [f"{HAICANG}.txt", "the document is empty"],
    ),
    "binary document": (
        lambda r: (
            (r / DOCS / f"{HAICANG}.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00"),
            _set_sha(r, HAICANG),
        ),
        [f"{HAICANG}.txt", "binary data"],
    ),
}


def _cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fazhi_stats.cli.main", *args, "--root", str(root)],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_reported_and_nothing_changes(built: Path, case: str) -> None:
    mutate, expected = CASES[case]
    before = output_hashes(built)
    mutate(built)
    result = _cli(built, "build")
    assert result.returncode == 1, (case, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    for part in expected:
        assert part in result.stderr, (case, part, result.stderr)
    assert output_hashes(built) == before


@pytest.mark.parametrize(
    ("encode", "label"),
    [
        (lambda t: t.encode("gb18030"), "GBK/GB18030"),
        (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "UTF-8 with BOM"),
    ],
)
def test_other_encodings_are_read(built: Path, encode: Callable[[str], bytes], label: str) -> None:
    doc = built / DOCS / f"{HAICANG}.txt"
    doc.write_bytes(encode(doc.read_text(encoding="utf-8")))
    _set_sha(built, HAICANG)
    result = _cli(built, "validate")
    assert result.returncode == 0, (label, result.stderr)
    assert "ok: 5 documents" in result.stdout


@pytest.mark.slow
def test_failing_site_page_stops_the_build_and_keeps_the_previous_site(built: Path) -> None:
    for rel in ("_quarto.yml", "index.qmd", "styles.css", "analysis", "reports"):
        src = REPO / rel
        if src.is_dir():
            shutil.copytree(
                src,
                built / rel,
                dirs_exist_ok=True,
                ignore=shutil.ignore_patterns("figures", "tables"),
            )
        elif src.exists():
            shutil.copy2(src, built / rel)
    previous = built / "_site"
    previous.mkdir()
    (previous / "index.html").write_text("previous site", encoding="utf-8")
    page = built / "analysis" / "06-gaps.qmd"
    page.write_text(
        page.read_text(encoding="utf-8")
        + "\n```{python}\nraise ValueError('injected 出错')\n```\n",
        encoding="utf-8",
    )
    before = output_hashes(built)
    result = _cli(built, "build")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "analysis/06-gaps.qmd, cell" in result.stderr
    assert "ValueError: injected 出错" in result.stderr
    assert "build stopped at stage site" in " ".join(result.stderr.split())
    assert (previous / "index.html").read_text(encoding="utf-8") == "previous site"
    after = output_hashes(built)
    # same inputs: the data the template had were rebuilt identically
    assert {k: after.get(k) for k in before} == before
