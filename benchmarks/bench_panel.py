"""Benchmark of the panel stage on a synthetic panel (generated here, never written to data/).

Run from the repository root::

    .venv/bin/python benchmarks/bench_panel.py [--regions 3000 --years 10 --indicators 100]

The panel is SYNTHETIC: seeded random values for made-up regions (``SYN00001``…) and made-up
indicators (``synthetic_00``…) with a registry of their own, 20 % of them written as intervals
(ranges 3至4, 约, 以上, 余). Two measurements, each in a fresh child process so that its peak
RSS is its own:

1. the deterministic path ``build_panel → normalise_panel(by="year") → aggregate`` on
   regions × years × indicators observations, side by side with a plain pandas group-by
   implementation of the same path (interval ends from the comparators, min–max per year ×
   indicator from group extremes, arithmetic mean per region × year); the ratio is reported;
2. ``rank_uncertainty`` with 1,000 draws on a smaller panel (300 × 10 × 50), varying the values
   inside their intervals, the 约 tolerance, the weights and the normalisation.

Results go to ``benchmarks/results_panel.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results_panel.json"
SEED = 20261201


def synthetic_registry(n_indicators: int) -> dict[str, Any]:
    from fazhi_stats.registry import Indicator

    return {
        f"synthetic_{k:02d}": Indicator(
            id=f"synthetic_{k:02d}",
            name_zh=f"合成指标{k}",
            name_en=f"Synthetic indicator {k}",
            family=f"synthetic_family_{k % 5}",
            unit="percent" if k % 4 == 0 else "count",
            direction="lower_is_better" if k % 7 == 0 else "higher_is_better",
            definition="SYNTHETIC benchmark indicator",
        )
        for k in range(n_indicators)
    }


def synthetic_observations(regions: int, years: int, indicators: int, seed: int = SEED) -> Any:
    """A SYNTHETIC observations frame: one observation per region × year × indicator."""
    import numpy as np
    import polars as pl

    rng = np.random.default_rng(seed)
    n = regions * years * indicators
    region = np.repeat(np.arange(regions), years * indicators)
    year = np.tile(np.repeat(np.arange(2011, 2011 + years), indicators), regions)
    ind = np.tile(np.arange(indicators), regions * years)
    percent = ind % 4 == 0
    value = np.where(percent, rng.uniform(0, 95, n), rng.gamma(2.0, 50.0, n)).round(1)
    kind = rng.random(n)
    comparator = np.select(
        [kind < 0.08, kind < 0.12, kind < 0.16, kind < 0.20],
        ["eq", "approx", "ge", "gt"],
        default="eq",
    )
    upper = np.where(kind < 0.08, value + rng.uniform(1, 5, n).round(1), np.nan)
    upper = np.where(percent, np.minimum(upper, 100.0), upper)
    ids = [f"synthetic/{i}" for i in range(n)]
    return pl.DataFrame(
        {
            "observation_id": ids,
            "document_id": [f"synthetic-doc-{r:05d}" for r in region],
            "region_code": [f"SYN{r:05d}" for r in region],
            "year": year,
            "indicator_id": [f"synthetic_{k:02d}" for k in ind],
            "kind": ["actual"] * n,
            "comparator": comparator,
            "value_std": value,
            "value_std_upper": pl.Series(upper).fill_nan(None),
            "unit_std": np.where(percent, "percent", "count"),
        }
    )


def pandas_baseline(observations: Any) -> Any:
    """The deterministic path in plain pandas group-by (the baseline)."""
    import numpy as np

    df = observations.to_pandas()
    value, upper, comp = (
        df["value_std"],
        df["value_std_upper"].fillna(df["value_std"]),
        df["comparator"],
    )
    df["lo"] = np.where(comp == "approx", value * 0.95, value)
    df["hi"] = np.select([comp == "eq", comp == "approx"], [upper, upper * 1.05], np.inf)
    df["hi"] = np.where(df["unit_std"] == "percent", np.minimum(df["hi"], 100.0), df["hi"])
    groups = df.groupby(["year", "indicator_id"])
    low, high = (
        groups["lo"].transform("min"),
        groups["hi"].transform(lambda s: s[np.isfinite(s)].max()),
    )
    df["score_lower"] = ((df["lo"] - low) / (high - low)).clip(0, 1)
    df["score_upper"] = ((df["hi"] - low) / (high - low)).clip(0, 1)
    return df.groupby(["region_code", "year"])[["score_lower", "score_upper"]].mean()


def stage_deterministic(regions: int, years: int, indicators: int) -> dict[str, Any]:
    import polars as pl

    import fazhi_stats as fz

    observations = synthetic_observations(regions, years, indicators)
    registry = synthetic_registry(indicators)
    timings: dict[str, float] = {}
    cpu = time.process_time()
    start = time.perf_counter()
    panel = fz.build_panel(observations, indicators=registry)
    timings["build_panel"] = time.perf_counter() - start
    t = time.perf_counter()
    scores = fz.normalise_panel(panel, method="minmax", by="year")
    timings["normalise_panel"] = time.perf_counter() - t
    t = time.perf_counter()
    index = fz.aggregate(scores)
    timings["aggregate"] = time.perf_counter() - t
    total = time.perf_counter() - start
    total_cpu = time.process_time() - cpu
    cpu = time.process_time()
    t = time.perf_counter()
    baseline = pandas_baseline(observations)
    baseline_seconds = time.perf_counter() - t
    baseline_cpu = time.process_time() - cpu
    return {
        "rows": observations.height,
        "interval_share": float(
            observations.select(
                (pl.col("comparator") != "eq") | pl.col("value_std_upper").is_not_null()
            )
            .to_series()
            .mean()
        ),
        "seconds": {k: round(v, 3) for k, v in timings.items()},
        "total_seconds": round(total, 3),
        "total_cpu_seconds": round(total_cpu, 3),
        "pandas_baseline_seconds": round(baseline_seconds, 3),
        "pandas_baseline_cpu_seconds": round(baseline_cpu, 3),
        "ratio_to_baseline": round(total / baseline_seconds, 2),
        "index_rows": index.height,
        "baseline_rows": len(baseline),
    }


def stage_uncertainty(regions: int, years: int, indicators: int, draws: int) -> dict[str, Any]:
    import fazhi_stats as fz

    observations = synthetic_observations(regions, years, indicators, seed=SEED + 1)
    panel = fz.build_panel(observations, indicators=synthetic_registry(indicators))
    vary = fz.Vary(approx_tolerance=(0.02, 0.1), weights=0.25, normalisations=("rank", "zscore"))
    tracemalloc.start()
    cpu = time.process_time()
    start = time.perf_counter()
    result = fz.rank_uncertainty(panel, fz.Method(), draws=draws, seed=1, vary=vary)
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    width = result.ranks["rank_p95"] - result.ranks["rank_p05"]
    return {
        "rows": panel.height,
        "draws_requested": draws,
        "evaluations": result.n_evaluations,
        "factors": list(result.factors),
        "seconds": round(seconds, 3),
        "cpu_seconds": round(cpu_seconds, 3),
        "traced_peak_mb": round(traced_peak / 2**20, 1),
        "median_rank_interval_width": float(width.median()),
        "sensitivity": result.sensitivity.select("factor", "first_order", "total_order").to_dicts(),
    }


def _child(args: list[str]) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, default=3000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--indicators", type=int, default=100)
    parser.add_argument("--mc-regions", type=int, default=300)
    parser.add_argument("--mc-indicators", type=int, default=50)
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--stage", choices=["deterministic", "uncertainty"])
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.stage:
        if args.stage == "deterministic":
            found = stage_deterministic(args.regions, args.years, args.indicators)
        else:
            found = stage_uncertainty(args.mc_regions, args.years, args.mc_indicators, args.draws)
        found["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        print(json.dumps(found))
        return
    common = ["--years", str(args.years)]
    deterministic = _child(
        [
            "--stage",
            "deterministic",
            "--regions",
            str(args.regions),
            "--indicators",
            str(args.indicators),
            *common,
        ]
    )
    uncertainty = _child(
        [
            "--stage",
            "uncertainty",
            "--mc-regions",
            str(args.mc_regions),
            "--mc-indicators",
            str(args.mc_indicators),
            "--draws",
            str(args.draws),
            *common,
        ]
    )
    results = {
        "data": "SYNTHETIC panel generated by benchmarks/bench_panel.py (seeded); not study data",
        "seed": SEED,
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            # other work on the machine stretches wall time: compare the ratio
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        },
        "deterministic": {
            "regions": args.regions,
            "years": args.years,
            "indicators": args.indicators,
            **deterministic,
            "budget_seconds": 3.0,
        },
        "uncertainty": {
            "regions": args.mc_regions,
            "years": args.years,
            "indicators": args.mc_indicators,
            **uncertainty,
            "budget_seconds": 30.0,
        },
    }
    tmp = RESULTS.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(RESULTS)
    print(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
