"""Mutation testing of the core modules (mutmut): how many small code changes their tests catch.

Run from the repository root::

    python3 -m uv run --locked --all-extras python benchmarks/mutation.py [MODULE ...] [--jobs N]

MODULE is a module's short name (``quantities``, ``units``, ``intervals``, ``bounds``,
``attainment``, ``rates``, ``parts``); without one, all of them. The modules, the tests that may
kill their mutants and the pytest options are the ``[tool.mutmut]`` section of
``pyproject.toml`` (the single list); mutmut runs, for each mutant, only the tests of that list
that call the mutated function. Each run starts from a fresh ``mutants/`` directory (mutmut's
work copy; git ignores it), which stays afterwards so that ``mutmut show NAME`` and
``mutmut browse`` can read the mutants.

Results go to ``benchmarks/results_mutation.json``: per module the mutants, killed, survived,
timeouts, mutants no test reaches, the kill rate and every survivor with its one-line change.
Modules not run keep their previous entry (each entry says when and on which commit it ran).
The kill rate counts a timeout as a kill (the tests noticed) and a mutant no test reaches as
not killed: ``(killed + timeout) / (mutants - skipped)``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results_mutation.json"
WORK = ROOT / "mutants"
#: the issue's names for the areas the modules belong to
AREAS = {
    "quantities": "quantities",
    "units": "quantities",
    "intervals": "intervals",
    "bounds": "intervals",
    "attainment": "targets",
    "rates": "consistency",
    "parts": "consistency",
}


def configured_modules() -> dict[str, str]:
    """Short module name → source path, from ``[tool.mutmut] only_mutate``."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    paths = config["tool"]["mutmut"]["only_mutate"]
    return {Path(p).stem: p for p in paths}


def mutant_prefix(path: str) -> str:
    """``fazhi_stats/text/units.py`` → ``fazhi_stats.text.units.`` (how mutmut names mutants)."""
    return path.removesuffix(".py").replace("/", ".") + "."


def git_commit() -> str | None:
    proc = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    return proc.stdout.strip() or None


def change_of(name: str, path: str) -> str:
    """The mutant's change as ``- old line`` / ``+ new line`` pairs (from mutmut's diff)."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    diff = get_diff_for_mutant(name, path=path)
    lines = [
        line
        for line in diff.splitlines()
        if line[:1] in "-+" and not line.startswith(("---", "+++"))
    ]
    return "\n".join(" ".join(line.split()) for line in lines)


def module_result(name: str, path: str) -> dict[str, Any]:
    """Counts and survivors of one module, read from mutmut's ``.meta`` file."""
    from mutmut.stats import status_by_exit_code

    meta = json.loads((WORK / f"{path}.meta").read_text(encoding="utf-8"))
    statuses = {k: status_by_exit_code[v] for k, v in meta["exit_code_by_key"].items()}
    counts = Counter(statuses.values())
    total = len(statuses)
    caught = counts["killed"] + counts["timeout"]
    tested = total - counts["skipped"]
    not_caught = sorted(k for k, s in statuses.items() if s in ("survived", "no tests"))
    return {
        "area": AREAS.get(name),
        "path": path,
        "mutants": total,
        "killed": counts["killed"],
        "survived": counts["survived"],
        "timeouts": counts["timeout"],
        "no_tests": counts["no tests"],
        "skipped": counts["skipped"],
        "suspicious": counts["suspicious"],
        "not_checked": counts["not checked"],
        "kill_rate": round(caught / tested, 4) if tested else None,
        "survivors": [
            {"mutant": k, "status": statuses[k], "change": change_of(k, path)} for k in not_caught
        ],
    }


def main() -> int:
    modules = configured_modules()
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("modules", nargs="*", metavar="MODULE", help=", ".join(modules))
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="parallel mutants")
    args = parser.parse_args()
    unknown = [m for m in args.modules if m not in modules]
    if unknown:
        parser.error(f"unknown module {', '.join(unknown)} (expected one of {', '.join(modules)})")
    chosen = args.modules or list(modules)

    os.chdir(ROOT)  # mutmut reads its configuration and writes mutants/ in the working directory
    shutil.rmtree(WORK, ignore_errors=True)
    mutmut = Path(sys.executable).with_name("mutmut")
    patterns = [mutant_prefix(modules[m]) + "*" for m in chosen]
    load = os.getloadavg()
    start = time.perf_counter()
    proc = subprocess.run(
        [str(mutmut), "run", "--max-children", str(args.jobs), *patterns],
        check=False,
        # the mutants run side by side, one polars thread each
        env={**os.environ, "POLARS_MAX_THREADS": "1"},
    )
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        print(f"mutmut run failed (exit code {proc.returncode})", file=sys.stderr)
        return proc.returncode

    previous = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    entries: dict[str, Any] = dict(previous.get("modules", {}))
    run = {
        "commit": git_commit(),
        "modules": chosen,
        "wall_seconds": round(seconds, 1),
        "jobs": args.jobs,
        "load_average_at_start": [round(x, 2) for x in load],
    }
    for m in chosen:
        entries[m] = {**module_result(m, modules[m]), "run": run}
    ordered = {m: entries[m] for m in modules if m in entries}
    totals: Counter[str] = Counter()
    for entry in ordered.values():
        keys = ("mutants", "killed", "survived", "timeouts", "no_tests", "skipped")
        totals.update({k: entry[k] for k in keys})
    caught, tested = totals["killed"] + totals["timeouts"], totals["mutants"] - totals["skipped"]
    results = {
        "tool": f"mutmut {_mutmut_version()}",
        "kill_rate": "(killed + timeouts) / (mutants - skipped); no_tests counts as not killed",
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
        },
        "total": {
            **dict(totals),
            "kill_rate": round(caught / tested, 4) if tested else None,
        },
        "modules": ordered,
    }
    tmp = RESULTS.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    tmp.replace(RESULTS)
    for m in chosen:
        e = ordered[m]
        print(
            f"{m:<11} {e['mutants']:>5} mutants  {e['killed']:>5} killed  "
            f"{e['survived']:>4} survived  {e['timeouts']:>3} timeouts  "
            f"{e['no_tests']:>3} no tests  kill rate {e['kill_rate']:.1%}"
        )
    print(f"{seconds:.0f} s wall; results in {RESULTS.relative_to(ROOT)}")
    return 0


def _mutmut_version() -> str:
    from importlib.metadata import version

    return version("mutmut")


if __name__ == "__main__":
    raise SystemExit(main())
