"""The same checker runs unchanged in real Pyodide (Python 3.14, from the
pinned npm package under Node) and gives byte-for-byte the same answers."""

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
    return goals


def _model_overrules(text: str) -> bool:
    """True when the learned model changes some rule's met / not-met call for this goal."""
    r = engine.read(text)
    got = engine.decisions(r)
    return any((r.rules[k].status == "met") != got[k] for k in ("specific", "measurable", "time_bound"))


@pytest.mark.skipif(NODE is None, reason="node is not installed, so Pyodide cannot run here")
@pytest.mark.skipif(not PYODIDE.exists(), reason="node_modules/pyodide is missing (run npm ci)")
def test_pyodide_matches_cpython(tmp_path):
    goals = _goals()
    assert len(goals) >= 120
    assert sum(1 for g in goals if check_goal(g["text"], g.get("why")).safety) >= 250  # the safety screen is covered
    learned = sum(1 for g in goals if safety.rules(safety.Canon(g["text"])) is None and safety.screen(g["text"]))
    assert learned >= 20, learned  # and its learned detector's own findings (risk.py), not only the rules'
    overruled = sum(1 for g in goals if _model_overrules(g["text"]))
    assert overruled >= 20, overruled  # the learned decisions, not only the rules', are compared
    files = {"generator/__init__.py": ""}
    for path in sorted((ROOT / "generator" / "smart").glob("*.py")):
        files[f"generator/smart/{path.name}"] = path.read_text(encoding="utf-8")
    data = tmp_path / "input.json"
    data.write_text(json.dumps({"files": files, "goals": goals}), encoding="utf-8")
    done = subprocess.run([NODE, str(HERE / "pyodide_parity.mjs"), str(data)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["python"].startswith("3.14"), result["python"]
    expected = [check_goal(g["text"], g.get("why"), g.get("confidence")).to_dict() for g in goals]
    mismatches = [g["text"] for g, a, b in zip(goals, result["reports"], expected) if a != b]
    assert not mismatches, f"{len(mismatches)} goals differ in Pyodide, e.g. {mismatches[:3]}"
    assert result["reports"] == expected
