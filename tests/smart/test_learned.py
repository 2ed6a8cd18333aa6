"""The learned decision model: shipped small, read by stdlib code, hashed
stably, fresh for the training data, and worded warmly when it overrules
the rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.smart import features, learned
from generator.smart.decide import attainable, follow
from generator.smart.report import Criterion

WEIGHTS = Path(learned.__file__).with_name("weights.py")


def test_model_fits_the_shipped_budget():
    assert WEIGHTS.stat().st_size <= 300 * 1024


def test_model_has_every_head_at_full_width():
    m = learned.model()
    assert set(m.heads) == set(learned.BINARY) | {"framing:" + f for f in learned.FRAMINGS}
    for bias, scale, w in m.heads.values():
        assert len(w) == 1 << m.bits and scale > 0
        assert any(w), "a head with no weights decides by its bias alone"


def test_feature_hashing_is_crc32_not_python_hash():
    # Fixed numbers: Python's hash() of a str changes from run to run, crc32 never does.
    assert features.hashed(["u|walk"], 14) == [5462]
    assert features.hashed(["g|<caf", "u|walk", "u|walk"], 14) == [5462, 16228]


def test_features_cover_words_pieces_context_and_rules():
    got = features.strings("walk every evening", "because my dog needs it", ["r|specific|met"])
    assert {"u|walk", "b|<s> walk", "b|evening </s>", "g|<eve", "c|dog", "r|specific|met"} <= got
    assert "c|walk" not in got and "u|dog" not in got


def test_decisions_are_deterministic():
    m = learned.model()
    idx = features.hashed(features.strings("walk 20 minutes every evening", "", []), m.bits)
    assert m.decide(idx) == m.decide(list(idx))
    assert m.margin("specific", idx) == m.margin("specific", idx)


def test_shipped_weights_were_trained_on_the_current_data():
    from generator import train

    if not list(train.CORPUS.glob("a_*.yaml")):
        pytest.skip(f"the labelled corpus is not checked out at {train.CORPUS}")
    rows, _ = train.datasets()
    digest, cs = learned.model().version.split("-C", 1)
    cs = dict(zip(train.HEADS, (float(c) for c in cs.split(","))))
    assert digest == train.fingerprint(rows, cs), "weights.py is stale: run `make train`"


def test_agreeing_model_keeps_the_rules_message():
    rule = Criterion("partial", "rule words", "rule suggestion", [(0, 4)])
    assert follow("specific", rule, False, "walk daily") is rule


def test_overruling_quotes_the_evidence_in_the_same_voice():
    text = "walk to the shop"
    met = follow("specific", Criterion("partial", "x", "y", [(0, 4)]), True, text)
    assert met.status == "met" and "\u201cwalk\u201d" in met.message and met.suggestion is None
    not_met = follow("measurable", Criterion("met", "x", None, [(5, 16)]), False, text)
    assert not_met.status == "partial" and "\u201cto the shop\u201d" in not_met.message and not_met.suggestion
    bare = follow("time_bound", Criterion("met", "x", None, []), False, text)
    assert bare.status == "missing" and "time frame" in bare.message


def test_attainable_listens_to_confidence_when_the_model_sees_no_risk():
    risky = Criterion("missing", "absolute", "s", [(0, 5)])
    assert attainable(risky, False, 4).status == "partial"
    assert attainable(risky, False, 9).status == "met"
    assert attainable(Criterion("met", "ok", None, []), True, 9).status == "missing"


def test_a_damaged_model_is_refused_with_the_file_named():
    import base64

    every = base64.b64encode(b"\xff\xff").decode()
    data = {"bits": 4, "used": every,
            "heads": {"specific": {"bias": 0, "scale": 1, "w": base64.b64encode(bytes(15)).decode()}}}
    with pytest.raises(ValueError, match="weights.py: head 'specific' has 15 weights, expected 16"):
        learned.Model(data)
    with pytest.raises(ValueError, match="weights.py: the bucket bitmap has 8 bits, expected 16"):
        learned.Model(dict(data, used=base64.b64encode(b"\xff").decode()))


def test_only_used_buckets_are_stored():
    import base64

    # Buckets 1 and 3 of 8 are used (bitmap 0b00001010); their weights are 5 and -7.
    data = {"bits": 3, "used": base64.b64encode(bytes([0b00001010])).decode(),
            "heads": {"h": {"bias": 0.5, "scale": 0.25, "w": base64.b64encode(bytes([5, 256 - 7])).decode()}}}
    m = learned.Model(data)
    assert list(m.heads["h"][2]) == [0, 5, 0, -7, 0, 0, 0, 0]
    assert m.margin("h", [1, 3]) == 0.5 + 0.25 * (5 - 7)


def test_shipped_weights_carry_the_leave_one_author_out_table():
    import json

    from generator import train
    from generator.smart import weights

    if not list(train.CORPUS.glob("a_*.yaml")):
        pytest.skip(f"the labelled corpus is not checked out at {train.CORPUS}")
    cv = json.loads(weights.DATA)["cv"]
    _, by_author = train.datasets()
    assert set(cv["folds"]) == set(by_author), "every corpus author is held out once"
    assert cv["pooled"]["n"] == sum(len(rows) for rows in by_author.values())
    for acc in list(cv["folds"].values()) + [cv["pooled"]]:
        assert all(0.5 < acc[k] <= 1.0 for k in train.LABELS)
