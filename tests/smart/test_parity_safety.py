"""The safety screen runs unchanged in real Pyodide and gives byte-for-byte the same answers as in CPython, on
the risk sets: the rules and the learned detector (the SMART sets: test_parity.py; the runner: parity.py)."""

from __future__ import annotations

from generator.smart import safety
from tests.smart.goalsets import SAFETY, SAFETY_LATER, load
from tests.smart.parity import NEEDS_PYODIDE, count_up_to, run, unique

pytestmark = NEEDS_PYODIDE


def _goals() -> list[dict]:
    early = [p for p in SAFETY if p not in SAFETY_LATER]
    goals = [{"text": r["text"]} for path in early if path.exists() for r in load(path)]
    # The later blind authors' sets, every third goal: all of them would add ~70% to this test's time.
    goals += [{"text": r["text"]} for path in SAFETY_LATER if path.exists() for r in load(path)[::3]]
    return unique(goals)


def _learned_finding(text: str) -> bool:
    """True when the safety screen flags the goal by its learned detector (risk.py) and no rule fired."""
    return safety.rules(safety.Canon(text)) is None and bool(safety.screen(text))


def test_pyodide_matches_cpython_on_the_risk_sets(tmp_path):
    goals = _goals()
    done = run(tmp_path, goals, lambda: count_up_to(20, goals, _learned_finding))
    assert sum(1 for r in done.expected if r["safety"]) >= 250  # the safety screen is covered
    assert done.side >= 20, done.side  # and its learned detector's own findings (risk.py), not only the rules'
    done.assert_identical(goals)
