"""Long fuzz campaign: every property test with the `fuzz` hypothesis profile.

Run from the repository root::

    python3 -m uv run --locked --all-extras python benchmarks/fuzz_campaign.py [--examples N]

It runs the property-based tests of the parser, the normaliser and the extractor with N examples
each (default 20,000), prints the number of examples each test ran and any failure, and writes
the summary to ``benchmarks/fuzz_results.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROPERTY_TESTS = [
    "tests/test_fuzz.py",
    "tests/test_numbers.py",
    "tests/test_textmap.py",
    "tests/test_extract.py",
]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--examples", type=int, default=20_000, help="examples per property test")
    args = parser.parse_args()
    files = [f for f in PROPERTY_TESTS if (ROOT / f).exists()]
    start = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            *files,
            "-q",
            "-p",
            "no:cacheprovider",
            "--hypothesis-profile=fuzz",
            "--hypothesis-seed=0",
            "--hypothesis-show-statistics",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "FAZHI_FUZZ_EXAMPLES": str(args.examples)},
    )
    elapsed = time.perf_counter() - start
    stats: dict[str, int] = {}
    current = None
    for line in proc.stdout.splitlines():
        if line.startswith("tests/") and line.rstrip().endswith(":"):
            current = line.rstrip(":")
        m = re.search(r"(\d+) passing, (\d+) failing", line)
        if current and m:
            stats[current] = stats.get(current, 0) + int(m.group(1)) + int(m.group(2))
    summary = {
        "examples_per_test": args.examples,
        "property_tests": len(stats),
        "total_examples": sum(stats.values()),
        "seconds": round(elapsed, 1),
        "result": proc.stdout.strip().splitlines()[-1]
        if proc.stdout.strip()
        else proc.stderr[-500:],
        "per_test": dict(sorted(stats.items())),
    }
    (ROOT / "benchmarks" / "fuzz_results.json").write_text(
        json.dumps(summary, indent=2, ensure_ascii=False) + "\n"
    )
    print(json.dumps(summary, indent=2, ensure_ascii=False))
    if proc.returncode != 0:
        print(proc.stdout[-5000:], file=sys.stderr)
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
