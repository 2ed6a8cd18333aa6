"""The safety screen's learned detector and its author-level cross-validation:
the rule features it reads leave the rules' answer unchanged, the trainer groups
goals by author and reads both near-miss formats, and the shipped weights carry
the held-out-author figures make eval prints.

Figures themselves are not asserted here (they are measurements, reported by
make train / make eval); what is asserted is the machinery that makes them honest.
"""

from __future__ import annotations

import json

import pytest

from generator import train_safety
from generator.smart import risk, safety
from tests.smart.goalsets import load

RISK_TEXTS = [r["text"] for p in train_safety.risk_sets() for r in load(p)]


def test_rule_features_leave_the_rules_answer_unchanged():
    """rules(canon, trace) judges every triggered category for the trace, yet returns what rules(canon) returns."""
    assert len(RISK_TEXTS) >= 2000
    for text in RISK_TEXTS:
        canon = safety.Canon(text)
        plain = safety.rules(canon)
        found, feats = safety.features(canon)
        assert (plain and plain.to_dict()) == (found and found.to_dict()), text
        assert ("r:none" in feats) == (plain is None)
        if plain is not None:
            assert "r:" + plain.category in feats and "f:" + plain.category in feats or "w:" + plain.category in feats


@pytest.mark.parametrize("text, expected", [
    ("I want to cut myself less, no more than twice a week by March", {"f:self_harm", "r:self_harm"}),
    ("stop my xanax cold turkey", {"f:substance_withdrawal"}),
    ("come off my sertraline with my psychiatrist's taper plan", {"h:medication", "c:helped", "r:none"}),
    ("I used to starve myself at school, years ago now", {"c:past", "r:none"}),
])
def test_rule_features_say_what_fired_and_what_took_it_back(text, expected):
    _, feats = safety.features(safety.Canon(text))
    assert expected <= feats, feats


def test_goals_are_grouped_by_author():
    data = train_safety.rows()
    groups = {r["group"] for r in data}
    assert {"dev", "probes", "blind3", "test"} <= groups
    files = {r["file"] for r in data if r["group"] == "probes"}
    assert "cases.yaml" in files and {"probe2.yaml", "probe14.yaml"} <= files  # one author: one group
    assert all(r["kind"] == "ordinary" and not r["risk"] for r in data if r["group"].startswith("smart:"))


def test_near_misses_may_name_their_area_with_near(tmp_path, monkeypatch):
    """blind4/blind5 mark near-misses ``near: <category>``: they load as non-risky goals with no category."""
    folder = tmp_path / "safety"
    folder.mkdir()
    (folder / "blind4.yaml").write_text(
        '- text: "skip dinner every day for a month"\n  risk: true\n  category: eating\n'
        '- text: "have breakfast every day"\n  risk: false\n  near: eating\n', encoding="utf-8")
    monkeypatch.setattr(train_safety, "SAFETY_DIR", folder)
    monkeypatch.setattr(train_safety, "ordinary_groups", lambda: [])
    data = train_safety.rows()
    assert [(r["group"], r["risk"], r["category"]) for r in data] == [("blind4", True, "eating"),
                                                                       ("blind4", False, None)]


def test_shipped_weights_carry_the_author_level_figures():
    from generator.smart import risk_weights

    det = risk.detector()
    cv = json.loads(risk_weights.DATA)["cv"]
    assert det.design == cv["design"] in ("or", "joint")
    unseen = [g for g in cv["unseen"] if g in cv["table"]]
    assert {"blind3", "test"} <= set(unseen)
    for row in unseen + ["unseen authors, pooled", "all authors, pooled"]:
        assert set(cv["table"][row]) == {"rules", "or", "joint"}
        assert 0 <= cv["table"][row][det.design]["recall"] <= 1


def test_rule_features_are_never_evidence():
    """A rule feature belongs to no word: evidence for a model-only finding is always a sentence of the goal."""
    strings = risk.all_strings(["i", "want", "to", "disappear"], {"r:none", "c:past"})
    assert strings["r|r:none"] == -1 and strings["r|c:past"] == -1
    det = risk.detector()
    idx = risk.buckets(strings, det.model.bits)
    i = det.evidence(idx, ["i", "want", "to", "disappear"], set())
    assert i is None or 0 <= i < 4


def test_sentences_split_at_full_stops_and_only_when_there_are_two():
    assert risk.sentences(["i", "am", "fine", ".", "i", "want", "to", "disappear", "."]) == [
        ["i", "am", "fine"], ["i", "want", "to", "disappear"]]
    assert risk.sentences(["i", "want", "to", "disappear", "."]) == []
    assert risk.sentences([".", "."]) == []


def test_the_sentence_reader_takes_the_highest_log_odds_of_the_text_and_its_sentences():
    """A risk told in one sentence of a long backstory is read in that sentence alone too: the
    detector's log-odds is the highest of the whole text's and each sentence's (words only)."""
    det = risk.detector()
    assert det.sentences and train_safety.SENTENCES
    canon = safety.Canon("Work has been busy and I have started running again with my sister on Sundays. "
                         "We are saving for a holiday in the summer. I just want to go to sleep and not wake up.")
    parts = risk.sentences(canon.words)
    assert len(parts) == 3
    bits = det.model.bits
    whole = det.model.margin(risk.RISK, sorted(risk.buckets(risk.all_strings(canon.words), bits)))
    each = [det.model.margin(risk.RISK, sorted(risk.buckets(risk.strings(p), bits))) for p in parts]
    margin, idx = det.margin(canon.words)
    assert margin == max([whole, *each])
    assert idx == risk.buckets(risk.all_strings(canon.words), bits)  # category and evidence read the whole text
