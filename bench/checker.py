"""The SMART checker's speed: per goal natively, and per call inside Pyodide under Node.

Goals come from the labelled dev set (``../shared/smart-goals/dev.yaml``, the
``text`` of each record). Natively, each run times ``check_goal(text).to_dict()``
over every goal; in Pyodide, ``bench/pyodide_node.mjs`` does the same through
the worker's own call path (JSON text out, parsed in JS).
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from . import DEV_SET, HERE, ROOT
from .stats import summarize


def dev_goals(path: Path = DEV_SET) -> list[str]:
    records = yaml.safe_load(path.read_text("utf-8"))
    return [r["text"] for r in records if isinstance(r, dict) and isinstance(r.get("text"), str)]


def cold_import_ms(runs: int) -> dict:
    """Wall time of ``import generator.smart`` in a fresh interpreter, minus an empty interpreter's start."""
    def wall(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True)
        return (time.perf_counter() - start) * 1000

    samples = []
    for _ in range(runs):
        base = wall("pass")
        samples.append(wall("from generator.smart import check_goal") - base)
    return summarize(samples, 1)


def native(goals: list[str], runs: int) -> dict:
    try:
        from generator.smart import check_goal
    except Exception as exc:  # the checker is still being written
        return {"error": f"generator.smart not importable: {exc!r}"}
    check_goal(goals[0]).to_dict()  # warm: the first call compiles regexes and fills caches
    per_goal, worst = [], 0.0
    for _ in range(runs):
        start = time.perf_counter()
        for text in goals:
            one = time.perf_counter()
            check_goal(text).to_dict()
            worst = max(worst, time.perf_counter() - one)
        per_goal.append((time.perf_counter() - start) * 1000 / len(goals))
    # Per-goal spread over one pass: the slow goals are the ones a person notices.
    each = []
    for text in goals:
        one = time.perf_counter()
        check_goal(text).to_dict()
        each.append(((time.perf_counter() - one) * 1000, text))
    each.sort(reverse=True)
    return {
        "per_goal_ms": summarize(per_goal, 4),
        "worst_goal_ms": round(worst * 1000, 3),
        "p95_goal_ms": round(statistics.quantiles([e[0] for e in each], n=20)[-1], 3),
        "slowest_goal": each[0][1],
        "python": sys.version.split()[0],
    }


def pyodide(goals: list[str], runs: int) -> dict:
    node = shutil.which("node")
    if not node:
        return {"error": "node not found"}
    with tempfile.TemporaryDirectory(prefix="wbbench-goals-") as tmp:
        goals_file = Path(tmp) / "goals.json"
        goals_file.write_text(json.dumps(goals), encoding="utf-8")
        done = subprocess.run([node, str(HERE / "pyodide_node.mjs"), str(ROOT), str(goals_file), str(runs)],
                              capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        return {"error": f"node exited {done.returncode}: {done.stderr.strip()[-500:]}"}
    raw = json.loads(done.stdout.strip().splitlines()[-1])
    if "error" in raw:
        return {"error": raw["error"], "boot_ms": round(raw.get("boot_ms", 0), 1)}
    return {
        "per_call_ms": summarize(raw["per_call_ms"], 4),
        "worst_call_ms": round(raw["worst_call_ms"], 3),
        "first_call_ms": round(raw["first_call_ms"], 2),
        "first_pass_per_call_ms": round(raw["first_pass_per_call_ms"], 3),
        "boot_ms": round(raw["boot_ms"], 1),
        "import_ms": round(raw["import_ms"], 1),
        "files": raw["files"],
        "pyodide": raw["pyodide_version"],
        "node": subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip(),
    }


def run(quick: bool = False, log=print) -> dict:
    goals = dev_goals()
    log(f"checker: {len(goals)} dev goals, native")
    result = {"goals": len(goals), "native": native(goals, 3 if quick else 7)}
    result["native"]["cold_import_ms"] = cold_import_ms(2 if quick else 5)
    log("checker: inside Pyodide under Node")
    result["pyodide"] = pyodide(goals, 3 if quick else 7)
    return result
