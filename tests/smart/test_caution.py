"""The caution tier: when the safety screen does not flag a goal but its learned head is unsure
(log-odds between the caution and the flag thresholds), the checker keeps the SMART breakdown
(statuses, evidence, suggestions) but words every message without praise, drops the reframe, and
says ``"caution": true`` so the page can show one calm line about help above the breakdown.

A risky goal the screen misses is otherwise told "That's a good sign": these tests hold the
tier's promises, not its figures (make train and make eval report those)."""

from __future__ import annotations

import json

import pytest

from generator import train_safety
from generator.cli import main as cli_main
from generator.smart import check_goal, decide, engine, risk, safety
from generator.smart.text import CAUTION_NOTE, format_report
from tests.smart.goalsets import BLIND, CASES, DEV, PATTERNS, caution_goals, load
from tests.smart.praise import praise_in



def band() -> tuple[str, ...]:
    """The 20 shortest risky training goals in the caution band (what the tests below need), found when a
    test first asks: not at import, which every xdist worker pays to collect this module."""
    return caution_goals(20)

HEALTHY = "Walk for 20 minutes every morning before work for the next 4 weeks"
HEALTHY_WHY = "I want more energy for my kids"


def _messages(data):
    return [c["message"] for c in data["criteria"].values()] + [c["suggestion"] for c in data["criteria"].values()]


def test_the_shipped_detector_has_a_caution_band_below_its_threshold():
    det = risk.detector()
    assert det is not None and det.caution < det.threshold
    assert len(band()) >= 20, "the training sets should hold risky goals in the band"


@pytest.mark.parametrize("rank", range(12))
def test_a_goal_in_the_band_keeps_its_breakdown_without_praise(rank):
    text = band()[rank]
    data = json.loads(json.dumps(check_goal(text, why="I just have to", confidence=9).to_dict()))
    assert data["caution"] is True and data["safety"] is None
    assert type(data["score"]) is int and data["score"] == sum(c["status"] == "met" for c in data["criteria"].values())
    assert data["reframe"] is None
    for message in _messages(data):
        assert praise_in(message) == [], message
    # The same statuses, evidence and suggestions as the ordinary wording: only the words change.
    warm = engine.check(text, "I just have to", 9).to_dict()
    for key, crit in data["criteria"].items():
        assert crit["status"] == warm["criteria"][key]["status"]
        assert crit["evidence"] == warm["criteria"][key]["evidence"]
        assert crit["suggestion"] == warm["criteria"][key]["suggestion"]
    assert data["framing"] == warm["framing"]


def test_a_flagged_goal_is_never_in_the_caution_tier():
    data = check_goal("I want to cut myself less, no more than twice a week by March", confidence=8).to_dict()
    assert data["safety"] is not None and data["caution"] is False and data["score"] is None
    for text in [r["text"] for r in load(train_safety.SAFETY_DIR / "dev.yaml") if r.get("risk")][:200]:
        found, caution = safety.assess(text)
        assert not (found is not None and caution), text


def test_a_clearly_healthy_goal_keeps_its_praise():
    data = check_goal(HEALTHY, why=HEALTHY_WHY, confidence=8).to_dict()
    assert data["caution"] is False and data["safety"] is None and data["score"] == 5
    assert "good sign" in data["criteria"]["attainable"]["message"]
    assert praise_in(data["criteria"]["relevant"]["message"])


def _ordinary_goals():
    texts = [r["text"] for p in (DEV, CASES, BLIND, PATTERNS) if p.exists() for r in load(p)
             if isinstance(r.get("text"), str)]
    return texts


def test_no_message_in_caution_mode_praises():
    """Every goal of the SMART sets, with and without a why and a confidence: in the
    caution wording no message or suggestion holds a praise word, and nothing but the words changes.
    The ordinary wording praises somewhere, so the list of praise words is not vacuous."""
    texts = _ordinary_goals()
    assert len(texts) >= 300
    praised = 0
    for i, text in enumerate(texts):
        why, confidence = [(None, None), (HEALTHY_WHY, 8), ("my mum says so", 4)][i % 3]
        warm = engine.check(text, why, confidence).to_dict()
        plain = engine.check(text, why, confidence, caution=True).to_dict()
        praised += any(praise_in(m) for m in _messages(warm))
        assert plain["caution"] is True and plain["reframe"] is None
        for key, crit in plain["criteria"].items():
            assert praise_in(crit["message"]) == [] and praise_in(crit["suggestion"]) == [], (text, crit["message"])
            assert (crit["status"], crit["evidence"]) == (warm["criteria"][key]["status"], warm["criteria"][key]["evidence"])
    assert praised > len(texts) // 2


@pytest.mark.parametrize("name", sorted(decide.PLAIN))
@pytest.mark.parametrize("met", [True, False])
def test_the_models_overrides_have_plain_wording_too(name, met):
    """decide.follow words a disagreement with the rules; in the caution tier without praise."""
    from generator.smart.report import Criterion

    text = "walk every day by Friday"
    rule = Criterion("partial" if met else "met", "rule", None, [(0, 4)])
    for plain in (True, False):
        got = decide.follow(name, rule, met, text, (), plain=plain)
        assert (praise_in(got.message) == []) or not plain, got.message
    got = decide.attainable(Criterion("met", "", None, []), True, 8, plain=True)
    assert praise_in(got.message) == []
    assert praise_in(decide.attainable(Criterion("missing", "", None, []), False, 8, plain=True).message) == []


def test_the_terminal_report_shows_the_tier(capsys):
    text = band()[0]
    assert cli_main(["check", text]) == 0
    out = capsys.readouterr().out
    assert "".join(CAUTION_NOTE) in out and "SMART score" not in out and "Specific" in out
    assert out.index("".join(CAUTION_NOTE)) < out.index("Specific")
    assert not praise_in(out.replace(text, ""))
    assert cli_main(["check", "--json", text]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["caution"] is True and data["safety"] is None and isinstance(data["score"], int)
    ordinary = format_report(check_goal(HEALTHY, why=HEALTHY_WHY, confidence=8))
    assert "".join(CAUTION_NOTE) not in ordinary and "SMART score: 5 of 5" in ordinary


def test_the_caution_threshold_keeps_the_ordinary_budget():
    """choose_caution: the lowest log-odds at which ordinary goals losing praise stay within the budget."""
    data = [{"kind": "ordinary", "risk": False, "found": None} for _ in range(100)]
    data += [{"kind": "risk", "risk": True, "found": None} for _ in range(10)]
    margins = [i / 10 for i in range(100)] + [5.0] * 10  # ordinary goals from 0.0 to 9.9
    t = train_safety.choose_caution(data, margins, "joint", list(range(110)), threshold=9.95)
    assert sum(1 for m in margins[:100] if m >= t) == int(train_safety.ORDINARY_BUDGET * 100)
    assert train_safety.choose_caution(data, margins, "joint", list(range(110)), threshold=2.0) == 2.0
