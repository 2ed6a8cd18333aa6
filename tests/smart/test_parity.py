"""The same checker runs unchanged in real Pyodide (Python 3.14, from the pinned npm package under Node) and
gives byte-for-byte the same answers as CPython: on the SMART sets, the whole blind corpus and awkward input,
and on the risk sets, where the safety screen's rules and learned detector answer; Pyodide starts as the
site's worker does, from the trimmed standard library the site ships, and imports nothing outside it
(the runner: parity.py).

All three tests' goals go through one Node process, started once for this module: loading Pyodide and
importing the checker in it costs about 4 s of CPU, which a second process paid again. On two cores the
suite's workers keep the CPU busy, so that load was time added to the whole run (issue 18); each test still
compares its own set, goal by goal."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest

from generator import stdlib
from generator.smart import engine, safety
from tests.smart.goalsets import BLIND, CASES, DEV, HERE, PATTERNS, ROOT, SAFETY, load, spread
from tests.smart.parity import NEEDS_PYODIDE, Run, count_up_to, key, run, shipped_stdlib, unique

pytestmark = NEEDS_PYODIDE


def _smart_goals() -> list[dict]:
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


# The risk side reads a fixed budget of goals, spread over every risk set and both labels (goalsets.spread):
# all of them (18,769 goals in 62 sets at round 13, growing by about 2,000 a round) cost about three times
# this test's CPU, which the suite's two cores pay (issue 18). The SMART side above stays whole (issue 13),
# and each of its goals goes through the safety screen too (rules and learned detector), as a rule unflagged.
RISK_BUDGET = 2000  # goals: about 1,000 flagged, 300 of them by the learned detector alone
WHY_BUDGET = 300  # (goal, why) pairs, the why read at its own threshold (safety.screen_why)


def _risk_goals() -> list[dict]:
    sets = [load(path) for path in SAFETY if path.exists()]
    goals = [{"text": r["text"]} for r in spread(sets, RISK_BUDGET)]
    whys = [load(path) for path in sorted((HERE / "safety" / "whys").glob("whys_*.yaml"))]
    goals += [{"text": r["goal"], "why": r["why"]} for r in spread(whys, WHY_BUDGET)]
    return unique(goals)


def _model_overrules(text: str) -> bool:
    """True when the learned model changes some rule's met / not-met call for this goal."""
    r = engine.read(text)
    got = engine.decisions(r)
    return any((r.rules[k].status == "met") != got[k] for k in ("specific", "measurable", "time_bound"))


def _learned_finding(text: str) -> bool:
    """True when the safety screen flags the goal by its learned detector (risk.py) and no rule fired."""
    return safety.rules(safety.Canon(text)) is None and bool(safety.screen(text))


@dataclass
class Part:
    goals: list[dict]
    done: Run  # this set's part of the shared run; `side` is this set's own count


def _part(done: Run, where: dict[str, int], goals: list[dict], side: object = None) -> Part:
    at = [where[key(g)] for g in goals]
    result = {**done.result, "reports": [done.result["reports"][i] for i in at]} if done.result else {}
    return Part(goals, replace(done, expected=[done.expected[i] for i in at], result=result, side=side))


@pytest.fixture(scope="module")
def parity(tmp_path_factory) -> dict[str, Part]:
    """Every set in one Pyodide run (a goal two sets share is checked once), each test's counts made while
    Pyodide works."""
    sets = {"smart": _smart_goals(), "risk": _risk_goals(), "trace": stdlib._trace_goals(ROOT)}
    goals = unique([g for part in sets.values() for g in part])
    done = run(goals, shipped_stdlib(tmp_path_factory.mktemp("parity")),
               lambda: (count_up_to(20, sets["smart"], _model_overrules), count_up_to(20, sets["risk"], _learned_finding)))
    where = {key(g): i for i, g in enumerate(goals)}
    sides = {"smart": done.side[0], "risk": done.side[1]}
    return {name: _part(done, where, part, sides.get(name)) for name, part in sets.items()}


def test_pyodide_matches_cpython(parity):
    goals, done = parity["smart"].goals, parity["smart"].done
    assert len(goals) >= 120
    assert done.side >= 20, done.side  # the learned decisions, not only the rules', are compared
    done.assert_identical(goals)


def test_pyodide_matches_cpython_on_the_risk_sets(parity):
    goals, done = parity["risk"].goals, parity["risk"].done
    assert sum(1 for r in done.expected if r["safety"]) >= 250  # the safety screen is covered
    assert done.side >= 20, done.side  # and its learned detector's own findings (risk.py), not only the rules'
    done.assert_identical(goals)


def test_the_checker_gives_the_same_answers_on_the_trimmed_stdlib(parity):
    """Pyodide under Node, started from the shipped zip: the same reports as CPython, nothing imported outside
    it (the goals `python -m generator.stdlib` traces; moved here from test_runtime_assets.py, whose own
    Pyodide run cost a second load)."""
    goals, done = parity["trace"].goals, parity["trace"].done
    assert done.returncode == 0, done.stderr
    assert done.result["reports"] == done.expected  # CPython's check_goal(...).to_dict() for each of `goals`
    outside = [name for name, origin in done.result["modules"].items()
               if origin and origin.startswith("/lib/python") and ".zip/" in origin and name not in stdlib.load_modules()]
    assert outside == []
