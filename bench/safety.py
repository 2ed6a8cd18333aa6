"""The safety screen's cost per goal, natively: ``python -m bench.safety [--runs N]``.

Times ``generator.smart.safety.screen(text)`` (the part of ``check_goal`` that
runs first on every goal) over the SMART dev set's goals (ordinary goals, the
common case) and the safety dev set's goals (risky goals and near-misses, the
expensive case: they reach the patterns), with the learned detector (risk.py)
and, for comparison, the rules alone. Budget: under 0.3 ms per goal.
Measured here, never in a timed test.
"""

from __future__ import annotations

import argparse
import statistics
import time

from . import DEV_SET, ROOT
from .checker import dev_goals

SAFETY_SET = ROOT / "tests" / "smart" / "safety" / "dev.yaml"


def measure(goals: list[str], runs: int) -> dict:
    from generator.smart.safety import screen

    for text in goals:
        screen(text)  # warm: regexes compiled on import, canonical words remembered
    means, cpu, each = [], [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        for text in goals:
            screen(text)
        means.append((time.perf_counter() - start) * 1000 / len(goals))
        cpu.append((time.process_time() - start_cpu) * 1000 / len(goals))
    for text in goals:
        one = time.perf_counter()
        screen(text)
        each.append((time.perf_counter() - one) * 1000)
    # CPU time of the best run: on a shared machine the wall clock also counts other processes.
    return {"goals": len(goals), "cpu_ms": round(min(cpu), 4), "mean_ms": round(statistics.median(means), 4),
            "median_ms": round(statistics.median(each), 4),
            "p95_ms": round(statistics.quantiles(each, n=20)[-1], 4), "max_ms": round(max(each), 4)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    from generator.smart import risk

    shipped = risk.detector()
    for name, path in (("ordinary goals (SMART dev set)", DEV_SET), ("risky goals and near-misses", SAFETY_SET)):
        goals = dev_goals(path)
        res = measure(goals, args.runs)
        risk._DETECTOR[:] = [None]  # the rules alone, to show what the learned detector costs
        try:
            rules = measure(goals, args.runs)
        finally:
            risk._DETECTOR[:] = [shipped]
        print(f"safety screen, {name}: {res['goals']} goals, {res['cpu_ms']:.3f} ms CPU per goal (best run; "
              f"rules alone {rules['cpu_ms']:.3f}); wall: mean {res['mean_ms']:.3f}, median {res['median_ms']:.3f}, "
              f"p95 {res['p95_ms']:.3f}, max {res['max_ms']:.3f} ms; budget < 0.3 ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
