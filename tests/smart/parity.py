"""Runs goals through the checker in real Pyodide (Python 3.14, from the pinned npm package under Node) and
in CPython at the same time: what test_parity.py compares byte for byte (the SMART sets and the risk sets,
each in its own test, from one Node process).

Why one process (round 11): the suite is CPU-bound on two cores, so a second Pyodide load and import (about
4 s of CPU) cost more than the wall time two files on two workers saved (round 8 split them for that).
Pyodide is the slow half (its load, then about twice CPython's time a goal): its Node process starts first
and loads while CPython reads the goal sets, then checks every goal while CPython checks them here, once each."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass

import pytest

from generator.smart import check_goal
from tests.smart.goalsets import HERE, ROOT

NODE = shutil.which("node")
PYODIDE = ROOT / "node_modules" / "pyodide" / "pyodide.mjs"
NEEDS_PYODIDE = [
    pytest.mark.skipif(NODE is None, reason="node is not installed, so Pyodide cannot run here"),
    pytest.mark.skipif(not PYODIDE.exists(), reason="node_modules/pyodide is missing (run npm ci)"),
]


def unique(goals: list[dict]) -> list[dict]:
    """A goal written twice (the same words in two sets) is checked once: the same input, the same work."""
    return list({json.dumps(g, sort_keys=True): g for g in goals}.values())


@dataclass
class Run:
    expected: list[dict]  # CPython's check_goal(...).to_dict(), goal by goal
    result: dict  # what Pyodide printed: {"python": version, "reports": [...]}, or {} when Node failed
    returncode: int
    stderr: str
    side: object  # what `meanwhile` returned

    def assert_identical(self, goals: list[dict]) -> None:
        """Node ended well, ran Python 3.14, and printed CPython's answer for every goal, byte for byte."""
        assert self.returncode == 0, self.stderr
        assert self.result["python"].startswith("3.14"), self.result["python"]
        mismatches = [g["text"] for g, a, b in zip(goals, self.result["reports"], self.expected) if a != b]
        assert not mismatches, f"{len(mismatches)} goals differ in Pyodide, e.g. {mismatches[:3]}"
        assert self.result["reports"] == self.expected


def run(tmp_path, goals: list[dict], meanwhile=lambda: None) -> Run:
    """Check `goals` in Pyodide (a Node process) and in CPython at once; `meanwhile` runs here too, while
    Pyodide works (the tests' own counts over the same goals)."""
    out, err = tmp_path / "reports.json", tmp_path / "stderr.txt"
    with open(out, "wb") as stdout, open(err, "wb") as stderr:
        node = subprocess.Popen([NODE, str(HERE / "pyodide_parity.mjs")], cwd=ROOT,
                                stdin=subprocess.PIPE, stdout=stdout, stderr=stderr)
    try:
        files = {"generator/__init__.py": ""}
        for path in sorted((ROOT / "generator" / "smart").glob("*.py")):
            files[f"generator/smart/{path.name}"] = path.read_text(encoding="utf-8")
        try:
            with node.stdin:
                node.stdin.write(json.dumps({"files": files, "goals": goals}).encode("utf-8"))
        except BrokenPipeError:  # Node ended early: its stderr says why (the tests assert the return code)
            pass
        # CPython's side, while Pyodide works through the same goals in its own process.
        expected = [check_goal(g["text"], g.get("why"), g.get("confidence")).to_dict() for g in goals]
        side = meanwhile()
        returncode = node.wait(timeout=600)
    finally:
        if node.poll() is None:
            node.kill()
            node.wait()
    stderr_text = err.read_text(encoding="utf-8")
    result = json.loads(out.read_text(encoding="utf-8")) if returncode == 0 else {}
    return Run(expected, result, returncode, stderr_text, side)


def count_up_to(enough: int, goals: list[dict], found) -> int:
    """How many goals `found` holds for, counted until there are `enough` (all that the checks need)."""
    count = 0
    for g in goals:
        count += bool(found(g["text"]))
        if count >= enough:
            break
    return count
