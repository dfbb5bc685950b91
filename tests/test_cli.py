"""The command line: exit codes, messages without tracebacks, nothing written on failure."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from fazhi_stats.cli.main import main
from fazhi_stats.project import Project


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fazhi_stats.cli.main", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


def test_validate_passes_on_the_real_data(repo: Project) -> None:
    result = run_cli("validate", "--root", str(repo.root))
    assert result.returncode == 0, result.stderr
    assert "ok: 5 documents" in result.stdout


@pytest.mark.parametrize("command", ["build", "validate"])
def test_help_of_each_command(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    assert f"usage: fazhi-stats {command}" in capsys.readouterr().out


def test_python_m_fazhi_stats_is_the_command_without_warnings() -> None:
    # what a notebook runs to be sure the command is the kernel's installation
    done = subprocess.run(
        [sys.executable, "-m", "fazhi_stats", "validate", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("usage: fazhi-stats validate")
    assert done.stderr == ""


def test_usage_errors_exit_2() -> None:
    assert run_cli("frobnicate").returncode == 2
    assert run_cli().returncode == 2
    assert run_cli("build", "--only", "nonsense").returncode == 2


def test_broken_annotation_fails_with_a_message_and_touches_nothing(study: Project) -> None:
    processed = study.processed_dir
    (processed / "observations.csv").write_text("previous build\n", encoding="utf-8")
    path = study.annotations_dir / "jiaocheng-2020-report.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("value: 99.7", "value: 150", 1), encoding="utf-8"
    )
    for command in ("validate", "build"):
        result = run_cli(command, "--root", str(study.root))
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        assert "jiaocheng-2020-report.yml" in result.stderr
        assert "percentage 150 outside 0–100" in result.stderr
    assert (processed / "observations.csv").read_text(encoding="utf-8") == "previous build\n"
    assert sorted(p.name for p in processed.iterdir()) == ["observations.csv"]


def test_changed_raw_document_fails_the_build(study: Project) -> None:
    doc = study.documents_dir / "zhaoqing-2016-2018-implementation-plan.txt"
    doc.write_bytes(doc.read_bytes().replace(b"80%", b"90%", 1))
    result = run_cli("build", "--root", str(study.root), "--only", "process")
    assert result.returncode == 1
    assert (
        "sha256" in result.stderr and "zhaoqing-2016-2018-implementation-plan.yml" in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert list(study.processed_dir.iterdir()) == []


def test_gbk_document_is_decoded(study: Project) -> None:
    """A document in GBK is read (its sidecar checksum covers the GBK bytes)."""
    import hashlib

    doc = study.documents_dir / "civil-affairs-bureau-undated-plan.txt"
    data = doc.read_text(encoding="utf-8").encode("gb18030")
    doc.write_bytes(data)
    sidecar = doc.with_suffix(".yml")
    text = sidecar.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("sha256:"))
    sidecar.write_text(
        text.replace(old, f"sha256: {hashlib.sha256(data).hexdigest()}"), encoding="utf-8"
    )
    result = run_cli("validate", "--root", str(study.root))
    assert result.returncode == 0, result.stderr
