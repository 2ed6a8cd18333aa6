"""The safety screen's reading of disguised and text-speak spellings (safety_canon.Canon,
safety_lexicon.py) and of indirect suicide constructions (safety_signals.py).

What is asserted: a disguised risk word reads as the word it disguises, for the rules and the
learned detector alike (both read Canon's words); the evidence span covers what the person typed;
everyday words one letter away from a risk word, and idioms, are left alone."""

from __future__ import annotations

import pytest

from generator.smart import check_goal, risk
from generator.smart.safety import Canon, rules, screen
from generator.smart.safety_lexicon import SHORT_NOT_TYPOS, SPELL, _short_typos
from generator.smart.safety_signals import signals


@pytest.mark.parametrize("typed, words", [
    ("k!ll myself", "kill myself"),
    ("k1ll myself", "kill myself"),
    ("ki11 myself", "kill myself"),
    ("ki|| myself", "kill myself"),
    ("unal!ve myself", "unalive myself"),
    ("s3lf h4rm", "self harm"),
    ("su1cide", "suicide"),
    ("$uicide", "suicide"),
    ("i want to d!e", "i want to die"),
    ("c*t myself", "cut myself"),
    ("k i l l myself", "kill myself"),
    ("k-i-l-l m-y-s-e-l-f", "kill myself"),
    ("s.u.i.c.i.d.e", "suicide"),
    ("i wanna diiiie", "i want to die"),
    ("kiiiill myself", "kill myself"),
    ("klil myself", "kill myself"),
    ("slef harm", "self harm"),
    ("sewer slide", "suicide"),
    ("un-alive myself", "unalive myself"),
    ("stop s/h", "stop self harm"),
    ("kms", "kill myself"),
])
def test_disguised_spellings_read_as_the_word(typed, words):
    assert " ".join(Canon(typed).words) == words


@pytest.mark.parametrize("typed", [
    "k!ll myself", "k1ll myself tonight", "unal!ve myself soon", "i want to d!e", "k i l l myself", "s3lf h4rm again",
    "su1cide by june", "i want to k.i.l.l m.y.s.e.l.f", "sewer slide after exams",
])
def test_disguised_risk_reaches_the_rules(typed):
    """Not only the caution tier: the rules themselves see the word ("k!ll myself" was the known gap)."""
    found = rules(Canon(typed))
    assert found is not None, typed
    assert check_goal(typed).to_dict()["safety"] is not None


@pytest.mark.parametrize("typed, shown", [
    ("k!ll myself", "k!ll myself"),
    ("I want to k i l l myself", "k i l l myself"),
    ("i wanna be un-alive", "un-alive"),
    ("sewer slide tonight", "sewer slide"),
])
def test_evidence_points_into_what_was_typed(typed, shown):
    found = screen(typed)
    assert found is not None
    assert [typed[s:e] for s, e in found.evidence] == [shown]


@pytest.mark.parametrize("typed", [
    "kill it at work", "skill up in python", "book a kiln session", "kmsl that was so funny",
    "plan the u s a trip", "stop!now i mean it", "the a b c of budgeting", "learn to dye my hair",
    "hang the pictures in the hall", "quit smoking for good",
])
def test_everyday_words_and_idioms_are_not_corrected_into_risk(typed):
    assert screen(typed) is None, typed


def test_a_sentence_mark_between_words_still_ends_the_sentence():
    assert Canon("stop!now").words == ["stop", ".", "now"]
    assert Canon("hi!").words == ["hi", "."]


def test_leetspeak_reads_only_risk_words():
    """Times and sizes keep their digits: "1am" is not "iam", "5k" not "sk"."""
    assert Canon("run 5k at 7am").words == ["run", "5", "k", "at", "7", "am"]
    assert Canon("up at 1am").words == ["up", "at", "1", "am"]


def test_short_typos_never_turn_everyday_words_into_risk_words():
    typos = _short_typos()
    assert typos["kiill"] == "kill" and typos["hagn"] == "hang"
    for word in ("ill", "dad", "ham", "hut", "stare", "pure", "pill", "roe", "bade", "skill", "kiln", "hill", "hrt"):
        assert word not in typos, word
        assert SPELL.get(word) not in {"kill", "dead", "harm", "hurt", "starve", "purge", "blade", "rope"}, word
    assert SHORT_NOT_TYPOS.isdisjoint(typos)


@pytest.mark.parametrize("text, name", [
    ("not here by christmas", "absent at"),
    ("i will not be around much longer", "absent at"),
    ("I keep thinking everyone would be happier if I just was not around any more", "absent"),
    ("log off for good", "final leaving"),
    ("just want out, permanently", "final leaving"),
    ("sort my passwords before I go.", "after me"),
    ("everyone would cope fine", "others cope"),
    ("it would save everyone a lot of bother", "others cope"),
    ("want the game to be over", "want over"),
    ("make it all stop", "want over"),
    ("i already picked a date", "a date"),
    ("no more tomorrows", "no future"),
    ("so tired of everything", "tired of it"),
    ("stop being a burden", "burden"),
])
def test_indirect_constructions_are_signals(text, name):
    assert name in signals(Canon(text).text)
    assert "s|" + name in risk.strings(Canon(text).words)


@pytest.mark.parametrize("text", [
    "Walk for 20 minutes every morning before work", "quit smoking for good", "before I go to uni, learn to cook",
    "finish the report by friday", "call my mum every sunday",
])
def test_ordinary_goals_hold_no_signal(text):
    assert signals(Canon(text).text) == {}


def test_a_signal_points_at_the_word_it_starts_at():
    words = Canon("goals: gym, laundry. not here by christmas").words
    i = risk.strings(words)["s|absent at"]
    assert words[i] == "not"
