"""Benchmark of ``fazhi-stats extract`` on a synthetic corpus built from the real documents.

Run from the repository root::

    .venv/bin/python benchmarks/bench_extract.py [--megabytes 50] [--files 2500]

The corpus (``benchmarks/.corpus/``, git-ignored) holds the sentences of the documents in
``data/raw/documents`` shuffled across thousands of files with a seeded RNG, each file opening
with a title line of a report or a plan; it is rebuilt only when its parameters change.

1. **Paired run** (one process, the same files): for each file (and, in a second run, for
   each block of 50 files, which leaves each runner its own processor caches), the CPU time
   of the extractor
   (read, decode, extract, one JSON line per claim: what ``extract`` does per file), of the
   naive extractor a user writes in an afternoon (every number a claim, regex + cn2an, one
   JSON line each; ``benchmarks/naive_extract.py``) and of a bare regex scan of the digits.
   The order of the first two alternates from file to file, so drift of the machine falls on
   both; ratios of the totals are reported.
2. **Paired run on real texts**: the same, on the real documents in the repository (the
   development set's texts and the study's own), several rounds, the extractor forgetting
   the quantities it read at the start of each round. The synthetic corpus repeats the
   sentences of five documents; real text repeats less, and this run says what that costs.
3. **Ablation**: the paired run again with each claim's kind, year, family and indicator
   replaced by constants: the speed-up the rest of the extractor allows.
4. **CLI runs** with ``--jobs 1`` and ``--jobs 2`` on the whole corpus and on its first part
   (memory must not grow with the corpus). Each run is measured in a fresh child process,
   whose ``resource.getrusage(RUSAGE_CHILDREN)`` gives the peak RSS of the CLI and its workers.
5. **Machine scaling**: two independent ``--jobs 1`` processes on two parts, one after the
   other and at once: the most ``--jobs 2`` can gain on this machine.

Results go to ``benchmarks/results.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = HERE / ".corpus"
RESULTS = HERE / "results.json"
SEED = 20240601
FILES_PER_PART = 500
_SENTENCE = re.compile(r"[^。！？\n]*[。！？]?")


def source_sentences() -> tuple[list[str], list[str]]:
    """(title lines, sentences) of the real documents, in document order."""
    sys.path.insert(0, str(ROOT))
    from fazhi_stats.sources.documents import read_text

    titles: list[str] = []
    sentences: list[str] = []
    for path in sorted((ROOT / "data" / "raw" / "documents").glob("*.txt")):
        text, _ = read_text(path)
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        titles.extend(
            line for line in lines[:15] if ("关于" in line or "方案" in line) and len(line) < 90
        )
        for line in lines:
            sentences.extend(s for s in _SENTENCE.findall(line) if s.strip())
    return titles, sentences


def build_corpus(megabytes: float, n_files: int) -> dict[str, object]:
    """Write the corpus unless one with the same parameters exists; return its manifest."""
    manifest_path = CORPUS / "manifest.json"
    wanted = {"seed": SEED, "megabytes": megabytes, "files": n_files}
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if {k: manifest.get(k) for k in wanted} == wanted:
            return dict(manifest)
    titles, sentences = source_sentences()
    rng = random.Random(SEED)
    target = int(megabytes * 1_000_000 / n_files) + 1
    for old in CORPUS.rglob("*.txt"):
        old.unlink()
    total = 0
    for i in range(n_files):
        part = CORPUS / f"part-{i // FILES_PER_PART:02d}"
        part.mkdir(parents=True, exist_ok=True)
        lines = [rng.choice(titles)]
        size = len(lines[0].encode("utf-8"))
        while size < target:
            paragraph = "".join(rng.choice(sentences) for _ in range(rng.randint(1, 6)))
            lines.append(paragraph)
            size += len(paragraph.encode("utf-8")) + 1
        data = ("\n".join(lines) + "\n").encode("utf-8")
        (part / f"doc-{i:05d}.txt").write_bytes(data)
        total += len(data)
    manifest = {**wanted, "bytes": total, "sentences": len(sentences), "titles": len(titles)}
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def corpus_bytes(directory: Path) -> int:
    return sum(p.stat().st_size for p in directory.rglob("*.txt"))


def measure(directory: Path, jobs: int) -> dict[str, object]:
    """Run the CLI once as a child and report wall time and the peak RSS of its processes."""
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "claims.jsonl"
        command = [
            sys.executable,
            "-m",
            "fazhi_stats",
            "extract",
            str(directory),
            "--jobs",
            str(jobs),
            "--output",
            str(output),
        ]
        start = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - start
        claims = sum(1 for _ in output.open(encoding="utf-8")) if output.exists() else 0
    if done.returncode != 0:
        raise SystemExit(f"extract failed ({done.returncode}): {done.stderr[-2000:]}")
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    return {"seconds": seconds, "claims": claims, "peak_rss_mb": peak_kib / 1024}


def run_isolated(directory: Path, jobs: int) -> dict[str, object]:
    """:func:`measure` in a fresh process, so each run's peak RSS is its own."""
    command = [sys.executable, __file__, "--measure", str(directory), "--jobs", str(jobs)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    result: dict[str, object] = json.loads(done.stdout)
    return result


def machine_scaling(first: Path, second: Path) -> dict[str, object]:
    """How much two independent processes gain on this machine: ``extract --jobs 1`` on two
    directories one after the other, then both at once (wall time). Two cores that share
    their caches (or hyperthreads of one core) give less than 2x whatever the program does,
    and ``--jobs 2`` cannot scale better than this."""

    def command(directory: Path, output: Path) -> list[str]:
        return [
            sys.executable,
            "-m",
            "fazhi_stats",
            "extract",
            str(directory),
            "--output",
            str(output),
        ]

    with tempfile.TemporaryDirectory() as tmp:
        outputs = [Path(tmp) / "a.jsonl", Path(tmp) / "b.jsonl"]
        start = time.perf_counter()
        for directory, output in zip((first, second), outputs, strict=True):
            subprocess.run(command(directory, output), cwd=ROOT, check=True, capture_output=True)
        one_after_the_other = time.perf_counter() - start
        start = time.perf_counter()
        running = [
            subprocess.Popen(command(d, o), cwd=ROOT, stdout=subprocess.DEVNULL)
            for d, o in zip((first, second), outputs, strict=True)
        ]
        if any(process.wait() != 0 for process in running):
            raise SystemExit("extract failed in the machine-scaling run")
        at_once = time.perf_counter() - start
    return {
        "directories": [first.name, second.name],
        "seconds_one_after_the_other": round(one_after_the_other, 3),
        "seconds_at_once": round(at_once, 3),
        "two_processes_speed_up": round(one_after_the_other / at_once, 3),
    }


def machine_best(runs: list[dict[str, object]]) -> dict[str, object]:
    """The best time of each way over several :func:`machine_scaling` runs, and their ratio."""
    after = min(float(r["seconds_one_after_the_other"]) for r in runs)  # type: ignore[arg-type]
    at_once = min(float(r["seconds_at_once"]) for r in runs)  # type: ignore[arg-type]
    return {
        **runs[0],
        "runs": len(runs),
        "seconds_one_after_the_other": after,
        "seconds_at_once": at_once,
        "two_processes_speed_up": round(after / at_once, 3),
    }


def real_texts() -> list[Path]:
    """The real documents in the repository: the development set's texts and the study's."""
    return sorted((ROOT / "tests" / "data" / "evaluation" / "texts").glob("*.txt")) + sorted(
        (ROOT / "data" / "raw" / "documents").glob("*.txt")
    )


def paired(
    directory: Path,
    rounds: int,
    *,
    files: list[Path] | None = None,
    forget: bool = False,
    block: int = 1,
    without_context: bool = False,
) -> dict[str, object]:
    """CPU seconds of extractor, naive extractor and bare scan on the same files, interleaved.

    ``files`` default to the ``*.txt`` below ``directory``. The runners take turns on blocks
    of ``block`` files, the order alternating from block to block: with one file per block
    each runner starts every file in the processor caches the other left; with blocks of
    dozens of files each runs in the state it has when it runs alone, as ``extract`` does.
    With ``forget`` the extractor starts each round without the quantities it read before
    (its table is per process), so every round costs what a first reading costs. With
    ``without_context`` (an ablation, not a mode of the extractor) the kind, year, family and
    indicator of each claim are constants: what is left is the cost of reading the files,
    finding, masking and parsing the numbers and writing the lines.
    """
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(HERE))
    from naive_extract import bare_scan, naive_claims

    from fazhi_stats.cli.extract import formatted_claims

    def ours(path: Path) -> int:  # what `fazhi-stats extract` does for each file
        return formatted_claims((path, path.stem)).n_claims

    if without_context:
        import fazhi_stats.extract.claims as claims_module

        constants: dict[str, object] = {
            "kind_of": lambda *_: ("unknown", False),
            "topic_of": lambda *_: ("other", None),
            "year_of": lambda *_: None,
        }

        def ours_without_context(path: Path) -> int:
            real = {name: getattr(claims_module, name) for name in constants}
            for name, constant in constants.items():
                setattr(claims_module, name, constant)
            try:
                return ours(path)
            finally:
                for name, function in real.items():
                    setattr(claims_module, name, function)

        runners_ours = ours_without_context
    else:
        runners_ours = ours

    def naive(path: Path) -> int:
        text = path.read_bytes().decode("utf-8")
        return len([json.dumps(c, ensure_ascii=False) for c in naive_claims(text)])

    def bare(path: Path) -> int:
        return bare_scan(path.read_bytes().decode("utf-8"))

    from fazhi_stats.text.reader import QuantityReader

    files = files if files is not None else sorted(directory.rglob("*.txt"))
    ours(files[0]), naive(files[0])  # imports and compiled patterns out of the timing
    read_before = QuantityReader().vocabulary.read_before
    seconds = {"extractor": 0.0, "naive": 0.0, "bare_scan": 0.0}
    counts = {"extractor": 0, "naive": 0, "bare_scan": 0}
    runners = {"extractor": runners_ours, "naive": naive, "bare_scan": bare}
    for r in range(rounds):
        if forget:
            read_before.clear()
        for i in range(0, len(files), block):
            chunk = files[i : i + block]
            turn = (i // block + r) % 2
            order = ("extractor", "naive") if turn == 0 else ("naive", "extractor")
            for name in (*order, "bare_scan"):
                runner = runners[name]
                start = time.process_time()
                found = sum(runner(path) for path in chunk)
                seconds[name] += time.process_time() - start
                if r == 0:
                    counts[name] += found
    megabytes = sum(p.stat().st_size for p in files) / 1e6 * rounds
    return {
        "corpus": directory.name,
        "files": len(files),
        "megabytes": round(megabytes, 3),
        "rounds": rounds,
        "files_per_turn": block,
        "cpu_seconds": {k: round(v, 3) for k, v in seconds.items()},
        "mb_per_s": {k: round(megabytes / v, 2) for k, v in seconds.items()},
        "records": counts,
        "speedup_over_naive": round(seconds["naive"] / seconds["extractor"], 3),
        "extractor_over_bare_scan": round(seconds["extractor"] / seconds["bare_scan"], 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=50.0, help="corpus size (default 50)")
    parser.add_argument("--files", type=int, default=2500, help="number of files (default 2500)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per setting; best is kept")
    parser.add_argument(
        "--paired-rounds", type=int, default=1, help="passes of the paired run (default 1)"
    )
    parser.add_argument(
        "--real-rounds",
        type=int,
        default=20,
        help="passes over the real texts in their paired run (default 20)",
    )
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure is not None:
        print(json.dumps(measure(args.measure, args.jobs)))
        return 0

    manifest = build_corpus(args.megabytes, args.files)
    first_part = CORPUS / "part-00"
    pair = paired(first_part, args.paired_rounds)
    blocks = paired(first_part, args.paired_rounds, block=50)
    print(
        f"paired in turns of 50 files: extractor {blocks['mb_per_s']['extractor']} MB/s, "  # type: ignore[index]
        f"naive {blocks['mb_per_s']['naive']} MB/s; "  # type: ignore[index]
        f"speed-up over naive {blocks['speedup_over_naive']}x",
        flush=True,
    )
    print(
        f"paired on {pair['megabytes']} MB: extractor {pair['mb_per_s']['extractor']} MB/s, "  # type: ignore[index]
        f"naive regex + cn2an {pair['mb_per_s']['naive']} MB/s, "  # type: ignore[index]
        f"bare digit scan {pair['mb_per_s']['bare_scan']} MB/s; "  # type: ignore[index]
        f"speed-up over naive {pair['speedup_over_naive']}x, "
        f"{pair['extractor_over_bare_scan']}x the bare scan's time",
        flush=True,
    )
    ablation = paired(first_part, args.paired_rounds, without_context=True)
    print(
        f"ablation, kind/year/topic constant: extractor {ablation['mb_per_s']['extractor']} MB/s, "  # type: ignore[index]
        f"speed-up over naive {ablation['speedup_over_naive']}x",
        flush=True,
    )
    texts = real_texts()
    real = paired(ROOT, args.real_rounds, files=texts, forget=True)
    real["corpus"] = "real texts (tests/data/evaluation/texts, data/raw/documents)"
    print(
        f"paired on the {len(texts)} real texts x {args.real_rounds} rounds ({real['megabytes']} MB): "
        f"extractor {real['mb_per_s']['extractor']} MB/s, "  # type: ignore[index]
        f"naive {real['mb_per_s']['naive']} MB/s; "  # type: ignore[index]
        f"speed-up over naive {real['speedup_over_naive']}x",
        flush=True,
    )
    # every setting once per round, the rounds one after another: a slow spell of the
    # machine falls on all settings alike, and each keeps its best round
    settings = [
        (label, directory, jobs)
        for label, directory in (("part-00", first_part), ("all", CORPUS))
        for jobs in (1, 2)
    ]
    best: dict[tuple[str, int], dict[str, object]] = {}
    for _ in range(args.repeat):
        for label, directory, jobs in settings:
            result = run_isolated(directory, jobs)
            kept = best.get((label, jobs))
            if kept is None or float(result["seconds"]) < float(kept["seconds"]):  # type: ignore[arg-type]
                best[(label, jobs)] = result
    runs = []
    for label, directory, jobs in settings:
        size = corpus_bytes(directory)
        found = best[(label, jobs)]
        mbps = size / 1e6 / float(found["seconds"])  # type: ignore[arg-type]
        row = {
            "corpus": label,
            "files": sum(1 for _ in directory.rglob("*.txt")),
            "megabytes": round(size / 1e6, 3),
            "jobs": jobs,
            "seconds": round(float(found["seconds"]), 3),  # type: ignore[arg-type]
            "mb_per_s": round(mbps, 3),
            "mb_per_s_per_process": round(mbps / jobs, 3),
            "peak_rss_mb": round(float(found["peak_rss_mb"]), 1),  # type: ignore[arg-type]
            "claims": found["claims"],
        }
        runs.append(row)
        print(
            f"{label:8s} {row['megabytes']:8.1f} MB  jobs={jobs}  {row['seconds']:7.2f} s  "
            f"{row['mb_per_s']:6.2f} MB/s  ({row['mb_per_s_per_process']:.2f} per process)  "
            f"peak RSS {row['peak_rss_mb']:.0f} MB  {row['claims']} claims",
            flush=True,
        )
    full = {r["jobs"]: r for r in runs if r["corpus"] == "all"}
    scaling = float(full[2]["mb_per_s"]) / float(full[1]["mb_per_s"])  # type: ignore[arg-type]
    scalings = [machine_scaling(first_part, CORPUS / "part-01") for _ in range(args.repeat)]
    machine = machine_best(scalings)
    print(
        f"two independent extract processes at once: {machine['two_processes_speed_up']}x "
        "one after the other (the machine's own ceiling for --jobs 2)",
        flush=True,
    )
    results = {
        "corpus": manifest,
        "paired": pair,
        "paired_in_turns_of_50_files": blocks,
        "paired_real_texts": real,
        "paired_ablation_without_context": ablation,
        "runs": runs,
        "scaling_2_jobs": round(scaling, 3),
        "machine_scaling_2_processes": machine,
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        },
    }
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"scaling with 2 jobs: {scaling:.2f}x; results in {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
