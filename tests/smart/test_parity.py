"""The same checker runs unchanged in real Pyodide (Python 3.14, from the
pinned npm package under Node) and gives byte-for-byte the same answers.

Pyodide is the slow half (its load, then about twice CPython's time a goal): its Node process starts
first and loads while CPython reads the goal sets, then checks every goal while CPython checks them
here, once each."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from generator.smart import check_goal, engine, safety
from tests.smart.goalsets import BLIND, CASES, DEV, HERE, PATTERNS, ROOT, SAFETY, SAFETY_LATER, load

NODE = shutil.which("node")
PYODIDE = ROOT / "node_modules" / "pyodide" / "pyodide.mjs"


def _goals() -> list[dict]:
    early = [p for p in SAFETY if p not in SAFETY_LATER]
    goals = [{"text": r["text"]} for path in (DEV, CASES, BLIND, PATTERNS, *early) if path.exists() for r in load(path)]
    # The later blind authors' sets, every third goal: 3,700 goals in full would add ~70% to this test's time.
    goals += [{"text": r["text"]} for path in SAFETY_LATER if path.exists() for r in load(path)[::3]]
    # The whole blind corpus: every goal runs the normaliser, the aim finder and the learned model.
    goals += [{"text": r["text"]} for path in sorted((HERE / "corpus").glob("*.yaml")) for r in load(path)]
    goals += [
        {"text": "Call my mum every Sunday", "why": "I miss her", "confidence": 8},
        {"text": "Never feel anxious again", "why": "my mum says I should", "confidence": 3},
        {"text": "", "why": "", "confidence": None},
        {"text": "Walk the dog every morning", "why": "so i can give my cat to my sister before i'm gone", "confidence": 9},
        {"text": "\U0001F600 \u6bce\u671d\u8d70\u308b \u0628\u0627\u0644\u0639\u0631\u0628\u064a\u0629 \u0130stanbul \x00\x07!?",
         "why": None, "confidence": 11},
    ]
    # A goal written twice (the same words in two sets) is checked once: the same input, the same work.
    return list({json.dumps(g, sort_keys=True): g for g in goals}.values())


def _model_overrules(text: str) -> bool:
    """True when the learned model changes some rule's met / not-met call for this goal."""
    r = engine.read(text)
    got = engine.decisions(r)
    return any((r.rules[k].status == "met") != got[k] for k in ("specific", "measurable", "time_bound"))


def _learned_finding(text: str) -> bool:
    """True when the safety screen flags the goal by its learned detector (risk.py) and no rule fired."""
    return safety.rules(safety.Canon(text)) is None and bool(safety.screen(text))


def _count_up_to(enough: int, goals: list[dict], found) -> int:
    """How many goals `found` holds for, counted until there are `enough` (all that the checks below need)."""
    count = 0
    for g in goals:
        count += bool(found(g["text"]))
        if count >= enough:
            break
    return count


@pytest.mark.skipif(NODE is None, reason="node is not installed, so Pyodide cannot run here")
@pytest.mark.skipif(not PYODIDE.exists(), reason="node_modules/pyodide is missing (run npm ci)")
def test_pyodide_matches_cpython(tmp_path):
    out, err = tmp_path / "reports.json", tmp_path / "stderr.txt"
    with open(out, "wb") as stdout, open(err, "wb") as stderr:
        node = subprocess.Popen([NODE, str(HERE / "pyodide_parity.mjs")], cwd=ROOT,
                                stdin=subprocess.PIPE, stdout=stdout, stderr=stderr)
    try:
        goals = _goals()
        files = {"generator/__init__.py": ""}
        for path in sorted((ROOT / "generator" / "smart").glob("*.py")):
            files[f"generator/smart/{path.name}"] = path.read_text(encoding="utf-8")
        try:
            with node.stdin:
                node.stdin.write(json.dumps({"files": files, "goals": goals}).encode("utf-8"))
        except BrokenPipeError:  # Node ended early: its stderr says why (asserted below)
            pass
        # CPython's side, while Pyodide works through the same goals in its own process.
        reports = [check_goal(g["text"], g.get("why"), g.get("confidence")) for g in goals]
        learned = _count_up_to(20, goals, _learned_finding)
        overruled = _count_up_to(20, goals, _model_overrules)
        returncode = node.wait(timeout=600)
    finally:
        if node.poll() is None:
            node.kill()
            node.wait()
    assert len(goals) >= 120
    assert sum(1 for r in reports if r.safety) >= 250  # the safety screen is covered
    assert learned >= 20, learned  # and its learned detector's own findings (risk.py), not only the rules'
    assert overruled >= 20, overruled  # the learned decisions, not only the rules', are compared
    assert returncode == 0, err.read_text(encoding="utf-8")
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["python"].startswith("3.14"), result["python"]
    expected = [r.to_dict() for r in reports]
    mismatches = [g["text"] for g, a, b in zip(goals, result["reports"], expected) if a != b]
    assert not mismatches, f"{len(mismatches)} goals differ in Pyodide, e.g. {mismatches[:3]}"
    assert result["reports"] == expected
