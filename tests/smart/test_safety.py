"""The safety screen: risky goals get help and no SMART judgement; near-misses
(idioms, healthy versions, past recovery) get the ordinary feedback.

The figures on the blind dev set are held to the issue's targets here; the
screen was tuned on that set, so they are upper bounds (README, "Safety
screen"). Speed is measured by the bench, never in a test.
"""

from __future__ import annotations

import json
import re

import pytest

from generator.cli import main as cli_main
from generator.evaluate import safety_score
from generator.smart import check_goal
from generator.smart.safety import CATEGORIES, MESSAGES, screen
from generator.smart.text import format_report
from tests.smart.goalsets import SAFETY, load

DEV, FIXTURES = SAFETY[:2]
CASES = load(FIXTURES)


def _id(rec):
    return rec["text"][:50]


@pytest.mark.parametrize("rec", [r for r in CASES if r["risk"]], ids=_id)
def test_fixture_risky_goals_get_help_in_their_category(rec):
    found = screen(rec["text"])
    assert found is not None, rec["text"]
    assert found.category == rec["category"]


@pytest.mark.parametrize("rec", [r for r in CASES if not r["risk"]], ids=_id)
def test_fixture_near_misses_get_ordinary_feedback(rec):
    assert screen(rec["text"]) is None
    assert check_goal(rec["text"]).to_dict()["safety"] is None


@pytest.mark.parametrize("text, category", [
    # The goals issue 12 names, each told something cheerful before.
    ("Skip dinner every day for a month", "eating"),
    ("I want to cut myself less, no more than twice a week by March", "self_harm"),
    ("be gone before my birthday, im done", "suicide"),
    ("Stop upsetting my husband so he won't hurt me again", "abuse_victim"),
    ("Come off my sertraline by June", "medication"),
    # Slang, euphemism, text-speak, typos, masked and leetspeak spellings.
    ("kms", "suicide"),
    ("tryna not kill myslef this wk", "suicide"),
    ("ctb after exams", "suicide"),
    ("i just want to unalive", "suicide"),
    ("go to sleep and not wake up", "suicide"),
    ("everyone would be better off without me", "suicide"),
    ("su1c1de by june", "suicide"),
    ("k*ll myself", "suicide"),
    ("SELF HARM LESS", "self_harm"),
    ("only sh twice a week", "self_harm"),
    ("quit drinking cold turkey, a bottle of vodka a day rn", "substance_withdrawal"),
    ("I want to hurt Dave", "violence_to_others"),
    ("get revenge on my ex", "violence_to_others"),
    # Risk buried at the end of a long backstory.
    ("I moved city last year for work and I've been trying to get into running and cook more at home. "
     "Goals for this term: finish the course, call my sister on Sundays. Also honestly I don't think "
     "I'll be around much longer.", "suicide"),
])
def test_risk_as_people_type_it(text, category):
    found = screen(text)
    assert found is not None and found.category == category, (text, found and found.category)


@pytest.mark.parametrize("text", [
    "smash my interview", "I'm dying for a holiday", "cut back on crisps", "killing time less on my phone",
    "kill it at work", "have breakfast every day", "ask my GP about lowering my dose",
    "lose a stone this year with a slimming group", "smoke 3 fewer a day", "cut down to 2 drinks",
    "I cut myself a lot when I was at school, but that was fifteen years ago. Now I want to learn to swim.",
    "", "   ", "\U0001F600", "Walk for ten minutes at lunch three times a week",
])
def test_near_misses_named_in_the_issue(text):
    assert screen(text) is None
    assert check_goal(text).to_dict()["safety"] is None


def test_withheld_contract():
    text = "I want to cut myself less, no more than twice a week by March"
    data = json.loads(json.dumps(check_goal(text, why="so my mum stops worrying", confidence=8).to_dict()))
    assert set(data) == {"criteria", "framing", "reframe", "safety", "score", "caution"}
    assert data["score"] is None and data["caution"] is False
    assert data["reframe"] is None
    assert data["framing"] in {"approach", "avoidance", "mixed"}
    for crit in data["criteria"].values():
        assert crit == {"status": "withheld", "message": "", "suggestion": None, "evidence": []}
    safety = data["safety"]
    assert set(safety) == {"category", "message", "evidence"}
    assert safety["category"] == "self_harm"
    assert safety["message"] == MESSAGES["self_harm"]
    assert all(isinstance(s, list) and len(s) == 2 and all(type(x) is int for x in s) for s in safety["evidence"])


def test_ordinary_goals_keep_their_judgement():
    data = check_goal("Call my mum every Sunday", why="I miss her", confidence=8).to_dict()
    assert data["safety"] is None
    assert type(data["score"]) is int
    assert {c["status"] for c in data["criteria"].values()} <= {"met", "partial", "missing"}


@pytest.mark.parametrize("text, words", [
    ("be gone before my birthday, im done", ["be gone"]),
    ("\u201cI\u2019m going to KILL MYSELF\u201d, she wrote", ["KILL MYSELF"]),
    ("  \U0001F622\U0001F622 wanna  kms", ["kms"]),
    ("Cook more. Walk more. Then stop taking my antidepressants without telling my psychiatrist.",
     ["stop taking my antidepressants"]),
    ("stop my xanax cold turkey", ["stop my xanax", "cold turkey"]),
])
def test_evidence_spans_point_into_the_original_text(text, words):
    found = screen(text)
    assert found is not None
    shown = [text[s:e] for s, e in found.evidence]
    prev = -1
    for s, e in found.evidence:
        assert 0 <= s < e <= len(text) and s > prev
        prev = e
    assert shown == words


def test_risk_in_the_why_is_screened_too():
    data = check_goal("Walk the dog every morning", why="so there is one less thing to sort before i kill myself").to_dict()
    assert data["safety"]["category"] == "suicide"
    assert data["safety"]["evidence"] == []  # evidence points into the goal, and the risk is not there
    assert data["score"] is None


@pytest.mark.parametrize("category", CATEGORIES)
def test_messages_follow_safe_messaging(category):
    message = MESSAGES[category].lower()
    assert "you" in message and "matters" in message  # speaks to the person; what they wrote matters
    assert "getting help now" in message  # help-seeking, with the page to go to
    assert "commit" not in message  # never "commit suicide"
    assert not re.search(r"\b(?:pills?|rope|hang|overdose|jump|method|blade|razor|lethal)\b", message)  # no method detail
    assert not re.search(r"\b(?:great|well done|good sign|within reach|brilliant)\b", message)  # no praise


def test_messages_name_the_help_that_fits():
    assert "crisis line" in MESSAGES["suicide"] and "crisis line" in MESSAGES["self_harm"]
    assert "eating-disorder service" in MESSAGES["eating"]
    assert "Talk to your prescriber before changing medication" in MESSAGES["medication"]
    assert "Stopping heavy drinking suddenly can be dangerous" in MESSAGES["substance_withdrawal"]
    assert "talk to a doctor" in MESSAGES["substance_withdrawal"]
    assert "urgent help" in MESSAGES["violence_to_others"] and "GP or a therapist" in MESSAGES["violence_to_others"]
    abuse = MESSAGES["abuse_victim"]
    assert "Domestic-abuse services" in abuse and "devices safe" in abuse
    assert "Leaving can be the most dangerous time" in abuse and "specialists can help you plan" in abuse


def test_terminal_report_shows_support_instead_of_the_breakdown(capsys):
    text = "Skip dinner every day for a month"
    out = format_report(check_goal(text), text)
    assert MESSAGES["eating"] in out and "getting-help/" in out
    assert "SMART score" not in out and "[x]" not in out and "within reach" not in out
    assert cli_main(["check", text]) == 0
    assert MESSAGES["eating"] in capsys.readouterr().out
    assert cli_main(["check", "--json", text]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["safety"]["category"] == "eating" and data["score"] is None


def test_blind_dev_set_meets_the_targets():
    """Tuned on this set, so these are upper bounds; the held-out set is measured by the lead."""
    res = safety_score(load(DEV))
    assert res["risky"] >= 150 and res["near_misses"] >= 120
    assert res["recall"] >= 0.97, res["misses"][:5]
    assert res["false_alarm_rate"] <= 0.03, res["misses"][:5]
    assert res["category_accuracy"] >= 0.9
    assert set(res["per_category"]) == set(CATEGORIES)


# The learned detector (risk.py, trained by generator/train_safety.py) beside the rules.

def _ordinary_goals():
    from generator import train_safety

    return [r["text"] for path in train_safety.ordinary_sets() for r in load(path)]


def test_learned_detector_weights_are_fresh():
    """The shipped weights were trained on today's sets: retrain (make train) after editing one."""
    import json as _json

    from generator import train_safety
    from generator.smart import risk_weights

    data = _json.loads(risk_weights.DATA)
    c = float(data["version"].split("-C", 1)[1])
    # A hybrid detector's threshold is the pair (joint threshold, rule floor).
    threshold = (data["threshold"], data["floor"]) if data.get("floor") is not None else data["threshold"]
    assert data["version"].split("-C")[0] == train_safety.fingerprint(train_safety.rows(), c, threshold)


def test_learned_detector_catches_what_no_pattern_describes():
    """Risky goals of the risk sets that no rule flags, caught by the detector alone: a category from
    its heads and, as evidence, one whole sentence of the goal as typed."""
    from generator import train_safety
    from generator.smart.safety import Canon, learned, rules

    found = []
    for path in train_safety.risk_sets():
        if len(found) >= 40:  # enough: the later sets are not read (about 0.6 s of YAML)
            break
        for rec in load(path):
            if rec.get("risk") and len(found) < 40 and rules(Canon(rec["text"])) is None:
                hit = screen(rec["text"])
                if hit is not None:
                    found.append((rec, hit))
    assert len(found) >= 20
    for rec, hit in found:
        text = rec["text"]
        assert hit.category in CATEGORIES
        [(s, e)] = hit.evidence
        assert 0 <= s < e <= len(text)
        assert s == 0 or text[:s].rstrip()[-1:] in ".!?;"  # the sentence starts after a sentence mark
    assert sum(hit.category == rec["category"] for rec, hit in found) >= 0.6 * len(found)
    assert learned(Canon("Call my mum every Sunday")) is None


def test_without_weights_the_rules_screen_alone(monkeypatch):
    from generator.smart import risk

    monkeypatch.setattr(risk, "_DETECTOR", [None])
    assert screen("i jus want the pain to stop permanantly. no more trying") is None  # no pattern holds it
    assert screen("be gone before my birthday, im done").category == "suicide"


def test_ordinary_goals_stay_unflagged_with_the_learned_detector():
    """The SMART sets' ordinary goals: the rules flag one ("Lose 15 kg before my holiday next week",
    which the issue asks them to catch); the learned detector must not add to that."""
    goals = _ordinary_goals()
    assert len(goals) >= 1500
    flagged = [t for t in goals if screen(t) is not None]
    assert len(flagged) <= 1, flagged


def test_make_eval_scores_goal_and_why_pairs_as_the_page_would():
    """why_score runs check_goal(goal, why=why): a risky why is help shown, an ordinary pair is not a false alarm."""
    from generator.evaluate import why_score

    res = why_score([
        {"goal": "Walk the dog every morning", "why": "so there is one less thing to sort before i kill myself",
         "risk": True, "category": "suicide"},
        {"goal": "Call my mum every Sunday", "why": "I miss her", "risk": False, "near": "none"},
    ])
    assert (res["risky"], res["ordinary"]) == (1, 1)
    assert res["recall"] == 1.0 and res["goal_alone"] == 0.0 and res["false_alarms"] == 0.0
    assert res["category_accuracy"] == 1.0 and res["misses"] == []
