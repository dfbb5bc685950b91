"""Instructions, not seconds: the extractor against the naive extractor, counted by callgrind.

Run from the repository root (needs ``valgrind``; Debian: ``apt-get install valgrind``)::

    .venv/bin/python benchmarks/bench_instructions.py [--files 100]

On a shared machine CPU seconds move by tens of percent from one minute to the next; the
number of instructions a program executes does not (callgrind counts them, the same for the
same program and input whatever else runs). Each runner does what ``bench_extract.py``'s paired
run does per file (read, decode, extract, one JSON line per record) over the first files of
the synthetic corpus, once after a warm-up pass; its count is that of a process doing the
warm-up and the pass minus that of a process doing the warm-up only, so imports and compiling
the patterns are left out. Instructions are not time: the regex engine's work and the
interpreter's differ in how many instructions a cycle retires. The ratio says how much less
work the extractor does, the timed benchmark how much less time that takes here.

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


def count(runner: str, n_files: int, passes: int) -> tuple[int, int]:
    """(instructions, records) of one process: a warm-up pass and ``passes`` more."""
    sys.path.insert(0, str(HERE))
    from bench_extract import CORPUS

    script = _WORKER.format(root=str(ROOT), here=str(HERE), corpus=str(CORPUS / "part-00"))
    done = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            "-c",
            script,
            runner,
            str(n_files),
            str(passes),
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONHASHSEED": "0"},  # the same hashes, the same count
    )
    found = _COLLECTED.search(done.stderr)
    if found is None:
        raise SystemExit(f"no instruction count in callgrind's output:\n{done.stderr[-2000:]}")
    return int(found.group(1)), int(done.stdout.strip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=100, help="files of part-00 (default 100)")
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
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(
        f"{args.files} files: extractor {per_pass['extractor'] / 1e6:.1f} M instructions, "
        f"naive {per_pass['naive'] / 1e6:.1f} M: the naive extractor executes "
        f"{results['naive_over_extractor']}x as many; results in {RESULTS.relative_to(ROOT)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
