"""Runs goals through the checker in real Pyodide (Python 3.14, from the pinned npm package under Node) and
in CPython at the same time: what test_parity.py compares, report by report (the SMART sets, the risk sets
and the trace's goals, each in its own test, from one Node process).

Pyodide starts as the site's worker starts it, from the trimmed standard library the site ships: the run is
generator/stdlib_trace.mjs (stdlib.trace), which also lists every module Python imported, so the same run
shows that nothing outside the trimmed library is needed (test_runtime_assets.py booted a second
Pyodide for that alone, about 4 s of CPU).

Why one process (round 11): the suite is CPU-bound on two cores, so a second Pyodide load and import (about
4 s of CPU) cost more than the wall time two files on two workers saved (round 8 split them for that).
Pyodide is the slow half (its load, then about twice CPython's time a goal): it runs in a thread's Node
process while CPython checks the same goals here, once each."""

from __future__ import annotations

import gzip
import json
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator import assets, stdlib
from generator.smart import check_goal
from tests.smart.goalsets import ROOT

NODE = shutil.which("node")
PYODIDE = ROOT / "node_modules" / "pyodide" / "pyodide.mjs"
NEEDS_PYODIDE = [
    pytest.mark.skipif(NODE is None, reason="node is not installed, so Pyodide cannot run here"),
    pytest.mark.skipif(not PYODIDE.exists(), reason="node_modules/pyodide is missing (run npm ci)"),
]


def unique(goals: list[dict]) -> list[dict]:
    """A goal written twice (the same words in two sets) is checked once: the same input, the same work."""
    return list({key(g): g for g in goals}.values())


def key(goal: dict) -> str:
    return json.dumps(goal, sort_keys=True)


def shipped_stdlib(folder: Path) -> Path:
    """The trimmed standard library the site ships (python_stdlib.zip.gz, from the machine's runtime cache, as
    builds make it), unzipped into `folder`: where the parity run's Pyodide starts from."""
    runtime = assets.pyodide_files(PYODIDE.parent, checker=assets.checker_files())
    small = folder / "python_stdlib.zip"
    small.write_bytes(gzip.decompress(runtime[assets.PYODIDE_URL + "python_stdlib.zip.gz"].read_bytes()))
    return small


@dataclass
class Run:
    expected: list[dict]  # CPython's check_goal(...).to_dict(), goal by goal
    result: dict  # what Pyodide gave: {"python": version, "modules": {name: origin}, "reports": [...]}, or {}
    returncode: int  # 0, or 1 when the run failed (stderr says why)
    stderr: str
    side: object  # what `meanwhile` returned

    def assert_identical(self, goals: list[dict]) -> None:
        """Node ended well, ran Python 3.14, and gave CPython's answer for every goal."""
        assert self.returncode == 0, self.stderr
        assert self.result["python"].startswith("3.14"), self.result["python"]
        mismatches = [g["text"] for g, a, b in zip(goals, self.result["reports"], self.expected) if a != b]
        assert not mismatches, f"{len(mismatches)} goals differ in Pyodide, e.g. {mismatches[:3]}"
        assert self.result["reports"] == self.expected


def run(goals: list[dict], stdlib_zip: Path, meanwhile=lambda: None) -> Run:
    """Check `goals` in Pyodide (a Node process, started from `stdlib_zip`) and in CPython at once; `meanwhile`
    runs here too, while Pyodide works (the tests' own counts over the same goals)."""
    done: dict = {}

    def pyodide() -> None:
        try:
            done["result"] = stdlib.trace(ROOT, node=NODE, goals=goals, stdlib_zip=stdlib_zip)
        except Exception as e:  # the tests assert the return code, with this as the reason
            done["error"] = f"{type(e).__name__}: {e}"

    worker = threading.Thread(target=pyodide)
    worker.start()  # Node's subprocess waits outside the GIL: CPython's side runs here meanwhile
    try:
        expected = [check_goal(g["text"], g.get("why"), g.get("confidence")).to_dict() for g in goals]
        side = meanwhile()
    finally:
        worker.join()
    if "result" in done:
        return Run(expected, done["result"], 0, "", side)
    return Run(expected, {}, 1, done.get("error", "the Pyodide run gave nothing"), side)


def count_up_to(enough: int, goals: list[dict], found) -> int:
    """How many goals `found` holds for, counted until there are `enough` (all that the checks need)."""
    count = 0
    for g in goals:
        count += bool(found(g["text"]))
        if count >= enough:
            break
    return count
