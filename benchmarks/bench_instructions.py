"""Instructions, not seconds: the extractor against the naive extractor, counted by callgrind.

Run from the repository root (needs ``valgrind``; Debian: ``apt-get install valgrind``)::

    .venv/bin/python benchmarks/bench_instructions.py [--files 100] [--branches]

On a shared machine CPU seconds move by tens of percent from one minute to the next; the
number of instructions a program executes does not (callgrind counts them, the same for the
same program and input whatever else runs). Each runner does what ``bench_extract.py``'s paired
run does per file (read, decode, extract, one JSON line per record) over the first files of
the synthetic corpus, once after a warm-up pass; its count is that of a process doing the
warm-up and the pass minus that of a process doing the warm-up only, so imports and compiling
the patterns are left out. Instructions are not time: the regex engine's work and the
interpreter's differ in how many instructions a cycle retires. The ratio says how much less
work the extractor does, the timed benchmark how much less time that takes here.

With ``--branches`` each runner is also run under cachegrind's branch simulator: the branches
and mispredicted branches of a pass. A mispredicted branch costs a processor some fifteen cycles;
the regex engine and the interpreter dispatch their opcodes by indirect branches, which are the
ones mispredicted most. The two ratios together say where the time of a pass goes.

Results go to ``benchmarks/results_instructions.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results_instructions.json"

# one runner over the first FILES files of part-00, WARM-UP pass then PASSES counted passes
_WORKER = """
import json, sys
from pathlib import Path
sys.path[:0] = [{root!r}, {here!r}]
runner, n_files, passes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
files = sorted(Path({corpus!r}).glob("*.txt"))[:n_files]
if runner == "extractor":
    from fazhi_stats.cli.extract import formatted_claims
    def run(path):
        return formatted_claims((path, path.stem)).n_claims
else:
    from naive_extract import naive_claims
    def run(path):
        text = path.read_bytes().decode("utf-8")
        return len([json.dumps(c, ensure_ascii=False) for c in naive_claims(text)])
for _ in range(1 + passes):
    records = sum(run(path) for path in files)
print(records)
"""
_COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")
_BRANCHES = re.compile(r"Branches:\s*([\d,]+)")
_MISPREDICTS = re.compile(r"Mispredicts:\s*([\d,]+)")


def _valgrind(tool: list[str], runner: str, n_files: int, passes: int) -> tuple[str, int]:
    """(valgrind's report, records) of one process: a warm-up pass and ``passes`` more."""
    sys.path.insert(0, str(HERE))
    from bench_extract import CORPUS

    script = _WORKER.format(root=str(ROOT), here=str(HERE), corpus=str(CORPUS / "part-00"))
    done = subprocess.run(
        ["valgrind", *tool, sys.executable, "-c", script, runner, str(n_files), str(passes)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONHASHSEED": "0"},  # the same hashes, the same count
    )
    return done.stderr, int(done.stdout.strip())


def _number(pattern: re.Pattern[str], report: str, what: str) -> int:
    found = pattern.search(report)
    if found is None:
        raise SystemExit(f"no {what} in valgrind's output:\n{report[-2000:]}")
    return int(found.group(1).replace(",", ""))


def count(runner: str, n_files: int, passes: int) -> tuple[int, int]:
    """(instructions, records) of one process: a warm-up pass and ``passes`` more."""
    tool = ["--tool=callgrind", "--callgrind-out-file=/dev/null"]
    report, records = _valgrind(tool, runner, n_files, passes)
    return _number(_COLLECTED, report, "instruction count"), records


def count_branches(runner: str, n_files: int, passes: int) -> tuple[int, int]:
    """(branches, mispredicted branches) of one process, by cachegrind's branch simulator."""
    tool = [
        "--tool=cachegrind",
        "--cache-sim=no",
        "--branch-sim=yes",
        "--cachegrind-out-file=/dev/null",
    ]
    report, _ = _valgrind(tool, runner, n_files, passes)
    return _number(_BRANCHES, report, "branch count"), _number(_MISPREDICTS, report, "mispredicts")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=100, help="files of part-00 (default 100)")
    parser.add_argument(
        "--branches", action="store_true", help="count mispredicted branches too (cachegrind)"
    )
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    sys.path.insert(0, str(HERE))
    from bench_extract import build_corpus

    build_corpus(50.0, 2500)  # the timed benchmark's corpus (built once, then reused)
    jobs = [(r, p) for r in ("extractor", "naive") for p in (0, 1)]
    with ThreadPoolExecutor(max_workers=2) as pool:  # counts do not depend on concurrency
        found = pool.map(lambda job: count(job[0], args.files, job[1]), jobs)
        counts = dict(zip(jobs, found, strict=True))
    per_pass = {r: counts[(r, 1)][0] - counts[(r, 0)][0] for r in ("extractor", "naive")}
    results = {
        "files": args.files,
        "corpus": "benchmarks/.corpus/part-00",
        "instructions_per_pass": per_pass,
        "records": {r: counts[(r, 1)][1] for r in ("extractor", "naive")},
        "naive_over_extractor": round(per_pass["naive"] / per_pass["extractor"], 3),
    }
    if args.branches:
        with ThreadPoolExecutor(max_workers=2) as pool:
            found_b = pool.map(lambda job: count_branches(job[0], args.files, job[1]), jobs)
            branches = dict(zip(jobs, found_b, strict=True))
        per_pass_b = {
            r: [branches[(r, 1)][k] - branches[(r, 0)][k] for k in (0, 1)]
            for r in ("extractor", "naive")
        }
        results["branches_per_pass"] = {r: b for r, (b, _) in per_pass_b.items()}
        results["mispredicted_per_pass"] = {r: m for r, (_, m) in per_pass_b.items()}
        results["mispredicted_rate"] = {r: round(m / b, 4) for r, (b, m) in per_pass_b.items()}
        results["naive_over_extractor_mispredicted"] = round(
            per_pass_b["naive"][1] / per_pass_b["extractor"][1], 3
        )
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(
        f"{args.files} files: extractor {per_pass['extractor'] / 1e6:.1f} M instructions, "
        f"naive {per_pass['naive'] / 1e6:.1f} M: the naive extractor executes "
        f"{results['naive_over_extractor']}x as many; results in {RESULTS.relative_to(ROOT)}"
    )
    if args.branches:
        m = results["mispredicted_per_pass"]
        print(
            f"mispredicted branches: extractor {m['extractor'] / 1e6:.1f} M "
            f"({results['mispredicted_rate']['extractor']:.1%}), naive {m['naive'] / 1e6:.1f} M "
            f"({results['mispredicted_rate']['naive']:.1%}): "
            f"{results['naive_over_extractor_mispredicted']}x as many"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
