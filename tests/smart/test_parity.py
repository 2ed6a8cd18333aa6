"""The same checker runs unchanged in real Pyodide (Python 3.14, from the pinned npm package under Node) and
gives byte-for-byte the same answers: the SMART sets, the whole blind corpus and awkward input (the risk sets:
test_parity_safety.py; the shared runner: parity.py)."""

from __future__ import annotations

from generator.smart import engine
from tests.smart.goalsets import BLIND, CASES, DEV, HERE, PATTERNS, load
from tests.smart.parity import NEEDS_PYODIDE, count_up_to, run, unique

pytestmark = NEEDS_PYODIDE


def _goals() -> list[dict]:
    goals = [{"text": r["text"]} for path in (DEV, CASES, BLIND, PATTERNS) if path.exists() for r in load(path)]
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
    return unique(goals)


def _model_overrules(text: str) -> bool:
    """True when the learned model changes some rule's met / not-met call for this goal."""
    r = engine.read(text)
    got = engine.decisions(r)
    return any((r.rules[k].status == "met") != got[k] for k in ("specific", "measurable", "time_bound"))


def test_pyodide_matches_cpython(tmp_path):
    goals = _goals()
    done = run(tmp_path, goals, lambda: count_up_to(20, goals, _model_overrules))
    assert len(goals) >= 120
    assert done.side >= 20, done.side  # the learned decisions, not only the rules', are compared
    done.assert_identical(goals)

