"""Accuracy of the SMART checker on a labelled goal set (see GUIDELINES.md).

    python -m generator.evaluate ../shared/smart-goals/dev.yaml [--cases tests/smart/cases.yaml] [--verbose]

Prints per-label accuracy; --verbose also lists every miss. Always exits 0:
it is a measurement, the tests hold the thresholds.
"""

from __future__ import annotations

import argparse
import sys
import time

import yaml

from generator.smart import check_goal

LABELS = ("specific", "measurable", "time_bound", "attainable_risk", "framing")


def predict(text: str) -> dict:
    """The checker's labels for one goal, in the rubric's terms."""
    report = check_goal(text)
    crit = report.to_dict()["criteria"]
    return {
        "specific": crit["specific"]["status"] == "met",
        "measurable": crit["measurable"]["status"] == "met",
        "time_bound": crit["time_bound"]["status"] == "met",
        "attainable_risk": crit["attainable"]["status"] != "met",
        "framing": report.framing,
    }


def load(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or []
    return [r for r in data if isinstance(r, dict) and "text" in r]


def score(records: list[dict]) -> tuple[dict, list[tuple]]:
    """Accuracy per label and the misses (text, label, expected, got)."""
    right = {label: 0 for label in LABELS}
    seen = {label: 0 for label in LABELS}
    misses = []
    for rec in records:
        got = predict(rec["text"])
        for label in LABELS:
            if label not in rec:
                continue
            seen[label] += 1
            if got[label] == rec[label]:
                right[label] += 1
            else:
                misses.append((rec["text"], label, rec[label], got[label]))
    acc = {label: (right[label] / seen[label] if seen[label] else 0.0) for label in LABELS}
    return acc, misses


def _print(name: str, records: list[dict], verbose: bool) -> None:
    acc, misses = score(records)
    print(f"{name}: {len(records)} goals")
    for label in LABELS:
        print(f"  {label:<16} {acc[label]:.3f}")
    if verbose and misses:
        print("  misses:")
        for text, label, expected, got in misses:
            print(f"    [{label}] expected {expected!r}, got {got!r}: {text}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("goals", nargs="?", default="../shared/smart-goals/dev.yaml",
                        help="labelled goal set (YAML)")
    parser.add_argument("--cases", action="append", default=[], help="another labelled set to report on")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every miss")
    parser.add_argument("--timing", action="store_true", help="also print the median time per goal")
    args = parser.parse_args(argv)
    sets = [(args.goals, load(args.goals))] + [(p, load(p)) for p in args.cases]
    for name, records in sets:
        _print(name, records, args.verbose)
    if args.timing:
        texts = [r["text"] for _, recs in sets for r in recs]
        times = []
        for _ in range(5):
            for t in texts:
                start = time.perf_counter()
                check_goal(t)
                times.append(time.perf_counter() - start)
        times.sort()
        print(f"median per goal: {times[len(times) // 2] * 1000:.3f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
