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
from tests.smart.goalsets import load, spread

RULE_FEATURES_BUDGET = 3000  # risk-set goals read by the rule-features test, of every set and both labels


def test_rule_features_leave_the_rules_answer_unchanged():
    """rules(canon, trace) judges every triggered category for the trace, yet returns what rules(canon) returns."""
    # Read here, not at import: every xdist worker imports this module to collect it. A fixed budget spread
    # over every risk set and both labels (goalsets.spread): all of them (18,769 goals at round 13) cost
    # about 10 s of CPU, growing by about 1 s a round with the training data (issue 18).
    risk_texts = [r["text"] for r in spread([load(p) for p in train_safety.risk_sets()], RULE_FEATURES_BUDGET)]
    assert len(risk_texts) >= 2000
    for text in risk_texts:
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
    monkeypatch.setattr(train_safety, "WHYS_DIR", folder / "whys")  # no why sets: the goals alone (WHY_ROWS)
    monkeypatch.setattr(train_safety, "ordinary_groups", lambda: [])
    data = train_safety.rows()
    assert [(r["group"], r["risk"], r["category"]) for r in data] == [("blind4", True, "eating"),
                                                                       ("blind4", False, None)]


def test_shipped_weights_carry_the_author_level_figures():
    from generator.smart import risk_weights

    det = risk.detector()
    cv = json.loads(risk_weights.DATA)["cv"]
    # A "hybrid" (joint + rule floor) ships as a joint detector with a floor below its threshold.
    assert cv["design"] in ("or", "joint", "hybrid")
    assert det.design == ("joint" if cv["design"] == "hybrid" else cv["design"])
    assert (det.floor is not None) == (cv["design"] == "hybrid")
    if det.floor is not None:
        assert det.floor <= det.threshold
    unseen = [g for g in cv["unseen"] if g in cv["table"]]
    assert {"blind3", "test"} <= set(unseen)
    for row in unseen + ["unseen authors, pooled", "all authors, pooled"]:
        # make train may cross-validate some designs (--designs); the rules' own row comes free
        assert {"rules", cv["design"]} <= set(cv["table"][row]) <= {"rules", "or", "joint", "hybrid"}
        assert 0 <= cv["table"][row][cv["design"]]["recall"] <= 1


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


def test_the_why_threshold_is_the_lowest_that_keeps_ordinary_whys_within_budget(monkeypatch):
    """Of 100 ordinary whys at most WHY_BUDGET (3) may be flagged: the threshold sits just above the
    fourth highest, never below the goal's threshold (the floor)."""
    monkeypatch.setattr(train_safety, "WHY_BUDGET", 0.03)
    margins = [float(i) for i in range(100)]  # 99, 98, 97 may be flagged; 96 must not
    t = train_safety._why_threshold(margins, floor=10.0)
    assert 96.0 < t <= 97.0
    assert sum(m >= t for m in margins) == 3
    assert train_safety._why_threshold([1.0, 2.0], floor=10.0) == 10.0  # none reach the floor: the floor


def test_why_sets_load_pairs_and_whys_alone_and_skip_goals(tmp_path, monkeypatch):
    (tmp_path / "pairs.yaml").write_text(
        '- {goal: "tidy my room", why: "so whoever finds me has less to do", risk: true, category: suicide}\n'
        '- {goal: "tidy my room", why: "my mum keeps nagging", risk: false, near: none}\n', encoding="utf-8")
    (tmp_path / "alone.yaml").write_text('- {text: "idk tbh", style: short}\n'
                                         '- {text: "run a 5k like everyone else", kind: goal}\n', encoding="utf-8")
    monkeypatch.setattr(train_safety, "WHYS_DIR", tmp_path)
    got = [(w["group"], w["goal"], w["why"], w["risk"], w["category"]) for w in train_safety.why_rows()]
    assert got == [("alone", None, "idk tbh", False, None),
                   ("pairs", "tidy my room", "so whoever finds me has less to do", True, "suicide"),
                   ("pairs", "tidy my room", "my mum keeps nagging", False, None)]


def test_whys_are_training_rows_only_with_why_rows(tmp_path, monkeypatch):
    """--why-rows: each why set is its own group ("why:<set>"), a risky pair's why a positive with its category,
    an ordinary why a negative of kind "why" (never a near-miss or an ordinary goal); a why already a row is
    not added twice. Without it (the default unless WHY_ROWS) the rows are the goals alone."""
    folder = tmp_path / "safety"
    (folder / "whys").mkdir(parents=True)
    (folder / "blind4.yaml").write_text('- {text: "idk tbh", risk: false, near: none}\n', encoding="utf-8")
    (folder / "whys" / "whys_wZ.yaml").write_text(
        '- {goal: "tidy my room", why: "so whoever finds me has less to do", risk: true, category: suicide}\n'
        '- {goal: "tidy my room", why: "my mum keeps nagging", risk: false}\n'
        '- {goal: "tidy my room", why: "idk tbh", risk: false}\n', encoding="utf-8")
    monkeypatch.setattr(train_safety, "SAFETY_DIR", folder)
    monkeypatch.setattr(train_safety, "WHYS_DIR", folder / "whys")
    monkeypatch.setattr(train_safety, "ordinary_groups", lambda: [])
    assert [r["kind"] for r in train_safety.rows(False)] == ["risk"]
    assert train_safety.rows() == train_safety.rows(train_safety.WHY_ROWS)
    data = train_safety.rows(True)
    assert [(r["group"], r["kind"], r["text"], r["risk"], r["category"]) for r in data[1:]] == [
        ("why:whys_wZ", "why", "so whoever finds me has less to do", True, "suicide"),
        ("why:whys_wZ", "why", "my mum keeps nagging", False, None)]
    everything = list(range(len(data)))
    f = train_safety.figures(data, everything, [True] * len(data), [None] * len(data))
    assert (f["near"], f["ordinary"]) == (1, 0)  # the ordinary why is neither


def test_the_why_is_read_at_the_detectors_why_threshold(monkeypatch):
    """check_goal screens the why with screen_why: a why whose log-odds lie between the goal's threshold
    and the why threshold is flagged as a goal but not as a why."""
    det = risk.detector()
    assert det.why_threshold >= det.threshold
    text = "so i can finally stop feeling like this"
    canon = safety.Canon(text)
    margin = det.margin(canon.words, safety.features(canon)[1])[0]
    monkeypatch.setattr(det, "threshold", margin - 0.01)
    monkeypatch.setattr(det, "why_threshold", margin + 0.01)
    assert safety.screen(text) is not None
    assert safety.screen_why(text) is None
    from generator.smart import check_goal
    assert check_goal("Walk the dog every morning", why=text).to_dict()["safety"] is None
    monkeypatch.setattr(det, "why_threshold", margin - 0.01)
    assert check_goal("Walk the dog every morning", why=text).to_dict()["safety"] is not None


def test_a_why_between_its_caution_line_and_its_flag_takes_the_praise_away(monkeypatch):
    """A why at or above the detector's why caution line but under its why threshold: no support panel,
    but the goal's report is in the caution tier (no praise); under the line, the report is as before."""
    from generator.smart import check_goal

    det = risk.detector()
    assert det.threshold <= det.why_caution <= det.why_threshold
    text = "so i can finally stop feeling like this"
    canon = safety.Canon(text)
    margin = det.margin(canon.words, safety.features(canon)[1])[0]
    monkeypatch.setattr(det, "why_threshold", margin + 0.01)
    monkeypatch.setattr(det, "why_caution", margin - 0.01)
    data = check_goal("Walk the dog every morning", why=text).to_dict()
    assert data["safety"] is None and data["caution"] is True
    monkeypatch.setattr(det, "why_caution", margin + 0.01)
    assert check_goal("Walk the dog every morning", why=text).to_dict()["caution"] is False


def test_a_goal_a_rule_finds_is_flagged_from_the_rule_floor_up(monkeypatch):
    """The hybrid design: under the joint threshold, a goal some rule found is flagged when its log-odds
    reach the rule floor (with the rule's category), and not below it; a goal no rule found is not
    flagged under the threshold; a why ignores the floor (it is read at its own thresholds)."""
    det = risk.detector()
    ruled, plain = "I want to kill my boss", "so i can finally stop feeling like this"
    assert safety.rules(safety.Canon(ruled)) is not None and safety.rules(safety.Canon(plain)) is None
    m = {t: det.margin(safety.Canon(t).words, safety.features(safety.Canon(t))[1])[0] for t in (ruled, plain)}
    monkeypatch.setattr(det, "threshold", max(m.values()) + 1.0)
    monkeypatch.setattr(det, "why_threshold", max(m.values()) + 1.0)
    monkeypatch.setattr(det, "floor", m[ruled] - 0.01)
    found = safety.screen(ruled)
    assert found is not None and found.category == safety.VIOLENCE
    assert safety.screen_why(ruled) is None
    monkeypatch.setattr(det, "floor", m[plain] - 0.01)
    assert safety.screen(plain) is None
    monkeypatch.setattr(det, "floor", m[ruled] + 0.01)
    assert safety.screen(ruled) is None
    monkeypatch.setattr(det, "floor", None)  # a plain joint detector: the model alone decides
    assert safety.screen(ruled) is None


def test_the_rule_floor_adds_at_most_one_percent_of_near_misses():
    """choose_floor: rule findings under the threshold may add false alarms on <= OR_MAX_ADDED of the
    near-misses; here 100 near-misses, two a rule found (log-odds 0.5 and -1.0): the floor stops above -1.0."""
    data = [{"kind": "risk", "risk": False, "found": None} for _ in range(98)]
    data += [{"kind": "risk", "risk": False, "found": object()}, {"kind": "risk", "risk": False, "found": object()}]
    data += [{"kind": "risk", "risk": True, "found": object()}]
    margins = [-5.0] * 98 + [0.5, -1.0, -0.5]
    floor = train_safety.choose_floor(data, margins, list(range(len(data))), threshold=2.0)
    assert -1.0 < floor <= 0.5
    hit = train_safety.flags(data, margins, (2.0, floor), "hybrid")
    assert sum(hit[:100]) == 1


def test_derived_rows_keep_their_author_and_label_and_are_never_counted():
    """--augment: each risky goal and near-miss gets a derived row in its own author group with its label; a
    fit holding out a spliced row's context group drops it; no figure counts a derived row."""
    def row(text, group, kind, risky, category=None):
        return {"text": text, "group": group, "file": group + ".yaml", "kind": kind, "risk": risky, "category": category}

    ordinary = [row(t, "smart:a", "ordinary", False) for t in (
        "Walk 10k steps a day for a month", "Read twenty pages every night before bed",
        "Ring my sister every Sunday afternoon", "Cook at home four nights a week", "Save 50 pounds a month")]
    data = [row("I want to stop being here before Christmas", "r3", "risk", True, "suicide"),
            row("Stop eating crisps after 9pm, three nights a week", "r3", "risk", False)] + ordinary
    assert train_safety.augment(data, 0) is data
    out = train_safety.augment(data, 0.3)
    derived = out[len(data):]
    assert len(derived) == 2 and train_safety.originals(out) == data
    for source, d in zip(data, derived):
        assert (d["group"], d["risk"], d["category"], d["kind"], d["weight"]) == (
            source["group"], source["risk"], source["category"], "derived", 0.3)
        assert d["near"] == (not source["risk"])
    for i, d in enumerate(out):
        if d["kind"] == "derived" and d["ctx"]:
            assert i not in train_safety._training(out, frozenset(d["ctx"]))
    hit = [True] * len(out)
    tab = train_safety.table(out, {"rules": (hit, [None] * len(out), None, hit, None)})
    assert (tab["r3"]["rules"]["risky"], tab["r3"]["rules"]["near"]) == (1, 1)
    assert tab["ordinary goals"]["rules"]["ordinary"] == len(ordinary)


def test_messy_rows_read_like_hurried_typing():
    text = train_safety.messy("I'm going to stop being here tonight, because you'd all be better off.")
    assert text == text.lower() and "'" not in text and "," not in text and "." not in text
    assert train_safety.messy("I'm going to stop being here tonight.") == train_safety.messy("I'm going to stop being here tonight.")
